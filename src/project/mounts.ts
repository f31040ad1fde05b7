/**
 * Where a router is mounted in other files: `app.use('/v1/auth', authLimiter, authRouter)` in
 * app.js for the router `routes/auth.js` exports, recursively up to the application root (Express
 * `use`, Koa `use(prefix, other.routes())`). Each mount chain carries
 * the full prefix and the middleware applied at every mount point and on every app or router
 * along the way, so a rule can ask "is a rate limiter in front of this route?" or "what is this
 * route's full URL?".
 *
 * The importers of a file are found once per lint root and process: a walk of the project's
 * source files (no node_modules, build output or dot-directories; bounded in count and size) and
 * a text scan of their import specifiers, resolved by the project's module resolution. Only the
 * importers of a file that is asked about are parsed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { listDirectory, statOf } from './disk.js';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker, propertyName, requiredSource } from '../analysis/imports.js';
import { getRouteModel, routerInfoOf, type RouterInfo, type UseCall } from '../analysis/routes.js';
import { pushChildren } from '../analysis/walk.js';
import { MAX_MODEL_FILE_BYTES, primeTextGate, projectTextMatches, type ProjectFile } from './files.js';
import { noteProjectWide } from './reads.js';
import { ROUTES_GATE, textMayDeclareRoutes, textMayRegisterAutoload } from './text-gates.js';
import type { FunctionNode, Project } from './modules.js';
import { getObjectLiteral, getProperty, getStaticString, getStaticValue } from '../analysis/values.js';
import { importSpecifiers, isProjectFile, mapsPackageNames, resolveModule } from './resolve.js';
import { trimEnd } from '../regex.js';
import { PRESCAN_ENV } from './prescan.js';

/** Directories never walked for importers: dependencies, build output, VCS and tool folders. */
export const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'built', 'coverage', 'vendor', 'out', 'tmp']);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** Files indexed per root at most: past it, mounts are looked for among the first ones only. */
const MAX_INDEXED_FILES = 20_000;
/** Chains kept per router: mounts multiply along a chain, and a hostile tree must not explode. */
const MAX_CHAINS = 64;
/** Mount points followed from a router up to its application root. */
const MAX_MOUNT_DEPTH = 6;
export interface MountPoint {
  /** The file holding the `use`/`route` call. */
  file: ProjectFile;
  call: TSESTree.CallExpression;
}

export interface MountChain {
  /** Full prefix from the application root down to the router's own prefix; null when unknown. */
  prefix: string | null;
  /** True when the chain reaches an application root (an app created or served there). */
  complete: boolean;
  /** Middleware applied at each mount point and on each app/router above, with their files. */
  middleware: { file: ProjectFile; node: TSESTree.Node }[];
  /** The mount calls, innermost first. */
  mounts: MountPoint[];
}

const importerIndexes = new Map<string, ImporterIndex>();

/** The project's source files (no node_modules, build output or dot-directories), bounded in count. */
export function projectSourceFiles(root: string): string[] {
  noteProjectWide('sources');
  return listingOf(root, Number.NEGATIVE_INFINITY).sources;
}

/**
 * The files that may be OpenAPI documents by name (`.json`, `.yaml`, `.yml`; not package.json,
 * lockfiles or tsconfigs), from a walk made at or after `notBefore` (ms since the epoch): the
 * drift check decides by content which are documents, and asks again when its answer expires.
 */
export function projectDocumentCandidates(root: string, notBefore: number): string[] {
  return listingOf(root, notBefore).documents;
}

interface Listing {
  at: number;
  sources: string[];
  documents: string[];
}

const listings = new Map<string, Listing>();
const DOCUMENT_NAME = /\.(?:ya?ml|json)$/i;

function isSourceName(name: string): boolean {
  return SOURCE_FILE.test(name) && !DECLARATION.test(name);
}

function isDocumentName(name: string): boolean {
  return DOCUMENT_NAME.test(name) && name !== 'package.json' && !name.endsWith('lock.json') && !name.startsWith('tsconfig');
}

// One walk lists both: a project tree is read once per process for the importer index and the
// drift check's documents (an editor's drift answer expires after a second and walks again).
function listingOf(root: string, notBefore: number): Listing {
  let listing = listings.get(root);
  if (!listing || listing.at < notBefore) {
    const at = Date.now();
    const [sources, documents] = walkProjectLists(root, [isSourceName, isDocumentName]);
    listing = { at, sources: sources!, documents: documents! };
    listings.set(root, listing);
  }
  return listing;
}

/**
 * The files under `root` whose name `accept`s, skipping dot entries and the directories of
 * SKIP_DIRS (dependencies and build output), at most MAX_INDEXED_FILES.
 */
export function walkProject(root: string, accept: (name: string) => boolean): string[] {
  return walkProjectLists(root, [accept])[0]!;
}

/**
 * `walkProject` for several kinds of file in one walk: one list per `accepts` entry, each the list
 * its own walk would give (a kind stops taking files once it holds MAX_INDEXED_FILES at the start
 * of a directory; the walk stops when every kind has).
 */
