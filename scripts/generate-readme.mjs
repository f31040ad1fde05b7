#!/usr/bin/env node
/**
 * Regenerates the rule table in README.md (between `<!-- rules:start -->` and `<!-- rules:end -->`)
 * from the rule metadata: the same `catalogEntries()` that `backlint rules` prints.
 * Needs the build (`npx tsc -p tsconfig.build.json`). `--check` exits 1 when README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { catalogEntries } = await import(path.join(root, 'dist/src/catalog.js'));
const { renderRulesSection, replaceRulesSection } = await import(path.join(root, 'dist/src/cli/readme.js'));

const readmePath = path.join(root, 'README.md');
const current = readFileSync(readmePath, 'utf8');
const next = replaceRulesSection(current, renderRulesSection(catalogEntries()));

if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md rule table is out of date: run `node scripts/generate-readme.mjs` (after building).');
    process.exit(1);
  }
  console.log('README.md rule table is up to date.');
} else if (next !== current) {
  writeFileSync(readmePath, next);
  console.log(`README.md rule table regenerated (${catalogEntries().length} rules).`);
} else {
  console.log('README.md rule table already up to date.');
}
