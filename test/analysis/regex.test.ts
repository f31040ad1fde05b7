/**
 * The linear rewrites of super-linear regexes (issue: safe on untrusted pull requests) must give
 * exactly the answers the old regexes gave. Each rewrite is compared with the regex it replaced on
 * every short string over an alphabet of the characters that matter to it (exhaustive up to a
 * length), plus seeded random longer strings, plus the edge cases named in the rewrite's comment.
 */
import { describe, expect, it } from 'vitest';
import { escapeRegExp, lastLineStart, replaceBraced, trimEnd, tooLongToJudge, MAX_JUDGED } from '../../src/regex.js';
import { paramName, splitSegmentWords } from '../../src/analysis/paths.js';
import { splitWords } from '../../src/analysis/values.js';
import { findJwt, findOpenAiKey, findProviderSecret, hasInterpolation, isSecretName, userinfoPassword } from '../../src/analysis/secrets.js';
import { classifySql, isSingleRowWhere } from '../../src/analysis/sql.js';
import { withoutVersionSuffix } from '../../rules/require-operation-security.js';
import { nextRouteDir } from '../../src/analysis/routes.js';
import { normalizeMount } from '../../rules/require-auth-rate-limit.js';
import { lifetimeSeconds } from '../../rules/require-jwt-expiry.js';

/** Every string over `alphabet` of length 0..maxLen. */
function* allStrings(alphabet: string[], maxLen: number): Generator<string> {
  let layer = [''];
  yield '';
  for (let len = 1; len <= maxLen; len++) {
    const next: string[] = [];
    for (const s of layer) for (const ch of alphabet) next.push(s + ch);
    yield* next;
    layer = next;
  }
}

/** Seeded random strings built from `pieces` (deterministic: a failure reproduces). */
function* randomStrings(pieces: string[], count: number, maxPieces: number, seed = 1): Generator<string> {
  let x = seed;
  const rnd = (n: number) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x % n;
  };
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = rnd(maxPieces + 1);
    for (let j = 0; j < n; j++) s += pieces[rnd(pieces.length)];
    yield s;
  }
}

/**
 * Compares the rewrite with the regex on every input; returns how many inputs there were, and
 * asserts that a fair share of them made the regex answer something (a match, a change), so the
 * comparison is not between two functions that reject everything.
 */
/** Seeded random edits (insert a piece, delete or replace a character) of valid examples. */
function* mutations(bases: string[], pieces: string[], count: number, seed = 1): Generator<string> {
  let x = seed;
  const rnd = (n: number) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x % n;
  };
  for (let i = 0; i < count; i++) {
    let s = bases[rnd(bases.length)]!;
    for (let edits = rnd(4); edits > 0; edits--) {
      const at = rnd(s.length + 1);
      const op = rnd(3);
      if (op === 0) s = s.slice(0, at) + pieces[rnd(pieces.length)] + s.slice(at);
      else if (op === 1) s = s.slice(0, at) + s.slice(at + 1);
      else s = s.slice(0, at) + pieces[rnd(pieces.length)]!.slice(0, 1) + s.slice(at + 1);
    }
    yield s;
  }
}

function expectSameAsRegex<T>(inputs: Iterable<string>, viaRegex: (s: string) => T, rewrite: (s: string) => T): number {
  let n = 0;
  let hits = 0;
  for (const s of inputs) {
    const want = viaRegex(s);
    const got = rewrite(s);
    if (JSON.stringify(got) !== JSON.stringify(want)) expect({ input: s, got }).toEqual({ input: s, got: want });
    n++;
    if (want !== null && want !== false && JSON.stringify(want) !== JSON.stringify(s)) hits++;
  }
  expect(hits).toBeGreaterThan(n / 50);
  return n;
}