function walkProjectLists(root: string, accepts: readonly ((name: string) => boolean)[]): string[][] {
  const lists: string[][] = accepts.map(() => []);
  if (!path.isAbsolute(root)) return lists;
  const stack = [root];
  const open = () => lists.map((l) => l.length < MAX_INDEXED_FILES);
  let taking = open();
  while (stack.length > 0 && taking.includes(true)) {
    const dir = stack.pop()!;
    // An unreadable directory holds no importers we can see.
    const entries = listDirectory(dir);
    if (!entries) continue;
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(path.join(dir, e.name));
      } else if (e.isFile()) {
        for (let k = 0; k < accepts.length; k++) {
          if (taking[k] && accepts[k]!(e.name)) lists[k]!.push(path.join(dir, e.name));
        }
      }
    }
    taking = open();
  }
  return lists;
}

/** The project files importing a file (in walk order), asked file by file. */
export interface ImporterIndex {
  get(file: string): readonly string[] | undefined;
}

/** file → the project files importing it, for one root (its specifier scan made on first use). */
export function importerIndex(root: string): ImporterIndex {
  noteProjectWide('sources');
  let index = importerIndexes.get(root);
  if (!index) {
    index = new LazyImporterIndex(root);
    importerIndexes.set(root, index);
  }
  return index;
}

/** Extensions a specifier may name its file with (`./users.js` for users.ts too). */
const SPECIFIER_EXTENSION = /\.(?:[cm]?[jt]sx?|json)$/;

/** A specifier as filed: the importing file's index, and where it leads once resolved. */
interface Filed {
  file: number;
  specifier: string;
  target?: string | null;
}

/**
 * Importers found by name first: every source file's specifiers are scanned once (text, no
 * parse) and filed under the name they end in (`../services/users.js` → `users`); asking for a
 * file's importers resolves only the specifiers filed under its own name or one of its folders'
 * (`./services` → services/index.js, a folder's package.json main). Specifiers whose last segment
 * says nothing of the file — `.`, `..`, `#imports`, names a tsconfig maps — are all resolved, once.
 * Resolving every specifier of the project up front was most of what the index cost, when the
 * taint search and mount chains ask for the importers of a few dozen files.
 */
class LazyImporterIndex implements ImporterIndex {
  private readonly files: string[] = [];
  private readonly byName = new Map<string, Filed[]>();
  private readonly answers = new Map<string, readonly string[] | undefined>();
  private scanned = false;

  constructor(private readonly root: string) {}

  get(file: string): readonly string[] | undefined {
    if (this.answers.has(file)) return this.answers.get(file);
    this.scan();
    // Its own name, and its folders' (`./services` → services/index.js; `./pkg` → pkg/lib/main.js
    // through the folder's package.json main).
    const names = new Set([path.basename(file).replace(SPECIFIER_EXTENSION, '')]);
    for (let dir = path.dirname(file); dir.length > this.root.length && dir !== path.dirname(dir); dir = path.dirname(dir)) names.add(path.basename(dir));
    const found = new Set<number>(this.wildcards().get(file));
    for (const name of names) {
      for (const e of this.byName.get(name) ?? []) {
        if (found.has(e.file)) continue;
        // Resolved once per index: common names (`index`, `utils`, a folder's) are asked for again
        // by every file that shares them.
        if (e.target === undefined) e.target = resolveModule(this.files[e.file]!, e.specifier, this.root);
        if (e.target === file) found.add(e.file);
      }
    }
    const answer = found.size > 0 ? [...found].sort((a, b) => a - b).map((i) => this.files[i]!) : undefined;
    this.answers.set(file, answer);
    return answer;
  }

  private wildcardTargets: Map<string, number[]> | undefined;

  /** The specifiers filed under no name, resolved once: target → importing files. */
  private wildcards(): Map<string, number[]> {
    if (!this.wildcardTargets) {
      this.wildcardTargets = new Map();
      for (const e of this.byName.get('*') ?? []) {
        const target = resolveModule(this.files[e.file]!, e.specifier, this.root);
        if (!target) continue;
        const list = this.wildcardTargets.get(target);
        if (!list) this.wildcardTargets.set(target, [e.file]);
        else if (list[list.length - 1] !== e.file) list.push(e.file);
      }
    }
    return this.wildcardTargets;
  }

  /**
   * Reads every source file once, or takes the CLI's reading of them (`takeImporterPrescan`). It
   * also answers the route gate for each (route-table.ts asks it of importers next), so those files
   * are not read a second time.
   */
  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    for (const f of takeImporterPrescan(this.root) ?? scanSourceFiles(this.root)) {
      primeTextGate(f.file, ROUTES_GATE, f.mtimeMs, f.size, f.routes);
      const id = this.files.push(f.file) - 1;
      for (const [specifier, name] of f.filed) {
        const filed = { file: id, specifier };
        const list = this.byName.get(name);
        if (list) list.push(filed);
        else this.byName.set(name, [filed]);
      }
    }
  }
}

