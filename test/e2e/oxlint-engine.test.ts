/**
 * The CLI's two code engines, through the built CLI (which spawns the REAL `oxlint` binary):
 * findings must not depend on the engine. Every fixture under both engines with every rule on
 * (`--preset strict`), compared on rule, file, line, column, end, message, suggestions, severity
 * and suppression; then the cases oxlint hands to ESLint (inline directives, parse errors), rule
 * options from config overrides, and a repository's own oxlint config (never loaded).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/report/model.js';
import { assertBuilt, ROOT, runCli } from '../cli/helpers.js';
import { tempTrees } from '../helpers/temp-tree.js';

const tree = tempTrees('backlint-engines-');

async function report(args: string[], cwd = ROOT): Promise<Report> {
  const r = await runCli([...args, '--format', 'json'], { cwd });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

function comparable(f: Finding, suppressed: boolean): string {
  return JSON.stringify([f.file, f.line, f.column, f.endLine, f.endColumn, f.ruleId, f.severity, f.message, f.suggestions ?? [], suppressed, f.fingerprint]);
}

function findingsOf(r: Report): string[] {
  const out: string[] = [];
  for (const file of r.files) {
    for (const f of file.findings) out.push(comparable(f, false));
    for (const f of file.suppressed ?? []) out.push(comparable(f, true));
  }
  return out.sort();
}

function engines(r: Report): Record<string, number> {
  const count: Record<string, number> = {};
  for (const file of r.files) for (const f of file.findings) count[f.engine] = (count[f.engine] ?? 0) + 1;
  return count;
}

beforeAll(() => assertBuilt());

describe('oxlint and ESLint engines', () => {
  it('give the same findings on every fixture, with every rule on', async () => {
    const [ox, es] = await Promise.all([
      report(['fixtures', '--preset', 'strict', '--engine', 'oxlint']),
      report(['fixtures', '--preset', 'strict', '--engine', 'eslint']),
    ]);
    expect(findingsOf(ox)).toEqual(findingsOf(es));
    // Not a comparison of ESLint with itself: oxlint gave the code findings.
    const ran = engines(ox);
    expect(ran.eslint ?? 0).toBe(0);
    expect(ran.oxlint).toBeGreaterThan(100);
    expect(engines(es).oxlint ?? 0).toBe(0);
    // Suggestions and end positions come through oxlint too.
    expect(ox.files.flatMap((f) => f.findings).filter((f) => f.suggestions?.length).length).toBeGreaterThan(10);
  }, 120_000);

  it("runs the bundled host (one file, built by scripts/bundle.mjs) with the plugin's every rule", async () => {
    const bundle = path.join(ROOT, 'dist/src/oxlint-host.bundle.js');
    expect(existsSync(bundle)).toBe(true);
    const hosted = (await import(pathToFileURL(bundle).href)) as { default: { rules: Record<string, unknown> } };
    const { default: plugin } = await import('../../src/eslint/plugin.js');
    expect(Object.keys(hosted.default.rules).sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  it('gives its process the packages the build joined (dist/vendor/), each working', async () => {
    const built = (await import(pathToFileURL(path.join(ROOT, 'dist/src/lazy-modules.js')).href)) as typeof import('../../src/lazy-modules.js');
    expect(built.loadVendored('yaml')).toBeUndefined();
    built.useVendoredPackages();
    const exported: Record<string, string> = {
      yaml: 'parseDocument',
      '@typescript-eslint/scope-manager': 'analyze',
      '@typescript-eslint/visitor-keys': 'visitorKeys',
      [built.ESLINT_SOURCE_CODE]: 'SourceCode',
    };
    expect(Object.keys(built.VENDORED).sort()).toEqual(Object.keys(exported).sort());
    for (const [name, member] of Object.entries(exported)) {
      const mod = built.loadVendored(name) as Record<string, unknown> | undefined;
      expect(mod?.[member], name).toBeDefined();
    }
  });

  it('hands files with inline directives and parse errors to ESLint, and keeps what ESLint would report', async () => {
    const dir = tree({
      'src/a.js': "const app = require('express')();\napp.get('/users/getAll', (req, res) => res.json([]));\n",
      'src/b.js':
        "const app = require('express')();\n// eslint-disable-next-line backlint/no-verbs-in-paths -- legacy URL\napp.get('/orders/getAll', (req, res) => res.json([]));\n",
      // A directive for another plugin's rule changes nothing of ours: oxlint keeps the file.
      'src/c.js': "const app = require('express')();\n// eslint-disable-next-line no-console\napp.get('/carts/getAll', (req, res) => res.json([]));\n",
      // A blanket directive silences backlint too; inline config is read differently by oxlint.
      'src/d.js': "/* eslint-disable */\nconst app = require('express')();\napp.get('/drafts/getAll', (req, res) => res.json([]));\n",
      'src/e.js': "/* eslint backlint/no-verbs-in-paths: off */\nconst app = require('express')();\napp.get('/events/getAll', (req, res) => res.json([]));\n",
      // A rule config naming only another rule is the project's own ESLint business: oxlint keeps
      // the file, and the core rule it turns on is reported by neither engine.
      'src/f.js':
        "/* eslint no-restricted-globals: ['error', 'fetch'] */\nfetch('/x');\nconst app = require('express')();\napp.get('/fees/getAll', (req, res) => res.json([]));\n",
      // The rule list goes on past the line the text check reads: oxlint silences the report, so
      // its output and its record of reports differ, and the file goes to ESLint after all.
      'src/g.js': "const app = require('express')();\n/* eslint-disable no-console,\n   backlint/no-verbs-in-paths */\napp.get('/gifts/getAll', (req, res) => res.json([]));\n",
      // A blanket directive for one line: oxlint keeps the file; where it silences one of our
      // reports, the file goes to ESLint after all, for the suppressions ESLint records.
      'src/h.js': "const app = require('express')();\nconst n = 1; // eslint-disable-line\napp.get('/hats/getAll', (req, res) => res.json([n]));\n",
      'src/i.js': "const app = require('express')();\napp.get('/inks/getAll', (req, res) => res.json([])); // eslint-disable-line\n",
      'src/broken.js': 'const x = ;\n',
      // Columns count UTF-16 code units, as in ESLint (oxlint's own output counts bytes).
      'src/wide.js': "const app = require('express')(); const s = 'é😀'; app.get('/items/getAll', (req, res) => res.json([]));\n",
    });
    const [ox, es] = await Promise.all([report(['.', '--engine', 'oxlint'], dir), report(['.', '--engine', 'eslint'], dir)]);
    expect(findingsOf(ox)).toEqual(findingsOf(es));
    const byFile = new Map(ox.files.map((f) => [f.file, f]));
    expect(byFile.get('src/a.js')!.findings.map((f) => [f.ruleId, f.line, f.engine])).toContainEqual(['backlint/no-verbs-in-paths', 2, 'oxlint']);
    const b = byFile.get('src/b.js')!;
    expect(b.suppressed?.map((f) => [f.ruleId, f.line, f.engine, f.suppressions])).toEqual([
      ['backlint/no-verbs-in-paths', 3, 'eslint', [{ kind: 'directive', justification: 'legacy URL' }]],
    ]);
    expect(byFile.get('src/c.js')!.findings.map((f) => [f.ruleId, f.line, f.engine])).toContainEqual(['backlint/no-verbs-in-paths', 3, 'oxlint']);
    expect(byFile.get('src/d.js')!.findings).toEqual([]);
    expect(byFile.get('src/d.js')!.suppressed?.map((f) => [f.ruleId, f.engine])).toContainEqual(['backlint/no-verbs-in-paths', 'eslint']);
    const e = byFile.get('src/e.js')!.findings;
    expect(e.map((f) => f.ruleId)).not.toContain('backlint/no-verbs-in-paths');
    expect(e.map((f) => [f.ruleId, f.engine])).toContainEqual(['backlint/kebab-case-paths', 'eslint']);
    expect(byFile.get('src/f.js')!.findings.map((f) => `${f.ruleId}:${f.line}:${f.engine}`).sort()).toEqual([
      'backlint/kebab-case-paths:4:oxlint',
      'backlint/no-verbs-in-paths:4:oxlint',
    ]);
    expect(byFile.get('src/h.js')!.findings.map((f) => `${f.ruleId}:${f.line}:${f.engine}`).sort()).toEqual([
      'backlint/kebab-case-paths:3:oxlint',
      'backlint/no-verbs-in-paths:3:oxlint',
    ]);
    expect(byFile.get('src/i.js')!.findings).toEqual([]);
    expect(byFile.get('src/i.js')!.suppressed?.map((f) => `${f.ruleId}:${f.line}:${f.engine}`).sort()).toEqual([
      'backlint/kebab-case-paths:2:eslint',
      'backlint/no-verbs-in-paths:2:eslint',
    ]);
    expect(byFile.get('src/g.js')!.suppressed?.map((f) => [f.ruleId, f.line, f.engine])).toEqual([['backlint/no-verbs-in-paths', 4, 'eslint']]);
    expect(byFile.get('src/broken.js')!.findings.map((f) => [f.ruleId, f.line, f.engine])).toEqual([['backlint/parse-error', 1, 'eslint']]);
    const wide = byFile.get('src/wide.js')!.findings.find((f) => f.ruleId === 'backlint/no-verbs-in-paths')!;
    expect([wide.engine, wide.column]).toEqual(['oxlint', 60]);
  }, 60_000);

  it('applies config overrides per file, with the options set before a bare severity', async () => {
    const dir = tree({
      'backlint.config.json': JSON.stringify({
        rules: { 'backlint/require-api-version': ['warn', { pattern: '^api-v\\d+$' }] },
        overrides: [
          { files: ['legacy/**'], rules: { 'backlint/no-verbs-in-paths': 'off', 'backlint/require-api-version': 'error' } },
        ],
      }),
      'src/app.js': "const app = require('express')();\napp.get('/v1/users/getAll', (req, res) => res.json([]));\n",
      // `/v1` fails the configured pattern: a finding here shows the override kept the options.
      'legacy/app.js': "const app = require('express')();\napp.get('/v1/users/getAll', (req, res) => res.json([]));\n",
    });
    const [ox, es] = await Promise.all([report(['.', '--engine', 'oxlint'], dir), report(['.', '--engine', 'eslint'], dir)]);
    expect(findingsOf(ox)).toEqual(findingsOf(es));
    const rows = ox.files.flatMap((f) => f.findings).map((f) => `${f.file} ${f.ruleId} ${f.severity} ${f.engine}`);
    expect(rows.sort()).toEqual([
      'legacy/app.js backlint/kebab-case-paths warning oxlint',
      'legacy/app.js backlint/require-api-version error oxlint',
      'src/app.js backlint/kebab-case-paths warning oxlint',
      'src/app.js backlint/no-verbs-in-paths warning oxlint',
      'src/app.js backlint/require-api-version warning oxlint',
    ].sort());
  }, 60_000);

  it('says so when oxlint cannot run, and ESLint gives the same findings in its place', async () => {
    // oxlint's own switch for its WebAssembly build, absent here: its process cannot load a binding
    // and exits at once, as on a platform it has no build for.
    const broken = { NAPI_RS_FORCE_WASI: 'error' };
    const [fallback, ox] = await Promise.all([
      runCli(['fixtures/express-app', '--format', 'json'], { env: broken }),
      report(['fixtures/express-app']),
    ]);
    expect(fallback.code).toBe(1);
    const r = JSON.parse(fallback.stdout) as Report;
    expect(findingsOf(r)).toEqual(findingsOf(ox));
    expect(engines(ox).oxlint).toBeGreaterThan(5);
    expect(engines(r).oxlint ?? 0).toBe(0);
    const files = r.summary.codeFiles;
    const notice = `oxlint could not lint ${files} code files (exit code 1: Error: WASI binding not found and NAPI_RS_FORCE_WASI is set to error); ESLint linted them instead, with the same rules and findings but slower. \`--engine eslint\` makes that the choice.`;
    expect(r.notices).toEqual([notice]);
    expect(fallback.stderr).toBe(`backlint: note: ${notice}\n`);
    // A run that chose ESLint, or where oxlint ran, has nothing to say.
    expect(ox.notices).toBeUndefined();
    const chosen = await runCli(['fixtures/express-app', '--engine', 'eslint', '--format', 'json'], { env: broken });
    expect(chosen.stderr).toBe('');
    expect((JSON.parse(chosen.stdout) as Report).notices).toBeUndefined();
  }, 120_000);

  it("never loads a repository's own oxlint config or its plugins", async () => {
    const dir = tree({
      '.oxlintrc.json': JSON.stringify({ jsPlugins: ['./evil.mjs'], rules: { 'evil/run': 'error' } }),
      'src/.oxlintrc.json': JSON.stringify({ jsPlugins: ['../evil.mjs'], rules: { 'evil/run': 'error' } }),
      'evil.mjs':
        "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./pwned', import.meta.url), 'x');\nexport default { meta: { name: 'evil' }, rules: { run: { create: () => ({}) } } };\n",
      'src/app.js': "const app = require('express')();\napp.get('/users/getAll', (req, res) => res.json([]));\n",
    });
    const r = await report(['.', '--engine', 'oxlint'], dir);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    const app = r.files.find((f) => f.file === 'src/app.js')!;
    expect(app.findings.map((f) => f.ruleId)).toContain('backlint/no-verbs-in-paths');
    expect(app.findings.every((f) => f.ruleId.startsWith('backlint/') && f.engine === 'oxlint')).toBe(true);
  }, 60_000);
});
