/**
 * backlint as a consumer meets it before it is on the registry: `npm pack`, then the tarball
 * installed into a fresh project (with eslint and the spectral CLI beside it, as the README says),
 * and the CLI, `eslint` and `spectral` run from that project's node_modules. Proves the packed
 * files are enough (nothing loads from the repository), that eslint is the consumer's one copy
 * (a peer dependency, not a nested second ESLint), and that the LICENSE and docs ship.
 *
 * npm resolves the consumer's dependencies from the registry (packages already in npm's cache
 * after `npm ci` are not downloaded again). Needs the build (`npm test` builds dist first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consumer = mkdtempSync(path.join(tmpdir(), 'backlint-consumer-'));
const versionOf = (pkg: string): string => (JSON.parse(readFileSync(path.join(repo, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

function run(cmd: string, args: string[], cwd = consumer) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const bin = (name: string): string => path.join(consumer, 'node_modules/.bin', name);

beforeAll(() => {
  // The build is the test run's (npm test builds first); prepack would only build it again.
  const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', consumer, '--silent'], repo);
  expect(packed.status, packed.stderr).toBe(0);
  const tarball = readdirSync(consumer).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const installed = run('npm', [
    'install',
    `./${tarball!}`,
    `eslint@${versionOf('eslint')}`,
    `@stoplight/spectral-cli@${versionOf('@stoplight/spectral-cli')}`,
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
  ]);
  expect(installed.status, installed.stderr.slice(-3000)).toBe(0);
  mkdirSync(path.join(consumer, 'src'));
  writeFileSync(
    path.join(consumer, 'src/app.js'),
    [
      "import express from 'express';",
      "import jwt from 'jsonwebtoken';",
      "import helmet from 'helmet';",
      "const app = express(); app.use(helmet()); app.disable('x-powered-by');",
      "app.get('/api/v1/users/:id', (req, res) => {",
      '  const user = jwt.decode(req.headers.authorization);',
      '  res.json(user);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(consumer, 'openapi.yaml'),
    ["openapi: 3.0.3", "info: { title: t, version: '1' }", 'paths:', '  /getUsers:', '    get:', '      responses:', "        '200': { description: ok }", ''].join('\n'),
  );
  writeFileSync(
    path.join(consumer, 'eslint.config.js'),
    "import { defineConfig } from 'eslint/config';\nimport backlint from 'backlint/eslint';\nexport default defineConfig([{ extends: [backlint.configs.recommended] }]);\n",
  );
  writeFileSync(path.join(consumer, '.spectral.yaml'), 'extends: ["backlint/spectral"]\n');
}, 300_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

const JWT_FINDING = { ruleId: 'backlint/no-unsafe-jwt-verification', line: 6, column: 16 };

describe('the packed package, installed into a fresh project', () => {
  it('ships what it needs and no second ESLint', () => {
    const pkg = path.join(consumer, 'node_modules/backlint');
    for (const f of ['LICENSE', 'README.md', 'bin/backlint.js', 'dist/src/index.js', 'oxlint/recommended.json', 'rules/no-unsafe-jwt-verification.md']) {
      expect(existsSync(path.join(pkg, f)), f).toBe(true);
    }
    for (const f of ['src', 'test', 'fixtures', 'benchmarks', 'scripts']) expect(existsSync(path.join(pkg, f)), f).toBe(false);
    expect(existsSync(path.join(pkg, 'node_modules/eslint'))).toBe(false);
  });

  it('runs the CLI over code and a document', () => {
    const r = run(bin('backlint'), ['src', 'openapi.yaml', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { files: { file: string; findings: { ruleId: string; line: number; column: number }[] }[] };
    const code = report.files.find((f) => f.file === 'src/app.js')!;
    expect(code.findings.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([JWT_FINDING]);
    const doc = report.files.find((f) => f.file === 'openapi.yaml')!;
    expect(doc.findings.map((f) => `${f.ruleId}:${f.line}`)).toContain('backlint/no-verbs-in-paths:4');
  });

  it("runs under the consumer's eslint with backlint/eslint's config", () => {
    const r = run(bin('eslint'), ['src', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; column: number }[] }[];
    expect(result!.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([JWT_FINDING]);
  });

  it('runs under the spectral CLI with backlint/spectral', () => {
    const r = run(bin('spectral'), ['lint', 'openapi.yaml', '-r', '.spectral.yaml', '--format', 'json', '--quiet']);
    const results = JSON.parse(r.stdout) as { code: string; range: { start: { line: number } } }[];
    expect(results.map((x) => `${x.code}:${x.range.start.line + 1}`)).toContain('backlint/no-verbs-in-paths:4');
  });

  it('the CLI, eslint (backlint.fromConfig()) and spectral read one backlint config alike', () => {
    const dir = path.join(consumer, 'configured');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'src/app.js'), readFileSync(path.join(consumer, 'src/app.js')));
    writeFileSync(path.join(dir, 'openapi.yaml'), readFileSync(path.join(consumer, 'openapi.yaml')));
    writeFileSync(
      path.join(dir, 'backlint.config.json'),
      JSON.stringify({ rules: { 'backlint/no-verbs-in-paths': ['warn', { allow: ['getUsers'] }], 'backlint/no-unsafe-jwt-verification': 'warn' } }),
    );
    writeFileSync(path.join(dir, 'eslint.config.js'), "import backlint from 'backlint/eslint';\nexport default [...backlint.fromConfig({ cwd: import.meta.dirname })];\n");
    writeFileSync(path.join(dir, '.spectral.yaml'), 'extends: ["backlint/spectral"]\n');
    const cli = run(bin('backlint'), ['src', 'openapi.yaml', '--format', 'json'], dir);
    const report = JSON.parse(cli.stdout) as { files: { file: string; findings: { ruleId: string; line: number; severity: string }[] }[] };
    const rows = report.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line} ${x.ruleId} ${x.severity}`));
    expect(rows).toContain('src/app.js:6 backlint/no-unsafe-jwt-verification warning');
    expect(rows.filter((r) => r.includes('no-verbs-in-paths'))).toEqual([]);
    const eslint = run(bin('eslint'), ['src', '--format', 'json'], dir);
    expect(eslint.stderr).toBe('');
    const [result] = JSON.parse(eslint.stdout) as { messages: { ruleId: string; line: number; severity: number }[] }[];
    expect(result!.messages.map((m) => `src/app.js:${m.line} ${m.ruleId} ${m.severity === 2 ? 'error' : 'warning'}`)).toEqual(rows.filter((r) => r.startsWith('src/')));
    const spectral = run(bin('spectral'), ['lint', 'openapi.yaml', '--format', 'json', '--quiet'], dir);
    const results = JSON.parse(spectral.stdout) as { code: string; severity: number; range: { start: { line: number } } }[];
    expect(results.map((x) => `openapi.yaml:${x.range.start.line + 1} ${x.code} ${x.severity === 0 ? 'error' : 'warning'}`).sort()).toEqual(
      rows.filter((r) => r.startsWith('openapi.yaml')).sort(),
    );
  });
});
