#!/usr/bin/env node
/**
 * Runs the data-access / reliability rules on the Ghost server source and prints every finding
 * (or a per-rule sample) for review, plus per-rule counts.
 *
 *   npx tsc -p tsconfig.build.json            # or --outDir <dir> and BACKLINT_DIST=<dir>
 *   node benchmarks/scripts/data-rules-on-ghost.mjs [rule-id …] [--sample N] [--seed S] [--json]
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = process.env.BACKLINT_DIST ? path.resolve(process.env.BACKLINT_DIST) : path.join(root, 'dist');
const target = process.env.GHOST_DIR ?? path.join(root, 'benchmarks/.cache/ghost/package/core/server');

const ALL = [
  'no-get-side-effects',
  'require-pagination',
  'no-query-in-loop',
  'no-sync-io-in-handler',
  'require-query-timeout',
  'require-input-validation',
  'no-swallowed-errors',
];
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? null : args.splice(i, 2)[1];
};
const sample = Number(flag('--sample') ?? 0);
let seed = Number(flag('--seed') ?? 1);
const json = args.includes('--json');
const ids = args.filter((a) => !a.startsWith('--'));
const wanted = ids.length ? ids : ALL;

const rules = {};
for (const id of wanted) {
  try {
    const mod = await import(pathToFileURL(path.join(dist, 'rules', `${id}.js`)).href);
    if (mod.default?.eslint) rules[id] = mod.default.eslint;
  } catch {
    console.error(`(skipping ${id}: not built)`);
  }
}
const tsParser = await import('@typescript-eslint/parser');
const eslint = new ESLint({
  cwd: target,
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

const byRule = new Map(Object.keys(rules).map((id) => [`backlint/${id}`, []]));
let parseErrors = 0;
for (const r of results) {
  for (const m of r.messages) {
    if (!m.ruleId) {
      parseErrors++;
      continue;
    }
    byRule.get(m.ruleId)?.push({ file: path.relative(target, r.filePath), line: m.line, column: m.column, message: m.message });
  }
}
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const out = {};
for (const [rule, findings] of byRule) {
  let shown = findings;
  if (sample && findings.length > sample) {
    shown = [...findings].sort(() => rand() - 0.5).slice(0, sample);
  }
  out[rule] = { count: findings.length, shown };
}
if (json) {
  console.log(JSON.stringify({ files: results.length, ms: Math.round(ms), parseErrors, rules: out }, null, 2));
} else {
  for (const [rule, { count, shown }] of Object.entries(out)) {
    console.log(`\n## ${rule}: ${count} finding(s)${shown.length < count ? ` (showing ${shown.length})` : ''}`);
    for (const f of shown) console.log(`${f.file}:${f.line}:${f.column}  ${f.message}`);
  }
  console.log(`\n${results.length} files in ${Math.round(ms)} ms; ${parseErrors} parse errors`);
  for (const [rule, { count }] of Object.entries(out)) console.log(`${rule}\t${count}`);
}
