/**
 * Running the ESLint face: ESLint's Node API with backlint's own flat config (a user's
 * eslint.config is never loaded), over the explicit file list discovery produced.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin, { CODE_FILES, languageSetup } from '../../eslint/plugin.js';
import type { Preset } from '../../catalog.js';
import { sharedParser } from '../../project/shared-parse.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { FileResult, Finding } from '../../report/model.js';
import { eslintBaseRules, eslintOverrideConfigs } from '../settings.js';
import { commonAncestor, relativeFile } from './paths.js';
import { isRecordingReads } from '../../project/reads.js';


export const PARSE_ERROR_RULE = 'backlint/parse-error';
/** Problems ESLint reports about inline `eslint` comments themselves (bad rule config in a comment). */
export const DIRECTIVE_RULE = 'backlint/directive';

const CHUNK = 64;

/** How inline `eslint` comments are treated (the CLI's --no-inline-config, --report-unused-disable-directives). */
export interface InlineConfigOptions {
  /** `false`: ignore `eslint-disable` and other inline config comments, as ESLint's --no-inline-config. */
  inlineConfig?: boolean;
  /** Report `eslint-disable` comments naming backlint rules that suppress nothing (as errors, like ESLint). */
  reportUnusedDisableDirectives?: boolean;
}

/** Text to lint in place of a file's content (the CLI's `--stdin`): absolute path and text. */
export interface StdinText {
  file: string;
  text: string;
}

export interface CodeLintOptions extends InlineConfigOptions {
  /** `--stdin`: this file's text comes from here, not from disk. */
  stdin?: StdinText;
  cwd: string;
  preset: Preset;
  config: ResolvedConfig;
  onFileDone?: (count: number) => void;
  /** A file ESLint refused to lint (its own default ignores): reported as skipped, never dropped silently. */
  onIgnored?: (file: string) => void;
}

export function buildEslintConfig(preset: Preset, config: ResolvedConfig, inline: InlineConfigOptions = {}): Linter.Config[] {
  return [
    // No backlint rule reads JSDoc through TypeScript's tree or asks for parser services: the CLI
    // parses without either (parsing commented JS is much cheaper without JSDoc).
    ...languageSetup({ jsDocParsingMode: 'none', preserveNodeMaps: false } as Linter.ParserOptions, sharedParser),
    {
      name: 'backlint/cli',
      files: CODE_FILES,
      plugins: { backlint: plugin as unknown as ESLint.Plugin },
      rules: eslintBaseRules(preset, config),
      // Disable comments for rules of other plugins are normal in real code; without their
      // plugins loaded, ESLint would call them unused. On request, unused directives are reported
      // and those not naming a backlint rule filtered out afterwards (isForeignRuleNotice).
      linterOptions: {
        reportUnusedDisableDirectives: inline.reportUnusedDisableDirectives ? 'error' : 'off',
        reportUnusedInlineConfigs: 'off',
      },
    },
    ...eslintOverrideConfigs(config),
  ];
}

// ESLint reports `eslint-disable` comments naming rules it does not know. In real code they name
// rules of the project's own ESLint setup (other plugins), which backlint does not load: not a
// problem worth reporting. A misspelt backlint rule still is.
const UNKNOWN_RULE = /^Definition for rule '([^']+)' was not found\.?$/;
// "Unused eslint-disable directive (no problems were reported from 'no-console')."; without a rule
// name, a blanket directive, which may well serve the project's other ESLint rules.
const UNUSED_DIRECTIVE = /^Unused eslint-(?:disable|enable) directive/;
// `/* eslint no-restricted-globals: … */` in a project's file is for the project's own ESLint
// run: the core rule it turns on is not backlint's, and oxlint's lane would not run it either.
const INVALID_INLINE_CONFIG = /^Inline configuration for rule "([^"]+)" is invalid/;
function isForeignRuleNotice(m: Linter.LintMessage): boolean {
  if (m.ruleId !== null) return !m.ruleId.startsWith('backlint/');
  if (UNUSED_DIRECTIVE.test(m.message)) return !m.message.includes("'backlint/");
  const match = UNKNOWN_RULE.exec(m.message) ?? INVALID_INLINE_CONFIG.exec(m.message);
  return !!match && !match[1]!.startsWith('backlint/');
}

function toSuppressed(cwd: string, file: string, m: Linter.SuppressedLintMessage): Finding {
  const finding = toFinding(cwd, file, m);
  finding.suppressions = m.suppressions.map((s) => (s.justification ? { kind: 'directive', justification: s.justification } : { kind: 'directive' }));
  return finding;
}

// ESLint marks problems with inline config comments `fatal` too, though the file was parsed and
// linted: only "Parsing error: …" means the file could not be read as code.
const PARSING_ERROR = /^Parsing error:/;
// ESLint 9 dropped `/* eslint-env */` and 10 reports each one; oxlint reads them. They configure
// globals, which no backlint rule looks at: legacy code carrying one is not a problem for us.
const ESLINT_ENV = /^\/\* eslint-env \*\/ comments are no longer supported/;

/** An inline-config notice that is none of backlint's business (see ESLINT_ENV). */
function isEslintEnvNotice(m: Linter.LintMessage): boolean {
  return m.ruleId === null && ESLINT_ENV.test(m.message);
}

