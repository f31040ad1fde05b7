/**
 * `--cache`: a file's findings are reused when nothing they were computed from has changed.
 *
 * What a cached result is keyed on:
 * - the run: backlint's version and build, the resolved config, the preset, the options that change
 *   findings (`runKey`); another key discards the whole cache;
 * - the file's own content (a SHA-1 of its bytes, as ESLint's `--cache-strategy content`);
 * - for a code file, every project file its rules read through the project model or the drift
 *   check while it was linted (project/reads.ts), closed over imports (project/dependencies.ts),
 *   each by content: editing a service re-lints the route files that reach it, and only those;
 * - for a code file whose findings came from more than itself, the project's shape
 *   (`projectShape`: files, imports, route-declaring files, app-wide settings, package and
 *   tsconfig files, OpenAPI documents): a new mount, import or document re-lints them all.
 * OpenAPI documents are cached when all their `$ref`s are internal (a document with external refs
 * depends on files the Spectral resolver reads; it is always linted). The document side of the
 * drift check always runs.
 *
 * The cache file is input like any other: it is parsed defensively, an entry that does not have
 * exactly the expected shape is dropped, a corrupt or foreign file is ignored (and replaced), and
 * no path in it is read unless it lies inside the lint root (symlinks resolved). Findings are
 * stored masked. It must not come from an untrusted branch (README: a pull request could commit
 * one that claims its files are clean).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileResult, Finding, Suppression } from '../report/model.js';
import { PACKAGE } from '../package-info.js';
import { importClosure, projectShape, type ReadText } from '../project/dependencies.js';
import { isProjectFile } from '../project/resolve.js';
import type { FileReads } from '../project/reads.js';
import { projectDocuments } from '../drift/index.js';

/** What an entry can depend on beyond files (see `shapeOf`). */
type ShapeKind = 'files' | 'sources' | 'documents';
const SHAPE_KINDS: readonly string[] = ['files', 'sources', 'documents'];

export const DEFAULT_CACHE_FILE = '.backlintcache';
const FORMAT = 1;
/** A cache file larger than this is not one backlint wrote for a repository: ignored. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** Files larger than the largest document backlint lints are hashed as "too large". */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

/** `--cache-location`: a file, or a directory (existing, or written with a trailing slash). */
export function cacheFileFor(cwd: string, location?: string): string {
  if (!location) return path.join(cwd, DEFAULT_CACHE_FILE);
  const abs = path.resolve(cwd, location);
  if (/[\\/]$/.test(location)) return path.join(abs, DEFAULT_CACHE_FILE);
  try {
    if (statSync(abs).isDirectory()) return path.join(abs, DEFAULT_CACHE_FILE);
  } catch {
    // intentionally ignored: a location that does not exist yet is the file to create
  }
  return abs;
}

/** The build that computed the findings: a rebuilt backlint (same version, new rules) starts afresh. */
function buildStamp(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    // intentionally ignored: the version alone then
    return '';
  }
}

/** Everything of a run that findings depend on besides the files: any change discards the cache. */
export function runKey(parts: Record<string, unknown>): string {
  const text = JSON.stringify({ format: FORMAT, version: PACKAGE.version, build: buildStamp(), model: process.env.BACKLINT_PROJECT_MODEL ?? '', ...parts });
  return createHash('sha256').update(text).digest('base64');
}

interface Entry {
  /** Indexes into `paths`; the first is the file itself. */
  deps: number[];
  /** The project-wide facts it depends on. */
  wide: ShapeKind[];
  result: FileResult;
}

interface CacheData {
  format: number;
  key: string;
  /** The digest of each kind of project-wide fact when the entries depending on it were computed. */
  shapes: Partial<Record<ShapeKind, string>>;
  /** Relative paths (forward slashes) and their content hashes when the entries were computed. */
  paths: string[];
  hashes: string[];
  entries: Record<string, Entry>;
}

// ---------------------------------------------------------------- validating a hostile file

