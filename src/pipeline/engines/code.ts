/**
 * Stage 4, code side: which engine lints which code file. oxlint for large runs by default
 * (`auto`); ESLint for small ones and for what oxlint cannot answer exactly as ESLint would, so
 * findings never depend on the engine:
 * - files with inline `eslint`/`oxlint` comments (disable directives, inline rule config):
 *   ESLint's handling of them is the contract (`--no-inline-config`, unused directives,
 *   suppressed findings in the report), and oxlint has its own;
 * - files oxlint hands back (parse errors, rule crashes; see ./oxlint.ts);
 * - everything, with `engine: 'eslint'` or where oxlint cannot run.
 * The two run side by side: oxlint in its own process, ESLint in this one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileResult } from '../../report/model.js';
import { holdSharedParses } from '../../project/shared-parse.js';
import type { CodeLintOptions } from './eslint.js';
import { lintWithOxlint, oxlintBinary } from './oxlint.js';
import { commonAncestor } from './paths.js';

export type CodeEngine = 'auto' | 'oxlint' | 'eslint';
export const CODE_ENGINES: readonly CodeEngine[] = ['auto', 'oxlint', 'eslint'];

/**
 * `auto` uses oxlint from this many code files on. Below it, oxlint's own process start and its
 * second load of the rules cost more than its faster parsing saves (measured in `npm run bench`).
 */
export const OXLINT_MIN_FILES = 200;

export interface CodeRunOptions extends CodeLintOptions {
  engine?: CodeEngine;
}

// Inline configuration comments are `eslint-…`, `/* eslint … */`, `oxlint-…`; a file that merely
// mentions the word goes to ESLint too, which costs only time.
function hasInlineConfig(absFile: string): boolean {
  try {
    const text = readFileSync(absFile, 'utf8');
    return text.includes('eslint') || text.includes('oxlint');
  } catch {
    // intentionally ignored: ESLint reports the unreadable file as it always has.
    return true;
  }
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
  const { engine, ...eslintOpts } = opts;
  if (codeEngineFor(files.length, engine) === 'eslint') return eslintLane(files, eslintOpts);

  const toOxlint: string[] = [];
  const toEslint: string[] = [];
  for (const file of files) {
    const abs = path.resolve(opts.cwd, file);
    (hasInlineConfig(abs) ? toEslint : toOxlint).push(abs);
  }
  const oxlint = lintWithOxlint(toOxlint, { runDir: commonAncestor([opts.cwd, ...toOxlint]), cwd: opts.cwd, preset: opts.preset, config: opts.config });
  const first = await eslintLane(toEslint, eslintOpts);
  const { results, forEslint } = await oxlint;
  opts.onFileDone?.(toOxlint.length - forEslint.length);
  const second = await eslintLane(forEslint, eslintOpts);
  return [...first, ...results, ...second];
}
