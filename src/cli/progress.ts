/**
 * The progress line of a run, on stderr: discovery, then each engine's count (code with its engine,
 * OpenAPI) and the elapsed time, drawn by yocto-spinner. Only on an interactive terminal (stderr a
 * TTY, not `TERM=dumb`, no `CI` variable), only once the run is slow, never with `--no-progress`;
 * otherwise not one byte is written. The line is cleared when the run ends, before the report.
 */
import readline from 'node:readline';
import yoctoSpinner, { type Spinner } from 'yocto-spinner';
import type { LintProgress } from '../pipeline/options.js';
import { formatElapsed } from '../report/stylish.js';

/** What the line is written to: the CLI's stderr, or a test's stand-in. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** `--no-progress` makes it false. */
  enabled: boolean;
  env: NodeJS.ProcessEnv;
  /** Nothing is shown before the run is this old. Default 1500 ms: a quick run does not flicker. */
  delayMs?: number;
  /** Clock (ms). Default `Date.now`. */
  now?: () => number;
}

export interface Progress {
  update(progress: LintProgress): void;
  /** A message for stderr during the run (a skipped file): written above the line, which is redrawn. */
  write(text: string): void;
  /** Clears the line (and shows the cursor again). */
  stop(): void;
}

const REFRESH_MS = 100;

export function progressInteractive(stream: ProgressStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb' && !('CI' in env);
}

/** The text of the line. */
export function progressText(p: LintProgress | undefined, elapsedMs: number): string {
  const parts: string[] = [];
  if (!p || p.phase === 'discover') parts.push('discovering files');
  else {
    if (p.code.total > 0) parts.push(`code${p.code.engine ? ` (${p.code.engine})` : ''} ${p.code.done}/${p.code.total}`);
    if (p.openapi.total > 0) parts.push(`OpenAPI ${p.openapi.done}/${p.openapi.total}`);
  }
  parts.push(formatElapsed(elapsedMs));
  return `backlint: ${parts.join(' · ')}`;
}

/**
 * The spinner draws with cursorTo/moveCursor/clearLine, which a tty.WriteStream has; a stream
 * without them (a test's) gets them from node:readline, which writes the same escape sequences.
 */
function drawable(stream: ProgressStream): NodeJS.WriteStream {
  const s = stream as Partial<NodeJS.WriteStream>;
  if (typeof s.cursorTo === 'function' && typeof s.moveCursor === 'function' && typeof s.clearLine === 'function') return stream as NodeJS.WriteStream;
  const target = stream as NodeJS.WritableStream;
  return {
    isTTY: true,
    get columns() {
      return stream.columns ?? 80;
    },
    write: (text: string) => stream.write(text),
    cursorTo: (x: number) => readline.cursorTo(target, x),
    moveCursor: (dx: number, dy: number) => readline.moveCursor(target, dx, dy),
    clearLine: (dir: -1 | 0 | 1) => readline.clearLine(target, dir),
  } as unknown as NodeJS.WriteStream;
}

export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  if (!options.enabled || !progressInteractive(stream, options.env)) {
    return { update() {}, write: (text) => void stream.write(text), stop() {} };
  }
  const now = options.now ?? Date.now;
  const started = now();
  const delay = options.delayMs ?? 1500;
  const out = drawable(stream);
  let latest: LintProgress | undefined;
  let spinner: Spinner | undefined;
  let stopped = false;

  const draw = () => {
    if (stopped) return;
    const elapsed = now() - started;
    if (elapsed < delay) return;
    const text = progressText(latest, elapsed);
    if (!spinner) spinner = yoctoSpinner({ stream: out, text }).start();
    else if (spinner.text !== text) spinner.text = text;
  };
  // Redrawn on a clock as well as on progress: a long discovery or a slow file still shows its time.
  const timer = setInterval(draw, REFRESH_MS);
  timer.unref();

  return {
    update(progress) {
      latest = progress;
      draw();
    },
    // While the line is shown, the spinner's hook on `out` clears it, writes, and redraws it.
    write: (text) => void (spinner?.isSpinning ? out : stream).write(text),
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      spinner?.stop();
    },
  };
}
