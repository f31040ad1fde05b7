/** Config validation and lookup (src/config). */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../../src/config/load.js';
import { BacklintUsageError, validateConfig } from '../../src/config/schema.js';
import { compileGlob, matchesAny } from '../../src/config/glob.js';

// Any rule that exists in the catalog: the tests must not depend on which rules have landed.
// A rule that takes options (`allow`): the options below are checked against its schema.
const someRule = 'backlint/no-verbs-in-paths';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'backlint-config-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BacklintUsageError);
    return (e as Error).message;
  }
  throw new Error('expected a BacklintUsageError');
}

describe('validateConfig', () => {
  it('accepts every documented key and normalises numeric severities', () => {
    expect(
      validateConfig(
        {
          preset: 'strict',
          rules: { [someRule]: 'off' },
          ignore: 'legacy/**',
          overrides: [{ files: '**/*.test.ts', rules: { [someRule]: [1, { allow: ['x'] }] } }],
        },
        'test',
      ),
    ).toEqual({
      preset: 'strict',
      rules: { [someRule]: 'off' },
      ignore: ['legacy/**'],
      overrides: [{ files: ['**/*.test.ts'], rules: { [someRule]: ['warn', { allow: ['x'] }] } }],
    });
  });

  it("takes Spectral's structural ids and the tool diagnostics with a severity, and suggests the nearest id", () => {
    expect(validateConfig({ rules: { 'oas3-schema': 0, 'backlint/parse-error': 'warn', 'invalid-ref': ['error'] } }, 'f')).toEqual({
      rules: { 'oas3-schema': 'off', 'backlint/parse-error': 'warn', 'invalid-ref': ['error'] },
    });
    expect(message(() => validateConfig({ rules: { 'path-param': 'off' } }, 'f'))).toContain('(did you mean "path-params"?)');
    expect(message(() => validateConfig({ rules: { 'unsafe-ref': 'off' } }, 'f'))).toContain('(did you mean "backlint/unsafe-ref"?)');
    expect(message(() => validateConfig({ rules: { 'backlint/parse-error': ['warn', {}] } }, 'f'))).toContain('"rules.backlint/parse-error[1]" is options, but backlint/parse-error takes none');
    // Nothing near: no suggestion rather than a far-fetched one.
    expect(message(() => validateConfig({ rules: { 'backlint/nope': 'warn' } }, 'f'))).not.toContain('did you mean');
  });

  it('names the bad key', () => {
    expect(message(() => validateConfig({ rulez: {} }, 'f'))).toBe('Invalid backlint config (f): "rulez" is not a known key (expected preset, rules, ignore, overrides, limits, drift)');
    expect(message(() => validateConfig({ preset: 'all' }, 'f'))).toBe('Invalid backlint config (f): "preset" must be one of recommended, strict');
    expect(message(() => validateConfig({ rules: { 'backlint/nope': 'warn' } }, 'f'))).toContain('"rules.backlint/nope" is not a backlint rule');
    expect(message(() => validateConfig({ rules: { [someRule]: 'loud' } }, 'f'))).toContain(`"rules.${someRule}" must be "off", "warn", "error"`);
    expect(message(() => validateConfig({ rules: { [someRule]: ['warn', 'x'] } }, 'f'))).toContain(`"rules.${someRule}[1]" must be an options object`);
    expect(message(() => validateConfig({ overrides: [{ rules: {} }] }, 'f'))).toContain('"overrides[0].files" is required');
    expect(message(() => validateConfig({ overrides: [{ files: ['a'], rules: { 'backlint/nope': 'off' } }] }, 'f'))).toContain(
      '"overrides[0].rules.backlint/nope" is not a backlint rule',
    );
    expect(message(() => validateConfig({ ignore: [''] }, 'f'))).toContain('"ignore" must be a glob');
  });

  it('suggests the prefixed id for a bare rule id', () => {
    const bare = someRule.slice('backlint/'.length);
    expect(message(() => validateConfig({ rules: { [bare]: 'off' } }, 'f'))).toContain(`did you mean "${someRule}"?`);
  });
});

