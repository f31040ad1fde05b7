/**
 * End to end: the built CLI over fixtures/, in every format. The expected findings are the
 * `expect:` markers in the fixture files, so these assertions are exact and follow the fixtures.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, expectedFromMarkers, landedRules, ROOT, runCli, uniqueSorted, type RunResult } from './helpers.js';

interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  preset: string;
  files: { file: string; kind: string; findings: { ruleId: string; engine: string; severity: string; line: number; column: number; message: string; fingerprint?: string }[] }[];
  summary: { files: number; codeFiles: number; openapiFiles: number; errors: number; warnings: number };
  rules: { qualifiedId: string }[];
}

let expected: string[];
const out: Record<string, RunResult> = {};
let json: JsonReport;

beforeAll(async () => {
  assertBuilt();
  // The default run is the recommended preset: markers of strict-only rules are checked below.
  const { catalogEntries } = await import('../../src/catalog.js');
  const strictOnly = new Set(catalogEntries().filter((e) => e.recommended === 'off').map((e) => e.qualifiedId));
  expected = expectedFromMarkers(path.join(ROOT, 'fixtures'), await landedRules(), (id) => !strictOnly.has(id));
  const formats = ['json', 'stylish', 'sarif', 'junit', 'github', 'markdown'];
  const results = await Promise.all(formats.map((format) => runCli(['fixtures', '--format', format])));
  formats.forEach((format, i) => (out[format] = results[i]!));
  json = JSON.parse(out.json!.stdout) as JsonReport;
});

function jsonKeys(report: JsonReport): string[] {
  return uniqueSorted(report.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line}:${x.ruleId}`)));
}

describe('backlint fixtures', () => {
  it('exits 1 in every format (the fixtures hold errors)', () => {
    for (const [format, res] of Object.entries(out)) {
      expect({ format, code: res.code, stderr: res.stderr }).toEqual({ format, code: 1, stderr: '' });
    }
  });

  it('json: exactly the findings the expect: markers name', () => {
    expect(json.version).toBe(1);
    expect(json.tool.name).toBe('backlint');
    expect(json.preset).toBe('recommended');
    expect(jsonKeys(json)).toEqual(expected);
    const all = json.files.flatMap((f) => f.findings);
    expect(json.summary.errors).toBe(all.filter((f) => f.severity === 'error').length);
    expect(json.summary.warnings).toBe(all.filter((f) => f.severity === 'warning').length);
    expect(json.summary.codeFiles).toBeGreaterThan(0);
    expect(json.summary.openapiFiles).toBeGreaterThan(0);
    expect(all.every((f) => /^[0-9a-f]{32}:\d+$/.test(f.fingerprint ?? ''))).toBe(true);
  });

  it('json: findings come from both engines', () => {
    const engines = new Set(json.files.flatMap((f) => f.findings.map((x) => x.engine)));
    // `backlint`: spec-drift's document side, found by the pipeline itself; code goes to oxlint
    // (no fixture holds a comment that would send it to ESLint).
    expect([...engines].sort()).toEqual(['backlint', 'oxlint', 'spectral']);
  });

  it('json: files are discovered by content, not by name', () => {
    const files = json.files.map((f) => f.file);
    expect(files).toContain('fixtures/express-app/openapi.yaml');
    expect(files).toContain('fixtures/express-app/src/server.js');
    expect(files).not.toContain('fixtures/express-app/package.json');
    expect(json.files.find((f) => f.file === 'fixtures/express-app/openapi.yaml')?.kind).toBe('openapi');
  });

  it('stylish: the same findings, grouped by file with line:col, severity, message and rule id', () => {
    const keys: string[] = [];
    let current = '';
    for (const line of out.stylish!.stdout.split('\n')) {
      if (/^\S/.test(line) && !/^[✖✔]/.test(line)) current = line.trim();
      const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+.*\s(\S+)$/.exec(line);
      if (m) keys.push(`${current}:${m[1]}:${m[4]}`);
    }
    expect(uniqueSorted(keys)).toEqual(expected);
    expect(out.stylish!.stdout).not.toMatch(/\u001b\[/); // not a TTY: no colour
    const { errors, warnings } = json.summary;
    expect(out.stylish!.stdout).toContain(`✖ ${errors + warnings} problem${errors + warnings === 1 ? '' : 's'} (${errors} error`);
  });

  it('sarif: the same findings, with rule descriptors and relative uris', () => {
    const log = JSON.parse(out.sarif!.stdout);
    const run = log.runs[0];
    const keys = run.results.map(
      (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) =>
        `${decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri)}:${r.locations[0]!.physicalLocation.region.startLine}:${r.ruleId}`,
    );
    expect(uniqueSorted(keys)).toEqual(expected);
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect([...ruleIds].sort()).toEqual(uniqueSorted(expected.map((k) => k.split(':')[2]!)));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('junit: one testsuite per file with findings, one testcase per rule (no line numbers), failures as the exit code says', () => {
    const xml = out.junit!.stdout;
    const suites = [...xml.matchAll(/<testsuite ([^>]*)>([\s\S]*?)<\/testsuite>/g)];
    const withFindings = json.files.filter((f) => f.findings.length);
    expect(suites.map((m) => /name="([^"]*)"/.exec(m[1]!)![1]).sort()).toEqual(withFindings.map((f) => f.file).sort());
    let failures = 0;
    for (const [, attrs, body] of suites) {
      const name = /name="([^"]*)"/.exec(attrs!)![1]!;
      const findings = json.files.find((f) => f.file === name)!.findings;
      const cases = [...body!.matchAll(/<testcase name="([^"]+)"[^>]*>([\s\S]*?)<\/testcase>/g)];
      expect(cases.map((c) => c[1]).sort()).toEqual(uniqueSorted(findings.map((f) => f.ruleId)));
      for (const [, ruleId, inner] of cases) {
        // The default threshold: a rule's testcase fails when it has an error, else lists its warnings.
        const errs = findings.filter((f) => f.ruleId === ruleId && f.severity === 'error').length;
        expect(inner!.includes('<failure '), `${name} ${ruleId}`).toBe(errs > 0);
        expect(inner!.includes('<system-out>')).toBe(errs === 0);
        if (errs > 0) failures++;
      }
    }
    expect(xml).toContain(`failures="${failures}" errors="0">`);
  });

  it('github: one workflow command per finding', () => {
    const keys: string[] = [];
    const decode = (s: string) => s.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
    const all = out.github!.stdout.trim().split('\n');
    // More than ten of a level: a notice closes the output (GitHub annotates ten per level).
    const { errors, warnings } = json.summary;
    const lines = errors > 10 || warnings > 10 ? all.slice(0, -1) : all;
    if (lines !== all) expect(all.at(-1)).toMatch(/^::notice title=backlint::\d+ errors? and \d+ warnings?: GitHub annotates the first 10 of each/);
    // Errors first.
    expect(lines.map((l) => l.slice(2, l.indexOf(' ')))).toEqual([...Array(errors).fill('error'), ...Array(warnings).fill('warning')]);
    for (const line of lines) {
      const m = /^::(error|warning) ([^:]*)::(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(',').map((p) => p.split('=') as [string, string]));
      keys.push(`${decode(props.file!)}:${props.line}:${decode(props.title!)}`);
    }
    expect(lines.length).toBe(json.summary.errors + json.summary.warnings);
    expect(uniqueSorted(keys)).toEqual(expected);
  });

  it('markdown: totals, by rule, by file and top findings', () => {
    const md = out.markdown!.stdout;
    const { errors, warnings } = json.summary;
    expect(md).toContain(`**${errors} error${errors === 1 ? '' : 's'}**, **${warnings} warning${warnings === 1 ? '' : 's'}**`);
    // File names are markdown-escaped (`[id]` becomes `\[id\]`): compare them unescaped.
    const unescape = (t: string) => t.replace(/\\(.)/g, '$1');
    const byFile = [...md.matchAll(/^\| <code>(.+?)<\/code> \| (\d+) \| (\d+) \|$/gm)].map((m) => `${unescape(m[1]!)} ${m[2]} ${m[3]}`);
    const all = json.files
      .filter((f) => f.findings.length)
      .map((f) => `${f.file} ${f.findings.filter((x) => x.severity === 'error').length} ${f.findings.filter((x) => x.severity === 'warning').length}`);
    for (const row of byFile) expect(all).toContain(row);
    // The top files (errors first), then a count of the rest.
    const withProblems = json.files.filter((x) => x.findings.length).length;
    expect(byFile).toHaveLength(Math.min(25, withProblems));
    if (withProblems > 25) expect(md).toContain(`| … ${withProblems - 25} more files with problems | | |`);
    const rows = [...md.matchAll(/^\| (?:error|warning) \| <code>(.+?):(\d+):\d+<\/code> \| \[?`([^`]+)`/gm)].map((m) => `${unescape(m[1]!)}:${m[2]}:${m[3]}`);
    expect(rows.length).toBe(Math.min(20, errors + warnings));
    for (const k of rows) expect(expected).toContain(k);
  });
});

describe('exit codes and flags', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-e2e-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/app.js'), "const express = require('express');\nconst app = express();\napp.use(require('helmet')());\napp.get('/v1/health', (req, res) => res.json({ status: 'ok' }));\nmodule.exports = app;\n");
    // Not OpenAPI: must be left alone even though it is YAML.
    writeFileSync(path.join(dir, 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a clean directory', async () => {
    const res = await runCli(['.', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as JsonReport;
    expect(report.files.map((f) => f.file)).toEqual(['src/app.js']);
    expect(report.summary).toEqual({ files: 1, codeFiles: 1, openapiFiles: 0, errors: 0, warnings: 0, skipped: 0, suppressed: 0 });
  });

  it('defaults to the current directory', async () => {
    const res = await runCli([], { cwd: dir });
    expect(res.code).toBe(0);
    // The elapsed time is asserted by its shape, never its value.
    expect(res.stdout).toMatch(/\n✔ No problems\nChecked 1 file \(1 code, 0 OpenAPI documents\) in \d+(?:ms|\.\d+s|m \d\ds)\n$/);
  });

  it('exits 2 on an unknown flag', async () => {
    const res = await runCli(['--no-such-flag', 'fixtures']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown option '--no-such-flag'");
  });

  it('exits 2 on a bad --format value', async () => {
    const res = await runCli(['fixtures', '--format', 'xml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('xml');
  });

  it('exits 2 on a missing path', async () => {
    const res = await runCli(['does/not/exist']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('No such file or directory: does/not/exist');
  });

  it('exits 2 on an invalid config and names the bad key', async () => {
    const cfgDir = mkdtempSync(path.join(os.tmpdir(), 'backlint-cfg-'));
    try {
      writeFileSync(path.join(cfgDir, 'backlint.config.json'), JSON.stringify({ rules: { 'backlint/no-such-rule': 'error' } }));
      writeFileSync(path.join(cfgDir, 'a.js'), 'export const a = 1;\n');
      const res = await runCli(['.'], { cwd: cfgDir });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('"rules.backlint/no-such-rule" is not a backlint rule');

      writeFileSync(path.join(cfgDir, 'backlint.config.json'), JSON.stringify({ preset: 'strict', rulez: {} }));
      const res2 = await runCli(['.'], { cwd: cfgDir });
      expect(res2.code).toBe(2);
      expect(res2.stderr).toContain('"rulez" is not a known key');
    } finally {
      rmSync(cfgDir, { recursive: true, force: true });
    }
  });

  it('--fail-on never exits 0 on the fixtures; --output writes the report to a file', async () => {
    const file = path.join(dir, 'out/report.json');
    const res = await runCli(['fixtures', '--fail-on', 'never', '--format', 'json', '--output', file]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    expect(jsonKeys(JSON.parse(readFileSync(file, 'utf8')) as JsonReport)).toEqual(expected);
  });

  it('--config FILE and --ignore-pattern apply', async () => {
    const cfg = path.join(dir, 'custom.yaml');
    writeFileSync(cfg, 'rules:\n  backlint/https-only: "off"\n');
    const res = await runCli(['fixtures/express-app', '-c', cfg, '--ignore-pattern', 'fixtures/express-app/src/routes/**', '--format', 'json']);
    const report = JSON.parse(res.stdout) as JsonReport;
    const keys = jsonKeys(report);
    expect(keys.some((k) => k.endsWith(':backlint/https-only'))).toBe(false);
    expect(report.files.some((f) => f.file.startsWith('fixtures/express-app/src/routes/'))).toBe(false);
    const kept = expected.filter(
      (k) => k.startsWith('fixtures/express-app/') && !k.startsWith('fixtures/express-app/src/routes/') && !k.endsWith(':backlint/https-only'),
    );
    expect(keys).toEqual(kept);
  });

  it('--quiet reports errors only', async () => {
    const res = await runCli(['fixtures', '--quiet', '--format', 'json']);
    const report = JSON.parse(res.stdout) as JsonReport;
    expect(report.summary.warnings).toBe(0);
    expect(report.summary.errors).toBe(json.summary.errors);
  });

  it('--max-warnings fails when warnings exceed the budget, even with --fail-on never', async () => {
    const { warnings } = json.summary;
    if (warnings === 0) return; // no warning rule has a fixture finding yet: nothing to exceed
    const over = await runCli(['fixtures', '--fail-on', 'never', '--max-warnings', String(warnings - 1), '--format', 'json']);
    expect(over.code).toBe(1);
    const within = await runCli(['fixtures', '--fail-on', 'never', '--max-warnings', String(warnings), '--format', 'json']);
    expect(within.code).toBe(0);
  });

  it('--preset strict adds the strict-only rules to everything recommended reports', async () => {
    const res = await runCli(['fixtures/express-app', '--preset', 'strict', '--format', 'json']);
    const strict = JSON.parse(res.stdout) as JsonReport;
    expect(strict.preset).toBe('strict');
    const strictKeys = new Set(jsonKeys(strict));
    const recommended = jsonKeys(json).filter((k) => k.startsWith('fixtures/express-app/'));
    for (const k of recommended) expect(strictKeys).toContain(k);
    const { catalogEntries } = await import('../../src/catalog.js');
    const strictOnly = new Set(catalogEntries().filter((e) => e.recommended === 'off').map((e) => e.qualifiedId));
    expect([...strictKeys].some((k) => strictOnly.has(k.split(':')[2]!))).toBe(true);
  });

  it('--preset strict over the layered apps: exactly the markers of every rule, strict-only ones included', async () => {
    // Cross-file route paths and mount middleware (require-api-version, require-input-validation).
    const dirs = ['fixtures/express-layered', 'fixtures/hono-layered', 'fixtures/fastify-autoload', 'fixtures/nestjs-layered'];
    const res = await runCli([...dirs, '--preset', 'strict', '--format', 'json']);
    const landed = await landedRules();
    const want = uniqueSorted(dirs.flatMap((d) => expectedFromMarkers(path.join(ROOT, d), landed)));
    expect(jsonKeys(JSON.parse(res.stdout) as JsonReport)).toEqual(want);
  });

  it('worker threads (forced with BACKLINT_CONCURRENCY) give exactly the same findings', async () => {
    const res = await runCli(['fixtures', '--format', 'json'], { env: { BACKLINT_CONCURRENCY: '2' } });
    expect(res.code).toBe(1);
    expect(jsonKeys(JSON.parse(res.stdout) as JsonReport)).toEqual(jsonKeys(json));
  });

  it('FORCE_COLOR colours stylish output; NO_COLOR wins over it', async () => {
    const forced = await runCli(['fixtures/express-app/src'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[31merror/);
    const none = await runCli(['fixtures/express-app/src'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(none.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('backlint rules', () => {
  it('--format json lists every landed rule with engines, presets and docs', async () => {
    const res = await runCli(['rules', '--format', 'json']);
    expect(res.code).toBe(0);
    const { version, rules } = JSON.parse(res.stdout) as { version: number; rules: { id: string; qualifiedId: string; docs: string; engines: string[] }[] };
    expect(version).toBe(1);
    const { catalogEntries } = await import('../../src/catalog.js');
    expect(rules.map((r) => r.qualifiedId)).toEqual(catalogEntries().map((e) => e.qualifiedId));
    for (const r of rules) {
      expect(r.qualifiedId).toBe(`backlint/${r.id}`);
      expect(r.docs).toMatch(new RegExp(`/rules/${r.id}\\.md$`));
      expect(r.engines.length).toBeGreaterThan(0);
    }
  });

  it('--format table and markdown name every rule', async () => {
    const { catalogEntries } = await import('../../src/catalog.js');
    const table = await runCli(['rules']);
    const md = await runCli(['rules', '--format', 'markdown']);
    for (const e of catalogEntries()) {
      expect(table.stdout).toContain(e.qualifiedId);
      expect(md.stdout).toContain(`[\`${e.qualifiedId}\`](rules/${e.id}.md)`);
    }
  });
});