/** What the importer index keeps of one source file: its route gate and its specifiers by name. */
interface ScannedFile {
  file: string;
  mtimeMs: number;
  size: number;
  routes: boolean;
  /** `[specifier, the name it is filed under]`, for the specifiers that can name a project file. */
  filed: [string, string][];
}

/** The project's source files the model reads (see MAX_MODEL_FILE_BYTES), with their texts; unreadable ones skipped. */
function* sourceTexts(root: string): Generator<{ file: string; st: NonNullable<ReturnType<typeof statOf>>; text: string }> {
  for (const file of projectSourceFiles(root)) {
    const st = statOf(file);
    if (!st || st.size > MAX_MODEL_FILE_BYTES) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // intentionally ignored: an unreadable file imports and registers nothing we can see
      continue;
    }
    yield { file, st, text };
  }
}

function scanSourceFiles(root: string): ScannedFile[] {
  const out: ScannedFile[] = [];
  for (const { file, st, text } of sourceTexts(root)) {
    if (isBundle(text)) continue;
    const specifiers = importSpecifiers(text);
    // Asked once per file, not per package specifier (most of a backend's imports are packages).
    let maps: boolean | undefined;
    const mapsNames = (): boolean => (maps ??= mapsPackageNames(file, root));
    const filed: [string, string][] = [];
    for (const specifier of specifiers) {
      const name = nameOf(specifier, mapsNames);
      // Kept for the run: a copy, not a slice that would keep the whole file's text alive
      // (~5 MB of Ghost's texts stayed in the heap until the process ended).
      if (name !== null) filed.push([detached(specifier), name]);
    }
    out.push({ file, mtimeMs: st.mtimeMs, size: st.size, routes: textMayDeclareRoutes(file, text, specifiers), filed });
  }
  return out;
}

/**
 * The importer scan, done by the CLI's process while oxlint's starts. oxlint runs the rules on one
 * JS thread, which the CLI's process cannot share; the scan reads every source file of the project
 * (~170 ms of that thread on Ghost's server, asked ~0.4 s after it starts), and the CLI's process
 * has nothing else to do until oxlint ends. `writeImporterPrescan` writes the scan for a root to a
 * file (whole or not at all: written aside, then renamed); the index of the process that
 * `PRESCAN_ENV` names it to takes it when it first scans, if it is there by then and for its
 * root, and otherwise scans as before. The scan is the same function of the same files, a few
 * hundred milliseconds apart within one run; the route gate it primes is kept with each file's
 * mtime and size, so a file changed since is read again when the gate is asked.
 */
const PRESCAN_VERSION = 1;

export function writeImporterPrescan(root: string, outFile: string): void {
  const data = JSON.stringify({ version: PRESCAN_VERSION, root, files: scanSourceFiles(root) });
  const aside = `${outFile}.${process.pid}.tmp`;
  writeFileSync(aside, data);
  renameSync(aside, outFile);
}

const isScannedFile = (f: unknown): f is ScannedFile => {
  const o = f as ScannedFile;
  return (
    !!o &&
    typeof o.file === 'string' &&
    typeof o.mtimeMs === 'number' &&
    typeof o.size === 'number' &&
    typeof o.routes === 'boolean' &&
    Array.isArray(o.filed) &&
    o.filed.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string')
  );
};

/** The CLI's scan for `root`, when this process was given one and it is complete; taken once. */
function takeImporterPrescan(root: string): ScannedFile[] | null {
  const file = process.env[PRESCAN_ENV];
  if (!file) return null;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; root?: unknown; files?: unknown };
    // Only files of this root: the index answers with them, and the model may read what it names.
    if (data.version !== PRESCAN_VERSION || data.root !== root || !Array.isArray(data.files) || !data.files.every((f) => isScannedFile(f) && isProjectFile(root, f.file))) return null;
    return data.files;
  } catch {
    // intentionally ignored: not written yet, or unreadable: the index scans for itself
    return null;
  }
}

/** The name a specifier is filed under; null when it can name no project file. */
function nameOf(specifier: string, mapsPackageNamesHere: () => boolean): string | null {
  if (specifier.length === 0 || specifier.length > 1024) return null;
  const c = specifier.charCodeAt(0);
  if (c === 35 /* # */) return '*';
  if (c !== 46 /* . */ && c !== 47 /* / */ && !path.isAbsolute(specifier)) {
    // A package name, unless a tsconfig maps names (an exact alias can name any file).
    return mapsPackageNamesHere() ? '*' : null;
  }
  let end = specifier.length;
  while (end > 0 && (specifier[end - 1] === '/' || specifier[end - 1] === '\\')) end--;
  const trimmed = specifier.slice(0, end);
  const last = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  if (last === '' || last === '.' || last === '..') return '*';
  return last.replace(SPECIFIER_EXTENSION, '');
}

