/**
 * Secrets never reach a report through a message or a fingerprint (issue "Safe on untrusted pull
 * requests", items 3 and 10). Planted in code, in an OpenAPI example, in server URLs and in a
 * `$ref` target; every format is run through the real CLI. The secrets are assembled at run time
 * into a temp dir, so this repository holds no string a secret scanner would flag.
 */
import { execFile } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli } from '../cli/helpers.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');

const awsKey = ['AK', 'IA', pick(UPPER, 16)].join('');
const pgPassword = `Pg${pick(ALNUM, 14)}`; // 16 chars
const catchToken = ['gh', 'p_', pick(ALNUM, 36)].join('');
const plainServerPassword = `s3${pick(ALNUM, 12)}`; // 14 chars
const tlsServerPassword = `s3${pick(ALNUM, 12)}`;
const exampleToken = ['gh', 'o_', pick(ALNUM, 36)].join('');
const refToken = ['gh', 'p_', pick(ALNUM, 36)].join('');
const SECRETS = { awsKey, pgPassword, catchToken, plainServerPassword, tlsServerPassword, exampleToken, refToken };

const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;

const APP = [
  "const { Pool } = require('pg');", // 1
  'const pool = new Pool();', // 2
  `const AWS_ACCESS_KEY_ID = '${awsKey}';`, // 3
  'async function connect() {', // 4
  '  try {', // 5
  '    return await pool.connect();', // 6
  '  } catch (err) {', // 7
  `    return 'postgres://admin:${pgPassword}@db.internal/app';`, // 8
  '  }', // 9
  '}', // 10
  `const ready = pool.query('SELECT 1').catch(() => '${catchToken}');`, // 11
  'module.exports = { connect, ready, AWS_ACCESS_KEY_ID };', // 12
  '',
].join('\n');

const OPENAPI = [
  'openapi: 3.0.3', // 1
  'info:', // 2
  '  title: Billing', // 3
  '  version: 1.0.0', // 4
  'servers:', // 5
  `  - url: http://deploy:${plainServerPassword}@api.example.com/v1`, // 6
  `  - url: https://user:${tlsServerPassword}@api.example.com/v1`, // 7
  'security:', // 8
  '  - bearer: []', // 9
  'paths:', // 10
  '  /invoices:', // 11
  '    get:', // 12
  '      operationId: listInvoices', // 13
  '      summary: Lists invoices', // 14
  '      tags: [invoices]', // 15
  '      responses:', // 16
  "        '200':", // 17
  '          description: ok', // 18
  '          content:', // 19
  '            application/json:', // 20
  '              schema:', // 21
  '                type: object', // 22
  '                properties:', // 23
  '                  total: { type: integer }', // 24
  '                additionalProperties: { type: integer }', // 25
  '              example:', // 26
  '                total: 1', // 27
  `                ${exampleToken}: two`, // 28
  "        '404':", // 29
  `          $ref: './${refToken}.yaml'`, // 30
  '        default:', // 31
  '          description: error', // 32
  'components:', // 33
  '  securitySchemes:', // 34
  '    bearer: { type: http, scheme: bearer }', // 35
  '',
].join('\n');

interface JsonFinding {
  ruleId: string;
  line: number;
  message: string;
  jsonPath?: (string | number)[];
}
interface JsonReport {
  files: { file: string; findings: JsonFinding[] }[];
}

