/**
 * The one contract every rule in `rules/` follows. A rule is identified by its catalog id and may
 * have an ESLint face, a Spectral face, or both (section A of the catalog): one id, one doc, one
 * setting that switches it everywhere.
 */
import { ESLintUtils } from '@typescript-eslint/utils';
export const PLUGIN_PREFIX = 'backlint';
export const REPO_URL = 'https://github.com/backlint/backlint';
export const CATEGORY_TITLES = {
    'api-design': 'API design',
    'error-responses': 'Error responses',
    'api-contract': 'API contract',
    security: 'Security',
    reliability: 'Reliability and data access',
};
export function docsUrl(id) {
    return `${REPO_URL}/blob/main/rules/${id}.md`;
}
/** `backlint/<id>` — the public, prefixed form used by users, reports and both engines. */
export function qualifiedId(id) {
    return `${PLUGIN_PREFIX}/${id}`;
}
export function defineRule(rule) {
    return rule;
}
export function enginesOf(rule) {
    const engines = [];
    if (rule.eslint)
        engines.push('eslint');
    if (rule.spectral)
        engines.push('spectral');
    return engines;
}
/**
 * Builder for the ESLint face (typescript-eslint's RuleCreator): typed options, messages and a
 * `meta.docs.url` pointing at the rule's doc beside it.
 */
export const createEslintRule = ESLintUtils.RuleCreator((name) => docsUrl(name));