describe('src/regex helpers', () => {
  it('escapeRegExp makes any text match only itself', () => {
    for (const text of ['a.b', '$e', '(x)|[y]{2}*+?^\\/', 'err$', 'a-b']) {
      const re = new RegExp(`^${escapeRegExp(text)}$`);
      expect(re.test(text)).toBe(true);
      expect(re.test(text + 'x')).toBe(false);
      expect(new RegExp(`^${escapeRegExp(text)}$`, 'u').test(text)).toBe(true);
    }
    expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false);
  });

  it('trimEnd removes what /c+$/ removed', () => {
    const n = expectSameAsRegex(allStrings(['/', 'a', '\n'], 6), (s) => s.replace(/\/+$/, ''), (s) => trimEnd(s, '/'));
    expect(n).toBeGreaterThan(1000);
  });

  it('lastLineStart is where a `.*$` can start', () => {
    expect(lastLineStart('abc')).toBe(0);
    expect(lastLineStart('a\nb')).toBe(2);
    expect(lastLineStart('a\r\nb\u2028')).toBe(5);
  });

  it('replaceBraced replaces what /\\{([^}]+)\\}/g replaced', () => {
    const f = (whole: string, name: string) => `<${name}|${whole.length}>`;
    const n = expectSameAsRegex(allStrings(['{', '}', 'a', '$'], 7), (s) => s.replace(/\{([^}]+)\}/g, f), (s) => replaceBraced(s, f));
    expect(n).toBeGreaterThan(20_000);
    expect(replaceBraced('{scheme}://x/{v}', (w, name) => (name === 'scheme' ? 'http' : w))).toBe('http://x/{v}');
  });

  it('bounds: strings over the limit are not judged', () => {
    expect(tooLongToJudge('x'.repeat(MAX_JUDGED.identifier), 'identifier')).toBe(false);
    expect(tooLongToJudge('x'.repeat(MAX_JUDGED.identifier + 1), 'identifier')).toBe(true);
  });
});

describe('identifier splitting', () => {
  const old = (name: string) =>
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase());

  it('splits exactly as the quadratic ([A-Z]+)([A-Z][a-z]) did', () => {
    const n = expectSameAsRegex(allStrings(['A', 'B', 'a', '1', '_'], 6), old, (s) => [...splitWords(s)]);
    expect(n).toBeGreaterThan(15_000);
    expectSameAsRegex(randomStrings(['A', 'B', 'a', 'b', '1', '_', '-', 'HTML', 'Id'], 3000, 20), old, (s) => splitSegmentWords(s));
    expect([...splitWords('parseHTMLResponseId')]).toEqual(['parse', 'html', 'response', 'id']);
  });

  it('does not split names over the identifier bound (a run of capitals is no name)', () => {
    const huge = 'A'.repeat(MAX_JUDGED.identifier + 1) + 'Secret';
    expect(splitWords(huge)).toEqual([]);
    expect(isSecretName(huge)).toBe(false);
    expect(isSecretName('A'.repeat(200) + 'Secret')).toBe(true);
  });
});

