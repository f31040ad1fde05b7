/**
 * `--output FILE` through the real CLI: a report file is either absent or complete (never truncated,
 * never left over from an earlier run), no temporary file outlives a run, a symlink planted at the
 * output path is replaced rather than followed, a pipe or device there is written in place (never
 * replaced: `-o /dev/null` as root once turned /dev/null into a regular file); and a bad glob is a
 * one-line usage error.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, runCli } from '../cli/helpers.js';

const FILES = 12;
const FINDINGS_PER_FILE = 300;

let dir: string;
let out: string;
let report: string;

/** The CLI as a child process we can kill (runCli only gives the result). */
function start(args: string[], cwd: string): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

async function until(condition: () => boolean, what: string, limitMs = 50_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function freshOut(): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
}

/** Whatever sits at the report path must be the whole report of this run. */
function expectCompleteReport(): void {
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { summary: { errors: number } };
  expect(parsed.summary.errors).toBe(FILES * FINDINGS_PER_FILE);
}

/** Temporary files may survive only a SIGKILL during the write itself, and are recognisable then. */
function strayFiles(): string[] {
  return readdirSync(out).filter((n) => n !== 'report.json');
}

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-output-'));
  const src = path.join(dir, 'src');
  mkdirSync(src);
  // ~2 MiB of JSON report: 3,600 findings of one cheap rule.
  const body = Array.from({ length: FINDINGS_PER_FILE }, (_, j) => `export const agent${j} = { rejectUnauthorized: false };\n`).join('');
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(src, `f${i}.js`), body);
  out = path.join(dir, 'out');
  report = path.join(out, 'report.json');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINT = ['src', '--format', 'json', '--output', 'out/report.json', '--no-progress'];

describe('--output is atomic', () => {
  it('a normal run writes the whole report and leaves no temporary file behind', async () => {
    freshOut();
    writeFileSync(report, '{"stale": true}\n');
    const res = await runCli(LINT, { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('');
    expectCompleteReport();
    expect(readFileSync(report).length).toBeGreaterThan(2 * 1024 * 1024);
    expect(strayFiles()).toEqual([]);
  });

  it('a run killed before the end leaves no report: not the previous one, not a truncated one', async () => {
    freshOut();
    writeFileSync(report, '{"stale": true}\n');
    const run = start(LINT, dir);
    // The previous report goes as the run starts, before any file is linted.
    await until(() => !existsSync(report), 'the previous report is removed');
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe(null);
    expect(existsSync(report)).toBe(false);
    expect(strayFiles()).toEqual([]);
  });

  it('a run killed as it writes the report leaves nothing or the whole report', async () => {
    freshOut();
    const run = start(LINT, dir);
    // The first thing to appear in out/ is the report being written: kill the run right then.
    const watcher = watch(out, () => run.child.kill('SIGKILL'));
    try {
      await run.exited;
    } finally {
      watcher.close();
    }
    if (existsSync(report)) expectCompleteReport();
    for (const name of strayFiles()) expect(name).toMatch(/^\.report\.json\.\d+-[0-9a-f]{8}\.tmp$/);
  });

  it('when the report cannot be written, the temporary file is removed and the exit code is 2', async () => {
    freshOut();
    writeFileSync(report, '{"stale": true}\n');
    const run = start(LINT, dir);
    await until(() => !existsSync(report), 'the previous report is removed');
    // Something else takes the report path mid-run: the final rename cannot replace a directory.
    mkdirSync(path.join(report, 'x'), { recursive: true });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/^backlint: Cannot write the report to out\/report\.json: [^\n]+\n$/);
    expect(readdirSync(out)).toEqual(['report.json']);
    expect(lstatSync(report).isDirectory()).toBe(true);
  });

  it('a symlink planted at the output path is replaced, not written through', async () => {
    freshOut();
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'do not overwrite\n');
    symlinkSync(victim, report);
    const res = await runCli(['src/f0.js', '--format', 'json', '--output', 'out/report.json'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('do not overwrite\n');
    expect(lstatSync(report).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(report, 'utf8')).summary.errors).toBe(FINDINGS_PER_FILE);
  });

  it('a pipe at the output path is written in place, never removed or renamed over (as /dev/null)', async () => {
    freshOut();
    execFileSync('mkfifo', [report]);
    // The reader opens the pipe as a CI step would; the CLI's write blocks until it does.
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(report, 'utf8')
        .on('data', (d) => (text += d))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const res = await runCli(['src/f0.js', '--format', 'json', '--output', 'out/report.json'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(JSON.parse(await received).summary.errors).toBe(FINDINGS_PER_FILE);
    expect(lstatSync(report).isFIFO()).toBe(true);
    expect(readdirSync(out)).toEqual(['report.json']);
  });

  it('a link to a pipe or device at the output path is refused, and left as it is', async () => {
    freshOut();
    const pipe = path.join(dir, 'pipe');
    rmSync(pipe, { force: true });
    execFileSync('mkfifo', [pipe]);
    symlinkSync(pipe, report);
    const res = await runCli(['src/f0.js', '--format', 'json', '--output', 'out/report.json'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('backlint: Cannot write the report to out/report.json: it is a link to a device, pipe or socket (name it directly, or leave out --output for standard output)\n');
    expect(lstatSync(report).isSymbolicLink()).toBe(true);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it('an output path that is a directory is a usage error before anything is linted', async () => {
    freshOut();
    mkdirSync(report);
    const res = await runCli(LINT, { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('backlint: Cannot write the report to out/report.json: it is a directory\n');
  });
});

describe('a bad glob is a usage error', () => {
  const expectUsageError = (res: { code: number | null; stdout: string; stderr: string }, message: string) => {
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(`backlint: ${message}\n`);
  };

  it('--ignore-pattern [z-a]', async () => {
    const res = await runCli(['src', '--ignore-pattern', '[z-a]'], { cwd: dir });
    expectUsageError(res, 'Invalid ignore pattern "[z-a]": range out of order in character class');
  });

  it('--ignore-pattern with an unclosed brace', async () => {
    const res = await runCli(['src', '--ignore-pattern', 'src/{a,b'], { cwd: dir });
    expectUsageError(res, 'Invalid ignore pattern "src/{a,b": unclosed "{"');
  });

  it('config ignore and overrides[].files', async () => {
    const cfgDir = mkdtempSync(path.join(dir, 'cfg-'));
    writeFileSync(path.join(cfgDir, 'a.js'), 'export const a = 1;\n');
    writeFileSync(path.join(cfgDir, 'backlint.config.json'), JSON.stringify({ ignore: ['dist/**', '[z-a]'] }));
    expectUsageError(
      await runCli(['.'], { cwd: cfgDir }),
      'Invalid backlint config (backlint.config.json): "ignore[1]" is not a valid glob ("[z-a]": range out of order in character class)',
    );
    writeFileSync(path.join(cfgDir, 'backlint.config.json'), JSON.stringify({ overrides: [{ files: '**/[z-a].ts', rules: {} }] }));
    expectUsageError(
      await runCli(['.'], { cwd: cfgDir }),
      'Invalid backlint config (backlint.config.json): "overrides[0].files" is not a valid glob ("**/[z-a].ts": range out of order in character class)',
    );
  });

  it('a pattern holding terminal escapes is shown, not obeyed', async () => {
    const res = await runCli(['src', '--ignore-pattern', '\u001b[2J[z-a]'], { cwd: dir });
    expectUsageError(res, 'Invalid ignore pattern "\\u001b[2J[z-a]": range out of order in character class');
  });
});
