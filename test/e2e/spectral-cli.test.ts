/**
 * The ruleset as a Spectral user meets it: the REAL `spectral lint` CLI, a `.spectral.yaml` with
 * `extends: ["backlint/spectral"]`, and `backlint` resolved from a `node_modules` next to the
 * ruleset file (a symlink to this repository). Needs the build (`npm test` builds dist first).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const spectralBin = path.join(repo, 'node_modules/.bin/spectral');

interface CliResult {
  code: string;
  path: string[];
  severity: number;
  range: { start: { line: number } };
}

function project(ruleset: string, doc: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlint-spectral-cli-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(repo, path.join(dir, 'node_modules', 'backlint'), 'dir');
  writeFileSync(path.join(dir, '.spectral.yaml'), ruleset);
  writeFileSync(path.join(dir, 'openapi.yaml'), doc);
  return dir;
}

function lint(dir: string): Promise<{ exitCode: number; results: CliResult[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(spectralBin, ['lint', 'openapi.yaml', '--format', 'json', '--quiet'], { cwd: dir, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      let results: CliResult[] = [];
      try {
        results = JSON.parse(stdout) as CliResult[];
      } catch {
        results = [];
      }
      resolve({ exitCode, results, stderr });
    });
  });
}

const MINE = new Set([
  'backlint/no-invalid-status-code',
  'backlint/no-get-side-effects',
  'backlint/require-pagination',
  'backlint/http-status-semantics',
  'backlint/require-api-version',
  'path-params',
  'oas3-schema',
]);

const DOC = `openapi: 3.0.3
info:
  title: Shop
  version: '1.0'
servers:
  - url: https://api.example.com
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: the orders
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
    post:
      operationId: placeOrder
      requestBody:
        content:
          application/json:
            schema:
              type: object
      responses:
        '200':
          description: placed
  /orders/{id}:
    get:
      operationId: createOrderSnapshot
      responses:
        '200':
          description: one
        '299':
          description: odd
    delete:
      operationId: cancelOrder
      x-backlint-ignore: [http-status-semantics]
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '404':
          description: missing
`;

const built = existsSync(path.join(repo, 'dist/src/spectral/ruleset.js'));

describe.skipIf(!built)('spectral CLI with extends: ["backlint/spectral"]', () => {
  it('reports backlint codes at exact paths and lines, honours x-backlint-ignore, fails the run on errors', async () => {
    const dir = project('extends: ["backlint/spectral"]\n', DOC);
    const { exitCode, results, stderr } = await lint(dir);
    expect(stderr).toBe('');
    const mine = results
      .filter((r) => MINE.has(r.code))
      .map((r) => [r.code, r.path.join(' '), r.range.start.line + 1])
      .sort((a, b) => Number(a[2]) - Number(b[2]) || String(a[0]).localeCompare(String(b[0])));
    expect(mine).toEqual([
      ['backlint/require-pagination', 'paths /orders get', 9],
      ['backlint/http-status-semantics', 'paths /orders post responses 200', 28],
      ['path-params', 'paths /orders/{id} get', 31],
      ['backlint/no-get-side-effects', 'paths /orders/{id} get operationId', 32],
      ['backlint/no-invalid-status-code', 'paths /orders/{id} get responses 299', 36],
    ]);
    // strict-only: absent from the recommended set Spectral enables by default
    expect(results.some((r) => r.code === 'backlint/require-api-version')).toBe(false);
    expect(exitCode).toBe(1);
  });

  it('runs strict-only rules with extends: [["backlint/spectral", "all"]]', async () => {
    const dir = project('extends: [["backlint/spectral", "all"]]\n', DOC);
    const { results } = await lint(dir);
    expect(results.filter((r) => r.code === 'backlint/require-api-version').map((r) => [r.path, r.range.start.line])).toEqual([[[], 0]]);
  });
});
