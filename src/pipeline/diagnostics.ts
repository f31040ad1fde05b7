/**
 * Stage 7 of `lint()`: what the run could not check. Every skipped file is listed with its reason
 * (a reviewer of an untrusted pull request must see what was not linted), and those that must not
 * pass unnoticed in CI become located findings too: too large (warning: a committed bundle is not
 * an attack, but its code was not checked) and unreadable (error, like a parse error: the tool
 * could not do its job).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileResult, Finding, SkippedFile } from '../report/model.js';
import type { Skipped } from './discover.js';
import { relativeFile } from './engines/paths.js';

export const FILE_TOO_LARGE_RULE = 'backlint/file-too-large';
export const UNREADABLE_RULE = 'backlint/unreadable';

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

/**
 * The report's `skipped` list (sorted, paths relative to `cwd`, a skipped directory with a
 * trailing `/`) and the file results carrying the located findings, `adjust` (the config's
 * settings) then `quiet` applied.
 */
export function skippedDiagnostics(
  cwd: string,
  entries: readonly Skipped[],
  quiet: boolean,
  adjust?: (results: FileResult[]) => void,
): { skipped: SkippedFile[]; results: FileResult[] } {
  const toRel = (abs: string) => {
    const dir = abs.endsWith(path.sep);
    const rel = relativeFile(cwd, dir ? abs.slice(0, -1) : abs);
    return dir ? `${rel}/` : rel;
  };
  const skipped: SkippedFile[] = [];
  const results: FileResult[] = [];
  for (const entry of entries) {
    const file = toRel(entry.path);
    skipped.push({ file, reason: entry.reason, ...(entry.message ? { message: entry.message } : {}) });
    const result = skippedFinding(entry, file);
    if (!result) continue;
    // The config's settings of these diagnostics (off, warn, error), before `quiet` looks at them.
    adjust?.([result]);
    if (quiet) result.findings = result.findings.filter((x) => x.severity === 'error');
    if (result.findings.length) results.push(result);
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { skipped, results };
}