let dir: string;
const outputs = new Map<string, string>();

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-masking-'));
  writeFileSync(path.join(dir, 'app.js'), APP);
  writeFileSync(path.join(dir, 'openapi.yaml'), OPENAPI);
  for (const format of FORMATS) {
    const res = await runCli(['.', '--format', format], { cwd: dir });
    expect(res.code, res.stderr).toBe(1);
    outputs.set(format, res.stdout + res.stderr);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets planted in code and documents never reach a report', () => {
  for (const format of FORMATS) {
    it(`${format}: none of the planted secrets, nor their tails, appears`, () => {
      const out = outputs.get(format)!;
      for (const [name, secret] of Object.entries(SECRETS)) {
        expect(out, name).not.toContain(secret);
        // Masks show a prefix of at most 4 characters: no tail may survive.
        expect(out, name).not.toContain(secret.slice(-8));
      }
    });

    it(`${format}: the findings that quote them are still reported`, () => {
      const out = outputs.get(format)!;
      for (const id of ['backlint/no-hardcoded-secrets', 'backlint/no-swallowed-errors', 'backlint/https-only', 'backlint/valid-examples']) {
        expect(out).toContain(id);
      }
    });
  }

  it('each finding is still there, at its line, with the secret masked in its message', () => {
    const report = JSON.parse(outputs.get('json')!) as JsonReport;
    const byFile = new Map(report.files.map((f) => [f.file, f.findings]));
    const pick = (file: string, ids: string[]) =>
      byFile
        .get(file)!
        .filter((f) => ids.includes(f.ruleId))
        .map((f) => `${f.line} ${f.ruleId}`);

    expect(pick('app.js', ['backlint/no-hardcoded-secrets', 'backlint/no-swallowed-errors'])).toEqual([
      '3 backlint/no-hardcoded-secrets',
      '7 backlint/no-swallowed-errors',
      '8 backlint/no-hardcoded-secrets',
      '11 backlint/no-swallowed-errors',
    ]);
    const app = byFile.get('app.js')!;
    // The excerpt is masked before it is cut to 40 characters: a cut would keep the token's head.
    expect(app.find((f) => f.line === 11)!.message).toContain("(it resolves to `'ghp_… (40 chars)'`)");
    expect(app.find((f) => f.line === 7)!.message).toContain(`(it returns \`'postgres://… (5 chars):${pgPassword.slice(0, 4)}… (16`);

    expect(pick('openapi.yaml', ['backlint/https-only', 'backlint/secure-auth-schemes', 'backlint/valid-examples'])).toEqual([
      '6 backlint/https-only',
      '6 backlint/secure-auth-schemes',
      '7 backlint/secure-auth-schemes',
      '28 backlint/valid-examples',
    ]);
    const doc = byFile.get('openapi.yaml')!;
    expect(doc.find((f) => f.ruleId === 'backlint/https-only')!.message).toBe(
      `Server URL "http://… (6 chars):${plainServerPassword.slice(0, 2)}… (14 chars)@api.example.com/v1" uses plain HTTP; serve the API over https:// (only localhost, 127.0.0.1 and [::1] may use http://).`,
    );
    const example = doc.find((f) => f.ruleId === 'backlint/valid-examples')!;
    expect(example.message).toBe(
      'The example of the application/json 200 response of GET /invoices does not match its schema: the value at /gho_… (40 chars) must be integer.',
    );
    // The JSON path names the example's key, and SARIF prints it as a logical location.
    expect(example.jsonPath?.at(-1)).toBe('gho_… (40 chars)');

    // The missing `$ref` target is reported by the resolver (not a backlint rule): masked all the same.
    const ref = doc.filter((f) => f.line === 30);
    expect(ref.map((f) => f.ruleId)).toEqual([expect.stringMatching(/ref/)]);
    expect(ref[0]!.message).toContain('ghp_… (40 chars).yaml');
  });
});

describe('SARIF fingerprints are computed from masked text', () => {
  const keysFile = (aws: string, signingKey: string) =>
    [
      "const jwt = require('jsonwebtoken');", // 1
      `const AWS_ACCESS_KEY_ID = '${aws}';`, // 2
      `const token = jwt.sign({ sub: 1 }, '${signingKey}');`, // 3
      'function load() {', // 4
      '  try {', // 5
      "    return require('./settings.json');", // 6
      '  } catch (err) {}', // 7
      '}', // 8
      'module.exports = { AWS_ACCESS_KEY_ID, token, load };', // 9
      '',
    ].join('\n');

  interface SarifResult {
    ruleId: string;
    message: { text: string };
    locations: { physicalLocation: { region: { startLine: number } } }[];
    partialFingerprints: Record<string, string>;
  }
  const sarifResults = async (cwd: string): Promise<SarifResult[]> => {
    const res = await runCli(['keys.js', '--format', 'sarif'], { cwd });
    expect(res.code, res.stderr).toBe(1);
    return (JSON.parse(res.stdout) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
  };
  const lineOf = (r: SarifResult) => r.locations[0]!.physicalLocation.region.startLine;
  /** How fingerprints were computed before masking: a hash of the raw source line. */
  const rawLineFingerprint = (r: SarifResult, source: string) => {
    const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
    const line = source.split('\n')[lineOf(r) - 1]!;
    return `${createHash('sha256').update([r.ruleId, 'keys.js', normalize(r.message.text), normalize(line)].join('\u0000')).digest('hex').slice(0, 32)}:1`;
  };

  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'backlint-fingerprints-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is the same for two files that differ only in their secrets, and is no hash of the raw line', async () => {
    // Same prefix and length: the masks are equal, so must the fingerprints be.
    const sources = [0, 1].map(() => keysFile(['AK', 'IA', pick(UPPER, 16)].join(''), `k3y-${pick(ALNUM, 28)}`));
    const results: SarifResult[][] = [];
    for (const [i, source] of sources.entries()) {
      const cwd = path.join(root, `copy${i}`);
      mkdirSync(cwd);
      writeFileSync(path.join(cwd, 'keys.js'), source);
      results.push(await sarifResults(cwd));
    }
    const secretFindings = results.map((rs) => rs.filter((r) => r.ruleId === 'backlint/no-hardcoded-secrets'));
    expect(secretFindings[0]!.map(lineOf)).toEqual([2, 3]);
    expect(secretFindings[1]!.map(lineOf)).toEqual([2, 3]);
    const fingerprints = secretFindings.map((rs) => rs.map((r) => r.partialFingerprints['backlintFindingHash/v1']));
    expect(fingerprints[0]).toEqual(fingerprints[1]);
    for (const r of secretFindings[0]!) expect(r.partialFingerprints['backlintFindingHash/v1']).not.toBe(rawLineFingerprint(r, sources[0]!));

    // A line without a secret keeps the fingerprint it always had.
    const swallowed = results[0]!.find((r) => r.ruleId === 'backlint/no-swallowed-errors')!;
    expect(lineOf(swallowed)).toBe(7);
    expect(swallowed.partialFingerprints['backlintFindingHash/v1']).toBe(rawLineFingerprint(swallowed, sources[0]!));
  });
});

