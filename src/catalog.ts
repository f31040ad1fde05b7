/**
 * The catalog as data: the single source for the plugin, the ruleset, `backlint rules` and the
 * README table.
 */
import { allRules } from '../rules/index.js';
import { CATEGORY_TITLES, docsUrl, enginesOf, qualifiedId, type BacklintRule, type Engine, type Severity } from './rule.js';

import type { Preset } from './presets.js';

export { PRESETS, type Preset } from './presets.js';

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

export function getRules(): readonly BacklintRule[] {
  return allRules;
}

export function findRule(idOrQualified: string): BacklintRule | undefined {
  const id = idOrQualified.startsWith('backlint/') ? idOrQualified.slice('backlint/'.length) : idOrQualified;
  return allRules.find((r) => r.id === id);
}

/** Severity of a rule in a preset, or 'off' when the preset does not include it. */
export function presetSeverity(rule: BacklintRule, preset: Preset): Severity | 'off' {
  if (preset === 'strict') return rule.strict;
  return rule.recommended === false ? 'off' : rule.recommended;
}

export function catalogEntries(): CatalogEntry[] {
  return [...allRules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      qualifiedId: qualifiedId(r.id),
      category: r.category,
      categoryTitle: CATEGORY_TITLES[r.category],
      engines: enginesOf(r),
      recommended: presetSeverity(r, 'recommended'),
      strict: r.strict,
      description: r.description,
      docs: docsUrl(r.id),
    }));
}
