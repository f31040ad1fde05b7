#!/usr/bin/env node
/**
 * Writes oxlint/recommended.json and oxlint/strict.json (the configs users' `.oxlintrc.json`
 * extends) from the catalog, through src/oxlint/configs.ts. `npm run build` runs it after the
 * compile; it needs dist. `--check` exits 1 instead of writing when a file is out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { PRESETS } = await import(pathToFileURL(path.join(root, 'dist/src/catalog.js')).href);
const { OXLINT_CONFIG_DIR, renderOxlintPresetConfig } = await import(pathToFileURL(path.join(root, 'dist/src/oxlint/configs.js')).href);

const check = process.argv.includes('--check');
const dir = path.join(root, OXLINT_CONFIG_DIR);
const stale = [];
for (const preset of PRESETS) {
  const file = path.join(dir, `${preset}.json`);
  const text = renderOxlintPresetConfig(preset);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // first run
  }
  if (current === text) continue;
  if (check) stale.push(path.relative(root, file));
  else {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
}
if (stale.length) {
  console.error(`${stale.join(', ')} out of date: run \`npm run build\` (or node scripts/generate-oxlint-configs.mjs after building).`);
  process.exit(1);
}
