/**
 * Stage 5b of `lint()`, the baseline: findings a team has accepted for now are suppressed (kept in
 * the report as suppressed, not counted), so a run gates only on new problems. Two sources:
 *
 * - The OpenAPI ignore file (`.backlint-openapi-ignore.yaml` at the root, or
 *   LintOptions.openapiIgnoreFile): per document, per rule, JSON pointers whose findings (at the
 *   pointer or below it) are suppressed — Redocly's `.redocly.lint-ignore.yaml`, so a published
 *   document need not carry `x-backlint-ignore`. Kind `openapi-ignore-file`. See ./openapi-ignore.ts.
 * - Bulk suppressions (`backlint-suppressions.json`), ESLint's format and semantics (ESLint 9.24+):
 *   `{ "<file>": { "<rule id>": { "count": n } } }`. A file with at most n findings of the rule has
 *   them all suppressed; with more, all of them are reported (which n of them are old is not
 *   knowable). Kind `suppressions-file`. Code and OpenAPI findings alike: the file records counts,
 *   not places, so it serves both engines; the ignore file is for exceptions decided one by one.
 *
 * Unlike ESLint, which only counts errors (its warnings never fail a run), warnings are counted
 * too: backlint's presets are mostly warnings and `--fail-on warning` / `--max-warnings` gate on
 * them. Tool diagnostics saying a file was not checked (`parse-error`, `directive`) are never
 * suppressed, as ESLint never suppresses fatal errors.
 *
 * Entries recorded for a linted file that match fewer findings than recorded are "unused"
 * (`Report.unusedSuppressions`): the CLI exits 2 on them, as ESLint does, unless pruned or passed.
 * Only linted files are compared, so linting part of a repository never calls the rest unused.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BacklintUsageError } from '../config/errors.js';
import type { FileResult, Finding, Suppression, UnusedSuppression } from '../report/model.js';
import { findRule } from '../catalog.js';
import { qualifiedId } from '../rule-meta.js';
import { isSafeRelativePath, loadOpenApiIgnore } from './openapi-ignore.js';

export const DEFAULT_SUPPRESSIONS_FILE = 'backlint-suppressions.json';

/** Diagnostics that say a file (or a comment) was not understood: never baselined. */
const NEVER_SUPPRESSED = new Set([qualifiedId('parse-error'), qualifiedId('directive')]);

/** Far above any real baseline (a count per rule per file): a bigger file is not one. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface SuppressionOptions {
  /** Record every current finding (ESLint's `--suppress-all`). */
  suppressAll?: boolean;
  /** Record the current findings of these rules (ESLint's `--suppress-rule`). */
  suppressRules?: readonly string[];
  /** Drop the recorded counts no finding uses any more (ESLint's `--prune-suppressions`). */
  prune?: boolean;
  /** The suppressions file, relative to `cwd`, or a directory for it. Default `backlint-suppressions.json`. */
  location?: string;
}

/** file → rule id → count. Maps, so a `__proto__` or `constructor` key is only a key. */
type Counts = Map<string, Map<string, number>>;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function shown(s: string): string {
  return JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);
}

