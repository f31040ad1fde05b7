/**
 * Unreadable files and directories (issue "Safe on untrusted pull requests", item 5): one
 * unreadable directory used to abort the whole run (EACCES, exit 2, no report). Now each unreadable
 * path is a located `backlint/unreadable` error, listed in `skipped`, and every other file is still
 * linted. An unreadable `.yaml` named explicitly is reported as unreadable, not as "not an OpenAPI
 * document".
 *
 * Real OS failures: permissions do not stop root (and CI runs as root), so as root the CLI runs as
 * `nobody` through setpriv (util-linux); as another user plain chmod 000 does it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, type RunResult } from '../cli/helpers.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const canDrop = !isRoot || spawnSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'true']).status === 0;

/** `node bin/backlint.js args` in `cwd`, as an unprivileged user when we are root. */
function runUnprivileged(args: string[], cwd: string): Promise<RunResult> {
  const command = isRoot ? 'setpriv' : process.execPath;
  const argv = isRoot
    ? ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, BIN, ...args]
    : [BIN, ...args];
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const secret = "export const apiKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';\n";
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-unreadable-'));
  // `nobody` must be able to enter the fixture (mkdtemp makes it 0700).
  chmodSync(dir, 0o755);
  for (const sub of ['src', 'locked', 'api']) mkdirSync(path.join(dir, sub), { mode: 0o755 });
  writeFileSync(path.join(dir, 'src/keys.js'), secret);
  writeFileSync(path.join(dir, 'src/private.js'), secret);
  writeFileSync(path.join(dir, 'locked/hidden.js'), secret);
  writeFileSync(path.join(dir, 'api/openapi.yaml'), 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n');
  chmodSync(path.join(dir, 'locked'), 0o000);
  chmodSync(path.join(dir, 'src/private.js'), 0o000);
  chmodSync(path.join(dir, 'api/openapi.yaml'), 0o000);
});
afterAll(() => {
  chmodSync(path.join(dir, 'locked'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

interface JsonReport {
  files: { file: string; kind: string; findings: { ruleId: string; severity: string; line: number; column: number; message: string }[] }[];
  skipped: { file: string; reason: string; message?: string }[];
  summary: Record<string, number>;
}
const located = (r: JsonReport) => r.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line}:${x.column}:${x.severity}:${x.ruleId}`)).sort();

describe.skipIf(!canDrop)('unreadable paths', () => {
  it('an unreadable directory and file become located errors; the other files are still linted', async () => {
    const res = await runUnprivileged(['--format', 'json'], dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout) as JsonReport;
    expect(located(report)).toEqual([
      'api/openapi.yaml:1:1:error:backlint/unreadable',
      'locked/:1:1:error:backlint/unreadable',
      'src/keys.js:1:23:error:backlint/no-hardcoded-secrets',
      'src/private.js:1:1:error:backlint/unreadable',
    ]);
    expect(report.files.find((f) => f.file === 'locked/')).toEqual({
      file: 'locked/',
      kind: 'directory',
      findings: [expect.objectContaining({ message: 'Could not read the directory: EACCES (permission denied); nothing in it was linted.' })],
    });
    expect(report.skipped).toEqual([
      { file: 'api/openapi.yaml', reason: 'unreadable', message: 'EACCES (permission denied)' },
      { file: 'locked/', reason: 'unreadable', message: 'EACCES (permission denied)' },
      { file: 'src/private.js', reason: 'unreadable', message: 'EACCES (permission denied)' },
    ]);
  });

  it('an unreadable .yaml named explicitly is unreadable, not "not an OpenAPI document"', async () => {
    const res = await runUnprivileged(['api/openapi.yaml'], dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain('api/openapi.yaml\n  1:1  error  Could not read the file: EACCES (permission denied); nothing in it was linted.  backlint/unreadable\n');
  });

  it('an unreadable directory named explicitly is reported, and the other named paths still linted', async () => {
    const res = await runUnprivileged(['locked', 'src/keys.js', '--format', 'json'], dir);
    expect(res.code).toBe(1);
    expect(located(JSON.parse(res.stdout) as JsonReport)).toEqual([
      'locked/:1:1:error:backlint/unreadable',
      'src/keys.js:1:23:error:backlint/no-hardcoded-secrets',
    ]);
  });
});
