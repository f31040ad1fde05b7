/**
 * Which `paths` keys of one document a request can match twice (no-ambiguous-paths).
 *
 * API
 * - `parseTemplate(path)` → `TemplateSegment[]`: each non-empty segment as a literal, a whole
 *   parameter (`{id}`) or a partial template (`{name}.json`, `v{version}`), with the literal
 *   pieces and parameter names of a partial one. OpenAPI templating only: `:id` is literal text.
 * - `comparePaths(a, b)` → `{ kind: 'identical', ... } | { kind: 'ambiguous', sample } | undefined`:
 *   - identical: every segment the same but for parameter names (and a trailing slash): the same
 *     requests match both; `parameterNames` and `trailingSlash` say what differs.
 *   - ambiguous: some request matches both and neither template is more specific in every
 *     segment (`/{kind}/me` and `/users/{id}` both match `/users/me`); `sample` is such a request
 *     path, literal where either template is. A concrete segment beats a templated one (the
 *     OpenAPI rule), so `/users/me` and `/users/{id}` are not ambiguous.
 *   - undefined: no request matches both, one template wins everywhere, or a partial template
 *     meets a literal or a parameter in a way this module cannot decide (precision first).
 *   A literal meeting a parameter whose schema rejects it is no overlap (`accepts`: `comments`
 *   is no integer `{issue_number}`), so `/issues/{issue_number}/events` and
 *   `/issues/comments/{id}` are apart when the number is typed.
 * - `pathConflicts(index)` → one `{ path, other, comparison }` per conflicting pair of `paths`
 *   keys, `path` the later key in document order; memoised per document.
 *
 * Pairs are only compared within a segment count (a parameter matches one segment), and the
 * first mismatching pair of literals rejects a pair at once, so the quadratic part is cheap on
 * GitHub's 811 paths.
 */
import type { DocumentIndex } from './operations.js';
import { effectiveSchema, isObject, resolve, schemaTypes } from './document.js';
import { tooLongToJudge } from '../regex.js';

export type TemplateSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; text: string; name: string }
  /** `{name}.json`: literal pieces around parameters; `pieces.length === names.length + 1`. */
  | { kind: 'partial'; text: string; pieces: string[]; names: string[] };

export interface ParsedTemplate {
  path: string;
  segments: TemplateSegment[];
  trailingSlash: boolean;
  /**
   * Whether the parameter `name` can take the value `literal` (default: yes). A literal segment
   * the parameter's schema rejects (`comments` for an integer `{issue_number}`) is no overlap.
   */
  accepts?: (name: string, literal: string) => boolean;
}

export type PathComparison =
  | { kind: 'identical'; parameterNames: boolean; trailingSlash: boolean }
  | { kind: 'ambiguous'; sample: string };

export interface PathConflict {
  /** The later of the two keys in document order, where the finding goes. */
  path: string;
  other: string;
  comparison: PathComparison;
}

/** A segment's pieces, or undefined when its braces do not pair up (`{a`, `a}b`, `{{a}}`). */
function splitTemplate(text: string): { pieces: string[]; names: string[] } | undefined {
  const pieces: string[] = [];
  const names: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{', from);
    const stray = text.indexOf('}', from);
    if (open === -1) {
      if (stray !== -1) return undefined;
      pieces.push(text.slice(from));
      return { pieces, names };
    }
    if (stray !== -1 && stray < open) return undefined;
    const close = text.indexOf('}', open + 1);
    if (close === -1) return undefined;
    const name = text.slice(open + 1, close);
    if (name.length === 0 || name.includes('{')) return undefined;
    pieces.push(text.slice(from, open));
    names.push(name);
    from = close + 1;
  }
}

export function parseTemplate(path: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  for (const text of path.split('/')) {
    if (text.length === 0) continue;
    const parts = splitTemplate(text);
    if (!parts || parts.names.length === 0) segments.push({ kind: 'literal', text });
    else if (parts.names.length === 1 && parts.pieces[0] === '' && parts.pieces[1] === '') segments.push({ kind: 'param', text, name: parts.names[0]! });
    else segments.push({ kind: 'partial', text, pieces: parts.pieces, names: parts.names });
  }
  return { path, segments, trailingSlash: path.length > 1 && path.endsWith('/') };
}

/** What one segment pair says: same requests, disjoint, one side more specific, or unknown. */
type SegmentVerdict = 'same' | 'disjoint' | 'a' | 'b' | 'unknown';

/**
 * Whether `literal` fits a partial template, when that can be told: every parameter matches one or
 * more characters; with two parameters side by side (`{a}{b}`) or more than one parameter, where
 * they split is not known, so only a single-parameter template (`{name}.json`, `v{n}`) is judged.
 */
function literalFits(literal: string, partial: { pieces: string[]; names: string[] }): boolean | undefined {
  if (partial.names.length !== 1) return undefined;
  const [prefix, suffix] = partial.pieces as [string, string];
  return literal.length > prefix.length + suffix.length && literal.startsWith(prefix) && literal.endsWith(suffix);
}

