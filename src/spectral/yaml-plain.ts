/**
 * Spectral's YAML parse, built without a Proxy per map and without the parser's per-node
 * bookkeeping.
 *
 * Spectral parses YAML with @stoplight/yaml's `parseWithPointers` and `preserveKeyOrder: true`
 * (@stoplight/spectral-parsers): yaml-ast-parser reads the text into a tree, then a walk builds the
 * data, making every map an ordered object (@stoplight/ordered-object-literal), a Proxy whose traps
 * keep the keys in document order. Its walk also builds a comment scope and a JSON pointer string
 * for every node, comments off or not. On Stripe's 4.2 MB description the traps cost ~1 s of a ~3 s
 * run (creating the maps, then every access: the resolver's copy, Spectral's traversal, the rules)
 * and the walk's bookkeeping another ~0.25 s.
 *
 * This builds the same result from the same yaml-ast-parser tree with plain objects. A plain object
 * keeps its keys in the order they were added, except that integer-like keys (`'200'`) come first,
 * ascending, and a repeated key keeps its first place where the ordered object moves it to its
 * last. So a map is made an ordered object, exactly as the parser makes one, only where its order
 * would differ (Stripe: none of 29,285 maps; Twilio's messaging API: 2). The diagnostics are the
 * parser's (non-string and duplicate keys, yaml-ast-parser's errors), built by the same rules. A
 * document with a `<<` merge key is left to Spectral's own parse (`parseYamlPlain` returns null).
 * One difference, on purpose: a key that spells `__proto__` with escapes is an own member here
 * (as `JSON.parse` makes it), where the parser's assignment swaps the map's prototype (yaml.ts).
 * Tests compare data, key order, diagnostics and line map with Spectral's parse.
 *
 * Every module is taken from where @stoplight/spectral-parsers finds it, so the versions are
 * Spectral's; if they are not laid out as this expects, Spectral's parse is used.
 */
import { createRequire } from 'node:module';

// yaml-ast-parser's node kinds.
const SCALAR = 0;
const MAP = 2;
const SEQ = 3;
const ANCHOR_REF = 4;
// @stoplight/types' DiagnosticSeverity.
const ERROR = 0;
const WARNING = 1;

export interface YamlAstNode {
  kind: number;
  key?: YamlAstNode | null;
  value?: unknown;
  valueObject?: unknown;
  mappings?: (YamlAstNode | null)[];
  items?: (YamlAstNode | null)[];
  referencesAnchor?: string;
  startPosition: number;
  endPosition: number;
  errors?: YamlError[];
}

