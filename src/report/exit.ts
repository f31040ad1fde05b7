/** The CLI verdict: 0 clean at the threshold, 1 findings at/above it (2 is for usage errors). */
import type { FindingSeverity, Report } from './model.js';

export type FailOn = 'error' | 'warning' | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export interface Threshold {
  failOn?: FailOn;
  maxWarnings?: number;
}

/**
 * Which severities fail the run. Formats that say pass/fail (JUnit) mark exactly these as
 * failures, so their verdict and the exit code never disagree.
 */
export function failingSeverities(report: Report, opts: Threshold = {}): ReadonlySet<FindingSeverity> {
  const failOn = opts.failOn ?? 'error';
  const out = new Set<FindingSeverity>();
  if (failOn !== 'never') out.add('error');
  // A warning budget is a gate of its own: it applies whatever --fail-on says.
  const overBudget = opts.maxWarnings !== undefined && opts.maxWarnings >= 0 && report.summary.warnings > opts.maxWarnings;
  if (failOn === 'warning' || overBudget) out.add('warning');
  return out;
}

export function exitCodeFor(report: Report, opts: Threshold = {}): 0 | 1 {
  const { errors, warnings } = report.summary;
  const failing = failingSeverities(report, opts);
  return (failing.has('error') && errors > 0) || (failing.has('warning') && warnings > 0) ? 1 : 0;
}
