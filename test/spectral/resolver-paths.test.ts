import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { memoiseResolverPaths } from '../../src/spectral/resolver-paths.js';

const fromSpectral = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-ref-resolver'));
const pathModule = createRequire(fromSpectral.resolve('@stoplight/json-ref-resolver'))('@stoplight/path') as Record<string, (...a: unknown[]) => string>;

describe('memoiseResolverPaths', () => {
  it("gives json-ref-resolver's path functions memoised versions with the same answers, throws included", () => {
    const inputs = ['/a/b/c.yaml', 'a/../b.yml', './x.yaml', '../../shared/r.yml', 'C:\\docs\\api.yaml', 'file:///tmp/a.yaml', '', '/', 'a//b/./c'];
    const outcome = (f: () => unknown) => {
      try {
        return { value: f() };
      } catch (e) {
        return { threw: String(e) };
      }
    };
    const before = (name: string, args: unknown[]) => outcome(() => pathModule[name]!(...args));
    const cases: [string, unknown[]][] = [
      ...['dirname', 'stripRoot', 'toFSPath', 'normalize', 'isAbsolute', 'extname'].flatMap((n) => inputs.map((i): [string, unknown[]] => [n, [i]])),
      ...inputs.flatMap((a) => inputs.map((b): [string, unknown[]] => ['join', [a, b]])),
      ['join', []],
      ['join', ['/a', 'b', '../c']],
    ];
    const expected = cases.map(([n, args]) => before(n, args));
    const originals = Object.fromEntries(['join', 'dirname', 'stripRoot', 'toFSPath', 'normalize', 'isAbsolute', 'extname'].map((n) => [n, pathModule[n]]));
    expect(memoiseResolverPaths()).toBe(true);
    expect(pathModule.join).not.toBe(originals.join);
    expect(expected.some((e) => 'threw' in e)).toBe(true);
    // Twice: the second round answers from the memo.
    for (let round = 0; round < 2; round++) {
      expect(cases.map(([n, args]) => outcome(() => pathModule[n]!(...args)))).toEqual(expected);
    }
    expect(memoiseResolverPaths()).toBe(true);
    expect(pathModule.dirname).not.toBe(originals.dirname);
  });
});
