/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into annotations on
 * the pull request diff. The runner reads its output line by line and obeys any line starting with
 * `::`, so file names and messages (chosen by the pull request under review) are escaped to stay
 * inside one command: they can neither start another (`::add-mask::`, `::stop-commands::`) nor
 * break out of a property. Controls are shown, not passed: the log viewer obeys ANSI sequences.
 */
import type { Report } from './model.js';
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

export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const props = [
        `file=${escapeProperty(safe(f.file))}`,
        `line=${f.line}`,
        `col=${f.column}`,
        ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []),
        ...(f.endColumn !== undefined && f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []),
        `title=${escapeProperty(safe(f.ruleId))}`,
      ];
      const command = f.severity === 'error' ? 'error' : 'warning';
      lines.push(`::${command} ${props.join(',')}::${escapeData(safe(`${f.message} (${f.ruleId})`))}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
