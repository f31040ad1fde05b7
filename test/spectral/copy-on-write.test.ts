/**
 * copy-on-write.ts against immer itself: the same recipes (a read of a path, own members only, or
 * `original` of the root, then lodash `set` of it where a ref is — a node of the tree, none under
 * another — over and over, a throw ending the recipe as internal-refs' catch ends it) on two
 * identical copies of random trees must give the same result node for node — the same shape, the
 * same nodes shared, the same nodes frozen, the same nodes taken over from the original tree —
 * and leave the original trees the same.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { draftGet, draftOriginal, draftSet, getOwn, produceDocument } from '../../src/spectral/copy-on-write.js';

const fromResolver = createRequire(createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-ref-resolver')).resolve('@stoplight/json-ref-resolver'));
const immer = fromResolver('immer') as { default: <T>(base: T, recipe: (draft: T) => unknown) => T; original: <T>(draft: T) => T };
const set = fromResolver('lodash/set') as (obj: unknown, path: string[], value: unknown) => unknown;

/** A small seeded generator (mulberry32), so a failure names its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['a', 'b', 'c', 'items', '0', '1', '2', 'length', 'constructor', 'toString', '__proto__', 'x y', '$ref'];

function tree(next: () => number, depth: number): unknown {
  const r = next();
  if (depth <= 0 || r < 0.25) return [null, 1, 'text', true, undefined, 0][Math.floor(next() * 6)];
  if (r < 0.45) return Array.from({ length: Math.floor(next() * 4) }, () => tree(next, depth - 1));
  const o: Record<string, unknown> = next() < 0.05 ? (Object.create(null) as Record<string, unknown>) : {};
  const n = Math.floor(next() * 5);
  for (let i = 0; i < n; i++) {
    const k = KEYS[Math.floor(next() * KEYS.length)]!;
    Object.defineProperty(o, k, { value: tree(next, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** The same tree again: new nodes, same shape (own `__proto__` keys kept as own keys). */
function clone(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone);
  const o = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
  for (const k of Object.keys(v)) Object.defineProperty(o, k, { value: clone((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return o;
}

/** A pointer's path: any keys, present or not (reads are of own members only). */
function path(next: () => number): string[] {
  return Array.from({ length: Math.floor(next() * 4) }, () => KEYS[Math.floor(next() * KEYS.length)]!);
}

/**
 * Where refs can be: paths of nodes the tree has, none under another (the crawl does not enter a
 * ref), in a random order.
 */
/** The path of a node the tree has (or the root's). */
function existing(root: unknown, next: () => number): string[] {
  const at: string[] = [];
  let v = root;
  while (v !== null && typeof v === 'object' && next() < 0.7) {
    const keys = Object.keys(v);
    if (keys.length === 0) break;
    const k = keys[Math.floor(next() * keys.length)]!;
    at.push(k);
    v = (v as Record<string, unknown>)[k];
  }
  return at;
}

function refPlaces(root: unknown, next: () => number): string[][] {
  const all: string[][] = [];
  const walk = (v: unknown, at: string[]) => {
    if (v === null || typeof v !== 'object' || at.length > 4) return;
    for (const k of Object.keys(v)) {
      all.push([...at, k]);
      walk((v as Record<string, unknown>)[k], [...at, k]);
    }
  };
  walk(root, []);
  const chosen: string[][] = [];
  for (const p of all.sort(() => next() - 0.5)) {
    const under = (a: string[], b: string[]) => b.every((k, i) => a[i] === k);
    if (next() < 0.5 && !chosen.some((c) => under(p, c) || under(c, p))) chosen.push(p);
  }
  return chosen;
}

type Op = { from: string[] | 'root'; to: string[] };

/** Node ids of a tree, in one fixed walk order (identical clones get identical ids). */
function ids(root: unknown): Map<object, number> {
  const out = new Map<object, number>();
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object' || out.has(v)) return;
    out.set(v, out.size);
    for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k]);
  };
  walk(root);
  return out;
}

/**
 * A draft a result still holds: immer leaves one inside an original node it had frozen before the
 * draft was stored there (only recipes that write under `original` do that).
 */
function leftDraft(v: object): boolean {
  try {
    Object.isFrozen(v);
  } catch {
    // intentionally ignored: only a revoked Proxy throws here, which is the answer
    return true;
  }
  return (v as { constructor?: { name?: string } }).constructor?.name === 'Draft';
}

