/**
 * What is known of a rule by its id, without loading it: the public naming (`backlint/<id>`, its
 * doc's address), the categories, and the faces and options schema read off an implementation
 * (for the catalog's generator). Its own module because the CLI's process needs these and not
 * rule.ts, whose rule builder loads typescript-eslint's utilities.
 */
import type { BacklintRule } from './rule.js';

export const PLUGIN_PREFIX = 'backlint';
export const REPO_URL = 'https://github.com/backlint/backlint';

export type Severity = 'error' | 'warn';
export type Engine = 'eslint' | 'spectral';
export type Category =
  | 'api-design'
  | 'error-responses'
  | 'api-contract'
  | 'security'
  | 'reliability';

export const CATEGORY_TITLES: Record<Category, string> = {
  'api-design': 'API design',
  'error-responses': 'Error responses',
  'api-contract': 'API contract',
  security: 'Security',
  reliability: 'Reliability and data access',
};

export function docsUrl(id: string): string {
  return `${REPO_URL}/blob/main/rules/${id}.md`;
}

/** `backlint/<id>` — the public, prefixed form used by users, reports and both engines. */
export function qualifiedId(id: string): string {
  return `${PLUGIN_PREFIX}/${id}`;
}

/** The options schema of a rule (`[optionsObjectSchema]`), or undefined when it takes none. */
export function optionsSchemaOf(rule: BacklintRule): readonly object[] | undefined {
  const schema = rule.eslint?.meta.schema ?? rule.options;
  return Array.isArray(schema) ? (schema as readonly object[]) : undefined;
}

export function enginesOf(rule: BacklintRule): Engine[] {
  const engines: Engine[] = [];
  if (rule.eslint) engines.push('eslint');
  if (rule.spectral) engines.push('spectral');
  return engines;
}
