/**
 * The CLI surface of issue 13 item 5, through the built CLI: nothing to lint is exit 2 (unless
 * --no-error-on-unmatched-pattern), `--rule` over the config, `--print-config`, `backlint rules ID`,
 * a JSON config's syntax error with line and column, and the help's examples, exit codes and
 * config file names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { assertBuilt, ROOT, runCli } from './helpers.js';
import { tempTrees } from '../helpers/temp-tree.js';

const tree = tempTrees('backlint-inspect-');

beforeAll(() => assertBuilt());

const ROUTE = "const express = require('express');\nconst app = express();\napp.get('/getUsers', (req, res) => res.json([]));\napp.listen(3000);\n";

describe('nothing to lint', () => {
  it('is exit 2 with the reason, and exit 0 with --no-error-on-unmatched-pattern', async () => {
    const dir = tree({ 'README.md': '# nothing here\n', 'data/x.txt': 'x' });
    const r = await runCli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('backlint: No files matched .: no code files or OpenAPI documents to lint (--no-error-on-unmatched-pattern allows it)\n');
    const ok = await runCli(['.', '--no-error-on-unmatched-pattern', '--format', 'json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as Report).summary.files).toBe(0);
  });

  it('is not raised when files were found but skipped (they are reported)', async () => {
    const dir = tree({ 'big.js': 'const a = 1;\n'.repeat(200) });
    const r = await runCli(['.', '--max-file-size', '1k', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).files.map((f) => f.findings.map((x) => x.ruleId))).toEqual([['backlint/file-too-large']]);
  });
});

describe('--rule', () => {
  it('sets a rule over the config and its overrides, with options as JSON', async () => {
    const dir = tree({
      'app.js': ROUTE,
      'backlint.config.json': JSON.stringify({ rules: { 'backlint/no-verbs-in-paths': 'error' }, overrides: [{ files: ['*.js'], rules: { 'backlint/no-verbs-in-paths': 'error' } }] }),
    });
    const ids = async (args: string[]) => {
      const r = await runCli(['.', '--format', 'json', ...args], { cwd: dir });
      return (JSON.parse(r.stdout) as Report).files.flatMap((f) => f.findings.map((x) => `${x.ruleId}:${x.severity}`));
    };
    expect(await ids([])).toContain('backlint/no-verbs-in-paths:error');
    expect(await ids(['--rule', 'backlint/no-verbs-in-paths: off'])).not.toContain('backlint/no-verbs-in-paths:error');
    expect(await ids(['--rule', 'backlint/no-verbs-in-paths:1'])).toContain('backlint/no-verbs-in-paths:warning');
    expect(await ids(['--rule', 'backlint/no-verbs-in-paths: ["error", {"allow": ["getUsers"]}]'])).not.toContain('backlint/no-verbs-in-paths:error');
  });

  it('rejects a malformed value or an unknown rule with exit 2', async () => {
    const dir = tree({ 'app.js': ROUTE });
    const bad = await runCli(['.', '--rule', 'no-colon'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--rule <rule:setting>' argument 'no-colon' is invalid");
    const unknown = await runCli(['.', '--rule', 'backlint/nope: off'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('backlint: Invalid backlint config (--rule): "rules.backlint/nope" is not a backlint rule; run `backlint rules` for the list\n');
  });
});

describe('--print-config', () => {
  it('prints the settings that apply to one file after preset, config, overrides and --rule', async () => {
    const dir = tree({
      'backlint.config.json': JSON.stringify({ rules: { 'backlint/require-pagination': 'off' }, overrides: [{ files: ['legacy/**'], rules: { 'backlint/no-verbs-in-paths': 'off' } }] }),
    });
    const print = async (file: string, extra: string[] = []) => {
      const r = await runCli(['--print-config', file, ...extra], { cwd: dir });
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { file: string; kind: string; preset: string; config: string | null; rules: Record<string, unknown> };
    };
    const legacy = await print('legacy/app.js');
    expect(legacy).toMatchObject({ file: 'legacy/app.js', kind: 'code', preset: 'recommended', config: 'backlint.config.json' });
    expect(legacy.rules['backlint/require-pagination']).toBe('off');
    expect(legacy.rules['backlint/no-verbs-in-paths']).toBe('off');
    expect((await print('src/app.ts')).rules['backlint/no-verbs-in-paths']).toBe('warn');
    const doc = await print('openapi.yaml', ['--preset', 'strict', '--rule', 'backlint/require-examples: off']);
    expect(doc.kind).toBe('openapi');
    expect(doc.rules['backlint/require-examples']).toBe('off');
    expect(doc.rules['backlint/require-request-id']).toBe('warn');
    const other = await runCli(['--print-config', 'notes.md'], { cwd: dir });
    expect(other.code).toBe(2);
  });
});

describe('backlint rules ID', () => {
  it("prints the rule's doc, by id or qualified id, and exit 2 for an unknown one", async () => {
    const doc = readFileSync(path.join(ROOT, 'rules/require-pagination.md'), 'utf8');
    const r = await runCli(['rules', 'backlint/require-pagination']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(doc.split('\n')[0]);
    expect(r.stdout.length).toBeGreaterThan(doc.length * 0.9);
    expect((await runCli(['rules', 'require-pagination'])).stdout).toBe(r.stdout);
    const unknown = await runCli(['rules', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('backlint: Unknown rule "nope" (backlint rules lists them)\n');
  });
});

describe('rule options', () => {
  it("are checked against the rule's schema before anything is linted, for both faces", async () => {
    const run = async (config: object) => {
      const dir = tree({ 'app.js': ROUTE, 'openapi.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", 'backlint.config.json': JSON.stringify(config) });
      return runCli(['.'], { cwd: dir });
    };
    const cases: [object, string][] = [
      [{ rules: { 'backlint/no-verbs-in-paths': ['warn', { alow: ['login'] }] } }, '"rules.backlint/no-verbs-in-paths[1]" has an unknown option "alow" (allowed: allow)'],
      [{ rules: { 'backlint/no-verbs-in-paths': ['warn', { allow: 'login' }] } }, '"rules.backlint/no-verbs-in-paths[1].allow" must be an array'],
      [{ rules: { 'backlint/consistent-error-schema': ['warn', { format: 'xml' }] } }, '"rules.backlint/consistent-error-schema[1].format" must be one of "envelope", "problem+json", "either"'],
      [{ overrides: [{ files: ['*.yaml'], rules: { 'backlint/require-request-id': ['warn', { header: ['X-Trace'] }] } }] }, '"overrides[0].rules.backlint/require-request-id[1]" has an unknown option "header" (allowed: headers)'],
      [{ rules: { 'backlint/https-only': ['warn', { strict: true }] } }, '"rules.backlint/https-only[1]": backlint/https-only takes no options'],
    ];
    for (const [config, problem] of cases) {
      const r = await run(config);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`backlint: Invalid backlint config (backlint.config.json): ${problem}\n`);
    }
    // Valid options run: warnings only here, so exit 0.
    const ok = await run({ rules: { 'backlint/require-request-id': ['warn', { headers: ['X-Trace'] }], 'backlint/require-error-responses': ['warn', { validationStatus: 422 }] } });
    expect([ok.code, ok.stderr]).toEqual([0, '']);
  });
});

const withStdin = (args: string[], input: string, cwd: string) => runCli(args, { cwd, input });

describe('--stdin', () => {
  it('lints the text as --stdin-filename says: code or OpenAPI, with that path and its overrides', async () => {
    const dir = tree({ 'backlint.config.json': JSON.stringify({ overrides: [{ files: ['legacy/**'], rules: { 'backlint/no-verbs-in-paths': 'off' } }] }) });
    const ids = (out: string) => (JSON.parse(out) as Report).files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line} ${x.ruleId}`));
    const code = await withStdin(['--stdin', '--stdin-filename', 'src/users.js', '--format', 'json'], ROUTE, dir);
    expect(code.code).toBe(0);
    expect(ids(code.stdout)).toEqual(['src/users.js:2 backlint/require-security-headers', 'src/users.js:3 backlint/kebab-case-paths', 'src/users.js:3 backlint/no-verbs-in-paths']);
    const legacy = await withStdin(['--stdin', '--stdin-filename', 'legacy/users.js', '--format', 'json'], ROUTE, dir);
    expect(ids(legacy.stdout)).toEqual(['legacy/users.js:2 backlint/require-security-headers', 'legacy/users.js:3 backlint/kebab-case-paths']);
    const doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /getUsers:\n    get:\n      responses:\n        '200': {description: ok}\n";
    const openapi = await withStdin(['--stdin', '--stdin-filename', 'api/openapi.yaml', '--format', 'json'], doc, dir);
    expect(ids(openapi.stdout)).toContain('api/openapi.yaml:4 backlint/no-verbs-in-paths');
    const broken = await withStdin(['--stdin', '--format', 'json'], 'const = ;', dir);
    expect(broken.code).toBe(1);
    expect(ids(broken.stdout)).toEqual(['stdin.js:1 backlint/parse-error']);
    const other = await withStdin(['--stdin', '--stdin-filename', 'notes.md'], 'x', dir);
    expect([other.code, other.stderr]).toEqual([2, 'backlint: --stdin-filename notes.md: not a code file or an OpenAPI document (by its extension)\n']);
  });
});

describe('config errors and help', () => {
  it('names the line and column of a JSON syntax error', async () => {
    const dir = tree({ 'app.js': ROUTE, 'backlint.config.json': '{\n  "rules": {\n    "backlint/require-pagination": "off",\n  }\n}\n' });
    const r = await runCli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^backlint: Cannot parse config file .*backlint\.config\.json:4:3: /);
  });

  it('shows examples, exit codes and config file names', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const text of ['Examples:', 'Exit codes:', '  2  usage or configuration error, nothing matched', 'backlint.config.json, backlint.config.yaml, backlint.config.yml', '--print-config <file>', '--rule <rule:setting>', '--no-error-on-unmatched-pattern']) {
      expect(r.stdout).toContain(text);
    }
  });
});
