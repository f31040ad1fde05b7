/**
 * Spectral's YAML parser (@stoplight/yaml on yaml-ast-parser), made safe for hostile documents.
 *
 * That parser accepts YAML 1.2 only and mishandles the data model's edges:
 * - `%YAML 1.1` (or 1.0) makes it report half a dozen false parse errors; a `%TAG` directive
 *   leaves every tag using it "unknown".
 * - Explicit tags: `!!binary` throws (`data.replace is not a function`, the whole document lost),
 *   `!!js/regexp` becomes null, `!!js/undefined` drops the key, `!!int "3"` and `!!timestamp`
 *   produce false parse errors, local tags (`!foo`) are errors.
 * - A `__proto__` key is assigned with `obj[key] =`, which replaces the object's prototype instead
 *   of adding a member: the key vanishes and Spectral's resolver (immer) throws on the object.
 *
 * OpenAPI documents are JSON data, where tags mean nothing, so `prepareYamlText` blanks every tag
 * (the node is read as untagged: a `!!binary` value is its base64 text) and turns `%YAML 1.x` and
 * `%TAG` directives into comments; the text keeps its length and line breaks, so every location
 * is unchanged. Tags are found with the `yaml` package's lexer (never inside a quoted or block
 * scalar), and only when the text has a `!` where a tag can start or a line starting with `%`, so
 * plain documents pay one scan for `!`. YAML 1.1 scalars (`yes`, `on`, `0777`) are then read as YAML 1.2 reads them, as for every
 * other document. A `__proto__` key becomes an own member, as `JSON.parse` makes it.
 *
 * The data is Spectral's with plain objects where their key order is the document's (see
 * yaml-plain.ts): same keys, values, order and locations, without a Proxy per map.
 *
 * API: `SafeYaml` (an `IParser` for `new Document(text, SafeYaml, source)`); for texts parsed by
 * Spectral itself (referenced files): `prepareYamlText(text)` before, `restoreParsedYaml(text, data)`
 * after.
 */
import spectralParsers from '@stoplight/spectral-parsers';
import { createRequire } from 'node:module';
import { yamlModule } from '../lazy-modules.js';
import { parseYamlPlain } from './yaml-plain.js';

const { Yaml } = spectralParsers;

