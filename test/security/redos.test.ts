/**
 * ReDoS (issue: safe on untrusted pull requests). backlint runs in CI on code and documents from
 * pull requests anyone can open, so no regex in src/ or rules/ may take super-linear time.
 *
 * - Every regex literal and every `new RegExp(...)` / `RegExp(...)` with a static pattern in
 *   src/**\/*.ts and rules/**\/*.ts is found by parsing the files (TypeScript's parser) and checked
 *   with `recheck`; anything not proven 'safe' fails, with file:line, pattern and complexity.
 * - A RegExp built from non-literal parts must interpolate only `escapeRegExp(...)` (then its
 *   pattern is checked too, with a stand-in name), or be one of the REVIEWED constructions below.
 * - The attack inputs that used to hang the CLI go through the real CLI and must finish with the
 *   right findings.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { check, type Diagnostics } from 'recheck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli } from '../cli/helpers.js';

interface StaticRegex {
  where: string;
  source: string;
  flags: string;
}

interface DynamicRegex {
  file: string;
  where: string;
  /** The pattern argument's source text. */
  argument: string;
  /** For a template whose every substitution is `escapeRegExp(...)`: the pattern with a stand-in name. */
  escapedPattern: string | null;
  flags: string;
}

/**
 * RegExps built from config options by design (the option IS a regex). Globs are not compiled to
 * regexes at all (src/config/glob.ts; hostile globs in test/cli/config.test.ts).
 * Each is keyed by file and argument text (not line: lines move on every merge). The reasons are
 * what a reviewer checked; the test fails when an entry no longer exists, so the list stays true.
 */
const REVIEWED: Record<string, { argument: string; why: string }[]> = {
  'src/analysis/paths.ts': [
    { argument: 'p', why: 'the `versionPattern` option (a regex by contract), judged on one path segment of a path under MAX_JUDGED.path' },
  ],
  'src/analysis/secrets.ts': [
    { argument: 'src', why: 'the `testFilePatterns` option (a regex by contract), judged on a project-relative file path' },
  ],
  'rules/no-hardcoded-secrets.ts': [
    { argument: 's', why: 'the `allow` option (regexes by contract), judged on secret candidates under MAX_JUDGED.secretCandidate' },
    { argument: 's', why: 'the same option on the Spectral face, judged on the secrets a document holds (provider-format matches, URL passwords, secret defaults)' },
  ],
  'rules/require-api-version.ts': [
    { argument: 'options.pattern', why: 'the `pattern` option (a regex by contract), judged on path segments (ESLint face)' },
    { argument: 'options.pattern', why: 'the same option on the Spectral face' },
  ],
};

/**
 * Static regexes recheck does not prove safe, each run only on strings of a bounded length (the
 * proof: where the bound is enforced). Worst case there is quadratic in that bound, not in the input.
 */
const BOUNDED: Record<string, { source: string; why: string }[]> = {
  'src/analysis/secrets.ts': [
    {
      source: '(?:^|[^a-z])(?:your|my[-_]?(?:api|secret|token)|example|placeholder|dummy|fake|sample|replace|insert|redacted|masked|todo|fixme|tbd|notreal|not[-_ ]?a[-_ ]?(?:real|secret)|x{3,})(?:$|[^a-z])',
      why: 'PLACEHOLDER_WORDS: isPlaceholder tests it only when !tooLongToJudge(v, "placeholder") (1,024 chars)',
    },
  ],
};

const SCAN_ROOTS = ['src', 'rules'];

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function staticText(node: ts.Expression | undefined): string | null {
  if (!node) return '';
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null;
}

function isRegExpConstruction(node: ts.Node): node is ts.NewExpression | ts.CallExpression {
  return (ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp';
}

/** `escapeRegExp(...)` and nothing else. */
function isEscapeCall(node: ts.Expression): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'escapeRegExp';
}