/**
 * A flat copy of `s`. V8 represents a substring of 13 characters or more (a regex match in a file's
 * text) as a slice that keeps the text it was cut from alive.
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** Average characters per line above which a file is a minified bundle. */
const BUNDLE_LINE_LENGTH = 500;
const BUNDLE_MIN_BYTES = 10_000;

/**
 * A minified bundle (front-end assets shipped beside a server, like Ghost's 11 MB of admin chunks
 * in `core/built`): no backend source, and two-thirds of what the importer scan read and searched
 * there. Told by its line length, counted without a regex.
 */
function isBundle(text: string): boolean {
  if (text.length < BUNDLE_MIN_BYTES) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (++lines * BUNDLE_LINE_LENGTH >= text.length) return false;
  }
  return true;
}

/**
 * Test files: an app a test builds around a router (`app.use(usersRouter)` in users.test.js) is a
 * harness, not where the router is served; its mounts are not chains.
 */
const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|tests?)\/|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/;

/** `export * from` / `export { a } from` somewhere in the text: one forward scan, no regex backtracking. */
function reexports(text: string): boolean {
  const skipSpace = (k: number): number => {
    let j = k;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
    return j;
  };
  for (let i = text.indexOf('export'); i !== -1; i = text.indexOf('export', i + 6)) {
    const j = skipSpace(i + 6);
    if (text[j] === '*') return true;
    if (text[j] !== '{') continue;
    const close = text.indexOf('}', j);
    if (close === -1) return false;
    if (text.startsWith('from', skipSpace(close + 1))) return true;
    i = close - 5; // the next search starts right after the brace
  }
  return false;
}

/**
 * The files that may mount what `file` exports: its importers, and the importers of those that
 * re-export from it (`auth/drivers/index.js` re-exporting the router factories of its folder).
 */
function mountCandidates(project: Project, file: string): string[] {
  const index = importerIndex(project.root);
  const direct = index.get(file) ?? [];
  const out = new Set(direct);
  for (const importer of direct) {
    if (!projectTextMatches(importer, project.root, 'reexport', reexports)) continue;
    for (const next of index.get(importer) ?? []) out.add(next);
  }
  out.delete(file);
  return [...out].filter((p) => !TEST_FILE.test(path.relative(project.root, p).split(path.sep).join('/')));
}

/** Drops the importer indexes (tests; a long-lived process after files were added). */
export function clearImporterIndexes(): void {
  importerIndexes.clear();
  autoloadIndexes.clear();
  listings.clear();
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (n.type === AST_NODE_TYPES.TSAsExpression || n.type === AST_NODE_TYPES.TSNonNullExpression) n = n.expression;
  return n;
}

/** `const router = express.Router()` → the creation call; follows const aliases in the same file. */
function creationOf(file: ProjectFile, node: TSESTree.Node, depth = 0): TSESTree.Node {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.Identifier || depth > 4) return n;
  for (let s: ReturnType<typeof file.sourceCode.getScope> | null = file.sourceCode.getScope(n); s; s = s.upper) {
    const v = s.set.get(n.name);
    if (!v) continue;
    const def = v.defs.length === 1 ? v.defs[0] : undefined;
    if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) return creationOf(file, def.node.init, depth + 1);
    return n;
  }
  return n;
}

/**
 * The same node of the same file, possibly from two parses of it: the file being linted and the
 * model's cached copy (which its LRU may drop and parse again) are different trees.
 */
export function sameNode(a: TSESTree.Node | null | undefined, b: TSESTree.Node | null | undefined): boolean {
  return !!a && !!b && (a === b || (a.type === b.type && a.range[0] === b.range[0] && a.range[1] === b.range[1]));
}

/** Does a `use`/`route` argument in `importer` name the router whose top creation is `creation`? */
function argNamesRouter(project: Project, importer: ProjectFile, arg: TSESTree.Node, target: ProjectFile, creation: TSESTree.Node): boolean {
  let a = unwrap(arg);
  // Koa `parent.use('/x', child.routes())`, `child.middleware()`.
  if (a.type === AST_NODE_TYPES.CallExpression && a.callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(a.callee);
    if (name === 'routes' || name === 'middleware') a = unwrap(a.callee.object);
  }
  // A factory router: `app.use('/x', makeRouter())`, `require('./routes/x')()`; `require('./routes/x')`
  // itself is the module's export, resolved below.
  if (a.type === AST_NODE_TYPES.CallExpression && requiredSource(a) === null) {
    const fn = project.callee(importer, a);
    return !!fn && fn.kind === 'function' && fn.file.path === target.path && returnsCreation(fn.file, fn.node, creation);
  }
  // A mount in the router's own file: `app.use(router.routes())` without a path.
  if (importer.path === target.path) return a.type === AST_NODE_TYPES.Identifier && sameNode(creationOf(importer, a), creation);
  const ref = getImportTracker(importer.context).resolve(a);
  if (!ref || resolveModule(importer.path, ref.source, project.root) !== target.path) return false;
  const exported = project.exportedNode(target, ref.path[0] === 'default' ? ref.path.slice(1) : ref.path);
  return !!exported && exported.file.path === target.path && sameNode(creationOf(exported.file, exported.node), creation);
}