interface YamlError {
  name: string;
  reason: string;
  isWarning?: boolean;
  mark: { line: number; column: number; toLineEnd?: boolean };
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface Diagnostic {
  code: string;
  message: string;
  severity: number;
  path?: (string | number)[];
  range: Range;
}

export interface PlainYamlResult {
  ast: YamlAstNode | undefined;
  lineMap: number[];
  data: unknown;
  diagnostics: Diagnostic[];
  metadata: unknown;
  comments: Record<string, never>;
}

interface Tools {
  load: (text: string, options: object) => YamlAstNode | undefined;
  scalarValue: (node: YamlAstNode) => unknown;
  lineForPosition: (pos: number, lines: number[]) => number;
  buildJsonPath: (node: YamlAstNode) => (string | number)[];
  dereferenceAnchor: (node: unknown, anchorId: string | undefined) => unknown;
  ordered: (target: object) => Record<string, unknown>;
}

/** What @stoplight/spectral-parsers passes for YAML (a test checks it still does). */
export const SPECTRAL_YAML_OPTIONS = { ignoreDuplicateKeys: false, mergeKeys: true, preserveKeyOrder: true, attachComments: false } as const;

let tools: Tools | null | undefined;

function load(): Tools | null {
  if (tools !== undefined) return tools;
  tools = null;
  try {
    const fromParsers = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-parsers'));
    const fromYaml = createRequire(fromParsers.resolve('@stoplight/yaml'));
    const ast = fromYaml('@stoplight/yaml-ast-parser') as Record<string, unknown>;
    const fn = (mod: Record<string, unknown>, name: string) => {
      if (typeof mod[name] !== 'function') throw new Error(name);
      return mod[name] as (...args: never[]) => unknown;
    };
    const determineScalarType = fn(ast, 'determineScalarType') as (node: YamlAstNode) => number;
    const parseYamlBoolean = fn(ast, 'parseYamlBoolean') as (s: unknown) => unknown;
    const parseYamlBigInteger = fn(ast, 'parseYamlBigInteger') as (s: unknown) => unknown;
    const parseYamlFloat = fn(ast, 'parseYamlFloat') as (s: unknown) => unknown;
    const types = ast.ScalarType as Record<string, number> | undefined;
    if (!types) return null;
    // @stoplight/yaml's getScalarValue.
    const scalarValue = (node: YamlAstNode): unknown => {
      switch (determineScalarType(node)) {
        case types.null:
          return null;
        case types.string:
          return String(node.value);
        case types.bool:
          return parseYamlBoolean(node.value);
        case types.int:
          return parseYamlBigInteger(node.value);
        case types.float:
          return parseYamlFloat(node.value);
        default:
          return undefined;
      }
    };
    tools = {
      load: fn(ast, 'load') as Tools['load'],
      scalarValue,
      lineForPosition: fn(fromYaml('./lineForPosition.js') as Record<string, unknown>, 'lineForPosition') as Tools['lineForPosition'],
      buildJsonPath: fn(fromYaml('./buildJsonPath.js') as Record<string, unknown>, 'buildJsonPath') as Tools['buildJsonPath'],
      dereferenceAnchor: fn(fromYaml('./dereferenceAnchor.js') as Record<string, unknown>, 'dereferenceAnchor') as Tools['dereferenceAnchor'],
      ordered: fn(fromYaml('@stoplight/ordered-object-literal') as Record<string, unknown>, 'default') as Tools['ordered'],
    };
  } catch {
    // intentionally ignored: laid out differently; Spectral's own parse is used
    tools = null;
  }
  return tools;
}

/** Whether the plain parse is available with the Spectral installed (a test watches upgrades). */
export function plainYamlParser(): boolean {
  return load() !== null;
}

class MergeKey extends Error {}

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

/** Offsets just past each line break, then the length plus one (the parser's line map). */
function lineMapOf(text: string): number[] {
  const map: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) map.push(i + 1);
  map.push(text.length + 1);
  return map;
}

/**
 * `obj[key] = value`, except that a `__proto__` key (only spelled with escapes gets here: see
 * yaml.ts) becomes an own member, as `JSON.parse` makes it, instead of the object's prototype.
 */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

