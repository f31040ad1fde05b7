#!/usr/bin/env node
/**
 * Runs the route / response rules on the Ghost server source and prints every finding (or a
 * random sample per rule) for review, plus per-rule counts and the number of routes the route
 * model found.
 *
 *   npx tsc -p tsconfig.build.json
 *   node benchmarks/scripts/route-rules-on-ghost.mjs [rule-id …] [--sample N] [--seed S] [--dir D]
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = process.env.BACKLINT_DIST ? path.resolve(process.env.BACKLINT_DIST) : path.join(root, 'dist');

const ALL = [
  'plural-resource-names',
  'kebab-case-paths',
  'no-verbs-in-paths',
  'require-api-version',
  'no-invalid-status-code',
  'http-status-semantics',
  'no-success-status-on-error',
  'no-leaked-error-details',
];
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? null : args.splice(i, 2)[1];
};
const sample = Number(flag('--sample') ?? 0);
let seed = Number(flag('--seed') ?? 1);
const target = path.resolve(flag('--dir') ?? process.env.GHOST_DIR ?? path.join(root, 'benchmarks/.cache/ghost/package/core/server'));
const ids = args.filter((a) => !a.startsWith('--'));
const wanted = ids.length ? ids : ALL;

const rules = {};
for (const id of wanted) {
  const mod = await import(pathToFileURL(path.join(dist, 'rules', `${id}.js`)).href);
  if (mod.default?.eslint) rules[id] = mod.default.eslint;
}
// A probe rule counting the routes the shared model finds, to see what the path rules judge.
const { getRouteModel, routeLabel } = await import(pathToFileURL(path.join(dist, 'src/analysis/routes.js')).href);
const routes = [];
rules['route-probe'] = {
  create(context) {
    return {
      'Program:exit'() {
        for (const r of getRouteModel(context).routes) routes.push(`${path.relative(target, context.filename)}: ${r.framework} ${routeLabel(r)}`);
      },
    };
  },
};
const tsParser = await import('@typescript-eslint/parser');
const eslint = new ESLint({
  cwd: target,
  stats: true,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.{js,cjs,mjs,ts}'],
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { backlint: { rules } },
      rules: Object.fromEntries(Object.keys(rules).map((id) => [`backlint/${id}`, 'warn'])),
    },
  ],
});
const t0 = performance.now();
const results = await eslint.lintFiles(['**/*.{js,cjs,mjs,ts}']);
const ms = performance.now() - t0;

const byRule = new Map();
let fatal = 0;
for (const r of results) {
  for (const m of r.messages) {
    if (m.fatal) {
      fatal++;
      continue;
    }
    const id = m.ruleId?.replace('backlint/', '');
    if (!id || id === 'route-probe') continue;
    const list = byRule.get(id) ?? [];
    list.push(`${path.relative(target, r.filePath)}:${m.line}:${m.column} ${m.message}`);
    byRule.set(id, list);
  }
}
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
for (const id of wanted) {
  const list = byRule.get(id) ?? [];
  console.log(`\n## ${id}: ${list.length} findings`);
  let shown = list;
  if (sample && list.length > sample) {
    shown = [...list].sort(() => rand() - 0.5).slice(0, sample);
    console.log(`(random sample of ${sample})`);
  }
  for (const f of shown) console.log(`  ${f}`);
}
// ESLint's own per-file stats: parse time vs time spent in each rule (the probe included).
let parseMs = 0;
const ruleMs = {};
for (const r of results) {
  for (const pass of r.stats?.times?.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [id, t] of Object.entries(pass.rules ?? {})) ruleMs[id] = (ruleMs[id] ?? 0) + t.total;
  }
}
const fmt = (n) => `${Math.round(n)} ms`;
console.log(`\nparse: ${fmt(parseMs)}`);
for (const [id, t] of Object.entries(ruleMs).sort((a, b) => b[1] - a[1])) console.log(`  ${id}: ${fmt(t)} (${((100 * t) / parseMs).toFixed(1)}% of parse)`);
console.log(`\nfiles: ${results.length}, parse errors: ${fatal}, routes found: ${routes.length}, time: ${Math.round(ms)} ms`);
if (process.env.SHOW_ROUTES) for (const r of routes) console.log(`  ${r}`);
