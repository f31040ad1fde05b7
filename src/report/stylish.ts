/**
 * `--format stylish`: the terminal report, grouped by file like ESLint's own. Colour is decided by
 * the caller (TTY, NO_COLOR, FORCE_COLOR); this function only applies it.
 */
import pc from 'picocolors';
import type { FormatterOptions } from './formats.js';
import type { Report } from './model.js';
import { showControls } from './text.js';

// Text from analysed files can reach messages (Spectral quotes document values): never let it
// drive the terminal or reorder what it shows.
export function sanitizeTerminal(s: string): string {
  return showControls(s).replace(/\n/g, ' ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The lines every human-facing summary adds about what was not checked:
 * `9 skipped (not linted): 2 gitignored, 1 generated…` and `3 findings suppressed by inline comments…`.
 */
export function notCheckedLines(report: Report): string[] {
  const lines: string[] = [];
  const skipped = report.skipped ?? [];
  if (skipped.length) {
    const byReason = new Map<string, number>();
    for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    const parts = [...byReason].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${n} ${r}`);
    lines.push(`${skipped.length} skipped (not linted): ${parts.join(', ')}; the JSON report lists them`);
  }
  if (report.summary.suppressed) {
    let inline = 0;
    let documents = 0;
    let bulk = 0;
    let ignoreFile = 0;
    for (const f of report.files) {
      for (const x of f.suppressed ?? []) {
        const kinds = new Set(x.suppressions?.map((k) => k.kind));
        if (kinds.has('x-backlint-ignore')) documents++;
        else if (kinds.has('openapi-ignore-file')) ignoreFile++;
        else if (kinds.has('suppressions-file')) bulk++;
        else inline++;
      }
    }
    if (inline) lines.push(`${plural(inline, 'finding')} suppressed by inline comments (--no-inline-config reports them)`);
    if (documents) lines.push(`${plural(documents, 'finding')} suppressed by x-backlint-ignore in OpenAPI documents (the JSON report lists them)`);
    if (bulk) lines.push(`${plural(bulk, 'finding')} suppressed by the suppressions file (the JSON report lists them)`);
    if (ignoreFile) lines.push(`${plural(ignoreFile, 'finding')} suppressed by the OpenAPI ignore file (the JSON report lists them)`);
  }
  return lines;
}

/** `850ms`, `4.2s`, `2m 05s`: enough precision to compare runs, no more. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/**
 * The summary under the findings: problems and how many files have them (ESLint's line, plus the
 * file count a reviewer asks first), then what was checked and how long it took (Biome's line).
 */
export function summaryLines(report: Report, elapsedMs?: number): { verdict: string; checked: string } {
  const { errors, warnings, files, codeFiles, openapiFiles } = report.summary;
  const total = errors + warnings;
  const withProblems = report.files.filter((f) => f.findings.length > 0).length;
  const verdict =
    total === 0
      ? '✔ No problems'
      : `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(withProblems, 'file')}`;
  const checked = `Checked ${plural(files, 'file')} (${codeFiles} code, ${plural(openapiFiles, 'OpenAPI document')})${elapsedMs !== undefined ? ` in ${formatElapsed(elapsedMs)}` : ''}`;
  return { verdict, checked };
}

export function formatStylish(report: Report, opts: FormatterOptions = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push('', c.underline(sanitizeTerminal(file.file)));
    const rows = file.findings.map((f) => ({
      pos: `${f.line}:${f.column}`,
      sev: f.severity === 'error' ? 'error' : 'warning',
      msg: sanitizeTerminal(f.message),
      rule: f.ruleId,
    }));
    const posW = Math.max(...rows.map((r) => r.pos.length));
    const sevW = Math.max(...rows.map((r) => r.sev.length));
    const msgW = Math.min(100, Math.max(...rows.map((r) => r.msg.length)));
    for (const r of rows) {
      const sev = r.sev === 'error' ? c.red(r.sev.padEnd(sevW)) : c.yellow(r.sev.padEnd(sevW));
      out.push(`  ${c.dim(r.pos.padStart(posW))}  ${sev}  ${r.msg.padEnd(msgW)}  ${c.dim(r.rule)}`);
    }
  }
  const { errors, warnings } = report.summary;
  const { verdict, checked } = summaryLines(report, opts.elapsedMs);
  out.push('');
  if (errors + warnings === 0) out.push(c.green(verdict));
  else out.push(c.bold(errors > 0 ? c.red(verdict) : c.yellow(verdict)));
  out.push(c.dim(checked));
  for (const line of notCheckedLines(report)) out.push(c.yellow(`! ${sanitizeTerminal(line)}`));
  return `${out.join('\n')}\n`;
}
