/**
 * The memo the three summarisers share (effects: summaries.ts, statuses: statuses.ts, parameters:
 * params.ts), built so that an answer does not depend on the order questions come in.
 *
 * A summary follows calls MAX_SUMMARY_DEPTH deep from where it was first asked, and a function met
 * again while its own summary is being computed contributes nothing. Kept as it is, a summary
 * computed near the depth limit (few calls left) or inside a cycle would answer a later question
 * that has more calls left with less than that question would find: findings would then depend on
 * which file was linted first — and oxlint hands files to the rules in the order its threads finish
 * parsing them, so they varied from run to run (a 4-hop N+1 on @directus/api, 1 run in 4).
 *
 * So each summary is kept with what it depended on:
 * - `height`: how many calls deep its computation went;
 * - `cutAt`: the depth budget it was computed with, when the limit cut something below it (then it
 *   is the answer for that budget only); null when nothing was cut (then it is the answer for any
 *   budget of at least `height`);
 * - a summary computed inside a cycle other than its own (a function above it on the stack met
 *   again below it) depends on that stack and is not kept at all.
 * Each function is summarised at most once per budget (MAX_SUMMARY_DEPTH + 1 times) per version.
 */
import type { FunctionNode } from './modules.js';

/** Calls followed from one function: handler → service → repository → helper → … */
export const MAX_SUMMARY_DEPTH = 5;
/** Summaries of functions on disk kept at once (plain data: the parsed trees may be gone). */
const MAX_DISK_SUMMARIES = 50_000;

interface Entry<S> {
  summary: S;
  height: number;
  cutAt: number | null;
}

interface Frame {
  fn: FunctionNode;
  height: number;
  cut: boolean;
  inCycle: boolean;
}

export class SummaryMemo<S> {
  private readonly byNode = new WeakMap<FunctionNode, Entry<S>[]>();
  /** By place on disk (path, version, position): survives the file cache dropping the tree. */
  private readonly byDisk = new Map<string, Entry<S>[]>();
  private readonly frames: Frame[] = [];

  constructor(private readonly empty: S) {}

  private find(entries: Entry<S>[] | undefined, budget: number): Entry<S> | undefined {
    return entries?.find((e) => (e.cutAt === null ? budget >= e.height : budget === e.cutAt));
  }

  /** What using a summary (computed now or before) means for the summary being computed above it. */
  private account(entry: { height: number; cut: boolean }): void {
    const caller = this.frames[this.frames.length - 1];
    if (!caller) return;
    caller.height = Math.max(caller.height, entry.height + 1);
    if (entry.cut) caller.cut = true;
  }

  /**
   * The summary of the function at `key` (its place on disk) asked `depth` calls deep, if one
   * computed before answers exactly that question; without parsing its file again.
   */
  cached(key: string | null, depth: number, fn?: FunctionNode): S | undefined {
    const budget = MAX_SUMMARY_DEPTH - depth;
    const entry = (fn ? this.find(this.byNode.get(fn), budget) : undefined) ?? (key ? this.find(this.byDisk.get(key), budget) : undefined);
    if (!entry) return undefined;
    this.account({ height: entry.height, cut: entry.cutAt !== null });
    return entry.summary;
  }

  /** The summary of `fn` asked `depth` calls deep: remembered, or `compute`d now (and remembered). */
  summarize(fn: FunctionNode, key: string | null, depth: number, compute: () => S): S {
    const hit = this.cached(key, depth, fn);
    if (hit !== undefined) return hit;
    if (depth > MAX_SUMMARY_DEPTH) {
      // The limit cut this call: the caller's summary holds for its own budget only.
      this.account({ height: -1, cut: true });
      return this.empty;
    }
    const open = this.frames.findIndex((f) => f.fn === fn);
    if (open >= 0) {
      // A cycle back to `fn`: everything computed since `fn` started depends on `fn` being open.
      for (let i = open + 1; i < this.frames.length; i++) this.frames[i]!.inCycle = true;
      return this.empty;
    }
    const frame: Frame = { fn, height: 0, cut: false, inCycle: false };
    this.frames.push(frame);
    let summary: S;
    try {
      summary = compute();
    } finally {
      this.frames.pop();
    }
    this.account(frame);
    // Its callers up to the cycle's head are marked too: none of them is kept either.
    if (frame.inCycle) return summary;
    const entry: Entry<S> = { summary, height: frame.height, cutAt: frame.cut ? MAX_SUMMARY_DEPTH - depth : null };
    this.byNode.set(fn, [...(this.byNode.get(fn) ?? []), entry]);
    if (key) {
      if (!this.byDisk.has(key) && this.byDisk.size >= MAX_DISK_SUMMARIES) this.byDisk.delete(this.byDisk.keys().next().value!);
      this.byDisk.set(key, [...(this.byDisk.get(key) ?? []), entry]);
    }
    return summary;
  }
}
