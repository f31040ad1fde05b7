/**
 * Stage 6 of `lint()`: the merged findings made ready for any formatter — masked, filtered
 * (`quiet`), ordered and fingerprinted. Suppressed findings go through the same steps: JSON and
 * SARIF list them too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { maskSecret, maskSecrets } from '../analysis/secrets.js';
import type { FileResult, Finding } from '../report/model.js';
import { qualifiedId } from '../rule-meta.js';
import { compareFindings } from './merge.js';

const normalizeText = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The last gate before any formatter: every text a finding carries that can quote code or a
 * document (message, suggestions, the JSON path's keys) masked, whichever engine, rule or tool
 * diagnostic (parse errors, unresolved `$ref`s) produced it. Rule faces mask too; this catches the
 * rest (Spectral's resolver, parsers) and anything a future rule forgets.
 */
export function maskFindings(results: readonly FileResult[]): void {
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

/** Masks, filters, orders and fingerprints `files` in place; returns how many findings are suppressed. */
export function finishFindings(cwd: string, files: FileResult[], quiet: boolean): number {
  maskFindings(files);
  let suppressed = 0;
  for (const f of files) {
    if (quiet) f.findings = f.findings.filter((x) => x.severity === 'error');
    f.findings.sort(compareFindings);
    if (f.suppressed) {
      if (quiet) f.suppressed = f.suppressed.filter((x) => x.severity === 'error');
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
  return suppressed;
}
