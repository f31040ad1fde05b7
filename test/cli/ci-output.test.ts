/**
 * CI output through the built CLI: several formats in one run (`--format name[:file]`), the usage
 * errors that syntax can meet, the GitHub step summary, JUnit's verdict following the threshold,
 * and the stylish summary lines. Reports too large to come from a fixture (the SARIF results
 * warning, the markdown bound) go through `backlint merge`, which formats a JSON report as a run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './helpers.js';
import { syntheticReport } from '../report/synthetic.js';

const APP = 'fixtures/express-app';
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-ci-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('several formats in one run', () => {
  it('prints one format and writes the others, each complete', async () => {
    const f = (name: string) => path.join(dir, name);
    const res = await runCli([APP, '-f', 'stylish', '-f', `json:${f('r.json')}`, '--format', `sarif:${f('r.sarif')}`, '-f', `junit:${f('r.xml')}`, '-f', `markdown:${f('r.md')}`]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('');
    const report = JSON.parse(readFileSync(f('r.json'), 'utf8'));
    const { errors, warnings } = report.summary;
    const withProblems = report.files.filter((x: { findings: unknown[] }) => x.findings.length).length;
    expect(res.stdout).toContain(`\n✖ ${errors + warnings} problems (${errors} errors, ${warnings} warnings) in ${withProblems} files\n`);
    expect(JSON.parse(readFileSync(f('r.sarif'), 'utf8')).runs[0].results).toHaveLength(errors + warnings);
    expect(readFileSync(f('r.xml'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="backlint" /);
    expect(readFileSync(f('r.md'), 'utf8')).toContain(`**${errors} errors**, **${warnings} warnings**`);
  });

  it("-o takes the format named without a file (ESLint's -f json -o FILE unchanged)", async () => {
    const res = await runCli([APP, '-f', 'json', '-o', path.join(dir, 'o.json'), '-f', `github:${path.join(dir, 'o.txt')}`]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'o.json'), 'utf8')).version).toBe(1);
    expect(readFileSync(path.join(dir, 'o.txt'), 'utf8')).toMatch(/^::error file=/);
  });

  it.each([
    [['-f', 'json', '-f', 'sarif'], 'backlint: json and sarif would both go to stdout: give all but one a file (--format sarif:FILE)\n'],
    [['-f', 'json', '-f', 'sarif', '-o', 'x.json'], 'backlint: json and sarif would both go to x.json: give all but one a file (--format sarif:FILE)\n'],
    [['-f', 'json:a.json', '-o', 'b.json'], 'backlint: --output has no format to write: every --format names its own file\n'],
    [['-f', 'json:same.out', '-f', 'sarif:./same.out'], 'backlint: Two formats would write to the same file: same.out\n'],
  ])('%j is a usage error (exit 2) before anything runs', async (args, stderr) => {
    const res = await runCli([APP, ...args], { cwd: process.cwd() });
    expect({ code: res.code, stdout: res.stdout, stderr: res.stderr }).toEqual({ code: 2, stdout: '', stderr });
  });

  it('an unknown format name or an empty file is refused by the option parser', async () => {
    const xml = await runCli([APP, '-f', 'xml:r.xml']);
    expect(xml.code).toBe(2);
    expect(xml.stderr).toContain('"xml" is not a format (stylish, json, sarif, junit, github, markdown); write name or name:file');
    const empty = await runCli([APP, '-f', 'json:']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('"json:" names no file after the colon');
  });
});

describe('GitHub', () => {
  it('with the github format, the markdown report is appended to $GITHUB_STEP_SUMMARY', async () => {
    const summary = path.join(dir, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const res = await runCli([APP, '-f', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^::error /);
    const md = await runCli([APP, '-f', 'markdown']);
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${md.stdout}\n`);
  });

  it('other formats leave the step summary alone', async () => {
    const summary = path.join(dir, 'untouched.md');
    writeFileSync(summary, 'x\n');
    const res = await runCli([APP, '-f', 'json'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(res.code).toBe(1);
    expect(readFileSync(summary, 'utf8')).toBe('x\n');
  });
});

describe('JUnit follows the threshold', () => {
  const counts = (xml: string) => /<testsuites name="backlint" tests="(\d+)" failures="(\d+)"/.exec(xml)!.slice(1).map(Number);

  it('default: only testcases with errors fail; --fail-on warning fails them all; --fail-on never none', async () => {
    const [byDefault, strict, never] = await Promise.all([
      runCli([APP, '-f', 'junit']),
      runCli([APP, '-f', 'junit', '--fail-on', 'warning']),
      runCli([APP, '-f', 'junit', '--fail-on', 'never']),
    ]);
    const [tests, failures] = counts(byDefault.stdout);
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(tests!); // the fixture has rules with warnings only
    expect(byDefault.code).toBe(1);
    expect(counts(strict.stdout)).toEqual([tests, tests]);
    expect(strict.code).toBe(1);
    expect(counts(never.stdout)).toEqual([tests, 0]);
    expect(never.code).toBe(0);
  });
});

describe('stylish summary', () => {
  it('counts files with problems and prints the elapsed time (its shape: the value varies)', async () => {
    const res = await runCli([APP]);
    expect(res.stdout).toMatch(/\n✖ \d+ problems \(\d+ errors, \d+ warnings\) in \d+ files\nChecked 9 files \(8 code, 1 OpenAPI document\) in \d+(?:ms|\.\ds|m \d\ds)\n$/);
  });
});

describe('reports too large for a fixture, through backlint merge', () => {
  function bigReport(findings: number, file: string): void {
    const r = syntheticReport();
    const f = r.files[0]!.findings[0]!;
    r.files = Array.from({ length: Math.ceil(findings / 100) }, (_, i) => {
      const name = `src/m${i}.ts`;
      return { file: name, kind: 'code' as const, findings: Array.from({ length: 100 }, (_, j) => ({ ...f, file: name, line: j + 1, fingerprint: `${i}-${j}:1` })) };
    });
    writeFileSync(file, JSON.stringify(r));
  }

  it('SARIF near 25,000 results: a warning on stderr, the log still written', async () => {
    const input = path.join(dir, 'big.json');
    bigReport(20_000, input);
    const out = path.join(dir, 'big.sarif');
    const res = await runCli(['merge', input, '-f', `sarif:${out}`]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe("backlint: warning: the SARIF log has 20,000 results, near GitHub code scanning's limit of 25,000 per run (over it the upload is rejected)\n");
    expect(existsSync(out)).toBe(true);
  });

  it('markdown stays within a pull-request comment', async () => {
    const input = path.join(dir, 'big.json');
    bigReport(20_000, input);
    const res = await runCli(['merge', input, '-f', 'markdown']);
    expect(res.code).toBe(1);
    expect(res.stdout.length).toBeLessThanOrEqual(65_536);
    expect(res.stdout).toContain('| … 175 more files with problems | | |');
    expect(res.stdout).toContain('| … | 19980 more findings in the job log and the JSON report | | |');
  });
});
