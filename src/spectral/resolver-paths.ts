/**
 * json-ref-resolver turns every file `$ref` into an absolute path with @stoplight/path's `join`,
 * `dirname`, `stripRoot` and `toFSPath` (runner.js `computeRef`), each of which parses its
 * arguments with a PEG grammar: on DigitalOcean's description (2,900 files, tens of thousands of
 * file refs) ~1.5 s of a 9 s run, for a few thousand distinct strings. They are pure functions of
 * their string arguments, so the copy of the module the resolver uses gets memoised versions
 * (bounded, so a huge run keeps flat memory), once per process. Answers are the same; a call that
 * throws is not remembered and throws again.
 *
 * The module is the one json-ref-resolver resolves (through @stoplight/spectral-ref-resolver), and
 * the resolver reads its exports at each call; if they are not writable functions, nothing changes.
 */
import { createRequire } from 'node:module';

// Also what spectral-core asks of every referenced file and finding (`isAbsolute`, `extname`).
const PURE = ['join', 'dirname', 'stripRoot', 'toFSPath', 'normalize', 'isAbsolute', 'extname'] as const;
const MAX_REMEMBERED = 50_000;
const INSTALLED = Symbol.for('backlint.memoisedPaths');

type PathModule = Record<string, unknown> & { [INSTALLED]?: true };

function memoised(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const answers = new Map<string, unknown>();
  return function (this: unknown, ...args: unknown[]) {
    if (!args.every((a) => typeof a === 'string')) return fn.apply(this, args);
    const key = args.length === 1 ? (args[0] as string) : `${args.length}\u0000${args.join('\u0000')}`;
    if (answers.has(key)) return answers.get(key);
    const answer = fn.apply(this, args);
    if (answers.size >= MAX_REMEMBERED) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}

let installed: boolean | undefined;

/** Memoises the resolver's path functions (idempotent). Returns whether they are memoised. */
export function memoiseResolverPaths(): boolean {
  installed ??= install();
  return installed;
}

function install(): boolean {
  try {
    const fromSpectral = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-ref-resolver'));
    const fromResolver = createRequire(fromSpectral.resolve('@stoplight/json-ref-resolver'));
    const mod = fromResolver('@stoplight/path') as PathModule;
    if (mod[INSTALLED]) return true;
    for (const name of PURE) {
      const slot = Object.getOwnPropertyDescriptor(mod, name);
      if (typeof slot?.value !== 'function' || !slot.writable) return false;
    }
    for (const name of PURE) mod[name] = memoised(mod[name] as (...args: unknown[]) => unknown);
    mod[INSTALLED] = true;
    return true;
  } catch {
    // intentionally ignored: laid out differently; the resolver computes paths as before
    return false;
  }
}
