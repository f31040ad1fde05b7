#!/usr/bin/env node
/**
 * `npm run bench` — speed and memory of backlint against the tools users compare it with.
 *
 *   node benchmarks/run.mjs            both parts
 *   node benchmarks/run.mjs openapi    GitHub's REST description: backlint (strict, through the CLI's
 *                                      runner) vs `redocly lint` (recommended) vs `spectral lint`
 *                                      (`spectral:oas`), each in its own process; then Stripe's YAML
 *                                      description (../shared/corpus/openapi/stripe.yaml): the whole
 *                                      CLI vs `redocly lint`, alternated, medians
 *   node benchmarks/run.mjs code       ESLint on Ghost's server source: parse only, one no-op rule,
 *                                      and backlint's recommended preset (same ESLint API and parser)
 *   node benchmarks/run.mjs model      the project model's cost, as users see it: the whole CLI on
 *                                      Ghost's server and on @directus/api, with the model and with
 *                                      BACKLINT_PROJECT_MODEL=off, alternated, medians
 *   node benchmarks/run.mjs drift      spec-drift's cost: the whole CLI with the rule on and off
 *                                      (a config file), on fixtures/ and on the real packages that
 *                                      ship code and their OpenAPI document, alternated, medians
 *   node benchmarks/run.mjs security   the twelve security rules' cost (issue 15): the whole CLI on Ghost's
 *                                      server and @directus/api with them as shipped and turned off in
 *                                      a config file, alternated, medians
 *   node benchmarks/run.mjs engine     the code engines as users see them, on Ghost's server: the whole
 *                                      CLI (default engine, i.e. oxlint for 1,442 files, and --engine
 *                                      eslint) beside ESLint's parse-only floor and bare oxlint, one
 *                                      process each, alternated, medians; wall, CPU, peak memory
 *                                      (summed over the process tree: oxlint runs in a child)
 *   node benchmarks/run.mjs cache      --cache on Ghost's server: a warm re-run with nothing changed,
 *                                      and one after a service file changed, beside `eslint --cache`
 *                                      (parse-only config) on the same files; alternated, medians
 *   node benchmarks/run.mjs startup    one small file, as an editor's save or a pre-commit hook runs it: the
 *                                      CLI on a 20-line Express file beside `eslint` (TypeScript parser,
 *                                      no rules) on it, and on a 40-line OpenAPI YAML beside the same
 *                                      `eslint` on it (the issue's bar) and `redocly lint`; alternated,
 *                                      medians (default 7 rounds)
 *   --engine=eslint|oxlint             model part: pass --engine to the CLI (default: its default)
 *   --rounds=N                         engine/code/model/drift/security parts: alternate the whole runs N times (default 3;
 *                                      Stripe's YAML in the openapi part: 5)
 *   --passes=N                         code part: passes of the paired measurement (default 2)
 *   --skip-spectral                    leave out `spectral:oas` (60–75 s, 2.4 GB)
 *
 * Needs the build (`npm run build`). Corpora come from benchmarks/scripts/fetch-corpus.mjs.
 * Wall time and peak RSS of each child come from /usr/bin/time -v when present, else from polling
 * /proc/<pid>/status (VmHWM).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, fetchCorpus } from './scripts/fetch-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const args = process.argv.slice(2);
const parts = args.filter((a) => !a.startsWith('--'));
const want = (p) => parts.length === 0 || parts.includes(p);
const HAS_TIME = existsSync('/usr/bin/time');

if (!existsSync(path.join(root, 'dist/src/spectral/run.js'))) {
  console.error('benchmarks: build first (npm run build)');
  process.exit(2);
}

/** Runs a command; resolves { seconds, peakMb, code, stdout, stderr }. */
function measure(cmd, cmdArgs, opts = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const full = HAS_TIME ? ['/usr/bin/time', ['-v', cmd, ...cmdArgs]] : [cmd, cmdArgs];
    const child = spawn(full[0], full[1], { cwd: opts.cwd ?? root, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    child.stdout.on('data', (d) => {
      if (stdout.length < 1 << 20) stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.length > 4 << 20) stderr = stderr.slice(-(1 << 20));
    });
    // The CLI may run oxlint in a child process: the memory a user's machine needs is the sum over
    // the process tree at each moment, which /usr/bin/time (the largest single process) does not give.
    let treeKb = 0;
    const treePoll = setInterval(() => {
      treeKb = Math.max(treeKb, treeRssKb(child.pid, HAS_TIME));
    }, 40);
    const poll = HAS_TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            /* exited */
          }
        }, 50);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      clearInterval(treePoll);
      const seconds = (performance.now() - t0) / 1000;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const peakMb = (m ? Number(m[1]) : polledKb) / 1024;
      const u = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const k = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const cpuSeconds = u && k ? Number(u[1]) + Number(k[1]) : NaN;
      resolve({ seconds, peakMb, treeMb: Math.max(treeKb / 1024, peakMb), cpuSeconds, code, stdout, stderr });
    });
  });
}

function jsFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(?:[cm]?js|ts)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Resident memory (kB) of `pid` and all its descendants now; without the `time` wrapper itself. */
function treeRssKb(pid, skipSelf) {
  let kb = 0;
  const visit = (p, self) => {
    try {
      if (!self) {
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
        if (m) kb += Number(m[1]);
      }
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) visit(c, false);
      }
    } catch {
      /* exited meanwhile */
    }
  };
  visit(pid, skipSelf);
  return kb;
}

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

async function benchOpenApi() {
  fetchCorpus('octokit');
  const doc = path.join(corpusDir('octokit'), 'package/generated/api.github.com.json');
  console.log(`\nOpenAPI: ${path.relative(root, doc)} (${(readFileSync(doc).length / 1e6).toFixed(1)} MB)\n`);
  const runs = [];

  const backlintScript = `
    const { lintOpenApiFiles } = await import(${JSON.stringify(path.join(root, 'dist/src/spectral/run.js'))});
    const r = await lintOpenApiFiles([${JSON.stringify(doc)}], { cwd: ${JSON.stringify(path.dirname(doc))}, preset: 'strict' });
    console.log(r.reduce((n, f) => n + f.findings.length, 0));`;
  const backlint = await measure(process.execPath, ['--input-type=module', '-e', backlintScript]);
  runs.push(['backlint (strict)', backlint, `${backlint.stdout.trim()} findings`]);

  const redocly = await measure(bin('redocly'), ['lint', doc, '--extends', 'recommended', '--format', 'summary'], { env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  runs.push(['redocly lint (recommended)', redocly, `exit ${redocly.code}`]);

  if (!args.includes('--skip-spectral')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'backlint-bench-'));
    writeFileSync(path.join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
    const spectral = await measure(bin('spectral'), ['lint', doc, '--format', 'json', '--quiet'], { cwd: dir });
    runs.push(['spectral lint (spectral:oas)', spectral, `exit ${spectral.code}`]);
  }

  const ref = redocly;
  table(
    runs.map(([name, r, note]) => [name, r.seconds.toFixed(1), r.peakMb.toFixed(0), (r.seconds / ref.seconds).toFixed(2) + 'x', (r.peakMb / ref.peakMb).toFixed(2) + 'x', note]),
    ['tool', 'wall s', 'peak MB', 'time vs redocly', 'memory vs redocly', 'result'],
  );
  const okTime = backlint.seconds <= redocly.seconds;
  const okMem = backlint.peakMb <= 1.3 * redocly.peakMb;
  console.log(`\ntarget: backlint no slower than redocly (${okTime ? 'met' : 'MISSED'}) and at most 1.3x its memory (${okMem ? 'met' : 'MISSED'})`);
  await benchOpenApiYaml();
}

/** `--rounds=N`, else `fallback`. */
function roundsOr(fallback) {
  const arg = args.find((a) => a.startsWith('--rounds='));
  return Math.max(1, Number(arg?.slice('--rounds='.length)) || fallback);
}

/** ESLint's parse-only floor: the TypeScript parser and no rule, as a config file in `dir`. */
function writeFloorConfig(dir) {
  const file = path.join(dir, 'eslint.config.mjs');
  writeFileSync(
    file,
    `import parser from ${JSON.stringify(path.join(root, 'node_modules/@typescript-eslint/parser/dist/index.js'))};\n` +
      `export default [{ files: ['**/*.{js,cjs,mjs,ts}'], languageOptions: { parser, sourceType: 'module' } }];\n`,
  );
  return file;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Stripe's description (4.2 MB of YAML, ../shared/corpus/openapi, read in place): the whole CLI as a
 * user runs it (`node bin/backlint.js stripe.yaml --format json`, default preset) against `redocly
 * lint` (recommended), one process each, alternated `--rounds` times (default 5), medians of wall
 * time, CPU time and peak memory; the targets are on this one. Then DigitalOcean's
 * multi-file description (the root document pulls in ~2,900 YAML files through `$ref`s), linted
 * from its own directory the same way, shown beside Redocly without a target. Skipped when the
 * corpus is not there.
 */
async function benchOpenApiYaml() {
  const corpus = path.resolve(root, '../shared/corpus/openapi');
  await benchDocument({ doc: path.join(corpus, 'stripe.yaml'), cwd: root, target: true });
  await benchDocument({ doc: path.join(corpus, 'digitalocean/DigitalOcean-public.v2.yaml'), cwd: path.join(corpus, 'digitalocean'), target: false });
}

async function benchDocument({ doc, cwd, target }) {
  if (!existsSync(doc)) {
    console.log(`\nOpenAPI YAML: ${doc} not found, skipped`);
    return;
  }
  const rounds = roundsOr(5);
  const size = target ? `${(readFileSync(doc).length / 1e6).toFixed(1)} MB` : 'multi-file, linted from its directory';
  console.log(`\nOpenAPI YAML: ${path.relative(root, doc)} (${size}), ${rounds} alternating rounds, medians\n`);
  const tools = {
    'backlint (CLI, --format json)': () => measure(process.execPath, [path.join(root, 'bin/backlint.js'), doc, '--format', 'json'], { cwd }),
    'redocly lint (recommended)': () =>
      measure(bin('redocly'), ['lint', doc, '--extends', 'recommended', '--format', 'summary'], { cwd, env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }),
  };
  const runs = Object.fromEntries(Object.keys(tools).map((t) => [t, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(tools)) {
      const r = await run();
      // backlint exits 1 when it finds something; anything else is a failure.
      if (r.code !== 0 && r.code !== 1) {
        console.error(`${name}: exit ${r.code}\n${r.stderr.slice(0, 3000)}`);
        process.exitCode = 1;
        return;
      }
      runs[name].push(r);
    }
  }
  const stats = Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      { seconds: median(rs.map((r) => r.seconds)), cpu: median(rs.map((r) => r.cpuSeconds)), peakMb: median(rs.map((r) => r.peakMb)), spread: [Math.min(...rs.map((r) => r.seconds)), Math.max(...rs.map((r) => r.seconds))] },
    ]),
  );
  const [backlint, redocly] = Object.values(stats);
  table(
    Object.entries(stats).map(([name, r]) => [
      name,
      r.seconds.toFixed(2),
      `${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)}`,
      Number.isNaN(r.cpu) ? '-' : r.cpu.toFixed(2),
      r.peakMb.toFixed(0),
      (r.seconds / redocly.seconds).toFixed(2) + 'x',
      (r.peakMb / redocly.peakMb).toFixed(2) + 'x',
    ]),
    ['tool', 'wall s (median)', 'wall range', 'CPU s', 'peak MB', 'time vs redocly', 'memory vs redocly'],
  );
  if (!target) return;
  const okTime = backlint.seconds <= redocly.seconds;
  const okMem = backlint.peakMb <= 1.3 * redocly.peakMb;
  console.log(`\ntarget: backlint no slower than redocly (${okTime ? 'met' : 'MISSED'}) and at most 1.3x its memory (${okMem ? 'met' : 'MISSED'})`);
}

