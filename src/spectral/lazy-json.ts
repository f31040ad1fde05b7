/**
 * A Spectral JSON parser that parses with the engine's `JSON.parse` and finds locations lazily.
 *
 * Spectral's own JSON parser builds a jsonc syntax tree with a node per value and an ordered-key
 * proxy per object before any rule runs: on GitHub's 13 MB description that is seconds of CPU and
 * a large share of peak memory, for locations only the few thousand reported paths need. Here a
 * location is found by scanning the text along the path, indexing each container's members the
 * first time a path goes through it (so shared prefixes are scanned once).
 *
 * Text that `JSON.parse` rejects falls back to Spectral's parser, which reports located syntax
 * errors. Differences from it: duplicate keys are not diagnosed (the last one wins, as in every
 * JSON consumer), and integer-like keys come first in iteration order (JavaScript object order).
 *
 * API: `LazyJson` (an `IParser` for `new Document(text, LazyJson, source)`).
 */
import spectralParsers from '@stoplight/spectral-parsers';
import { lineIndexAt, newlineStarts } from '../lines.js';

const { Json } = spectralParsers;

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

interface Members {
  /** Object members: key → [valueStart, valueEnd). */
  keys?: Map<string, [number, number]>;
  /** Array items: [valueStart, valueEnd). */
  items?: [number, number][];
}

class Locator {
  private lineStarts: number[] | undefined;
  private readonly members = new Map<number, Members>();

  constructor(private readonly text: string) {}

  private skipWs(i: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return i;
    }
  }

  /** End (exclusive) of the string starting at the quote at `i`. */
  private stringEnd(i: number): number {
    const t = this.text;
    let j = i + 1;
    for (;;) {
      j = t.indexOf('"', j);
      if (j < 0) return t.length;
      let k = j - 1;
      while (t.charCodeAt(k) === 92) k--;
      if ((j - 1 - k) % 2 === 0) return j + 1;
      j++;
    }
  }

  /** End (exclusive) of the value starting at `i` (no leading whitespace). */
  private valueEnd(i: number): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === 34) return this.stringEnd(i);
    if (c === 123 || c === 91) {
      let depth = 0;
      let j = i;
      while (j < t.length) {
        const d = t.charCodeAt(j);
        if (d === 34) {
          j = this.stringEnd(j);
          continue;
        }
        if (d === 123 || d === 91) depth++;
        else if (d === 125 || d === 93) {
          depth--;
          if (depth === 0) return j + 1;
        }
        j++;
      }
      return t.length;
    }
    let j = i;
    while (j < t.length) {
      const d = t.charCodeAt(j);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      j++;
    }
    return j;
  }

  private membersOf(start: number): Members {
    let m = this.members.get(start);
    if (m) return m;
    const t = this.text;
    m = {};
    if (t.charCodeAt(start) === 123) {
      const keys = new Map<string, [number, number]>();
      let i = this.skipWs(start + 1);
      while (i < t.length && t.charCodeAt(i) !== 125) {
        const keyEnd = this.stringEnd(i);
        const key = JSON.parse(t.slice(i, keyEnd)) as string;
        i = this.skipWs(keyEnd);
        i = this.skipWs(i + 1); // ':'
        const end = this.valueEnd(i);
        // The first occurrence wins, as in Spectral's own lookup.
        if (!keys.has(key)) keys.set(key, [i, end]);
        i = this.skipWs(end);
        if (t.charCodeAt(i) === 44) i = this.skipWs(i + 1);
      }
      m.keys = keys;
    } else if (t.charCodeAt(start) === 91) {
      const items: [number, number][] = [];
      let i = this.skipWs(start + 1);
      while (i < t.length && t.charCodeAt(i) !== 93) {
        const end = this.valueEnd(i);
        items.push([i, end]);
        i = this.skipWs(end);
        if (t.charCodeAt(i) === 44) i = this.skipWs(i + 1);
      }
      m.items = items;
    }
    this.members.set(start, m);
    return m;
  }

  private position(offset: number): { line: number; character: number } {
    this.lineStarts ??= newlineStarts(this.text);
    const line = lineIndexAt(this.lineStarts, offset);
    return { line, character: offset - this.lineStarts[line]! };
  }

  private root: [number, number] | undefined;

  locate(path: readonly (string | number)[], closest: boolean): Range | undefined {
    if (!this.root) {
      const s = this.skipWs(0);
      this.root = [s, this.valueEnd(s)];
    }
    let [start, end] = this.root;
    for (const segment of path) {
      const m = this.membersOf(start);
      let next: [number, number] | undefined;
      const asIndex = Number(segment);
      if (m.items && Number.isInteger(asIndex)) next = m.items[asIndex];
      else if (m.keys) next = m.keys.get(String(segment));
      if (!next) {
        if (!closest) return undefined;
        break;
      }
      [start, end] = next;
    }
    return { start: this.position(start), end: this.position(end) };
  }
}

interface LazyResult {
  data: unknown;
  diagnostics: unknown[];
  ast?: unknown;
  lineMap?: number[];
  locator?: Locator;
}

export const LazyJson = {
  parse(text: string): LazyResult {
    try {
      return { data: JSON.parse(text) as unknown, diagnostics: [], locator: new Locator(text) };
    } catch {
      // intentionally ignored: invalid JSON goes to Spectral's own parser, which reports it with a location
      return Json.parse(text) as unknown as LazyResult;
    }
  },
  getLocationForJsonPath(result: LazyResult, path: readonly (string | number)[], closest = false): { range: Range } | undefined {
    if (!result.locator) return Json.getLocationForJsonPath(result as never, path as never, closest);
    const range = result.locator.locate(path, closest);
    return range ? { range } : undefined;
  },
  trapAccess: Json.trapAccess,
};
