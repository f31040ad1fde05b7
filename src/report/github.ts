/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into annotations on
 * the pull request diff.
 */
import type { Report } from './model.js';

/** Escaping for the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a property value (`file=…,title=…`): also `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []),
        ...(f.endColumn !== undefined && f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []),
        `title=${escapeProperty(f.ruleId)}`,
      ];
      const command = f.severity === 'error' ? 'error' : 'warning';
      lines.push(`::${command} ${props.join(',')}::${escapeData(`${f.message} (${f.ruleId})`)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
