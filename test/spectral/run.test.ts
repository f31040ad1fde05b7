import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintOpenApiFiles, MAX_NESTING, nestingDepth } from '../../src/spectral/run.js';
import { readConfined } from '../../src/spectral/refs.js';

function tmp(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlint-run-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const GOOD = `openapi: 3.0.3
info:
  title: t
  version: '1'
paths:
  /users:
    get:
      responses:
        '299':
          description: odd
`;

const only = { 'backlint/no-invalid-status-code': 'error' as const };

describe('lintOpenApiFiles', () => {
  it('converts Spectral diagnostics to findings with 1-based positions, jsonPath and relative file', async () => {
    const cwd = tmp({ 'api/openapi.yaml': GOOD });
    const [result] = await lintOpenApiFiles([path.join(cwd, 'api/openapi.yaml')], { cwd, preset: 'recommended', rules: only });
    expect(result!.file).toBe('api/openapi.yaml');
    expect(result!.kind).toBe('openapi');
    const f = result!.findings.find((x) => x.ruleId === 'backlint/no-invalid-status-code');
    expect(f).toMatchObject({
      engine: 'spectral',
      severity: 'error',
      file: 'api/openapi.yaml',
      line: 9,
      column: 15,
      jsonPath: ['paths', '/users', 'get', 'responses', '299'],
    });
  });

  it('turns hostile documents into located parse errors and keeps the other files', async () => {
    const depth = MAX_NESTING + 20_000;
    const deepJson = '{"openapi":"3.0.3","x":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
    const bomb = [
      'openapi: 3.0.3',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      '',
    ].join('\n');
    const cwd = tmp({
      'deep.json': deepJson,
      'bomb.yaml': bomb,
      'broken.yaml': 'openapi: 3.0.3\npaths:\n  /a: [unclosed\n',
      'broken.json': '{"openapi": "3.0.3", "paths": {',
      'binary.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]),
      'good.yaml': GOOD,
    });
    const files = ['deep.json', 'bomb.yaml', 'broken.yaml', 'broken.json', 'binary.yaml', 'good.yaml'].map((f) => path.join(cwd, f));
    const results = await lintOpenApiFiles(files, { cwd, preset: 'recommended', rules: only });
    const by = Object.fromEntries(results.map((r) => [r.file, r.findings]));
    expect(by['deep.json']).toEqual([
      expect.objectContaining({ ruleId: 'backlint/parse-error', line: 1, column: 23 + MAX_NESTING }),
    ]);
    expect(by['deep.json']![0]!.message).toContain(`deeper than ${MAX_NESTING} levels`);
    expect(by['bomb.yaml']!.map((f) => f.ruleId)).toEqual(['backlint/parse-error']);
    expect(by['bomb.yaml']![0]!.message).toMatch(/alias/i);
    expect(by['broken.yaml']!.some((f) => f.ruleId === 'backlint/parse-error' && f.line >= 3)).toBe(true);
    expect(by['broken.json']!.some((f) => f.ruleId === 'backlint/parse-error')).toBe(true);
    expect(by['binary.yaml']).toEqual([expect.objectContaining({ ruleId: 'backlint/parse-error', line: 1, column: 1 })]);
    expect(by['good.yaml']!.filter((f) => f.ruleId === 'backlint/no-invalid-status-code').map((f) => f.line)).toEqual([9]);
  });

  it('does not fetch http(s) refs by default, resolves relative file refs, reports dangling and tolerates circular refs', async () => {
    const cwd = tmp({
      'main.yaml': `openapi: 3.0.3
info:
  title: t
  version: '1'
paths:
  /remote:
    get:
      responses:
        '200':
          $ref: 'https://example.invalid/responses.yaml#/Ok'
  /local:
    get:
      responses:
        '299':
          $ref: './shared/responses.yaml#/Odd'
  /dangling:
    get:
      responses:
        '200':
          $ref: '#/components/responses/Missing'
components:
  schemas:
    Node:
      type: object
      properties:
        next:
          $ref: '#/components/schemas/Node'
`,
      'shared/responses.yaml': 'Odd:\n  description: odd\n',
    });
    const results = await lintOpenApiFiles([path.join(cwd, 'main.yaml')], { cwd, preset: 'recommended', rules: only });
    const all = results.flatMap((r) => r.findings);
    const remote = all.find((f) => f.ruleId === 'backlint/remote-ref');
    expect(remote).toMatchObject({ file: 'main.yaml', line: 10 });
    expect(remote!.message).toContain('https://example.invalid/responses.yaml');
    expect(all.find((f) => f.ruleId === 'invalid-ref' && f.line === 20)).toBeDefined();
    // the bad status key resolves through the file ref: reported in the referenced file
    expect(all.find((f) => f.ruleId === 'backlint/no-invalid-status-code')).toMatchObject({ file: 'shared/responses.yaml', line: 1 });
  });

  it('reports findings in referenced files in those files, at their lines, with their paths there (fixtures/openapi/multi-file)', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const results = await lintOpenApiFiles([path.join(root, 'fixtures/openapi/multi-file/openapi.yaml')], { cwd: root, preset: 'recommended' });
    const found = results.flatMap((r) => r.findings.map((f) => ({ file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, jsonPath: f.jsonPath })));
    expect(found).toEqual([
      // a path item behind `$ref: ./paths/members.yaml`
      { file: 'fixtures/openapi/multi-file/paths/members.yaml', line: 36, column: 11, ruleId: 'backlint/no-invalid-status-code', jsonPath: ['get', 'responses', '299'] },
      // a schema two references deep (members.yaml → ../schemas/member.yaml)
      { file: 'fixtures/openapi/multi-file/schemas/member.yaml', line: 19, column: 14, ruleId: 'backlint/no-hardcoded-secrets', jsonPath: ['properties', 'password', 'default'] },
      // a schema that is the whole file: its first line after the comments, the file's root path
      { file: 'fixtures/openapi/multi-file/schemas/nickname.yaml', line: 3, column: 1, ruleId: 'backlint/require-size-limits', jsonPath: [] },
    ]);
    expect(results.map((r) => r.file)).toEqual([
      'fixtures/openapi/multi-file/openapi.yaml',
      'fixtures/openapi/multi-file/paths/members.yaml',
      'fixtures/openapi/multi-file/schemas/member.yaml',
      'fixtures/openapi/multi-file/schemas/nickname.yaml',
    ]);
  });

  it("reports a missing referenced file with Node's message, as before the system realpath was used", async () => {
    const cwd = tmp({ 'api.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: ./missing.yaml\n" });
    const results = await lintOpenApiFiles(['api.yaml'], { cwd, preset: 'recommended' });
    const missing = results.flatMap((r) => r.findings).find((f) => f.ruleId === 'invalid-ref');
    expect(missing).toMatchObject({ file: 'api.yaml', line: 5 });
    expect(missing!.message).toMatch(/^ENOENT: no such file or directory, lstat '.*missing\.yaml'$/);
  });

  it('reads a referenced file without waiting on I/O, so the resolver meets files in the order it asks for them', async () => {
    // Spectral's resolver reads referenced files concurrently; when reads completed in whatever
    // order the disk answered, which ref a shared file counted under changed from run to run
    // (DigitalOcean's description: messages varied between identical runs).
    const dir = tmp({ 'a.yaml': 'a: 1\n' });
    const events: string[] = [];
    setImmediate(() => events.push('I/O turn'));
    const text = await readConfined(dir, dir, path.join(dir, 'a.yaml'));
    events.push('read');
    expect(text).toBe('a: 1\n');
    expect(events).toEqual(['read']);
  });

  it('measures nesting without counting brackets inside JSON strings (escaped quotes included)', () => {
    const text = JSON.stringify({ a: { b: ['['.repeat(5000) + '\\"' + '{'.repeat(10)] } });
    expect(nestingDepth(text, true).depth).toBe(3);
    expect(nestingDepth('a:\n  - [[x]]\n', false).depth).toBe(2);
    // YAML counts every bracket (quotes are not tracked) and points at the one past the limit.
    const deep = `a: "]"\nb: ${'['.repeat(MAX_NESTING + 3)}${']'.repeat(MAX_NESTING + 3)}\n`;
    expect(nestingDepth(deep, false)).toEqual({ depth: MAX_NESTING + 3, offset: 'a: "]"\nb: '.length + MAX_NESTING });
    expect(nestingDepth(`a:\n${' '.repeat(600)}b: 1\n`, false)).toEqual({ depth: 600, offset: 3 });
  });
});
