/**
 * Spectral's YAML parse without a Proxy on every map.
 *
 * Spectral parses YAML with `preserveKeyOrder: true` (@stoplight/spectral-parsers): every map of the
 * data becomes an ordered object (@stoplight/ordered-object-literal), a Proxy whose traps keep the
 * keys in document order. A plain object keeps them in that order too, except that integer-like
 * keys (`'200'`, `'404'`) come first, ascending, and a duplicate key keeps its first place where
 * the ordered object moves it to its last. Stripe's 4.2 MB description has 29,285 maps, 468 of them
 * with integer-like keys, none of them out of that order — yet the traps (creating the objects and
 * every access after: the resolver's copy, Spectral's traversal, the rules) cost ~1 s of a ~3 s run.
 *
 * So the document is parsed by the same parser with the same options but plain objects, and this
 * walk (over the parser's tree and the data together) gives back an ordered object exactly where
 * Spectral's order differs from the plain object's: a map with integer-like keys out of ascending
 * order, behind a string key, or repeated. Every other map stays plain: same keys, same order,
 * same values. Where the walk cannot tell the order for certain (a `<<` merge key, a key the walk
 * cannot match to the data) it says so, and Spectral's own parse is used for the document.
 *
 * The parser and the ordered objects are taken from where @stoplight/spectral-parsers finds them:
 * the same modules Spectral uses, whatever versions it depends on. If they are not laid out as
 * this expects, `plainYamlParser()` is null and Spectral's parse is used.
 */
import { createRequire } from 'node:module';

// yaml-ast-parser's node kinds and scalar types.
const SCALAR = 0;
const MAP = 2;
const SEQ = 3;
const ANCHOR_REF = 4;

export interface YamlAstNode {
  kind: number;
  key?: YamlAstNode | null;
  value?: unknown;
  mappings?: (YamlAstNode | null)[];
  items?: (YamlAstNode | null)[];
}

interface Parsed {
  ast?: YamlAstNode;
  data?: unknown;
  metadata?: unknown;
}

interface Internals {
  parseWithPointers: (text: string, options: object) => Parsed;
  keyOf: (key: YamlAstNode) => string;
  /** @stoplight/ordered-object-literal's constructor: `ordered({})` is the parser's empty map. */
  ordered: (target: object) => Record<string, unknown>;
}

/** What @stoplight/spectral-parsers passes for YAML, but for the key order (checked by a test). */
export const SPECTRAL_YAML_OPTIONS = { ignoreDuplicateKeys: false, mergeKeys: true, preserveKeyOrder: true, attachComments: false } as const;
const PLAIN_OPTIONS = { ...SPECTRAL_YAML_OPTIONS, preserveKeyOrder: false };

let internals: Internals | null | undefined;

function load(): Internals | null {
  if (internals !== undefined) return internals;
  internals = null;
  try {
    const fromParsers = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-parsers'));
    const yamlMain = fromParsers.resolve('@stoplight/yaml');
    const fromYaml = createRequire(yamlMain);
    const { parseWithPointers } = fromYaml(yamlMain) as Partial<Internals>;
    const ast = fromYaml('@stoplight/yaml-ast-parser') as Record<string, unknown>;
    const ordered = fromYaml('@stoplight/ordered-object-literal') as { default?: unknown };
    const { determineScalarType, parseYamlBoolean, parseYamlBigInteger, parseYamlFloat, ScalarType } = ast as Record<string, ((s: unknown) => unknown) | undefined> & {
      ScalarType?: Record<string, number>;
    };
    if (
      typeof parseWithPointers !== 'function' ||
      typeof ordered.default !== 'function' ||
      !determineScalarType ||
      !parseYamlBoolean ||
      !parseYamlBigInteger ||
      !parseYamlFloat ||
      !ScalarType
    ) {
      return null;
    }
    const types = ScalarType;
    // @stoplight/yaml's getScalarValue, through String() as its walk names a key.
    const keyOf = (key: YamlAstNode): string => {
      switch (determineScalarType(key)) {
        case types.null:
          return 'null';
        case types.string:
          return String(key.value);
        case types.bool:
          return String(parseYamlBoolean(key.value));
        case types.int:
          return String(parseYamlBigInteger(key.value));
        case types.float:
          return String(parseYamlFloat(key.value));
        default:
          return 'undefined';
      }
    };
    internals = { parseWithPointers, keyOf, ordered: ordered.default as Internals['ordered'] };
  } catch {
    // intentionally ignored: laid out differently; Spectral's own parse is used
  }
  return internals;
}