function compareSegments(a: TemplateSegment, b: TemplateSegment, ta: ParsedTemplate, tb: ParsedTemplate): SegmentVerdict {
  if (a.kind === 'literal' && b.kind === 'literal') return a.text === b.text ? 'same' : 'disjoint';
  if (a.kind === 'param' && b.kind === 'param') return 'same';
  if (a.kind === 'literal' && b.kind === 'param') return !tb.accepts || tb.accepts(b.name, a.text) ? 'a' : 'disjoint';
  if (a.kind === 'param' && b.kind === 'literal') return !ta.accepts || ta.accepts(a.name, b.text) ? 'b' : 'disjoint';
  if (a.kind === 'partial' && b.kind === 'partial') {
    // The same literal pieces in the same places: the same template with other names.
    return a.pieces.length === b.pieces.length && a.pieces.every((p, i) => p === b.pieces[i]) ? 'same' : 'unknown';
  }
  if (a.kind === 'partial' && b.kind === 'literal') {
    const fits = literalFits(b.text, a);
    return fits === undefined ? 'unknown' : fits ? 'b' : 'disjoint';
  }
  if (a.kind === 'literal' && b.kind === 'partial') {
    const fits = literalFits(a.text, b);
    return fits === undefined ? 'unknown' : fits ? 'a' : 'disjoint';
  }
  // A partial template against a whole parameter: the OpenAPI rule speaks of concrete and
  // templated paths only, and routers rank `{name}.json` against `{id}` differently.
  return 'unknown';
}

export function comparePaths(a: ParsedTemplate, b: ParsedTemplate): PathComparison | undefined {
  if (a.segments.length !== b.segments.length) return undefined;
  let aWins = false;
  let bWins = false;
  let unknown = false;
  let renamed = false;
  for (let i = 0; i < a.segments.length; i++) {
    const verdict = compareSegments(a.segments[i]!, b.segments[i]!, a, b);
    if (verdict === 'disjoint') return undefined;
    if (verdict === 'unknown') unknown = true;
    else if (verdict === 'a') aWins = true;
    else if (verdict === 'b') bWins = true;
    else if (a.segments[i]!.text !== b.segments[i]!.text) renamed = true;
  }
  if (unknown) return undefined;
  if (!aWins && !bWins) {
    if (!renamed && a.trailingSlash === b.trailingSlash) return undefined;
    return { kind: 'identical', parameterNames: renamed, trailingSlash: a.trailingSlash !== b.trailingSlash };
  }
  if (!(aWins && bWins)) return undefined;
  const sample = a.segments.map((s, i) => (s.kind === 'literal' ? s.text : b.segments[i]!.text)).join('/');
  return { kind: 'ambiguous', sample: `/${sample}` };
}

const conflictsCache = new WeakMap<object, PathConflict[]>();

export function pathConflicts(index: DocumentIndex): PathConflict[] {
  const cached = conflictsCache.get(index);
  if (cached) return cached;
  const bySize = new Map<number, ParsedTemplate[]>();
  const out: PathConflict[] = [];
  for (const path of index.operationsByPath.keys()) {
    if (tooLongToJudge(path, 'path')) continue;
    const parsed = parseTemplate(path);
    parsed.accepts = (name, literal) => parameterAccepts(index, path, name, literal);
    let earlier = bySize.get(parsed.segments.length);
    if (!earlier) bySize.set(parsed.segments.length, (earlier = []));
    for (const other of earlier) {
      const comparison = comparePaths(other, parsed);
      if (comparison) out.push({ path, other: other.path, comparison });
    }
    earlier.push(parsed);
  }
  conflictsCache.set(index, out);
  return out;
}

/**
 * Whether some operation of `path` lets its path parameter `name` be `literal`: unless every
 * declaration says no by its type (integer, number, boolean), `enum` or `format: uuid`, yes.
 * Patterns are not run (a document's regex on our input is a ReDoS risk), nor other formats.
 */
function parameterAccepts(index: DocumentIndex, path: string, name: string, literal: string): boolean {
  const ops = index.operationsByPath.get(path) ?? [];
  let declared = false;
  for (const op of ops) {
    // An operation or parameter the index could not read (a `$ref` into another file left
    // unresolved) may declare this one with a type that rules the literal out: cannot tell, so
    // no overlap.
    if (typeof op.operation.$ref === 'string' || typeof op.pathItem.$ref === 'string') return false;
    if (hasUnreadParameter(index.root, op.operation.parameters) || hasUnreadParameter(index.root, op.pathItem.parameters)) return false;
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
    if (!param) continue;
    declared = true;
    const schema = effectiveSchema(index.root, param.schema);
    if (!schema || schemaAccepts(schema, literal)) return true;
  }
  return !declared;
}

function hasUnreadParameter(root: unknown, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  return list.some((raw) => {
    const p = resolve(root, raw);
    return !isObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string';
  });
}

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function schemaAccepts(schema: Record<string, unknown>, literal: string): boolean {
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && !schema.enum.some((v) => String(v) === literal)) return false;
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.includes('string')) {
    const number = literal.length <= 64 && NUMBER.test(literal);
    const ok = types.some((t) => (t === 'integer' ? number && !literal.includes('.') : t === 'number' ? number : t === 'boolean' ? literal === 'true' || literal === 'false' : true));
    if (!ok) return false;
  }
  if (schema.format === 'uuid' && types.every((t) => t === 'string') && !UUID.test(literal)) return false;
  return true;
}
