/**
 * Packages that Spectral's modules require at load and a run rarely or never uses, answered before
 * Spectral loads: a polyfill with what Node has built in, a package only some runs use with a
 * stand-in that loads it on first use.
 *
 * spectral-core requires `es-aggregate-error` for one `new AggregateError(errors)` (a ruleset
 * function given invalid options). The package and es-abstract behind it are ~130 small CommonJS
 * modules: ~60–80 ms of every run that lints a document, about a tenth of `backlint api.yaml` on a
 * 40-line file (profile and alternating runs of the CLI). On a Node that has `AggregateError` the
 * package hands out that built-in anyway (its polyfill.js picks the global; index.js binds it), so
 * the answer is the same constructor.
 *
 * spectral-core and the ref resolver require `node-fetch` (with whatwg-url and tr46, ~20 ms) for
 * remote `$ref`s and rulesets, which backlint fetches only under `--allow-remote-refs`. The
 * stand-in is a function with the package's members as getters; the first call or member read
 * loads the package, which takes the stand-in's place in the cache.
 *
 * The mechanism is Node's require cache, which is public: an entry added under a module's resolved
 * file is what `require` returns for that file from then on. Nothing is added where the package
 * does not resolve from its requirer, where it is loaded already, or where Node lacks the built-in.
 */
import { createRequire } from 'node:module';

type Answer =
  | { builtIn: () => unknown }
  /** The members the package's users read; `__esModule` is answered without loading it. */
  | { deferred: { members: readonly string[]; esModule: boolean } };

interface Entry {
  /** Resolved in turn, each from the one before: the package and the copy its requirer gets. */
  from: readonly string[];
  answer: Answer;
}

/** node-fetch 2's exports (its users call `.default`). */
const NODE_FETCH_MEMBERS = ['default', 'Headers', 'Request', 'Response', 'FetchError', 'AbortError'];

const ANSWERS: readonly Entry[] = [
  { from: ['@stoplight/spectral-core', 'es-aggregate-error'], answer: { builtIn: () => globalThis.AggregateError } },
  ...[
    ['@stoplight/spectral-core', '@stoplight/spectral-runtime', 'node-fetch'],
    ['@stoplight/spectral-core', '@stoplight/spectral-ref-resolver', '@stoplight/json-ref-readers', 'node-fetch'],
  ].map((from): Entry => ({ from, answer: { deferred: { members: NODE_FETCH_MEMBERS, esModule: true } } })),
];

type Loader = NodeJS.Require;

function standIn(file: string, require: Loader, members: readonly string[], esModule: boolean): unknown {
  let real: unknown;
  const load = (): Record<string, unknown> & ((...args: unknown[]) => unknown) => {
    if (real === undefined) {
      delete require.cache[file];
      real = require(file);
    }
    return real as never;
  };
  const fn = function (this: unknown, ...args: unknown[]): unknown {
    return Reflect.apply(load(), this, args);
  };
  if (esModule) Object.defineProperty(fn, '__esModule', { value: true });
  for (const m of members) Object.defineProperty(fn, m, { enumerable: true, get: () => load()[m] });
  return fn;
}

let done = false;

/**
 * Puts the answers above in the require cache; returns the resolved files it answered (for tests).
 * Call before the first import of Spectral; later calls do nothing.
 */
export function answerSpectralRequires(): string[] {
  if (done) return [];
  done = true;
  const answered: string[] = [];
  const ours = createRequire(import.meta.url);
  for (const { from, answer } of ANSWERS) {
    let file: string;
    try {
      file = from.reduce((at, name) => createRequire(at).resolve(name), import.meta.url);
    } catch {
      // intentionally ignored: not installed where its requirer looks; Spectral resolves it itself
      continue;
    }
    if (ours.cache[file]) continue;
    const value = 'builtIn' in answer ? answer.builtIn() : standIn(file, ours, answer.deferred.members, answer.deferred.esModule);
    if (typeof value !== 'function') continue;
    ours.cache[file] = { id: file, filename: file, loaded: true, exports: value, children: [], paths: [] } as unknown as NodeJS.Module;
    answered.push(file);
  }
  return answered;
}
