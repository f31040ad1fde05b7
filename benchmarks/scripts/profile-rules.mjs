#!/usr/bin/env node
/**
 * Where backlint's ESLint rules spend their time on Ghost's server source: CPU-profiles one lint
 * run in-process (V8 inspector, sampled) and prints
 *   - per rule: the time spent under that rule's listeners and create(), shared analysis included
 *     (a shared model is charged to the rule that first asks for it);
 *   - per backlint function: inclusive time (recursion counted once), the top N.
 * Sampled times are estimates; compare runs by their share of the total, not single numbers.
 *
 *   npm run build
 *   node benchmarks/scripts/profile-rules.mjs [--preset recommended|strict] [--top N] [--dir D]
 *                                            [--only id,id…] [--skip id,id…]
 * --only/--skip keep or drop rules of the preset (to see what a group of rules costs on its own).
 * The eight request-taint rules share one face (src/taint-rule.ts): their time is charged to
 * "taint rules".
 */
import { ESLint } from 'eslint';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusDir, fetchCorpus } from './fetch-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const preset = flag('--preset', 'recommended');
const top = Number(flag('--top', '40'));
let dir = flag('--dir', null);
if (!dir) {
  fetchCorpus('ghost');
  dir = path.join(corpusDir('ghost'), 'package/core/server');
}

const plugin = (await import(pathToFileURL(path.join(root, 'dist/src/eslint/plugin.js')).href)).default;
const ids = (name) => (flag(name, null)?.split(',') ?? null);
const only = ids('--only');
const skip = ids('--skip') ?? [];
const keep = (ruleKey) => {
  const id = ruleKey.replace(/^backlint\//, '');
  return (!only || only.includes(id)) && !skip.includes(id);
};
const config = [plugin.configs[preset]].flat().map((c) =>
  c.rules ? { ...c, rules: Object.fromEntries(Object.entries(c.rules).filter(([k]) => keep(k))) } : c,
);
const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, ignore: false, cache: false });

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 250 });
await session.post('Profiler.start');
const results = await eslint.lintFiles(['**/*.{js,cjs,mjs,ts}']);
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const distUrl = pathToFileURL(path.join(root, 'dist')).href + '/';
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const label = (cf) => `${cf.functionName || '(anonymous)'} ${cf.url.slice(distUrl.length)}:${cf.lineNumber + 1}`;

// For each profile node: the rule it runs under (outermost dist/rules frame) and the set of
// backlint functions on its stack. Memoised from the root down.
const ruleOf = new Map();
const fnsOf = new Map();
function walk(id) {
  if (ruleOf.has(id)) return;
  const parent = parentOf.get(id);
  if (parent !== undefined) walk(parent);
  const cf = nodes.get(id).callFrame;
  const ours = cf.url.startsWith(distUrl);
  const rel = cf.url.slice(distUrl.length);
  const rule = /^rules\/([^/]+)\.js$/.exec(rel)?.[1] ?? (rel === 'src/taint-rule.js' ? 'taint rules' : null);
  const upRule = parent === undefined ? null : ruleOf.get(parent);
  ruleOf.set(id, upRule ?? (ours ? rule : null));
  const upFns = parent === undefined ? new Set() : fnsOf.get(parent);
  const key = ours ? label(cf) : null;
  fnsOf.set(id, key && !upFns.has(key) ? new Set([...upFns, key]) : upFns);
}

let total = 0;
const perRule = new Map();
const perFn = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  walk(id);
  const rule = ruleOf.get(id);
  if (rule) perRule.set(rule, (perRule.get(rule) ?? 0) + dt);
  for (const fn of fnsOf.get(id)) perFn.set(fn, (perFn.get(fn) ?? 0) + dt);
}

const ms = (us) => (us / 1000).toFixed(0).padStart(6) + ' ms';
const rulesTotal = [...perRule.values()].reduce((a, b) => a + b, 0);
console.log(`${results.length} files, preset ${preset}: ${ms(total).trim()} sampled, ${ms(rulesTotal).trim()} (${((100 * rulesTotal) / total).toFixed(1)}%) under backlint rules\n`);
console.log('per rule (shared analysis charged to the first rule that asks):');
for (const [rule, t] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`${ms(t)}  ${rule}`);
console.log(`\ntop ${top} backlint functions (inclusive):`);
for (const [fn, t] of [...perFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)}  ${fn}`);
