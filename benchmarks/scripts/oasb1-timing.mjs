#!/usr/bin/env node
/**
 * Time inside Spectral of the section B contract/security rules (issue #5, part 2) on one
 * document: per-rule function time, the shared index build, the raw result count each function
 * returns and the findings left after Spectral maps and deduplicates them (each raw result costs
 * Spectral a path mapping and a range lookup, so raw should equal final). Wall time of the whole
 * run is printed with CPU time, which is steadier on a shared machine.
 *
 *   npx tsc -p tsconfig.build.json --outDir benchmarks/.cache/oasb1-build
 *   node benchmarks/scripts/oasb1-timing.mjs [buildDir] [document]   (IDS=a,b to pick rules)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Spectral, Document } from '@stoplight/spectral-core';
import * as ParsersMod from '@stoplight/spectral-parsers';

const Parsers = ParsersMod.Json ? ParsersMod : ParsersMod.default;
const build = path.resolve(process.argv[2] ?? 'benchmarks/.cache/oasb1-build');
const file = path.resolve(process.argv[3] ?? 'benchmarks/.cache/octokit/package/generated/api.github.com.json');
const ids = (
  process.env.IDS ??
  'consistent-error-schema,https-only,require-cache-headers,require-error-responses,require-operation-security,require-rate-limit-responses,require-response-envelope,secure-auth-schemes'
)
  .split(',')
  .filter(Boolean);
const load = (rel) => import(pathToFileURL(path.join(build, rel)).href);

const { getIndex } = await load('src/openapi/index.js');
const times = { index: 0 };
const raw = {};
// Built first, in a rule of its own, so no rule below is charged for it.
const rules = {
  'index-build': { given: '$', severity: 'hint', then: { function: (doc) => { const t = performance.now(); getIndex(doc); times.index += performance.now() - t; } } },
};
for (const id of ids) {
  const def = (await load(`rules/${id}.js`)).default.spectral({});
  const fn = def.then.function;
  rules[`backlint/${id}`] = {
    ...def,
    message: '{{error}}',
    severity: 'warn',
    then: {
      ...def.then,
      function: (input, options, ctx) => {
        const t = performance.now();
        const out = fn(input, options, ctx);
        times[id] = (times[id] ?? 0) + performance.now() - t;
        raw[id] = out?.length ?? 0;
        return out;
      },
    },
  };
}
const spectral = new Spectral();
spectral.setRuleset({ rules });
const doc = new Document(readFileSync(file, 'utf8'), file.endsWith('.json') ? Parsers.Json : Parsers.Yaml, file);
const t0 = performance.now();
const c0 = process.cpuUsage();
const results = await spectral.run(doc);
const cpu = process.cpuUsage(c0);
const final = {};
for (const r of results) final[r.code] = (final[r.code] ?? 0) + 1;
console.log(`${path.basename(file)}: ${Math.round(performance.now() - t0)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU`);
for (const [id, ms] of Object.entries(times)) {
  const counts = id === 'index' ? '' : `  raw ${raw[id] ?? 0}  final ${final[`backlint/${id}`] ?? 0}`;
  console.log(`${id.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms${counts}`);
}