/** Differences between two results, each read with its own original tree's node ids. */
function diff(a: unknown, b: unknown, idsA: Map<object, number>, idsB: Map<object, number>): string[] {
  const out: string[] = [];
  const pairs = new Map<object, object>();
  const back = new Map<object, object>();
  const stack: [unknown, unknown, string][] = [[a, b, '#']];
  while (stack.length > 0 && out.length < 5) {
    const [x, y, at] = stack.pop()!;
    if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object') {
      if (!Object.is(x, y)) out.push(`${at}: ${String(x)} vs ${String(y)}`);
      continue;
    }
    // A draft left in the result (immer's revoked Proxy, our Draft): only where immer leaves one.
    const leftX = leftDraft(x);
    if (leftX || leftDraft(y)) {
      if (leftX !== leftDraft(y)) out.push(`${at}: a draft left in one result only`);
      continue;
    }
    if (pairs.has(x) || back.has(y)) {
      if (pairs.get(x) !== y) out.push(`${at}: sharing differs`);
      continue;
    }
    pairs.set(x, y);
    back.set(y, x);
    if (idsA.get(x) !== idsB.get(y)) out.push(`${at}: original node ${idsA.get(x)} vs ${idsB.get(y)}`);
    if (Object.isFrozen(x) !== Object.isFrozen(y)) out.push(`${at}: frozen ${Object.isFrozen(x)} vs ${Object.isFrozen(y)}`);
    if (Array.isArray(x) !== Array.isArray(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) out.push(`${at}: kind differs`);
    const kx = Reflect.ownKeys(x).map(String);
    const ky = Reflect.ownKeys(y).map(String);
    if (kx.join('\0') !== ky.join('\0')) {
      out.push(`${at}: keys ${kx.join(',')} vs ${ky.join(',')}`);
      continue;
    }
    for (const k of Object.keys(x)) stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${at}/${k}`]);
  }
  return out;
}

function run(seed: number): { immer: unknown; ours: unknown; idsA: Map<object, number>; idsB: Map<object, number>; baseA: unknown; baseB: unknown } {
  const next = rng(seed);
  let base = tree(next, 5);
  if (base === null || typeof base !== 'object') base = { a: base };
  const ops: Op[] = refPlaces(base, next).map((to) => ({ from: next() < 0.1 ? 'root' : next() < 0.5 ? path(next) : existing(base, next), to }));
  const baseA = base;
  const baseB = clone(base);
  const idsA = ids(baseA);
  const idsB = ids(baseB);
  // Both may throw when finishing (a cycle through the original tree overflows the stack in immer
  // too): the outcome is then the error's kind.
  const outcome = (f: () => unknown): unknown => {
    try {
      return f();
    } catch (e) {
      return { threw: (e as Error).constructor.name };
    }
  };
  const viaImmer = outcome(() => immer.default(baseA, (draft) => {
    try {
      for (const op of ops) set(draft, [...op.to], op.from === 'root' ? immer.original(draft) : getOwn(draft, op.from));
    } catch {
      // intentionally ignored: as internal-refs, a throw ends the recipe and what was done stays
    }
  }));
  const ours = outcome(() => produceDocument(baseB, (draft) => {
    try {
      for (const op of ops) draftSet(draft, op.to, op.from === 'root' ? draftOriginal(draft) : draftGet(draft, op.from));
    } catch {
      // intentionally ignored: as above
    }
  }));
  return { immer: viaImmer, ours, idsA, idsB, baseA, baseB };
}

describe('produceDocument', () => {
  it('gives immer’s result, node for node, on 3,000 random trees and recipes', () => {
    let changed = 0;
    let threw = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const r = run(seed);
      if (r.immer !== r.baseA) changed++;
      if ((r.immer as { threw?: string }).threw) threw++;
      expect([seed, diff(r.immer, r.ours, r.idsA, r.idsB)]).toEqual([seed, []]);
      // The original trees after the run: same shape, same frozen nodes.
      expect([seed, diff(r.baseA, r.baseB, r.idsA, r.idsB)]).toEqual([seed, []]);
    }
    // Most recipes change something (the comparison is not of untouched trees).
    expect(changed).toBeGreaterThan(1500);
    expect(threw).toBeLessThan(300);
  });

  it('shares a target between the refs to it, as immer does, and freezes the result', () => {
    const base: Record<string, { [k: string]: unknown }> = { defs: { User: { type: 'object', properties: { id: { type: 'string' } } } }, a: { $ref: '#/defs/User' }, b: { $ref: '#/defs/User' } };
    const out = produceDocument(base, (draft) => {
      const user = draftGet(draft, ['defs', 'User']);
      draftSet(draft, ['a'], user);
      draftSet(draft, ['b'], user);
    });
    expect(out.a).toBe(out.b);
    expect(out.a).toBe(base.defs.User);
    expect(out).not.toBe(base);
    expect(Object.isFrozen(out) && Object.isFrozen(out.a) && Object.isFrozen((out.a!.properties as { id: object }).id)).toBe(true);
    expect(base.a).toEqual({ $ref: '#/defs/User' });
  });
});
