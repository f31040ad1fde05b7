/**
 * The OpenAPI contract rules and the Spectral faces of the path rules through the REAL
 * `spectral lint` CLI, with a `.spectral.yaml` that `extends: ["backlint/spectral"]` (and the
 * strict set with `"all"`). Needs the build (`npm test` builds dist first).
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
  range: { start: { line: number } };
}

const MINE = [
  'backlint/valid-examples',
  'backlint/require-examples',
  'backlint/require-size-limits',
  'backlint/require-operation-docs',
  'backlint/consistent-property-casing',
  'backlint/plural-resource-names',
  'backlint/kebab-case-paths',
  'backlint/no-verbs-in-paths',
  'backlint/require-request-id',
  'backlint/require-idempotency-key',
];

const DOC = `openapi: 3.0.3
info:
  title: Shop
  version: '1.0'
paths:
  /order/{id}:
    get:
      operationId: getOrder
      summary: One order
      tags: [orders]
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string, format: uuid }
      responses:
        '200':
          description: the order
          headers:
            X-Request-ID: { schema: { type: string } }
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Order' }
              example: { order_id: 7, total_cents: 100 }
  /getInvoices:
    get:
      operationId: listInvoices
      tags: [invoices]
      responses:
        '200':
          description: the invoices
          headers:
            X-Request-ID: { schema: { type: string } }
          content:
            application/json:
              schema:
                type: array
                items: { $ref: '#/components/schemas/Order' }
  /orders:
    post:
      summary: Create an order
      tags: [orders]
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewOrder' }
            example: { note: hi }
      responses:
        '201':
          description: created
          headers:
            X-Request-ID: { schema: { type: string } }
components:
  schemas:
    Order:
      type: object
      properties:
        order_id: { type: string }
        total_cents: { type: integer }
        createdAt: { type: string, format: date-time }
    NewOrder:
      type: object
      properties:
        note: { type: string }
`;

function project(ruleset: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlint-spectral-contract-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(repo, path.join(dir, 'node_modules', 'backlint'), 'dir');
  writeFileSync(path.join(dir, '.spectral.yaml'), ruleset);
  writeFileSync(path.join(dir, 'openapi.yaml'), DOC);
  return dir;
}

function lint(dir: string): Promise<CliResult[]> {
  return new Promise((resolve) => {
    execFile(spectralBin, ['lint', 'openapi.yaml', '--format', 'json', '--quiet'], { cwd: dir, maxBuffer: 64 << 20 }, (_error, stdout) => {
      try {
        resolve(JSON.parse(stdout) as CliResult[]);
      } catch {
        resolve([]);
      }
    });
  });
}

function mine(results: CliResult[]): (string | number)[][] {
  return results
    .filter((r) => MINE.includes(r.code))
    .map((r) => [r.code, r.path.join(' '), r.range.start.line + 1])
    .sort((a, b) => Number(a[2]) - Number(b[2]) || String(a[0]).localeCompare(String(b[0])));
}

const built = existsSync(path.join(repo, 'dist/src/spectral/ruleset.js'));

describe.skipIf(!built)('spectral CLI: contract and path rules', () => {
  it('recommended set: exact codes, paths and lines', async () => {
    expect(mine(await lint(project('extends: ["backlint/spectral"]\n')))).toEqual([
      ['backlint/plural-resource-names', 'paths /order/{id}', 6],
      ['backlint/valid-examples', 'paths /order/{id} get responses 200 content application/json example order_id', 24],
      ['backlint/kebab-case-paths', 'paths /getInvoices', 25],
      ['backlint/no-verbs-in-paths', 'paths /getInvoices', 25],
      ['backlint/require-examples', 'paths /getInvoices get responses 200 content application/json', 35],
      ['backlint/require-operation-docs', 'paths /getInvoices get', 26],
      ['backlint/require-operation-docs', 'paths /orders post', 40],
      ['backlint/require-size-limits', 'components schemas NewOrder properties note', 64],
      ['backlint/consistent-property-casing', 'components schemas Order properties createdAt', 60],
    ].sort((a, b) => Number(a[2]) - Number(b[2]) || String(a[0]).localeCompare(String(b[0]))));
  });

  it('strict set adds require-request-id and require-idempotency-key', async () => {
    const strict = mine(await lint(project('extends: [["backlint/spectral", "all"]]\n'))).filter(
      (r) => r[0] === 'backlint/require-request-id' || r[0] === 'backlint/require-idempotency-key',
    );
    expect(strict).toEqual([['backlint/require-idempotency-key', 'paths /orders post', 40]]);
  });
});
