#!/usr/bin/env node
/**
 * Writes rules/catalog.json — every rule's metadata (id, category, description, presets, faces,
 * options schema) — from the built rules, and copies it beside them in dist/. `npm run build` runs
 * it after the compile; it needs dist. The CLI reads this file instead of importing every rule's
 * implementation, which only the engine that runs a rule needs: one small file's run starts
 * without loading the analysis, ajv or Spectral's functions. `--check` exits 1 instead of writing
 * when the file is out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { allRules } = await import(pathToFileURL(path.join(root, 'dist/rules/index.js')).href);
const { renderCatalog } = await import(pathToFileURL(path.join(root, 'dist/src/catalog.js')).href);

const text = renderCatalog(allRules);
const source = path.join(root, 'rules/catalog.json');
let current = '';
try {
  current = readFileSync(source, 'utf8');
} catch {
  // first run
}
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('rules/catalog.json out of date: run `npm run build`.');
    process.exit(1);
  }
} else {
  if (current !== text) writeFileSync(source, text);
  mkdirSync(path.join(root, 'dist/rules'), { recursive: true });
  writeFileSync(path.join(root, 'dist/rules/catalog.json'), text);
}
