/**
 * Deserialisers that run code, as data: what `no-unsafe-deserialization` knows about each library.
 *
 * - Always unsafe on data from outside: node-serialize's `unserialize` evaluates any function it
 *   finds (`_$$ND_FUNC$$_…` followed by `()` runs at once), funcster's `deepDeserialize` compiles the
 *   functions it carries, cryo's `parse` rebuilds prototypes from its input.
 * - js-yaml: `load`/`loadAll` are unsafe only with a schema that holds the `!!js/function`,
 *   `!!js/regexp` and `!!js/undefined` types. In js-yaml 3 that is `DEFAULT_FULL_SCHEMA`, which is
 *   also what `load` uses without a `schema` option (`safeLoad` uses the safe one); js-yaml 4 removed
 *   the full schema, so its `load` is safe unless a schema is extended with `js-yaml-js-types`.
 * - serialize-javascript's output is JavaScript: turned back into a value with `eval` or
 *   `new Function`, what went into `serialize()` runs on the server.
 */

export interface Deserializer {
  module: string;
  /** Export path of the function ([] = the module itself is called). */
  path: readonly string[];
  /** What it does with its input, for the message. */
  why: string;
}

export const CODE_RUNNING_DESERIALIZERS: readonly Deserializer[] = [
  { module: 'node-serialize', path: ['unserialize'], why: 'runs any function the data carries (`_$$ND_FUNC$$_` … `()` is called while parsing)' },
  { module: 'funcster', path: ['deepDeserialize'], why: 'compiles and runs the functions the data carries' },
  { module: 'cryo', path: ['parse'], why: 'rebuilds objects with the prototypes and functions the data names' },
];

export const JS_YAML = 'js-yaml';
/** js-yaml functions that take a `schema` option and parse with the full schema on js-yaml 3. */
export const JS_YAML_LOADERS: ReadonlySet<string> = new Set(['load', 'loadAll']);
/** Schemas that hold the JavaScript types (js-yaml 3 only: js-yaml 4 removed it). */
export const JS_YAML_UNSAFE_SCHEMAS: ReadonlySet<string> = new Set(['DEFAULT_FULL_SCHEMA']);
/** Schemas that hold no JavaScript types. */
export const JS_YAML_SAFE_SCHEMAS: ReadonlySet<string> = new Set(['DEFAULT_SAFE_SCHEMA', 'FAILSAFE_SCHEMA', 'JSON_SCHEMA', 'CORE_SCHEMA', 'DEFAULT_SCHEMA']);
/** The package adding `!!js/function` and friends back to js-yaml 4 schemas. */
export const JS_YAML_JS_TYPES = 'js-yaml-js-types';

export const SERIALIZE_JAVASCRIPT = 'serialize-javascript';

/**
 * The major version a package.json range pins, when every version it admits has that major
 * (`^3.14.0`, `~3.13.1`, `3.x`, `3.14.1`, `>=3.1 <4`); null for anything wider or unreadable.
 */
export function pinnedMajor(range: string): number | null {
  const r = range.trim();
  if (r.length > 64) return null;
  const simple = /^[\^~=v]?\s*(\d+)(?:\.(?:\d+|x|\*)){0,2}$/.exec(r);
  if (simple) return r.startsWith('^') || r.startsWith('~') || /^[=v]?\s*\d/.test(r) ? Number(simple[1]) : null;
  const bounded = /^>=?\s*(\d+)(?:\.\d+){0,2}\s+<\s*(\d+)(?:\.0){0,2}$/.exec(r);
  if (bounded && Number(bounded[2]) === Number(bounded[1]) + 1) return Number(bounded[1]);
  return null;
}

/** Calls that turn text back into code. */
export const EVAL_NAMES: ReadonlySet<string> = new Set(['eval', 'Function']);
export const VM_RUNNERS: ReadonlySet<string> = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']);