/** Does `factory` return the router `creation` makes (`const r = Router(); …; return r`)? */
function returnsCreation(file: ProjectFile, factory: FunctionNode, creation: TSESTree.Node): boolean {
  const returned = functionlessReturns(file, factory);
  return returned.some((e) => sameNode(creationOf(file, e), creation));
}

/** The expressions `fn` returns (its own `return`s, not those of nested functions). */
function functionlessReturns(file: ProjectFile, fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const out: TSESTree.Node[] = [];
  const keys = file.sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [fn.body];
  let steps = 0;
  while (stack.length > 0 && steps++ < 20_000) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) out.push(node.argument);
      continue;
    }
    if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.ClassBody) continue;
    pushChildren(stack, node, keys);
  }
  return out;
}

/**
 * The function one of whose parameters `receiver` is, with the parameter's index: routes
 * registered on it (`function configureApp(app) { app.get(…) }`) hang off whatever callers pass.
 */
function paramFunction(file: ProjectFile, receiver: TSESTree.Node | undefined): { fn: FunctionNode; index: number } | null {
  if (!receiver) return null;
  const n = unwrap(receiver);
  if (n.type !== AST_NODE_TYPES.Identifier) return null;
  for (let s: ReturnType<typeof file.sourceCode.getScope> | null = file.sourceCode.getScope(n); s; s = s.upper) {
    const v = s.set.get(n.name);
    if (!v) continue;
    const def = v.defs.length === 1 ? v.defs[0] : undefined;
    if (def?.type !== 'Parameter') return null;
    const fn = def.node;
    const isFn = fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression || fn.type === AST_NODE_TYPES.ArrowFunctionExpression;
    if (!isFn) return null;
    const index = fn.params.indexOf(def.name as TSESTree.Parameter);
    return index === -1 ? null : { fn, index };
  }
  return null;
}

/** Does a `register` argument name the plugin function (directly, or wrapped: `fp(plugin)`)? */
function argNamesPlugin(project: Project, importer: ProjectFile, arg: TSESTree.Node, target: ProjectFile, plugin: FunctionNode): boolean {
  let a = unwrap(arg);
  if (a.type === AST_NODE_TYPES.CallExpression && a.arguments.length >= 1 && a.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement) {
    a = a.arguments[0]!; // fastify-plugin's `fp(fn)`
  }
  const v = project.value(importer, a);
  if (v?.kind === 'function') return v.file.path === target.path && sameNode(v.node, plugin);
  // `register(import('./routes/x'))` / a module whose default export is the plugin.
  if (v?.kind === 'module') {
    const def = project.exported(v.file, 'default');
    return def?.kind === 'function' && def.file.path === target.path && sameNode(def.node, plugin);
  }
  return false;
}

/** `register(plugin, { prefix: '/v1' })` → '/v1'; no prefix → ''; a dynamic one → null. */
function registerPrefix(importer: ProjectFile, call: TSESTree.CallExpression): string | null {
  const opts = call.arguments[1];
  if (!opts) return '';
  const obj = getObjectLiteral(importer.sourceCode, opts);
  if (!obj) return null;
  const prefix = getProperty(importer.sourceCode, obj, 'prefix');
  if (!prefix) return '';
  return getStaticString(importer.sourceCode, prefix);
}

/** Middleware on a router that applies to every route under it: `app.use(mw)` / `app.use('/', mw)`. */
function routerWideMiddleware(uses: readonly UseCall[], router: RouterInfo | null, below: string | null, before: number): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  if (!router) return out;
  for (const u of uses) {
    if (u.kind !== 'use' || u.receiver?.top.creation !== router.top.creation) continue;
    // Receivers created elsewhere (parameters) are told apart by name only.
    if (router.top.creation === null && u.receiver?.top.name !== router.top.name) continue;
    // Express and Koa run middleware in the order it is added: a `use` after the mount never
    // runs before the mounted router answers.
    if (u.call.range[0] >= before) continue;
    const mount = u.path === null ? '' : trimEnd(u.path, '/');
    // A path-scoped `use` covers the mounted router when the router sits under that path.
    if (mount !== '' && (below === null || (below !== mount && !below.startsWith(`${mount}/`)))) continue;
    out.push(...u.args);
  }
  return out;
}

function joinPrefix(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  const left = trimEnd(a, '/');
  const right = b === '' || b === '/' ? '' : b.startsWith('/') ? b : `/${b}`;
  return left + right;
}

/** A name that holds a URL path rather than middleware: `app.use(basePath, router)`. */
const PATH_NAME = /(?:path|prefix|url|uri|base|root|mount|route|endpoint|subdir|dir)s?$/i;

