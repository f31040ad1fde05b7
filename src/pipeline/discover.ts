/**
 * File discovery: which files of the given paths backlint lints, with which engine, and which it
 * skipped and why (a reviewer of an untrusted pull request must see what was not checked).
 *
 * - Code by extension (.js .cjs .mjs .jsx .ts .tsx .mts .cts; declaration files excluded).
 * - OpenAPI by content only: a top-level `openapi` or `swagger` key in a .yaml/.yml/.json file.
 *   Other YAML/JSON (CI configs, k8s manifests, package.json) is left alone, and not listed.
 * - Directories honour .gitignore (and the parent .gitignore files up to the git root), skip
 *   node_modules, dist, build, coverage, vendor, tool caches, minified files and generated bundles,
 *   plus the config's `ignore` and `--ignore-pattern` globs. Every code file or OpenAPI document
 *   skipped is listed with a reason; a directory skipped as a whole (node_modules, a gitignored or
 *   ignored directory) is listed once, with a trailing `/`.
 * - Dot-directories are walked: `.github/scripts/deploy.js` is code in the pull request (and runs in
 *   CI with its secrets), so hiding it under a dot must not hide it from the linter. Only `.git` and
 *   well-known tool caches are not.
 * - Files over the size limits, unreadable files and unreadable directories are skipped and
 *   reported as located diagnostics by `lint()`; the walk goes on.
 * - A file named explicitly on the command line bypasses the directory defaults and the
 *   generated-file heuristics (you asked for it), but is still classified by extension/content:
 *   a file that is neither code nor an OpenAPI document is skipped with a notice.
 * - Symbolic links are never followed (they may point outside the repository).
 */
import { closeSync, constants as fsConstants, existsSync, fstatSync, openSync, promises as fsp, readFileSync, readSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { BacklintUsageError } from '../config/schema.js';
import { compileGlob, GlobSyntaxError } from '../config/glob.js';
import { byDepth, ignoredBy, readIgnoreFile, type IgnoreFile } from './gitignore.js';
import { isOpenApiText } from '../openapi/detect.js';

export const CODE_EXTENSIONS = ['js', 'cjs', 'mjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'] as const;
export const DOCUMENT_EXTENSIONS = ['yaml', 'yml', 'json'] as const;

/**
 * Directories a walk never enters, listed once as `ignored-directory`: dependencies and tool
 * caches, which can hold hundreds of thousands of files nobody reviews. `.git` is not listed at all
 * (it is not content of the tree).
 */
export const PRUNED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  '.yarn',
  '.pnpm-store',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.angular',
  '.docusaurus',
  '.vercel',
  '.serverless',
  '.output',
]);
/** Build output and third-party copies: walked, and every code file or document in them listed. */
export const OUTPUT_DIRECTORIES: ReadonlySet<string> = new Set(['dist', 'build', 'coverage', 'vendor']);
const MINIFIED_NAME_RE = /\.(?:min\.[cm]?js|bundle\.js|chunk\.js)$/i;
/** Yarn Plug'n'Play's generated loaders, at the root of every PnP repository. */
const GENERATED_NAMES: ReadonlySet<string> = new Set(['.pnp.cjs', '.pnp.js', '.pnp.loader.mjs']);

/** 1 MiB: far above hand-written source (Ghost's largest is a few hundred KiB); bundles are not source. */
export const DEFAULT_MAX_CODE_FILE_BYTES = 1024 * 1024;
/** 32 MiB: admits the largest public descriptions (GitHub's REST API, 13 MB JSON; Stripe's, 4.2 MB YAML). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/**
 * Why a file was not linted (stable strings, part of the JSON report):
 * `generated` (a generated-file banner), `minified` (minified or bundled output), `ignored-directory`
 * (node_modules, dist, build, coverage, vendor, tool caches), `gitignored`, `config-ignore` (the
 * config's `ignore`), `ignore-pattern` (`--ignore-pattern`), `too-large`, `unreadable`, `symlink`,
 * `not-a-regular-file`, `not-openapi` and `not-code-or-openapi` (files named explicitly), and
 * `ignored-by-eslint` (ESLint refused a file it was given).
 */
export type SkipReason =
  | 'generated'
  | 'minified'
  | 'ignored-directory'
  | 'gitignored'
  | 'config-ignore'
  | 'ignore-pattern'
  | 'too-large'
  | 'unreadable'
  | 'symlink'
  | 'not-a-regular-file'
  | 'not-openapi'
  | 'not-code-or-openapi'
  | 'ignored-by-eslint';

