/**
 * The output formats by name, and each formatter loaded only when asked for: a run prints the
 * formats it names and no other, and some formatters load libraries (xmlbuilder2 for JUnit) or
 * read files (SARIF's rule docs) that a run printing another format never needs.
 */
import type { FailOn } from './exit.js';
import type { Report } from './model.js';

export type Format = 'stylish' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown';
export const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'];

/**
 * What a formatter may know besides the report: everything here comes from the invocation, not the
 * analysis, so it is passed in rather than read from globals (the formatters stay pure).
 */
export interface FormatterOptions {
  /** stylish: colour. */
  color?: boolean;
  /** junit (and anything else that says pass/fail): the exit-code threshold of the run. */
  failOn?: FailOn;
  maxWarnings?: number;
  /** stylish: wall-clock time of the run, printed in the summary when given. */
  elapsedMs?: number;
  /** sarif: each rule's doc (markdown) by qualified id, for `help.markdown`. */
  ruleDocs?: ReadonlyMap<string, string>;
  /** markdown: the most characters the report may have (default: a GitHub comment's 65,536). */
  maxLength?: number;
}

export type Formatter = (report: Report, opts?: FormatterOptions) => string;

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

export async function loadFormatter(format: Format): Promise<Formatter> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif': {
      const [{ formatSarif }, { readRuleDocs }] = await Promise.all([import('./sarif.js'), import('./rule-docs.js')]);
      // The docs are read here, where loading happens, so formatSarif itself touches no file.
      return (report, opts = {}) => formatSarif(report, { ...opts, ruleDocs: opts.ruleDocs ?? readRuleDocs(report.rules) });
    }
    case 'junit':
      return (await import('./junit.js')).formatJunit;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown;
  }
}
