/**
 * The oxlint configs the package ships (`oxlint/<preset>.json`) for users' own `.oxlintrc.json`
 * to `extends`: backlint's plugin as a JS plugin and the preset's rules, nothing else. oxlint's
 * native plugins, categories and rules stay the user's. scripts/generate-oxlint-configs.mjs writes
 * the files from this module at build time; a test keeps them current.
 */
import type { Linter } from 'eslint';
import type { Preset } from '../catalog.js';
import type { ResolvedConfig } from '../config/schema.js';
import { presetRules } from '../eslint/plugin.js';
import { OUTPUT_DIRECTORIES, PRUNED_DIRECTORIES } from '../pipeline/discover.js';
import { eslintBaseRules, rulesForEngine, SPEC_DRIFT, toEslintEntry } from '../pipeline/settings.js';

/** Where the shipped configs live, relative to the package root. */
export const OXLINT_CONFIG_DIR = 'oxlint';

/**
 * The plugin as the config file names it (src/oxlint/plugin.ts, joined into one file by the build).
 * oxlint resolves an extended file's `jsPlugins` from that file's own folder, so a path relative to
 * `oxlint/` finds the installed package's build whatever the user's layout (hoisted, nested, pnpm)
 * — no package name has to resolve from their project.
 */
export const OXLINT_PLUGIN_PATH = '../dist/src/oxlint-plugin.bundle.js';

export interface OxlintPresetConfig {
  jsPlugins: string[];
  rules: Record<string, Linter.RuleEntry>;
}

export function oxlintPresetConfig(preset: Preset): OxlintPresetConfig {
  const rules = presetRules(preset);
  const sorted: Record<string, Linter.RuleEntry> = {};
  for (const id of Object.keys(rules).sort()) sorted[id] = rules[id]!;
  return { jsPlugins: [OXLINT_PLUGIN_PATH], rules: sorted };
}

/** The file's exact text. */
export function renderOxlintPresetConfig(preset: Preset): string {
  return `${JSON.stringify(oxlintPresetConfig(preset), null, 2)}\n`;
}

/** The rules of one `.oxlintrc.json` override (oxlint takes ESLint's rule entries as they are). */
interface OxlintOverride {
  files: string[];
  rules: Record<string, Linter.RuleEntry>;
}

export interface OxlintProjectConfig {
  jsPlugins: string[];
  ignorePatterns: string[];
  rules: Record<string, Linter.RuleEntry>;
  overrides?: OxlintOverride[];
}

/**
 * `backlint oxlint-config`: an `.oxlintrc.json` for the project, from its backlint config, as the
 * CLI applies it to code: the preset and `rules` (severities, options), `overrides`, and `ignore`
 * plus the directories the CLI never lints as `ignorePatterns`. Globs stay relative to the backlint
 * config's directory, so the file belongs in that directory (oxlint resolves them from the file).
 * The plugin is named by package (`backlint/oxlint`, src/oxlint/plugin.ts), which oxlint resolves from the file's
 * directory. oxlint's native plugins and categories are left as the user sets them. oxlint refuses
 * unknown keys, so the file cannot say it was generated: regenerate it when the backlint config changes.
 */
export function oxlintProjectConfig(preset: Preset, config: ResolvedConfig): OxlintProjectConfig {
  const sortRules = (rules: Record<string, Linter.RuleEntry>) => Object.fromEntries(Object.keys(rules).sort().map((id) => [id, rules[id]!]));
  const base = eslintBaseRules(preset, config);
  // spec-drift's pairs are relative to the config's directory, which is where this file goes.
  const drift = base[SPEC_DRIFT];
  if (Array.isArray(drift) && drift[1] && typeof drift[1] === 'object') {
    const { baseDir: _absolute, ...options } = drift[1] as Record<string, unknown>;
    base[SPEC_DRIFT] = [drift[0], options];
  }
  const overrides = (config.overrides ?? [])
    .map((o) => ({ files: o.files, rules: sortRules(Object.fromEntries(Object.entries(rulesForEngine(o.rules, 'eslint')).map(([id, s]) => [id, toEslintEntry(s)]))) }))
    .filter((o) => Object.keys(o.rules).length > 0);
  return {
    jsPlugins: ['backlint/oxlint'],
    ignorePatterns: [...[...PRUNED_DIRECTORIES, ...OUTPUT_DIRECTORIES].map((d) => `**/${d}/`), ...(config.ignore ?? [])],
    rules: sortRules(base),
    ...(overrides.length ? { overrides } : {}),
  };
}
