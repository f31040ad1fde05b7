/**
 * `--cache`, through the built CLI (and the real oxlint binary where the engine is oxlint): a warm
 * run reuses every result and reports exactly what a run without the cache reports; an edit re-lints
 * the files whose findings depend on it — a repository reached through a service and a controller,
 * the mount in app.js a router's limiter comes from — and no others; a corrupt cache, or one naming
 * a path outside the root, is never trusted. (A well-formed cache claiming a file is clean is
 * trusted, as ESLint's is: the README says never to restore one from an untrusted branch.) Which files were linted is read from BACKLINT_DEBUG_CACHE's line on stderr.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { assertBuilt, ROOT, runCli } from '../cli/helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of a fixture app. */
function copyOf(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-cache-'));
  dirs.push(dir);
  cpSync(path.join(ROOT, 'fixtures', fixture), dir, { recursive: true });
  return dir;
}

interface Run {
  code: number | null;
  findings: string[];
  reused: number;
  linted: string[];
  /** The engines whose findings the report holds. */
  engines: string[];
}

/** What users compare: rule, place, message, severity (the engine that produced it may differ). */
async function run(cwd: string, args: string[] = []): Promise<Run> {
  const r = await runCli(['.', '--cache', ...args, '--format', 'json'], { cwd, env: { BACKLINT_DEBUG_CACHE: '1' } });
  const report = JSON.parse(r.stdout) as Report;
  const findings = report.files.flatMap((f) => f.findings.map((x) => `${x.file}:${x.line}:${x.column} ${x.ruleId} ${x.severity} ${x.message}`));
  let reused = 0;
  const linted: string[] = [];
  for (const line of r.stderr.split('\n')) {
    const m = /^backlint cache: (\d+) reused, (\d+) to lint(?:: (.*))?$/.exec(line);
    if (!m) {
      expect(line).toBe('');
      continue;
    }
    reused += Number(m[1]);
    linted.push(...(m[3] ?? '').split(' ').filter(Boolean).map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/')));
  }
  const engines = [...new Set(report.files.flatMap((f) => f.findings.map((x) => x.engine)))].sort();
  return { code: r.code, findings, reused, linted: linted.sort(), engines };
}

async function uncached(cwd: string, args: string[] = []): Promise<string[]> {
  const r = await runCli(['.', ...args, '--format', 'json'], { cwd });
  return (JSON.parse(r.stdout) as Report).files.flatMap((f) => f.findings.map((x) => `${x.file}:${x.line}:${x.column} ${x.ruleId} ${x.severity} ${x.message}`));
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

beforeAll(() => assertBuilt());

describe('--cache', () => {
  it('reuses every result on a warm run and reports exactly what a run without it reports', async () => {
    const dir = copyOf('express-layered');
    const cold = await run(dir);
    expect(cold.reused).toBe(0);
    expect(cold.linted).toHaveLength(27);
    expect(existsSync(path.join(dir, '.backlintcache'))).toBe(true);
    const warm = await run(dir);
    expect(warm).toEqual({ code: cold.code, findings: cold.findings, reused: 27, linted: [], engines: cold.engines });
    expect(cold.code).toBe(1);
    expect(warm.findings).toEqual(await uncached(dir));
  }, 60_000);

  it('re-lints the route, controller and service that reach an edited repository, and nothing else', async () => {
    const dir = copyOf('express-layered');
    const cold = await run(dir);
    expect(cold.findings.filter((f) => /^src\/routes\/users\.routes\.js:11:\d+ backlint\/require-pagination /.test(f))).toHaveLength(1);
    // The list query becomes bounded: the route's finding, two files away, must go.
    edit(path.join(dir, 'src/repositories/users.repository.js'), ".select('id', 'email', 'name');", ".select('id', 'email', 'name').limit(50);");
    const after = await run(dir);
    expect(after.linted).toContain('src/repositories/users.repository.js');
    expect(after.linted).toContain('src/services/users.service.js');
    expect(after.linted).toContain('src/controllers/users.controller.js');
    expect(after.linted).toContain('src/routes/users.routes.js');
    expect(after.linted).not.toContain('src/lib/crypto.js');
    expect(after.linted).not.toContain('src/routes/reports.routes.js');
    expect(after.linted.length).toBeLessThan(10);
    expect(after.reused + after.linted.length).toBe(27);
    expect(after.findings.filter((f) => f.includes('users.routes.js:11:'))).toEqual([]);
    expect(after.findings).toEqual(await uncached(dir));
  }, 60_000);

  it('re-lints a router when the mount that applies its limiter changes in app.js (oxlint records what it read)', async () => {
    const dir = copyOf('express-layered');
    const cold = await run(dir, ['--engine', 'oxlint']);
    expect(cold.engines).toEqual(['oxlint']);
    expect(cold.findings.filter((f) => /^src\/routes\/account\.routes\.js:6:\d+ backlint\/require-auth-rate-limit /.test(f))).toHaveLength(1);
    edit(path.join(dir, 'src/app.js'), "app.use('/v1/account', accountRouter);", "app.use('/v1/account', authLimiter, accountRouter);");
    const after = await run(dir, ['--engine', 'oxlint']);
    expect(after.linted).toContain('src/app.js');
    expect(after.linted).toContain('src/routes/account.routes.js');
    expect(after.linted).not.toContain('src/routes/users.routes.js');
    expect(after.findings.filter((f) => f.includes('account.routes.js:6:'))).toEqual([]);
    expect(after.findings).toEqual(await uncached(dir));
  }, 60_000);

  it('re-lints the code spec-drift compared with an edited OpenAPI document', async () => {
    const dir = copyOf('drift-express');
    const conflict = /^src\/controllers\/projects\.controller\.js:15:\d+ backlint\/spec-drift /;
    const cold = await run(dir);
    expect(cold.findings.filter((f) => conflict.test(f))).toHaveLength(1);
    expect((await run(dir)).linted).toEqual([]);
    // The 409 the handler sends becomes documented.
    edit(path.join(dir, 'openapi.yaml'), "        '201':\n          description: The created project", "        '409':\n          description: Name taken\n        '201':\n          description: The created project");
    const after = await run(dir);
    expect(after.linted).toContain('openapi.yaml');
    expect(after.linted).toContain('src/controllers/projects.controller.js');
    expect(after.findings.filter((f) => conflict.test(f))).toEqual([]);
    expect(after.findings).toEqual(await uncached(dir));
  }, 60_000);

  it('starts afresh when the config changes', async () => {
    const dir = copyOf('express-layered');
    await run(dir);
    writeFileSync(path.join(dir, 'backlint.config.json'), JSON.stringify({ rules: { 'backlint/require-query-timeout': 'off' } }));
    const after = await run(dir);
    expect(after.reused).toBe(0);
    expect(after.findings.some((f) => f.includes('require-query-timeout'))).toBe(false);
    expect(after.findings).toEqual(await uncached(dir));
  }, 60_000);

  it('never trusts a corrupt or tampered cache file', async () => {
    const dir = copyOf('express-layered');
    const cacheFile = path.join(dir, '.backlintcache');
    const cold = await run(dir);
    const good = readFileSync(cacheFile, 'utf8');

    for (const bad of ['\u0000\u0001garbage', good.slice(0, good.length / 2), '[]', JSON.stringify({ ...JSON.parse(good), entries: 7 })]) {
      writeFileSync(cacheFile, bad);
      const r = await run(dir);
      expect(r.reused).toBe(0);
      expect(r.findings).toEqual(cold.findings);
      // Replaced by a cache that works.
      expect((await run(dir)).reused).toBe(27);
    }

    // A path outside the root anywhere in the file: none of it is used (nothing outside is read).
    const data = JSON.parse(good) as { paths: string[]; entries: Record<string, { deps: number[]; result: { findings: { line: number }[] } }> };
    data.paths.push('../outside.js');
    data.entries['src/lib/jwt.js']!.deps.push(data.paths.length - 1);
    writeFileSync(cacheFile, JSON.stringify(data));
    const outside = await run(dir);
    expect(outside.reused).toBe(0);
    expect(outside.findings).toEqual(cold.findings);

    // An entry whose finding has an impossible line: that entry dropped, its file linted again.
    const again = JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof data;
    again.entries['src/lib/sql.js']!.result.findings[0]!.line = -1;
    writeFileSync(cacheFile, JSON.stringify(again));
    const oneBad = await run(dir);
    expect(oneBad.linted).toEqual(['src/lib/sql.js']);
    expect(oneBad.findings).toEqual(cold.findings);
  }, 120_000);

  it('writes where --cache-location says (a file, or a directory) and nothing without --cache', async () => {
    const dir = copyOf('express-layered');
    await runCli(['.', '--format', 'json'], { cwd: dir });
    expect(existsSync(path.join(dir, '.backlintcache'))).toBe(false);
    mkdirSync(path.join(dir, 'tmp-cache'));
    await run(dir, ['--cache-location', 'tmp-cache']);
    expect(existsSync(path.join(dir, 'tmp-cache', '.backlintcache'))).toBe(true);
    expect((await run(dir, ['--cache-location', 'tmp-cache/'])).reused).toBe(27);
    await run(dir, ['--cache-location', 'caches/run.json']);
    expect(existsSync(path.join(dir, 'caches', 'run.json'))).toBe(true);
    expect(existsSync(path.join(dir, '.backlintcache'))).toBe(false);
  }, 60_000);

  it('reuses an OpenAPI document with internal refs only; one with a file $ref is always linted', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-cache-doc-'));
    dirs.push(dir);
    const doc = (ref: string) =>
      `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /getUsers:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '${ref}'\ncomponents:\n  schemas:\n    User: {type: object}\n`;
    writeFileSync(path.join(dir, 'inner.yaml'), doc('#/components/schemas/User'));
    writeFileSync(path.join(dir, 'outer.yaml'), doc('./schemas.yaml#/User'));
    writeFileSync(path.join(dir, 'schemas.yaml'), 'User: {type: object}\n');
    const cold = await run(dir);
    expect(cold.findings.some((f) => f.startsWith('inner.yaml:4:'))).toBe(true);
    const warm = await run(dir);
    expect(warm.reused).toBe(1);
    expect(warm.linted).toEqual(['outer.yaml']);
    expect(warm.findings).toEqual(cold.findings);
  }, 60_000);
});