/**
 * ESLint on Ghost's server source in three configurations, same parser setup:
 *   parse only      no rules at all;
 *   floor           one rule that registers no listener. ESLint pays a fixed cost as soon as any
 *                   rule is on: `FileContext#extend` makes each file's context the prototype of
 *                   every rule context, and the maps V8 creates for them (old space) keep that
 *                   file's SourceCode and AST reachable through every young-generation GC, so each
 *                   file's AST gets promoted. That cost is ESLint's, paid by any config with a rule;
 *   recommended     backlint's recommended preset.
 * 1. Whole runs through the ESLint class, one process each, alternated `--rounds` times and scored
 *    by the fastest round (noise only ever adds time): what a user sees, and the peak memory.
 * 2. The paired measurement (scripts/paired-code-bench.mjs): one process lints each file in all
 *    three configurations back to back, so the machine's drift (single runs here vary by 15%) hits
 *    all three alike. The target is judged on it: backlint's share, recommended − floor, must stay
 *    ≤ 15% of parse-only time. The figure including ESLint's floor is printed beside it.
 */
async function benchCode() {
  fetchCorpus('ghost');
  const dir = path.join(corpusDir('ghost'), 'package/core/server');
  const rounds = roundsOr(3);
  console.log(`\nCode: ESLint on ${path.relative(root, dir)}\n\nWhole runs (${rounds} alternating rounds, fastest of each):\n`);
  const script = (mode) => `
    const { ESLint } = await import('eslint');
    const plugin = (await import(${JSON.stringify(path.join(root, 'dist/src/eslint/plugin.js'))})).default;
    const configs = plugin.configs.recommended;
    const mode = ${JSON.stringify(mode)};
    const noop = { rules: { noop: { meta: { schema: [] }, create: () => ({}) } } };
    const overrideConfig = mode === 'recommended'
      ? configs
      // Same parser setup; no backlint rules.
      : [...configs.map((c) => (c.rules ? { ...c, rules: {} } : c)), ...(mode === 'floor' ? [{ plugins: { bench: noop }, rules: { 'bench/noop': 'error' } }] : [])];
    const eslint = new ESLint({ cwd: ${JSON.stringify(dir)}, overrideConfigFile: true, overrideConfig, ignore: false, cache: false });
    const results = await eslint.lintFiles(['**/*.{js,cjs,mjs,ts}']);
    const n = results.reduce((a, r) => a + r.messages.filter((m) => m.ruleId?.startsWith('backlint/')).length, 0);
    const fatal = results.reduce((a, r) => a + r.messages.filter((m) => m.fatal).length, 0);
    console.log(results.length + ' files, ' + n + ' backlint findings, ' + fatal + ' parse errors');`;
  const modes = ['parse only', 'floor', 'recommended'];
  const label = { 'parse only': 'ESLint, parser only', floor: 'ESLint + one no-op rule (floor)', recommended: 'ESLint + backlint recommended' };
  const fail = (r) => {
    console.error(r.stderr.slice(0, 3000));
    process.exitCode = 1;
  };
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < rounds; i++) {
    for (const mode of modes) {
      const r = await measure(process.execPath, ['--input-type=module', '-e', script(mode)]);
      if (r.code !== 0) return fail(r);
      runs[mode].push(r);
    }
  }
  const best = Object.fromEntries(modes.map((m) => [m, Math.min(...runs[m].map((r) => r.seconds))]));
  table(
    modes.map((m) => [label[m], best[m].toFixed(1), runs[m].map((r) => r.seconds.toFixed(1)).join(' '), Math.max(...runs[m].map((r) => r.peakMb)).toFixed(0), runs[m][0].stdout.trim()]),
    ['run', 'wall s', 'rounds', 'peak MB', 'result'],
  );
  const pct = (a, b, base) => (((a - b) / base) * 100).toFixed(1) + '%';
  console.log(`\nfloor ${pct(best.floor, best['parse only'], best['parse only'])}, backlint (recommended − floor) ${pct(best.recommended, best.floor, best['parse only'])} of parse-only time`);

  const passesArg = args.find((a) => a.startsWith('--passes='));
  const passes = Math.max(1, Number(passesArg?.slice('--passes='.length)) || 2);
  console.log(`\nPaired, file by file in one process (${passes} passes after a warm-up pass):\n`);
  const paired = await measure(process.execPath, [path.join(root, 'benchmarks/scripts/paired-code-bench.mjs'), dir, '--passes', String(passes)]);
  if (paired.code !== 0) return fail(paired);
  const { ms, files, findings } = JSON.parse(paired.stdout.trim().split('\n').pop());
  table(
    modes.map((m) => [label[m], (ms[m] / 1000).toFixed(2), m === 'recommended' ? `${files} files, ${findings} backlint findings` : `${files} files`]),
    ['run', 'lint s', 'result'],
  );
  const base = ms['parse only'];
  const ours = ((ms.recommended - ms.floor) / base) * 100;
  console.log(`\nESLint's own cost of running any rule (floor): ${pct(ms.floor, base, base)} of parse-only time`);
  console.log(`added by backlint's rules (recommended − floor): ${ours.toFixed(1)}% of parse-only time (target ≤ 15%: ${ours <= 15 ? 'met' : 'MISSED'})`);
  console.log(`recommended vs parse only, ESLint's floor included: +${pct(ms.recommended, base, base)}`);
}

