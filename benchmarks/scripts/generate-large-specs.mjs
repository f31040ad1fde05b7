#!/usr/bin/env node
/**
 * Generates large OpenAPI inputs for the document-size and many-documents measurements into
 * benchmarks/.cache/large (git-ignored), and prints the directory.
 *
 *   node benchmarks/scripts/generate-large-specs.mjs paths 20000   # one spec, 20,000 paths (~1.3 MB)
 *   node benchmarks/scripts/generate-large-specs.mjs many 200      # 200 specs, ~2,700 findings each
 *
 * Measure with `/usr/bin/time -v node bin/backlint.js <dir> --format json > /dev/null` (elapsed
 * time and "Maximum resident set size").
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'large');
const [kind = 'paths', countArg] = process.argv.slice(2);

/** A spec with `n` bare operations: each one misses docs, security, error responses. */
function spec(n, prefix = 'r') {
  const lines = ['openapi: 3.0.3', 'info:', '  title: generated', "  version: '1'", 'paths:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  /${prefix}${i}:`, '    get:', '      responses:', "        '200': {description: ok}");
  }
  return lines.join('\n') + '\n';
}

let dir;
if (kind === 'paths') {
  const n = Number(countArg ?? 20_000);
  dir = path.join(cache, `paths-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'openapi.yaml'), spec(n));
} else if (kind === 'many') {
  const n = Number(countArg ?? 200);
  dir = path.join(cache, `many-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `spec-${String(i).padStart(4, '0')}.yaml`), spec(540, `s${i}r`));
} else {
  console.error('usage: generate-large-specs.mjs paths|many [count]');
  process.exit(2);
}
console.log(dir);
