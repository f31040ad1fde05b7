/** The CLI verdict: 0 clean at the threshold, 1 findings at/above it (2 is for usage errors). */
import type { Report } from './model.js';

export type FailOn = 'error' | 'warning' | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export function exitCodeFor(report: Report, opts: { failOn?: FailOn; maxWarnings?: number } = {}): 0 | 1 {
  const { errors, warnings } = report.summary;
  const failOn = opts.failOn ?? 'error';
  if (failOn === 'error' && errors > 0) return 1;
  if (failOn === 'warning' && errors + warnings > 0) return 1;
  // A warning budget is a gate of its own: it applies whatever --fail-on says.
  if (opts.maxWarnings !== undefined && opts.maxWarnings >= 0 && warnings > opts.maxWarnings) return 1;
  return 0;
}
