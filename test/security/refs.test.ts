/**
 * `$ref` must never read outside the lint root (the working directory), nor anything that is not a
 * regular file. The valid-examples rule prints enum values, so a ref to a token file under an enum
 * plus a non-matching example used to print the token in every format.
 */
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/helpers.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Assembled at run time: the repository holds no string a secret scanner would flag.
const token = ['np', 'm_', Array.from({ length: 36 }, () => ALNUM[randomInt(ALNUM.length)]).join('')].join('');

interface Finding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
}
interface Report {
  files: { file: string; findings: Finding[] }[];
}

let base: string;
let root: string;
let docLines: string[];

/** A schema whose only allowed value comes from `ref`, with an example that does not match it. */
function schema(name: string, ref: string): string[] {
  return [`    ${name}:`, '      type: string', '      enum:', `        - $ref: '${ref}'`, '      example: not-the-token'];
}

function lineOf(text: string): number {
  const i = docLines.findIndex((l) => l === text || l.includes(text));
  if (i < 0) throw new Error(`fixture has no line with ${text}`);
  return i + 1;
}

beforeAll(() => {
  assertBuilt();
  base = mkdtempSync(path.join(os.tmpdir(), 'backlint-refs-'));
  root = path.join(base, 'repo');
  const api = path.join(root, 'api');
  mkdirSync(path.join(api, 'shared'), { recursive: true });
  mkdirSync(path.join(base, 'outside'));
  const secretFile = path.join(base, 'outside', '.npmrc');
  writeFileSync(secretFile, `//registry.npmjs.org/:_authToken=${token}\n`);
  writeFileSync(path.join(base, 'outside', 'creds.yaml'), `Creds:\n  type: string\n  enum: ['${token}']\n`);
  symlinkSync(secretFile, path.join(api, 'link-out.yaml'));
  writeFileSync(path.join(api, 'shared', 'values.yaml'), 'Inside:\n  - inside-value\n');
  symlinkSync(path.join(api, 'shared', 'values.yaml'), path.join(api, 'link-in.yaml'));
  writeFileSync(
    path.join(api, 'shared', 'schemas.yaml'),
    ['Name:', '  type: string', '  maxLength: 3', '  example: far-too-long', 'Leaky:', '  $ref: "../../../outside/creds.yaml#/Creds"', ''].join('\n'),
  );
  const toProc = path.relative(api, '/proc/self/environ');
  docLines = [
    'openapi: 3.0.3',
    'info:',
    '  title: refs',
    "  version: '1'",
    'paths: {}',
    'components:',
    '  schemas:',
    ...schema('Outside', '../../outside/.npmrc'),
    ...schema('Absolute', secretFile),
    ...schema('AbsoluteUrl', `file://${secretFile}`),
    ...schema('ProcAbsolute', '/proc/self/environ'),
    ...schema('ProcRelative', toProc),
    ...schema('DevZero', '/dev/zero'),
    ...schema('LinkOut', 'link-out.yaml'),
    ...schema('Directory', 'shared'),
    '    LinkIn:',
    '      type: string',
    '      enum:',
    "        $ref: 'link-in.yaml#/Inside'",
    '      example: not-inside',
    '    Name:',
    "      $ref: './shared/schemas.yaml#/Name'",
    '    Leaky:',
    "      $ref: './shared/schemas.yaml#/Leaky'",
    '',
  ];
  writeFileSync(path.join(api, 'openapi.yaml'), docLines.join('\n'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

let cached: Promise<Report> | undefined;
function report(): Promise<Report> {
  cached ??= runCli(['api', '--format', 'json'], { cwd: root }).then((res) => {
    expect(res.code).toBe(1);
    return JSON.parse(res.stdout) as Report;
  });
  return cached;
}

describe('$ref confinement', () => {
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) {
    it(`${format}: no token from outside the root in the output`, async () => {
      const res = await runCli(['api', '--format', format], { cwd: root, env: { FORCE_COLOR: '1' } });
      expect(res.code).toBe(1);
      const all = res.stdout + res.stderr;
      expect(all).toContain('backlint/unsafe-ref');
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.slice(-12));
      // No environment variable of the run leaked through /proc/self/environ either.
      expect(all).not.toContain(`PATH=${process.env.PATH ?? ''}`);
    });
  }

  it('reports every refused $ref at its line, and never names a file outside the root', async () => {
    const r = await report();
    const unsafe = r.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'backlint/unsafe-ref');
    const at = (file: string, line: number) => unsafe.filter((f) => f.file === file && f.line === line);
    const doc = 'api/openapi.yaml';
    for (const [name, reason] of [
      ['Outside', 'outside the lint root'],
      ['Absolute', 'absolute file reference'],
      ['AbsoluteUrl', 'absolute file reference'],
      ['ProcAbsolute', 'absolute file reference'],
      ['ProcRelative', 'outside the lint root'],
      ['DevZero', 'absolute file reference'],
      ['LinkOut', 'is a link to'],
      ['Directory', 'not a regular file'],
    ] as const) {
      // schema(): the $ref is 3 lines below the schema's name.
      const line = lineOf(`    ${name}:`) + 3;
      const found = at(doc, line);
      expect(found, `${name} at line ${line}`).toHaveLength(1);
      // At the ref's value.
      expect(found[0]!.column).toBe(docLines[line - 1]!.indexOf("'") + 1);
      expect(found[0]!.message).toContain(reason);
    }
    // The ref inside a referenced file is located in that file, at its own line.
    expect(at('api/shared/schemas.yaml', 6)).toHaveLength(1);
    expect(at('api/shared/schemas.yaml', 6)[0]!.message).toContain('outside the lint root');
    expect(unsafe).toHaveLength(9);
    for (const f of r.files) {
      expect(f.file.startsWith('..') || path.isAbsolute(f.file), f.file).toBe(false);
    }
  });

  it('still follows relative refs and symlinks that stay inside the root', async () => {
    const r = await report();
    const all = r.files.flatMap((f) => f.findings);
    const examples = all.filter((f) => f.ruleId === 'backlint/valid-examples');
    // Through the symlink inside the root: the enum was resolved, so the example is judged.
    expect(examples.find((f) => f.file === 'api/openapi.yaml' && f.line === lineOf('example: not-inside'))?.message).toContain('"inside-value"');
    // The multi-file ref: the shared schema's own example is reported in the shared file.
    expect(examples.find((f) => f.file === 'api/shared/schemas.yaml')).toMatchObject({ line: 4 });
    expect(all.some((f) => f.ruleId === 'invalid-ref')).toBe(false);
  });
});
