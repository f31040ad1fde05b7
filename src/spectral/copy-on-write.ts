/**
 * immer 9's `produce`, for the one recipe internal-refs.ts runs (lodash `get` and `set` of values
 * by paths on a draft of a parsed document, and `original` of the root), without a Proxy per node.
 *
 * On Stripe's description that `produce` (2,500 refs) took ~300 ms, most of it in Proxy traps,
 * draft bookkeeping and immer's development-build checks. The result must be the one immer gives,
 * node for node: which nodes are new copies and which are the parsed document's own (shared), which
 * nodes several refs share, and which are frozen. So this follows immer's rules step by step:
 *
 * - a draft is made per place, when a path first reads an unchanged child through its parent (the
 *   parent is copied then); a draft stored at a second place is the same draft there;
 * - a write marks the draft and the drafts it was made under changed (not the places it was stored);
 *   writing a value equal to the current one, or a draft's own original back, changes nothing;
 * - lodash `set` reads each step before writing it, makes a missing step an array when the next key
 *   is an index and an object otherwise, and stops at `__proto__`, `constructor` and `prototype`;
 *   an array draft refuses a key that is not an index (immer throws; the recipe's caller catches);
 * - finishing: an unchanged draft gives its original, deep-frozen; a changed one its copy, whose
 *   children are finished first, then frozen; a plain object met under a copy is walked for drafts
 *   and frozen; a frozen node is not entered.
 * Copies are made as immer's `shallowCopy` makes them (property descriptors, so `__proto__` keys,
 * non-enumerable and symbol keys and the prototype are kept). What a parsed document cannot hold
 * (Maps, Sets, classes marked immerable) is not emulated. Tested against immer itself on random
 * trees and recipes (test/spectral/copy-on-write.test.ts) and through internal-refs' own tests.
 *
 * One deliberate difference: `draftGet` reads own members only (see `getOwn`).
 *
 * API: `produceDocument(base, recipe)` with `draftGet(draft, path)`, `draftSet(draft, path, value)`
 * and `draftOriginal(draft)` for the recipe; `getOwn(object, path)` for plain trees and immer drafts.
 */

type Key = string;

class Draft {
  copy: Record<Key, unknown> | unknown[] | null = null;
  modified = false;
  finalized = false;
  constructor(
    readonly base: object,
    readonly parent: Draft | null,
    readonly isArray: boolean,
  ) {}

  latest(): Record<Key, unknown> {
    return (this.copy ?? this.base) as Record<Key, unknown>;
  }

  prepareCopy(): Record<Key, unknown> {
    this.copy ??= shallowCopy(this.base);
    return this.copy as Record<Key, unknown>;
  }

