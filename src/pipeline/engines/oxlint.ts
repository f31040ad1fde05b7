/**
 * Running the code rules in oxlint's JS plugin host: the `oxlint` binary from the package's own
 * dependencies, with a config this run writes (only backlint's rules, oxlint's native rules off)
 * into its own temporary directory. oxlint parses in Rust on every core and hands the tree to the
 * same rule code ESLint runs.
 *
 * A file comes back to the caller for ESLint when oxlint could not give its findings exactly as
 * ESLint would: a parse error (the two parsers word them differently), a rule crash, or a record
 * that does not match oxlint's own output. When oxlint cannot run at all, every file comes back.
 */
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Linter } from 'eslint';
import type { Preset } from '../../catalog.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { FileResult, Finding } from '../../report/model.js';
import { eslintBaseRules, eslintRulesFor } from '../settings.js';
import { REPORTS_ENV, type OxlintReads, type OxlintRecord } from './oxlint-protocol.js';
import { addReads, isRecordingReads, RECORD_READS_ENV } from '../../project/reads.js';
import { PRESCAN_ENV } from '../../project/prescan.js';
import { relativeFile } from './paths.js';
import { maskedExcerpt } from '../../analysis/secrets.js';

export interface OxlintLintOptions {
  /** Directory oxlint runs in and rules see as `context.cwd` (the project model's root). */
  runDir: string;
  /** Base of the report's relative paths. */
  cwd: string;
  preset: Preset;
  config: ResolvedConfig;
}

export interface OxlintOutcome {
  results: FileResult[];
  /** Files (absolute) whose findings must come from ESLint instead. */
  forEslint: string[];
  /**
   * When oxlint could not run over some files at all (it did not start, crashed, or its output
   * could not be trusted): how many, and why (the first failure). Files it hands back one by one
   * (parse errors, rule crashes) are not failures.
   */
  failed?: { files: number; reason: string };
}

// The oxlint package's own Node range (its package.json `engines`).
function nodeSupported(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
}

/** Why `oxlintBinary()` has none, for the notice that says ESLint stood in. */
export function unavailableReason(): string {
  return nodeSupported() ? 'the oxlint package is not installed' : `oxlint does not support Node ${process.versions.node}`;
}

/** The oxlint launcher script, or undefined when this install cannot run oxlint. */
export function oxlintBinary(): string | undefined {
  if (!nodeSupported()) return undefined;
  try {
    const pkg = createRequire(import.meta.url).resolve('oxlint/package.json');
    return path.join(path.dirname(pkg), 'bin', 'oxlint');
  } catch {
    // intentionally ignored: oxlint is not installed here; ESLint lints everything.
    return undefined;
  }
}

// The host joined into one file by the build (scripts/bundle.mjs): the oxlint process
// loads it before its first file, and one file loads in a third of the time of its ~300 modules.
const BUNDLED_HOST = fileURLToPath(new URL('../../oxlint-host.bundle.js', import.meta.url));
const HOST = existsSync(BUNDLED_HOST) ? BUNDLED_HOST : fileURLToPath(new URL('./oxlint-host.js', import.meta.url));

type Rules = Record<string, Linter.RuleEntry>;

function severityOf(entry: Linter.RuleEntry | undefined): 'off' | 'warning' | 'error' {
  const s = Array.isArray(entry) ? entry[0] : entry;
  if (s === 'error' || s === 2) return 'error';
  if (s === 'warn' || s === 1) return 'warning';
  return 'off';
}

function oxlintConfig(rules: Rules): object {
  const on: Rules = {};
  for (const [id, entry] of Object.entries(rules)) if (severityOf(entry) !== 'off') on[id] = entry;
  return {
    // No native plugin or category: the only rules are backlint's.
    plugins: [],
    categories: { correctness: 'off' },
    jsPlugins: [HOST],
    rules: on,
  };
}

// Linux limits the whole command line to about 2 MB; oxlint starts once per chunk.
const MAX_ARGS_BYTES = 512 * 1024;

