/**
 * readOnly and writeOnly properties an example shows where the server never has them: a readOnly
 * property in a request example (the server sets it and does not accept it), a writeOnly property
 * in a response example (the server accepts it and never returns it, like a card's CVC).
 *
 * API
 * - `new MisplacedProperties(root)`: one per document (`root`: the resolved document, for the
 *   circular `$ref`s Spectral leaves in place).
 * - `find(schema, value, context)` → `{ tokens, name, role }[]`: the properties of `value` (an
 *   example written for `schema`) that `context` never carries, with the JSON path tokens from the
 *   example down to each property. The walk follows the example, not the schema: it costs what the
 *   example holds, and a schema is only looked at where the example has a value.
 *
 * How a property's role is read (precision first):
 * - `readOnly: true` / `writeOnly: true` on the property schema, on a `$ref` target, or on any of
 *   its `allOf` members: annotations of every schema an instance must satisfy apply.
 * - `allOf` members' properties are the schema's own properties.
 * - Through `oneOf`/`anyOf` only when every branch that declares the property gives it the same
 *   role: which branch an example means is not known, and a property read-only in one variant and
 *   writable in another is not a finding.
 * - Object values reach `properties` (else `additionalProperties`), array values `items` (not
 *   tuples); the example's shape decides, the schema's `type` is not consulted.
 *
 * Each schema's property table is built once and kept (WeakMap on the schema object), so examples
 * of the same components share the work.
 */
import { isObject, resolve, type Obj } from './document.js';

export type PropertyRole = 'readOnly' | 'writeOnly';

export interface MisplacedProperty {
  /** From the example to the property (`['card', 'cvc']`, `['items', 0, 'id']`). */
  tokens: (string | number)[];
  name: string;
  role: PropertyRole;
}

/** Several schemas seen as one: an instance satisfies all of them, or any one of them. */
class Composite {
  constructor(
    readonly mode: 'all' | 'any',
    readonly parts: Node[],
  ) {}
}
type Node = Obj | Composite;

interface Entry {
  role: PropertyRole | undefined;
  /** The schema(s) the property's value must satisfy. */
  child: Node;
}

interface Shape {
  properties: Map<string, Entry>;
  /** `additionalProperties` (an object schema), for names `properties` does not declare. */
  additional: Entry | undefined;
  items: Node | undefined;
}

const EMPTY: Shape = { properties: new Map(), additional: undefined, items: undefined };
/** Deeper examples are not walked (a YAML alias cycle, or data no reader checks by eye). */
const MAX_DEPTH = 64;
const MAX_ALLOF_DEPTH = 16;

export class MisplacedProperties {
  private readonly root: unknown;
  private readonly shapes = new WeakMap<object, Shape>();
  private readonly roles = new WeakMap<object, PropertyRole | null>();
  private readonly inProgress = new Set<object>();

  constructor(root: unknown) {
    this.root = root;
  }

  find(schema: unknown, value: unknown, context: 'request' | 'response'): MisplacedProperty[] {
    if (!isObject(schema) || value === null || typeof value !== 'object') return [];
    const target: PropertyRole = context === 'request' ? 'readOnly' : 'writeOnly';
    const out: MisplacedProperty[] = [];
    const tokens: (string | number)[] = [];
    const walk = (v: unknown, node: Node, depth: number): void => {
      if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return;
      const shape = this.shapeOf(node);
      if (Array.isArray(v)) {
        if (!shape.items) return;
        for (let i = 0; i < v.length; i++) {
          tokens.push(i);
          walk(v[i], shape.items, depth + 1);
          tokens.pop();
        }
        return;
      }
      if (shape.properties.size === 0 && !shape.additional) return;
      for (const key of Object.keys(v)) {
        const entry = shape.properties.get(key) ?? shape.additional;
        if (!entry) continue;
        tokens.push(key);
        if (entry.role === target) out.push({ tokens: [...tokens], name: key, role: target });
        else walk((v as Obj)[key], entry.child, depth + 1);
        tokens.pop();
      }
    };
    walk(value, schema, 0);
    return out;
  }

  private shapeOf(node: Node): Shape {
    const cached = this.shapes.get(node);
    if (cached) return cached;
    let shape: Shape;
    if (node instanceof Composite) {
      const parts = node.parts.map((p) => this.shapeOf(p));
      shape = node.mode === 'all' ? this.all(parts) : any(parts);
    } else {
      const s = resolve(this.root, node);
      if (!isObject(s)) return EMPTY;
      // allOf cycles (A allOf B allOf A): the inner visit sees nothing, the outer one everything.
      if (this.inProgress.has(s)) return EMPTY;
      this.inProgress.add(s);
      try {
        shape = this.schemaShape(s);
      } finally {
        this.inProgress.delete(s);
      }
    }
    this.shapes.set(node, shape);
    return shape;
  }

