/**
 * End to end for the section B contract/security rules: the REAL `spectral` CLI with a
 * `.spectral.yaml` that extends `backlint/spectral`, as users set it up. Needs the build
 * (`npx tsc -p tsconfig.build.json`; `npm test` builds first). The package is made resolvable
 * from a temporary directory through `node_modules/backlint` → the checkout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SPECTRAL = path.join(ROOT, 'node_modules/.bin/spectral');
const MINE = [
  'consistent-error-schema',
  'https-only',
  'require-cache-headers',
  'require-error-responses',
  'require-operation-security',
  'require-rate-limit-responses',
  'require-response-envelope',
  'secure-auth-schemes',
].map((id) => `backlint/${id}`);

// One violation (or one family of violations) per rule, each on its own line.
const DOC = `openapi: 3.0.3
info:
  title: Shop
  version: '1'
servers:
  - url: http://api.shop.example.com/v1
components:
  securitySchemes:
    key:
      type: apiKey
      in: query
      name: api_key
  schemas:
    Error:
      type: object
      properties:
        error:
          type: object
          properties:
            code: { type: string }
            message: { type: string }
    Problem:
      type: object
      properties:
        type: { type: string }
        title: { type: string }
        status: { type: integer }
        detail: { type: string }
paths:
  /orders/{id}:
    get:
      responses:
        '200':
          description: An order
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: { type: string }
        '400':
          description: Bad
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
        '404':
          description: Missing
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
        '429':
          description: Slow down
        '500':
          description: Oops
          content:
            application/problem+json:
              schema: { $ref: '#/components/schemas/Problem' }
    delete:
      responses:
        '204':
          description: Gone
`;

interface CliResult {
  code: string;
  path: string[];
}

let dir: string;

function lint(ruleset: string): CliResult[] {
  writeFileSync(path.join(dir, '.spectral.yaml'), ruleset);
  const res = spawnSync(SPECTRAL, ['lint', 'openapi.yaml', '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = res.stdout.trim();
  if (!out.startsWith('[')) throw new Error(`spectral printed no JSON (exit ${res.status}): ${res.stderr || out}`);
  return (JSON.parse(out) as CliResult[])
    .filter((r) => MINE.includes(r.code))
    .map((r) => ({ code: r.code, path: r.path }));
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/src/spectral/ruleset.js'))) {
    throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` before this test');
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-contract-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'backlint'), 'dir');
  writeFileSync(path.join(dir, 'openapi.yaml'), DOC);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('section B rules through the spectral CLI', () => {
  it('extends: [["backlint/spectral", "all"]] runs every rule, strict-only ones included', () => {
    const results = lint('extends: [["backlint/spectral", "all"]]\n');
    const keys = results.map((r) => `${r.code} ${r.path.join('/')}`).sort();
    expect(keys).toEqual([
      'backlint/consistent-error-schema components/schemas/Problem',
      'backlint/https-only servers/0/url',
      'backlint/require-cache-headers paths//orders/{id}/get/responses/200',
      'backlint/require-error-responses paths//orders/{id}/delete/responses',
      'backlint/require-operation-security paths//orders/{id}/delete',
      'backlint/require-operation-security paths//orders/{id}/get',
      'backlint/require-rate-limit-responses paths//orders/{id}/delete/responses',
      'backlint/require-rate-limit-responses paths//orders/{id}/get/responses/429',
      'backlint/require-response-envelope paths//orders/{id}/get/responses/200/content/application/json/schema',
      'backlint/secure-auth-schemes components/securitySchemes/key/in',
    ]);
  }, 120_000);

  it('extends: ["backlint/spectral"] (recommended) leaves the strict-only rules out', () => {
    const codes = new Set(lint('extends: ["backlint/spectral"]\n').map((r) => r.code));
    expect([...codes].sort()).toEqual([
      'backlint/consistent-error-schema',
      'backlint/https-only',
      'backlint/require-error-responses',
      'backlint/require-operation-security',
      'backlint/require-rate-limit-responses',
      'backlint/secure-auth-schemes',
    ]);
  }, 120_000);
});