function chunksOf(files: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length && bytes + f.length + 1 > MAX_ARGS_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.length + 1;
  }
  if (current.length) out.push(current);
  return out;
}

interface OxlintJson {
  diagnostics: { code?: string; filename: string }[];
  number_of_files?: number;
}

function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, stdoutFile: string, stderrFile: string): Promise<number | null> {
  // stdout and stderr go to files: the caller may be busy linting with ESLint meanwhile, and a
  // full pipe would stall oxlint.
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  return new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', out, err] });
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  }).finally(() => {
    closeSync(out);
    closeSync(err);
  });
}

/**
 * Starts the scan of `root`'s source files for the project model's importer index into `file`
 * (mounts.ts `writeImporterPrescan`), in a worker thread (prescan-worker.ts: its heap, with the
 * model's modules and the texts read, is given back when it ends), unless the model is off. Best
 * effort: anything that goes wrong leaves no file, and oxlint's process scans for itself.
 */
function startPrescan(root: string, file: string): Worker | null {
  if (process.env.BACKLINT_PROJECT_MODEL === 'off') return null;
  try {
    const worker = new Worker(new URL('../../project/prescan-worker.js', import.meta.url), { workerData: { root, file } });
    worker.on('error', () => undefined);
    worker.unref();
    return worker;
  } catch {
    // intentionally ignored: oxlint's process scans for itself (see mounts.ts)
    return null;
  }
}

/** Characters of oxlint's stderr a failure notice quotes at most. */
const REASON_CHARS = 200;

