/**
 * backlint as an oxlint user meets it: the REAL `oxlint` binary with a `.oxlintrc.json` that only
 * extends the shipped `oxlint/<preset>.json` through a `node_modules/backlint` next to it (a
 * symlink to this repository), exactly the form the README gives. Over the fixture apps the
 * backlint findings must be exactly the `// expect: backlint/<id>` markers of the rules the preset
 * enables; in a small project oxlint picks the config up by itself (no `-c`) and keeps its own
 * native rules. Needs the build (`npm test` builds dist first).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeFiles, markers } from '../helpers/fixture-markers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const oxlintBin = path.join(repo, 'node_modules/.bin/oxlint');
const fixtures = path.join(repo, 'fixtures');

interface OxlintDiagnostic {
  code?: string;
  message: string;
  severity: string;
  filename: string;
  labels: { span: { line: number; column: number } }[];
}
interface OxlintJson {
  diagnostics: OxlintDiagnostic[];
  number_of_files: number;
}

function runOxlint(args: string[], cwd: string): Promise<{ json: OxlintJson | undefined; stdout: string; stderr: string; exitCode: number }> {
  return new Promise((resolve) => {
    execFile(oxlintBin, ['--format', 'json', ...args], { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      let json: OxlintJson | undefined;
      try {
        json = JSON.parse(stdout) as OxlintJson;
      } catch {
        json = undefined;
      }
      resolve({ json, stdout, stderr, exitCode });
    });
  });
}

/** `backlint(<id>)` → `backlint/<id>`; other codes (oxlint's native rules) → undefined. */
function backlintId(code: string | undefined): string | undefined {
  const m = /^backlint\(([\w-]+)\)$/.exec(code ?? '');
  return m ? `backlint/${m[1]}` : undefined;
}

/** A project folder holding `node_modules/backlint` (this repository) and the README's `.oxlintrc.json`. */
function userProject(preset: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlint-oxlint-bin-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(repo, path.join(dir, 'node_modules', 'backlint'), 'dir');
  writeFileSync(path.join(dir, '.oxlintrc.json'), `{\n  "extends": ["./node_modules/backlint/oxlint/${preset}.json"]\n}\n`);
  return dir;
}

function shipped(preset: string): { jsPlugins: string[]; rules: Record<string, unknown> } {
  return JSON.parse(readFileSync(path.join(repo, 'oxlint', `${preset}.json`), 'utf8')) as { jsPlugins: string[]; rules: Record<string, unknown> };
}

describe('oxlint binary with .oxlintrc.json extending backlint/oxlint/recommended.json over fixtures/', () => {
  let project: string;
  let enabled: Set<string>;

  beforeAll(() => {
    project = userProject('recommended');
    enabled = new Set(Object.keys(shipped('recommended').rules));
  });

  it('reports exactly the marked lines', async () => {
    const { json, stderr, exitCode } = await runOxlint(['-c', path.join(project, '.oxlintrc.json'), 'fixtures'], repo);
    expect(stderr).toBe('');
    expect(json).toBeDefined();
    expect(json!.number_of_files).toBe(codeFiles(fixtures).length);
    // Anything but a backlint finding or one of oxlint's own rules (which keep running: the shipped
    // config leaves them to the user) would be a parse error or a crashed rule.
    const other = json!.diagnostics.filter((d) => !backlintId(d.code) && !/^[\w-]+\([\w-]+\)$/.test(d.code ?? ''));
    expect(other.map((d) => `${d.filename}: ${d.message}`)).toEqual([]);
    // As in the ESLint test, a marker names a rule once per line.
    const found = [
      ...new Set(
        json!.diagnostics.flatMap((d) => {
          const id = backlintId(d.code);
          return id ? [`${path.normalize(d.filename)}:${d.labels[0]!.span.line} ${id}`] : [];
        }),
      ),
    ].sort();
    expect(found).toEqual(markers(repo, fixtures, enabled));
    // The preset's severities come through: error-severity findings fail the run.
    expect(json!.diagnostics.some((d) => backlintId(d.code) === 'backlint/no-get-side-effects' && d.severity === 'error')).toBe(true);
    expect(json!.diagnostics.some((d) => backlintId(d.code) === 'backlint/require-pagination' && d.severity === 'warning')).toBe(true);
    expect(exitCode).toBe(1);
  });

  it('the strict config finds every marked line too, and more only with its strict-only rules', async () => {
    // Fixture markers are kept for the recommended preset: strict-only rules (require-api-version)
    // also fire on unmarked routes, so strict's findings contain the markers rather than equal them.
    const strict = userProject('strict');
    const strictEnabled = new Set(Object.keys(shipped('strict').rules));
    const strictOnly = [...strictEnabled].filter((id) => !enabled.has(id));
    expect(strictOnly.length).toBeGreaterThan(0);
    const { json, stderr } = await runOxlint(['-c', path.join(strict, '.oxlintrc.json'), 'fixtures'], repo);
    expect(stderr).toBe('');
    const found = new Set(
      json!.diagnostics.flatMap((d) => {
        const id = backlintId(d.code);
        return id ? [`${path.normalize(d.filename)}:${d.labels[0]!.span.line} ${id}`] : [];
      }),
    );
    const marked = markers(repo, fixtures, strictEnabled);
    expect(marked.filter((m) => !found.has(m))).toEqual([]);
    const unmarked = [...found].filter((f) => !marked.includes(f)).map((f) => f.slice(f.lastIndexOf(' ') + 1));
    expect(unmarked.filter((id) => !strictOnly.includes(id))).toEqual([]);
    expect(unmarked.length).toBeGreaterThan(0);
  });
});

