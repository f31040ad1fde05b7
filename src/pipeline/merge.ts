/**
 * Stage 5 of `lint()`: both engines' results become one entry per file. A shared fragment
 * referenced by several root documents (or a document that is also linted on its own) is reported
 * by each run: one copy of each finding is kept.
 */
import type { FileResult, Finding } from '../report/model.js';

export function byFile(a: FileResult, b: FileResult): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export function mergeResults(results: FileResult[]): FileResult[] {
  const byPath = new Map<string, { result: FileResult; seen: Set<string> }>();
  for (const r of results) {
    let entry = byPath.get(r.file);
    if (!entry) {
      entry = { result: { file: r.file, kind: r.kind, findings: [] }, seen: new Set() };
      byPath.set(r.file, entry);
    }
    for (const f of r.findings) {
      const key = [f.ruleId, f.line, f.column, f.message].join('\u0000');
      if (entry.seen.has(key)) continue;
      entry.seen.add(key);
      entry.result.findings.push(f);
    }
    if (r.suppressed) (entry.result.suppressed ??= []).push(...r.suppressed);
  }
  return [...byPath.values()].map((e) => e.result).sort(byFile);
}