const ENGINES = new Set(['eslint', 'oxlint', 'spectral', 'backlint']);
const KINDS = new Set(['code', 'openapi']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPos = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function suppressionOf(v: unknown): Suppression | null {
  if (!isObj(v) || (v.kind !== 'directive' && v.kind !== 'x-backlint-ignore')) return null;
  if (v.justification !== undefined && typeof v.justification !== 'string') return null;
  return v.justification === undefined ? { kind: v.kind } : { kind: v.kind, justification: v.justification };
}

/** A finding rebuilt from known fields only, or null. */
function findingOf(v: unknown, file: string, suppressed: boolean): Finding | null {
  if (!isObj(v) || typeof v.ruleId !== 'string' || typeof v.message !== 'string' || v.file !== file) return null;
  if (!ENGINES.has(v.engine as string) || (v.severity !== 'error' && v.severity !== 'warning')) return null;
  if (!isPos(v.line) || !isPos(v.column)) return null;
  const f: Finding = { ruleId: v.ruleId, engine: v.engine as Finding['engine'], severity: v.severity, message: v.message, file, line: v.line, column: v.column };
  if (v.endLine !== undefined) {
    if (!isPos(v.endLine)) return null;
    f.endLine = v.endLine;
  }
  if (v.endColumn !== undefined) {
    if (!isPos(v.endColumn)) return null;
    f.endColumn = v.endColumn;
  }
  if (v.jsonPath !== undefined) {
    if (!Array.isArray(v.jsonPath) || !v.jsonPath.every((k) => typeof k === 'string' || Number.isInteger(k))) return null;
    f.jsonPath = v.jsonPath as (string | number)[];
  }
  if (v.suggestions !== undefined) {
    if (!isStrings(v.suggestions)) return null;
    f.suggestions = v.suggestions;
  }
  if (suppressed) {
    if (!Array.isArray(v.suppressions)) return null;
    const s = v.suppressions.map(suppressionOf);
    if (s.some((x) => x === null)) return null;
    f.suppressions = s as Suppression[];
  }
  return f;
}

function resultOf(v: unknown, file: string): FileResult | null {
  if (!isObj(v) || v.file !== file || !KINDS.has(v.kind as string) || !Array.isArray(v.findings)) return null;
  const findings = v.findings.map((x) => findingOf(x, file, false));
  if (findings.some((x) => x === null)) return null;
  const result: FileResult = { file, kind: v.kind as FileResult['kind'], findings: findings as Finding[] };
  if (v.suppressed !== undefined) {
    if (!Array.isArray(v.suppressed)) return null;
    const suppressed = v.suppressed.map((x) => findingOf(x, file, true));
    if (suppressed.some((x) => x === null)) return null;
    result.suppressed = suppressed as Finding[];
  }
  return result;
}

/** A relative path the cache may read: forward slashes, inside the root, no `..`, no NUL. */
function safeRelative(p: unknown): p is string {
  return typeof p === 'string' && p !== '' && !p.includes('\0') && !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split('/').some((s) => s === '..' || s === '');
}

function load(file: string, key: string): CacheData | null {
  let raw: unknown;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_CACHE_BYTES) return null;
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // intentionally ignored: no cache, or one that is not JSON: start afresh
    return null;
  }
  if (!isObj(raw) || raw.format !== FORMAT || raw.key !== key) return null;
  if (!isStrings(raw.paths) || !isStrings(raw.hashes) || raw.paths.length !== raw.hashes.length || !raw.paths.every(safeRelative)) return null;
  if (!isObj(raw.shapes) || !Object.entries(raw.shapes).every(([k, v]) => SHAPE_KINDS.includes(k) && typeof v === 'string')) return null;
  if (!isObj(raw.entries)) return null;
  const entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
  const count = raw.paths.length;
  for (const [name, e] of Object.entries(raw.entries)) {
    if (!safeRelative(name) || !isObj(e) || !isStrings(e.wide) || !e.wide.every((k) => SHAPE_KINDS.includes(k)) || !Array.isArray(e.deps)) continue;
    const deps = e.deps;
    if (deps.length === 0 || !deps.every((d) => Number.isInteger(d) && (d as number) >= 0 && (d as number) < count)) continue;
    if (raw.paths[deps[0] as number] !== name) continue;
    const result = resultOf(e.result, name);
    if (result) entries[name] = { deps: deps as number[], wide: e.wide as ShapeKind[], result };
  }
  return { format: FORMAT, key, shapes: raw.shapes as Partial<Record<ShapeKind, string>>, paths: raw.paths, hashes: raw.hashes, entries };
}