describe('a project whose .oxlintrc.json extends backlint/oxlint/recommended.json', () => {
  it('oxlint finds the config by itself, runs backlint beside its native rules, honours disable comments, and the user config wins', async () => {
    const project = userProject('recommended');
    mkdirSync(path.join(project, 'src'));
    writeFileSync(
      path.join(project, 'src/app.ts'),
      [
        "import express from 'express'; import helmet from 'helmet';",
        'const app = express(); app.use(helmet());',
        "app.get('/get-users', (req, res) => { res.json([]); });",
        "app.get('/user/:id', (req, res) => { res.json({}); });",
        'debugger;',
        // oxlint honours ESLint's disable comments and its own for backlint's rules
        '// eslint-disable-next-line backlint/no-verbs-in-paths',
        "app.get('/list-orders', (req, res) => { res.json([]); });",
        "app.get('/fetch-items', (req, res) => { res.json([]); }); // oxlint-disable-line backlint/no-verbs-in-paths",
        '',
      ].join('\n'),
    );
    const first = await runOxlint(['src'], project);
    expect(first.stderr).toBe('');
    const codes = first.json!.diagnostics.map((d) => `${d.labels[0]!.span.line} ${d.code}`).sort();
    expect(codes).toEqual(['3 backlint(no-verbs-in-paths)', '4 backlint(plural-resource-names)', '5 eslint(no-debugger)']);

    // Rules the user sets after `extends` override the shipped ones, as with any oxlint config.
    writeFileSync(
      path.join(project, '.oxlintrc.json'),
      JSON.stringify({
        extends: ['./node_modules/backlint/oxlint/recommended.json'],
        rules: { 'backlint/no-verbs-in-paths': 'off', 'backlint/plural-resource-names': 'error' },
      }),
    );
    const second = await runOxlint(['src'], project);
    expect(second.stderr).toBe('');
    const after = second.json!.diagnostics.map((d) => `${d.labels[0]!.span.line} ${d.code} ${d.severity}`).sort();
    expect(after).toEqual(['4 backlint(plural-resource-names) error', '5 eslint(no-debugger) warning']);
  });
});

describe('shipped oxlint configs', () => {
  it('are what scripts/generate-oxlint-configs.mjs writes from the built catalog (--check)', async () => {
    const { exitCode, stderr } = await new Promise<{ exitCode: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(repo, 'scripts/generate-oxlint-configs.mjs'), '--check'], { cwd: repo }, (error, _stdout, stderr) =>
        resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stderr }),
      );
    });
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  });
});
