#!/usr/bin/env node
/**
 * Runs backlint's ESLint rules on real code (Ghost's server source by default) and prints their
 * findings for precision review: every finding, or a seeded random sample per rule, with per-rule
 * counts and the number of routes the shared route model found (what the route rules judge).
 *
 *   npm run build                                  # or build elsewhere and pass --dist
 *   node benchmarks/scripts/rules-on-ghost.mjs [rule-id …] [--family F] [--sample N] [--seed S]
 *       [--dir D] [--dist D] [--json] [--routes]
 *
 * Rules: the ids given, else a --family (routes, data, security), else every rule with an ESLint
 * face. Ghost's own eslint-disable comments name plugins not loaded here, so inline config is off.
 * Time per rule: benchmarks/scripts/profile-rules.mjs.
 */
import { ESLint } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusDir, fetchCorpus } from './fetch-corpus.mjs';

const FAMILIES = {
  routes: [
    'plural-resource-names',
    'kebab-case-paths',
    'no-verbs-in-paths',
    'require-api-version',
    'no-invalid-status-code',
    'http-status-semantics',
    'no-success-status-on-error',
    'no-leaked-error-details',
  ],
  data: [
    'no-get-side-effects',
    'require-pagination',
    'no-query-in-loop',
    'no-sync-io-in-handler',
    'require-query-timeout',
    'require-input-validation',
    'no-swallowed-errors',
  ],
  security: [
    'require-parameterized-queries',
    'no-hardcoded-secrets',
    'require-strong-password-hash',
    'require-jwt-expiry',
    'no-unsafe-jwt-verification',
    'no-permissive-cors',
    'require-secure-cookies',
    'no-disabled-tls-verification',
    'require-auth-rate-limit',
    'no-insecure-random',
    'no-sensitive-data-in-logs',
  ],
};

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? null : args.splice(i, 2)[1];
};
const family = flag('--family');
const sample = Number(flag('--sample') ?? 0);
let seed = Number(flag('--seed') ?? 1);
const dist = path.resolve(repo, flag('--dist') ?? 'dist');
let target = flag('--dir');
if (!target) {
  fetchCorpus('ghost');
  target = path.join(corpusDir('ghost'), 'package/core/server');
}
target = path.resolve(target);
const json = args.includes('--json');
const showRoutes = args.includes('--routes');
const named = args.filter((a) => !a.startsWith('--'));
if (family && !FAMILIES[family]) {
  console.error(`unknown family ${family}: one of ${Object.keys(FAMILIES).join(', ')}`);
  process.exit(2);
}
const ids = named.length
  ? named
  : family
    ? FAMILIES[family]
    : readdirSync(path.join(dist, 'rules')).filter((f) => f.endsWith('.js') && f !== 'index.js').map((f) => f.slice(0, -3));

const rules = {};
for (const id of ids) {
  const mod = await import(pathToFileURL(path.join(dist, 'rules', `${id}.js`)).href);
  // Spectral-only rules have no ESLint face.
  if (mod.default?.eslint) rules[id] = mod.default.eslint;
}
// A probe rule listing the routes the shared model finds.
const { getRouteModel, routeLabel } = await import(pathToFileURL(path.join(dist, 'src/analysis/routes.js')).href);
const routes = [];
const probe = {
  create: (context) => ({
    'Program:exit'() {
      for (const r of getRouteModel(context).routes) routes.push(`${path.relative(target, context.filename)}: ${r.framework} ${routeLabel(r)}`);
    },
  }),
};

const eslint = new ESLint({
  cwd: target,
  overrideConfigFile: true,
  allowInlineConfig: false,
  overrideConfig: [
    {
      files: ['**/*.{js,cjs,mjs,ts}'],
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { backlint: { rules }, probe: { rules: { routes: probe } } },
      rules: { ...Object.fromEntries(Object.keys(rules).map((id) => [`backlint/${id}`, 'warn'])), 'probe/routes': 'warn' },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ],
});
const t0 = performance.now();
const results = await eslint.lintFiles(['**/*.{js,cjs,mjs,ts}']);
const ms = performance.now() - t0;

const byRule = new Map(Object.keys(rules).map((id) => [id, []]));
let parseErrors = 0;
for (const r of results) {
  for (const m of r.messages) {
    if (m.fatal) parseErrors++;
    const id = m.ruleId?.replace(/^backlint\//, '');
    byRule.get(id)?.push({ file: path.relative(target, r.filePath), line: m.line, column: m.column, message: m.message });
  }
}
// Deterministic sampling, so a review can be repeated and shared.
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const out = {};
for (const [id, findings] of byRule) {
  const shown = sample && findings.length > sample ? [...findings].sort(() => rand() - 0.5).slice(0, sample) : findings;
  out[id] = { count: findings.length, shown };
}
if (json) {
  console.log(JSON.stringify({ files: results.length, ms: Math.round(ms), parseErrors, routes: routes.length, rules: out }, null, 2));
} else {
  for (const [id, { count, shown }] of Object.entries(out)) {
    console.log(`\n## ${id}: ${count} finding(s)${shown.length < count ? ` (random sample of ${shown.length})` : ''}`);
    for (const f of shown) console.log(`${f.file}:${f.line}:${f.column}  ${f.message}`);
  }
  console.log(`\n${results.length} files in ${Math.round(ms)} ms; ${parseErrors} parse errors; ${routes.length} routes found`);
  for (const [id, { count }] of Object.entries(out)) console.log(`${id}\t${count}`);
  if (showRoutes) for (const r of routes) console.log(`  ${r}`);
}