/**
 * Is the first argument of a `use` that mounts a router a path the model cannot resolve? A
 * template, a concatenation or a path-like name (`config.basePath`, `urlUtils.getSubdir()`) is a
 * prefix: the chain's prefix is then unknown, never guessed as ''. Functions and middleware
 * factories (`auth`, `express.json()`) are middleware.
 */
function unknownPrefixArg(file: ProjectFile, arg: TSESTree.Node): boolean {
  const a = unwrap(arg);
  if (a.type === AST_NODE_TYPES.TemplateLiteral || (a.type === AST_NODE_TYPES.BinaryExpression && a.operator === '+')) return true;
  if (a.type === AST_NODE_TYPES.ArrayExpression) return false;
  if (typeof getStaticValue(file.sourceCode, a) === 'string') return true;
  let name: string | null = null;
  if (a.type === AST_NODE_TYPES.Identifier) name = a.name;
  else if (a.type === AST_NODE_TYPES.MemberExpression) name = propertyName(a);
  else if (a.type === AST_NODE_TYPES.CallExpression) {
    const c = unwrap(a.callee);
    name = c.type === AST_NODE_TYPES.Identifier ? c.name : c.type === AST_NODE_TYPES.MemberExpression ? propertyName(c) : null;
  }
  return name !== null && PATH_NAME.test(name);
}

interface Top {
  name: string;
  creation: TSESTree.Node | null;
  root: boolean;
}

function textOf(prefix: RouterInfo['prefix']): string {
  return prefix.map((p) => p.text).join('');
}

/** The in-file prefix of a router a mount hangs off: '' for a parameter, null when not static. */
function inFilePrefix(parent: RouterInfo | null): string | null {
  if (!parent) return '';
  return parent.prefixKnown ? textOf(parent.prefix) : null;
}

/**
 * The chains above a mount point in `file` whose receiver is `parent` (`receiver` in the source):
 * a complete parent ends the chain; otherwise the parent's own mounts in other files, or the
 * callers of the function it is a parameter of.
 */
function chainsAbove(project: Project, file: ProjectFile, parent: RouterInfo | null, receiver: TSESTree.Node, depth: number, seen: Set<string>): MountChain[] | 'root' {
  const top: Top = parent ? parent.top : { name: file.sourceCode.getText(unwrap(receiver)).slice(0, 60), creation: null, root: false };
  if (parent?.complete) {
    // An app is the root unless another file mounts it (`parent.use('/admin', adminApp)`).
    const mounted = chainsOf(project, file, top, receiver, depth + 1, seen, true);
    return mounted.length > 0 ? mounted : 'root';
  }
  return chainsOf(project, file, top, receiver, depth + 1, seen, false);
}

/** `here` (a mount point's prefix and middleware) under each chain above it. */
function under(above: MountChain[] | 'root', here: string | null, middleware: MountChain['middleware'], point: MountPoint): MountChain[] {
  if (above === 'root') return [{ prefix: here, complete: true, middleware, mounts: [point] }];
  if (above.length === 0) return [{ prefix: here, complete: false, middleware, mounts: [point] }];
  return above.map((chain) => ({
    prefix: joinPrefix(chain.prefix, here),
    complete: chain.complete,
    middleware: [...chain.middleware, ...middleware],
    mounts: [point, ...chain.mounts],
  }));
}

/**
 * The mount chains of the router whose outermost same-file router is `router` (in `file`), as
 * mounted by other files of the project: `use`/`register`/Hono `route` calls, calls of the
 * function that receives it as a parameter (`configureApp(app)`), and `@fastify/autoload`
 * folders. Empty when nothing mounts it. `rootMayBeMounted`: a Hono app exported by default is
 * an application root unless another file mounts it.
 */
export function mountChains(project: Project, file: ProjectFile, router: RouterInfo, depth = 0, seen = new Set<string>(), receiver?: TSESTree.Node, rootMayBeMounted = false): MountChain[] {
  return chainsOf(project, file, router.top, receiver, depth, seen, rootMayBeMounted);
}

