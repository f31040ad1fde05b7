/**
 * `backlint/eslint`: the ESLint plugin (flat config). `configs.recommended` and `configs.strict`
 * are arrays of flat-config objects usable in `extends` or spread into `defineConfig([...])`;
 * they set up the TypeScript parser for every JS/TS flavour so no user config is required.
 * `fromConfig()` is the same built from the project's backlint config (preset, rules, options,
 * overrides, ignore), so `eslint`, the editor and the CLI agree.
 */
import type { ESLint, Linter } from 'eslint';
import { lazyParser } from '../project/parser.js';
import { allRules } from '../../rules/index.js';
import { getRules, hasEngine, presetSeverity, type Preset } from '../catalog.js';
import { qualifiedId, type AnyEslintRule } from '../rule.js';

import { PACKAGE as pkg } from '../package-info.js';
import path from 'node:path';
import { loadConfig, loadConfigFile } from '../config/load.js';
import { validateConfig, type BacklintConfig, type ResolvedConfig } from '../config/schema.js';
import { eslintBaseRules, eslintOverrideConfigs } from '../pipeline/settings.js';
import { ignoreMatcher, OUTPUT_DIRECTORIES, PRUNED_DIRECTORIES } from '../pipeline/discover.js';

export const CODE_FILES = ['**/*.{js,cjs,mjs,jsx,ts,tsx,mts,cts}'];

const rules: Record<string, AnyEslintRule> = {};
for (const rule of allRules) {
  if (rule.eslint) rules[rule.id] = rule.eslint;
}

export type RuleSetting = Linter.RuleEntry;

/** ESLint `rules` for a preset, with `backlint/<id>` keys. */
export function presetRules(preset: Preset): Record<string, Linter.RuleEntry> {
  const out: Record<string, Linter.RuleEntry> = {};
  for (const rule of getRules()) {
    if (!hasEngine(rule, 'eslint')) continue;
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

export interface FromConfigOptions {
  /**
   * Where the lookup of `backlint.config.json|yaml|yml` (or package.json's `"backlint"`) starts,
   * going upward, as the CLI's does from its working directory; relative globs in the config are
   * relative to the file found. Default `process.cwd()`; pass `import.meta.dirname` from
   * `eslint.config.js` so an editor started elsewhere finds the same file.
   */
  cwd?: string;
  /** A config file (relative to `cwd`) or a config object instead of the lookup. */
  config?: string | BacklintConfig;
  /** Overrides the config's preset (as the CLI's `--preset`). */
  preset?: Preset;
}

function resolveFromOptions(options: FromConfigOptions): ResolvedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (typeof options.config === 'string') return loadConfigFile(path.resolve(cwd, options.config), options.config);
  if (options.config !== undefined) return { ...validateConfig(options.config, 'fromConfig()'), baseDir: cwd };
  return loadConfig(cwd);
}

/**
 * Flat-config objects for `eslint.config.js` from the backlint config, as the CLI applies it to
 * code: the preset, `rules` (severities and options; Spectral-only ids are for the documents),
 * `overrides` (scoped to the config file's directory), `drift` pairs for spec-drift, and `ignore`
 * plus the directories the CLI never lints (node_modules, dist, build, coverage, vendor…) as global
 * ignores. An invalid config throws, with the CLI's message, when ESLint loads its config.
 */
export function fromConfig(options: FromConfigOptions = {}): Linter.Config[] {
  const config = resolveFromOptions(options);
  const preset = options.preset ?? config.preset ?? 'recommended';
  const out: Linter.Config[] = [
    {
      name: 'backlint/ignores',
      ignores: [...PRUNED_DIRECTORIES, ...OUTPUT_DIRECTORIES].map((d) => `**/${d}/`),
    },
  ];
  if (config.ignore?.length) {
    const ignored = ignoreMatcher([{ baseDir: config.baseDir, globs: config.ignore, reason: 'config-ignore' }]);
    out.push({
      name: 'backlint/config-ignore',
      // The CLI's matcher (gitignore-style, relative to the config file), not minimatch.
      ignores: [(file: string) => ignored(file.replace(/[\\/]$/, ''), /[\\/]$/.test(file)) !== undefined] as unknown as string[],
    });
  }
  out.push(
    ...languageSetup(),
    {
      name: `backlint/config-${preset}`,
      files: CODE_FILES,
      plugins: { backlint: plugin as unknown as ESLint.Plugin },
      rules: eslintBaseRules(preset, config),
    },
    ...eslintOverrideConfigs(config),
  );
  return out;
}

const face = Object.assign(plugin, { fromConfig });

export { rules };
export default face;