// A tag starts a node: at a line start or after whitespace or a flow indicator (`Hello!` is no tag);
// a line break is whitespace too.
const TAG_LEAD = /[\s[{,]/;
// Lexer control tokens: they mark structure and stand for no source text.
const ZERO_WIDTH = new Set(['\u0002', '\u0018', '\u001f']);

/** The text Spectral's YAML parser is given: same length and line breaks as `text`. */
export function prepareYamlText(text: string): string {
  const prepared = neutralizeTags(text);
  return prepared.includes(PROTO) ? prepared.replaceAll(PROTO, PLACEHOLDER) : prepared;
}

/** After parsing `prepareYamlText(text)`: puts `__proto__` keys back (in place). */
export function restoreParsedYaml(text: string, data: unknown): void {
  // A double-quoted key may spell `__proto__` with escapes. Only `\x`, `\u`, `\U` (a letter or `_`
  // by code) and an escaped line break (joins `__pro\` and `to__`) can; `\n`, `\\`, `\"` and the
  // like cannot, so a document with only those skips the walk (Stripe's: 0.1 s of CPU).
  if (text.includes(PROTO) || ESCAPE_THAT_CAN_SPELL.test(text)) restoreProtoKeys(data, new Set());
}

const ESCAPE_THAT_CAN_SPELL = /\\[xuU\r\n]/;

/**
 * `/(?:^|[\s[{,])!|^%/m.test(text)`, looking only where a `!` or a `%` after a line break is: the
 * regex tried both alternatives at every offset (~16 ms on Stripe's 4.2 MB).
 */
export function mayHoldTagOrDirective(text: string): boolean {
  if (text.startsWith('%') || ['\n%', '\r%', '\u2028%', '\u2029%'].some((s) => text.includes(s))) return true;
  for (let i = text.indexOf('!'); i !== -1; i = text.indexOf('!', i + 1)) {
    if (i === 0 || TAG_LEAD.test(text[i - 1]!)) return true;
  }
  return false;
}

function neutralizeTags(text: string): string {
  if (!mayHoldTagOrDirective(text)) return text;
  let out: string[] | undefined;
  let last = 0;
  let offset = 0;
  // The `yaml` package (~70 modules) only for a text that may hold a tag: most documents never load it.
  const { CST, Lexer } = yamlModule();
  for (const token of new Lexer().lex(text)) {
    if (token.length === 1 && ZERO_WIDTH.has(token)) continue;
    const type = CST.tokenType(token);
    let replacement: string | undefined;
    if (type === 'tag') replacement = ' '.repeat(token.length);
    else if (type === 'directive-line' && /^%(?:YAML[ \t]+1\.\d+|TAG)(?:[ \t]|$)/.test(token)) replacement = `#${token.slice(1)}`;
    if (replacement !== undefined) {
      out ??= [];
      out.push(text.slice(last, offset), replacement);
      last = offset + token.length;
    }
    offset += token.length;
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

const PROTO = '__proto__';
// Same length as `__proto__`, printable YAML, and not a key any real document uses.
const PLACEHOLDER = '__pr\uE000to__';

/**
 * The parser assigns members with `obj[key] =`: a `__proto__` key would replace the object's
 * prototype and divert the following keys into it. The text is parsed with the key spelled
 * `PLACEHOLDER` (keys and values alike), and this walk puts `__proto__` back as an own member, as
 * `JSON.parse` does. A `__proto__` key spelled with escapes (`"\x5f_proto__"`) is an own member
 * too where yaml-plain.ts builds the data; where Spectral's parser does (a file a `$ref` pulls in,
 * a document with merge keys) it still swaps the prototype, and the walk resets it so the resolver
 * can copy the object (the diverted keys are lost, the document is linted). Recursion is bounded: deeper documents never reach the parser.
 */
function restoreProtoKeys(node: unknown, seen: Set<object>): unknown {
  if (typeof node === 'string') return node.includes(PLACEHOLDER) ? node.replaceAll(PLACEHOLDER, PROTO) : node;
  if (node === null || typeof node !== 'object' || seen.has(node)) return node;
  seen.add(node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v: unknown = node[i];
      const r = restoreProtoKeys(v, seen);
      if (r !== v) node[i] = r;
    }
    return node;
  }
  const proto: unknown = Object.getPrototypeOf(node);
  if (proto !== Object.prototype && proto !== null) Object.setPrototypeOf(node, Object.prototype);
  const obj = node as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const r = restoreProtoKeys(v, seen);
    if (key.includes(PLACEHOLDER)) {
      delete obj[key];
      setOwn(obj, key.replaceAll(PLACEHOLDER, PROTO), r);
    } else if (r !== v) {
      obj[key] = r;
    }
  }
  return node;
}

/** `obj[key] = value` that stays an own member even for `__proto__`. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

type YamlResult = ReturnType<typeof Yaml.parse>;

// yaml-ast-parser node kinds.
const MAP = 2;
const SEQ = 3;
const ANCHOR_REF = 4;

interface AstNode {
  kind: number;
  key?: { value?: unknown } | null;
  value?: AstNode | null;
  mappings?: (AstNode | null)[];
  items?: (AstNode | null)[];
}

const keyIndexes = new WeakMap<AstNode, Map<unknown, AstNode>>();

/** A map's members as @stoplight/yaml's lookup sees them: merge keys expanded, last one wins. */
function keyIndex(map: AstNode, mergeKeys: boolean): Map<unknown, AstNode> {
  let index = keyIndexes.get(map);
  if (index) return index;
  index = new Map();
  const add = (mappings: (AstNode | null)[] | undefined) => {
    for (const m of mappings ?? []) {
      if (m === null || typeof m !== 'object') continue;
      const key = m.key?.value;
      if (mergeKeys && key === '<<') for (const merged of mergedMappings(m.value)) addOne(merged);
      else addOne(m);
    }
  };
  const addOne = (m: AstNode) => {
    const key = m.key?.value;
    index!.set(typeof key === 'string' && key.includes(PLACEHOLDER) ? key.replaceAll(PLACEHOLDER, PROTO) : key, m);
  };
  add(map.mappings);
  keyIndexes.set(map, index);
  return index;
}

function mergedMappings(node: AstNode | null | undefined): AstNode[] {
  if (node === null || typeof node !== 'object') return [];
  if (node.kind === SEQ) {
    const out: AstNode[] = [];
    for (let i = (node.items ?? []).length - 1; i >= 0; i--) out.push(...mergedMappings(node.items![i]));
    return out;
  }
  if (node.kind === MAP) return (node.mappings ?? []).filter((m): m is AstNode => m !== null && typeof m === 'object');
  if (node.kind === ANCHOR_REF) return mergedMappings(node.value);
  return [];
}

/**
 * @stoplight/yaml's path lookup, with each map's keys indexed once: the original scans (and, with
 * merge keys on, copies) a map's members for every lookup, so locating the findings of a document
 * with 20,000 paths was quadratic.
 */
function findNode(ast: AstNode | undefined, path: readonly (string | number)[], closest: boolean, mergeKeys: boolean): AstNode | undefined {
  let node = ast;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return closest ? node : undefined;
    if (node.kind === MAP) {
      const item = keyIndex(node, mergeKeys).get(segment);
      if (!item) return closest ? node : undefined;
      node = (item.value === null ? item.key : item.value) as AstNode | undefined;
    } else if (node.kind === SEQ) {
      const i = Number(segment);
      const item = Number.isInteger(i) && i >= 0 && i < node.items!.length ? node.items![i] : null;
      if (item === null) return closest ? node : undefined;
      node = item;
    } else {
      return closest ? node : undefined;
    }
  }
  return node;
}

export const SafeYaml: typeof Yaml = {
  ...Yaml,
  parse(text: string): YamlResult {
    const prepared = prepareYamlText(text);
    const result = (parseYamlPlain(prepared) as YamlResult | null) ?? Yaml.parse(prepared);
    restoreParsedYaml(text, result.data);
    return result;
  },
  // Spectral's YAML parser ignores `closest` (a path that leads nowhere has no location); so does this.
  getLocationForJsonPath(result, path) {
    const r = result as unknown as { ast?: AstNode; metadata?: { mergeKeys?: boolean } };
    const node = findNode(r.ast, path, false, r.metadata?.mergeKeys === true);
    if (node === undefined) return undefined;
    // The original computes the location of the node found (start and end rules, line map).
    return Yaml.getLocationForJsonPath({ ...result, ast: node } as typeof result, []);
  },
};

type YamlParser = { parse: (text: string) => YamlResult };
let spectralsYaml: YamlParser | null | undefined;

/** spectral-parsers' `Yaml` as spectral-core finds it (the object its DocumentInventory parses with). */
function spectralCoreYaml(): YamlParser | null {
  if (spectralsYaml === undefined) {
    spectralsYaml = null;
    try {
      const fromCore = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-core'));
      const yaml = (fromCore('@stoplight/spectral-parsers') as { Yaml?: YamlParser }).Yaml;
      const slot = yaml ? Object.getOwnPropertyDescriptor(yaml, 'parse') : undefined;
      if (yaml && typeof yaml.parse === 'function' && slot?.writable) spectralsYaml = yaml;
    } catch {
      // intentionally ignored: laid out differently; Spectral's parse runs as it is
    }
  }
  return spectralsYaml;
}

/**
 * Runs `fn` — Spectral's parse of a file a `$ref` pulls in (spectral-core's DocumentInventory makes
 * a Document with spectral-parsers' `Yaml`) — with that parser's `parse` giving the plain-object
 * parse (yaml-plain.ts: same data, key order, diagnostics and tree). The parser is swapped only for
 * this one synchronous call. DigitalOcean's description pulls in 2,900 YAML files.
 */
export function withPlainYamlParse<T>(fn: () => T): T {
  const yaml = spectralCoreYaml();
  if (!yaml) return fn();
  const original = yaml.parse;
  yaml.parse = (text) => (parseYamlPlain(text) as YamlResult | null) ?? original(text);
  try {
    return fn();
  } finally {
    yaml.parse = original;
  }
}