export interface Skipped {
  /** Absolute path; a directory skipped as a whole ends with a path separator. */
  path: string;
  reason: SkipReason;
  /** What a human needs beyond the reason (the size and the limit, the OS error). */
  message?: string;
  /** Code or document, when known: where a located diagnostic belongs. */
  kind?: 'code' | 'openapi';
}

export interface IgnoreSet {
  /** Directory the globs are relative to. */
  baseDir: string;
  globs: readonly string[];
  /** Reported for files these globs skip. Default `config-ignore`. */
  reason?: 'config-ignore' | 'ignore-pattern';
}

export interface DiscoverLimits {
  maxCodeFileBytes?: number;
  maxDocumentBytes?: number;
}

export interface DiscoverOptions {
  cwd: string;
  paths: readonly string[];
  ignores?: readonly IgnoreSet[];
  limits?: DiscoverLimits;
  /** Called for explicitly named files that are skipped (not code, not OpenAPI). */
  onSkip?: (file: string, reason: string) => void;
}

export interface Discovered {
  code: string[];
  openapi: string[];
  /** Every code file or OpenAPI document not linted, sorted by path. */
  skipped: Skipped[];
}

const HEAD_BYTES = 8192;
const CODE_RE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECL_RE = /\.d\.[cm]?ts$/i;
const DOC_RE = /\.(?:ya?ml|json)$/i;

export function isCodeFile(file: string): boolean {
  return CODE_RE.test(file) && !DECL_RE.test(file);
}

/**
 * Minified output and bundles are not source anyone reviews: a first line over 1,000 characters,
 * a webpack/rollup/esbuild bootstrap, or an explicit generated-file banner in the first lines.
 */
export function looksGenerated(head: string): boolean {
  const firstNl = head.indexOf('\n');
  const firstLine = firstNl === -1 ? head : head.slice(0, firstNl);
  if (firstLine.length > 1000) return true;
  if (/\/\*{6}\/|webpackBootstrap|__webpack_require__|\/\/# sourceMappingURL=data:/.test(head.slice(0, 4096))) {
    return true;
  }
  const banner = head.split('\n', 5).join('\n');
  return /@generated\b|\bDO NOT EDIT\b|\bauto-?generated\b/i.test(banner);
}

interface Probe {
  size: number;
  head: string;
}

/**
 * Size and first bytes of a regular file, in one open. O_NONBLOCK: a FIFO swapped in for a file
 * between the directory listing and the open must not block the run forever.
 */
