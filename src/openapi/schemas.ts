/**
 * Walking schema objects of a (Spectral-resolved, so possibly cyclic and shared) document.
 *
 * API
 * - `walkSchema(schema, path, visit, visited?)`: depth-first over a schema and its subschemas
 *   (`properties`, `items`, `additionalProperties`, `patternProperties`, `allOf`/`anyOf`/`oneOf`,
 *   `not`, `prefixItems`, …). `visit(schema, path, via)` is called once per schema object (shared
 *   `$ref` targets and cycles are visited once per `visited` set, at the first path reaching them);
 *   `via` says how it was reached (`'property'` with the property name, `'items'`, …); `path()`
 *   builds its JSON path on demand. Return `false` from `visit` to skip that schema's children.
 * - `documentSchemaNodes(index)`: every schema object of the document (walked from
 *   `documentSchemaRoots`, each once), with its lazy path and `via`; computed once per document
 *   and shared by the rules that judge all schemas (property casing, schema examples).
 * - `documentSchemaRoots(index)`: every schema root of a document with its path — component
 *   schemas first (so shared schemas are reported on the component), then parameters, request
 *   bodies and responses of every operation, with the request/response side they belong to.
 */
import { isObject, type JsonPath, type Obj } from './document.js';
import type { DocumentIndex } from './operations.js';

export interface SchemaVia {
  kind: 'root' | 'property' | 'items' | 'additionalProperties' | 'patternProperties' | 'composition' | 'other';
  /** The property name when `kind === 'property'`. */
  name?: string;
  /** The schema that holds this one (undefined for a root). */
  parent?: Obj;
}

/**
 * `path()` builds the node's JSON path on demand: most visited schemas are never reported, and
 * copying a path array per node is most of a walk's cost on large documents.
 */
export type SchemaVisitor = (schema: Obj, path: () => JsonPath, via: SchemaVia) => boolean | void;

/** Keywords holding subschemas, and how a child reached through them is described. */
const CHILD_KINDS = new Map<string, SchemaVia['kind']>([
  ['properties', 'property'],
  ['patternProperties', 'patternProperties'],
  ['items', 'items'],
  ['prefixItems', 'items'],
  ['additionalProperties', 'additionalProperties'],
  ['allOf', 'composition'],
  ['anyOf', 'composition'],
  ['oneOf', 'composition'],
  ['not', 'other'],
  ['contains', 'other'],
  ['propertyNames', 'other'],
  ['if', 'other'],
  ['then', 'other'],
  ['else', 'other'],
  ['unevaluatedProperties', 'other'],
  ['unevaluatedItems', 'other'],
  ['additionalItems', 'other'],
]);

interface Frame {
  node: unknown;
  parent: Frame | undefined;
  /** Path tokens from the parent frame (the root frame: the whole root path). */
  tokens: JsonPath;
  via: SchemaVia;
}

function pathOf(frame: Frame): JsonPath {
  const parts: JsonPath[] = [];
  for (let f: Frame | undefined = frame; f; f = f.parent) parts.push(f.tokens);
  const out: JsonPath = [];
  for (let i = parts.length - 1; i >= 0; i--) out.push(...parts[i]!);
  return out;
}

export function walkSchema(schema: unknown, path: JsonPath, visit: SchemaVisitor, visited: Set<object> = new Set()): void {
  // Explicit stack: GitHub-sized documents nest deep enough to make recursion a risk.
  const stack: Frame[] = [{ node: schema, parent: undefined, tokens: path, via: { kind: 'root' } }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (!isObject(node) || visited.has(node)) continue;
    visited.add(node);
    if (visit(node, () => pathOf(frame), frame.via) === false) continue;
    const children: Frame[] = [];
    // One pass over the node's own keys: Spectral's resolved objects are proxies (ordered keys),
    // so probing a dozen absent keywords per schema costs more than listing the present ones.
    for (const key of Object.keys(node)) {
      const kind = CHILD_KINDS.get(key);
      if (kind === undefined) continue;
      const child = node[key];
      if (key === 'properties' || key === 'patternProperties') {
        if (!isObject(child)) continue;
        for (const name of Object.keys(child)) {
          children.push({
            node: child[name],
            parent: frame,
            tokens: [key, name],
            via: key === 'properties' ? { kind: 'property', name, parent: node } : { kind: 'patternProperties', parent: node },
          });
        }
      } else if (Array.isArray(child)) {
        child.forEach((c, i) => children.push({ node: c, parent: frame, tokens: [key, i], via: { kind, parent: node } }));
      } else if (isObject(child)) {
        children.push({ node: child, parent: frame, tokens: [key], via: { kind, parent: node } });
      }
    }
    // Reverse so the first child is visited first (document order for first-path reporting).
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

export type SchemaSide = 'request' | 'response' | 'component';

export interface SchemaRoot {
  schema: unknown;
  path: JsonPath;
  side: SchemaSide;
}

/** Component schemas first, then every operation's parameter, request and response schemas. */
export function documentSchemaRoots(index: DocumentIndex): SchemaRoot[] {
  const roots: SchemaRoot[] = [];
  const { root } = index;
  const container = index.version === '2.0'
    ? root.definitions
    : isObject(root.components) ? root.components.schemas : undefined;
  const base: JsonPath = index.version === '2.0' ? ['definitions'] : ['components', 'schemas'];
  if (isObject(container)) {
    for (const [name, schema] of Object.entries(container)) roots.push({ schema, path: [...base, name], side: 'component' });
  }
  for (const op of index.operations) {
    for (const p of op.parameters) {
      if (p.in === 'body') continue;
      if (p.schema) roots.push({ schema: p.schema, path: index.version === '2.0' ? p.jsonPath : [...p.jsonPath, 'schema'], side: 'request' });
    }
    for (const m of op.requestBody?.media ?? []) {
      roots.push({ schema: m.schema, path: [...m.jsonPath, 'schema'], side: 'request' });
    }
    for (const r of op.responses) {
      for (const m of r.media) roots.push({ schema: m.schema, path: [...m.jsonPath, 'schema'], side: 'response' });
    }
  }
  return roots;
}

export interface SchemaNode {
  schema: Obj;
  path: () => JsonPath;
  via: SchemaVia;
}

const nodesCache = new WeakMap<object, SchemaNode[]>();

export function documentSchemaNodes(index: DocumentIndex): SchemaNode[] {
  let nodes = nodesCache.get(index);
  if (nodes) return nodes;
  nodes = [];
  const visited = new Set<object>();
  for (const { schema, path } of documentSchemaRoots(index)) {
    walkSchema(schema, path, (node, p, via) => void nodes!.push({ schema: node, path: p, via }), visited);
  }
  nodesCache.set(index, nodes);
  return nodes;
}
