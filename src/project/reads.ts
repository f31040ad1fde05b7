/**
 * What each linted file's findings were computed from: the project files the model and the drift
 * check read while its rules ran, so the CLI's cache (src/pipeline/cache.ts) can re-lint a route
 * file when a service it reaches changes, and nothing else.
 *
 * Off unless a run turns it on (`recordReads()`, or BACKLINT_RECORD_READS in oxlint's process):
 * an editor's ESLint process pays one boolean test per read.
 *
 * - `beginFile(file)`: called as each file's rules are created (src/rule.ts). ESLint and oxlint
 *   lint one file at a time, synchronously: every read until the next file's rules start is this
 *   file's.
 * - `noteRead(abs)`: a project file (or config file, or OpenAPI document) was read, stat'ed for a
 *   memo's validity, or had its text tested. Called by the few funnels every read goes through
 *   (project/files.ts, project/resolve.ts, drift/).
 * - `noteProjectWide(kind)`: the answer came from an index over the whole project (who imports
 *   whom, autoload folders, NestJS settings, the drift check's documents): the findings depend on
 *   the project's shape (see ./dependencies.ts), not on a list of files.
 * - `recorded(compute)`: a memo's value with the reads made while computing it, so a memo hit
 *   in a later file replays them (`replay`). Memos of function summaries need none of this: they
 *   follow calls, which follow imports, and the cache closes every file's reads over imports.
 */

/**
 * The project-wide facts an answer can rest on (each has its digest in ./dependencies.ts):
 * `sources`: the source files, their imports and their route-declaring look, app-wide settings;
 * `documents`: the OpenAPI documents and their content.
 */
export type ProjectWide = 'sources' | 'documents';
export const PROJECT_WIDE: readonly ProjectWide[] = ['sources', 'documents'];

export interface FileReads {
  files: Set<string>;
  projectWide: Set<ProjectWide>;
}

// In oxlint's process: the file the reads are written to (see pipeline/engines/oxlint-host.ts).
const ENV = 'BACKLINT_RECORD_READS';
let on = !!process.env[ENV];
let current: FileReads | null = null;
const byFile = new Map<string, FileReads>();
/** Frames of memo computations in progress, innermost last. */
const frames: FileReads[] = [];

/** Starts (or stops) recording in this process; oxlint's process is told through the environment. */
export function recordReads(enable = true): void {
  on = enable;
  if (!enable) takeReads();
}

export const RECORD_READS_ENV = ENV;

export function isRecordingReads(): boolean {
  return on;
}

export function beginFile(file: string): void {
  if (!on) return;
  let reads = byFile.get(file);
  if (!reads) {
    reads = { files: new Set(), projectWide: new Set() };
    byFile.set(file, reads);
  }
  current = reads;
}

export function noteRead(abs: string): void {
  if (!on) return;
  current?.files.add(abs);
  for (const f of frames) f.files.add(abs);
}

export function noteProjectWide(kind: ProjectWide): void {
  if (!on) return;
  current?.projectWide.add(kind);
  for (const f of frames) f.projectWide.add(kind);
}

/** Runs `compute`, returning its value and what it read (null when not recording). */
export function recorded<T>(compute: () => T): { value: T; reads: FileReads | null } {
  if (!on) return { value: compute(), reads: null };
  const frame: FileReads = { files: new Set(), projectWide: new Set() };
  frames.push(frame);
  try {
    return { value: compute(), reads: frame };
  } finally {
    frames.pop();
  }
}

/** A memo hit: the reads its value was computed from count for the current file. */
export function replay(reads: FileReads | null | undefined): void {
  if (!on || !reads) return;
  for (const f of reads.files) noteRead(f);
  for (const k of reads.projectWide) noteProjectWide(k);
}

/** The reads recorded so far, by linted file (absolute paths), and forgets them. */
export function takeReads(): Map<string, FileReads> {
  const out = new Map(byFile);
  byFile.clear();
  current = null;
  return out;
}

/** Adds reads recorded in another process (oxlint's). */
export function addReads(file: string, reads: { files: readonly string[]; projectWide: readonly string[] }): void {
  let mine = byFile.get(file);
  if (!mine) {
    mine = { files: new Set(), projectWide: new Set() };
    byFile.set(file, mine);
  }
  for (const f of reads.files) mine.files.add(f);
  for (const k of reads.projectWide) if ((PROJECT_WIDE as readonly string[]).includes(k)) mine.projectWide.add(k as ProjectWide);
}
