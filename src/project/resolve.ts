/**
 * Module resolution for the project model: which file of the project an import specifier names.
 *
 * Followed: relative specifiers with or without extension (a `.js` specifier in TypeScript sources
 * names the `.ts` file beside it), directory `index` files and a directory's package.json `main`,
 * tsconfig.json `paths` and `baseUrl` (with `extends` chains), and package.json `imports` (`#x`).
 * Not followed: packages in node_modules (their knowledge lives in the analysis tables), remote
 * URLs, and anything that would resolve outside the project root.
 *
 * Every answer is cached per directory/specifier; `clearResolutionCache()` drops them (the file
 * cache calls it when a tsconfig or package.json changes).
 */
import { readFileSync } from 'node:fs';
import { listDirectory, statOf } from './disk.js';
import path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { noteRead } from './reads.js';

/** Extensions tried, in order, for an extensionless specifier and for directory indexes. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** A `.js`-family specifier in TypeScript sources names the TypeScript file compiled to it. */
const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Config files bigger than this are not project configuration anyone wrote by hand. */
const MAX_CONFIG_BYTES = 1024 * 1024;

type EntryKind = 'file' | 'directory' | 'other';

/**
 * Directory listings, read once each: resolving one specifier tries up to eighteen candidate
 * names (extensions, TypeScript swaps, directory indexes), and a stat per candidate was most of
 * what indexing a project's imports cost (~0.2 s of Ghost's 1,442 files). Names match exactly, as
 * on Linux. A listing older than a second is kept only while its directory's mtime is unchanged,
 * so a long-lived editor process sees a file created since.
 */
interface Listing {
  entries: Map<string, EntryKind> | null;
  mtimeMs: number;
  checkedAt: number;
}
const listings = new Map<string, Listing>();
const LISTING_RECHECK_MS = 1000;

function directoryMtime(dir: string): number {
  // A missing directory lists nothing.
  return statOf(dir)?.mtimeMs ?? -1;
}

function listing(dir: string): Map<string, EntryKind> | null {
  const now = Date.now();
  const cached = listings.get(dir);
  if (cached && now - cached.checkedAt < LISTING_RECHECK_MS) return cached.entries;
  const mtimeMs = directoryMtime(dir);
  if (cached && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached.entries;
  }
  let entries: Map<string, EntryKind> | null = null;
  // An unreadable directory holds no candidates.
  const dirents = mtimeMs >= 0 ? listDirectory(dir) : null;
  if (dirents) {
    entries = new Map();
    for (const e of dirents) {
      entries.set(e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? kindThroughLink(path.join(dir, e.name)) : 'other');
    }
  }
  listings.set(dir, { entries, mtimeMs, checkedAt: now });
  return entries;
}

function kindThroughLink(p: string): EntryKind {
  // A dangling link is no candidate.
  const st = statOf(p);
  return st?.isFile ? 'file' : st?.isDirectory ? 'directory' : 'other';
}

function kindOf(p: string): EntryKind | undefined {
  return listing(path.dirname(p))?.get(path.basename(p));
}

function isFile(p: string): boolean {
  return kindOf(p) === 'file';
}

function isDirectory(p: string): boolean {
  return kindOf(p) === 'directory';
}

/**
 * Answers of isProjectFile by root, then path: a pure question of two strings, asked before every
 * read and resolution the model makes (path.relative was ~40 ms of a Ghost run). Bounded so that a
 * long-lived process asked about ever new paths does not grow without end.
 */
const projectFileAnswers = new Map<string, Map<string, boolean>>();
const MAX_PROJECT_FILE_ANSWERS = 100_000;

/** True when `file` lies inside `root` (never outside the lint root, never inside node_modules). */
export function isProjectFile(root: string, file: string): boolean {
  // A relative path is read against the working directory, which may change: not remembered.
  if (!path.isAbsolute(root) || !path.isAbsolute(file)) return insideRoot(root, file);
  let answers = projectFileAnswers.get(root);
  if (!answers) projectFileAnswers.set(root, (answers = new Map()));
  let answer = answers.get(file);
  if (answer === undefined) {
    answer = insideRoot(root, file);
    if (answers.size >= MAX_PROJECT_FILE_ANSWERS) answers.clear();
    answers.set(file, answer);
  }
  return answer;
}

function insideRoot(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return !rel.split(path.sep).includes('node_modules');
}

/**
 * Config files by path, parsed once per version (mtime and size): every directory below a
 * tsconfig or package.json asks for it, and on Ghost's package re-parsing them was a third of
 * what indexing its imports cost.
 */
const jsonCache = new Map<string, { stamp: string; json: unknown }>();

