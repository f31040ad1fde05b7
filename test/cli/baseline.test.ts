/**
 * Gating only on new problems (issue 13 item 3), through the built CLI: bulk suppressions in
 * ESLint's format (--suppress-all, --suppress-rule, --prune-suppressions, --suppressions-location,
 * unused suppressions exit 2), the OpenAPI ignore file, and --changed-since in a real git
 * repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { assertBuilt, runCli } from './helpers.js';

beforeAll(() => assertBuilt());

const tree = tempTrees('backlint-baseline-');

const SERVICE = `const db = require('../db');

exports.findUser = async (id) => {
  return db.query('SELECT * FROM users WHERE id = ' + id);
};
`;

const FILES: Record<string, string> = {
  'src/db.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
  'src/services/users.service.js': SERVICE,
  'src/routes/users.routes.js': `const express = require('express');
const { findUser } = require('../services/users.service');

const router = express.Router();

router.get('/users/:id', async (req, res) => {
  res.json(await findUser(req.params.id));
});

module.exports = router;
`,
  'src/other.js': "exports.answer = () => 42;\n",
  'openapi.yaml': `openapi: 3.0.3
info:
  title: Users
  version: 1.0.0
paths:
  /getUsers:
    get:
      responses:
        '200':
          description: ok
`,
};

/** Every finding reported: `file:line ruleId`. */
function reported(report: Report): string[] {
  return report.files.flatMap((f) => f.findings.map((x) => `${x.file}:${x.line} ${x.ruleId}`));
}

function suppressedBy(report: Report): string[] {
  return report.files.flatMap((f) => (f.suppressed ?? []).map((x) => `${x.file}:${x.line} ${x.ruleId} ${x.suppressions!.map((s) => s.kind).join(',')}`));
}

async function lintJson(cwd: string, args: string[] = []) {
  const r = await runCli(['.', '-f', 'json', ...args], { cwd });
  return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as Report) : undefined };
}

const ALL = [
  'openapi.yaml:1 backlint/require-operation-security',
  'openapi.yaml:6 backlint/kebab-case-paths',
  'openapi.yaml:6 backlint/no-verbs-in-paths',
  'openapi.yaml:7 backlint/require-operation-docs',
  'openapi.yaml:7 backlint/require-operation-docs',
  'openapi.yaml:7 backlint/require-operation-docs',
  'openapi.yaml:8 backlint/require-error-responses',
  'src/services/users.service.js:4 backlint/require-parameterized-queries',
];

const UNUSED_MESSAGE =
  'There are suppressions left that do not occur anymore. To resolve this, re-run the command with `--prune-suppressions` to remove unused suppressions. To ignore unused suppressions, use `--pass-on-unpruned-suppressions`.';

