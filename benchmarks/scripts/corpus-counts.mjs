#!/usr/bin/env node
/**
 * Findings per rule per shared-corpus OpenAPI document, through the CLI exactly as a user runs it
 * (`bin/backlint.js <doc> --format json --preset strict`, cwd = the document's directory so its
 * external $refs stay inside the lint root). Reports are kept so two runs can be compared and
 * findings sampled for review:
 *   node benchmarks/scripts/corpus-counts.mjs --out /tmp/before [--docs stripe,box]
 *   node benchmarks/scripts/corpus-counts.mjs --compare /tmp/before /tmp/after [--rule <id>]
 *   node benchmarks/scripts/corpus-counts.mjs --sample /tmp/after --rule <id> [--n 8] [--seed 1]
 * The corpus is read in place (../shared/corpus/openapi), never copied.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '../shared/corpus/openapi');
const DOCS = {
  stripe: 'stripe.yaml',
  openai: 'openai.yaml',
  box: 'box.json',
  'twilio-2010': 'twilio/twilio_api_v2010.yaml',
  'twilio-msg': 'twilio/twilio_messaging_v1.yaml',
  digitalocean: 'digitalocean/DigitalOcean-public.v2.yaml',
};

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const docNames = (opt('--docs') ?? Object.keys(DOCS).join(',')).split(',');
const rule = opt('--rule');
const qualified = rule && !rule.includes('/') ? `backlint/${rule}` : rule;

function load(dir, name) {
  const file = path.join(dir, `${name}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}
function findings(report) {
  return report.files.flatMap((f) => f.findings);
}
function counts(report) {
  const m = new Map();
  for (const f of findings(report)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

if (opt('--out')) {
  const out = path.resolve(opt('--out'));
  mkdirSync(out, { recursive: true });
  for (const name of docNames) {
    const doc = path.join(corpus, DOCS[name]);
    const t0 = performance.now();
    let stdout;
    try {
      stdout = execFileSync(process.execPath, [path.join(root, 'bin/backlint.js'), path.basename(doc), '--format', 'json', '--preset', 'strict', '--no-progress'], {
        cwd: path.dirname(doc),
        maxBuffer: 1 << 30,
        encoding: 'utf8',
      });
    } catch (e) {
      if (e.status !== 1) throw e;
      stdout = e.stdout;
    }
    writeFileSync(path.join(out, `${name}.json`), stdout);
    console.error(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const rows = new Map();
  for (const name of docNames) for (const [r, n] of counts(load(out, name))) (rows.get(r) ?? rows.set(r, {}).get(r))[name] = n;
  table(['rule', ...docNames], [...rows.keys()].sort().map((r) => [r, ...docNames.map((d) => rows.get(r)[d] ?? 0)]));
} else if (opt('--compare')) {
  const i = args.indexOf('--compare');
  const [a, b] = [args[i + 1], args[i + 2]].map((d) => path.resolve(d));
  const rows = new Map();
  for (const name of docNames) {
    const ra = load(a, name), rb = load(b, name);
    if (!ra || !rb) continue;
    for (const [which, rep] of [['a', ra], ['b', rb]]) for (const [r, n] of counts(rep)) ((rows.get(r) ?? rows.set(r, {}).get(r))[name] ??= { a: 0, b: 0 })[which] = n;
  }
  const keys = [...rows.keys()].filter((r) => !qualified || r === qualified).sort();
  table(['rule', ...docNames], keys.map((r) => [r, ...docNames.map((d) => { const c = rows.get(r)[d]; return c ? (c.a === c.b ? `${c.a}` : `${c.a} → ${c.b}`) : '0'; })]));
} else if (opt('--sample')) {
  const dir = path.resolve(opt('--sample'));
  const n = Number(opt('--n') ?? 8);
  let seed = Number(opt('--seed') ?? 1);
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const all = [];
  for (const name of docNames) {
    const rep = load(dir, name);
    if (rep) for (const f of findings(rep)) if (f.ruleId === qualified) all.push({ doc: name, ...f });
  }
  const picked = [];
  const pool = [...all];
  while (picked.length < n && pool.length) picked.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  console.log(`${qualified}: ${all.length} findings, ${picked.length} sampled`);
  for (const f of picked) console.log(`- ${f.doc} ${f.file}:${f.line} ${(f.jsonPath ?? []).join(' > ')}\n    ${f.message}`);
} else {
  console.error('usage: --out DIR | --compare A B | --sample DIR --rule ID');
  process.exit(2);
}
