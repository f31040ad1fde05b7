/**
 * `--format markdown`: a pull-request comment. Totals first, then where the problems are (by rule,
 * by file), then the first findings in detail. File names and messages (which quote code and
 * OpenAPI path keys) come from the pull request under review, so every cell holding them is escaped
 * to plain text: no images, links, HTML, mentions or issue references, no way out of the table.
 */
import type { FormatterOptions } from './formats.js';
import type { Finding, Report } from './model.js';
import { showControls } from './text.js';
import { notCheckedLines } from './stylish.js';

const TOP = 20;

// Every ASCII punctuation character that starts or closes GitHub-flavoured markup: code, emphasis,
// links and images, HTML and entities, table cells, math, autolinks (`https:`), mentions and issue
// references. A backslash makes any of them literal (CommonMark, and GFM tables for `|`).
const MARKUP = /[\\`*_~[\]!<>&|:$@#]/g;

/**
 * Plain text inside a table cell. Mentions (`@user`) and issue references (`#12`) are linked by
 * GitHub after rendering, so escaping does not stop them notifying: a zero-width space after the
 * sign does (what Dependabot does). `www.` starts an autolink without any punctuation of its own.
 */
export function escapeCell(s: string): string {
  return showControls(s.replace(/\r\n?/g, '\n'))
    .replace(MARKUP, (c) => (c === '@' || c === '#' ? `\\${c}&#8203;` : `\\${c}`))
    .replace(/www\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/\n/g, '<br>');
}

/** A file name in monospace; `<code>`, unlike a code span, keeps the escapes working. */
const codeCell = (file: string, position = '') => `<code>${escapeCell(file)}${position}</code>`;

function link(report: Report, ruleId: string): string {
  const entry = report.rules.find((r) => r.qualifiedId === ruleId);
  return entry ? `[\`${ruleId}\`](${entry.docs})` : `\`${ruleId}\``;
}

const SKIPPED_LISTED = 100;
const TOP_FILES = 25;

/** GitHub's limit for an issue or pull-request comment body (and the default bound here). */
export const GITHUB_COMMENT_MAX = 65_536;

/**
 * Lines added while they fit: each table row is taken only if it leaves room for what must
 * follow (the rest's headings and "N more" lines), so the report never exceeds its bound whatever
 * the messages and file names hold. A row that does not fit ends its table with a "more" line.
 */
class Budget {
  readonly lines: string[] = [];
  private left: number;
  constructor(max: number) {
    this.left = max;
  }
  /** Unconditional: headings and counts, small and bounded by construction. */
  push(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.left -= l.length + 1;
    }
  }
  /** Rows in order while they fit beside `reserve` characters; the rest summed up by `more(n)`. */
  rows(rows: readonly string[], limit: number, reserve: number, more: (n: number) => string): void {
    let i = 0;
    for (; i < rows.length && i < limit; i++) {
      if (rows[i]!.length + 1 > this.left - reserve - 200) break;
      this.push(rows[i]!);
    }
    if (i < rows.length) this.push(more(rows.length - i));
  }
}

/** What the later sections need at least: their headings and a "more" line each. */
const RESERVE_PER_SECTION = 400;

/** What was not checked, for the reviewer: the count lines, then the skipped paths in a fold. */
function notChecked(report: Report, out: Budget, reserve: number): void {
  // Our own words and counts only (reasons are a fixed vocabulary): no pull-request text to escape.
  for (const line of notCheckedLines(report)) out.push(`⚠️ ${line}`, '');
  const skipped = report.skipped ?? [];
  if (skipped.length) {
    out.push('<details><summary>Not linted</summary>', '', '| Path | Reason |', '|---|---|');
    out.rows(
      skipped.map((s) => `| ${codeCell(s.file)} | ${escapeCell(s.reason)} |`),
      SKIPPED_LISTED,
      reserve,
      (n) => `| … | ${n} more in the JSON report |`,
    );
    out.push('', '</details>', '');
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Bounded to fit a pull-request comment (`maxLength`, default GitHub's 65,536 characters): the
 * totals always, then the tables in order of use, each cut with an "N more" line when the bound or
 * its row limit is reached. Errors come before warnings wherever findings are listed.
 */
export function formatMarkdown(report: Report, opts: FormatterOptions = {}): string {
  const { errors, warnings, files, codeFiles, openapiFiles } = report.summary;
  const all: Finding[] = report.files.flatMap((f) => f.findings);
  const out = new Budget(opts.maxLength ?? GITHUB_COMMENT_MAX);
  out.push('## backlint report', '');
  if (all.length === 0) {
    out.push(`✅ No problems in ${plural(files, 'file')} (${codeFiles} code, ${openapiFiles} OpenAPI).`, '');
    notChecked(report, out, 0);
    return out.lines.join('\n');
  }
  const withProblems = report.files.filter((f) => f.findings.length).length;
  out.push(
    `${errors > 0 ? '❌' : '⚠️'} **${plural(errors, 'error')}**, **${plural(warnings, 'warning')}** in ${plural(withProblems, 'file')} of ${files} checked (${codeFiles} code, ${openapiFiles} OpenAPI), preset \`${report.preset}\`.`,
    '',
  );
  notChecked(report, out, 3 * RESERVE_PER_SECTION);

  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const f of all) {
    const e = byRule.get(f.ruleId) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') e.errors++;
    else e.warnings++;
    byRule.set(f.ruleId, e);
  }
  out.push('### By rule', '', '| Rule | Errors | Warnings |', '|---|---:|---:|');
  const ruleRows = [...byRule]
    .sort((a, b) => b[1].errors - a[1].errors || b[1].warnings - a[1].warnings || (a[0] < b[0] ? -1 : 1))
    .map(([id, n]) => `| ${link(report, id)} | ${n.errors} | ${n.warnings} |`);
  out.rows(ruleRows, Number.POSITIVE_INFINITY, 2 * RESERVE_PER_SECTION, (n) => `| … | ${plural(n, 'more rule')} | |`);

  out.push('', '### By file', '', '| File | Errors | Warnings |', '|---|---:|---:|');
  const fileRows = report.files
    .filter((f) => f.findings.length)
    .map((f) => ({
      file: f.file,
      errors: f.findings.filter((x) => x.severity === 'error').length,
      warnings: f.findings.filter((x) => x.severity === 'warning').length,
    }))
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || (a.file < b.file ? -1 : 1))
    .map((r) => `| ${codeCell(r.file)} | ${r.errors} | ${r.warnings} |`);
  out.rows(fileRows, TOP_FILES, RESERVE_PER_SECTION, (n) => `| … ${plural(n, 'more file')} with problems | | |`);

  const ordered = [...all.filter((f) => f.severity === 'error'), ...all.filter((f) => f.severity === 'warning')];
  out.push('', `### Top findings${all.length > TOP ? ` (first ${TOP} of ${all.length}, errors first)` : ''}`, '', '| Severity | Location | Rule | Message |', '|---|---|---|---|');
  const findingRows = ordered.map(
    (f) => `| ${f.severity} | ${codeCell(f.file, `:${f.line}:${f.column}`)} | ${link(report, f.ruleId)} | ${escapeCell(f.message)} |`,
  );
  out.rows(findingRows, TOP, 0, (n) => `| … | ${plural(n, 'more finding')} in the job log and the JSON report | | |`);
  out.push('');
  return out.lines.join('\n');
}
