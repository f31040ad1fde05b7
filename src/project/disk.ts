/**
 * The file system as the project model asks it: a file's stat, and a directory's listing. In an
 * editor's process every question goes to the disk (a file may have been saved since), and the
 * callers keep their own answers keyed by what the stat says. While a run holds the files
 * (./hold.ts: the CLI's `lint()`, oxlint's process) nothing changes under it, so each path is
 * stat'ed and each directory listed once per hold: on Ghost's server the model asked ~9,700 stats
 * of ~2,100 paths and listed ~440 directories twice (once to walk the project, once to resolve
 * specifiers), ~0.1 s of oxlint's JavaScript thread.
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { hold, isHeld } from './hold.js';

/** What the model reads of a stat. */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number;
}

/** Paths remembered per hold at most: past it, the oldest answers are asked again. */
const MAX_REMEMBERED = 200_000;

let generation = -1;
const stats = new Map<string, FileStat | null>();
const listings = new Map<string, Dirent[] | null>();

/** The maps for the current hold, emptied when a hold begins or ends; null when nothing is held. */
function held(): { stats: typeof stats; listings: typeof listings } | null {
  if (!isHeld()) return null;
  if (generation !== hold.generation) {
    generation = hold.generation;
    stats.clear();
    listings.clear();
  }
  return { stats, listings };
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

function toStat(st: Stats): FileStat {
  return { isFile: st.isFile(), isDirectory: st.isDirectory(), size: st.size, mtimeMs: st.mtimeMs };
}

/** `statSync` (following links) as the model needs it; null when the path cannot be stat'ed. */
export function statOf(abs: string): FileStat | null {
  const h = held();
  if (h) {
    const known = h.stats.get(abs);
    if (known !== undefined) return known;
  }
  let st: FileStat | null;
  try {
    st = toStat(statSync(abs));
  } catch {
    // intentionally ignored: a missing or unreadable path has no stat
    st = null;
  }
  return h ? remember(h.stats, abs, st) : st;
}

/** `readdirSync(dir, { withFileTypes: true })`; null when the directory cannot be listed. */
export function listDirectory(dir: string): Dirent[] | null {
  const h = held();
  if (h) {
    const known = h.listings.get(dir);
    if (known !== undefined) return known;
  }
  let entries: Dirent[] | null;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    // intentionally ignored: an unreadable directory lists nothing
    entries = null;
  }
  return h ? remember(h.listings, dir, entries) : entries;
}
