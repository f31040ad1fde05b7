/**
 * The oxlint configs the package ships (`oxlint/<preset>.json`) for users' own `.oxlintrc.json`
 * to `extends`: backlint's plugin as a JS plugin and the preset's rules, nothing else. oxlint's
 * native plugins, categories and rules stay the user's. scripts/generate-oxlint-configs.mjs writes
 * the files from this module at build time; a test keeps them current.
 */
import type { Linter } from 'eslint';
import type { Preset } from '../catalog.js';
import { presetRules } from '../eslint/plugin.js';

/** Where the shipped configs live, relative to the package root. */
export const OXLINT_CONFIG_DIR = 'oxlint';

/**
 * The plugin as the config file names it. oxlint resolves an extended file's `jsPlugins` from that
 * file's own folder, so a path relative to `oxlint/` finds the installed package's build whatever
 * the user's layout (hoisted, nested, pnpm) — no package name has to resolve from their project.
 */
export const OXLINT_PLUGIN_PATH = '../dist/src/eslint/plugin.js';

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