describe('the rule faces mask on their own (eslint and spectral CLIs, without backlint)', () => {
  // Lower case, so a derived form (the kebab-case rename `ghp-…`) would show the tail verbatim.
  const pathToken = ['gh', 'p_', pick('abcdefghijklmnopqrstuvwxyz0123456789', 36)].join('');
  const serverPassword = `s3${pick(ALNUM, 12)}`;
  let project: string;

  const run = (bin: string, args: string[]): Promise<{ stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(path.join(ROOT, 'node_modules/.bin', bin), args, { cwd: project, maxBuffer: 64 << 20 }, (_error, stdout, stderr) =>
        resolve({ stdout, stderr }),
      );
    });

  beforeAll(() => {
    assertBuilt();
    project = mkdtempSync(path.join(os.tmpdir(), 'backlint-faces-'));
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(ROOT, path.join(project, 'node_modules', 'backlint'), 'dir');
    writeFileSync(path.join(project, 'eslint.config.mjs'), "import backlint from 'backlint/eslint';\n\nexport default [...backlint.configs.strict];\n");
    writeFileSync(path.join(project, '.spectral.yaml'), 'extends: [["backlint/spectral", "all"]]\n');
    writeFileSync(
      path.join(project, 'routes.js'),
      ["const express = require('express');", "const app = express(); app.use(require('helmet')());", `app.get('/hooks/${pathToken}', (req, res) => res.json({}));`, ''].join('\n'),
    );
    writeFileSync(
      path.join(project, 'openapi.yaml'),
      [
        'openapi: 3.0.3',
        'info: { title: Hooks, version: 1.0.0 }',
        'servers:',
        `  - url: http://deploy:${serverPassword}@api.example.com/v1`,
        'paths:',
        `  /hooks/${pathToken}:`,
        '    get:',
        "      responses: { '200': { description: ok } }",
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('eslint: messages quoting a route hold the token masked', async () => {
    const { stdout, stderr } = await run('eslint', ['--format', 'json', 'routes.js']);
    expect(stderr).toBe('');
    const messages = (JSON.parse(stdout) as { messages: { ruleId: string; line: number; message: string }[] }[])[0]!.messages;
    // The route label is code text the rule quotes as is: only the face's report() masks it.
    expect(messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['2 backlint/require-api-version']);
    expect(messages[0]!.message).toContain('Route GET /hooks/ghp_… (40 chars) has no version segment');
    // ESLint's json formatter also prints the file's `source`: only the messages are backlint's.
    expect(JSON.stringify(messages)).not.toContain(pathToken.slice(-8));
  });

  it('spectral: rule messages quoting the document hold its secrets masked', async () => {
    const { stdout } = await run('spectral', ['lint', 'openapi.yaml', '--format', 'json', '--quiet']);
    const results = JSON.parse(stdout) as { code: string; message: string; range: { start: { line: number } } }[];
    const https = results.find((r) => r.code === 'backlint/https-only')!;
    expect(https.range.start.line + 1).toBe(4);
    expect(https.message).toBe(
      `Server URL "http://… (6 chars):${serverPassword.slice(0, 2)}… (14 chars)@api.example.com/v1" uses plain HTTP; serve the API over https:// (only localhost, 127.0.0.1 and [::1] may use http://).`,
    );
    expect(results.some((r) => r.message.includes('GET /hooks/ghp_… (40 chars)'))).toBe(true);
    // A segment holding a token is a value, not a name: no rename of it is suggested.
    expect(results.map((r) => r.code)).not.toContain('backlint/kebab-case-paths');
    expect(stdout).not.toContain(serverPassword);
    // Spectral's own JSON output carries each result's path (the `paths` key): that is Spectral's,
    // not a message, so only messages are checked for the path token.
    expect(results.map((r) => r.message).join('\n')).not.toContain(pathToken.slice(-8));
  });
});
