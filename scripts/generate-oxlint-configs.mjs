#!/usr/bin/env node
/**
 * Writes oxlint/recommended.json and oxlint/strict.json (the configs users' `.oxlintrc.json`
 * extends) from the catalog, through src/oxlint/configs.ts. `npm run build` runs it after the
 * compile; it needs dist. `--check` exits 1 instead of writing when a file is out of date.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { reportStale, updateGenerated } from './generated-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { PRESETS } = await import(pathToFileURL(path.join(root, 'dist/src/catalog.js')).href);
const { OXLINT_CONFIG_DIR, renderOxlintPresetConfig } = await import(pathToFileURL(path.join(root, 'dist/src/oxlint/configs.js')).href);

const stale = [];
for (const preset of PRESETS) {
  const file = path.join(root, OXLINT_CONFIG_DIR, `${preset}.json`);
  if (!updateGenerated(file, renderOxlintPresetConfig(preset))) stale.push(path.relative(root, file));
}
reportStale(stale, 'run `npm run build` (or node scripts/generate-oxlint-configs.mjs after building).');