function probeFile(file: string, bytes: number): Probe {
  const fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const buf = Buffer.alloc(Math.min(bytes, stat.size));
    const n = buf.length ? readSync(fd, buf, 0, buf.length, 0) : 0;
    return { size: stat.size, head: buf.subarray(0, n).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

/** `minified` for minified or bundled output, `generated` for a generated-file banner. */
export function generatedReason(head: string): 'generated' | 'minified' | undefined {
  if (!looksGenerated(head)) return undefined;
  const banner = head.split('\n', 5).join('\n');
  return /@generated\b|\bDO NOT EDIT\b|\bauto-?generated\b/i.test(banner) ? 'generated' : 'minified';
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** `EACCES (permission denied)`: the OS error without the absolute path Node puts in its message. */
function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (!err?.code) return String(err?.message ?? e).split('\n')[0]!;
  const description = /^[A-Z]+: ([^,]*)/.exec(err.message)?.[1];
  return description ? `${err.code} (${description})` : err.code;
}

const DOC_HEAD_BYTES = 65536;

type DocVerdict =
  | { kind: 'openapi'; size: number }
  | { kind: 'other' }
  | { kind: 'unreadable'; error: string };

/**
 * Whether a .yaml/.json file is an OpenAPI document. Only the head is read unless it is
 * inconclusive; then the whole file, but never more than the document limit (a data dump over it is
 * not worth reading to find out).
 */
function classifyDocument(file: string, maxBytes: number): DocVerdict {
  let probe: Probe;
  try {
    probe = probeFile(file, DOC_HEAD_BYTES);
  } catch (e) {
    return { kind: 'unreadable', error: errorText(e) };
  }
  let verdict = isOpenApiText(probe.head, probe.size <= DOC_HEAD_BYTES);
  if (verdict === undefined) {
    if (probe.size > maxBytes) return { kind: 'other' };
    try {
      verdict = isOpenApiText(readFileSync(file, 'utf8'), true) === true;
    } catch (e) {
      return { kind: 'unreadable', error: errorText(e) };
    }
  }
  return verdict ? { kind: 'openapi', size: probe.size } : { kind: 'other' };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// A name no glob targets specifically: a directory is ignored when a file directly inside it would be.
const PROBE_CHILD = '__backlint_probe__';

/**
 * gitignore-like: a glob without a slash matches at any depth; a directory match covers its files.
 * Returns the reason of the first set that ignores the path.
 */
export function ignoreMatcher(sets: readonly IgnoreSet[]): (absPath: string, isDir: boolean) => IgnoreSet['reason'] | undefined {
  const compiled = sets.map((s) => ({
    baseDir: s.baseDir,
    reason: s.reason ?? 'config-ignore',
    res: s.globs.map((g) => {
      let glob = g.replace(/^\.\//, '').replace(/\/$/, '/**');
      if (!glob.replace(/\/\*\*$/, '').includes('/')) glob = `**/${glob}`;
      else glob = glob.replace(/^\//, '');
      try {
        return [compileGlob(glob), compileGlob(`${glob}/**`)] as const;
      } catch (e) {
        if (e instanceof GlobSyntaxError) throw new BacklintUsageError(`Invalid ignore pattern "${g}": ${e.reason}`);
        throw e;
      }
    }),
  }));
  return (absPath, isDir) => {
    const target = isDir ? path.join(absPath, PROBE_CHILD) : absPath;
    for (const { baseDir, reason, res } of compiled) {
      const rel = toPosix(path.relative(baseDir, target));
      if (rel.startsWith('../')) continue;
      if (res.some(([a, b]) => a(rel) || b(rel))) return reason;
    }
    return undefined;
  };
}

type GitIgnored = (absPath: string, isDir: boolean) => boolean;

/**
 * The .gitignore files under `root`, plus those of its parent directories up to the git root (as
 * git itself applies them). A directory named explicitly is walked even if a parent .gitignore
 * ignores it (a vendored corpus, a scratch dir): then only the .gitignore files inside it count.
 */
async function gitIgnoredUnder(root: string): Promise<GitIgnored> {
  // Loaded for directory walks only: linting named files never pays for globby (which only lists
  // the files here; their lines are matched by gitignore.ts, see there why).
  const { globby } = await import('globby');
  const found = await globby('**/.gitignore', { cwd: root, dot: true, absolute: true, suppressErrors: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] });
  const own = found.map((f) => readIgnoreFile(path.resolve(f))).filter((f) => f !== null);
  let parents: IgnoreFile[] = [];
  if (!existsSync(path.join(root, '.git'))) {
    const ancestors: string[] = [];
    for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
      ancestors.push(dir);
      if (existsSync(path.join(dir, '.git'))) {
        for (const a of ancestors) {
          const file = existsSync(path.join(a, '.gitignore')) ? readIgnoreFile(path.join(a, '.gitignore')) : null;
          if (file) parents.push(file);
        }
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    if (ignoredBy(byDepth(parents), root, true)) parents = [];
  }
  const files = byDepth([...parents, ...own]);
  return (absPath, isDir) => ignoredBy(files, absPath, isDir);
}

interface WalkState {
  code: Set<string>;
  openapi: Set<string>;
  skipped: Map<string, Skipped>;
  maxCode: number;
  maxDoc: number;
  ignored: ReturnType<typeof ignoreMatcher>;
}

function skip(state: WalkState, entry: Skipped): void {
  if (!state.skipped.has(entry.path)) state.skipped.set(entry.path, entry);
}

function tooLarge(size: number, limit: number, flag: string): string {
  return `${formatBytes(size)}, over the ${formatBytes(limit)} limit (${flag})`;
}

/** A code file: read its head (and size) once; `named` files skip the generated-file heuristics. */
function considerCode(state: WalkState, file: string, named: boolean): void {
  let probe: Probe;
  try {
    probe = probeFile(file, HEAD_BYTES);
  } catch (e) {
    skip(state, { path: file, reason: 'unreadable', message: errorText(e), kind: 'code' });
    return;
  }
  const generated = named ? undefined : generatedReason(probe.head);
  if (generated) skip(state, { path: file, reason: generated, kind: 'code' });
  else if (probe.size > state.maxCode) {
    skip(state, { path: file, reason: 'too-large', message: tooLarge(probe.size, state.maxCode, 'limits.maxCodeFileBytes, --max-file-size'), kind: 'code' });
  } else state.code.add(file);
}

/** A .yaml/.json file: linted if it is an OpenAPI document; `skipReason` lists it instead. */
function considerDocument(state: WalkState, file: string, skipReason: SkipReason | undefined): DocVerdict['kind'] {
  const verdict = classifyDocument(file, state.maxDoc);
  if (verdict.kind === 'other') return verdict.kind;
  if (skipReason) {
    if (verdict.kind === 'openapi') skip(state, { path: file, reason: skipReason, kind: 'openapi' });
  } else if (verdict.kind === 'unreadable') {
    skip(state, { path: file, reason: 'unreadable', message: verdict.error, kind: 'openapi' });
  } else if (verdict.size > state.maxDoc) {
    skip(state, { path: file, reason: 'too-large', message: tooLarge(verdict.size, state.maxDoc, 'limits.maxDocumentBytes, --max-document-size'), kind: 'openapi' });
  } else {
    state.openapi.add(file);
  }
  return verdict.kind;
}

async function walk(state: WalkState, dir: string, gitIgnored: GitIgnored, inOutputDir: boolean): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    skip(state, { path: dir + path.sep, reason: 'unreadable', message: errorText(e) });
    return;
  }
  const subdirs: Promise<void>[] = [];
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '.git') continue;
      const reason: SkipReason | undefined = PRUNED_DIRECTORIES.has(entry.name)
        ? 'ignored-directory'
        : gitIgnored(abs, true)
          ? 'gitignored'
          : state.ignored(abs, true);
      if (reason) skip(state, { path: abs + path.sep, reason });
      else subdirs.push(walk(state, abs, gitIgnored, inOutputDir || OUTPUT_DIRECTORIES.has(entry.name)));
      continue;
    }
    const code = isCodeFile(abs);
    if (!code && !DOC_RE.test(abs)) continue;
    if (!entry.isFile()) {
      // Never followed: a link may point outside the repository. Listed only for code, where the
      // extension says what it is.
      if (code) skip(state, { path: abs, reason: entry.isSymbolicLink() ? 'symlink' : 'not-a-regular-file', kind: 'code' });
      continue;
    }
    const reason: SkipReason | undefined = gitIgnored(abs, false)
      ? 'gitignored'
      : (state.ignored(abs, false) ?? (inOutputDir ? 'ignored-directory' : undefined));
    if (!code) {
      considerDocument(state, abs, reason);
    } else if (reason) {
      skip(state, { path: abs, reason, kind: 'code' });
    } else if (MINIFIED_NAME_RE.test(entry.name) || GENERATED_NAMES.has(entry.name)) {
      skip(state, { path: abs, reason: GENERATED_NAMES.has(entry.name) ? 'generated' : 'minified', kind: 'code' });
    } else {
      considerCode(state, abs, false);
    }
  }
  await Promise.all(subdirs);
}

