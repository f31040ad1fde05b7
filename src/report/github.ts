/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into annotations on
 * the pull request diff. The runner reads its output line by line and obeys any line starting with
 * `::`, so file names and messages (chosen by the pull request under review) are escaped to stay
 * inside one command: they can neither start another (`::add-mask::`, `::stop-commands::`) nor
 * break out of a property. Controls are shown, not passed: the log viewer obeys ANSI sequences.
 */
import type { Finding, Report } from './model.js';
import { showControls } from './text.js';

/** Escaping for the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a property value (`file=…,title=…`): also `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One line, whatever the input: CR and LF are escaped after the other controls are made visible. */
const safe = (s: string) => showControls(s.replace(/\r\n?/g, '\n'));

/** GitHub shows at most this many annotations per level (error, warning, notice) per step. */
export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

function command(f: Finding): string {
  const props = [
    `file=${escapeProperty(safe(f.file))}`,
    `line=${f.line}`,
    `col=${f.column}`,
    ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []),
    ...(f.endColumn !== undefined && f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []),
    `title=${escapeProperty(safe(f.ruleId))}`,
  ];
  return `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(safe(`${f.message} (${f.ruleId})`))}`;
}

/**
 * Errors first: GitHub keeps the first ten of each level, and the errors are what fails the check.
 * Past ten a notice says how many the annotations leave out and where the rest are (the log has
 * every line; the step summary, when the CLI writes one, has the counts).
 */
export function formatGithub(report: Report): string {
  const all = report.files.flatMap((f) => f.findings);
  const errors = all.filter((f) => f.severity === 'error');
  const warnings = all.filter((f) => f.severity !== 'error');
  const lines = [...errors, ...warnings].map(command);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hidden = (n: number, word: string) => (n > ANNOTATIONS_SHOWN_PER_LEVEL ? [plural(n - ANNOTATIONS_SHOWN_PER_LEVEL, `more ${word}`)] : []);
  const more = [...hidden(errors.length, 'error'), ...hidden(warnings.length, 'warning')];
  if (more.length) {
    lines.push(
      `::notice title=backlint::${escapeData(`${plural(errors.length, 'error')} and ${plural(warnings.length, 'warning')}: GitHub annotates the first ${ANNOTATIONS_SHOWN_PER_LEVEL} of each, so ${more.join(' and ')} are only in this log and the step summary.`)}`,
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
