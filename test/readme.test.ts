/**
 * README.md: the rule table is generated from the catalog and must be current; the quick-start
 * commands are the ones .ci/run executes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../src/catalog.js';
import { renderRulesSection, replaceRulesSection } from '../src/cli/readme.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README.md', () => {
  it('rule table is up to date with the catalog (regenerate: npx tsc -p tsconfig.build.json && node scripts/generate-readme.mjs)', () => {
    expect(replaceRulesSection(readme, renderRulesSection(catalogEntries()))).toBe(readme);
  });

  it('lists every landed rule with a link to its doc', () => {
    for (const e of catalogEntries()) expect(readme).toContain(`[\`${e.qualifiedId}\`](rules/${e.id}.md)`);
  });

  it('.ci/run runs exactly the set-up commands the README gives', () => {
    const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');
    expect(ci).toBe('#!/usr/bin/env bash\nset -euo pipefail\nnpm ci\nnpm test\n');
    expect(readme).toContain('npm ci\nnpx backlint fixtures');
    expect(readme).toContain('npm test');
  });
});