/** Whether the plain parse is available with the Spectral installed (a test watches upgrades). */
export function plainYamlParser(): boolean {
  return load() !== null;
}

const UNSURE = Symbol('unsure');

/** A key V8 orders before string keys: a canonical array index. */
function isIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57 || key.length > 10 || (c === 48 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(key) < 4294967295;
}

function isValid(m: YamlAstNode | null): m is YamlAstNode & { key: YamlAstNode } {
  return m !== null && m.key !== null && m.key !== undefined && m.key.kind === SCALAR;
}

function inOrder(node: YamlAstNode | null | undefined, value: unknown, tools: Internals): unknown {
  if (node === null || node === undefined || value === null || typeof value !== 'object') return value;
  if (node.kind === ANCHOR_REF) return inOrder(node.value as YamlAstNode | null, value, tools);
  if (node.kind === SEQ) {
    const list = value as unknown[];
    const items = node.items ?? [];
    for (let i = 0; i < items.length; i++) {
      const r = inOrder(items[i], list[i], tools);
      if (r === UNSURE) return UNSURE;
      if (r !== list[i]) list[i] = r;
    }
    return list;
  }
  if (node.kind !== MAP) return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const mappings = node.mappings ?? [];
  let valid = 0;
  for (const m of mappings) {
    // The parser's walk skips a mapping whose key is not a scalar, and treats `<<` apart.
    if (!isValid(m)) continue;
    if (m.key.value === '<<') return UNSURE;
    valid++;
  }
  if (valid === keys.length && (keys.length === 0 || !isIndex(keys[0]))) {
    // No repeated key and no integer-like one: the i-th key is the i-th valid mapping's, in order.
    let i = 0;
    for (const m of mappings) {
      if (!isValid(m)) continue;
      const k = keys[i++];
      const r = inOrder(m.value as YamlAstNode | null, obj[k], tools);
      if (r === UNSURE) return UNSURE;
      if (r !== obj[k]) obj[k] = r;
    }
    return obj;
  }
  // Spectral's order: each key where it was last written (a repeated key moves to the end).
  const last = new Map<string, YamlAstNode>();
  for (const m of mappings) {
    if (!isValid(m)) continue;
    const k = tools.keyOf(m.key);
    last.delete(k);
    last.set(k, m);
  }
  if (last.size !== keys.length) return UNSURE;
  const order: string[] = [];
  let same = true;
  for (const [k, m] of last) {
    if (!Object.hasOwn(obj, k) || k === '<<') return UNSURE;
    if (keys[order.length] !== k) same = false;
    order.push(k);
    const r = inOrder(m.value as YamlAstNode | null, obj[k], tools);
    if (r === UNSURE) return UNSURE;
    if (r !== obj[k]) obj[k] = r;
  }
  if (same) return obj;
  // Built as the parser builds an ordered map (empty, then each key set), so that even the order
  // of its own symbol among the keys is the same.
  const copy = tools.ordered({});
  for (const k of order) copy[k] = obj[k];
  return copy;
}

/**
 * The YAML parse Spectral makes of `text` (data, tree, diagnostics, line map), with plain objects
 * wherever their key order is the document's; null when only Spectral's own parse can be sure.
 */
export function parseYamlPlain<T extends Parsed>(text: string): T | null {
  const tools = load();
  if (!tools) return null;
  const result = tools.parseWithPointers(text, PLAIN_OPTIONS) as T;
  const data = inOrder(result.ast, result.data, tools);
  if (data === UNSURE) return null;
  result.data = data;
  // The options the result says it was parsed with, as Spectral's own parse says.
  result.metadata = { ...SPECTRAL_YAML_OPTIONS };
  return result;
}
