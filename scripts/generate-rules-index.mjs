#!/usr/bin/env node
// Writes rules/index.ts from the rule files present in rules/. The build and the type check run it
// first, so the catalog is always exactly the rules in the tree: a rule lands by its file
// existing, and no hand-kept list can name a file that is not there or forget one that is.
// `--check` exits 1 instead of writing when the file is out of date.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportStale, updateGenerated } from './generated-file.mjs';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');
const ids = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

const text = `/**
 * Every rule backlint ships, generated from the files in this folder by
 * scripts/generate-rules-index.mjs (run by \`npm run build\` and \`npm run typecheck\`): do not edit.
 * The plugin, the Spectral ruleset, \`backlint rules\` and the README table are all built from it.
 */
import type { BacklintRule } from '../src/rule.js';
${ids.map((id) => `import ${camel(id)} from './${id}.js';`).join('\n')}

export const allRules: readonly BacklintRule[] = [
${ids.map((id) => `  ${camel(id)},`).join('\n')}
];
`;

const target = join(rulesDir, 'index.ts');
if (!updateGenerated(target, text)) reportStale(['rules/index.ts'], 'run node scripts/generate-rules-index.mjs');
