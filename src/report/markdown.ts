/**
 * `--format markdown`: a pull-request comment. Totals first, then where the problems are (by rule,
 * by file), then the first findings in detail. File names and messages (which quote code and
 * OpenAPI path keys) come from the pull request under review, so every cell holding them is escaped
 * to plain text: no images, links, HTML, mentions or issue references, no way out of the table.
 */
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

/** What was not checked, for the reviewer: the count lines, then the skipped paths in a fold. */
function notChecked(report: Report): string[] {
  const out: string[] = [];
  // Our own words and counts only (reasons are a fixed vocabulary): no pull-request text to escape.
  for (const line of notCheckedLines(report)) out.push(`⚠️ ${line}`, '');
  const skipped = report.skipped ?? [];
  if (skipped.length) {
    out.push('<details><summary>Not linted</summary>', '', '| Path | Reason |', '|---|---|');
    for (const s of skipped.slice(0, SKIPPED_LISTED)) out.push(`| ${codeCell(s.file)} | ${escapeCell(s.reason)} |`);
    if (skipped.length > SKIPPED_LISTED) out.push(`| … | ${skipped.length - SKIPPED_LISTED} more in the JSON report |`);
    out.push('', '</details>', '');
  }
  return out;
}

export function formatMarkdown(report: Report): string {
  const { errors, warnings, files, codeFiles, openapiFiles } = report.summary;
  const all: Finding[] = report.files.flatMap((f) => f.findings);
  const out: string[] = ['## backlint report', ''];
  if (all.length === 0) {
    out.push(`✅ No problems in ${files} files (${codeFiles} code, ${openapiFiles} OpenAPI).`, '');
    out.push(...notChecked(report));
    return out.join('\n');
  }
  out.push(
    `${errors > 0 ? '❌' : '⚠️'} **${errors} error${errors === 1 ? '' : 's'}**, **${warnings} warning${warnings === 1 ? '' : 's'}** in ${files} files (${codeFiles} code, ${openapiFiles} OpenAPI), preset \`${report.preset}\`.`,
    '',
  );
  out.push(...notChecked(report));

  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const f of all) {
    const e = byRule.get(f.ruleId) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') e.errors++;
    else e.warnings++;
    byRule.set(f.ruleId, e);
  }
  out.push('### By rule', '', '| Rule | Errors | Warnings |', '|---|---:|---:|');
  for (const [id, n] of [...byRule].sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1))) {
    out.push(`| ${link(report, id)} | ${n.errors} | ${n.warnings} |`);
  }

  out.push('', '### By file', '', '| File | Errors | Warnings |', '|---|---:|---:|');
  const fileRows = report.files
    .filter((f) => f.findings.length)
    .map((f) => ({
      file: f.file,
      errors: f.findings.filter((x) => x.severity === 'error').length,
      warnings: f.findings.filter((x) => x.severity === 'warning').length,
    }))
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || (a.file < b.file ? -1 : 1));
  for (const r of fileRows) out.push(`| ${codeCell(r.file)} | ${r.errors} | ${r.warnings} |`);

  const top = [...all.filter((f) => f.severity === 'error'), ...all.filter((f) => f.severity === 'warning')].slice(0, TOP);
  out.push('', `### Top findings${all.length > TOP ? ` (first ${TOP} of ${all.length})` : ''}`, '', '| Severity | Location | Rule | Message |', '|---|---|---|---|');
  for (const f of top) {
    out.push(`| ${f.severity} | ${codeCell(f.file, `:${f.line}:${f.column}`)} | ${link(report, f.ruleId)} | ${escapeCell(f.message)} |`);
  }
  out.push('');
  return out.join('\n');
}
