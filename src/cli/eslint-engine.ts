/**
 * Running the ESLint face: ESLint's Node API with backlint's own flat config (a user's
 * eslint.config is never loaded), over the explicit file list discovery produced.
 */
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin, { CODE_FILES, languageSetup } from '../eslint/plugin.js';
import type { Preset } from '../catalog.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { FileResult, Finding } from '../report/model.js';
import { eslintBaseRules, eslintOverrideConfigs } from './settings.js';

export const PARSE_ERROR_RULE = 'backlint/parse-error';
/** Problems ESLint reports about inline `eslint` comments themselves (bad rule config in a comment). */
export const DIRECTIVE_RULE = 'backlint/directive';

const CHUNK = 64;

export interface CodeLintOptions {
  cwd: string;
  preset: Preset;
  config: ResolvedConfig;
  onFileDone?: (count: number) => void;
}

export function relativeFile(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join('/') || path.basename(abs);
}

/** The deepest directory containing every path: ESLint ignores files outside its cwd. */
function commonAncestor(paths: readonly string[]): string {
  let common = path.resolve(paths[0]!);
  for (const p of paths.slice(1)) {
    const abs = path.resolve(p);
    while (abs !== common && !abs.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) {
      const parent = path.dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}

export function buildEslintConfig(preset: Preset, config: ResolvedConfig): Linter.Config[] {
  return [
    ...languageSetup(),
    {
      name: 'backlint/cli',
      files: CODE_FILES,
      plugins: { backlint: plugin as unknown as ESLint.Plugin },
      rules: eslintBaseRules(preset, config),
      // Disable comments for rules of other plugins are normal in real code; without their
      // plugins loaded, ESLint would call them unused.
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    ...eslintOverrideConfigs(config),
  ];
}

// ESLint reports `eslint-disable` comments naming rules it does not know. In real code they name
// rules of the project's own ESLint setup (other plugins), which backlint does not load: not a
// problem worth reporting. A misspelt backlint rule still is.
const UNKNOWN_RULE = /^Definition for rule '([^']+)' was not found\.?$/;
function isForeignRuleNotice(m: Linter.LintMessage): boolean {
  const match = UNKNOWN_RULE.exec(m.message);
  return !!match && !match[1]!.startsWith('backlint/');
}

function toFinding(cwd: string, file: string, m: Linter.LintMessage): Finding {
  const fatal = m.fatal === true;
  const finding: Finding = {
    ruleId: fatal ? PARSE_ERROR_RULE : UNKNOWN_RULE.test(m.message) ? DIRECTIVE_RULE : (m.ruleId ?? DIRECTIVE_RULE),
    engine: 'eslint',
    severity: fatal || m.severity === 2 ? 'error' : 'warning',
    message: fatal ? `Could not parse the file: ${m.message.replace(/^Parsing error:\s*/, '')}` : m.message,
    file: relativeFile(cwd, file),
    line: Math.max(1, m.line || 1),
    // typescript-eslint's parser errors carry a 0-based column, which ESLint passes through as is.
    column: Math.max(1, (m.column || 0) + (fatal ? 1 : 0)),
  };
  if (!fatal && m.endLine !== undefined) {
    finding.endLine = m.endLine;
    if (m.endColumn !== undefined) finding.endColumn = m.endColumn;
  }
  const suggestions = m.suggestions?.map((s) => s.desc).filter((d): d is string => !!d);
  if (suggestions?.length) finding.suggestions = suggestions;
  return finding;
}

export async function lintCodeFiles(files: readonly string[], opts: CodeLintOptions): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const eslint = new ESLint({
    cwd: commonAncestor([opts.cwd, ...files]),
    overrideConfigFile: true,
    overrideConfig: buildEslintConfig(opts.preset, opts.config),
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    // Results are ours to merge; never let ESLint write caches into the user's tree.
    cache: false,
  });
  const out: FileResult[] = [];
  for (let i = 0; i < files.length; i += CHUNK) {
    const chunk = files.slice(i, i + CHUNK);
    let results: ESLint.LintResult[];
    try {
      results = await eslint.lintFiles(chunk as string[]);
    } catch {
      // intentionally ignored: a crash inside one rule aborts the whole lintFiles call; retrying
      // file by file turns the one bad file into a located diagnostic and keeps the others.
      results = [];
      for (const file of chunk) {
        try {
          results.push(...(await eslint.lintFiles([file])));
        } catch (err) {
          out.push({
            file: relativeFile(opts.cwd, file),
            kind: 'code',
            findings: [
              {
                ruleId: PARSE_ERROR_RULE,
                engine: 'eslint',
                severity: 'error',
                message: `Could not lint the file: ${((err as Error).message ?? String(err)).split('\n')[0]}`,
                file: relativeFile(opts.cwd, file),
                line: 1,
                column: 1,
              },
            ],
          });
        }
      }
    }
    for (const r of results) {
      out.push({
        file: relativeFile(opts.cwd, r.filePath),
        kind: 'code',
        findings: r.messages.filter((m) => !isForeignRuleNotice(m)).map((m) => toFinding(opts.cwd, r.filePath, m)),
      });
    }
    opts.onFileDone?.(chunk.length);
  }
  return out;
}
