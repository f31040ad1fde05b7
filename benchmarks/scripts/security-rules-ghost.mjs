#!/usr/bin/env node
/**
 * Runs the security rules of issue #4 (half 2) on the Ghost server source and prints every finding,
 * so each one can be reviewed, plus per-rule counts and the lint time.
 *
 *   npx tsc -p tsconfig.build.json --outDir benchmarks/.cache/secb-dist   # or the default dist/
 *   node benchmarks/scripts/security-rules-ghost.mjs [--dist benchmarks/.cache/secb-dist] [--root <dir>] [--rules a,b]
 */
import { ESLint } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = path.resolve(repo, arg('dist', 'dist'));
const root = path.resolve(repo, arg('root', 'benchmarks/.cache/ghost/package/core/server'));
const ids = arg(
  'rules',
  'no-permissive-cors,require-secure-cookies,no-disabled-tls-verification,require-auth-rate-limit,no-insecure-random,no-sensitive-data-in-logs',
).split(',');

const rules = {};
for (const id of [...ids]) {
  const mod = await import(pathToFileURL(path.join(dist, 'rules', `${id}.js`)).href);
  // Spectral-only rules have no ESLint face.
  if (mod.default.eslint) rules[id] = mod.default.eslint;
  else ids.splice(ids.indexOf(id), 1);
}

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  // Ghost's own eslint-disable comments name plugins we do not load.
  allowInlineConfig: false,
  overrideConfig: [
    {
      files: ['**/*.{js,cjs,mjs,ts,mts,cts}'],
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { backlint: { rules } },
      rules: Object.fromEntries(ids.map((id) => [`backlint/${id}`, 'error'])),
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ],
});

const started = performance.now();
const results = await eslint.lintFiles(['**/*.{js,cjs,mjs,ts}']);
const elapsed = performance.now() - started;

const counts = Object.fromEntries(ids.map((id) => [id, 0]));
let fatal = 0;
for (const r of results) {
  for (const m of r.messages) {
    if (!m.ruleId) {
      fatal++;
      continue;
    }
    const id = m.ruleId.replace(/^backlint\//, '');
    counts[id] = (counts[id] ?? 0) + 1;
    console.log(`${id}\t${path.relative(root, r.filePath)}:${m.line}:${m.column}\t${m.message}`);
  }
}
console.log(`\nfiles: ${results.length}, parse errors: ${fatal}, time: ${(elapsed / 1000).toFixed(1)}s`);
for (const id of ids) console.log(`${id}: ${counts[id]}`);
