import * as tsParser from '@typescript-eslint/parser';
import { getRules, presetSeverity } from '../catalog.js';
import { qualifiedId } from '../rule.js';
import { createRequire } from 'node:module';
// dist/src/eslint/plugin.js → the package root; read at run time so the version is never stale.
const pkg = createRequire(import.meta.url)('../../../package.json');
export const CODE_FILES = ['**/*.{js,cjs,mjs,jsx,ts,tsx,mts,cts}'];
const rules = {};
for (const rule of getRules()) {
    if (rule.eslint)
        rules[rule.id] = rule.eslint;
}
/** ESLint `rules` for a preset, with `backlint/<id>` keys. */
export function presetRules(preset) {
    const out = {};
    for (const rule of getRules()) {
        if (!rule.eslint)
            continue;
        const sev = presetSeverity(rule, preset);
        if (sev !== 'off')
            out[qualifiedId(rule.id)] = sev;
    }
    return out;
}
const plugin = {
    meta: { name: pkg.name, version: pkg.version },
    rules,
    configs: {},
};
/** Language options shared by every config: one parser for JS and TS, JSX on. */
export function languageSetup() {
    return [
        {
            name: 'backlint/parser',
            files: CODE_FILES,
            languageOptions: {
                parser: tsParser,
                ecmaVersion: 'latest',
                sourceType: 'module',
                parserOptions: { ecmaFeatures: { jsx: true } },
            },
        },
        {
            name: 'backlint/parser-commonjs',
            files: ['**/*.cjs'],
            languageOptions: { sourceType: 'commonjs' },
        },
    ];
}
function buildConfig(preset) {
    return [
        ...languageSetup(),
        {
            name: `backlint/${preset}`,
            files: CODE_FILES,
            plugins: { backlint: plugin },
            rules: presetRules(preset),
        },
    ];
}
plugin.configs.recommended = buildConfig('recommended');
plugin.configs.strict = buildConfig('strict');
export { rules };
export default plugin;
