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
import { memoByName } from '../analysis/memo.js';

// Also what spectral-core asks of every referenced file and finding (`isAbsolute`, `extname`).
const PURE = ['join', 'dirname', 'stripRoot', 'toFSPath', 'normalize', 'isAbsolute', 'extname'] as const;
const MAX_REMEMBERED = 50_000;
const INSTALLED = Symbol.for('backlint.memoisedPaths');

type PathModule = Record<string, unknown> & { [INSTALLED]?: true };

/**
 * The shared bounded memo (analysis/memo.ts) keyed by the arguments as JSON, which gives them back
 * exactly (any character, any count); calls with other than strings go straight through.
 */
function memoised(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const answer = memoByName((key) => fn(...(JSON.parse(key) as string[])) as NonNullable<unknown> | null, MAX_REMEMBERED);
  return (...args: unknown[]) => (args.every((a) => typeof a === 'string') ? answer(JSON.stringify(args)) : fn(...args));
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
