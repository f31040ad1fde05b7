/**
 * The programmatic API (`lint()` from the built package): merging both engines, config rules and
 * overrides on both engines, parse errors that never stop other files, stable fingerprints.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from './helpers.js';

type Api = typeof import('../../src/index.js');
let api: Api;

beforeAll(async () => {
  assertBuilt();
  api = (await import(path.join(ROOT, 'dist/src/index.js'))) as Api;
});

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-api-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const TLS = "const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: false });\nmodule.exports = agent;\n";
const DOC = [
  'openapi: 3.0.3',
  'info: { title: T, version: "1" }',
  'servers:',
  '  - url: http://api.example.com/v1',
  'paths: {}',
  '',
].join('\n');

type Report = Awaited<ReturnType<Api['lint']>>;
const keys = (r: Report) => r.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line}:${x.ruleId}:${x.severity}`));

describe('lint()', () => {
  it('merges both engines into one report', async () => {
    const cwd = project({ 'src/agent.js': TLS, 'api/openapi.yaml': DOC });
    const report = await api.lint({ cwd, config: false });
    expect(keys(report)).toEqual(['api/openapi.yaml:4:backlint/https-only:error', 'src/agent.js:2:backlint/no-disabled-tls-verification:error']);
    expect(report.summary).toEqual({ files: 2, codeFiles: 1, openapiFiles: 1, errors: 2, warnings: 0, skipped: 0, suppressed: 0 });
    expect(report.rules.map((r) => r.qualifiedId)).toEqual(['backlint/https-only', 'backlint/no-disabled-tls-verification']);
  });

  it('config rules and overrides apply to both engines', async () => {
    const cwd = project({
      'src/agent.js': TLS,
      'legacy/agent.js': TLS,
      'api/openapi.yaml': DOC,
      'docs/openapi.yaml': DOC,
      'backlint.config.json': JSON.stringify({
        rules: { 'backlint/https-only': 'warn' },
        overrides: [
          { files: ['legacy/**', 'docs/**'], rules: { 'backlint/no-disabled-tls-verification': 'off', 'backlint/https-only': 'off' } },
        ],
      }),
    });
    const report = await api.lint({ cwd });
    expect(keys(report)).toEqual(['api/openapi.yaml:4:backlint/https-only:warning', 'src/agent.js:2:backlint/no-disabled-tls-verification:error']);
  });

  it('config ignore globs and ignorePatterns skip files', async () => {
    const cwd = project({ 'src/agent.js': TLS, 'gen/agent.js': TLS, 'tmp/agent.js': TLS, 'backlint.config.yaml': 'ignore:\n  - gen/\n' });
    const report = await api.lint({ cwd, ignorePatterns: ['tmp/**'] });
    expect(report.files.map((f) => f.file)).toEqual(['src/agent.js']);
  });

  it('a file that fails to parse becomes a located diagnostic; other files keep their findings', async () => {
    const cwd = project({
      'src/agent.js': TLS,
      'src/broken.ts': 'export const a = ;\n',
      'api/openapi.yaml': DOC,
      'api/broken.yaml': 'openapi: 3.0.3\npaths: {\n  /a: [\n',
    });
    const report = await api.lint({ cwd, config: false });
    const k = keys(report);
    expect(k).toContain('src/agent.js:2:backlint/no-disabled-tls-verification:error');
    expect(k).toContain('src/broken.ts:1:backlint/parse-error:error');
    expect(k).toContain('api/openapi.yaml:4:backlint/https-only:error');
    expect(k.some((x) => x.startsWith('api/broken.yaml:') && x.endsWith(':backlint/parse-error:error'))).toBe(true);
    const parse = report.files.find((f) => f.file === 'src/broken.ts')!.findings[0]!;
    expect(parse.message).toMatch(/^Could not parse the file: /);
    expect(parse.column).toBe(18);
  });

  it('disable comments for other plugins neither fail nor report', async () => {
    const cwd = project({
      'src/a.ts': '// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const a: any = 1;\n/* eslint-disable no-console */\nconsole.log(a);\n',
    });
    const report = await api.lint({ cwd, config: false });
    expect(keys(report)).toEqual([]);
  });

  it('a disable comment naming an unknown backlint rule is reported as backlint/directive', async () => {
    const cwd = project({ 'src/a.js': '// eslint-disable-next-line backlint/no-such-rule\nexport const a = 1;\n' });
    expect(keys(await api.lint({ cwd, config: false }))).toEqual(['src/a.js:1:backlint/directive:error']);
  });

  it('inline disable comments for backlint rules are honoured', async () => {
    const cwd = project({
      'src/agent.js': TLS.replace('const agent', '// eslint-disable-next-line backlint/no-disabled-tls-verification -- test double\nconst agent'),
    });
    expect(keys(await api.lint({ cwd, config: false }))).toEqual([]);
  });

  it('fingerprints survive lines inserted above and stay distinct per finding', async () => {
    const cwd = project({ 'src/agent.js': TLS + TLS.replace(/agent/g, 'agent2').replace("const https = require('https');\n", '') });
    const before = await api.lint({ cwd, config: false });
    writeFileSync(path.join(cwd, 'src/agent.js'), `// a comment\n\n'use strict';\n${TLS}${TLS.replace(/agent/g, 'agent2').replace("const https = require('https');\n", '')}`);
    const after = await api.lint({ cwd, config: false });
    const fb = before.files[0]!.findings;
    const fa = after.files[0]!.findings;
    expect(fb).toHaveLength(2);
    expect(fa.map((f) => f.line)).toEqual(fb.map((f) => f.line + 3));
    expect(fa.map((f) => f.fingerprint)).toEqual(fb.map((f) => f.fingerprint));
    expect(new Set(fa.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('a fragment shared by two root documents is reported once per finding', async () => {
    const root = (title: string) =>
      `openapi: 3.0.3\ninfo: { title: ${title}, version: "1" }\nservers: [{ url: "https://a.example.com/v1" }]\npaths:\n  /things:\n    $ref: './shared.yaml#/things'\n`;
    const cwd = project({
      'a.yaml': root('A'),
      'b.yaml': root('B'),
      'shared.yaml': "things:\n  get:\n    summary: List things\n    responses:\n      '200':\n        description: ok\n",
    });
    const report = await api.lint({ cwd, config: false });
    const shared = report.files.filter((f) => f.file === 'shared.yaml');
    expect(shared).toHaveLength(1);
    const k = shared[0]!.findings.map((f) => `${f.ruleId}:${f.line}:${f.column}:${f.message}`);
    expect(k.length).toBeGreaterThan(0);
    expect(new Set(k).size).toBe(k.length);
  });

  it('quiet drops warnings; preset and invalid configs are checked', async () => {
    const cwd = project({ 'api/openapi.yaml': DOC });
    const warn = await api.lint({ cwd, config: { rules: { 'backlint/https-only': 'warn' } } });
    expect(warn.summary.warnings).toBe(1);
    const quiet = await api.lint({ cwd, config: { rules: { 'backlint/https-only': 'warn' } }, quiet: true });
    expect(quiet.summary).toMatchObject({ errors: 0, warnings: 0 });
    await expect(api.lint({ cwd, config: { rules: { 'backlint/nope': 'off' } } })).rejects.toThrow(/"rules.backlint\/nope" is not a backlint rule/);
  });
});
