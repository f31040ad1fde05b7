/**
 * Document-level helpers every OpenAPI rule shares. Pure functions over plain parsed JSON.
 *
 * API
 * - `detectVersion(root)` → `'2.0' | '3.0' | '3.1' | undefined` (3.2 documents count as 3.1).
 * - `resolve(root, node)` follows local `$ref`s (`#/components/...`) to the object they point at,
 *   chains included; returns the node unchanged when it is not a ref or the ref cannot be followed.
 *   Spectral hands `resolved: true` rules a document whose refs are already inlined, so this only
 *   matters for circular refs Spectral leaves in place and for callers working on raw documents.
 * - `deref(root, pointer)` reads a JSON pointer (`#/a/b`).
 * - `effectiveSchema(root, schema)` resolves a schema and merges its `allOf` members (properties,
 *   required, type, items), recursively; cached per schema object. Never mutates the document.
 * - `isJsonMediaType(mediaType)`: `application/json`, `*+json` (problem+json included).
 * - `collectionOf(root, schema)` → how a response body is a collection: `{ kind: 'array' }`,
 *   `{ kind: 'envelope', property: 'data' | 'items' | 'results' }`, or undefined.
 * - `isObject(x)`, type `Obj`, type `JsonPath`.
 */

export type Obj = Record<string, unknown>;
export type JsonPath = (string | number)[];
export type OasVersion = '2.0' | '3.0' | '3.1';

export function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function detectVersion(root: unknown): OasVersion | undefined {
  if (!isObject(root)) return undefined;
  if (typeof root.swagger === 'string' && root.swagger.startsWith('2.')) return '2.0';
  if (typeof root.openapi === 'string') {
    if (root.openapi.startsWith('3.0')) return '3.0';
    if (/^3\.[1-9]/.test(root.openapi)) return '3.1';
  }
  return undefined;
}

function unescapePointer(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Reads a local JSON pointer (`#/components/schemas/User`); undefined when it leads nowhere. */
export function deref(root: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) return undefined;
  const body = pointer.slice(1);
  if (body === '' || body === '/') return body === '' ? root : undefined;
  let node: unknown = root;
  for (const raw of body.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    const token = unescapePointer(raw);
    node = (node as Obj)[token];
  }
  return node;
}

const MAX_REF_HOPS = 32;

/** Follows a chain of local `$ref`s; returns the node itself when it is not (resolvable) ref. */
export function resolve<T = unknown>(root: unknown, node: T): T {
  let current: unknown = node;
  for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
    if (!isObject(current) || typeof current.$ref !== 'string') return current as T;
    const target = deref(root, current.$ref);
    if (target === undefined) return current as T;
    current = target;
  }
  return current as T;
}

const effectiveCache = new WeakMap<object, Obj>();
const MAX_ALLOF_DEPTH = 16;

/**
 * The schema as a consumer sees it: ref resolved and `allOf` members merged into one object
 * (properties and required united, first `type`/`items` wins). Other keywords of the outer schema
 * are kept. `oneOf`/`anyOf` are left alone: they are alternatives, not one shape.
 */
export function effectiveSchema(root: unknown, schema: unknown): Obj | undefined {
  return effective(root, schema, 0);
}

function effective(root: unknown, schema: unknown, depth: number): Obj | undefined {
  const s = resolve(root, schema);
  if (!isObject(s)) return undefined;
  if (!Array.isArray(s.allOf)) return s;
  const cached = effectiveCache.get(s);
  if (cached) return cached;
  const { allOf, ...rest } = s;
  const merged: Obj = { ...rest };
  const properties: Obj = isObject(rest.properties) ? { ...rest.properties } : {};
  const required = new Set<string>(Array.isArray(rest.required) ? (rest.required as string[]) : []);
  if (depth < MAX_ALLOF_DEPTH) {
    for (const member of allOf as unknown[]) {
      const m = effective(root, member, depth + 1);
      if (!m) continue;
      if (isObject(m.properties)) {
        for (const [k, v] of Object.entries(m.properties)) if (!(k in properties)) properties[k] = v;
      }
      if (Array.isArray(m.required)) for (const r of m.required) if (typeof r === 'string') required.add(r);
      for (const key of ['type', 'items', 'additionalProperties', 'nullable', 'format', 'enum'] as const) {
        if (merged[key] === undefined && m[key] !== undefined) merged[key] = m[key];
      }
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  effectiveCache.set(s, merged);
  return merged;
}

export function isJsonMediaType(mediaType: string): boolean {
  const mt = mediaType.split(';')[0]!.trim().toLowerCase();
  return mt === 'application/json' || /^[a-z]+\/[^\s]*\+json$/.test(mt);
}

/** Schema types as a list (`type: [array, 'null']` in 3.1, `type: array` elsewhere). */
export function schemaTypes(schema: Obj): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

export function isArraySchema(root: unknown, schema: unknown): boolean {
  const s = effectiveSchema(root, schema);
  if (!s) return false;
  const types = schemaTypes(s);
  if (types.includes('array')) return true;
  return types.length === 0 && s.items !== undefined;
}

export const ENVELOPE_COLLECTION_PROPERTIES = ['data', 'items', 'results', 'entries'] as const;

export type CollectionShape =
  | { kind: 'array' }
  | { kind: 'envelope'; property: (typeof ENVELOPE_COLLECTION_PROPERTIES)[number] };

export function collectionOf(root: unknown, schema: unknown): CollectionShape | undefined {
  const s = effectiveSchema(root, schema);
  if (!s) return undefined;
  if (isArraySchema(root, s)) return { kind: 'array' };
  if (!isObject(s.properties)) return undefined;
  for (const property of ENVELOPE_COLLECTION_PROPERTIES) {
    const p = s.properties[property];
    if (p !== undefined && isArraySchema(root, p)) return { kind: 'envelope', property };
  }
  return undefined;
}