describe('paramName', () => {
  const old = (text: string) => text.replace(/^[:*[{.]+|[\]}?]+$|\(.*$|\{.*$/g, '').replace(/^\.\.\./, '');

  it('strips parameter syntax exactly as the old regex did', () => {
    const n = expectSameAsRegex(allStrings([':', '{', '}', '(', ']', '?', '.', 'a', '\n'], 5), old, paramName);
    expect(n).toBeGreaterThan(60_000);
    expectSameAsRegex(randomStrings([':', '*', '[', '{', '}', '(', ')', ']', '?', '.', '...', 'id', '\n', '\u2028'], 5000, 12), old, paramName);
    expect(paramName(':post_id(\\d+)')).toBe('post_id');
    expect(paramName('[...slug]')).toBe('slug');
    expect(paramName('{id}')).toBe('id');
  });
});

describe('secret formats', () => {
  const oldOpenAi = (s: string) => /\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/.exec(s)?.[0] ?? null;
  const oldJwt = (s: string) => /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/.exec(s)?.[0] ?? null;

  it('finds OpenAI keys exactly where the old regex did', () => {
    const n = expectSameAsRegex(
      mutations(
        [`sk-${'a'.repeat(20)}T3BlbkFJ${'b'.repeat(20)}`, `x sk-proj-${'a'.repeat(21)}T3BlbkFJ${'b'.repeat(21)}.`, `sk-sk-${'a'.repeat(16)}T3BlbkFJT3BlbkFJ${'b'.repeat(20)}`],
        ['sk-', 'proj-', 'T3BlbkFJ', 'a', '-', '_', '.', ' ', 'x'],
        20_000,
      ),
      oldOpenAi,
      findOpenAiKey,
    );
    expect(n).toBe(20_000);
    const key = `sk-proj-${'a'.repeat(40)}T3BlbkFJ${'b'.repeat(40)}`;
    expect(findOpenAiKey(`"${key}"`)).toBe(key);
    // A `-` is no word character: a key after one still starts at `sk-`.
    expect(findOpenAiKey(`x-${key}`)).toBe(key);
    expect(findOpenAiKey(`x_${key}`)).toBe(null);
  });

  it('finds JWTs exactly where the old regex did', () => {
    const n = expectSameAsRegex(
      mutations(
        [`eyJ${'a'.repeat(8)}.eyJ${'b'.repeat(8)}.${'c'.repeat(16)}`, `x-eyJ${'a'.repeat(9)}.eyJ${'b'.repeat(9)}.${'c'.repeat(17)} y`, `eyJeyJ${'a'.repeat(6)}.eyJ${'b'.repeat(8)}.eyJ${'c'.repeat(16)}`],
        ['eyJ', 'a', '.', '-', '_', ' ', 'x'],
        20_000,
        7,
      ),
      oldJwt,
      findJwt,
    );
    expect(n).toBe(20_000);
    const jwt = `eyJ${'a'.repeat(20)}.eyJ${'b'.repeat(20)}.${'c'.repeat(43)}`;
    expect(findJwt(`Bearer ${jwt}`)).toBe(jwt);
    expect(findJwt(`eyJ-${jwt}`)).toBe(`eyJ-${jwt}`);
  });

  it('findProviderSecret skips text over the secret-candidate bound', () => {
    const key = `sk-proj-${'aB3dE5fG7h'.repeat(4)}T3BlbkFJ${'Kq9Lm2Np4R'.repeat(4)}`;
    expect(findProviderSecret(`${' '.repeat(1000)}${key}`)?.kind).toBe('OpenAI API key');
    expect(findProviderSecret(`${' '.repeat(MAX_JUDGED.secretCandidate)}${key}`)).toBe(null);
  });

  it('hasInterpolation answers as /\\$\\{[^}]+\\}|\\{\\{[^}]+\\}\\}/ did', () => {
    const n = expectSameAsRegex(allStrings(['$', '{', '}', 'a'], 7), (s) => /\$\{[^}]+\}|\{\{[^}]+\}\}/.test(s), hasInterpolation);
    expect(n).toBeGreaterThan(20_000);
  });

  it('userinfoPassword captures what the URL-credential regex captured', () => {
    const old = (s: string) => /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@'"`]*):([^\s/@'"`]+)@[\w.-]+/i.exec(s)?.[2] ?? null;
    const n = expectSameAsRegex(
      mutations(
        ['postgres://user:pw@db.x', 'x+a.b://:p:w@h', 'Z1://u:p@h/a://v:q@i', "'a-b://u:p@h'"],
        ['a', 'B', '1', '+', '.', '-', '_', '://', ':', '@', '/', ' ', "'"],
        30_000,
        3,
      ),
      old,
      userinfoPassword,
    );
    expect(n).toBe(30_000);
    expect(userinfoPassword('postgres://app:s3cr3t@db.internal:5432/x')).toBe('s3cr3t');
  });
});

