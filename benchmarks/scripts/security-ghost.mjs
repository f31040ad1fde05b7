#!/usr/bin/env node
/**
 * Runs the section-C security rules of issue #4 (half 1) on the Ghost server source and prints
 * every finding, for review. Usage:
 *   npx tsc --outDir benchmarks/.cache/seca-build --rootDir . --module NodeNext --moduleResolution NodeNext \
 *     --target ES2022 --skipLibCheck --esModuleInterop rules/<id>.ts …   (or `npm run build` and pass dist)
 *   node benchmarks/scripts/security-ghost.mjs [buildDir] [targetDir]
 * Compiles nothing itself so it can run against whatever build is at hand.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = path.resolve(process.argv[2] ?? path.join(root, 'benchmarks/.cache/seca-build'));
const target = path.resolve(process.argv[3] ?? path.join(root, 'benchmarks/.cache/ghost/package/core/server'));
const IDS = ['require-parameterized-queries', 'no-hardcoded-secrets', 'require-strong-password-hash', 'require-jwt-expiry', 'no-unsafe-jwt-verification'];

const rules = {};
for (const id of IDS) {
  const mod = await import(pathToFileURL(path.join(buildDir, 'rules', `${id}.js`)).href);
  rules[id] = mod.default.eslint;
}

const eslint = new ESLint({
  cwd: target,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.{js,cjs,mjs,ts}'],
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { backlint: { rules } },
      rules: Object.fromEntries(IDS.map((id) => [`backlint/${id}`, 'error'])),
    },
    { files: ['**/*.cjs', '**/*.js'], languageOptions: { sourceType: 'commonjs' } },
  ],
  stats: true,
  allowInlineConfig: false,
});

const t0 = performance.now();
const results = await eslint.lintFiles(['.']);
const ms = performance.now() - t0;
const counts = Object.fromEntries(IDS.map((id) => [id, 0]));
let ruleMs = 0;
const perRule = Object.fromEntries(IDS.map((id) => [id, 0]));
for (const r of results) {
  for (const m of r.messages) {
    if (!m.ruleId) {
      if (m.fatal) console.log(`PARSE ${path.relative(target, r.filePath)}: ${m.message}`);
      continue;
    }
    const id = m.ruleId.replace('backlint/', '');
    counts[id]++;
    console.log(`${id}\t${path.relative(target, r.filePath)}:${m.line}:${m.column}\t${m.message}`);
  }
  for (const pass of r.stats?.times?.passes ?? []) for (const [rid, t] of Object.entries(pass.rules ?? {})) {
    ruleMs += t.total;
    perRule[rid.replace('backlint/', '')] += t.total;
  }
}
console.log(`\nfiles: ${results.length}, total ${ms.toFixed(0)} ms, rule time ${ruleMs.toFixed(0)} ms`);
for (const id of IDS) console.log(`${id}: ${counts[id]} findings, ${perRule[id].toFixed(0)} ms`);
