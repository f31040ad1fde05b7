/** Every output format, as pure functions of a `Report` (and the invocation's options). */
import type { Report } from './model.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import { readRuleDocs } from './rule-docs.js';

import type { Format, FormatterOptions } from './formats.js';

export { FORMATS, loadFormatter, type Format, type FormatterOptions } from './formats.js';
export { mergeReports } from './merge.js';

export function formatReport(report: Report, format: Format, opts: FormatterOptions = {}): string {
  switch (format) {
    case 'stylish':
      return formatStylish(report, opts);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, { ...opts, ruleDocs: opts.ruleDocs ?? readRuleDocs(report.rules) });
    case 'junit':
      return formatJunit(report, opts);
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(report, opts);
  }
}

export type { Report } from './model.js';
