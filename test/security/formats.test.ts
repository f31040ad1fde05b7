/**
 * Hostile file names and OpenAPI path keys through the real CLI, in every format people or CI read:
 * markdown (a pull-request comment) gets no active image, link, HTML, mention or issue reference
 * and keeps its table; github workflow commands stay one command per finding; stylish and junit
 * carry no terminal escapes, bidi controls or characters XML 1.0 forbids; SARIF (including a
 * `%YAML 1.1` document, whose parse errors come at column 0) passes the SARIF multitool's validator.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli } from '../cli/helpers.js';

const require = createRequire(import.meta.url);
const MULTITOOL = require('@microsoft/sarif-multitool-linux') as string;
// The package makes its binary executable in a postinstall script, which an npm that does not run
// unapproved install scripts (or `npm ci --ignore-scripts`) skips.
try {
  chmodSync(MULTITOOL, 0o755);
} catch {
  // intentionally ignored: a read-only install keeps whatever mode it has; validate() then fails loudly
}

// C0 (but tab and newline) and C1 controls, bidi controls and marks, line/paragraph separators.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** File names a pull request can add (anything but `/` and NUL), each holding one finding. */
const HOSTILE_FILES = [
  '![x](https:__evil.example_a.png).js',
  '[click](https:__evil.example) www.evil.example.js',
  'hi @octocat #1 <img src=x onerror=alert(1)>.js',
  'a|b`c`|d *e* $x$ &amp; :smile:.js',
  '\u001b[2J\u001b]0;pwned\u0007.js',
  '\u202Egnp.js',
  '\u2066isolate\u2069 \u0085 c1.js',
  'x\n::add-mask::y,z:w%0A\r::set-env name=A::b.js',
];

const HOSTILE_KEYS = [
  '/Users_![x](https://evil.example/a.png)@octocat',
  '/getThings[click](https://evil.example) <img src=x> #1 www.evil.example',
  '/a\\|b`c`|d\u001b[31m\u202E\u2067',
];

let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-formats-'));
  for (const name of HOSTILE_FILES) writeFileSync(path.join(dir, name), 'export const agent = { rejectUnauthorized: false };\n');
  const paths = HOSTILE_KEYS.map((k) => `  ${JSON.stringify(k)}:\n    get:\n      responses:\n        "200":\n          description: ok\n`).join('');
  const doc = `openapi: 3.0.3\ninfo:\n  title: t\n  version: "1"\npaths:\n${paths}`;
  writeFileSync(path.join(dir, 'api.yaml'), doc);
  // YAML 1.1 is refused by Spectral's parser, with diagnostics at column 0 of line 1.
  writeFileSync(path.join(dir, 'legacy.yaml'), `%YAML 1.1\n---\n${doc}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outputs = new Map<string, Promise<string>>();

/** The CLI's output on the hostile directory (one run per format and flags). */
function run(format: string, extra: string[] = []): Promise<string> {
  const key = [format, ...extra].join(' ');
  if (!outputs.has(key)) {
    outputs.set(
      key,
      runCli(['.', '--format', format, ...extra], { cwd: dir }).then((res) => {
        expect(res.stderr).toBe('');
        expect(res.code).toBe(1);
        return res.stdout;
      }),
    );
  }
  return outputs.get(key)!;
}

interface JsonReport {
  files: { file: string; findings: { ruleId: string; message: string; severity: string }[] }[];
}

describe('hostile file names and path keys', () => {
  it('every hostile file and path key is linted (so the checks below are not vacuous)', async () => {
    const report = JSON.parse(await run('json')) as JsonReport;
    const files = report.files.map((f) => f.file);
    expect(files).toEqual(expect.arrayContaining([...HOSTILE_FILES, 'api.yaml', 'legacy.yaml']));
    for (const name of HOSTILE_FILES) {
      expect(report.files.find((f) => f.file === name)!.findings.map((f) => f.ruleId)).toEqual(['backlint/no-disabled-tls-verification']);
    }
    const messages = report.files.find((f) => f.file === 'api.yaml')!.findings.map((f) => f.message);
    for (const key of HOSTILE_KEYS) expect(messages.some((m) => m.includes(key))).toBe(true);
  });

  it('markdown: no image, link, HTML, mention, issue reference or autolink of theirs; the tables hold', async () => {
    const md = await run('markdown');
    expect(md).not.toMatch(INVISIBLE);
    // What the renderer acts on: the text once backslash escapes and our zero-width spaces are taken out.
    const bare = md
      .split('\n')
      .map((l) => l.replace(/\\[\s\S]/g, '').replace(/&#8203;/g, ''));
    const ours = /\[`backlint\/[a-z-]+`\]\(https:\/\/github\.com\/backlint\/backlint\/blob\/main\/rules\/[a-z-]+\.md\)|`[a-z0-9/-]+`/g;
    let header = 0;
    for (const [i, line] of bare.entries()) {
      const rest = line.replace(ours, '');
      expect(rest, md.split('\n')[i]).not.toMatch(/!\[|\]\(|:\/\/|www\.|@|&|`|\$/i);
      expect(rest.replace(/<\/?code>|<br>/g, ''), md.split('\n')[i]).not.toContain('<');
      if (!line.startsWith('#')) expect(rest, md.split('\n')[i]).not.toContain('#');
      // Each row has as many cells as its table's header.
      const pipes = line.split('|').length;
      if (!line.startsWith('|')) header = 0;
      else if (header === 0) header = pipes;
      else expect(pipes, md.split('\n')[i]).toBe(header);
    }
    // Every mention and reference sign was neutralised, not dropped.
    expect(md).toContain('hi \\@&#8203;octocat \\#&#8203;1 \\<img src=x onerror=alert(1)\\>.js');
    expect(md).toContain('<code>\\\\u202egnp.js</code>');
    // One row per file with findings in "By file", every hostile name included.
    const byFile = md.split('### By file')[1]!.split('###')[0]!;
    expect(byFile.match(/^\| <code>/gm)).toHaveLength(HOSTILE_FILES.length + 2);
  });

  it('github: one workflow command per finding; file names cannot start or split a command', async () => {
    const report = JSON.parse(await run('json')) as JsonReport;
    const total = report.files.reduce((n, f) => n + f.findings.length, 0);
    const out = await run('github');
    expect(out).not.toMatch(INVISIBLE);
    // Past ten findings of a level, a notice of ours (no file text in it) closes the output.
    const all = out.split('\n').slice(0, -1);
    const lines = all.filter((l) => !l.startsWith('::notice title=backlint::'));
    const errors = report.files.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'error').length, 0);
    expect(all.length - lines.length).toBe(errors > 10 || total - errors > 10 ? 1 : 0);
    expect(lines).toHaveLength(total);
    const unescape = (v: string) => v.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    const files = new Set<string>();
    for (const line of lines) {
      // The runner's parse: `::command props::data`; properties split on `,` and `=`.
      const m = /^::(error|warning) ([^:]*)::(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
      expect(Object.keys(props).every((k) => ['file', 'line', 'col', 'endLine', 'endColumn', 'title'].includes(k)), line).toBe(true);
      files.add(unescape(props.file!));
    }
    // Controls are shown, everything else comes back intact once the runner unescapes it.
    expect(files).toContain('x\n::add-mask::y,z:w%0A\n::set-env name=A::b.js');
    expect(files).toContain('\\u001b[2J\\u001b]0;pwned\\u0007.js');
    expect(files).toContain('\\u202egnp.js');
    expect(files).toContain('![x](https:__evil.example_a.png).js');
  });

  it('stylish: no terminal escapes or bidi controls of theirs, with or without colour', async () => {
    const plain = await run('stylish');
    expect(plain).not.toMatch(INVISIBLE);
    expect(plain).toContain('\n\\u001b[2J\\u001b]0;pwned\\u0007.js\n');
    expect(plain).toContain('\n\\u202egnp.js\n');
    expect(plain).toContain('GET /a\\|b`c`|d\\u001b[31m\\u202e\\u2067 has no');
    // With colour the only escapes are our own SGR sequences.
    const coloured = await run('stylish', ['--color']);
    expect(coloured).toMatch(/\u001b\[31m/);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).not.toMatch(INVISIBLE);
  });

  it('junit: only characters XML 1.0 allows', async () => {
    const xml = await run('junit');
    // XML 1.0 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF.
    expect(xml).not.toMatch(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    expect(xml).not.toMatch(INVISIBLE);
    expect(xml.match(/<testsuite /g)).toHaveLength(HOSTILE_FILES.length + 2);
    expect(xml).toContain('<testsuite name="\\u001b[2J\\u001b]0;pwned\\u0007.js"');
  });
});

