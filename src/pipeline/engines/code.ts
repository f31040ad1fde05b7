/**
 * Stage 4, code side: which engine lints which code file. oxlint for large runs by default
 * (`auto`); ESLint for small ones and for what oxlint cannot answer exactly as ESLint would, so
 * findings never depend on the engine:
 * - files with inline comments that could change backlint's findings (directives naming its
 *   rules or none, inline config; see needsEslint): ESLint's handling of them is the contract
 *   (suppressed findings and their justifications, unused directives), and oxlint has its own;
 * - files oxlint hands back (parse errors, rule crashes; see ./oxlint.ts);
 * - everything, with `engine: 'eslint'` or where oxlint cannot run.
 * The two run side by side: oxlint in its own process, ESLint in this one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileResult } from '../../report/model.js';
import { holdSharedParses } from '../../project/shared-parse.js';
import type { CodeLintOptions } from './eslint.js';
import { lintWithOxlint, oxlintBinary, unavailableReason } from './oxlint.js';
import { commonAncestor } from './paths.js';

import type { CodeEngine } from './code-engines.js';

export { CODE_ENGINES, type CodeEngine } from './code-engines.js';

/**
 * `auto` uses oxlint from this many code files on. It was 200 while the CLI's own process loaded
 * ESLint and TypeScript for every run; now oxlint's second process costs less than the ESLint lane
 * at every size (whole CLI on Ghost's first N files, 3 runs each, medians: 1 file 0.69 vs 0.82 s,
 * 10 files 0.88 vs 1.26 s, 100 files 1.43 vs 2.16 s; 105 vs 152 MB for one file).
 */
export const OXLINT_MIN_FILES = 1;

export interface CodeRunOptions extends CodeLintOptions {
  engine?: CodeEngine;
  /** Told when oxlint was to lint files and could not: ESLint lints them, slower (see Report.notices). */
  onNotice?: (message: string) => void;
}

function eslintStoodIn(files: number, reason: string): string {
  return `oxlint could not lint ${files} code file${files === 1 ? '' : 's'} (${reason}); ESLint linted ${files === 1 ? 'it' : 'them'} instead, with the same rules and findings but slower. \`--engine eslint\` makes that the choice.`;
}

// What in a file can change backlint's findings under ESLint and not the same way under oxlint:
// a directive naming a backlint rule (suppressions, justifications, unknown-rule notices), a
// blanket directive for the rest of the file (it silences backlint too), inline config comments
// naming a backlint rule (`/* eslint backlint/x: off */`) or declaring globals (`/* global */`,
// which oxlint reads otherwise). Directives and rule configs naming only other rules change
// nothing of ours, under either engine (the ESLint lane drops what such a config turns on:
// ./eslint.ts). What slips past this text check (a blanket directive for one line, a rule list
// continued on the next line) oxlint still honours, and a file where oxlint silenced a report
// goes to ESLint anyway (./oxlint.ts compares its reports with its output).
const DIRECTIVE = /(?:eslint|oxlint)-(?:disable|enable)(-next-line|-line)?/g;
const INLINE_CONFIG = /\/\*\s*(eslint|oxlint|globals?|exported)(?=\s)/g;
// With `--no-inline-config`, ESLint ignores every directive and oxlint cannot be told to.
const ANY_DIRECTIVE = /eslint|oxlint/;
// A directive's rule list is short; reading a bounded stretch keeps the scan linear.
const RULE_LIST_CHARS = 400;

function directiveMatters(text: string): boolean {
  for (const m of text.matchAll(DIRECTIVE)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + RULE_LIST_CHARS);
    const end = [after.indexOf('\n'), after.indexOf('*/'), after.indexOf('--')].filter((i) => i >= 0);
    const rules = (end.length ? after.slice(0, Math.min(...end)) : after).trim();
    if (rules.includes('backlint/')) return true;
    // A blanket directive for one line (`// eslint-disable-line`, common for other tools' rules)
    // rarely meets a finding of ours: oxlint keeps the file, and when it does silence one of our
    // reports the file goes to ESLint after all (./oxlint.ts). A blanket directive for the rest
    // of the file usually does, so that file goes to ESLint from the start.
    if (rules === '' && m[1] === undefined) return true;
  }
  return false;
}

function inlineConfigMatters(text: string): boolean {
  for (const m of text.matchAll(INLINE_CONFIG)) {
    if (m[1] !== 'eslint') return true;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + RULE_LIST_CHARS);
    const end = after.indexOf('*/');
    // A rule list longer than the stretch read may name one of ours further on.
    if (end < 0 || after.slice(0, end).includes('backlint/')) return true;
  }
  return false;
}

function needsEslint(absFile: string, inlineConfig: boolean): boolean {
  let text: string;
  try {
    text = readFileSync(absFile, 'utf8');
  } catch {
    // intentionally ignored: ESLint reports the unreadable file as it always has.
    return true;
  }
  if (!inlineConfig) return ANY_DIRECTIVE.test(text);
  return inlineConfigMatters(text) || directiveMatters(text);
}

async function eslintLane(files: readonly string[], opts: CodeLintOptions): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const { lintCodeFiles } = await import('./eslint.js');
  // Files the drift check reads ahead of ESLint are parsed once, for both.
  const release = holdSharedParses(files.map((f) => path.resolve(opts.cwd, f)));
  return lintCodeFiles(files, opts).finally(release);
}

/** The engine that will lint `fileCount` code files when `requested` is asked for. */
export function codeEngineFor(fileCount: number, requested: CodeEngine = 'auto'): 'oxlint' | 'eslint' {
  const wanted = requested === 'oxlint' || (requested === 'auto' && fileCount >= OXLINT_MIN_FILES);
  return wanted && oxlintBinary() ? 'oxlint' : 'eslint';
}

/** Lints the code files (relative to `opts.cwd`) and returns one result per file. */
export async function lintCode(files: readonly string[], opts: CodeRunOptions): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const { engine, onNotice, ...eslintOpts } = opts;
  // Text from stdin is handed to ESLint as text; oxlint only reads files.
  if (opts.stdin || engine === 'eslint') return eslintLane(files, eslintOpts);
  if (codeEngineFor(files.length, engine) === 'eslint') {
    if (!oxlintBinary()) onNotice?.(eslintStoodIn(files.length, unavailableReason()));
    return eslintLane(files, eslintOpts);
  }

  const toOxlint: string[] = [];
  const toEslint: string[] = [];
  for (const file of files) {
    const abs = path.resolve(opts.cwd, file);
    (needsEslint(abs, opts.inlineConfig !== false) ? toEslint : toOxlint).push(abs);
  }
  const oxlint = lintWithOxlint(toOxlint, { runDir: commonAncestor([opts.cwd, ...toOxlint]), cwd: opts.cwd, preset: opts.preset, config: opts.config });
  const first = await eslintLane(toEslint, eslintOpts);
  const { results, forEslint, failed } = await oxlint;
  if (failed) onNotice?.(eslintStoodIn(failed.files, failed.reason));
  opts.onFileDone?.(toOxlint.length - forEslint.length);
  const second = await eslintLane(forEslint, eslintOpts);
  return [...first, ...results, ...second];
}
