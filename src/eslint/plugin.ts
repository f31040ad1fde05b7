/**
 * `backlint/eslint`: the ESLint plugin (flat config). `configs.recommended` and `configs.strict`
 * are arrays of flat-config objects usable in `extends` or spread into `defineConfig([...])`;
 * they set up the TypeScript parser for every JS/TS flavour so no user config is required.
 */
import type { ESLint, Linter } from 'eslint';
import { lazyParser } from '../project/parser.js';
import { getRules, presetSeverity, type Preset } from '../catalog.js';
import { qualifiedId, type AnyEslintRule } from '../rule.js';

import { PACKAGE as pkg } from '../package-info.js';

export const CODE_FILES = ['**/*.{js,cjs,mjs,jsx,ts,tsx,mts,cts}'];

const rules: Record<string, AnyEslintRule> = {};
for (const rule of getRules()) {
  if (rule.eslint) rules[rule.id] = rule.eslint;
}

export type RuleSetting = Linter.RuleEntry;

/** ESLint `rules` for a preset, with `backlint/<id>` keys. */
export function presetRules(preset: Preset): Record<string, Linter.RuleEntry> {
  const out: Record<string, Linter.RuleEntry> = {};
  for (const rule of getRules()) {
    if (!rule.eslint) continue;
    const sev = presetSeverity(rule, preset);
    if (sev !== 'off') out[qualifiedId(rule.id)] = sev;
  }
  return out;
}

const plugin = {
  meta: { name: pkg.name, version: pkg.version },
  // typescript-eslint's rule type and ESLint's differ only in context typing details.
  rules: rules as unknown as NonNullable<ESLint.Plugin['rules']>,
  configs: {} as Record<Preset, Linter.Config[]>,
};

/**
 * Language options shared by every config: one parser for JS and TS, JSX on. The CLI adds parser
 * options only it may assume (a user's config may run rules that need more) and its own wrapper of
 * the parser (src/project/shared-parse.ts).
 */
export function languageSetup(parserOptions: Linter.ParserOptions = {}, parser: unknown = lazyParser): Linter.Config[] {
  return [
    {
      name: 'backlint/parser',
      files: CODE_FILES,
      languageOptions: {
        parser: parser as Linter.Parser,
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true }, ...parserOptions },
      },
    },
    {
      name: 'backlint/parser-commonjs',
      files: ['**/*.cjs'],
      languageOptions: { sourceType: 'commonjs' },
    },
  ];
}

function buildConfig(preset: Preset): Linter.Config[] {
  return [
    ...languageSetup(),
    {
      name: `backlint/${preset}`,
      files: CODE_FILES,
      plugins: { backlint: plugin as unknown as ESLint.Plugin },
      rules: presetRules(preset),
    },
  ];
}

plugin.configs.recommended = buildConfig('recommended');
plugin.configs.strict = buildConfig('strict');

export { rules };
export default plugin;
