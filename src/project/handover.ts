/**
 * The importer index, built by the CLI while oxlint's process lints, and handed over to it.
 *
 * Finding the importers of a file means reading and resolving the imports of every source file of
 * the project (Ghost's package: 2,053 files). oxlint's process did it on its one JS thread, the
 * thread every rule waits for, while the CLI's own process sat idle waiting for oxlint. Now the
 * CLI builds the index as soon as oxlint has started (on the core oxlint's JS thread does not
 * use) and writes it, with the route-gate answers its walk made, to a file in the run's private
 * temporary directory; the model in oxlint's process reads that file when it first needs the
 * index, waiting for it if the CLI is not done yet (it would take as long to build it itself).
 * A missing, broken or foreign file (another root) is ignored: the process then builds its own.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cachedTextGate, primeTextGate } from './files.js';
import { importerIndex, projectSourceFiles, setImporterIndexSource } from './mounts.js';
import { isProjectFile } from './resolve.js';
import { ROUTES_GATE } from './text-gates.js';

/** The environment variable naming the handover file for oxlint's process. */
export const IMPORTER_INDEX_ENV = 'BACKLINT_IMPORTER_INDEX';

/** How long oxlint's process waits for the CLI's index before building its own. */
const MAX_WAIT_MS = 30_000;
const POLL_MS = 5;

interface Handover {
  root: string;
  importers: [string, string[]][];
  /** Route-gate answers: file, mtimeMs, size, answer. */
  gates: [string, number, number, boolean][];
}

/** Builds `root`'s importer index in this process and writes it to `file` (or `file.failed`). */
export function writeImporterIndex(root: string, file: string): void {
  try {
    const index = importerIndex(root);
    const gates: Handover['gates'] = [];
    for (const abs of projectSourceFiles(root)) {
      const gate = cachedTextGate(abs, ROUTES_GATE);
      if (gate) gates.push([abs, gate.mtimeMs, gate.size, gate.answer]);
    }
    const data: Handover = { root, importers: [...index], gates };
    // Written whole, then renamed: the reader never sees half a file.
    const partial = `${file}.partial`;
    writeFileSync(partial, JSON.stringify(data));
    renameSync(partial, file);
  } catch {
    // intentionally ignored: the reader stops waiting and builds its own index
    try {
      writeFileSync(`${file}.failed`, '');
    } catch {
      // intentionally ignored: then it waits out MAX_WAIT_MS
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The handed-over index for `root`, or null (none, broken, or made for another root). */
function readHandover(file: string, root: string): Map<string, string[]> | null {
  const deadline = Date.now() + MAX_WAIT_MS;
  while (!existsSync(file)) {
    if (existsSync(`${file}.failed`) || Date.now() > deadline) return null;
    sleep(POLL_MS);
  }
  let data: Handover;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Handover;
  } catch {
    // intentionally ignored: a broken file is no index
    return null;
  }
  if (!data || typeof data !== 'object' || data.root !== root || !Array.isArray(data.importers) || !Array.isArray(data.gates)) return null;
  const inRoot = (p: string) => path.isAbsolute(p) && isProjectFile(root, p);
  const index = new Map<string, string[]>();
  for (const entry of data.importers) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isStringList(entry[1]) || !inRoot(entry[0]) || !entry[1].every(inRoot)) return null;
    index.set(entry[0], entry[1]);
  }
  for (const g of data.gates) {
    if (Array.isArray(g) && typeof g[0] === 'string' && inRoot(g[0]) && typeof g[1] === 'number' && typeof g[2] === 'number' && typeof g[3] === 'boolean') primeTextGate(g[0], ROUTES_GATE, g[1], g[2], g[3]);
  }
  if (process.env.BACKLINT_DEBUG_MODEL) process.stderr.write(`model: importer index handed over (${index.size} files)\n`);
  return index;
}

/** In oxlint's process: take the importer index from `file` (written by `writeImporterIndex`). */
export function adoptImporterIndex(file: string): void {
  let used = false;
  setImporterIndexSource((root) => {
    // One handover per run, for the root the CLI built it for.
    if (used) return null;
    used = true;
    return readHandover(file, root);
  });
}