describe('SARIF passes the SARIF multitool validator', () => {
  function validate(sarifFile: string): { ruleId: string; level: string; message: { arguments?: string[] } }[] {
    const outFile = `${sarifFile}.validation.sarif`;
    const res = spawnSync(MULTITOOL, ['validate', sarifFile, '--output', outFile], { encoding: 'utf8' });
    expect(res.status, res.stdout + res.stderr).toBe(0);
    return JSON.parse(readFileSync(outFile, 'utf8')).runs[0].results;
  }
  const errorsOf = (results: ReturnType<typeof validate>) => results.filter((r) => r.level === 'error');

  it('the validator catches a 0 column (so a clean verdict below means something)', () => {
    const file = path.join(dir, 'broken.sarif');
    writeFileSync(
      file,
      JSON.stringify({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 't' } }, results: [{ ruleId: 'r', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 1, startColumn: 0 } } }] }] }],
      }),
    );
    expect(errorsOf(validate(file)).map((r) => r.ruleId)).toEqual(['JSON1008']);
  });

  it('hostile names and a %YAML 1.1 document: valid, every region 1-based', async () => {
    const res = await runCli(['.', '--format', 'sarif', '--output', 'report.sarif'], { cwd: dir });
    expect(res.code).toBe(1);
    const file = path.join(dir, 'report.sarif');
    const log = JSON.parse(readFileSync(file, 'utf8'));
    const results = log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[];
    const legacy = results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'legacy.yaml');
    expect(legacy.length).toBeGreaterThan(0);
    // A valid YAML 1.1 document is linted (no parse error at a 0 column any more): real findings only.
    expect(legacy.map((r) => r.ruleId)).not.toContain('backlint/parse-error');
    for (const r of results) {
      for (const v of Object.values(r.locations[0]!.physicalLocation.region)) expect(v).toBeGreaterThanOrEqual(1);
    }
    expect(errorsOf(validate(file))).toEqual([]);
  });

  it('the fixtures: valid', async () => {
    const file = path.join(dir, 'fixtures.sarif');
    const res = await runCli(['fixtures', '--format', 'sarif', '--output', file], { cwd: ROOT });
    expect(res.stderr).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(errorsOf(validate(file))).toEqual([]);
  });
});
