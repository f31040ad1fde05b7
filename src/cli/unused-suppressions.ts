/**
 * Suppressions left in the baseline that no longer occur (`Report.unusedSuppressions`): exit 2 with
 * ESLint's message, for a run and for `backlint merge` of a sharded run alike, unless
 * `--pass-on-unpruned-suppressions`.
 */
import type { Report } from '../report/model.js';
import { sanitizeTerminal } from '../report/stylish.js';

/** Writes the message and returns true when the run must exit 2 on unused suppressions. */
export function failOnUnusedSuppressions(stderr: NodeJS.WritableStream, report: Report, pass: boolean | undefined): boolean {
  const unused = report.unusedSuppressions ?? [];
  if (unused.length === 0 || pass) return false;
  // ESLint's message and exit code: the baseline must shrink as problems are fixed, or it would
  // silently allow that many new ones.
  const listed = unused.slice(0, 10).map((u) => `  ${sanitizeTerminal(u.file)}: ${sanitizeTerminal(u.ruleId)} (${u.count} fewer)\n`).join('');
  const more = unused.length > 10 ? `  … and ${unused.length - 10} more\n` : '';
  stderr.write(
    `backlint: There are suppressions left that do not occur anymore. To resolve this, re-run the command with \`--prune-suppressions\` to remove unused suppressions. To ignore unused suppressions, use \`--pass-on-unpruned-suppressions\`.\n${listed}${more}`,
  );
  return true;
}
