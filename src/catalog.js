/**
 * The catalog as data: the single source for the plugin, the ruleset, `backlint rules` and the
 * README table.
 */
import { allRules } from '../rules/index.js';
import { CATEGORY_TITLES, docsUrl, enginesOf, qualifiedId } from './rule.js';
export const PRESETS = ['recommended', 'strict'];
export function getRules() {
    return allRules;
}
export function findRule(idOrQualified) {
    const id = idOrQualified.startsWith('backlint/') ? idOrQualified.slice('backlint/'.length) : idOrQualified;
    return allRules.find((r) => r.id === id);
}
/** Severity of a rule in a preset, or 'off' when the preset does not include it. */
export function presetSeverity(rule, preset) {
    if (preset === 'strict')
        return rule.strict;
    return rule.recommended === false ? 'off' : rule.recommended;
}
export function catalogEntries() {
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