function chainsOf(project: Project, file: ProjectFile, top: Top, receiver: TSESTree.Node | undefined, depth: number, seen: Set<string>, rootMayBeMounted: boolean): MountChain[] {
  const creation = top.creation;
  if ((top.root && !rootMayBeMounted) || depth > MAX_MOUNT_DEPTH) return [];
  const param = creation ? null : paramFunction(file, receiver);
  // A Fastify plugin's routes hang off its first parameter: the plugin function is what is mounted.
  const plugin = param?.index === 0 ? param.fn : null;
  if (!creation && !param) return [];
  // Cycles (a router mounting itself, mutual requires) end at a router already on the chain.
  const key = `${file.path}\0${(creation ?? param!.fn).range[0]}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const out: MountChain[] = [];
  try {
    for (const importerPath of [file.path, ...mountCandidates(project, file.path)]) {
      const importer = importerPath === file.path ? file : project.file(importerPath);
      if (!importer) continue;
      const model = getRouteModel(importer.context);
      for (const use of model.uses) {
        const call = use.call;
        const callee = call.callee as TSESTree.MemberExpression;
        const index = use.args.findIndex((a) =>
          creation ? argNamesRouter(project, importer, a, file, creation) : plugin ? argNamesPlugin(project, importer, a, file, plugin) : false,
        );
        if (index === -1) continue;
        const parent = use.receiver;
        // `router.use('/self', router)`: a router mounted on itself adds no way in.
        if (creation && importer.path === file.path && sameNode(parent?.top.creation, creation)) continue;
        let mountPath: string | null;
        if (use.kind === 'register') mountPath = registerPrefix(importer, call);
        else if (use.kind === 'route' || use.args.length < call.arguments.length) mountPath = use.path;
        // `app.use(router)` mounts at the parent's root; `app.use(basePath, router)` at a prefix we cannot read.
        else mountPath = index > 0 && unknownPrefixArg(importer, call.arguments[0]!) ? null : '';
        const here = joinPrefix(inFilePrefix(parent), mountPath);
        const middleware = [
          ...routerWideMiddleware(model.uses.filter((u) => u !== use), parent, mountPath, call.range[0]),
          ...(use.kind === 'use' ? use.args.slice(0, index) : []),
        ].map((node) => ({ file: importer, node }));
        const above = chainsAbove(project, importer, parent, callee.object, depth, seen);
        out.push(...under(above, here, middleware, { file: importer, call }));
        if (out.length >= MAX_CHAINS) return out.slice(0, MAX_CHAINS);
      }
    }
    if (param) out.push(...callSiteChains(project, file, param, depth, seen));
    if (plugin && out.length === 0) out.push(...autoloadChains(project, file, plugin, depth, seen));
  } finally {
    seen.delete(key);
  }
  return out;
}

/** Calls examined per file for `configureApp(app)`-style mounts. */
const MAX_CALLS_SCANNED = 50_000;

/**
 * Where a function that receives an app or router is called with one: the routes it registers
 * hang off the argument (`configureApp(app)` in server.js, or in its own file).
 */
function callSiteChains(project: Project, file: ProjectFile, param: { fn: FunctionNode; index: number }, depth: number, seen: Set<string>): MountChain[] {
  const out: MountChain[] = [];
  const candidates = [file.path, ...mountCandidates(project, file.path)];
  for (const candidate of candidates) {
    const caller = candidate === file.path ? file : project.file(candidate);
    if (!caller) continue;
    const keys = caller.sourceCode.visitorKeys;
    const stack: TSESTree.Node[] = [caller.sourceCode.ast];
    let steps = 0;
    while (stack.length > 0 && steps++ < MAX_CALLS_SCANNED) {
      const node = stack.pop()!;
      pushChildren(stack, node, keys);
      if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length <= param.index) continue;
      const arg = node.arguments[param.index]!;
      if (arg.type === AST_NODE_TYPES.SpreadElement) continue;
      const a = unwrap(arg);
      if (a.type !== AST_NODE_TYPES.Identifier && a.type !== AST_NODE_TYPES.MemberExpression) continue;
      const argRouter = routerInfoOf(caller.context, a);
      if (!argRouter && !paramFunction(caller, a)) continue;
      let target;
      try {
        target = project.callee(caller, node);
      } catch {
        // intentionally ignored: an unexpected shape ends this chain quietly
        continue;
      }
      if (target?.kind !== 'function' || target.file.path !== file.path || !sameNode(target.node, param.fn)) continue;
      const model = getRouteModel(caller.context);
      const middleware = routerWideMiddleware(model.uses, argRouter, '', node.range[0]).map((n) => ({ file: caller, node: n }));
      const above = chainsAbove(project, caller, argRouter, a, depth, seen);
      out.push(...under(above, inFilePrefix(argRouter), middleware, { file: caller, call: node }));
    }
  }
  return out;
}

// ---------------------------------------------------------------- @fastify/autoload

const AUTOLOAD_MODULES = ['@fastify/autoload', 'fastify-autoload'];

interface AutoloadRegistration {
  file: ProjectFile;
  use: UseCall;
  /** Absolute folder the plugins are loaded from. */
  dir: string;
  /** `options.prefix`; null when not static. */
  prefix: string | null;
  /** False with `dirNameRoutePrefix: false`: folder names are not prefixes. */
  dirPrefix: boolean;
}

const autoloadIndexes = new Map<string, { path: string; use: UseCall }[]>();

/** Files (and their `register(AutoLoad, …)` calls) that load plugins from a folder, per root. */
function autoloadIndex(project: Project): { path: string; use: UseCall }[] {
  noteProjectWide('sources');
  let index = autoloadIndexes.get(project.root);
  if (index) return index;
  index = [];
  for (const { file: p, text } of sourceTexts(project.root)) {
    if (!textMayRegisterAutoload(text)) continue;
    const file = project.file(p);
    if (!file) continue;
    const tracker = getImportTracker(file.context);
    for (const use of getRouteModel(file.context).uses) {
      if (use.kind === 'register' && use.args[0] && tracker.matches(use.args[0], AUTOLOAD_MODULES, [])) index.push({ path: p, use });
    }
  }
  autoloadIndexes.set(project.root, index);
  return index;
}

/** A folder expression: `path.join(__dirname, 'routes')`, `` `${__dirname}/routes` ``, `import.meta.dirname`. */
export function staticDir(file: ProjectFile, node: TSESTree.Node | undefined, depth = 0): string | null {
  if (!node || depth > 4) return null;
  const n = unwrap(node);
  const here = path.dirname(file.path);
  if (n.type === AST_NODE_TYPES.Identifier && (n.name === '__dirname' || n.name === 'dirname')) return here;
  if (n.type === AST_NODE_TYPES.MemberExpression && propertyName(n) === 'dirname' && n.object.type === AST_NODE_TYPES.MetaProperty) return here;
  const s = getStaticString(file.sourceCode, n);
  if (s !== null) return s;
  if (n.type === AST_NODE_TYPES.CallExpression) {
    const c = unwrap(n.callee);
    const name = c.type === AST_NODE_TYPES.Identifier ? c.name : c.type === AST_NODE_TYPES.MemberExpression ? propertyName(c) : null;
    if (name !== 'join' && name !== 'resolve') return null;
    const parts: string[] = [];
    for (const a of n.arguments) {
      const v = a.type === AST_NODE_TYPES.SpreadElement ? null : staticDir(file, a, depth + 1);
      if (v === null) return null;
      parts.push(v);
    }
    return parts.length > 0 && path.isAbsolute(parts[0]!) ? path.join(...parts) : null;
  }
  if (n.type === AST_NODE_TYPES.TemplateLiteral) {
    let out = '';
    for (let i = 0; i < n.quasis.length; i++) {
      out += n.quasis[i]!.value.cooked ?? '';
      if (i < n.expressions.length) {
        const v = staticDir(file, n.expressions[i], depth + 1);
        if (v === null) return null;
        out += v;
      }
    }
    return path.isAbsolute(out) ? path.normalize(out) : null;
  }
  if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
    const l = staticDir(file, n.left, depth + 1);
    const r = staticDir(file, n.right, depth + 1);
    return l !== null && r !== null && path.isAbsolute(l) ? path.normalize(l + r) : null;
  }
  return null;
}

function autoloadRegistration(project: Project, entry: { path: string; use: UseCall }): AutoloadRegistration | null {
  const file = project.file(entry.path);
  if (!file) return null;
  const opts = getObjectLiteral(file.sourceCode, entry.use.call.arguments[1]);
  if (!opts) return null;
  const dir = staticDir(file, getProperty(file.sourceCode, opts, 'dir') ?? undefined);
  if (dir === null) return null;
  const options = getProperty(file.sourceCode, opts, 'options');
  let prefix: string | null = '';
  if (options) {
    const o = getObjectLiteral(file.sourceCode, options);
    const p = o ? getProperty(file.sourceCode, o, 'prefix') : null;
    prefix = !o ? null : p ? getStaticString(file.sourceCode, p) : '';
  }
  const dirName = getProperty(file.sourceCode, opts, 'dirNameRoutePrefix');
  return { file, use: entry.use, dir, prefix, dirPrefix: !dirName || getStaticValue(file.sourceCode, dirName) !== false };
}

/**
 * A plugin file under a folder `@fastify/autoload` loads: registered by the loader with the
 * loader's `options.prefix`, each folder name between the loaded folder and the file as a prefix
 * segment, then the plugin's own `autoPrefix` export.
 */
function autoloadChains(project: Project, file: ProjectFile, plugin: FunctionNode, depth: number, seen: Set<string>): MountChain[] {
  const def = project.exported(file, 'default');
  if (def?.kind !== 'function' || def.file.path !== file.path || !sameNode(def.node, plugin)) return [];
  const out: MountChain[] = [];
  for (const entry of autoloadIndex(project)) {
    const reg = autoloadRegistration(project, entry);
    if (!reg) continue;
    const rel = path.relative(reg.dir, path.dirname(file.path));
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const folders = rel === '' || !reg.dirPrefix ? '' : rel.split(path.sep).map((s) => `/${s}`).join('');
    let own: string | null = '';
    const auto = project.exportedNode(file, ['autoPrefix']);
    if (auto) own = getStaticString(auto.file.sourceCode, auto.node);
    const mountPath = joinPrefix(joinPrefix(reg.prefix, folders), own);
    const parent = reg.use.receiver;
    const callee = reg.use.call.callee as TSESTree.MemberExpression;
    const here = joinPrefix(inFilePrefix(parent), mountPath);
    const above = chainsAbove(project, reg.file, parent, callee.object, depth, seen);
    out.push(...under(above, here, [], { file: reg.file, call: reg.use.call }));
  }
  return out;
}