class Walk {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly t: Tools,
    private readonly lineMap: number[],
  ) {}

  value(node: YamlAstNode | null | undefined): unknown {
    if (!node) return node;
    switch (node.kind) {
      case MAP:
        return this.map(node);
      case SEQ:
        return (node.items ?? []).map((item) => (item !== null ? this.value(item) : null));
      case SCALAR: {
        const v = this.t.scalarValue(node);
        return typeof v === 'bigint' ? Number(v) : v;
      }
      case ANCHOR_REF:
        if (node.value !== null && typeof node.value === 'object') node.value = this.t.dereferenceAnchor(node.value, node.referencesAnchor);
        return this.value(node.value as YamlAstNode | null);
      default:
        return null;
    }
  }

  private map(node: YamlAstNode): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    let repeated = false;
    let index = false;
    const mappings = node.mappings ?? [];
    for (const mapping of mappings) {
      const key = this.keyOf(mapping!, true);
      if (key === null) continue;
      // Every key met before is on the object (a `<<` has thrown): no separate set of seen keys.
      if (Object.hasOwn(obj, key)) {
        this.diagnostics.push(this.exception(mapping!.key!, 'duplicate key', 'YAMLException', ERROR));
        repeated = true;
      } else if (!index && isIndex(key)) {
        index = true;
      }
      setOwn(obj, key, this.value(mapping!.value as YamlAstNode | null));
    }
    if (!repeated && !index) return obj;
    // The parser's order: each key where it was last written.
    const added: string[] = [];
    for (const mapping of mappings) {
      const key = this.keyOf(mapping!, false);
      if (key !== null) added.push(key);
    }
    const order = repeated ? [...new Set(added.reverse())].reverse() : added;
    const keys = Object.keys(obj);
    if (keys.every((k, i) => k === order[i])) return obj;
    // Made as the parser makes an ordered map (empty, then each key set), so that even where its
    // order symbol sits among the keys is the same.
    const copy = this.t.ordered({});
    for (const k of order) setOwn(copy, k, obj[k]);
    return copy;
  }

  /**
   * A mapping's key as the parser names it, null for a key it skips; with `report`, the
   * diagnostics the parser gives for a key that is not a string.
   */
  private keyOf(mapping: YamlAstNode, report: boolean): string | null {
    const keyNode = mapping.key!;
    if (keyNode.kind !== SCALAR) {
      if (report) this.incompatible(keyNode, 'mapping key must be a string scalar');
      return null;
    }
    const scalar = this.t.scalarValue(keyNode);
    if (report && typeof scalar !== 'string') {
      this.incompatible(keyNode, `mapping key must be a string scalar rather than ${keyNode.valueObject === null ? 'null' : typeof scalar}`);
    }
    const key = String(scalar);
    if (key === '<<') throw new MergeKey();
    return key;
  }

  private incompatible(node: YamlAstNode, message: string): void {
    this.diagnostics.push(this.exception(node, message, 'YAMLIncompatibleValue', WARNING));
  }

  private exception(node: YamlAstNode, message: string, code: string, severity: number): Diagnostic {
    return { code, message, severity, path: this.t.buildJsonPath(node), range: this.range(node.startPosition, node.endPosition) };
  }

  private range(start: number, end: number): Range {
    const startLine = this.t.lineForPosition(start, this.lineMap);
    const endLine = this.t.lineForPosition(end, this.lineMap);
    return {
      start: { line: startLine, character: startLine === 0 ? start : start - this.lineMap[startLine - 1]! },
      end: { line: endLine, character: endLine === 0 ? end : end - this.lineMap[endLine - 1]! },
    };
  }
}

function lineLength(lineMap: number[], line: number): number {
  if (line === 0) return Math.max(0, lineMap[0]! - 1);
  return Math.max(0, lineMap[line]! - lineMap[line - 1]! - 1);
}

/** yaml-ast-parser's errors as the parser reports them (a broken flow collection as one). */
function parseErrors(errors: YamlError[], lineMap: number[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let brokenFlow = -1;
  let i = 0;
  for (const error of errors) {
    const d: Diagnostic = {
      code: error.name,
      message: error.reason,
      severity: error.isWarning ? WARNING : ERROR,
      range: {
        start: { line: error.mark.line, character: error.mark.column },
        end: { line: error.mark.line, character: error.mark.toLineEnd ? lineLength(lineMap, error.mark.line) : error.mark.column },
      },
    };
    if (error.reason === 'missed comma between flow collection entries') {
      brokenFlow = brokenFlow === -1 ? i : brokenFlow;
    } else if (brokenFlow !== -1) {
      out[brokenFlow]!.range.end = d.range.end;
      out[brokenFlow]!.message = 'invalid mixed usage of block and flow styles';
      out.length = brokenFlow + 1;
      i = out.length;
      brokenFlow = -1;
    }
    out.push(d);
    i++;
  }
  return out;
}

/**
 * The result Spectral's YAML parser gives for `text` (data, tree, diagnostics, line map), with
 * plain objects wherever their key order is the document's; null when Spectral must parse it.
 */
export function parseYamlPlain(text: string): PlainYamlResult | null {
  const t = load();
  if (!t) return null;
  const lineMap = lineMapOf(text);
  const ast = t.load(text, { ...SPECTRAL_YAML_OPTIONS, ignoreDuplicateKeys: true });
  const result: PlainYamlResult = { ast, lineMap, data: undefined, diagnostics: [], metadata: { ...SPECTRAL_YAML_OPTIONS }, comments: {} };
  if (!ast) return result;
  const walk = new Walk(t, lineMap);
  try {
    result.data = walk.value(ast);
  } catch (e) {
    if (e instanceof MergeKey) return null;
    throw e;
  }
  result.diagnostics = walk.diagnostics;
  if (ast.errors) result.diagnostics.push(...parseErrors(ast.errors, lineMap));
  if (result.diagnostics.length > 0) result.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line);
  if (Array.isArray(ast.errors)) ast.errors.length = 0;
  return result;
}