/** Parses and checks a suppressions file; every problem is a usage error naming the entry. */
export function parseSuppressions(text: string, name: string): Counts {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BacklintUsageError(`${name}: not valid JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(data)) throw new BacklintUsageError(`${name}: expected an object of files, each an object of rule ids with a "count"`);
  const counts: Counts = new Map();
  for (const [file, rules] of Object.entries(data)) {
    if (!isSafeRelativePath(file)) {
      throw new BacklintUsageError(`${name}: ${shown(file)} is not a relative path inside the root (POSIX separators, no "..")`);
    }
    if (!isPlainObject(rules)) throw new BacklintUsageError(`${name}: ${shown(file)}: expected an object of rule ids`);
    const byRule = new Map<string, number>();
    for (const [rule, entry] of Object.entries(rules)) {
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      if (rule.length === 0 || rule.length > 200 || /[\u0000-\u001f\u007f]/.test(rule)) {
        throw new BacklintUsageError(`${name}: ${shown(file)}: ${shown(rule)} is not a rule id`);
      }
      const count = isPlainObject(entry) ? entry.count : undefined;
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
        throw new BacklintUsageError(`${name}: ${shown(file)} › ${shown(rule)}: expected { "count": <a positive integer> }`);
      }
      byRule.set(rule, count);
    }
    if (byRule.size > 0) counts.set(file, byRule);
  }
  return counts;
}

/** Sorted keys at every level, two-space indent, final newline: the file diffs cleanly in git. */
export function serializeSuppressions(counts: Counts): string {
  const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, Record<string, { count: number }>> = Object.create(null);
  for (const [file, rules] of sorted(counts)) {
    const r: Record<string, { count: number }> = Object.create(null);
    for (const [rule, count] of sorted(rules)) r[rule] = { count };
    out[file] = r;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The suppressions file a run uses: a directory names the default file inside it. */
export function suppressionsPath(cwd: string, location: string | undefined): string {
  const abs = path.resolve(cwd, location ?? DEFAULT_SUPPRESSIONS_FILE);
  try {
    if (statSync(abs).isDirectory()) return path.join(abs, DEFAULT_SUPPRESSIONS_FILE);
  } catch {
    // intentionally ignored: a missing file is created by --suppress-all
  }
  return abs;
}

function displayName(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

function load(abs: string, name: string): Counts {
  let text: string;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new BacklintUsageError(`${name}: not a file`);
    if (st.size > MAX_FILE_BYTES) throw new BacklintUsageError(`${name}: larger than ${MAX_FILE_BYTES} bytes; not a suppressions file`);
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    if (e instanceof BacklintUsageError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new BacklintUsageError(`${name}: cannot be read (${(e as Error).message})`);
  }
  return parseSuppressions(text, name);
}

function save(abs: string, name: string, counts: Counts): void {
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    // Renamed into place: an interrupted run never leaves half a baseline behind.
    writeFileSync(tmp, serializeSuppressions(counts));
    renameSync(tmp, abs);
  } catch (e) {
    throw new BacklintUsageError(`${name}: cannot be written (${(e as Error).message})`);
  }
}

/** Catalog rules by their short id too (`--suppress-rule require-pagination`); Spectral's codes (`oas3-schema`) as given. */
function ruleIdOf(id: string): string {
  const rule = findRule(id);
  return rule ? qualifiedId(rule.id) : id;
}

function countable(f: Finding): boolean {
  return !NEVER_SUPPRESSED.has(f.ruleId);
}

function countsByRule(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!countable(f)) continue;
    const list = out.get(f.ruleId);
    if (list) list.push(f);
    else out.set(f.ruleId, [f]);
  }
  return out;
}

/** Moves the findings `drop` says to `suppressed`, with `suppression`. */
function suppress(result: FileResult, drop: (f: Finding) => boolean, suppression: Suppression): void {
  const kept: Finding[] = [];
  for (const f of result.findings) {
    if (drop(f)) (result.suppressed ??= []).push({ ...f, suppressions: [...(f.suppressions ?? []), suppression] });
    else kept.push(f);
  }
  result.findings = kept;
}

/** ESLint's combinations, refused the same way; and none that would have shards race to write the file. */
export function checkSuppressionOptions(bulk: SuppressionOptions | false | undefined, run: { stdin: boolean; shard: boolean }): void {
  if (!bulk) return;
  const rules = (bulk.suppressRules?.length ?? 0) > 0;
  if (bulk.suppressAll && rules) throw new BacklintUsageError('The --suppress-all option and the --suppress-rule option cannot be used together.');
  if (bulk.suppressAll && bulk.prune) throw new BacklintUsageError('The --suppress-all option and the --prune-suppressions option cannot be used together.');
  if (rules && bulk.prune) throw new BacklintUsageError('The --suppress-rule option and the --prune-suppressions option cannot be used together.');
  const writing = bulk.suppressAll || rules || bulk.prune;
  if (writing && run.stdin) throw new BacklintUsageError('The --suppress-all, --suppress-rule, and --prune-suppressions options cannot be used with --stdin.');
  if (writing && run.shard) throw new BacklintUsageError('The --suppress-all, --suppress-rule, and --prune-suppressions options cannot be used with --shard (each job would rewrite the file with its part only).');
}

export interface Baseline {
  /**
   * Applies the baseline to the merged results (stage 5), in place; `linted`: every file linted,
   * relative to `cwd` with forward slashes (a clean file may have no result). Returns the unused
   * bulk suppressions.
   */
  apply(files: FileResult[], linted: readonly string[]): UnusedSuppression[];
}

/**
 * Reads and checks both files before anything is linted (a malformed one is a usage error up
 * front, not after minutes of linting). `bulk: false`: no bulk suppressions (`--stdin`, as ESLint);
 * `openapiIgnoreFile: false`: no ignore file.
 */
export function openBaseline(cwd: string, bulk: SuppressionOptions | false, openapiIgnoreFile?: string | false): Baseline {
  const openapiIgnore = loadOpenApiIgnore(cwd, openapiIgnoreFile);
  const abs = suppressionsPath(cwd, bulk ? bulk.location : undefined);
  const name = displayName(cwd, abs);
  const writing = !!bulk && (!!bulk.suppressAll || (bulk.suppressRules?.length ?? 0) > 0);
  const prune = !!bulk && !!bulk.prune;
  if (bulk && bulk.location !== undefined && !writing && !existsSync(abs)) {
    // ESLint's rule: a location named on purpose must exist, or be created by recording.
    throw new BacklintUsageError(`${name}: the suppressions file does not exist. Run with --suppress-all or --suppress-rule to create it.`);
  }
  const counts: Counts | undefined = bulk && (writing || prune || existsSync(abs)) ? load(abs, name) : undefined;
  const only = bulk && !bulk.suppressAll && writing ? new Set(bulk.suppressRules!.map(ruleIdOf)) : undefined;

  return {
    apply(files, lintedFiles) {
      if (openapiIgnore) {
        for (const result of files) {
          if (result.kind !== 'openapi') continue;
          const ignores = openapiIgnore.forFile(result.file);
          if (ignores) suppress(result, (f) => countable(f) && ignores(f), { kind: 'openapi-ignore-file' });
        }
      }
      if (!counts) return [];

      const results = new Map(files.map((r) => [r.file, r]));
      const findingsOf = (file: string) => countsByRule(results.get(file)?.findings ?? []);
      const linted = [...new Set([...lintedFiles, ...files.map((r) => r.file)])].sort();

      if (writing) {
        for (const file of linted) {
          for (const [rule, list] of findingsOf(file)) {
            if (only && !only.has(rule)) continue;
            let byRule = counts.get(file);
            if (!byRule) counts.set(file, (byRule = new Map()));
            byRule.set(rule, list.length);
          }
        }
      }

      const unused = (): UnusedSuppression[] => {
        const out: UnusedSuppression[] = [];
        for (const file of linted) {
          const recorded = counts.get(file);
          if (!recorded) continue;
          const found = findingsOf(file);
          for (const [rule, count] of [...recorded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            const n = found.get(rule)?.length ?? 0;
            if (n < count) out.push({ file, ruleId: rule, count: count - n });
          }
        }
        return out;
      };

      if (prune) {
        for (const u of unused()) {
          const recorded = counts.get(u.file)!;
          const left = recorded.get(u.ruleId)! - u.count;
          if (left > 0) recorded.set(u.ruleId, left);
          else recorded.delete(u.ruleId);
          if (recorded.size === 0) counts.delete(u.file);
        }
        // As ESLint: entries of files that no longer exist go too. Keys were checked to stay
        // inside the root, so this looks at nothing outside it.
        for (const file of [...counts.keys()]) if (!existsSync(path.join(cwd, ...file.split('/')))) counts.delete(file);
      }
      if (writing || prune) save(abs, name, counts);

      // Compared before any finding moves to `suppressed`.
      const stillUnused = unused();
      for (const file of linted) {
        const recorded = counts.get(file);
        const result = results.get(file);
        if (!recorded || !result) continue;
        for (const [rule, list] of findingsOf(file)) {
          const count = recorded.get(rule);
          if (count !== undefined && list.length <= count) {
            const these = new Set(list);
            suppress(result, (f) => these.has(f), { kind: 'suppressions-file' });
          }
        }
      }
      return stillUnused;
    },
  };
}