function collect(): { statics: StaticRegex[]; dynamics: DynamicRegex[] } {
  const statics: StaticRegex[] = [];
  const dynamics: DynamicRegex[] = [];
  for (const root of SCAN_ROOTS) {
    for (const abs of tsFiles(path.join(ROOT, root))) {
      const file = path.relative(ROOT, abs).split(path.sep).join('/');
      const sf = ts.createSourceFile(abs, readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const where = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = (node as ts.RegularExpressionLiteral).text;
          const end = text.lastIndexOf('/');
          statics.push({ where: where(node), source: text.slice(1, end), flags: text.slice(end + 1) });
        } else if (isRegExpConstruction(node)) {
          const [patternArg, flagsArg] = node.arguments ?? [];
          const flags = staticText(flagsArg);
          const pattern = staticText(patternArg);
          if (pattern !== null && flags !== null) {
            statics.push({ where: where(node), source: pattern, flags });
          } else {
            let escapedPattern: string | null = null;
            if (patternArg && ts.isTemplateExpression(patternArg) && flags !== null && patternArg.templateSpans.every((s) => isEscapeCall(s.expression))) {
              escapedPattern = patternArg.head.text + patternArg.templateSpans.map((s) => `err${s.literal.text}`).join('');
            }
            dynamics.push({ file, where: where(node), argument: patternArg?.getText(sf) ?? '', escapedPattern, flags: flags ?? '' });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  return { statics, dynamics };
}

/**
 * recheck's verdict. Its fuzzer is time-boxed and this machine is shared, so a check that ran out
 * of time is retried alone with a longer budget before it counts as 'unknown' (which fails).
 */
async function verdict(source: string, flags: string): Promise<Diagnostics> {
  const first = await check(source, flags, { timeout: 20_000 });
  if (first.status !== 'unknown' || first.error?.kind !== 'timeout') return first;
  return check(source, flags, { timeout: 90_000 });
}

async function inPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function describeVerdict(d: Diagnostics): string {
  if (d.status === 'vulnerable') return `vulnerable: ${d.complexity.summary}${d.attack ? ` (attack: ${JSON.stringify(d.attack.pattern)})` : ''}`;
  if (d.status === 'unknown') return `unknown: ${d.error.kind}`;
  return d.status;
}

describe('every regex in src/ and rules/ runs in linear time', () => {
  const { statics, dynamics } = collect();

  it('finds the regexes by parsing (a scan that finds none proves nothing)', () => {
    expect(statics.length).toBeGreaterThan(200);
    expect(statics.some((r) => r.where.startsWith('src/analysis/secrets.ts') && r.source.includes('AKIA'))).toBe(true);
    expect(dynamics.length).toBeGreaterThanOrEqual(7);
  });

  it('recheck proves each static regex safe', { timeout: 30 * 60_000 }, async () => {
    // The same pattern often appears in several places: check each (source, flags) once.
    const unique = new Map<string, StaticRegex[]>();
    for (const r of statics) {
      const key = `/${r.source}/${r.flags}`;
      unique.set(key, [...(unique.get(key) ?? []), r]);
    }
    const entries = [...unique.values()];
    const verdicts = await inPool(entries, 2, (sites) => verdict(sites[0]!.source, sites[0]!.flags));
    const bounded = (r: StaticRegex) => (BOUNDED[r.where.slice(0, r.where.lastIndexOf(':'))] ?? []).some((b) => b.source === r.source);
    const failures = entries.flatMap((sites, i) =>
      verdicts[i]!.status === 'safe' ? [] : sites.filter((r) => !bounded(r)).map((r) => `${r.where}  /${r.source}/${r.flags}  ${describeVerdict(verdicts[i]!)}`),
    );
    expect(failures).toEqual([]);
    // Every bounded entry still names a regex that exists.
    for (const [file, list] of Object.entries(BOUNDED)) {
      for (const b of list) expect(statics.some((r) => r.where.startsWith(`${file}:`) && r.source === b.source), `${file}: ${b.source}`).toBe(true);
    }
  });

  it('a RegExp built from code or config escapes what it interpolates, or is reviewed', async () => {
    const unreviewed: string[] = [];
    const unused = new Map(Object.entries(REVIEWED).map(([file, list]) => [file, [...list]]));
    const escaped = dynamics.filter((d) => d.escapedPattern !== null);
    for (const d of dynamics) {
      if (d.escapedPattern !== null) continue;
      const list = unused.get(d.file) ?? [];
      const i = list.findIndex((r) => r.argument === d.argument);
      if (i === -1) unreviewed.push(`${d.where}  new RegExp(${d.argument})`);
      else list.splice(i, 1);
    }
    expect(unreviewed).toEqual([]);
    expect([...unused.entries()].filter(([, list]) => list.length).map(([file, list]) => `${file}: ${list.map((r) => r.argument).join(', ')}`)).toEqual([]);
    // The error-detail analysis (no-leaked-error-details) matches the catch parameter by name.
    expect(escaped.map((d) => d.file)).toContain('src/analysis/error-details.ts');
    const verdicts = await Promise.all(escaped.map((d) => verdict(d.escapedPattern!, d.flags)));
    expect(escaped.flatMap((d, i) => (verdicts[i]!.status === 'safe' ? [] : [`${d.where}  /${d.escapedPattern}/  ${describeVerdict(verdicts[i]!)}`]))).toEqual([]);
  });
});

describe('attack inputs through the CLI', () => {
  let dir: string;

  beforeAll(() => {
    assertBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-redos-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function project(name: string, files: Record<string, string>): string {
    const root = path.join(dir, name);
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(root, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    return root;
  }

  /** The findings as file:line:rule, and the files linted (so a skipped file cannot pass for a fast one). */
  async function findings(root: string): Promise<{ code: number | null; found: string[]; linted: string[] }> {
    const res = await runCli(['.', '--format', 'json'], { cwd: root });
    const report = JSON.parse(res.stdout) as { files: { file: string; findings: { ruleId: string; file: string; line: number }[] }[] };
    const found = report.files.flatMap((f) => f.findings.map((x) => `${x.file}:${x.line}:${x.ruleId}`)).sort();
    return { code: res.code, found, linted: report.files.map((f) => f.file).sort() };
  }

  it('an expiresIn of 50 KB of spaces (cubic before) is no duration: not judged, while a 7-day access token still is', async () => {
    // recheck's attack shape: blanks, a digit, blanks, and a tail that makes the match fail.
    const spaces = `${' '.repeat(25_000)}1${' '.repeat(25_000)}!`;
    const root = project('jwt-expiry', {
      'package.json': '{"name":"x","type":"module"}',
      'src/token.js': [
        "import jwt from 'jsonwebtoken';",
        `export const accessToken = (user, key) => jwt.sign({ sub: user.id }, key, { expiresIn: '${spaces}' });`,
        "export function signAccessToken(user, key) { return jwt.sign({ sub: user.id }, key, { expiresIn: '7d' }); }",
        '',
      ].join('\n'),
    });
    const { code, found, linted } = await findings(root);
    expect(linted).toEqual(['src/token.js']);
    expect(found).toEqual(['src/token.js:3:backlint/require-jwt-expiry']);
    expect(code).toBe(1);
  });

  it('identifiers of 100 000 capitals (quadratic word split before) are not judged, and nothing hangs', async () => {
    // Over MAX_JUDGED the name is no secret name and the route path is not judged (kebab-case-paths
    // reported line 5 before); the short `apiKey` beside them still is.
    const caps = 'A'.repeat(100_000);
    const root = project('identifiers', {
      'package.json': '{"name":"x","type":"module"}',
      'src/app.js': [
        "import express from 'express'; import helmet from 'helmet';",
        'const app = express(); app.use(helmet());',
        `const ${caps}SECRET_KEY = 'k9Xr2mQ7vL4pZ8wT';`,
        `export const config = { ${caps}Password: 'k9Xr2mQ7vL4pZ8wT', apiKey: 'k9Xr2mQ7vL4pZ8wT' };`,
        `app.get('/${caps}Items/:id', (req, res) => res.json({ ${caps}: 1 }));`,
        '',
      ].join('\n'),
    });
    const { code, found, linted } = await findings(root);
    expect(linted).toEqual(['src/app.js']);
    expect(found).toEqual(['src/app.js:4:backlint/no-hardcoded-secrets']);
    expect(code).toBe(1);
  });

  it('300 KB strings shaped like JWTs and OpenAI keys (quadratic before) are scanned once; real ones are still found', async () => {
    const jwtLike = 'eyJ-'.repeat(75_000);
    const openAiLike = 'sk-'.repeat(100_000);
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"1234567890","role":"admin"}').toString('base64url');
    const realJwt = `${header}.${payload}.${'s'.repeat(43)}`;
    const realKey = `sk-proj-${'a1B2c3D4e5'.repeat(4)}T3BlbkFJ${'f6G7h8I9j0'.repeat(4)}`;
    const root = project('secrets', {
      'package.json': '{"name":"x","type":"module"}',
      // A short first line: a first line over 1,000 characters would be skipped as minified.
      'src/jwt-like.js': `// fixture\nexport const blob = '${jwtLike}';\n`,
      'src/openai-like.js': `// fixture\nexport const blob = '${openAiLike}';\n`,
      'src/real.js': `export const token = '${realJwt}';\nexport const client = { auth: '${realKey}' };\n`,
    });
    const { code, found, linted } = await findings(root);
    expect(linted).toEqual(['src/jwt-like.js', 'src/openai-like.js', 'src/real.js']);
    expect(found).toEqual(['src/real.js:1:backlint/no-hardcoded-secrets', 'src/real.js:2:backlint/no-hardcoded-secrets']);
    expect(code).toBe(1);
  });
});
