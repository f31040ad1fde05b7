/**
 * Several reports as one: what `backlint merge` does with the JSON reports of a sharded run (a CI
 * matrix, each job linting one `--shard`), so the pipeline publishes one report and one verdict.
 * The result is built the way `lint()` builds a report (files and skipped sorted by path, findings
 * by position, summary counted from the files, rules in catalog order), so merging the shards of a
 * run gives the report the unsharded run gives.
 */
import { BacklintUsageError } from '../config/errors.js';
import type { CatalogEntry } from '../catalog.js';
import type { FileResult, Finding, Report, SkippedFile, UnusedSuppression } from './model.js';

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || byPath(a.ruleId, b.ruleId);
}

/** A finding's identity: the fingerprint (content-based), or its position and text when absent. */
const identity = (f: Finding) => f.fingerprint ?? [f.ruleId, f.line, f.column, f.message].join('\u0000');

function union(into: Finding[] | undefined, more: readonly Finding[] | undefined): Finding[] | undefined {
  if (!more?.length) return into;
  const seen = new Set((into ?? []).map(identity));
  const out = into ?? [];
  for (const f of more) {
    const id = identity(f);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(f);
  }
  return out;
}

export function mergeReports(reports: readonly Report[]): Report {
  const first = reports[0];
  if (!first) throw new BacklintUsageError('Nothing to merge: give at least one report');
  for (const r of reports.slice(1)) {
    // Findings of different presets or versions are not one run's: merging them would pass off a
    // mixture as a verdict.
    if (r.preset !== first.preset) throw new BacklintUsageError(`Cannot merge reports of different presets (${first.preset}, ${r.preset})`);
    if (r.tool.version !== first.tool.version) {
      throw new BacklintUsageError(`Cannot merge reports of different backlint versions (${first.tool.version}, ${r.tool.version})`);
    }
  }
  const files = new Map<string, FileResult>();
  for (const r of reports) {
    for (const f of r.files) {
      const entry = files.get(f.file) ?? { file: f.file, kind: f.kind, findings: [] };
      entry.findings = union(entry.findings, f.findings)!;
      const suppressed = union(entry.suppressed, f.suppressed);
      if (suppressed) entry.suppressed = suppressed;
      files.set(f.file, entry);
    }
  }
  const merged = [...files.values()].sort((a, b) => byPath(a.file, b.file));
  // Each shard compares the suppressions of the files it linted: the parts are disjoint.
  const unused = new Map<string, UnusedSuppression>();
  for (const r of reports) for (const u of r.unusedSuppressions ?? []) unused.set(`${u.file}\u0000${u.ruleId}`, u);
  for (const f of merged) {
    f.findings.sort(compareFindings);
    f.suppressed?.sort(compareFindings);
  }
  const skipped = new Map<string, SkippedFile>();
  for (const r of reports) for (const s of r.skipped ?? []) skipped.set(`${s.file}\u0000${s.reason}`, s);
  const rules = new Map<string, CatalogEntry>();
  for (const r of reports) for (const e of r.rules) rules.set(e.qualifiedId, e);
  // Each shard's own (a run's notices name its own files: kept as written, each once).
  const notices = new Set(reports.flatMap((r) => r.notices ?? []));
  const reported = new Set(merged.flatMap((f) => f.findings.map((x) => x.ruleId)));
  const all = merged.flatMap((f) => f.findings);
  return {
    version: 1,
    tool: first.tool,
    cwd: first.cwd,
    preset: first.preset,
    files: merged,
    skipped: [...skipped.values()].sort((a, b) => byPath(a.file, b.file)),
    summary: {
      files: merged.length,
      codeFiles: merged.filter((f) => f.kind === 'code').length,
      openapiFiles: merged.filter((f) => f.kind === 'openapi').length,
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity !== 'error').length,
      skipped: skipped.size,
      suppressed: merged.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0),
    },
    // The catalog's order (by id), as lint() lists them; only rules that still have a finding.
    rules: [...rules.values()].filter((e) => reported.has(e.qualifiedId)).sort((a, b) => a.id.localeCompare(b.id)),
    ...(unused.size ? { unusedSuppressions: [...unused.values()].sort((a, b) => byPath(a.file, b.file) || byPath(a.ruleId, b.ruleId)) } : {}),
    ...(notices.size ? { notices: [...notices] } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFinding(f: unknown, where: string): void {
  if (!isObject(f)) throw new Error(`${where} is not an object`);
  for (const k of ['ruleId', 'message', 'file'] as const) if (typeof f[k] !== 'string') throw new Error(`${where}.${k} is not a string`);
  if (f.severity !== 'error' && f.severity !== 'warning') throw new Error(`${where}.severity is not "error" or "warning"`);
  for (const k of ['line', 'column'] as const) if (typeof f[k] !== 'number') throw new Error(`${where}.${k} is not a number`);
}

/**
 * A JSON report read back (`--format json` of this major version), checked enough that every
 * formatter can rely on its shape; the error names the first thing wrong. `name` is the file it
 * came from, for the message.
 */
export function parseJsonReport(text: string, name: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BacklintUsageError(`${name} is not JSON: ${(e as Error).message}`);
  }
  try {
    if (!isObject(data) || !isObject(data.tool) || data.tool.name !== 'backlint') throw new Error('it is not a backlint JSON report (--format json)');
    if (data.version !== 1) throw new Error(`its schema version is ${JSON.stringify(data.version)}, this backlint reads version 1`);
    if (typeof data.cwd !== 'string' || typeof data.preset !== 'string' || typeof data.tool.version !== 'string') throw new Error('cwd, preset or tool.version is missing');
    if (!Array.isArray(data.files) || !Array.isArray(data.rules) || !isObject(data.summary)) throw new Error('files, rules or summary is missing');
    data.files.forEach((file: unknown, i) => {
      if (!isObject(file) || typeof file.file !== 'string' || !Array.isArray(file.findings)) throw new Error(`files[${i}] is not a file result`);
      file.findings.forEach((f, j) => checkFinding(f, `files[${i}].findings[${j}]`));
      if (file.suppressed !== undefined) {
        if (!Array.isArray(file.suppressed)) throw new Error(`files[${i}].suppressed is not an array`);
        file.suppressed.forEach((f, j) => checkFinding(f, `files[${i}].suppressed[${j}]`));
      }
    });
    if (data.skipped !== undefined && !Array.isArray(data.skipped)) throw new Error('skipped is not an array');
    if (data.notices !== undefined && !(Array.isArray(data.notices) && data.notices.every((n) => typeof n === 'string'))) throw new Error('notices is not a list of strings');
    if (data.unusedSuppressions !== undefined) {
      if (!Array.isArray(data.unusedSuppressions)) throw new Error('unusedSuppressions is not an array');
      data.unusedSuppressions.forEach((u: unknown, i) => {
        if (!isObject(u) || typeof u.file !== 'string' || typeof u.ruleId !== 'string' || typeof u.count !== 'number') throw new Error(`unusedSuppressions[${i}] is not { file, ruleId, count }`);
      });
    }
  } catch (e) {
    throw new BacklintUsageError(`${name}: ${(e as Error).message}`);
  }
  return data as unknown as Report;
}