describe('config lookup', () => {
  it('finds backlint.config.json, .yaml, .yml or package.json#backlint from cwd upward; nearest wins', () => {
    const root = tmp();
    const sub = path.join(root, 'a/b');
    mkdirSync(sub, { recursive: true });
    expect(findConfigFile(sub)).toBeUndefined();
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x', backlint: { preset: 'strict' } }));
    expect(findConfigFile(sub)).toBe(path.join(root, 'package.json'));
    expect(loadConfig(sub)).toEqual({ preset: 'strict', file: path.join(root, 'package.json'), baseDir: root });
    writeFileSync(path.join(root, 'a/backlint.config.yml'), 'preset: recommended\nignore:\n  - gen/**\n');
    expect(loadConfig(sub)).toEqual({ preset: 'recommended', ignore: ['gen/**'], file: path.join(root, 'a/backlint.config.yml'), baseDir: path.join(root, 'a') });
  });

  it('a package.json without a backlint key is not a config', () => {
    const root = tmp();
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x' }));
    expect(loadConfig(root)).toEqual({ baseDir: root });
  });

  it('--config names a file; missing or unparsable files are usage errors', () => {
    const root = tmp();
    writeFileSync(path.join(root, 'custom.yaml'), 'preset: strict\n');
    expect(loadConfig(root, 'custom.yaml').preset).toBe('strict');
    expect(message(() => loadConfig(root, 'nope.json'))).toBe('Config file not found: nope.json');
    writeFileSync(path.join(root, 'backlint.config.json'), '{ "preset": ');
    expect(message(() => loadConfig(root))).toContain('Cannot parse config file');
  });
});

describe('globs', () => {
  it('follows flat-config semantics', () => {
    expect(matchesAny('src/a.ts', ['src/**'])).toBe(true);
    expect(matchesAny('src/x/y/a.test.ts', ['**/*.test.ts'])).toBe(true);
    expect(matchesAny('a.test.ts', ['**/*.test.ts'])).toBe(true);
    expect(matchesAny('src/a.test.ts', ['*.test.ts'])).toBe(false);
    expect(matchesAny('api/v1.yaml', ['api/*.{yaml,yml}'])).toBe(true);
    expect(matchesAny('api/v1.json', ['api/*.{yaml,yml}'])).toBe(false);
    expect(matchesAny('./docs/openapi.yaml', ['docs/openapi.yaml'])).toBe(true);
    expect(compileGlob('a?c')('abc')).toBe(true);
    expect(compileGlob('a?c')('a/c')).toBe(false);
    expect(matchesAny('.github/x.yml', ['**/*.yml'])).toBe(true);
    expect(matchesAny('src/b.ts', ['src/[a-c].ts'])).toBe(true);
    expect(matchesAny('src/d.ts', ['src/[a-c].ts'])).toBe(false);
    expect(matchesAny('src/d.ts', ['src/[!a-c].ts'])).toBe(true);
    expect(matchesAny('src/a/b/c.spec.ts', ['src/**/*.{test,spec}.{ts,js}'])).toBe(true);
    expect(matchesAny('x/y.ts', ['{x,{y,z}}/*.ts'])).toBe(true);
    expect(matchesAny('z/y.ts', ['{x,{y,z}}/*.ts'])).toBe(true);
    expect(matchesAny('a*b.ts', ['a\\*b.ts'])).toBe(true);
    expect(matchesAny('axb.ts', ['a\\*b.ts'])).toBe(false);
    expect(matchesAny('src/a.ts', ['src/**/a.ts'])).toBe(true);
    expect(matchesAny('src/a/b', ['src/**/b/**'])).toBe(true);
  });

  it('refuses globs that cannot be compiled or expand past 256 alternatives', () => {
    expect(() => compileGlob('{a,b')).toThrow('invalid glob "{a,b": unclosed "{"');
    expect(() => compileGlob('[z-a].ts')).toThrow('range out of order in character class');
    expect(() => compileGlob('{a,b}'.repeat(9))).toThrow('more than 256 alternatives');
  });

  // A backtracking compiler (picomatch, minimatch, the regex this replaced) does not finish these
  // within the test timeout: picomatch took 1,494 s for the first on a 200-character path.
  it('match hostile globs against long paths without backtracking', () => {
    const deep = `${'a/'.repeat(1500)}c`;
    const long = 'a'.repeat(4000);
    expect(matchesAny(long, ['**/*a*a*a*a*a*a*a*a*a*a*a*b'])).toBe(false);
    expect(matchesAny(long, ['**/*a*a*a*a*a*a*a*a*a*a*a*a'])).toBe(true);
    expect(matchesAny(deep, ['**/a/**/a/**/a/**/a/**/a/**/b'])).toBe(false);
    expect(matchesAny(deep, ['**/a/**/a/**/a/**/a/**/a/**/c'])).toBe(true);
    expect(matchesAny(`${('a'.repeat(200) + '/').repeat(15)}c`, ['**/*a*a*/**/b'])).toBe(false);
  });
});
