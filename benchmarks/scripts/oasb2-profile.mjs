// Times individual backlint OpenAPI rule checks on one real document, after Spectral has parsed and
// resolved it once. Usage: node benchmarks/scripts/oasb2-profile.mjs <dist-dir> <doc> rule1,rule2
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [distArg, file, rulesArg] = process.argv.slice(2);
const dist = path.resolve(distArg);
const { Spectral, Document } = await import('@stoplight/spectral-core');
const ParsersMod = await import('@stoplight/spectral-parsers');
const Parsers = ParsersMod.Json ? ParsersMod : ParsersMod.default;
const { getIndex } = await import(pathToFileURL(path.join(dist, 'src/openapi/index.js')).href);

let resolved;
const spectral = new Spectral();
spectral.setRuleset({ rules: { capture: { given: '$', severity: 'off', then: { function: (t) => { resolved = t; } } } } });
spectral.setRuleset({ rules: { capture: { given: '$', severity: 'error', then: { function: (t) => { resolved = t; } } } } });
const t0 = performance.now();
const c0 = process.cpuUsage();
await spectral.run(new Document(readFileSync(file, 'utf8'), file.endsWith('.json') ? Parsers.Json : Parsers.Yaml, path.resolve(file)));
console.log(`parse+resolve ${Math.round(performance.now() - t0)} ms wall, ${Math.round(process.cpuUsage(c0).user / 1000)} ms cpu`);
let t = performance.now();
const index = getIndex(resolved);
console.log(`index ${Math.round(performance.now() - t)} ms, ${index.operations.length} operations`);
for (const id of rulesArg.split(',')) {
  const mod = await import(pathToFileURL(path.join(dist, `rules/${id}.js`)).href);
  const fn = mod.default.spectral({}).then.function;
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const out = fn(resolved, null, { document: {}, documentInventory: {}, path: [], rule: {} }) ?? [];
  console.log(`${id}: ${out.length} findings, ${Math.round(performance.now() - t)} ms wall, ${Math.round(process.cpuUsage(cpu0).user / 1000)} ms cpu`);
}