/** Why oxlint failed, in one line: its exit code and the first line of its stderr that says something. */
function failureReason(code: number | null, stderrFile: string, fallback: string): string {
  if (code === null) return 'it did not start';
  let line = '';
  try {
    // Only the head: a crash can print a long stack.
    const head = readFileSync(stderrFile, 'utf8').slice(0, 4096);
    line = head.split('\n').map((l) => l.trim()).find((l) => /^[A-Za-z]*Error\b|^error\b/i.test(l)) ?? head.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  } catch {
    // intentionally ignored: no stderr to quote
  }
  // oxlint's words may quote a path or code of the repository: masked like every message.
  const quoted = maskedExcerpt(line, REASON_CHARS);
  return `exit code ${code}${quoted ? `: ${quoted}` : `, ${fallback}`}`;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** One oxlint process over `files` (absolute) with one set of rules. */
async function lintChunk(bin: string, files: string[], rules: Rules, opts: OxlintLintOptions, tmp: string, n: number): Promise<OxlintOutcome> {
  const configFile = path.join(tmp, `oxlintrc-${n}.json`);
  const reportsFile = path.join(tmp, `reports-${n}.json`);
  const stdoutFile = path.join(tmp, `stdout-${n}.json`);
  const stderrFile = path.join(tmp, `stderr-${n}.txt`);
  writeFileSync(configFile, JSON.stringify(oxlintConfig(rules)));
  const args = [
    '-c', configFile,
    '--format', 'json',
    // A repository's own oxlint configs and ignore files never apply: the file list is ours, and a
    // config in an untrusted pull request could load any JS plugin.
    '--disable-nested-config',
    '--no-ignore',
    '--no-error-on-unmatched-pattern',
    ...files,
  ];
  const readsFile = path.join(tmp, `reads-${n}.json`);
  const prescanFile = path.join(tmp, 'importers.json');
  const env = { ...process.env, [REPORTS_ENV]: reportsFile, [PRESCAN_ENV]: prescanFile, ...(isRecordingReads() ? { [RECORD_READS_ENV]: readsFile } : {}) };
  const running = run(bin, args, opts.runDir, env, stdoutFile, stderrFile);
  // While oxlint's process loads, this one (idle until it ends) reads the project for its
  // importer index; later chunks' processes find the file ready.
  const prescan = n === 0 ? startPrescan(opts.runDir, prescanFile) : null;
  const code = await running;
  await prescan?.terminate();
  let json: OxlintJson;
  let records: OxlintRecord[];
  try {
    if (code === null) throw new Error('oxlint did not start');
    json = JSON.parse(readFileSync(stdoutFile, 'utf8')) as OxlintJson;
    records = JSON.parse(readFileSync(reportsFile, 'utf8')) as OxlintRecord[];
    if (!Array.isArray(json.diagnostics) || !Array.isArray(records)) throw new Error('unexpected output');
  } catch {
    // intentionally ignored: oxlint could not run here (no native binding for this platform,
    // a crash); ESLint lints these files instead, and the run says so.
    return { results: [], forEslint: files, failed: { files: files.length, reason: failureReason(code, stderrFile, 'no report') } };
  }
  // Without a count to trust, a file oxlint skipped would look like a clean one.
  if (json.number_of_files !== files.length) {
    return { results: [], forEslint: files, failed: { files: files.length, reason: `it linted ${json.number_of_files ?? 'an unknown number of'} of ${files.length} files` } };
  }

  const expected = new Map<string, number>();
  const refused = new Set<string>();
  for (const d of json.diagnostics) {
    const file = path.resolve(opts.runDir, d.filename);
    if (typeof d.code === 'string' && d.code.startsWith('backlint(')) expected.set(file, (expected.get(file) ?? 0) + 1);
    else refused.add(file);
  }
  const byFile = new Map<string, OxlintRecord[]>();
  for (const r of records) {
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  if (isRecordingReads()) {
    try {
      const reads = JSON.parse(readFileSync(readsFile, 'utf8')) as OxlintReads;
      for (const [file, r] of Object.entries(reads)) if (isStringList(r.files) && isStringList(r.projectWide)) addReads(file, r);
    } catch {
      // intentionally ignored: a file without its reads is not cached (see pipeline/cache.ts),
      // never cached as depending on nothing
    }
  }
  const results: FileResult[] = [];
  const forEslint: string[] = [];
  for (const file of files) {
    const recs = byFile.get(file) ?? [];
    if (refused.has(file) || recs.length !== (expected.get(file) ?? 0)) {
      forEslint.push(file);
      continue;
    }
    const rel = relativeFile(opts.cwd, file);
    results.push({
      file: rel,
      kind: 'code',
      findings: recs.map((r): Finding => {
        const finding: Finding = {
          ruleId: r.ruleId,
          engine: 'oxlint',
          severity: severityOf(rules[r.ruleId]) === 'error' ? 'error' : 'warning',
          message: r.message,
          file: rel,
          line: r.line,
          column: r.column,
        };
        if (r.endLine !== undefined) finding.endLine = r.endLine;
        if (r.endColumn !== undefined) finding.endColumn = r.endColumn;
        if (r.suggestions) finding.suggestions = r.suggestions;
        return finding;
      }),
    });
  }
  return { results, forEslint };
}

/** Lints `files` (absolute paths) with oxlint; see the module comment for what comes back. */
export async function lintWithOxlint(files: readonly string[], opts: OxlintLintOptions): Promise<OxlintOutcome> {
  const bin = oxlintBinary();
  if (files.length === 0) return { results: [], forEslint: [] };
  if (!bin) return { results: [], forEslint: [...files], failed: { files: files.length, reason: unavailableReason() } };
  const base = eslintBaseRules(opts.preset, opts.config);
  const groups = new Map<string, { rules: Rules; files: string[] }>();
  for (const file of files) {
    const { key, rules } = eslintRulesFor(file, base, opts.config);
    const group = groups.get(key);
    if (group) group.files.push(file);
    else groups.set(key, { rules, files: [file] });
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'backlint-oxlint-'));
  try {
    const outcome: OxlintOutcome = { results: [], forEslint: [] };
    let n = 0;
    for (const group of groups.values()) {
      for (const chunk of chunksOf(group.files)) {
        const part = await lintChunk(bin, chunk, group.rules, opts, tmp, n++);
        outcome.results.push(...part.results);
        outcome.forEslint.push(...part.forEslint);
        if (part.failed) outcome.failed = { files: (outcome.failed?.files ?? 0) + part.failed.files, reason: outcome.failed?.reason ?? part.failed.reason };
      }
    }
    return outcome;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
