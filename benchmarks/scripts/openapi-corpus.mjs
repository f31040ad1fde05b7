#!/usr/bin/env node
/**
 * Counts of backlint findings per rule per real OpenAPI document (strict preset, all Spectral
 * rules incl. the structural subset), through the same runner the CLI uses. Needs the build:
 *   npx tsc -p tsconfig.build.json && node benchmarks/scripts/openapi-corpus.mjs [--rule <id>] [--show N] [--docs a,b]
 * --rule / --show N print N sample findings of that rule per document (for reviewing precision).
 * Documents: ../shared/corpus/openapi (read in place) and GitHub's description from benchmarks/.cache.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '../shared/corpus/openapi');
const DOCS = {
  github: path.join(root, 'benchmarks/.cache/octokit/package/generated/api.github.com.json'),
  stripe: path.join(corpus, 'stripe.yaml'),
  box: path.join(corpus, 'box.json'),
  openai: path.join(corpus, 'openai.yaml'),
  'twilio-2010': path.join(corpus, 'twilio/twilio_api_v2010.yaml'),
  'twilio-msg': path.join(corpus, 'twilio/twilio_messaging_v1.yaml'),
  digitalocean: path.join(corpus, 'digitalocean/DigitalOcean-public.v2.yaml'),
};

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const onlyRule = opt('--rule');
const show = Number(opt('--show') ?? (onlyRule ? 10 : 0));
const docNames = (opt('--docs') ?? Object.keys(DOCS).join(',')).split(',');

const { lintOpenApiFiles } = await import(path.join(root, 'dist/src/spectral/run.js'));

const table = new Map(); // rule -> doc -> count
const times = {};
for (const name of docNames) {
  const file = DOCS[name];
  if (!file || !existsSync(file)) {
    console.error(`skip ${name}: ${file ?? 'unknown'} missing`);
    continue;
  }
  const t0 = performance.now();
  const results = await lintOpenApiFiles([file], { cwd: path.dirname(file), preset: 'strict' });
  times[name] = ((performance.now() - t0) / 1000).toFixed(1);
  const samples = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (!table.has(f.ruleId)) table.set(f.ruleId, {});
      const row = table.get(f.ruleId);
      row[name] = (row[name] ?? 0) + 1;
      if (onlyRule && (f.ruleId === onlyRule || f.ruleId === `backlint/${onlyRule}`) && samples.length < show) samples.push(f);
    }
  }
  for (const f of samples) console.log(`${name} ${f.file}:${f.line} ${(f.jsonPath ?? []).join(' > ')}\n    ${f.message}`);
}

const names = docNames.filter((n) => times[n] !== undefined);
const header = ['rule', ...names];
const rows = [...table.keys()].sort().map((rule) => [rule, ...names.map((n) => String(table.get(rule)[n] ?? 0))]);
rows.push(['(seconds)', ...names.map((n) => times[n])]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
for (const r of rows) console.log(line(r));
