/**
 * Issue 13 item 1, through the built CLI: Spectral's structural ids and backlint's own diagnostics
 * are set in the config like rules (validated up front: exit 2, with a did-you-mean), a legacy
 * `/* eslint-env *\/` comment is no parse error with either code engine, and ESLint's own process
 * warnings (a stray `.eslintignore`) never reach stderr.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { assertBuilt, runCli } from './helpers.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { USERS_DOC } from '../helpers/documents.js';

const tree = tempTrees('backlint-config-ids-');

beforeAll(() => assertBuilt());

const DOC = USERS_DOC;

const findings = (stdout: string) =>
  (JSON.parse(stdout) as Report).files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line} ${x.severity} ${x.ruleId}`)).sort();

describe('structural ids and tool diagnostics in the config', () => {
  it('are switched off, to warn or to error like rules, on both sides and per override', async () => {
    const dir = tree({ 'openapi.yaml': DOC, 'broken.js': 'const a = ;\n', 'legacy/old.js': 'const b = ;\n' });
    const before = await runCli(['.', '--format', 'json'], { cwd: dir });
    expect(before.code).toBe(1);
    expect(findings(before.stdout).filter((f) => !f.includes('backlint/require-'))).toEqual([
      'broken.js:1 error backlint/parse-error',
      'legacy/old.js:1 error backlint/parse-error',
      'openapi.yaml:2 error oas3-schema',
      'openapi.yaml:6 error path-params',
    ]);
    const dir2 = tree({
      'openapi.yaml': DOC,
      'broken.js': 'const a = ;\n',
      'legacy/old.js': 'const b = ;\n',
      'backlint.config.json': JSON.stringify({
        rules: { 'oas3-schema': 'off', 'path-params': 'warn', 'backlint/parse-error': 'warn', 'backlint/require-operation-security': 'off' },
        overrides: [{ files: ['legacy/**'], rules: { 'backlint/parse-error': 'off' } }],
      }),
    });
    const after = await runCli(['.', '--format', 'json'], { cwd: dir2 });
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(findings(after.stdout).filter((f) => !f.includes('backlint/require-'))).toEqual([
      'broken.js:1 warning backlint/parse-error',
      'openapi.yaml:6 warning path-params',
    ]);
    // --print-config shows them with the rules that apply to the file.
    const printed = await runCli(['--print-config', 'openapi.yaml'], { cwd: dir2 });
    const rules = (JSON.parse(printed.stdout) as { rules: Record<string, unknown> }).rules;
    expect([rules['oas3-schema'], rules['path-params'], rules['backlint/parse-error']]).toEqual(['off', 'warn', 'warn']);
    // --rule takes them too, and wins.
    const ruled = await runCli(['.', '--format', 'json', '--rule', 'path-params: error'], { cwd: dir2 });
    expect(ruled.code).toBe(1);
    expect(findings(ruled.stdout)).toContain('openapi.yaml:6 error path-params');
  });

  it('refuses unknown ids and options up front: exit 2 with the reason and a did-you-mean', async () => {
    const cases: [object, string][] = [
      [{ rules: { 'oas3-shema': 'off' } }, '"rules.oas3-shema" is not a backlint rule (did you mean "oas3-schema"?); run `backlint rules` for the list'],
      [{ rules: { 'parse-error': 'warn' } }, '"rules.parse-error" is not a backlint rule (did you mean "backlint/parse-error"?); run `backlint rules` for the list'],
      [{ rules: { 'backlint/no-verbs-in-path': 'warn' } }, '"rules.backlint/no-verbs-in-path" is not a backlint rule (did you mean "backlint/no-verbs-in-paths"?); run `backlint rules` for the list'],
      [{ overrides: [{ files: ['x/**'], rules: { 'path-params': ['warn', { strict: true }] } }] }, '"overrides[0].rules.path-params[1]" is options, but path-params takes none: only a severity ("off", "warn" or "error")'],
      [{ rules: { 'backlint/unsafe-ref': 'loud' } }, '"rules.backlint/unsafe-ref" must be "off", "warn", "error" or [severity, options]'],
    ];
    for (const [config, problem] of cases) {
      // A broken file too: nothing is linted before the config is refused.
      const dir = tree({ 'openapi.yaml': DOC, 'broken.js': 'const a = ;\n', 'backlint.config.json': JSON.stringify(config) });
      const r = await runCli(['.'], { cwd: dir });
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `backlint: Invalid backlint config (backlint.config.json): ${problem}\n`]);
    }
  });
});

describe('ESLint-only noise', () => {
  const LEGACY = "/* eslint-env node, mocha */\n/*eslint-env es6*/\nconst fs = require('fs');\nmodule.exports = fs;\n";

  for (const engine of ['oxlint', 'eslint']) {
    it(`a legacy eslint-env comment is not a parse error (--engine ${engine})`, async () => {
      const dir = tree({ 'legacy.js': LEGACY, 'bad-directive.js': "/* eslint backlint/no-such-rule: 'warn' */\nmodule.exports = 1;\n" });
      const r = await runCli(['.', '--format', 'json', '--engine', engine], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      // A bad inline config comment is a directive problem, not a file that could not be parsed.
      expect(findings(r.stdout)).toEqual(['bad-directive.js:1 error backlint/directive']);
    });
  }

  it('a stray .eslintignore (ESLint 9+ warns about it) gives no warning on stderr', async () => {
    const dir = tree({ '.eslintignore': 'dist\n', 'app.js': "const fs = require('fs');\nmodule.exports = fs;\n" });
    for (const engine of ['eslint', 'oxlint']) {
      const r = await runCli(['.', '--engine', engine], { cwd: dir });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toContain('No problems');
    }
  });
});