  markChanged(): void {
    for (let d: Draft | null = this; d && !d.modified; d = d.parent) d.modified = true;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;
const objectCtorString = Object.prototype.constructor.toString();

/** immer's `isPlainObject`. */
function isPlainObject(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return true;
  const Ctor = hasOwn.call(proto, 'constructor') && (proto as { constructor: unknown }).constructor;
  if (Ctor === Object) return true;
  return typeof Ctor === 'function' && Function.toString.call(Ctor) === objectCtorString;
}

/**
 * immer's `isDraftable` for what a parsed document can hold: plain objects (prototype-less ones
 * and the parser's ordered maps included) and arrays. immer also drafts Maps, Sets and classes
 * marked immerable, which no parser gives.
 */
function isDraftable(value: unknown): value is object {
  if (!value) return false;
  return value instanceof Draft || isPlainObject(value) || Array.isArray(value);
}

function isFrozen(value: unknown): boolean {
  if (value == null || typeof value !== 'object') return true;
  return Object.isFrozen(value);
}

/** immer's `shallowCopy`. */
function shallowCopy(base: object): Record<Key, unknown> | unknown[] {
  if (Array.isArray(base)) return Array.prototype.slice.call(base);
  const descriptors = Object.getOwnPropertyDescriptors(base) as Record<PropertyKey, PropertyDescriptor>;
  for (const key of Reflect.ownKeys(descriptors)) {
    const desc = descriptors[key as Key]!;
    if (desc.writable === false) {
      desc.writable = true;
      desc.configurable = true;
    }
    if (desc.get || desc.set) descriptors[key as Key] = { configurable: true, writable: true, enumerable: desc.enumerable!, value: (base as Record<PropertyKey, unknown>)[key] };
  }
  return Object.create(Object.getPrototypeOf(base) as object | null, descriptors) as Record<Key, unknown>;
}

/** `Object.is`, as immer's `is`. */
function is(x: unknown, y: unknown): boolean {
  return Object.is(x, y);
}

function getDescriptorFromProto(source: object, prop: Key): PropertyDescriptor | undefined {
  if (!(prop in source)) return undefined;
  let proto = Object.getPrototypeOf(source) as object | null;
  while (proto) {
    const desc = Object.getOwnPropertyDescriptor(proto, prop);
    if (desc) return desc;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return undefined;
}

/** `value[prop]` on a node: immer's `get` trap for a draft, the property for anything else. */
function read(value: unknown, prop: Key): unknown {
  if (!(value instanceof Draft)) return (value as Record<Key, unknown>)[prop];
  const source = value.latest();
  if (!hasOwn.call(source, prop)) {
    const desc = getDescriptorFromProto(source, prop);
    if (!desc) return undefined;
    // A getter on the prototype runs with the draft as `this`; for `__proto__` (the only one on
    // Object's and Array's prototypes) the draft answers its original's prototype.
    return 'value' in desc ? desc.value : desc.get?.call(value.base);
  }
  const child = source[prop];
  if (value.finalized || !isDraftable(child) || child instanceof Draft) return child;
  if (child === (value.base as Record<Key, unknown>)[prop]) {
    const copy = value.prepareCopy();
    const draft = new Draft(child, value, Array.isArray(child));
    copy[prop] = draft;
    return draft;
  }
  return child;
}

/** `value[prop] = v` on a node: immer's `set` trap for a draft, the assignment for anything else. */
function write(value: unknown, prop: Key, v: unknown): void {
  if (!(value instanceof Draft)) {
    // lodash assigns in sloppy mode: a frozen node or a primitive ignores the write.
    if (isObject(value)) Reflect.set(value as object, prop, v);
    return;
  }
  if (value.isArray && prop !== 'length' && isNaN(parseInt(prop))) throw new Error('[Immer] Immer only supports setting array indices and the \'length\' property');
  const latest = value.latest();
  // A setter on the prototype takes the write (`__proto__`, which lodash never writes, is the only one).
  const setter = getDescriptorFromProto(latest, prop)?.set;
  if (setter) {
    setter.call(value.base, v);
    return;
  }
  if (!value.modified) {
    const current = latest[prop];
    if (current instanceof Draft && current.base === v) {
      value.prepareCopy()[prop] = v;
      return;
    }
    if (is(v, current) && (v !== undefined || hasOwn.call(value.base, prop))) return;
    value.prepareCopy();
    value.markChanged();
  }
  const copy = value.copy as Record<Key, unknown>;
  if ((copy[prop] === v && (v !== undefined || prop in copy)) || (Number.isNaN(v) && Number.isNaN(copy[prop]))) return;
  copy[prop] = v;
}

/** Own property test as the draft's `getOwnPropertyDescriptor` trap answers it. */
function ownHas(value: unknown, prop: Key): boolean {
  return hasOwn.call(value instanceof Draft ? value.latest() : value, prop);
}

function has(value: unknown, prop: Key): boolean {
  return prop in (value instanceof Draft ? value.latest() : (value as object));
}

/**
 * lodash `get(object, path)` (an empty path gives undefined), except that a step must be the
 * node's own member: a pointer to an inherited one (`#/__proto__`, `#/a/constructor`) does not
 * exist. lodash and immer would hand out Object.prototype or a built-in function as the target,
 * and immer then freezes it when the result is finished: `$ref: '#/__proto__'` froze
 * Object.prototype for the rest of the process. `readStep` and `ownStep` read a node (a draft here).
 */
export function getOwn(object: unknown, path: readonly Key[], readStep: (node: unknown, key: Key) => unknown = (n, k) => (n as Record<Key, unknown>)[k], ownStep: (node: unknown, key: Key) => boolean = (n, k) => hasOwn.call(n, k)): unknown {
  let index = 0;
  while (object != null && index < path.length) {
    const key = path[index++]!;
    if (!ownStep(object, key)) return undefined;
    object = readStep(object, key);
  }
  return index && index === path.length ? object : undefined;
}

/** `getOwn` through drafts. */
export function draftGet(root: Draft, path: readonly Key[]): unknown {
  return getOwn(root, path, read, ownHas);
}

const INDEX = /^(?:0|[1-9]\d*)$/;
function isIndex(key: Key): boolean {
  return INDEX.test(key) && Number(key) < Number.MAX_SAFE_INTEGER;
}

function isObject(value: unknown): boolean {
  return value != null && (typeof value === 'object' || typeof value === 'function');
}

/** lodash `set(object, path, value)` (baseSet and assignValue), through drafts. */
export function draftSet(root: Draft, path: readonly Key[], value: unknown): void {
  let nested: unknown = root;
  const last = path.length - 1;
  for (let index = 0; nested != null && index < path.length; index++) {
    const key = path[index]!;
    let newValue = value;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (index !== last) {
      const objValue = read(nested, key);
      newValue = isObject(objValue) ? objValue : isIndex(path[index + 1]!) ? [] : {};
    }
    // assignValue: only when the key is not own with an equal value (or is a missing `undefined`).
    const objValue = read(nested, key);
    if (!(ownHas(nested, key) && (objValue === newValue || (objValue !== objValue && newValue !== newValue))) || (newValue === undefined && !has(nested, key))) write(nested, key, newValue);
    nested = read(nested, key);
  }
}

export function draftOriginal(draft: Draft): object {
  return draft.base;
}

function freeze(obj: unknown, deep: boolean): void {
  if (isFrozen(obj) || obj instanceof Draft || !isDraftable(obj)) return;
  Object.freeze(obj);
  if (deep) for (const key of Object.keys(obj)) freeze((obj as Record<Key, unknown>)[key], true);
}

function keysOf(obj: object, enumerableOnly: boolean): PropertyKey[] {
  if (Array.isArray(obj)) return obj.map((_, i) => i);
  return enumerableOnly ? Object.keys(obj) : Reflect.ownKeys(obj);
}

function finalize(value: unknown): unknown {
  if (isFrozen(value)) return value;
  if (!(value instanceof Draft)) {
    for (const key of keysOf(value as object, true)) finalizeProperty(value as object, key, (value as Record<PropertyKey, unknown>)[key]);
    return value;
  }
  if (!value.modified) {
    freeze(value.base, true);
    return value.base;
  }
  if (!value.finalized) {
    value.finalized = true;
    const result = value.copy as Record<PropertyKey, unknown>;
    for (const key of keysOf(result, false)) finalizeProperty(result, key, result[key]);
    freeze(result, false);
  }
  return value.copy;
}

function finalizeProperty(target: object, prop: PropertyKey, child: unknown): void {
  if (child === target) throw new Error('[Immer] Immer forbids circular references');
  if (child instanceof Draft) {
    (target as Record<PropertyKey, unknown>)[prop] = finalize(child);
    return;
  }
  if (isDraftable(child) && !isFrozen(child)) {
    finalize(child);
    freeze(child, false);
  }
}

/** `produce(base, recipe)` for a recipe that returns nothing; a base that is not an object or array comes back as it is. */
export function produceDocument<T>(base: T, recipe: (draft: Draft) => void): T {
  if (!isDraftable(base)) return base;
  const root = new Draft(base as object, null, Array.isArray(base));
  recipe(root);
  return finalize(root) as T;
}

export type { Draft };
