/**
 * Issue 13 item 2, one config for every face: a project with one backlint.config.json (a preset,
 * severities, rule options, a rule off, overrides, `ignore`, Spectral structural ids) linted by the
 * built CLI, the REAL `eslint` binary with `backlint.fromConfig()` in eslint.config.js, the REAL
 * `oxlint` binary with the `.oxlintrc.json` `backlint oxlint-config` writes, and the REAL
 * `spectral lint` with `extends: ["backlint/spectral"]` (which reads the backlint config). Each
 * face must give exactly the CLI's findings for its files: same files, lines, rule ids, severities.
 * `backlint` resolves from the project's node_modules (a symlink to this repository). Needs the build.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { assertBuilt, ROOT, runCli } from '../cli/helpers.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { USERS_DOC } from '../helpers/documents.js';

const tree = tempTrees('backlint-one-config-');
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);

function exec(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

const ROUTES = `const express = require('express');
const app = express();
app.get('/getUsers', (req, res) => res.json([]));
app.post('/createOrder', (req, res) => res.json({}));
app.listen(3000);
`;

const DOC = USERS_DOC;

const CONFIG = {
  preset: 'recommended',
  rules: {
    'backlint/no-verbs-in-paths': ['error', { allow: ['createOrder'] }],
    'backlint/require-security-headers': 'off',
    'backlint/require-operation-docs': 'off',
    'oas3-schema': 'off',
    'path-params': 'warn',
  },
  ignore: ['generated/'],
  overrides: [
    { files: ['legacy/**'], rules: { 'backlint/kebab-case-paths': 'off' } },
    { files: ['internal/**'], rules: { 'backlint/require-operation-security': 'off' } },
  ],
};

type Row = string;
const row = (file: string, line: number, ruleId: string, severity: 'error' | 'warning'): Row => `${file}:${line} ${ruleId} ${severity}`;
const sorted = (rows: Row[]) => [...rows].sort();

describe('one backlint config read by the CLI, eslint, oxlint and spectral', () => {
  let dir: string;
  let cli: { code: Row[]; docs: Row[] };

  beforeAll(async () => {
    assertBuilt();
    dir = tree({
      'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      'backlint.config.json': JSON.stringify(CONFIG, null, 2),
      'eslint.config.js': "import backlint from 'backlint/eslint';\n\nexport default [...backlint.fromConfig({ cwd: import.meta.dirname })];\n",
      '.spectral.yaml': 'extends: ["backlint/spectral"]\n',
      'src/app.js': ROUTES,
      'legacy/old.js': ROUTES,
      'generated/client.js': ROUTES,
      'generated/api.yaml': DOC,
      'openapi.yaml': DOC,
      'internal/api.yaml': DOC,
    });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(ROOT, path.join(dir, 'node_modules', 'backlint'), 'dir');
    const r = await runCli(['.', '--format', 'json'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    const report = JSON.parse(r.stdout) as Report;
    const rows = (kind: string) => report.files.filter((f) => f.kind === kind).flatMap((f) => f.findings.map((x) => row(f.file, x.line, x.ruleId, x.severity)));
    cli = { code: sorted(rows('code')), docs: sorted(rows('openapi')) };
    expect((report.skipped ?? []).map((s) => `${s.file} ${s.reason}`)).toContain('generated/ config-ignore');
  }, 60_000);

  it('the CLI applies every part of the config (the reference the faces are held to)', () => {
    expect(cli.code).toEqual(
      sorted([
        row('src/app.js', 3, 'backlint/kebab-case-paths', 'warning'),
        row('src/app.js', 3, 'backlint/no-verbs-in-paths', 'error'),
        row('src/app.js', 4, 'backlint/kebab-case-paths', 'warning'),
        row('legacy/old.js', 3, 'backlint/no-verbs-in-paths', 'error'),
      ]),
    );
    expect(cli.docs).toEqual(
      sorted([
        row('openapi.yaml', 1, 'backlint/require-operation-security', 'error'),
        row('openapi.yaml', 6, 'path-params', 'warning'),
        row('openapi.yaml', 8, 'backlint/require-error-responses', 'warning'),
        row('internal/api.yaml', 6, 'path-params', 'warning'),
        row('internal/api.yaml', 8, 'backlint/require-error-responses', 'warning'),
      ]),
    );
  });

  it('eslint with backlint.fromConfig() gives the same code findings', async () => {
    const r = await exec(bin('eslint'), ['.', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; severity: number }[] }[];
    const rows = results.flatMap((f) =>
      f.messages.map((m) => row(path.relative(dir, f.filePath).split(path.sep).join('/'), m.line, m.ruleId ?? 'fatal', m.severity === 2 ? 'error' : 'warning')),
    );
    expect(sorted(rows)).toEqual(cli.code);
  }, 60_000);

  it('oxlint with the .oxlintrc.json of `backlint oxlint-config` gives the same code findings', async () => {
    const gen = await runCli(['oxlint-config', '-o', '.oxlintrc.json'], { cwd: dir });
    expect([gen.code, gen.stdout, gen.stderr]).toEqual([0, '', '']);
    const written = JSON.parse(readFileSync(path.join(dir, '.oxlintrc.json'), 'utf8')) as { jsPlugins: string[]; ignorePatterns: string[]; overrides: unknown[] };
    expect(written.jsPlugins).toEqual(['backlint/oxlint']);
    expect(written.ignorePatterns).toContain('generated/');
    expect(written.overrides).toEqual([{ files: ['legacy/**'], rules: { 'backlint/kebab-case-paths': 'off' } }]);
    const r = await exec(bin('oxlint'), ['--format', 'json', '.'], dir);
    const out = JSON.parse(r.stdout) as { diagnostics: { code?: string; filename: string; severity: string; labels: { span: { line: number } }[] }[] };
    // oxlint's own default rules may speak too: the comparison is about backlint's.
    const rows = out.diagnostics
      .filter((d) => d.code?.startsWith('backlint('))
      .map((d) => row(d.filename, d.labels[0]!.span.line, `backlint/${d.code!.slice('backlint('.length, -1)}`, d.severity === 'error' ? 'error' : 'warning'));
    expect(sorted(rows)).toEqual(cli.code);
  }, 60_000);

  it('spectral lint with extends backlint/spectral reads the backlint config and gives the same document findings', async () => {
    // generated/api.yaml is named, but the config ignores it: no findings, as the CLI skips it.
    const r = await exec(bin('spectral'), ['lint', 'openapi.yaml', 'internal/api.yaml', 'generated/api.yaml', '--format', 'json', '--quiet'], dir);
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as { code: string; source: string; severity: number; range: { start: { line: number } } }[];
    const rows = results.map((d) => row(path.relative(dir, d.source).split(path.sep).join('/'), d.range.start.line + 1, d.code, d.severity === 0 ? 'error' : 'warning'));
    expect(sorted(rows)).toEqual(cli.docs);
    expect(r.code).toBe(1);
  }, 120_000);

  it('an invalid config stops every face with the same reason', async () => {
    const bad = tree({
      'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      'backlint.config.json': JSON.stringify({ rules: { 'oas3-shema': 'off' } }),
      'eslint.config.js': "import backlint from 'backlint/eslint';\n\nexport default [...backlint.fromConfig({ cwd: import.meta.dirname })];\n",
      '.spectral.yaml': 'extends: ["backlint/spectral"]\n',
      'src/app.js': ROUTES,
      'openapi.yaml': DOC,
    });
    mkdirSync(path.join(bad, 'node_modules'));
    symlinkSync(ROOT, path.join(bad, 'node_modules', 'backlint'), 'dir');
    const reason = '"rules.oas3-shema" is not a backlint rule (did you mean "oas3-schema"?)';
    const cliRun = await runCli(['.'], { cwd: bad });
    expect(cliRun.code).toBe(2);
    expect(cliRun.stderr).toContain(reason);
    const gen = await runCli(['oxlint-config'], { cwd: bad });
    expect([gen.code, gen.stdout]).toEqual([2, '']);
    expect(gen.stderr).toContain(reason);
    const eslint = await exec(bin('eslint'), ['src'], bad);
    expect(eslint.code).toBe(2);
    expect(eslint.stderr + eslint.stdout).toContain(reason);
    const spectral = await exec(bin('spectral'), ['lint', 'openapi.yaml'], bad);
    expect(spectral.code).toBe(2);
    expect(spectral.stderr + spectral.stdout).toContain(reason);
  }, 120_000);
});

describe('backlint oxlint-config', () => {
  it('refuses to write the file away from the config whose globs it carries (exit 2)', async () => {
    const dir = tree({ 'backlint.config.json': JSON.stringify({ ignore: ['legacy/'] }), 'sub/x.js': '' });
    const r = await runCli(['oxlint-config', '-o', 'sub/.oxlintrc.json'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, "backlint: oxlint-config: write the file in . (the config's globs are relative to it, and oxlint reads them from the file's directory)\n"]);
  });
});