/**
 * Issue 12's target: the CLI (project model on, as shipped) at ≤ 0.5× ESLint's parse-only floor on
 * Ghost — the `eslint` binary with the TypeScript parser and no rules, over the same files — with
 * memory ≤ the floor's. Bare oxlint (its native default rules) is printed for reference.
 */
async function benchEngine() {
  fetchCorpus('ghost');
  const cwd = path.join(corpusDir('ghost'), 'package');
  const target = 'core/server';
  const rounds = roundsOr(3);
  const dir = mkdtempSync(path.join(tmpdir(), 'backlint-bench-'));
  const floorConfig = writeFloorConfig(dir);
  writeFileSync(path.join(dir, 'oxlintrc.json'), '{}');
  const cli = path.join(root, 'bin/backlint.js');
  const variants = [
    ['ESLint, parser only (floor)', bin('eslint'), ['--config', floorConfig, '--no-ignore', target]],
    ['backlint (default engine)', process.execPath, [cli, target, '--format', 'json', '--no-progress']],
    ['backlint --engine eslint', process.execPath, [cli, target, '--format', 'json', '--no-progress', '--engine', 'eslint']],
    // Files named one by one: oxlint skips a directory argument under a dot-directory (.cache).
    ['oxlint, its default rules', bin('oxlint'), ['-c', path.join(dir, 'oxlintrc.json'), '--no-ignore', ...jsFiles(path.join(cwd, target)).map((f) => path.relative(cwd, f))]],
  ];
  console.log(`\nCode engines on ghost/${target}, whole processes, ${rounds} alternating rounds, medians\n`);
  const runs = Object.fromEntries(variants.map(([v]) => [v, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [v, cmd, cmdArgs] of variants) {
      const r = await measure(cmd, cmdArgs, { cwd });
      if (r.code !== 0 && r.code !== 1) {
        console.error(v, r.stderr.slice(0, 3000));
        process.exitCode = 1;
        return;
      }
      let result = `exit ${r.code}`;
      try {
        const report = JSON.parse(r.stdout);
        const engines = {};
        for (const f of report.files) for (const x of f.findings) engines[x.engine] = (engines[x.engine] ?? 0) + 1;
        result = `${report.files.reduce((n, f) => n + f.findings.length, 0)} findings ${JSON.stringify(engines)}`;
      } catch {
        // not a backlint report
      }
      runs[v].push({ ...r, result });
    }
  }
  const med = (v, k) => median(runs[v].map((r) => r[k]));
  const floor = variants[0][0];
  table(
    variants.map(([v]) => [
      v,
      med(v, 'seconds').toFixed(2),
      runs[v].map((r) => r.seconds.toFixed(1)).join(' '),
      med(v, 'cpuSeconds').toFixed(1),
      med(v, 'treeMb').toFixed(0),
      (med(v, 'seconds') / med(floor, 'seconds')).toFixed(2) + 'x',
      runs[v][0].result,
    ]),
    ['run', 'median wall s', 'rounds', 'CPU s', 'peak MB (tree)', 'vs floor', 'result'],
  );
  const ours = variants[1][0];
  const t = med(ours, 'seconds') / med(floor, 'seconds');
  const m = med(ours, 'treeMb') / med(floor, 'treeMb');
  console.log(`\nbacklint at ${t.toFixed(2)}x the floor's time (target ≤ 0.5x: ${t <= 0.5 ? 'met' : 'MISSED'}), ${m.toFixed(2)}x its memory (target ≤ 1x: ${m <= 1 ? 'met' : 'MISSED'})`);
}

/**
 * The project model's cost, judged as users see it: the whole `backlint` process (discovery, both
 * engines, report) over a real layered backend, with the model and without it, in alternating
 * rounds; medians of wall time and peak RSS. Targets: ≤ 10% time, ≤ 20% memory.
 */
/**
 * What `on` adds over `off` (a fraction), from alternating rounds: the ratio of the medians, and
 * the median of each round's own ratio — the two runs of a round are back to back, so a change
 * of this machine's load during the batch cancels out there and not in the medians. The verdict
 * takes the larger of the two.
 */
function added(on, off, key) {
  const ofMedians = median(on.map((r) => r[key])) / median(off.map((r) => r[key])) - 1;
  const paired = median(on.map((r, i) => r[key] / off[i][key])) - 1;
  return { ofMedians, paired, judged: Math.max(ofMedians, paired) };
}
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const addedText = (a) => `${pct(a.judged)} (medians ${pct(a.ofMedians)}, per round ${pct(a.paired)})`;

async function benchModel() {
  const rounds = roundsOr(3);
  // --engine=eslint|oxlint: the model's cost under one code engine (default: the CLI's default).
  const engineArg = args.find((a) => a.startsWith('--engine='));
  const engineArgs = engineArg ? ['--engine', engineArg.slice('--engine='.length)] : [];
  const corpora = [
    ['ghost', 'package', 'core/server'],
    ['directus', 'package', 'dist'],
  ];
  for (const [name, base, target] of corpora) {
    fetchCorpus(name);
    const cwd = path.join(corpusDir(name), base);
    console.log(`\nProject model: backlint CLI (${engineArgs.length ? engineArgs.join(' ') : 'default engine'}) on ${name} (${target}), ${rounds} alternating rounds\n`);
    const cli = path.join(root, 'bin/backlint.js');
    const variants = [
      ['model off', { BACKLINT_PROJECT_MODEL: 'off' }],
      ['model on', {}],
    ];
    const runs = Object.fromEntries(variants.map(([v]) => [v, []]));
    for (let i = 0; i < rounds; i++) {
      for (const [v, env] of variants) {
        const r = await measure(process.execPath, [cli, target, '--format', 'json', '--no-progress', ...engineArgs], { cwd, env });
        if (r.code !== 0 && r.code !== 1) {
          console.error(r.stderr.slice(0, 3000));
          process.exitCode = 1;
          return;
        }
        let findings = '?';
        try {
          findings = String(JSON.parse(r.stdout).files.reduce((n, f) => n + f.findings.length, 0));
        } catch {
          // a report over 1 MiB is cut by measure(): the count is not needed for the timing
        }
        runs[v].push({ ...r, findings });
      }
    }
    const rows = variants.map(([v]) => {
      const rs = runs[v];
      return [v, median(rs.map((r) => r.seconds)).toFixed(2), rs.map((r) => r.seconds.toFixed(1)).join(' '), median(rs.map((r) => r.treeMb)).toFixed(0), rs[0].findings];
    });
    table(rows, ['run', 'median wall s', 'rounds', 'median peak MB (tree)', 'findings']);
    const t = added(runs['model on'], runs['model off'], 'seconds');
    const m = added(runs['model on'], runs['model off'], 'treeMb');
    console.log(`\nmodel adds ${addedText(t)} time (target ≤ 10%: ${t.judged <= 0.1 ? 'met' : 'MISSED'}) and ${addedText(m)} peak memory (target ≤ 20%: ${m.judged <= 0.2 ? 'met' : 'MISSED'})`);
  }
}

/**
 * What a group of rules costs as users see it: the whole `backlint` process with the rules as
 * shipped and with them turned off in a config file, alternating rounds, medians of wall time and
 * peak memory; `targetPct` is the bound on the time they add.
 */
async function benchRulesCost(title, ruleIds, targets, targetPct) {
  const rounds = roundsOr(3);
  const off = path.join(mkdtempSync(path.join(tmpdir(), 'backlint-bench-')), 'rules-off.json');
  writeFileSync(off, JSON.stringify({ rules: Object.fromEntries(ruleIds.map((id) => [id, 'off'])) }));
  const cli = path.join(root, 'bin/backlint.js');
  const ids = new Set(ruleIds);
  for (const [name, cwd, target] of targets) {
    console.log(`\n${title}: backlint CLI on ${name} (${target}), ${rounds} alternating rounds\n`);
    const variants = [
      [`${title} off`, ['-c', off]],
      [`${title} on`, []],
    ];
    const runs = Object.fromEntries(variants.map(([v]) => [v, []]));
    for (let i = 0; i < rounds; i++) {
      for (const [v, extra] of variants) {
        const r = await measure(process.execPath, [cli, target, '--format', 'json', '--no-progress', ...extra], { cwd });
        let found = '?';
        try {
          found = String(JSON.parse(r.stdout).files.reduce((n, f) => n + f.findings.filter((x) => ids.has(x.ruleId)).length, 0));
        } catch {
          // a report over 1 MiB is cut by measure(): the count is not needed for the timing
        }
        runs[v].push({ ...r, found });
      }
    }
    table(
      variants.map(([v]) => {
        const rs = runs[v];
        return [v, median(rs.map((r) => r.seconds)).toFixed(2), rs.map((r) => r.seconds.toFixed(1)).join(' '), median(rs.map((r) => r.treeMb)).toFixed(0), rs[0].found];
      }),
      ['run', 'median wall s', 'rounds', 'median peak MB (tree)', `${title} findings`],
    );
    const t = added(runs[`${title} on`], runs[`${title} off`], 'seconds');
    console.log(`\n${title} add ${addedText(t)} time (target ≤ ${targetPct}%: ${t.judged <= targetPct / 100 ? 'met' : 'MISSED'})`);
  }
}

/** spec-drift's cost (issue 11): on fixtures/ and the real packages that ship code and its document. Target ≤ 5%. */
async function benchDrift() {
  const targets = [['fixtures', root, 'fixtures']];
  for (const [name, target] of DRIFT_CORPORA) {
    fetchCorpus(name);
    targets.push([name, corpusDir(name), target]);
  }
  await benchRulesCost('spec-drift', ['backlint/spec-drift'], targets, 5);
}

/** The twelve security rules of issue 15 (request taint, app and config rules). */
const SECURITY_RULES = [
  'no-nosql-injection', 'no-command-injection', 'no-code-injection', 'no-ssrf', 'no-open-redirect', 'no-path-traversal',
  'no-xxe', 'no-unsafe-deserialization', 'no-mass-assignment', 'no-prototype-pollution', 'require-security-headers', 'require-csrf-protection',
].map((id) => `backlint/${id}`);

/** Their cost on real backends (Ghost's server, @directus/api). Target ≤ 10%. */
async function benchSecurity() {
  const targets = [];
  for (const [name, base, target] of [['ghost', 'package', 'core/server'], ['directus', 'package', 'dist']]) {
    fetchCorpus(name);
    targets.push([name, path.join(corpusDir(name), base), target]);
  }
  await benchRulesCost('security rules', SECURITY_RULES, targets, 10);
}

/**
 * `--cache` as users see it, on Ghost's server: one cold run fills each tool's cache (in a temporary
 * directory, never in the corpus), then alternating rounds of (a) a re-run with nothing changed and
 * (b) a re-run after a service file changed (its text toggled between two versions, so every run
 * sees a change), beside `eslint --cache` with the parse-only config. Target: warm ≤ 2 s.
 */
async function benchCache() {
  fetchCorpus('ghost');
  const cwd = path.join(corpusDir('ghost'), 'package');
  const target = 'core/server';
  const rounds = roundsOr(3);
  const dir = mkdtempSync(path.join(tmpdir(), 'backlint-bench-cache-'));
  const floorConfig = writeFloorConfig(dir);
  const cli = path.join(root, 'bin/backlint.js');
  const service = path.join(cwd, target, 'services/tiers/tier-repository.js');
  const original = readFileSync(service, 'utf8');
  const variants = [
    ['backlint --cache', process.execPath, [cli, target, '--format', 'json', '--no-progress', '--cache', '--cache-location', path.join(dir, 'backlint.cache')]],
    ['eslint --cache (parser only)', bin('eslint'), ['--config', floorConfig, '--no-ignore', '--cache', '--cache-location', path.join(dir, 'eslint.cache'), target]],
  ];
  const env = { BACKLINT_DEBUG_CACHE: '1' };
  const linted = (r) => /(\d+) to lint/.exec(r.stderr)?.[1] ?? '?';
  const runs = {};
  try {
    for (const [v, cmd, cmdArgs] of variants) {
      const r = await measure(cmd, cmdArgs, { cwd, env });
      runs[`${v}, cold`] = [r];
    }
    let edits = 0;
    for (let i = 0; i < rounds; i++) {
      for (const [v, cmd, cmdArgs] of variants) {
        (runs[`${v}, nothing changed`] ??= []).push(await measure(cmd, cmdArgs, { cwd, env }));
      }
      // Toggle the service between its text and the text with one line more.
      writeFileSync(service, ++edits % 2 ? `${original}// edited\n` : original);
      for (const [v, cmd, cmdArgs] of variants) {
        (runs[`${v}, one service changed`] ??= []).push(await measure(cmd, cmdArgs, { cwd, env }));
      }
    }
  } finally {
    writeFileSync(service, original);
  }
  console.log(`\n--cache on ghost/${target} (${jsFiles(path.join(cwd, target)).length} files), ${rounds} alternating rounds, medians\n`);
  table(
    Object.entries(runs).map(([v, rs]) => [
      v,
      median(rs.map((r) => r.seconds)).toFixed(2),
      rs.map((r) => r.seconds.toFixed(1)).join(' '),
      median(rs.map((r) => r.peakMb)).toFixed(0),
      v.startsWith('backlint') ? `${linted(rs[0])} files linted` : '',
    ]),
    ['run', 'median wall s', 'rounds', 'peak MB', 'result'],
  );
  const warm = median(runs['backlint --cache, nothing changed'].map((r) => r.seconds));
  console.log(`\nbacklint warm re-run ${warm.toFixed(2)} s (target ≤ 2 s: ${warm <= 2 ? 'met' : 'MISSED'})`);
}

const SMALL_JS = `const express = require('express');
const router = express.Router();
const users = require('./users');

router.get('/users', async (req, res) => {
  const list = await users.list({ limit: 50 });
  res.json(list);
});

router.post('/users', async (req, res) => {
  const user = await users.create({ name: String(req.body.name) });
  res.status(201).json(user);
});

module.exports = router;
`;

const SMALL_YAML = `openapi: 3.1.0
info:
  title: Users
  version: 1.0.0
  description: A small API.
servers:
  - url: https://api.example.com/v1
security:
  - bearer: []
paths:
  /users:
    get:
      operationId: listUsers
      summary: List users
      parameters:
        - name: limit
          in: query
          schema: { type: integer, maximum: 100 }
      responses:
        '200':
          description: The users
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: { type: array, items: { $ref: '#/components/schemas/User' } }
                  next_cursor: { type: string }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    User:
      type: object
      properties:
        id: { type: string }
        name: { type: string }
`;

/**
 * Issue 12 item 5: one small file should not take longer than the peer on the same file. The whole
 * CLI (default preset, default engine) on a small Express router beside `eslint` with the
 * TypeScript parser and no rules, and on a small OpenAPI YAML beside `redocly lint`
 * (recommended); one process each, alternated `--rounds` times (default 7), medians.
 */
async function benchStartup() {
  const rounds = roundsOr(7);
  const dir = mkdtempSync(path.join(tmpdir(), 'backlint-startup-'));
  writeFileSync(path.join(dir, 'routes.js'), SMALL_JS);
  writeFileSync(path.join(dir, 'users.js'), 'module.exports = { list: async () => [], create: async (u) => u };\n');
  writeFileSync(path.join(dir, 'api.yaml'), SMALL_YAML);
  const floorConfig = writeFloorConfig(dir);
  const cli = path.join(root, 'bin/backlint.js');
  const redoclyEnv = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  // The bar is `eslint` on the same file (for a YAML document it loads its config and
  // parser and ignores the file); for the document, Redocly is shown too, the OpenAPI peer.
  const eslintOn = (file) => [`eslint ${file} (parser only)`, bin('eslint'), ['--config', floorConfig, file]];
  const pairs = [
    ['small JS file', ['backlint routes.js', process.execPath, [cli, 'routes.js', '--no-progress']], [eslintOn('routes.js')]],
    [
      'small OpenAPI YAML',
      ['backlint api.yaml', process.execPath, [cli, 'api.yaml', '--no-progress']],
      [eslintOn('api.yaml'), ['redocly lint api.yaml (recommended)', bin('redocly'), ['lint', 'api.yaml', '--extends', 'recommended', '--format', 'summary'], redoclyEnv]],
    ],
  ];
  console.log(`\nStartup: one small file, whole processes, ${rounds} alternating rounds, medians\n`);
  const rows = [];
  const verdicts = [];
  for (const [label, ours, peers] of pairs) {
    const all = [ours, ...peers];
    const runs = all.map(() => []);
    for (let i = 0; i < rounds; i++) {
      for (const [k, [, cmd, cmdArgs, env]] of all.entries()) {
        const r = await measure(cmd, cmdArgs, { cwd: dir, env });
        if (r.code !== 0 && r.code !== 1) {
          console.error(label, all[k][0], `exit ${r.code}`, r.stderr.slice(0, 2000));
          process.exitCode = 1;
          return;
        }
        runs[k].push(r);
      }
    }
    const seconds = runs.map((rs) => median(rs.map((r) => r.seconds)));
    for (const [k, [name]] of all.entries()) {
      const rs = runs[k];
      rows.push([name, seconds[k].toFixed(2), rs.map((r) => r.seconds.toFixed(2)).join(' '), median(rs.map((r) => r.treeMb)).toFixed(0), `exit ${rs[0].code}`]);
    }
    const [ourS, barS] = seconds;
    const others = peers.slice(1).map(([name], i) => `; ${(ourS / seconds[i + 2]).toFixed(2)}x ${name.split(' ')[0]}'s ${seconds[i + 2].toFixed(2)} s`).join('');
    verdicts.push(`${label}: backlint ${ourS.toFixed(2)} s vs eslint on the same file ${barS.toFixed(2)} s (${(ourS / barS).toFixed(2)}x; target ≤ 1x: ${ourS <= barS ? 'met' : 'MISSED'})${others}`);
  }
  table(rows, ['run', 'median wall s', 'rounds', 'peak MB (tree)', 'result']);
  console.log('');
  for (const v of verdicts) console.log(v);
}

/** Real packages that ship server code and the OpenAPI document describing it: [corpus, path linted]. */
const DRIFT_CORPORA = [['signalk', 'package/dist']];

if (want('engine')) await benchEngine();
if (want('openapi')) await benchOpenApi();
if (want('code')) await benchCode();
if (want('model')) await benchModel();
if (want('drift')) await benchDrift();
if (want('security')) await benchSecurity();
if (want('cache')) await benchCache();
if (want('startup')) await benchStartup();