export async function discoverFiles(options: DiscoverOptions): Promise<Discovered> {
  const cwd = path.resolve(options.cwd);
  const state: WalkState = {
    code: new Set(),
    openapi: new Set(),
    skipped: new Map(),
    maxCode: options.limits?.maxCodeFileBytes ?? DEFAULT_MAX_CODE_FILE_BYTES,
    maxDoc: options.limits?.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    ignored: ignoreMatcher(options.ignores ?? []),
  };

  for (const p of options.paths.length ? options.paths : ['.']) {
    const abs = path.resolve(cwd, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new BacklintUsageError(`No such file or directory: ${p}`);
      // It exists but cannot be looked at (a parent directory without search permission).
      skip(state, { path: abs, reason: 'unreadable', message: errorText(e), ...(isCodeFile(abs) ? { kind: 'code' as const } : DOC_RE.test(abs) ? { kind: 'openapi' as const } : {}) });
      continue;
    }
    if (stat.isDirectory()) {
      await walk(state, abs, await gitIgnoredUnder(abs), false);
    } else if (!stat.isFile()) {
      skip(state, { path: abs, reason: 'not-a-regular-file' });
      options.onSkip?.(p, 'not a regular file');
    } else if (isCodeFile(abs)) {
      considerCode(state, abs, true);
    } else if (DOC_RE.test(abs)) {
      if (considerDocument(state, abs, undefined) === 'other') {
        skip(state, { path: abs, reason: 'not-openapi' });
        options.onSkip?.(p, 'not an OpenAPI document');
      }
    } else {
      skip(state, { path: abs, reason: 'not-code-or-openapi' });
      options.onSkip?.(p, 'not a code file or OpenAPI document');
    }
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    code: [...state.code].sort(byPath),
    openapi: [...state.openapi].sort(byPath),
    skipped: [...state.skipped.values()].sort((a, b) => byPath(a.path, b.path)),
  };
}
