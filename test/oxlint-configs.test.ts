/**
 * The shipped oxlint configs (`oxlint/<preset>.json`): current with the catalog (the build rewrites
 * them; this catches a change that has not been built and committed), naming the built plugin by a
 * path that exists in the package, and shipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../src/catalog.js';
import { presetRules } from '../src/eslint/plugin.js';
import { OXLINT_CONFIG_DIR, OXLINT_PLUGIN_PATH, renderOxlintPresetConfig } from '../src/oxlint/configs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('oxlint/<preset>.json', () => {
  for (const preset of PRESETS) {
    it(`${preset}.json is up to date (regenerate: npm run build)`, () => {
      expect(readFileSync(path.join(root, OXLINT_CONFIG_DIR, `${preset}.json`), 'utf8')).toBe(renderOxlintPresetConfig(preset));
    });
  }

  it('holds only the jsPlugin and exactly the preset rules of the ESLint plugin', () => {
    for (const preset of PRESETS) {
      const config = JSON.parse(renderOxlintPresetConfig(preset)) as Record<string, unknown>;
      expect(Object.keys(config).sort()).toEqual(['jsPlugins', 'rules']);
      expect(config.rules).toEqual(presetRules(preset));
    }
  });

  it('names the plugin the package builds from src/oxlint/plugin.ts (one bundled file, with every rule of the ESLint plugin), and ships', async () => {
    const bundle = path.join(root, 'dist/src/oxlint-plugin.bundle.js');
    expect(path.resolve(root, OXLINT_CONFIG_DIR, OXLINT_PLUGIN_PATH)).toBe(bundle);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', `${OXLINT_CONFIG_DIR}/*.json`]));
    expect(pkg.exports['./oxlint/*.json']).toBe('./oxlint/*.json');
    // `backlint oxlint-config` names the plugin by this export.
    expect(path.resolve(root, pkg.exports['./oxlint'] as string)).toBe(bundle);
    const bundled = (await import(pathToFileURL(bundle).href)) as { default: { meta: { name: string }; rules: Record<string, unknown> } };
    const { default: plugin } = await import('../src/eslint/plugin.js');
    expect(bundled.default.meta.name).toBe('backlint');
    expect(Object.keys(bundled.default.rules).sort()).toEqual(Object.keys(plugin.rules).sort());
  });
});