function readJson(file: string): unknown {
  // Resolution answers are cached per run; a changed tsconfig or package.json changes them.
  noteRead(file);
  // Most directories have none: the listing answers without a failing stat.
  if (!isFile(file)) return undefined;
  const st = statOf(file);
  if (!st?.isFile || st.size > MAX_CONFIG_BYTES) return undefined;
  try {
    const stamp = `${st.mtimeMs}:${st.size}`;
    const cached = jsonCache.get(file);
    if (cached?.stamp === stamp) return cached.json;
    const json = parseConfig(file, readFileSync(file, 'utf8'));
    jsonCache.set(file, { stamp, json });
    return json;
  } catch {
    // intentionally ignored: an unreadable or broken config file means "no configuration"
    return undefined;
  }
}

function parseConfig(file: string, text: string): unknown {
  try {
    if (path.basename(file) === 'package.json') return JSON.parse(text) as unknown;
    // tsconfig files allow comments and trailing commas. Not TypeScript's reader: loading
    // TypeScript for it cost the model's processes ~10 MB and a few hundred milliseconds.
    const errors: ParseError[] = [];
    const config = parseJsonc(text, errors, { allowTrailingComma: true }) as unknown;
    return errors.length > 0 ? undefined : config;
  } catch {
    // intentionally ignored: a broken config file means "no configuration"
    return undefined;
  }
}

interface PathsConfig {
  /** Directory `paths` targets are relative to (baseUrl, else the tsconfig's directory). */
  base: string;
  baseUrl: string | null;
  paths: [pattern: string, targets: string[]][];
}

const tsconfigCache = new Map<string, PathsConfig | null>();
const packageCache = new Map<string, { dir: string; imports: unknown } | null>();
const resolutionCache = new Map<string, string | null>();

export function clearResolutionCache(): void {
  tsconfigCache.clear();
  packageCache.clear();
  resolutionCache.clear();
  listings.clear();
  jsonCache.clear();
}

/** compilerOptions.baseUrl/paths of a tsconfig, following `extends` (relative ones) up to 8 deep. */
function readTsconfig(file: string, root: string, depth = 0): PathsConfig | null {
  const json = readJson(file) as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  if (!json || typeof json !== 'object') return null;
  const dir = path.dirname(file);
  let inherited: PathsConfig | null = null;
  const parents = typeof json.extends === 'string' ? [json.extends] : Array.isArray(json.extends) ? json.extends : [];
  for (const ext of parents) {
    if (typeof ext !== 'string' || depth >= 8 || !ext.startsWith('.')) continue;
    let parentFile = path.resolve(dir, ext);
    if (!parentFile.endsWith('.json')) parentFile += '.json';
    if (!isProjectFile(root, parentFile) && path.dirname(parentFile) !== root) continue;
    inherited = readTsconfig(parentFile, root, depth + 1) ?? inherited;
  }
  const opts = json.compilerOptions ?? {};
  const baseUrl = typeof opts.baseUrl === 'string' ? path.resolve(dir, opts.baseUrl) : (inherited?.baseUrl ?? null);
  let paths = inherited?.paths ?? [];
  let pathsBase = inherited?.base ?? dir;
  if (opts.paths && typeof opts.paths === 'object') {
    paths = Object.entries(opts.paths as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []]);
    pathsBase = typeof opts.baseUrl === 'string' ? baseUrl! : dir;
  }
  if (baseUrl && typeof opts.baseUrl === 'string') pathsBase = baseUrl;
  return { base: pathsBase, baseUrl, paths };
}

/** The nearest file named `name` from `dir` up to `root` (inclusive). */
function nearest(dir: string, root: string, name: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, name);
    if (isFile(candidate)) return candidate;
    if (d === root || path.dirname(d) === d || !d.startsWith(root)) return null;
  }
}

/** Whether a tsconfig maps package-style names to project files from `fromFile` (`paths`, `baseUrl`). */
export function mapsPackageNames(fromFile: string, root: string): boolean {
  const ts = tsconfigFor(path.dirname(fromFile), root);
  return !!ts && (ts.paths.length > 0 || !!ts.baseUrl);
}

function tsconfigFor(dir: string, root: string): PathsConfig | null {
  let cached = tsconfigCache.get(dir);
  if (cached === undefined) {
    const file = nearest(dir, root, 'tsconfig.json');
    cached = file ? readTsconfig(file, root) : null;
    tsconfigCache.set(dir, cached);
  }
  return cached;
}

function packageFor(dir: string, root: string): { dir: string; imports: unknown } | null {
  let cached = packageCache.get(dir);
  if (cached === undefined) {
    const file = nearest(dir, root, 'package.json');
    const json = file ? (readJson(file) as { imports?: unknown } | undefined) : undefined;
    cached = file && json ? { dir: path.dirname(file), imports: json.imports } : null;
    packageCache.set(dir, cached);
  }
  return cached;
}

/** Source-first condition order: a TypeScript project's `imports` often lists `types`/`source`. */
const CONDITIONS = ['source', 'types', 'import', 'require', 'node', 'default'];

function conditionalTarget(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value;
  if (depth > 4 || !value || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = conditionalTarget(v, depth + 1);
      if (t) return t;
    }
    return null;
  }
  const obj = value as Record<string, unknown>;
  for (const c of CONDITIONS) {
    if (c in obj) {
      const t = conditionalTarget(obj[c], depth + 1);
      if (t) return t;
    }
  }
  return null;
}

