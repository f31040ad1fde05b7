/**
 * The README rule table, generated from the catalog (scripts/generate-readme.mjs writes it,
 * test/readme.test.ts fails when it is stale). Grouped by category, in catalog order.
 */
import type { CatalogEntry } from '../catalog.js';
import { formatRulesMarkdown } from './rules-command.js';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

export function renderRulesSection(entries: readonly CatalogEntry[]): string {
  const byCategory = new Map<string, CatalogEntry[]>();
  for (const e of entries) {
    const list = byCategory.get(e.categoryTitle) ?? [];
    list.push(e);
    byCategory.set(e.categoryTitle, list);
  }
  const parts = [
    '<!-- Generated from rule metadata by `node scripts/generate-readme.mjs`; do not edit by hand. -->',
    '',
    `${entries.length} rules. Presets: \`recommended\` (the default) and \`strict\` (everything in recommended plus the strict-only rules).`,
  ];
  const order = ['API design', 'Error responses', 'API contract', 'Security', 'Reliability and data access'];
  const titles = [...byCategory.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia === -1 ? order.length : ia) - (ib === -1 ? order.length : ib) || a.localeCompare(b);
  });
  for (const title of titles) {
    parts.push('', `### ${title}`, '', formatRulesMarkdown(byCategory.get(title)!).trimEnd());
  }
  return parts.join('\n');
}

export function replaceRulesSection(readme: string, section: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md has no ${RULES_START} … ${RULES_END} markers`);
  }
  return `${readme.slice(0, start + RULES_START.length)}\n${section}\n${readme.slice(end)}`;
}