  /** A schema's own properties and items, its allOf members', and its oneOf/anyOf alternatives'. */
  private schemaShape(s: Obj): Shape {
    const own: Shape = { properties: new Map(), additional: undefined, items: undefined };
    if (isObject(s.properties)) {
      for (const [name, p] of Object.entries(s.properties)) {
        if (isObject(p)) own.properties.set(name, { role: this.roleOf(p, 0), child: p });
      }
    }
    if (isObject(s.additionalProperties)) own.additional = { role: this.roleOf(s.additionalProperties, 0), child: s.additionalProperties };
    if (isObject(s.items)) own.items = s.items;
    const conjuncts: Shape[] = [own];
    if (Array.isArray(s.allOf)) for (const m of s.allOf) if (isObject(m)) conjuncts.push(this.shapeOf(m));
    for (const key of ['oneOf', 'anyOf'] as const) {
      const branches = s[key];
      if (Array.isArray(branches)) conjuncts.push(any(branches.filter(isObject).map((b) => this.shapeOf(b))));
    }
    return conjuncts.length === 1 ? own : this.all(conjuncts);
  }

  /** Shapes an instance satisfies together: a role from any of them holds (unless they disagree). */
  private all(shapes: Shape[]): Shape {
    const useful = shapes.filter((s) => s !== EMPTY);
    if (useful.length === 1) return useful[0]!;
    const out: Shape = { properties: new Map(), additional: undefined, items: undefined };
    const names = new Set<string>();
    for (const s of useful) for (const name of s.properties.keys()) names.add(name);
    for (const name of names) {
      out.properties.set(name, combine(useful.map((s) => s.properties.get(name)), 'all'));
    }
    out.additional = combineOptional(useful.map((s) => s.additional), 'all');
    out.items = nodes(useful.map((s) => s.items), 'all');
    return out;
  }

  /** The role a property schema gives its property: its own flag, its `$ref` target's or an `allOf` member's. */
  private roleOf(schema: unknown, depth: number): PropertyRole | undefined {
    const s = resolve(this.root, schema);
    if (!isObject(s)) return undefined;
    const memo = this.roles.get(s);
    if (memo !== undefined) return memo ?? undefined;
    this.roles.set(s, null);
    let role: PropertyRole | undefined;
    const read = s.readOnly === true;
    const write = s.writeOnly === true;
    if (read !== write) role = read ? 'readOnly' : 'writeOnly';
    else if (!read && Array.isArray(s.allOf) && depth < MAX_ALLOF_DEPTH) {
      const found = new Set(s.allOf.map((m) => this.roleOf(m, depth + 1)).filter((r): r is PropertyRole => r !== undefined));
      if (found.size === 1) role = [...found][0];
    }
    this.roles.set(s, role ?? null);
    return role;
  }
}

/** Alternatives: a property has a role only when every alternative that declares it agrees. */
function any(shapes: Shape[]): Shape {
  if (shapes.length === 1) return shapes[0]!;
  const out: Shape = { properties: new Map(), additional: undefined, items: undefined };
  const names = new Set<string>();
  for (const s of shapes) for (const name of s.properties.keys()) names.add(name);
  for (const name of names) out.properties.set(name, combine(shapes.map((s) => s.properties.get(name)), 'any'));
  out.additional = combineOptional(shapes.map((s) => s.additional), 'any');
  out.items = nodes(shapes.map((s) => s.items), 'any');
  return out;
}

function combine(entries: (Entry | undefined)[], mode: 'all' | 'any'): Entry {
  const declared = entries.filter((e): e is Entry => e !== undefined);
  if (declared.length === 1) return declared[0]!;
  const roles = new Set(declared.map((e) => e.role));
  let role: PropertyRole | undefined;
  if (mode === 'any') role = roles.size === 1 ? declared[0]!.role : undefined;
  else {
    roles.delete(undefined);
    role = roles.size === 1 ? [...roles][0] : undefined;
  }
  return { role, child: new Composite(mode, declared.map((e) => e.child)) };
}

function combineOptional(entries: (Entry | undefined)[], mode: 'all' | 'any'): Entry | undefined {
  return entries.some((e) => e !== undefined) ? combine(entries, mode) : undefined;
}

function nodes(list: (Node | undefined)[], mode: 'all' | 'any'): Node | undefined {
  const present = list.filter((n): n is Node => n !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0]! : new Composite(mode, present);
}