/** Pattern `a/*` against `a/b/c` → 'b/c'; exact patterns → ''; else null. */
function matchStar(pattern: string, specifier: string): string | null {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === specifier ? '' : null;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) return null;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

/** A file for `base` (a path without or with extension), or its directory index. */
function resolveFile(base: string, root: string): string | null {
  if (!isProjectFile(root, base)) return null;
  if (isFile(base)) return base;
  const ext = path.extname(base);
  const swaps = TS_FOR_JS[ext];
  if (swaps) {
    const stem = base.slice(0, -ext.length);
    for (const e of swaps) if (isFile(stem + e)) return stem + e;
  }
  for (const e of SOURCE_EXTENSIONS) if (isFile(base + e)) return base + e;
  if (isDirectory(base)) {
    const pkg = readJson(path.join(base, 'package.json')) as { main?: unknown } | undefined;
    if (pkg && typeof pkg.main === 'string') {
      const main = resolveFile(path.resolve(base, pkg.main), root);
      if (main) return main;
    }
    for (const e of SOURCE_EXTENSIONS) {
      const index = path.join(base, `index${e}`);
      if (isFile(index)) return index;
    }
  }
  return null;
}

function resolveUncached(fromDir: string, specifier: string, root: string): string | null {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return resolveFile(path.resolve(fromDir, specifier), root);
  }
  if (path.isAbsolute(specifier)) return resolveFile(specifier, root);
  if (specifier.startsWith('#')) {
    const pkg = packageFor(fromDir, root);
    if (!pkg || !pkg.imports || typeof pkg.imports !== 'object') return null;
    for (const [pattern, value] of Object.entries(pkg.imports as Record<string, unknown>)) {
      const rest = matchStar(pattern, specifier);
      if (rest === null) continue;
      const target = conditionalTarget(value);
      if (!target || !target.startsWith('./')) continue;
      const found = resolveFile(path.resolve(pkg.dir, target.replace('*', rest)), root);
      if (found) return found;
    }
    return null;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return null; // node:, http:, data: …
  const ts = tsconfigFor(fromDir, root);
  if (ts) {
    for (const [pattern, targets] of ts.paths) {
      const rest = matchStar(pattern, specifier);
      if (rest === null) continue;
      for (const t of targets) {
        const found = resolveFile(path.resolve(ts.base, t.replace('*', rest)), root);
        if (found) return found;
      }
    }
    if (ts.baseUrl) {
      const found = resolveFile(path.resolve(ts.baseUrl, specifier), root);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The project file `specifier` names when imported from `fromFile`, or null (a package, a builtin,
 * a missing file, or a file outside `root`).
 */
export function resolveModule(fromFile: string, specifier: string, root: string): string | null {
  if (specifier.length === 0 || specifier.length > 1024) return null;
  const fromDir = path.dirname(fromFile);
  // A package name (`lodash`, `node:fs`) where no tsconfig maps names to files: answered without a
  // cache entry per directory and name (most of a project's specifiers).
  const c = specifier.charCodeAt(0);
  if (c !== 46 /* . */ && c !== 47 /* / */ && c !== 35 /* # */ && !path.isAbsolute(specifier)) {
    const ts = tsconfigFor(fromDir, root);
    if (!ts || (ts.paths.length === 0 && !ts.baseUrl)) return null;
  }
  const key = `${fromDir}\0${specifier}\0${root}`;
  let found = resolutionCache.get(key);
  if (found === undefined) {
    found = resolveUncached(fromDir, specifier, root);
    resolutionCache.set(key, found);
  }
  return found;
}

// Specifier scan: `require('x')`, `from 'x'`, `import('x')`, `import 'x'`. Linear: each
// alternative starts with a fixed word and the quoted part excludes its own delimiter.
const SPECIFIER = /\b(?:require\s*\(\s*|from\s*|import\s*\(\s*|import\s+)(['"])([^'"\n]{1,300})\1/g;

/** The module specifiers a source text imports or requires, found without parsing it. */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  SPECIFIER.lastIndex = 0;
  for (let m = SPECIFIER.exec(text); m; m = SPECIFIER.exec(text)) out.push(m[2]!);
  return out;
}

/**
 * The version range the package.json nearest to `fromFile` (not above `root`) declares for
 * dependency `name` (dependencies, devDependencies, peerDependencies, optionalDependencies), or
 * null when it declares none. Read through the resolver's JSON reader, so the cache sees the read.
 */
export function declaredDependencyRange(fromFile: string, root: string, name: string): string | null {
  const file = nearest(path.dirname(fromFile), root, 'package.json');
  if (!file) return null;
  const json = readJson(file) as Record<string, unknown> | undefined;
  if (!json || typeof json !== 'object') return null;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = json[field];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string') return (deps as Record<string, string>)[name]!;
  }
  return null;
}
