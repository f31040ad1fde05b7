#!/usr/bin/env node
/**
 * Prints what the shared data-access model recognises in a code base (default: the Ghost server),
 * for precision review: per kind counts and a random sample of classified calls and SQL sinks.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/scripts/data-access-probe.mjs [--sample N] [dir]
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = process.env.BACKLINT_DIST ? path.resolve(process.env.BACKLINT_DIST) : path.join(root, 'dist');
const args = process.argv.slice(2);
const si = args.indexOf('--sample');
const sample = si === -1 ? 30 : Number(args.splice(si, 2)[1]);
const target = args[0] ?? path.join(root, 'benchmarks/.cache/ghost/package/core/server');
const da = await import(pathToFileURL(path.join(dist, 'src/analysis/data-access.js')).href);
const tsParser = await import('@typescript-eslint/parser');

const probe = {
  meta: { type: 'problem', schema: [], messages: { m: '{{d}}' } },
  create(context) {
    const out = (node, d) => context.report({ node, messageId: 'm', data: { d } });
    return {
      CallExpression(node) {
        const op = da.classifyDbCall(node, context);
        if (op) out(node, `op ${op.library} ${op.operation} ${op.kind}${op.kind === 'list' ? (op.bounded ? ' bounded' : ' unbounded') : ''} :: ${context.sourceCode.getText(node).replace(/\s+/g, ' ').slice(0, 110)}`);
        const sink = da.getSqlSink(node, context);
        if (sink) out(node, `sink ${sink.library}${sink.hasBoundValues ? ' bound' : ''} :: ${context.sourceCode.getText(node).replace(/\s+/g, ' ').slice(0, 110)}`);
        const fx = da.classifySideEffect(node, context);
        if (fx && fx.kind !== 'db-write') out(node, `effect ${fx.kind} ${fx.what}`);
      },
    };
  },
};
const eslint = new ESLint({
  cwd: target,
  overrideConfigFile: true,
  overrideConfig: [{
    files: ['**/*.{js,cjs,mjs,ts}'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { p: { rules: { probe } } },
    rules: { 'p/probe': 'warn' },
  }],
});
const results = await eslint.lintFiles(['**/*.{js,cjs,mjs,ts}']);
const rows = [];
for (const r of results) for (const m of r.messages) if (m.ruleId) rows.push(`${path.relative(target, r.filePath)}:${m.line}  ${m.message}`);
const counts = new Map();
for (const row of rows) {
  const key = row.split('  ')[1].split(' :: ')[0];
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
console.log([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v}\t${k}`).join('\n'));
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
console.log(`\n--- sample of ${sample} / ${rows.length}`);
for (const row of [...rows].sort(() => rand() - 0.5).slice(0, sample)) console.log(row);
