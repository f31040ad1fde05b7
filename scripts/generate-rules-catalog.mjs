#!/usr/bin/env node
/**
 * Writes rules/catalog.json — every rule's metadata (id, category, description, presets, faces,
 * options schema) — from the built rules, and copies it beside them in dist/. `npm run build` runs
 * it after the compile; it needs dist. The CLI reads this file instead of importing every rule's
 * implementation, which only the engine that runs a rule needs: one small file's run starts
 * without loading the analysis, ajv or Spectral's functions. `--check` exits 1 instead of writing
 * when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checking, reportStale, updateGenerated } from './generated-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { allRules } = await import(pathToFileURL(path.join(root, 'dist/rules/index.js')).href);
const { renderCatalog } = await import(pathToFileURL(path.join(root, 'dist/src/catalog.js')).href);

const text = renderCatalog(allRules);
if (!updateGenerated(path.join(root, 'rules/catalog.json'), text)) reportStale(['rules/catalog.json'], 'run `npm run build`.');
// The built catalog beside the built rules, where src/catalog.ts reads it.
if (!checking) writeFileSync(path.join(root, 'dist/rules/catalog.json'), text);