describe('other rewrites', () => {
  it('upserts: ON CONFLICT … DO UPDATE and ON DUPLICATE KEY UPDATE', () => {
    const kind = (sql: string) => classifySql(sql)?.kind;
    expect(kind('INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2')).toBe('upsert');
    expect(kind('INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING')).not.toBe('upsert');
    expect(kind('INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2')).toBe('upsert');
    expect(kind(`INSERT INTO t VALUES (1) ${'ON CONFLICT '.repeat(3)} DO UPDATE SET a = 1`)).toBe('upsert');
    expect(kind('INSERT INTO t VALUES (1) DO UPDATE ON CONFLICT')).not.toBe('upsert');
  });

  it('nextRouteDir finds the directory the Next.js route regex captured', () => {
    const old = (f: string) => {
      const m = /(?:^|\/)app((?:\/[^/]+)*)\/route\.(?:[cm]?[jt]sx?)$/.exec(f);
      return m ? (m[1] ?? '') : null;
    };
    const n = expectSameAsRegex(
      mutations(['/r/app/a/b/route.ts', 'app/route.mjs', 'x/app/app/(g)/route.tsx', 'apps/app/x/route.js'], ['app', '/', 'x', 'route.ts', '(g)', '.'], 20_000, 5),
      old,
      nextRouteDir,
    );
    expect(n).toBe(20_000);
    expect(nextRouteDir('/repo/src/app/users/[id]/route.ts')).toBe('/users/[id]');
    expect(nextRouteDir('app/route.js')).toBe('');
  });

  it('normalizeMount cuts what /\\/?\\*.*$/ and /\\/+$/ cut', () => {
    const old = (p: string) => p.replace(/\/?\*.*$/, '').replace(/\/+$/, '');
    const n = expectSameAsRegex(allStrings(['/', '*', 'a', '\n'], 7), old, normalizeMount);
    expect(n).toBeGreaterThan(20_000);
  });

  it('withoutVersionSuffix removes what /v?\\d+$/ removed', () => {
    const n = expectSameAsRegex(
      allStrings(['v', '1', '2', 'a'], 7),
      (s) => s.replace(/v?\d+$/, ''),
      withoutVersionSuffix,
    );
    expect(n).toBeGreaterThan(20_000);
  });

  it('isSingleRowWhere answers as the WHERE id = … (?![^]*\\bOR\\b) regex did', () => {
    const old = (s: string) => /\bWHERE\s+(?:["`]?\w+["`]?\.)?["`]?(?:id|uuid)["`]?\s*=\s*(?:\$\d+|\?|:\w+|@\w+|''|\d+)(?![^]*\bOR\b)/i.test(s);
    const n = expectSameAsRegex(
      mutations(['SELECT * FROM t WHERE id = $1', 'SELECT a FROM t WHERE "t"."id" = ? OR x', 'x WHERE t.uuid=:u AND y OR z WHERE id = 1'], ['WHERE ', 'OR', ' ', '"', '.', 'id', '1', '=', 'x'], 20_000, 11),
      old,
      isSingleRowWhere,
    );
    expect(n).toBe(20_000);
  });

  it('lifetimeSeconds: same answers as the cubic regex, and long strings are not judged', () => {
    const old = (value: string) => {
      const m = /^\s*\+?\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*$/i.exec(value);
      if (!m) return null;
      return [m[1], m[2] ? m[2] : ''];
    };
    const viaNew = (value: string) => {
      const m = /^\+?\s*(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
      return m ? [m[1], m[2]] : null;
    };
    const n = expectSameAsRegex(allStrings([' ', '+', '1', '.', 'm', '\t'], 6), old, viaNew);
    expect(n).toBeGreaterThan(40_000);
    expect(lifetimeSeconds(' + 15 m ')).toBe(900);
    expect(lifetimeSeconds('15' + ' '.repeat(MAX_JUDGED.shortValue))).toBe(null);
  });
});
