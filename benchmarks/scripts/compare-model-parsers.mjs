#!/usr/bin/env node
/**
 * The project model parses the files it reads for itself with oxc (src/project/oxc-parse.ts) and
 * relies on its tree being typescript-estree's. This checks it: every source file under the given
 * directories (default: the corpora of benchmarks/.cache and fixtures/) is parsed both ways, and
 * the trees are compared member by member after oxc-parse.ts's normalisation — node types, ranges,
 * locations, every value. Prints each kind of difference with a count and an example file; exit 1
 * when there is any. Also prints the time each parser took (parse only; the scope analysis is
 * the same code either way).
 *
 *   node benchmarks/scripts/compare-model-parsers.mjs [dir…]
 *
 * Needs the build (npm run build).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (SOURCE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(p);
  }
  return out;
}

const SKIP = new Set(['parent', 'tokens', 'comments', 'start', 'end']);

/**
 * Every difference between typescript-estree's tree `a` and oxc's `b` (after oxc-parse.ts), as
 * `Node.member: value vs value` strings; also used by test/project/oxc-parse.test.ts.
 */
export function treeDifferences(a, b) {
  const out = [];
  const visit = (x, y, where) => {
    if (x === y) return;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
      // Members typescript-estree leaves out where oxc has an empty or false value are not read as
      // different by any test the analysis makes (`!x`, `x?.length`).
      if (x === undefined && (y === null || y === false || (Array.isArray(y) && y.length === 0))) return;
      out.push(`${where}: ${JSON.stringify(x)?.slice(0, 40)} vs ${JSON.stringify(y)?.slice(0, 40)}`);
      return;
    }
    if (Array.isArray(x) !== Array.isArray(y) || (Array.isArray(x) && x.length !== y.length)) {
      out.push(`${where}: array shape`);
      return;
    }
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) if (!SKIP.has(k)) visit(x[k], y[k], `${x.type ?? where}.${k}`);
  };
  visit(a, b, 'Program');
  return out;
}

/** typescript-estree's tree of a file, with the options the model parses with. */
export function typescriptEstreeTree(tsParser, file, text) {
  const sourceType = file.endsWith('.cjs') ? 'script' : 'module';
  return tsParser.parseForESLint(text, { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx: true }, range: true, loc: true, tokens: false, comment: false, jsDocParsingMode: 'none', filePath: file }).ast;
}

async function main() {
const require = createRequire(import.meta.url);
const tsParser = require('@typescript-eslint/parser');
const { parseWithOxc } = await import(path.join(root, 'dist/src/project/oxc-parse.js'));
const defaults = ['ghost/package/core/server', 'directus/package/dist', 'signalk/package/dist', 'asyncapi/package']
  .map((d) => path.join(root, 'benchmarks/.cache', d))
  .filter((d) => existsSync(d));
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [...defaults, path.join(root, 'fixtures')];
const files = dirs.flatMap((d) => walk(path.resolve(d), []));
const diffs = new Map();
function note(kind, file) {
  const d = diffs.get(kind) ?? { n: 0, file };
  d.n++;
  diffs.set(kind, d);
}

let tTs = 0;
let tOxc = 0;
let compared = 0;
let oxcRefused = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (text.length > 1024 * 1024) continue;
  const sourceType = file.endsWith('.cjs') ? 'script' : 'module';
  let ts;
  let t = performance.now();
  try {
    ts = typescriptEstreeTree(tsParser, file, text);
  } catch {
    continue; // typescript-estree refuses it: the model reads nothing from it either way
  }
  tTs += performance.now() - t;
  t = performance.now();
  const oxc = parseWithOxc(file, text, sourceType);
  tOxc += performance.now() - t;
  if (!oxc) {
    oxcRefused++;
    note('oxc refused a file typescript-estree parses (falls back to typescript-estree: fine, but slower)', file);
    continue;
  }
  compared++;
  for (const kind of treeDifferences(ts, oxc.ast)) note(kind, file);
}
console.log(`${compared} files compared (${oxcRefused} left to typescript-estree); typescript-estree ${(tTs / 1000).toFixed(1)} s, oxc with normalisation and scopes ${(tOxc / 1000).toFixed(1)} s`);
for (const [kind, d] of [...diffs].sort((x, y) => y[1].n - x[1].n)) console.log(`${String(d.n).padStart(6)}  ${kind}  (${path.relative(root, d.file)})`);
process.exitCode = [...diffs.keys()].some((k) => !k.startsWith('oxc refused')) ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