// ---------------------------------------------------------------- the cache of one run

const toAbs = (root: string, rel: string) => path.join(root, ...rel.split('/'));
const toRel = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/');

export class LintCache {
  private readonly data: CacheData | null;
  private readonly realRoot: string;
  private readonly texts = new Map<string, string | null>();
  private readonly hashes = new Map<string, string>();
  private readonly shapes = new Map<ShapeKind, string>();
  private readonly fresh = new Map<string, Entry & { hashes: Map<string, string> }>();
  /** Entries found valid in this run (kept as they are). */
  private readonly valid = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly root: string,
    private readonly key: string,
  ) {
    this.data = load(file, key);
    let real = root;
    try {
      real = realpathSync(root);
    } catch {
      // intentionally ignored: then nothing reads as inside it but what is under the path as given
    }
    this.realRoot = real;
  }

  /** The text of a file inside the root (symlinks resolved), or null. */
  private read: ReadText = (abs) => {
    let text = this.texts.get(abs);
    if (text !== undefined) return text;
    text = null;
    if (isProjectFile(this.root, abs)) {
      try {
        const real = realpathSync(abs);
        const st = statSync(real);
        if ((real === abs || isProjectFile(this.realRoot, real)) && st.isFile() && st.size <= MAX_HASHED_BYTES) text = readFileSync(real, 'utf8');
      } catch {
        // intentionally ignored: a missing or unreadable file hashes as missing
        text = null;
      }
    }
    this.texts.set(abs, text);
    return text;
  };

  private hash(abs: string): string {
    let h = this.hashes.get(abs);
    if (h === undefined) {
      const text = this.read(abs);
      h = text === null ? '-' : createHash('sha1').update(text).digest('base64');
      this.hashes.set(abs, h);
    }
    return h;
  }

  /** The digest of one kind of project-wide fact, as the project is now. */
  private shapeOf(kind: ShapeKind): string {
    let shape = this.shapes.get(kind);
    if (shape === undefined) {
      if (kind === 'documents') {
        // Which documents the drift check finds, and what they say.
        const digest = createHash('sha256');
        for (const d of projectDocuments(this.root).sort()) digest.update(`${toRel(this.root, d)}\0${this.hash(d)}\n`);
        shape = digest.digest('base64');
      } else {
        shape = projectShape(this.root, this.read, kind);
      }
      this.shapes.set(kind, shape);
    }
    return shape;
  }

  /** Splits `files` (relative to the root) into cached results and files to lint. */
  partition(files: readonly string[]): { hits: FileResult[]; misses: string[] } {
    const hits: FileResult[] = [];
    const misses: string[] = [];
    for (const file of files) {
      const name = toRel(this.root, path.resolve(this.root, file));
      const entry = safeRelative(name) ? this.data?.entries[name] : undefined;
      if (entry && this.isValid(entry)) {
        this.valid.add(name);
        hits.push(entry.result);
      } else {
        misses.push(file);
      }
    }
    // For tests and for users asking why a run was not faster.
    if (process.env.BACKLINT_DEBUG_CACHE && files.length > 0) process.stderr.write(`backlint cache: ${hits.length} reused, ${misses.length} to lint${misses.length ? `: ${misses.slice(0, 50).join(' ')}` : ''}\n`);
    return { hits, misses };
  }

  private isValid(entry: Entry): boolean {
    const data = this.data!;
    for (const d of entry.deps) if (this.hash(toAbs(this.root, data.paths[d]!)) !== data.hashes[d]) return false;
    return entry.wide.every((kind) => data.shapes[kind] !== undefined && this.shapeOf(kind) === data.shapes[kind]);
  }

  /**
   * Keeps fresh results of this run: code results with the reads their rules made (absolute paths;
   * a file without any is not cached), documents on their own content when all their refs are
   * internal. `results` must already be masked.
   */
  store(results: readonly FileResult[], reads: ReadonlyMap<string, FileReads> | null): void {
    for (const result of results) {
      const abs = toAbs(this.root, result.file);
      if (!isProjectFile(this.root, abs)) continue;
      let deps: Set<string> | null;
      let wide: ShapeKind[] = [];
      if (result.kind === 'code') {
        const r = reads?.get(abs);
        if (!r) continue;
        const others = [...r.files].filter((f) => f !== abs);
        deps = others.length ? importClosure(this.root, others, this.read) : new Set();
        if (!deps || [...deps].some((d) => !isProjectFile(this.root, d))) continue;
        wide = [...r.projectWide];
        // What a file's imports name depends on which files exist.
        if (deps.size > 0 && !wide.includes('sources')) wide.push('files');
      } else if (result.kind === 'openapi') {
        const text = this.read(abs);
        if (text === null || hasExternalRef(text)) continue;
        deps = new Set();
      } else {
        continue;
      }
      deps.delete(abs);
      const hashes = new Map<string, string>([[result.file, this.hash(abs)]]);
      for (const d of deps) hashes.set(toRel(this.root, d), this.hash(d));
      this.fresh.set(result.file, { deps: [], wide, result, hashes });
    }
  }

  /** Writes the cache: this run's entries, and earlier ones whose inputs this run did not change. */
  save(): void {
    const paths: string[] = [];
    const hashes: string[] = [];
    const index = new Map<string, number>();
    const slot = (rel: string, hash: string): number => {
      let i = index.get(rel);
      if (i === undefined) {
        i = paths.length;
        paths.push(rel);
        hashes.push(hash);
        index.set(rel, i);
      }
      return i;
    };
    const entries: Record<string, Entry> = {};
    for (const [name, e] of this.fresh) {
      entries[name] = { deps: [...e.hashes].map(([rel, h]) => slot(rel, h)), wide: e.wide, result: e.result };
      for (const kind of e.wide) this.shapeOf(kind);
    }
    const data = this.data;
    // Each digest as of this run when it was computed; else the one the kept entries were
    // computed with, checked when they are next looked at.
    const shapes: Partial<Record<ShapeKind, string>> = { ...data?.shapes };
    for (const [kind, digest] of this.shapes) shapes[kind] = digest;
    if (data) {
      for (const [name, e] of Object.entries(data.entries)) {
        if (entries[name]) continue;
        // An entry of a file this run did not lint stays when what it depends on is, as far as
        // this run hashed it, still what it was computed from (it is checked in full when used).
        const kept = this.valid.has(name) || e.deps.every((d) => {
          const rel = data.paths[d]!;
          const now = this.hashes.get(toAbs(this.root, rel));
          return now === undefined || now === data.hashes[d];
        });
        if (!kept || e.wide.some((kind) => data.shapes[kind] !== shapes[kind])) continue;
        entries[name] = { deps: e.deps.map((d) => slot(data.paths[d]!, data.hashes[d]!)), wide: e.wide, result: e.result };
      }
    }
    const out: CacheData = { format: FORMAT, key: this.key, shapes, paths, hashes, entries };
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, this.file);
    } catch {
      // intentionally ignored: a cache that cannot be written costs the next run time, not findings
    }
  }
}

/** The cache of a run in `cwd`: `location` as --cache-location, `run` what the findings depend on besides files. */
export function openCache(cwd: string, location: string | undefined, run: Record<string, unknown>): LintCache {
  return new LintCache(cacheFileFor(cwd, location), cwd, runKey(run));
}

/** Whether a document has a `$ref` that is not a pointer into itself (`#/…`). Linear scan. */
export function hasExternalRef(text: string): boolean {
  for (let i = text.indexOf('$ref'); i !== -1; i = text.indexOf('$ref', i + 4)) {
    let j = i + 4;
    while (j < text.length && (text[j] === '"' || text[j] === "'" || text[j] === ' ' || text[j] === '\t' || text[j] === ':')) j++;
    if (j < text.length && text[j] !== '#') return true;
  }
  return false;
}
