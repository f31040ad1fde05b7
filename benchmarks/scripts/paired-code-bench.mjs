#!/usr/bin/env node
/**
 * Paired, per-file measurement of what backlint's rules cost ESLint, robust to a noisy machine.
 *
 * Whole-run wall times on a shared VM drift by 15% between identical runs: more than the effect
 * measured. Here one process lints every file with three configurations back to back, rotating
 * their order file by file, so a slow second hits all three alike:
 *   parse only   the parser setup of backlint's configs, no rules;
 *   floor        the same plus one rule that registers no listener (what ESLint costs once any
 *                rule is on; see benchmarks/run.mjs);
 *   recommended  backlint's recommended preset.
 * A first pass over all files warms the JIT and is not counted. Prints one JSON line with the
 * summed milliseconds per configuration, the file count and the recommended preset's findings.
 *
 *   node benchmarks/scripts/paired-code-bench.mjs <dir> [--passes N]
 */
import { Linter } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const dir = path.resolve(args[0] ?? '.');
const passesAt = args.indexOf('--passes');
const passes = passesAt === -1 ? 1 : Math.max(1, Number(args[passesAt + 1]) || 1);

const plugin = (await import(pathToFileURL(path.join(root, 'dist/src/eslint/plugin.js')).href)).default;
const recommended = plugin.configs.recommended;
const noRules = recommended.map((c) => (c.rules ? { ...c, rules: {} } : c));
const noop = { rules: { noop: { meta: { schema: [] }, create: () => ({}) } } };
const configs = {
  'parse only': noRules,
  floor: [...noRules, { plugins: { bench: noop }, rules: { 'bench/noop': 'error' } }],
  recommended,
};
const modes = Object.keys(configs);

const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(?:[cm]?js|ts)$/.test(e.name) && !e.parentPath.split(path.sep).includes('node_modules'))
  .map((e) => {
    const abs = path.join(e.parentPath, e.name);
    return { filename: path.relative(dir, abs), text: readFileSync(abs, 'utf8') };
  })
  .sort((a, b) => (a.filename < b.filename ? -1 : 1));

const linter = new Linter({ cwd: dir });
const ms = Object.fromEntries(modes.map((m) => [m, 0]));
let findings = 0;
for (let pass = 0; pass <= passes; pass++) {
  const counted = pass > 0;
  files.forEach(({ filename, text }, i) => {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(i + k + pass) % modes.length];
      const t0 = performance.now();
      const messages = linter.verify(text, configs[mode], { filename });
      const dt = performance.now() - t0;
      if (!counted) continue;
      ms[mode] += dt;
      if (mode === 'recommended' && pass === 1) findings += messages.filter((m) => m.ruleId?.startsWith('backlint/')).length;
    }
  });
}
console.log(JSON.stringify({ files: files.length, passes, ms, findings }));
