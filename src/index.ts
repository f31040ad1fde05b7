/**
 * `backlint`: the programmatic API. `lint()` discovers files, runs both engines and returns one
 * `Report`; the CLI is a thin layer over it (argument parsing, formatting, exit code).
 */
import { PACKAGE } from './package-info.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogEntries, PRESETS, type CatalogEntry, type Preset } from './catalog.js';
import { loadConfig, loadConfigFile } from './config/load.js';
import { BacklintUsageError, validateConfig, type BacklintConfig, type ResolvedConfig } from './config/schema.js';
import { discoverFiles, type IgnoreSet, type Skipped } from './cli/discover.js';
import { lintCodeFiles, relativeFile } from './cli/eslint-engine.js';
import { lintDocuments } from './cli/spectral-engine.js';
import type { FileResult, Finding, Report, SkippedFile } from './report/model.js';
import { maskSecret, maskSecrets } from './analysis/secrets.js';
import { qualifiedId } from './rule.js';

export type { Report, FileResult, Finding, FindingSeverity, FindingEngine, FileKind, ReportSummary, SkippedFile, Suppression } from './report/model.js';
export type { BacklintConfig, ConfigOverride, ConfigLimits, RuleSetting, RuleSeverity, ResolvedConfig } from './config/schema.js';
export type { CatalogEntry, Preset } from './catalog.js';
export { BacklintUsageError, validateConfig } from './config/schema.js';
export { loadConfig, loadConfigFile, findConfigFile } from './config/load.js';
export { catalogEntries } from './catalog.js';
export { formatReport, FORMATS, type Format } from './report/index.js';
export { exitCodeFor, type FailOn } from './report/exit.js';

export interface LintOptions {
  /** Files and directories to lint, relative to `cwd`. Default `['.']`. */
  paths?: string[];
  /** Working directory: base of relative paths in the report and of config lookup. Default `process.cwd()`. */
  cwd?: string;
  /** Overrides the config's preset. Default: the config's, else `recommended`. */
  preset?: Preset;
  /**
   * A config object (validated; globs relative to `cwd`), a path to a config file, or `false` to
   * ignore config files. Default: the nearest config file from `cwd` upward.
   */
  config?: BacklintConfig | string | false;
  /** Extra ignore globs, relative to `cwd` (the CLI's `--ignore-pattern`). */
  ignorePatterns?: string[];
  /** Drop warnings from the report (errors only). */
  quiet?: boolean;
  /** Let OpenAPI documents resolve `$ref`s over HTTP(S). Default false. */
  allowRemoteRefs?: boolean;
  /** Progress callback: files done so far out of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Explicitly named files that were skipped (neither code nor an OpenAPI document). */
  onSkip?: (file: string, reason: string) => void;
  /** `false`: ignore inline `eslint-disable` comments (the CLI's `--no-inline-config`). Default true. */
  inlineConfig?: boolean;
  /** Report `eslint-disable` comments naming backlint rules that suppress nothing. Default false. */
  reportUnusedDisableDirectives?: boolean;
  /** Size limits in bytes; each wins over the config's `limits`. Defaults 1 MiB (code), 32 MiB (documents). */
  maxCodeFileBytes?: number;
  maxDocumentBytes?: number;
}

export const FILE_TOO_LARGE_RULE = 'backlint/file-too-large';
export const UNREADABLE_RULE = 'backlint/unreadable';

/**
 * Skipped files that must not pass unnoticed in CI become located findings too: too large
 * (warning: a committed bundle is not an attack, but its code was not checked) and unreadable
 * (error, like a parse error: the tool could not do its job).
 */
function skippedFinding(entry: Skipped, file: string): FileResult | undefined {
  if (entry.reason !== 'too-large' && entry.reason !== 'unreadable') return undefined;
  const tooLarge = entry.reason === 'too-large';
  const what = entry.path.endsWith(path.sep) ? 'directory' : 'file';
  const finding: Finding = {
    ruleId: tooLarge ? FILE_TOO_LARGE_RULE : UNREADABLE_RULE,
    engine: 'backlint',
    severity: tooLarge ? 'warning' : 'error',
    message: tooLarge
      ? `File not linted: ${entry.message ?? 'over the size limit'}.`
      : `Could not read the ${what}${entry.message ? `: ${entry.message}` : ''}; nothing in it was linted.`,
    file,
    line: 1,
    column: 1,
  };
  finding.fingerprint = `${createHash('sha256').update([finding.ruleId, file].join('\u0000')).digest('hex').slice(0, 32)}:1`;
  return { file, kind: what === 'directory' ? 'directory' : (entry.kind ?? 'code'), findings: [finding] };
}

