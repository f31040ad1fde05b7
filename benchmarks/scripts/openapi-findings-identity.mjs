#!/usr/bin/env node
/**
 * Are the findings on real OpenAPI documents unchanged by a speed change? Runs the real CLI
 * (`node bin/backlint.js <doc> --format json`, one process per document) on every document of
 * ../shared/corpus/openapi (read in place, never copied), the OpenAPI documents of fixtures/ and
 * GitHub's description (benchmarks/.cache, from fetch-corpus.mjs), and keeps each finding's
 * ruleId, severity, file, line, column, endLine, endColumn, message and jsonPath, in report order
 * (suppressed findings too), under both presets.
 *
 *   node benchmarks/scripts/openapi-findings-identity.mjs --save DIR      before the change
 *   node benchmarks/scripts/openapi-findings-identity.mjs --compare DIR   after it: exit 1 on any difference
 *   --docs a,b   only these documents (names as printed)
 *
 * Each corpus document is linted from its own directory (the lint root), so a multi-file document's
 * relative `$ref`s resolve; Stripe's YAML is also linted as the issue's timing command does, from
 * the repository root (the document outside the root). Needs the build.
 *
 * DigitalOcean's multi-file document gave different messages between identical runs until
 * 471a93e (which ref a shared file was resolved under depended on the order reads completed);
 * UNSTABLE_MESSAGES compares a document's findings without their message text, for baselines
 * saved before that.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, fetchCorpus } from './fetch-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '../shared/corpus/openapi');

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const saveDir = opt('--save');
const compareDir = opt('--compare');
if (!saveDir === !compareDir) {
  console.error('usage: openapi-findings-identity.mjs --save DIR | --compare DIR [--docs a,b]');
  process.exit(2);
}

fetchCorpus('octokit');
/** name → [cwd, path argument] */
const DOCS = {
  'stripe (root cwd)': [root, path.relative(root, path.join(corpus, 'stripe.yaml'))],
  stripe: [corpus, 'stripe.yaml'],
  openai: [corpus, 'openai.yaml'],
  box: [corpus, 'box.json'],
  'twilio-2010': [path.join(corpus, 'twilio'), 'twilio_api_v2010.yaml'],
  'twilio-msg': [path.join(corpus, 'twilio'), 'twilio_messaging_v1.yaml'],
  digitalocean: [path.join(corpus, 'digitalocean'), 'DigitalOcean-public.v2.yaml'],
  github: [path.join(corpusDir('octokit'), 'package/generated'), 'api.github.com.json'],
};
for (const f of [
  'fixtures/express-app/openapi.yaml',
  'fixtures/drift-nestjs/openapi.yaml',
  'fixtures/openapi/swagger20.yaml',
  'fixtures/openapi/oas30.yaml',
  'fixtures/openapi/oas31.yaml',
  'fixtures/drift-express/openapi.yaml',
  'fixtures/drift-fastify/swagger.yaml',
]) {
  DOCS[f] = [root, f];
}

const only = opt('--docs')?.split(',');
// Empty since 471a93e (referenced files read in the order the resolver asks); a baseline saved
// before it may still differ in DigitalOcean's messages: add 'digitalocean' here to compare one.
const UNSTABLE_MESSAGES = new Set();
const KEYS = ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'jsonPath'];

function lint(cwd, file, preset) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(root, 'bin/backlint.js'), file, '--format', 'json', '--preset', preset], { cwd, maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      // Exit 1 means findings; anything else is a failure.
      if (err && err.code !== 1) return reject(new Error(`${file}: exit ${err.code}\n${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}

function pick(f) {
  return Object.fromEntries(KEYS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
}

let differ = 0;
if (saveDir) mkdirSync(saveDir, { recursive: true });
for (const [docName, [cwd, file]] of Object.entries(DOCS)) {
  if (only && !only.includes(docName)) continue;
  for (const preset of ['recommended', 'strict']) {
  const name = `${docName} (${preset})`;
  if (!existsSync(path.resolve(cwd, file))) {
    console.error(`skip ${name}: ${file} missing`);
    continue;
  }
  const report = await lint(cwd, file, preset);
  const lines = [];
  for (const r of report.files) {
    for (const f of r.findings) lines.push(JSON.stringify(pick(f)));
    for (const f of r.suppressed ?? []) lines.push('suppressed ' + JSON.stringify(pick(f)));
  }
  const out = path.join(saveDir ?? compareDir, name.replace(/[^\w.-]+/g, '_') + '.jsonl');
  const text = lines.join('\n') + '\n';
  if (saveDir) {
    writeFileSync(out, text);
    console.log(`${name}: ${lines.length} findings saved`);
    continue;
  }
  const before = readFileSync(out, 'utf8').split('\n').filter(Boolean);
  const after = lines;
  const shown = [];
  let messages = 0;
  const withoutMessage = (line) => line?.replace(/,"message":"(?:[^"\\]|\\.)*"/, "");
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (before[i] === after[i]) continue;
    if (UNSTABLE_MESSAGES.has(docName) && withoutMessage(before[i]) === withoutMessage(after[i])) {
      messages++;
      if (messages <= 3) console.log(`  (message varies) #${i}\n  - ${before[i]}\n  + ${after[i]}`);
      continue;
    }
    shown.push(`  #${i}\n  - ${before[i] ?? '(none)'}\n  + ${after[i] ?? '(none)'}`);
  }
  if (shown.length === 0) {
    console.log(`${name}: ${after.length} findings, identical${messages ? ` (${messages} messages vary; see above)` : ''}`);
  } else {
    differ++;
    console.log(`${name}: DIFFERENT (${before.length} before, ${after.length} after, ${shown.length} lines differ)\n${shown.slice(0, 5).join('\n')}`);
  }
  }
}
if (differ) process.exitCode = 1;
