/** `backlint rules`: the catalog as a table, JSON or markdown (the README table uses the latter). */
import type { CatalogEntry } from '../catalog.js';

export type RulesFormat = 'table' | 'json' | 'markdown';
export const RULES_FORMATS: readonly RulesFormat[] = ['table', 'json', 'markdown'];

const ENGINE_TITLES = { eslint: 'ESLint', spectral: 'Spectral' } as const;

function presets(e: CatalogEntry): string {
  return e.recommended === 'off' ? `strict (${e.strict})` : `recommended (${e.recommended}), strict (${e.strict})`;
}

export function formatRulesMarkdown(entries: readonly CatalogEntry[]): string {
  const rows = [
    '| Rule | Engines | Category | Presets | Description |',
    '|---|---|---|---|---|',
    ...entries.map(
      (e) =>
        `| [\`${e.qualifiedId}\`](rules/${e.id}.md) | ${e.engines.map((x) => ENGINE_TITLES[x]).join(', ')} | ${e.categoryTitle} | ${presets(e)} | ${e.description.replace(/\|/g, '\\|')} |`,
    ),
  ];
  return `${rows.join('\n')}\n`;
}

export function formatRules(entries: readonly CatalogEntry[], format: RulesFormat): string {
  if (format === 'json') return `${JSON.stringify({ version: 1, rules: entries }, null, 2)}\n`;
  if (format === 'markdown') return formatRulesMarkdown(entries);
  const header = ['RULE', 'ENGINES', 'CATEGORY', 'RECOMMENDED', 'STRICT', 'DESCRIPTION'];
  const rows = entries.map((e) => [
    e.qualifiedId,
    e.engines.map((x) => ENGINE_TITLES[x]).join('+'),
    e.categoryTitle,
    e.recommended,
    e.strict,
    `${e.description} ${e.docs}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n${entries.length} rules\n`;
}
