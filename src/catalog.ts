/**
 * The catalog as data: every rule's metadata — the single source for the settings each engine
 * gets, the config's validation, `backlint rules`, the reporters and the README table.
 *
 * It is read from rules/catalog.json, which the build writes from the rules themselves
 * (scripts/generate-rules-catalog.mjs; a test keeps the committed file current), so knowing the
 * rules does not load them. Their implementations (rules/index.js, every rule and through them the
 * analysis) are loaded only by what runs them: the ESLint plugin and the Spectral ruleset. A run
 * over one small file starts that much sooner.
 */
import { readFileSync } from 'node:fs';
import type { BacklintRule } from './rule.js';
import { CATEGORY_TITLES, docsUrl, enginesOf, optionsSchemaOf, qualifiedId, type Category, type Engine, type Severity } from './rule-meta.js';

import type { Preset } from './presets.js';

export { PRESETS, type Preset } from './presets.js';

/** What the catalog knows of a rule without loading it. */
export interface RuleMeta {
  id: string;
  category: Category;
  description: string;
  recommended: Severity | false;
  strict: Severity;
  /** The faces the rule has. */
  engines: Engine[];
  /** Its options schema (`[optionsObjectSchema]`), absent when it takes none. */
  options?: readonly object[];
}

export interface CatalogEntry {
  id: string;
  qualifiedId: string;
  category: string;
  categoryTitle: string;
  engines: Engine[];
  recommended: Severity | 'off';
  strict: Severity;
  description: string;
  docs: string;
}

let metas: readonly RuleMeta[] | undefined;

/**
 * rules/catalog.json beside rules/index.js: `rules/` in the sources, `dist/rules/` when built. The
 * `spectral` CLI evaluates the ruleset bundled as CommonJS, with a `require` that resolves from the
 * ruleset's place (no `require.resolve`) and no `import.meta`: there the package's own export of
 * the file (`backlint/catalog.json`) is required.
 */
function readCatalog(): RuleMeta[] {
  if (typeof require === 'function') return require('backlint/catalog.json') as RuleMeta[];
  return JSON.parse(readFileSync(new URL('../rules/catalog.json', import.meta.url), 'utf8')) as RuleMeta[];
}

export function getRules(): readonly RuleMeta[] {
  return (metas ??= readCatalog());
}

export function findRule(idOrQualified: string): RuleMeta | undefined {
  const id = idOrQualified.startsWith('backlint/') ? idOrQualified.slice('backlint/'.length) : idOrQualified;
  return getRules().find((r) => r.id === id);
}

export function hasEngine(rule: RuleMeta, engine: Engine): boolean {
  return rule.engines.includes(engine);
}

/** Severity of a rule in a preset, or 'off' when the preset does not include it. */
export function presetSeverity(rule: Pick<RuleMeta, 'recommended' | 'strict'>, preset: Preset): Severity | 'off' {
  if (preset === 'strict') return rule.strict;
  return rule.recommended === false ? 'off' : rule.recommended;
}

// Code-point order (ids are lowercase kebab-case): localeCompare's first call loads ICU's
// collator, a tenth of the report stage of a one-file run.
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function catalogEntries(): CatalogEntry[] {
  return [...getRules()]
    .sort(byId)
    .map((r) => ({
      id: r.id,
      qualifiedId: qualifiedId(r.id),
      category: r.category,
      categoryTitle: CATEGORY_TITLES[r.category],
      engines: r.engines,
      recommended: presetSeverity(r, 'recommended'),
      strict: r.strict,
      description: r.description,
      docs: docsUrl(r.id),
    }));
}

/** A rule's catalog metadata, from its implementation. */
export function metaOf(rule: BacklintRule): RuleMeta {
  const options = optionsSchemaOf(rule);
  return {
    id: rule.id,
    category: rule.category,
    description: rule.description,
    recommended: rule.recommended,
    strict: rule.strict,
    engines: enginesOf(rule),
    ...(options ? { options } : {}),
  };
}

/** The text of rules/catalog.json for these rules. */
export function renderCatalog(rules: readonly BacklintRule[]): string {
  const sorted = [...rules].sort(byId);
  return `${JSON.stringify(sorted.map(metaOf), null, 2)}\n`;
}