export const VERSION = PACKAGE.version;

function resolveConfig(cwd: string, config: LintOptions['config']): ResolvedConfig {
  if (config === false) return { baseDir: cwd };
  if (typeof config === 'string') return loadConfigFile(path.resolve(cwd, config), config);
  if (config !== undefined) return { ...validateConfig(config, 'options.config'), baseDir: cwd };
  return loadConfig(cwd);
}

const normalizeText = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The last gate before any formatter: every text a finding carries that can quote code or a
 * document (message, suggestions, the JSON path's keys) masked, whichever engine, rule or tool
 * diagnostic (parse errors, unresolved `$ref`s) produced it. Rule faces mask too; this catches the
 * rest (Spectral's resolver, parsers) and anything a future rule forgets.
 */
function maskFindings(results: FileResult[]): void {
  for (const result of results) {
    // Suppressed findings are listed in JSON and SARIF too: they are masked like the rest.
    for (const f of [...result.findings, ...(result.suppressed ?? [])]) {
      f.message = maskSecrets(f.message);
      if (f.suggestions) f.suggestions = f.suggestions.map(maskSecrets);
      if (f.jsonPath) f.jsonPath = f.jsonPath.map((k) => (typeof k === 'string' ? maskSecrets(k) : k));
    }
  }
}

/** Rules whose reported range is the secret itself. */
const SECRET_RULES = new Set([qualifiedId('no-hardcoded-secrets')]);

/**
 * The source line a fingerprint hashes, with its secrets masked: a fingerprint is published in SARIF
 * and a hash of a short or guessable secret can be brute-forced. A secret finding's own range is
 * masked even when no pattern knows its format (`jwt.sign(p, 'k3y…')`).
 */
function fingerprintLine(line: string, f: Finding): string {
  let text = line;
  if (SECRET_RULES.has(f.ruleId)) {
    const start = f.column - 1;
    const end = f.endLine === f.line && f.endColumn !== undefined ? f.endColumn - 1 : text.length;
    if (start >= 0 && end > start) text = `${text.slice(0, start)}${maskSecret(text.slice(start, end))}${text.slice(end)}`;
  }
  return normalizeText(maskSecrets(text));
}

/** Adds `fingerprint` to every finding: content-based, so inserting lines above does not change it. */
function addFingerprints(cwd: string, results: FileResult[]): void {
  for (const result of results) {
    let lines: string[] | undefined;
    // A minified line can carry hundreds of findings: mask it once.
    const maskedLines = new Map<number, string>();
    const lineContext = (f: Finding): string => {
      const shared = !SECRET_RULES.has(f.ruleId);
      const cached = shared ? maskedLines.get(f.line) : undefined;
      if (cached !== undefined) return cached;
      if (!lines) {
        try {
          lines = readFileSync(path.resolve(cwd, result.file), 'utf8').split(/\r?\n/);
        } catch {
          // intentionally ignored: a file gone since linting still gets a (message-based) fingerprint.
          lines = [];
        }
      }
      const context = fingerprintLine(lines[f.line - 1] ?? '', f);
      if (shared) maskedLines.set(f.line, context);
      return context;
    };
    const seen = new Map<string, number>();
    for (const f of result.findings) {
      const context = f.jsonPath?.length ? f.jsonPath.join('/') : lineContext(f);
      const hash = createHash('sha256')
        .update([f.ruleId, f.file, normalizeText(f.message), context].join('\u0000'))
        .digest('hex')
        .slice(0, 32);
      const n = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, n);
      f.fingerprint = `${hash}:${n}`;
    }
  }
}

/**
 * One entry per file. A shared fragment referenced by several root documents (or a document that is
 * also linted on its own) is reported by each run: keep one copy of each finding.
 */
function mergeResults(results: FileResult[]): FileResult[] {
  const byFile = new Map<string, { result: FileResult; seen: Set<string> }>();
  for (const r of results) {
    let entry = byFile.get(r.file);
    if (!entry) {
      entry = { result: { file: r.file, kind: r.kind, findings: [] }, seen: new Set() };
      byFile.set(r.file, entry);
    }
    for (const f of r.findings) {
      const key = [f.ruleId, f.line, f.column, f.message].join('\u0000');
      if (entry.seen.has(key)) continue;
      entry.seen.add(key);
      entry.result.findings.push(f);
    }    if (r.suppressed) (entry.result.suppressed ??= []).push(...r.suppressed);
  }
  return [...byFile.values()].map((e) => e.result).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Lints a repository (or some paths of it) with both engines and returns one merged report. */
export async function lint(options: LintOptions = {}): Promise<Report> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = resolveConfig(cwd, options.config);
  const preset = options.preset ?? config.preset ?? 'recommended';
  if (!PRESETS.includes(preset)) throw new BacklintUsageError(`Unknown preset "${preset}" (expected ${PRESETS.join(' or ')})`);

  const ignores: IgnoreSet[] = [];
  if (config.ignore?.length) ignores.push({ baseDir: config.baseDir, globs: config.ignore, reason: 'config-ignore' });
  if (options.ignorePatterns?.length) ignores.push({ baseDir: cwd, globs: options.ignorePatterns, reason: 'ignore-pattern' });
  const maxCodeFileBytes = options.maxCodeFileBytes ?? config.limits?.maxCodeFileBytes;
  const maxDocumentBytes = options.maxDocumentBytes ?? config.limits?.maxDocumentBytes;
  const discovered = await discoverFiles({
    cwd,
    paths: options.paths ?? ['.'],
    ignores,
    limits: {
      ...(maxCodeFileBytes !== undefined ? { maxCodeFileBytes } : {}),
      ...(maxDocumentBytes !== undefined ? { maxDocumentBytes } : {}),
    },
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
  const skippedEntries: Skipped[] = [...discovered.skipped];

  const total = discovered.code.length + discovered.openapi.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const codeResults = await lintCodeFiles(discovered.code, {
    cwd,
    preset,
    config,
    onFileDone: tick,
    onIgnored: (file) => skippedEntries.push({ path: file, reason: 'ignored-by-eslint', kind: 'code' }),
    ...(options.inlineConfig === false ? { inlineConfig: false } : {}),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: true } : {}),
  });
  const docResults = await lintDocuments(discovered.openapi, {
    cwd,
    preset,
    config,
    onFileDone: tick,
    ...(options.allowRemoteRefs !== undefined ? { allowRemoteRefs: options.allowRemoteRefs } : {}),
  });

  const toRel = (abs: string) => {
    const dir = abs.endsWith(path.sep);
    const rel = relativeFile(cwd, dir ? abs.slice(0, -1) : abs);
    return dir ? `${rel}/` : rel;
  };
  const skipped: SkippedFile[] = [];
  const toolResults: FileResult[] = [];
  for (const entry of skippedEntries) {
    const file = toRel(entry.path);
    skipped.push({ file, reason: entry.reason, ...(entry.message ? { message: entry.message } : {}) });
    const result = skippedFinding(entry, file);
    if (result) toolResults.push(result);
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const files = mergeResults([...codeResults, ...docResults]);
  maskFindings(files);
  let suppressed = 0;
  for (const f of files) {
    if (options.quiet) f.findings = f.findings.filter((x) => x.severity === 'error');
    f.findings.sort(compareFindings);
    if (f.suppressed) {
      if (options.quiet) f.suppressed = f.suppressed.filter((x) => x.severity === 'error');
      f.suppressed.sort(compareFindings);
      if (f.suppressed.length === 0) delete f.suppressed;
      else suppressed += f.suppressed.length;
    }
  }
  addFingerprints(cwd, files);
  // Suppressed findings get the fingerprint they would have without the comment, so a SARIF
  // consumer matches the suppression to the alert it silences.
  addFingerprints(
    cwd,
    files
      .filter((f) => f.suppressed)
      .map((f) => ({ ...f, findings: [...f.findings.map((x) => ({ ...x })), ...f.suppressed!].sort(compareFindings) })),
  );
  for (const r of toolResults) {
    if (options.quiet) r.findings = r.findings.filter((x) => x.severity === 'error');
    if (r.findings.length) files.push(r);
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  let errors = 0;
  let warnings = 0;
  const ruleIds = new Set<string>();
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else warnings++;
      ruleIds.add(x.ruleId);
    }
  }
  const rules: CatalogEntry[] = catalogEntries().filter((e) => ruleIds.has(e.qualifiedId));
  return {
    version: 1,
    tool: { name: 'backlint', version: VERSION },
    cwd,
    preset,
    files,
    skipped,
    summary: {
      files: files.length,
      codeFiles: files.filter((f) => f.kind === 'code').length,
      openapiFiles: files.filter((f) => f.kind === 'openapi').length,
      errors,
      warnings,
      skipped: skipped.length,
      suppressed,
    },
    rules,
  };
}
