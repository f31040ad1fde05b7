/**
 * `--format json`: the Report itself, schema documented in docs/json-format.md. `version` is bumped
 * on any breaking change, so consumers can refuse what they do not understand.
 */
import type { Report } from './model.js';

export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
