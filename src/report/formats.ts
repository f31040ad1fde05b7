/**
 * The output formats by name, and each formatter loaded only when asked for: the CLI prints one
 * format per run, and some formatters load libraries (xmlbuilder2 for JUnit) or the whole rule
 * catalog (SARIF's rule metadata) that a run printing another format never needs.
 */
import type { Report } from './model.js';

export type Format = 'stylish' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown';
export const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'];

export type Formatter = (report: Report, opts?: { color?: boolean }) => string;

export async function loadFormatter(format: Format): Promise<Formatter> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown;
  }
}
