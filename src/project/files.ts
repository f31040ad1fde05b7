/**
 * The project model's file cache: source files other than the one being linted, parsed with the
 * same parser and options as the ESLint face, wrapped in an analysis context so that the per-file
 * analysis (src/analysis) answers questions about them exactly as it does about the linted file.
 *
 * Entries are keyed by absolute path and invalidated when the file's mtime or size changes, so an
 * editor's long-lived ESLint process sees edits to other files (eslint-plugin-import-x's module
 * cache works the same way). A file is read only when it is a regular file inside the project root
 * (its real path too: a symlink out of the repository is not followed), is not in node_modules, and
 * is under MAX_MODEL_FILE_BYTES. A file that cannot be read or parsed is `null`: the chain that
 * needed it ends quietly.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { statOf } from './disk.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { parseForESLint } from './parser.js';
import { isProjectFile } from './resolve.js';
import { parseForEngine } from './shared-parse.js';
import { parseWithOxc } from './oxc-parse.js';
import { noteRead } from './reads.js';
import { ESLINT_SOURCE_CODE, loadVendored } from '../lazy-modules.js';

export type AnalysisContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Larger files are bundles or generated code, not the services and repositories a route calls. */
export const MAX_MODEL_FILE_BYTES = 1024 * 1024;
/**
 * Parsed files kept at once: a window that starts small and grows by one each time a file it
 * dropped is asked for again, up to MAX_CACHED_FILES. A parsed file costs 0.3–1 MB of heap (tree and
 * scopes) and V8 sizes the heap at a multiple of what is live, so the window is a trade between peak
 * memory and re-parsing; what outlives a tree is plain data — function summaries (summaries.ts),
 * export answers and export names (modules.ts) — so the window only has to hold the files one
 * question walks at once, and how many that is depends on the project. Replayed on the order the
 * model asks for files (Ghost's server, 633 asks of 121 files; @directus/api, 4,349 of 223): a
 * fixed 96 kept 76 and 92 trees on average for 123 and 298 parses; this window keeps 31 and 86 for
 * 159 and 372 parses. Measured as users see it (whole CLI, alternating rounds, medians of the
 * process tree's peak): Ghost's server 427 → 381 MB over 8 rounds, @directus/api 377 → 351 MB over
 * 5, times within the machine's noise, findings identical. (With oxc's trees a file costs less and
 * a parse more of the model's time: @directus/api 652 parses with a fixed 32, 338 with 96, 1 s less.)
 * Growing faster (by sixteen, up to 256) cut @directus/api's 380 parses of its 223 files to 248
 * and its time by ~0.1-0.4 s, but on Ghost's server the window then held all 121 trees: +28 MB
 * at the peak (whole CLI, 6 alternating rounds, medians 284 -> 312 MB) for ~0.2 s. Not taken.
 */
const MIN_CACHED_FILES = 16;
const MAX_CACHED_FILES = 96;
/** Dropped files remembered, to tell a window that is too small (a dropped file asked again). */
const MAX_DROPPED_REMEMBERED = 64;
let cacheWindow = MIN_CACHED_FILES;
const dropped = new Set<string>();

type SourceCodeClass = typeof import('eslint').SourceCode;
let sourceCodeClass: SourceCodeClass | undefined;
/**
 * ESLint's SourceCode without ESLint: in oxlint's process the model is the only user, and the
 * package's entry loads the whole ESLint API for it (~100 ms and 6 MB of heap per process). The
 * module is ESLint's own (one copy: CommonJS caches it by path); if a release moves it, the entry.
 */
function SourceCodeOf(): SourceCodeClass {
  if (sourceCodeClass) return sourceCodeClass;
  sourceCodeClass = (loadVendored(ESLINT_SOURCE_CODE) as { SourceCode?: SourceCodeClass } | undefined)?.SourceCode;
  if (sourceCodeClass) return sourceCodeClass;
  const require = createRequire(import.meta.url);
  try {
    const own = path.join(path.dirname(require.resolve('eslint')), 'languages/js/source-code/index.js');
    sourceCodeClass = (require(own) as { SourceCode?: SourceCodeClass }).SourceCode;
  } catch {
    // intentionally ignored: the fallback below is ESLint's public entry
  }
  sourceCodeClass ??= (require('eslint') as typeof import('eslint')).SourceCode;
  return sourceCodeClass;
}