function toFinding(cwd: string, file: string, m: Linter.LintMessage): Finding {
  const fatal = m.fatal === true && PARSING_ERROR.test(m.message);
  const finding: Finding = {
    ruleId: fatal ? PARSE_ERROR_RULE : UNKNOWN_RULE.test(m.message) ? DIRECTIVE_RULE : (m.ruleId ?? DIRECTIVE_RULE),
    engine: 'eslint',
    severity: fatal || m.fatal === true || m.severity === 2 ? 'error' : 'warning',
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

/** What the ESLint options are built from: plain JSON, so worker threads can rebuild them. */
export interface EslintOptionsSpec extends InlineConfigOptions {
  cwd: string;
  preset: Preset;
  config: ResolvedConfig;
  concurrency?: number | 'auto' | 'off';
}

export const OPTIONS_ENV = 'BACKLINT_ESLINT_OPTIONS';

export function buildEslintOptions(spec: EslintOptionsSpec): ESLint.Options {
  return {
    cwd: spec.cwd,
    overrideConfigFile: true,
    overrideConfig: buildEslintConfig(spec.preset, spec.config, spec),
    allowInlineConfig: spec.inlineConfig !== false,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    // Results are ours to merge; never let ESLint write caches into the user's tree.
    cache: false,
    concurrency: spec.concurrency ?? 'off',
  };
}

/**
 * Worker threads for large runs. ESLint can only hand uncloneable options (our plugin object) to
 * workers through an options module, which rebuilds them from a JSON spec in the environment.
 * ESLint's "auto" uses at most half the cores and none for small runs; BACKLINT_CONCURRENCY
 * (a number or "off") overrides it.
 */
function concurrencyFor(fileCount: number): number | 'auto' | 'off' {
  // The cache needs what each file's rules read (project/reads.ts), recorded in this thread.
  if (isRecordingReads()) return 'off';
  const forced = process.env.BACKLINT_CONCURRENCY;
  if (forced === 'off') return 'off';
  if (forced && /^\d+$/.test(forced)) return Number(forced) > 1 ? Number(forced) : 'off';
  return fileCount >= 200 && availableParallelism() >= 4 ? 'auto' : 'off';
}

let optionsModuleLoads = 0;

/**
 * ESLint's own process warnings (`ESLintIgnoreWarning` about a `.eslintignore` in the working
 * directory, `ESLintEmptyConfigWarning`, `ESLintPoorConcurrencyWarning`…) give advice about files
 * and options of an ESLint setup backlint never reads. ESLint takes `process.emitWarning` when it
 * constructs its warning services; while it does, that function drops warnings whose type starts
 * with "ESLint" and passes every other one on. Worker threads do the same (eslint-options.ts).
 */
let filtering = 0;
let unfiltered: typeof process.emitWarning | undefined;

export async function withoutEslintWarnings<T>(construct: () => T | Promise<T>): Promise<T> {
  // Counted: concurrent lint() calls overlap here, and only the last one out restores the original.
  if (filtering++ === 0) {
    const original = (unfiltered = process.emitWarning);
    process.emitWarning = function filtered(this: unknown, warning: string | Error, ...rest: unknown[]) {
      const first = rest[0];
      const type = typeof first === 'string' ? first : (first as { type?: unknown } | undefined)?.type ?? (warning instanceof Error ? warning.name : undefined);
      if (typeof type === 'string' && type.startsWith('ESLint')) return;
      return (original as (...a: unknown[]) => void).call(process, warning, ...rest);
    } as typeof process.emitWarning;
  }
  try {
    return await construct();
  } finally {
    if (--filtering === 0) process.emitWarning = unfiltered!;
  }
}

async function createEslint(spec: EslintOptionsSpec): Promise<ESLint> {
  if ((spec.concurrency ?? 'off') === 'off') return withoutEslintWarnings(() => new ESLint(buildEslintOptions(spec)));
  process.env[OPTIONS_ENV] = JSON.stringify(spec);
  // A fresh module instance per run: the main thread caches modules by URL, and another lint()
  // call in this process may have other options.
  const url = new URL(`./eslint-options.js?run=${++optionsModuleLoads}`, import.meta.url);
  return withoutEslintWarnings(() => ESLint.fromOptionsModule(url));
}

export async function lintCodeFiles(files: readonly string[], opts: CodeLintOptions): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const concurrency = concurrencyFor(files.length);
  const eslint = await createEslint({
    cwd: commonAncestor([opts.cwd, ...files]),
    preset: opts.preset,
    config: opts.config,
    concurrency,
    ...(opts.inlineConfig === false ? { inlineConfig: false } : {}),
    ...(opts.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: true } : {}),
  });
  const out: FileResult[] = [];
  // Chunks give the progress indicator something to report, but each lintFiles call would start
  // its own workers: with workers, one call.
  const chunkSize = concurrency === 'off' ? CHUNK : files.length;
  for (let i = 0; i < files.length; i += chunkSize) {
    const chunk = files.slice(i, i + chunkSize);
    let results: ESLint.LintResult[];
    try {
      const stdin = opts.stdin && chunk.length === 1 && path.resolve(chunk[0]!) === opts.stdin.file ? opts.stdin : undefined;
      results = stdin ? await eslint.lintText(stdin.text, { filePath: stdin.file, warnIgnored: false }) : await eslint.lintFiles(chunk as string[]);
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
    const linted = new Set<string>();
    for (const r of results) {
      linted.add(path.resolve(r.filePath));
      const result: FileResult = {
        file: relativeFile(opts.cwd, r.filePath),
        kind: 'code',
        findings: r.messages.filter((m) => !isForeignRuleNotice(m) && !isEslintEnvNotice(m)).map((m) => toFinding(opts.cwd, r.filePath, m)),
      };
      const suppressed = r.suppressedMessages.filter((m) => !isForeignRuleNotice(m));
      if (suppressed.length) result.suppressed = suppressed.map((m) => toSuppressed(opts.cwd, r.filePath, m));
      out.push(result);
    }
    for (const file of chunk) {
      if (!linted.has(path.resolve(file)) && !out.some((o) => o.file === relativeFile(opts.cwd, file))) opts.onIgnored?.(file);
    }
    opts.onFileDone?.(chunk.length);
  }
  return out;
}
