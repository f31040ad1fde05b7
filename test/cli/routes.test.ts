/**
 * `backlint routes` as users run it: the BUILT CLI, spawned inside a fixture app (the working
 * directory is the project root), in JSON and text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli } from './helpers.js';

interface Row {
  method: string;
  path: string | null;
  known: string | null;
  complete: boolean;
  framework: string;
  file: string;
  line: number;
  handlers: { name: string; file: string; line: number }[];
  middleware: { name: string; file: string; line: number }[];
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'backlint-routes-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => assertBuilt());

async function routes(fixture: string, ...args: string[]): Promise<{ rows: Row[]; summary: { routes: number; complete: number } }> {
  const res = await runCli(['routes', '--format', 'json', ...args], { cwd: path.join(ROOT, 'fixtures', fixture) });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const parsed = JSON.parse(res.stdout) as { version: number; routes: Row[]; summary: { routes: number; complete: number } };
  expect(parsed.version).toBe(1);
  return { rows: parsed.routes, summary: parsed.summary };
}

describe('backlint routes', () => {
  it('--format json: method, full path, place, handler across files, middleware at the mount', async () => {
    const { rows, summary } = await routes('express-layered');
    expect(summary).toEqual({ routes: 17, complete: 17 });
    const profiles = rows.find((r) => r.path === '/v1/profiles')!;
    expect(profiles).toMatchObject({ method: 'POST', complete: true, framework: 'express', file: 'src/routes/profiles.routes.js', line: 7 });
    expect(profiles.middleware).toEqual([
      { name: "express.json({ limit: '100kb' })", file: 'src/app.js', line: 13 },
      { name: "validateBody('profile')", file: 'src/app.js', line: 23 },
    ]);
    const show = rows.find((r) => r.path === '/v1/users/:id' && r.method === 'GET')!;
    expect(show.handlers).toEqual([{ name: 'usersController.show', file: 'src/controllers/users.controller.js', line: 8 }]);
  });

  it('lists the paths given only, and marks routes nothing mounts as incomplete', async () => {
    const { rows } = await routes('express-app', 'src/accounts.js');
    expect(rows.map((r) => `${r.method} ${r.known} ${r.complete}`)).toEqual([
      'GET /accounts false',
      'GET /accounts/:id false',
      'GET /accounts/:id/orders false',
      'POST /accounts false',
      'POST /accounts/:id/api-keys false',
      'POST /invites false',
    ]);
    expect(rows.every((r) => r.path === null)).toBe(true);
  });

  it('--format text with -o writes one line per route and a count', async () => {
    const out = path.join(tmp, 'routes.txt');
    const res = await runCli(['routes', '-o', out], { cwd: path.join(ROOT, 'fixtures', 'hono-layered') });
    expect(res.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('GET     /api/v1/users/:id  src/routes/users.ts:7  → (inline) (src/routes/users.ts:7)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('5 routes, 5 complete');
  });
});
