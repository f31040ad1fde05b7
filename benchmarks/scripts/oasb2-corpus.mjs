// Runs chosen backlint Spectral rules over the real OpenAPI corpus and prints counts per rule per
// document plus the rule time; `--show <rule> [n]` prints findings for review.
// Usage: node benchmarks/scripts/oasb2-corpus.mjs <dist-dir> rule1,rule2 [--show rule n] [--only name]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [distArg, rulesArg, ...rest] = process.argv.slice(2);
const dist = path.resolve(distArg ?? 'dist');
const { Spectral, Document } = await import('@stoplight/spectral-core');
const ParsersMod = await import('@stoplight/spectral-parsers');
const Parsers = ParsersMod.Json ? ParsersMod : ParsersMod.default;
const { createRuleset } = await import(pathToFileURL(path.join(dist, 'src/spectral/ruleset.js')).href);
const { getRules } = await import(pathToFileURL(path.join(dist, 'src/catalog.js')).href);

const corpus = '/work/shared/corpus/openapi';
const docs = [
  ['github', path.resolve('benchmarks/.cache/octokit/package/generated/api.github.com.json')],
  ['stripe', `${corpus}/stripe.yaml`],
  ['box', `${corpus}/box.json`],
  ['openai', `${corpus}/openai.yaml`],
  ['twilio-2010', `${corpus}/twilio/twilio_api_v2010.yaml`],
  ['twilio-msg', `${corpus}/twilio/twilio_messaging_v1.yaml`],
  ['digitalocean', `${corpus}/digitalocean/DigitalOcean-public.v2.yaml`],
];
const wanted = new Set(rulesArg.split(','));
const showIdx = rest.indexOf('--show');
const show = showIdx >= 0 ? rest[showIdx + 1] : undefined;
const showN = showIdx >= 0 ? Number(rest[showIdx + 2] ?? 10) : 0;
const onlyIdx = rest.indexOf('--only');
const only = onlyIdx >= 0 ? rest[onlyIdx + 1] : undefined;

const rules = {};
for (const r of getRules()) if (r.spectral) rules[`backlint/${r.id}`] = wanted.has(r.id) ? r.strict : 'off';
for (const code of ['oas2-schema', 'oas3-schema', 'path-params', 'operation-operationId-unique', 'operation-parameters', 'path-declarations-must-exist', 'oas2-operation-security-defined', 'oas3-operation-security-defined', 'oas2-discriminator', 'oas3-server-variables', 'oas3-callbacks-in-callbacks', 'oas3_1-servers-in-webhook', 'oas3_1-callbacks-in-webhook']) rules[code] = 'off';

for (const [name, file] of docs) {
  if (only && name !== only) continue;
  const spectral = new Spectral();
  spectral.setRuleset(createRuleset({ preset: 'strict', rules }));
  const text = readFileSync(file, 'utf8');
  const doc = new Document(text, file.endsWith('.json') ? Parsers.Json : Parsers.Yaml, file);
  const t0 = performance.now();
  const results = await spectral.run(doc);
  const ms = Math.round(performance.now() - t0);
  const counts = {};
  for (const r of results) counts[r.code] = (counts[r.code] ?? 0) + 1;
  console.log(`${name}\t${ms} ms\t${JSON.stringify(counts)}`);
  if (show) {
    for (const code of show.split(',')) {
    const mine = results.filter((r) => r.code === code);
    const step = Math.max(1, Math.floor(mine.length / showN));
    for (let i = 0; i < mine.length && i / step < showN; i += step) {
      const r = mine[i];
      console.log(`  ${path.basename(r.source ?? '')}:${r.range.start.line + 1} ${r.path.join('.')}\n    ${r.message}`);
    }
    }
  }
}
