/**
 * The progress line (src/cli/progress.ts, drawn by yocto-spinner): on a terminal it shows discovery,
 * then each engine's count with the elapsed time, and is cleared at the end; anywhere else (a pipe,
 * CI, TERM=dumb, --no-progress) and in a quick run it writes nothing. The terminal is a stand-in
 * stream (isTTY, columns, writes captured), driven on fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, type ProgressStream } from '../../src/cli/progress.js';
import type { LintProgress } from '../../src/pipeline/options.js';
import { assertBuilt, ROOT, runCli } from './helpers.js';

function fakeTerminal(isTTY = true): ProgressStream & { out: string } {
  const stream = {
    isTTY,
    columns: 100,
    out: '',
    write(text: string) {
      stream.out += text;
      return true;
    },
  };
  return stream;
}

const CLEAR_LINE = '\u001b[1G\u001b[0K';

/** The line the terminal shows now: the last line written after the last clear, without control sequences. */
function visible(out: string): string {
  const afterClear = out.slice(out.lastIndexOf(CLEAR_LINE) + CLEAR_LINE.length);
  return afterClear.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').split('\n').at(-1)!;
}

const discover: LintProgress = { phase: 'discover', code: { done: 0, total: 0 }, openapi: { done: 0, total: 0 } };
const lint = (code: number, docs: number): LintProgress => ({
  phase: 'lint',
  code: { done: code, total: 40, engine: 'eslint' },
  openapi: { done: docs, total: 2 },
});

beforeEach(() => {
  vi.useFakeTimers();
  // The spinner looks at the process's own CI and TERM as well as our check of the CLI's env.
  vi.stubEnv('CI', undefined);
  vi.stubEnv('TERM', 'xterm-256color');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('the progress line on a terminal', () => {
  it('shows discovery, then each engine with the elapsed time, and clears the line at the end', () => {
    const tty = fakeTerminal();
    const progress = createProgress(tty, { enabled: true, env: {} });
    progress.update(discover);
    vi.advanceTimersByTime(1000);
    // Not before the run is slow (1.5 s).
    expect(tty.out).toBe('');
    vi.advanceTimersByTime(600);
    expect(visible(tty.out)).toMatch(/^. backlint: discovering files · 1\.[56]s$/);

    progress.update(lint(10, 0));
    expect(visible(tty.out)).toMatch(/^. backlint: code \(eslint\) 10\/40 · OpenAPI 0\/2 · 1\.[67]s$/);
    // The clock alone moves the time on.
    vi.advanceTimersByTime(2000);
    expect(visible(tty.out)).toMatch(/^. backlint: code \(eslint\) 10\/40 · OpenAPI 0\/2 · 3\.[67]s$/);
    vi.advanceTimersByTime(62_000);
    progress.update(lint(40, 1));
    expect(visible(tty.out)).toMatch(/^. backlint: code \(eslint\) 40\/40 · OpenAPI 1\/2 · 1m 0[56]s$/);

    // A message during the run goes above the line, which is drawn again under it.
    progress.write('backlint: skipped notes.txt: not a code file or an OpenAPI document\n');
    expect(tty.out).toContain(`${CLEAR_LINE}backlint: skipped notes.txt: not a code file or an OpenAPI document\n`);
    expect(visible(tty.out)).toMatch(/^. backlint: code \(eslint\) 40\/40 · OpenAPI 1\/2 · 1m 0[56]s$/);

    const before = tty.out.length;
    progress.stop();
    // Cursor shown again, line cleared; nothing after it, then or later.
    expect(tty.out.slice(before)).toBe(`\u001b[?25h${CLEAR_LINE}`);
    vi.advanceTimersByTime(5000);
    expect(tty.out.length).toBe(before + `\u001b[?25h${CLEAR_LINE}`.length);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('writes nothing in a run quicker than 1.5 s', () => {
    const tty = fakeTerminal();
    const progress = createProgress(tty, { enabled: true, env: {} });
    progress.update(discover);
    vi.advanceTimersByTime(700);
    progress.update(lint(40, 2));
    vi.advanceTimersByTime(700);
    progress.stop();
    vi.advanceTimersByTime(5000);
    expect(tty.out).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    ['--no-progress', fakeTerminal(), { enabled: false, env: {} }],
    ['stderr not a terminal', fakeTerminal(false), { enabled: true, env: {} }],
    ['CI', fakeTerminal(), { enabled: true, env: { CI: 'true' } }],
    ['TERM=dumb', fakeTerminal(), { enabled: true, env: { TERM: 'dumb' } }],
  ])('writes nothing with %s, however long the run', (_name, stream, options) => {
    const progress = createProgress(stream, options);
    progress.update(discover);
    vi.advanceTimersByTime(3000);
    progress.update(lint(20, 1));
    vi.advanceTimersByTime(3000);
    progress.write('backlint: skipped a.txt: x\n');
    progress.stop();
    // Messages still go to stderr, unchanged.
    expect(stream.out).toBe('backlint: skipped a.txt: x\n');
  });
});

describe('the CLI', () => {
  it('writes no progress bytes to a stderr that is not a terminal, in a run slow enough to show them on one', async () => {
    assertBuilt();
    vi.useRealTimers();
    const res = await runCli(['fixtures'], { cwd: ROOT, env: { CI: undefined, TERM: 'xterm-256color' } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    const took = /Checked \d+ files .* in (?:(\d+)m (\d\d)s|(\d+(?:\.\d)?)s)\n$/.exec(res.stdout);
    expect(took, res.stdout.slice(-200)).not.toBeNull();
    const seconds = took![3] !== undefined ? Number(took![3]) : Number(took![1]) * 60 + Number(took![2]);
    expect(seconds).toBeGreaterThanOrEqual(1.5);
  });
});