describe('bulk suppressions', () => {
  it('--suppress-all records every finding (both engines, sorted, POSIX paths); the next run reports none and exits 0', async () => {
    const dir = tree(FILES);
    const first = await lintJson(dir);
    expect(first.code).toBe(1);
    expect(reported(first.report!)).toEqual(ALL);

    const record = await runCli(['.', '--suppress-all', '-f', 'json'], { cwd: dir });
    expect(record.code).toBe(0);
    expect(readFileSync(path.join(dir, 'backlint-suppressions.json'), 'utf8')).toBe(`{
  "openapi.yaml": {
    "backlint/kebab-case-paths": {
      "count": 1
    },
    "backlint/no-verbs-in-paths": {
      "count": 1
    },
    "backlint/require-error-responses": {
      "count": 1
    },
    "backlint/require-operation-docs": {
      "count": 3
    },
    "backlint/require-operation-security": {
      "count": 1
    }
  },
  "src/services/users.service.js": {
    "backlint/require-parameterized-queries": {
      "count": 1
    }
  }
}
`);

    const clean = await runCli(['.', '-f', 'json', '-f', 'sarif:out.sarif', '-f', 'stylish:out.txt'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');
    const report = JSON.parse(clean.stdout) as Report;
    expect(reported(report)).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, suppressed: 8 });
    expect(suppressedBy(report)).toEqual(ALL.map((x) => `${x} suppressions-file`));
    expect(report.unusedSuppressions).toBeUndefined();
    // SARIF: results with an external suppression; stylish: said in the summary.
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8')) as { runs: { results: { suppressions?: { kind: string }[] }[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(8);
    expect(sarif.runs[0]!.results.every((r) => r.suppressions?.[0]?.kind === 'external')).toBe(true);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toContain('8 findings suppressed by the suppressions file');
  });

  it('a new finding of a suppressed rule in a suppressed file surfaces all of that rule’s findings there', async () => {
    const dir = tree(FILES);
    expect((await runCli(['.', '--suppress-all', '-f', 'json'], { cwd: dir })).code).toBe(0);
    writeFileSync(
      path.join(dir, 'src/services/users.service.js'),
      `${SERVICE}\nexports.findByName = async (name) => {\n  return db.query("SELECT * FROM users WHERE name = '" + name + "'");\n};\n`,
    );
    const r = await lintJson(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(reported(r.report!)).toEqual([
      'src/services/users.service.js:4 backlint/require-parameterized-queries',
      'src/services/users.service.js:8 backlint/require-parameterized-queries',
    ]);
    expect(r.report!.summary).toMatchObject({ errors: 2, suppressed: 7 });
  });

  it('a fixed finding leaves an unused suppression: exit 2 with ESLint’s message, unless passed or pruned', async () => {
    const dir = tree(FILES);
    expect((await runCli(['.', '--suppress-all'], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'src/services/users.service.js'), SERVICE.replace("'SELECT * FROM users WHERE id = ' + id", "'SELECT * FROM users WHERE id = $1', [id]"));

    const r = await lintJson(dir);
    expect(r.code).toBe(2);
    expect(reported(r.report!)).toEqual([]);
    expect(r.report!.unusedSuppressions).toEqual([{ file: 'src/services/users.service.js', ruleId: 'backlint/require-parameterized-queries', count: 1 }]);
    expect(r.stderr).toBe(`backlint: ${UNUSED_MESSAGE}\n  src/services/users.service.js: backlint/require-parameterized-queries (1 fewer)\n`);

    expect((await lintJson(dir, ['--pass-on-unpruned-suppressions'])).code).toBe(0);
    // Linting part of the tree compares only the files linted.
    expect((await runCli(['openapi.yaml'], { cwd: dir })).code).toBe(0);

    const pruned = await lintJson(dir, ['--prune-suppressions']);
    expect(pruned.code).toBe(0);
    expect(pruned.stderr).toBe('');
    const file = JSON.parse(readFileSync(path.join(dir, 'backlint-suppressions.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['openapi.yaml']);
    expect((await lintJson(dir)).code).toBe(0);
  });

  it('--prune-suppressions also drops the entries of files that no longer exist', async () => {
    const dir = tree(FILES);
    expect((await runCli(['.', '--suppress-all'], { cwd: dir })).code).toBe(0);
    rmSync(path.join(dir, 'src/services/users.service.js'));
    expect((await runCli(['.', '--prune-suppressions'], { cwd: dir })).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'backlint-suppressions.json'), 'utf8')) as object)).toEqual(['openapi.yaml']);
  });

  it('--suppress-rule records only the rules named (short or qualified ids); the others are still reported', async () => {
    const dir = tree(FILES);
    const r = await lintJson(dir, ['--suppress-rule', 'require-parameterized-queries', '--suppress-rule', 'backlint/require-operation-docs']);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'backlint-suppressions.json'), 'utf8'))).toEqual({
      'openapi.yaml': { 'backlint/require-operation-docs': { count: 3 } },
      'src/services/users.service.js': { 'backlint/require-parameterized-queries': { count: 1 } },
    });
    expect(reported(r.report!)).toEqual([
      'openapi.yaml:1 backlint/require-operation-security',
      'openapi.yaml:6 backlint/kebab-case-paths',
      'openapi.yaml:6 backlint/no-verbs-in-paths',
      'openapi.yaml:8 backlint/require-error-responses',
    ]);
  });

  it('--suppressions-location: the file named (or a directory for it); a named file that does not exist is exit 2', async () => {
    const dir = tree({ ...FILES, 'ci/.keep': '' });
    expect((await runCli(['.', '--suppress-all', '--suppressions-location', 'ci'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'ci/backlint-suppressions.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'backlint-suppressions.json'))).toBe(false);
    expect((await runCli(['.', '--suppressions-location', 'ci/backlint-suppressions.json'], { cwd: dir })).code).toBe(0);
    // Without it, the default file (absent) applies: nothing is suppressed.
    expect((await runCli(['.'], { cwd: dir })).code).toBe(1);

    const missing = await runCli(['.', '--suppressions-location', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('backlint: nope.json: the suppressions file does not exist. Run with --suppress-all or --suppress-rule to create it.\n');
  });

  it('refuses the combinations ESLint refuses, and writing with --stdin or --shard', async () => {
    const dir = tree(FILES);
    const cases: [string[], string][] = [
      [['--suppress-all', '--suppress-rule', 'x'], 'The --suppress-all option and the --suppress-rule option cannot be used together.'],
      [['--suppress-all', '--prune-suppressions'], 'The --suppress-all option and the --prune-suppressions option cannot be used together.'],
      [['--suppress-rule', 'x', '--prune-suppressions'], 'The --suppress-rule option and the --prune-suppressions option cannot be used together.'],
      [['--suppress-all', '--stdin'], 'The --suppress-all, --suppress-rule, and --prune-suppressions options cannot be used with --stdin.'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['.', ...args], { cwd: dir, input: '' });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`backlint: ${message}\n`);
    }
    const shard = await runCli(['.', '--suppress-all', '--shard', '1/2'], { cwd: dir });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('cannot be used with --shard');
  });

  it('a corrupt or hostile suppressions file is exit 2 with the reason, before linting; odd keys are only keys', async () => {
    const dir = tree(FILES);
    const file = path.join(dir, 'backlint-suppressions.json');
    const cases: [string, string][] = [
      ['{ "src/a.js": ', 'backlint: backlint-suppressions.json: not valid JSON'],
      ['[]', 'backlint: backlint-suppressions.json: expected an object of files'],
      ['{"../outside.js": {"backlint/x": {"count": 1}}}', 'backlint: backlint-suppressions.json: "../outside.js" is not a relative path inside the root'],
      ['{"/etc/passwd": {"backlint/x": {"count": 1}}}', 'backlint: backlint-suppressions.json: "/etc/passwd" is not a relative path inside the root'],
      ['{"src\\\\a.js": {"backlint/x": {"count": 1}}}', 'backlint: backlint-suppressions.json: "src\\\\a.js" is not a relative path inside the root'],
      ['{"src/a.js": {"backlint/x": {"count": "1"}}}', 'backlint: backlint-suppressions.json: "src/a.js" › "backlint/x": expected { "count": <a positive integer> }'],
      ['{"src/a.js": {"__proto__": {"count": -1}}}', 'backlint: backlint-suppressions.json: "src/a.js" › "__proto__": expected { "count": <a positive integer> }'],
      ['{"src/a.js": ["backlint/x"]}', 'backlint: backlint-suppressions.json: "src/a.js": expected an object of rule ids'],
    ];
    for (const [text, message] of cases) {
      writeFileSync(file, text);
      const r = await runCli(['.'], { cwd: dir });
      expect(r.code, text).toBe(2);
      expect(r.stderr.startsWith(message), `${text}\n${r.stderr}`).toBe(true);
      expect(r.stdout).toBe('');
    }
    // `__proto__` and `constructor` as a file and a rule: plain keys, no crash, nothing suppressed.
    writeFileSync(file, '{"__proto__": {"constructor": {"count": 1}}, "src/services/users.service.js": {"__proto__": {"count": 1}}}');
    const r = await lintJson(dir, ['--pass-on-unpruned-suppressions']);
    expect(r.code).toBe(1);
    expect(reported(r.report!)).toEqual(ALL);
    expect(r.report!.unusedSuppressions).toEqual([{ file: 'src/services/users.service.js', ruleId: '__proto__', count: 1 }]);
  });
});

describe('the OpenAPI ignore file', () => {
  const IGNORE = `# accepted until v2
openapi.yaml:
  backlint/kebab-case-paths:
    - '#/paths/~1getUsers'
  require-operation-docs:
    - '#/paths/~1getUsers/get'
`;

  it('suppresses a rule’s findings at a pointer and below it (kind openapi-ignore-file); others are reported', async () => {
    const dir = tree({ ...FILES, '.backlint-openapi-ignore.yaml': IGNORE });
    const r = await lintJson(dir);
    expect(r.code).toBe(1);
    expect(reported(r.report!)).toEqual([
      'openapi.yaml:1 backlint/require-operation-security',
      'openapi.yaml:6 backlint/no-verbs-in-paths',
      'openapi.yaml:8 backlint/require-error-responses',
      'src/services/users.service.js:4 backlint/require-parameterized-queries',
    ]);
    expect(suppressedBy(r.report!)).toEqual([
      'openapi.yaml:6 backlint/kebab-case-paths openapi-ignore-file',
      'openapi.yaml:7 backlint/require-operation-docs openapi-ignore-file',
      'openapi.yaml:7 backlint/require-operation-docs openapi-ignore-file',
      'openapi.yaml:7 backlint/require-operation-docs openapi-ignore-file',
    ]);
    // What the ignore file covers is not recorded again by --suppress-all.
    expect((await runCli(['.', '--suppress-all'], { cwd: dir })).code).toBe(0);
    const recorded = JSON.parse(readFileSync(path.join(dir, 'backlint-suppressions.json'), 'utf8')) as Record<string, object>;
    expect(Object.keys(recorded['openapi.yaml']!)).toEqual(['backlint/no-verbs-in-paths', 'backlint/require-error-responses', 'backlint/require-operation-security']);
  });

  it('--openapi-ignore-file names another file (relative paths from its directory); a missing one is exit 2', async () => {
    const dir = tree({ ...FILES, 'api/ignore.yaml': IGNORE.replace('openapi.yaml:', '../openapi.yaml:') });
    const r = await lintJson(dir, ['--openapi-ignore-file', 'api/ignore.yaml']);
    expect(r.code).toBe(1);
    expect(suppressedBy(r.report!)).toHaveLength(4);
    const missing = await runCli(['.', '--openapi-ignore-file', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^backlint: nope\.yaml: cannot be read \(ENOENT/);
  });

  it('a malformed or hostile ignore file is exit 2 with the reason', async () => {
    const cases: [string, string][] = [
      ['openapi.yaml: [', 'backlint: .backlint-openapi-ignore.yaml: not valid YAML'],
      ['- a\n- b\n', 'backlint: .backlint-openapi-ignore.yaml: expected a mapping of document paths'],
      ["../../etc/openapi.yaml:\n  oas3-schema: ['#']\n", 'backlint: .backlint-openapi-ignore.yaml: "../../etc/openapi.yaml" is not a relative path to a document inside the root'],
      ["openapi.yaml:\n  oas3-schema: '#/paths'\n", 'backlint: .backlint-openapi-ignore.yaml: "openapi.yaml" › "oas3-schema": expected a list of JSON pointers'],
      ["openapi.yaml:\n  oas3-schema: ['paths']\n", 'backlint: .backlint-openapi-ignore.yaml: "openapi.yaml" › "oas3-schema": "paths" is not a JSON pointer'],
      ["openapi.yaml:\n  oas3-schema: ['#/a~2b']\n", 'backlint: .backlint-openapi-ignore.yaml: "openapi.yaml" › "oas3-schema": "#/a~2b" is not a JSON pointer'],
      ['a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n', 'backlint: .backlint-openapi-ignore.yaml: not valid YAML'],
    ];
    for (const [text, message] of cases) {
      const dir = tree({ ...FILES, '.backlint-openapi-ignore.yaml': text });
      const r = await runCli(['.'], { cwd: dir });
      expect(r.code, text).toBe(2);
      expect(r.stderr.startsWith(message), `${text}\n${r.stderr}`).toBe(true);
    }
  });
});

describe('--changed-since', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

  function repo(): string {
    const dir = tree(FILES);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');
    return dir;
  }

  const linted = (report: Report) => report.files.map((f) => f.file);

  it('lints the changed files, their importers and their spec-drift pairs, within the paths given', async () => {
    const dir = repo();
    const none = await lintJson(dir, ['--changed-since', 'HEAD']);
    expect(none.code).toBe(0);
    expect(linted(none.report!)).toEqual([]);

    writeFileSync(path.join(dir, 'src/services/users.service.js'), `${SERVICE}// touched\n`);
    const r = await lintJson(dir, ['--changed-since', 'HEAD']);
    expect(r.code).toBe(1);
    // The route file imports the service; the document is paired with the route file.
    expect(linted(r.report!)).toEqual(['openapi.yaml', 'src/routes/users.routes.js', 'src/services/users.service.js']);
    expect(reported(r.report!)).toEqual(ALL);

    // Staged counts too; paths still select.
    git(dir, 'add', 'src/services/users.service.js');
    const part = await runCli(['src/services', '--changed-since', 'HEAD', '-f', 'json'], { cwd: dir });
    expect(linted(JSON.parse(part.stdout) as Report)).toEqual(['src/services/users.service.js']);
  });

  it('committed changes since the ref, and untracked files (not ignored ones)', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'src/other.js'), 'exports.answer = () => 43;\n');
    git(dir, 'commit', '-q', '-am', 'other');
    writeFileSync(path.join(dir, 'src/new.js'), 'exports.x = 1;\n');
    writeFileSync(path.join(dir, '.gitignore'), 'src/ignored.js\n');
    writeFileSync(path.join(dir, 'src/ignored.js'), 'exports.y = 1;\n');
    const r = await lintJson(dir, ['--changed-since', 'HEAD~1']);
    expect(r.code).toBe(0);
    expect(linted(r.report!)).toEqual(['src/new.js', 'src/other.js']);
  });

  it('an unknown ref, a ref that looks like an option, or no git repository: exit 2 with the reason', async () => {
    const dir = repo();
    const unknown = await runCli(['.', '--changed-since', 'no-such-branch'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^backlint: --changed-since: unknown git ref "no-such-branch"/);

    const option = await runCli(['.', '--changed-since=--output=/tmp/x'], { cwd: dir });
    expect(option.code).toBe(2);
    expect(option.stderr).toBe('backlint: --changed-since: "--output=/tmp/x" is not a git ref (a ref cannot start with "-")\n');

    const outside = mkdtempSync(path.join(os.tmpdir(), 'backlint-nogit-'));
    try {
      writeFileSync(path.join(outside, 'a.js'), 'exports.a = 1;\n');
      const r = await runCli(['.', '--changed-since', 'HEAD'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^backlint: --changed-since: .* is not in a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