export interface ProjectFile {
  /** Absolute path. */
  path: string;
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** A rule context for the shared analysis: it only reads `sourceCode`, `filename`, `cwd`. */
  context: AnalysisContext;
  /**
   * `mtime:size` of the file on disk when it was parsed, so answers about it can outlive the
   * parsed tree (which the LRU drops); absent for the file being linted (an editor's unsaved text).
   */
  version?: string;
}

interface Entry {
  mtimeMs: number;
  size: number;
  file: ProjectFile | null;
}

const cache = new Map<string, Entry>();
let parses = 0;

/** Files read and parsed (or found unreadable) so far in this process: what the model's memos save. */
export function projectFileReads(): number {
  return parses;
}
const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = realpathSync(root);
    } catch {
      // intentionally ignored: an unreadable root reads nothing (every isProjectFile test fails)
      real = root;
    }
    realRoots.set(root, real);
  }
  return real;
}

/** ESLint sets `parent` while it traverses; a tree parsed here needs it set by hand. */
function setParents(ast: TSESTree.Program, keys: Record<string, readonly string[] | undefined>): void {
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const fields = keys[node.type];
    if (!fields) continue;
    for (const field of fields) {
      const child = (node as unknown as Record<string, unknown>)[field];
      if (Array.isArray(child)) {
        for (const c of child) {
          if (c && typeof c === 'object' && typeof (c as TSESTree.Node).type === 'string') {
            (c as { parent: TSESTree.Node }).parent = node;
            stack.push(c as TSESTree.Node);
          }
        }
      } else if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
        (child as { parent: TSESTree.Node }).parent = node;
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

function parse(abs: string, text: string, root: string, version: string): ProjectFile | null {
  try {
    // Read ahead of the engine: parsed once, with ESLint's options, for both (shared-parse.ts).
    const shared = parseForEngine(abs, text);
    const sourceType = abs.endsWith('.cjs') ? 'script' : 'module';
    // Files no engine will lint: oxc's parser, same tree, no TypeScript to load (oxc-parse.ts).
    const oxc = shared ? null : parseWithOxc(abs, text, sourceType);
    const result = shared ?? oxc ?? parseForESLint(text, {
      ecmaVersion: 'latest',
      sourceType,
      ecmaFeatures: { jsx: true },
      range: true,
      loc: true,
      // JSDoc is never read by the analysis; skipping it makes parsing commented JS much cheaper.
      jsDocParsingMode: 'none',
      // The analysis reads nodes and scopes, never tokens or comments: not keeping them roughly
      // halves what a cached file costs.
      tokens: false,
      comment: false,
      // The node maps between the ESTree and TypeScript trees keep the whole TypeScript tree alive
      // (several times the ESTree's size) for as long as the file is cached; nothing here reads them.
      preserveNodeMaps: false,
      filePath: abs,
    });
    const ast = result.ast as unknown as { tokens: unknown[]; comments: unknown[] } & TSESTree.Program;
    // The analysis reads no tokens or comments; a shared tree keeps them for ESLint, which drops
    // them when it is done with the file.
    const { tokens, comments } = ast;
    ast.tokens = [];
    ast.comments = [];
    // oxc's trees get their parent links in the walk that normalises them.
    if (!oxc) setParents(ast, result.visitorKeys as Record<string, readonly string[] | undefined>);
    const SourceCode = SourceCodeOf();
    const sourceCode = new SourceCode({
      text,
      ast: result.ast as never,
      // Not the parser's services: they hold the TypeScript tree (see preserveNodeMaps above).
      parserServices: {} as never,
      scopeManager: result.scopeManager as never,
      visitorKeys: result.visitorKeys as never,
    }) as unknown as Readonly<TSESLint.SourceCode>;
    if (shared) {
      ast.tokens = tokens;
      ast.comments = comments;
    }
    const context = {
      id: 'backlint/project-model',
      filename: abs,
      physicalFilename: abs,
      cwd: root,
      sourceCode,
      options: [],
      settings: {},
      languageOptions: {},
      parserOptions: {},
      getSourceCode: () => sourceCode,
      getFilename: () => abs,
      getCwd: () => root,
      report: () => undefined,
    } as unknown as AnalysisContext;
    return { path: abs, sourceCode, context, version };
  } catch {
    // intentionally ignored: a file that does not parse contributes nothing to the model
    return null;
  }
}

/** The parsed project file at `abs`, or null (outside `root`, too large, unreadable, unparsable). */
export function loadProjectFile(abs: string, root: string): ProjectFile | null {
  if (!isProjectFile(root, abs)) return null;
  noteRead(abs);
  // A vanished file is a chain that ends.
  const st = statOf(abs);
  if (!st) return null;
  const hit = cache.get(abs);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) {
    // Refresh its place in the LRU order.
    cache.delete(abs);
    cache.set(abs, hit);
    return hit.file;
  }
  let file: ProjectFile | null = null;
  const t0 = process.env.BACKLINT_DEBUG_MODEL ? performance.now() : 0;
  parses++;
  if (dropped.delete(abs)) cacheWindow = Math.min(MAX_CACHED_FILES, cacheWindow + 1);
  if (st.isFile && st.size <= MAX_MODEL_FILE_BYTES) {
    try {
      const real = realpathSync(abs);
      if (real === abs || isProjectFile(realRoot(root), real)) file = parse(abs, readFileSync(abs, 'utf8'), root, `${st.mtimeMs}:${st.size}`);
    } catch {
      // intentionally ignored: unreadable (EACCES, ELOOP…) is treated like a missing file
      file = null;
    }
  }
  cache.set(abs, { mtimeMs: st.mtimeMs, size: st.size, file });
  if (process.env.BACKLINT_DEBUG_MODEL) process.stderr.write(`model: parsed ${abs} ${(performance.now() - t0).toFixed(1)}ms\n`);
  while (cache.size > cacheWindow) {
    const oldest = cache.keys().next().value!;
    cache.delete(oldest);
    dropped.add(oldest);
    if (dropped.size > MAX_DROPPED_REMEMBERED) dropped.delete(dropped.values().next().value!);
  }
  return file;
}

/** Whether the parsed tree of `abs` at `version` is in the cache now (asking costs no read). */
export function projectFileCached(abs: string, version: string): boolean {
  const hit = cache.get(abs);
  return !!hit?.file && hit.file.version === version;
}

/**
 * The `mtime:size` a file parsed now would carry as its `version`, from one stat and without
 * reading it; null for a file the model would not read. Answers about a file that outlive its tree
 * (memos keyed by path) compare it to the version they were computed from.
 */
export function projectFileVersion(abs: string, root: string): string | null {
  if (!isProjectFile(root, abs)) return null;
  noteRead(abs);
  // A vanished file has no version.
  const st = statOf(abs);
  return st?.isFile && st.size <= MAX_MODEL_FILE_BYTES ? `${st.mtimeMs}:${st.size}` : null;
}

const clearHooks: (() => void)[] = [];
/** Memos built over project files (export resolution) are dropped with them. */
export function onProjectFilesCleared(hook: () => void): void {
  clearHooks.push(hook);
}

/** Drops every cached file (tests; a long-lived process that wants a clean model). */
export function clearProjectFiles(): void {
  for (const hook of clearHooks) hook();
  cache.clear();
  dropped.clear();
  cacheWindow = MIN_CACHED_FILES;
  textGates.clear();
  realRoots.clear();
}

/** `src/services/users.js` relative to the project root, for messages. */
export function displayPath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

const textGates = new Map<string, { mtimeMs: number; size: number; answer: unknown }>();

/**
 * An answer of `projectTextMatches` known already (computed by a walk that read the file anyway):
 * kept for the file's mtime and size, so a changed file is read again.
 */
export function primeTextGate(abs: string, key: string, mtimeMs: number, size: number, answer: boolean): void {
  textGates.set(`${key}\0${abs}`, { mtimeMs, size, answer });
}

/**
 * A cheap question about a project file's text, answered without parsing it and cached per path,
 * mtime and size (e.g. "does it import a database library?", asked before parsing it for that).
 * False for files the model would not read.
 */
export function projectTextMatches(abs: string, root: string, key: string, test: (text: string) => boolean): boolean {
  return projectTextFact(abs, root, key, test, false);
}

/**
 * `projectTextMatches` for answers other than yes/no (the specifiers a small barrel re-exports
 * from); `none` for files the model would not read or cannot read. One key, one kind of answer.
 */
export function projectTextFact<T>(abs: string, root: string, key: string, fact: (text: string) => T, none: T): T {
  if (!isProjectFile(root, abs)) return none;
  noteRead(abs);
  // A vanished file matches nothing.
  const st = statOf(abs);
  if (!st) return none;
  const cacheKey = `${key}\0${abs}`;
  const hit = textGates.get(cacheKey);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.answer as T;
  let answer = none;
  if (st.isFile && st.size <= MAX_MODEL_FILE_BYTES) {
    try {
      answer = fact(readFileSync(abs, 'utf8'));
    } catch {
      // intentionally ignored: unreadable is "no"
      answer = none;
    }
  }
  textGates.set(cacheKey, { mtimeMs: st.mtimeMs, size: st.size, answer });
  return answer;
}
