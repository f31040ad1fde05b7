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
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { getImportTracker, propertyName } from '../analysis/imports.js';
import { getRouteModel, type RouterInfo, type UseCall } from '../analysis/routes.js';
import { MAX_MODEL_FILE_BYTES, type ProjectFile } from './files.js';
import type { FunctionNode, Project } from './modules.js';
import { getObjectLiteral, getProperty, getStaticString } from '../analysis/values.js';
import { importSpecifiers, resolveModule } from './resolve.js';
import { trimEnd } from '../regex.js';

/** Directories never walked for importers: dependencies, build output, VCS and tool folders. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'vendor', 'out', 'tmp']);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** Files indexed per root at most: past it, mounts are looked for among the first ones only. */
const MAX_INDEXED_FILES = 20_000;
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

const importerIndexes = new Map<string, Map<string, string[]>>();

function walk(root: string): string[] {
  const out: string[] = [];
  if (!path.isAbsolute(root)) return out;
  const stack = [root];
  while (stack.length > 0 && out.length < MAX_INDEXED_FILES) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // intentionally ignored: an unreadable directory holds no importers we can see
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(p);
      } else if (e.isFile() && SOURCE_FILE.test(e.name) && !DECLARATION.test(e.name)) {
        out.push(p);
      }
    }
  }
  return out;
}

/** file → the project files importing it, for one root (built on first use). */
function importerIndex(root: string): Map<string, string[]> {
  let index = importerIndexes.get(root);
  if (index) return index;
  index = new Map();
  for (const file of walk(root)) {
    let text: string;
    try {
      if (statSync(file).size > MAX_MODEL_FILE_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      // intentionally ignored: as above
      continue;
    }
    for (const specifier of importSpecifiers(text)) {
      const target = resolveModule(file, specifier, root);
      if (!target) continue;
      const list = index.get(target);
      if (!list) index.set(target, [file]);
      else if (list[list.length - 1] !== file) list.push(file);
    }
  }
  importerIndexes.set(root, index);
  return index;
}

/** Drops the importer indexes (tests; a long-lived process after files were added). */
export function clearImporterIndexes(): void {
  importerIndexes.clear();
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

/** Does a `use`/`route` argument in `importer` name the router whose top creation is `creation`? */
function argNamesRouter(project: Project, importer: ProjectFile, arg: TSESTree.Node, target: ProjectFile, creation: TSESTree.Node): boolean {
  let a = unwrap(arg);
  // Koa `parent.use('/x', child.routes())`, `child.middleware()`.
  if (a.type === AST_NODE_TYPES.CallExpression && a.callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(a.callee);
    if (name === 'routes' || name === 'middleware') a = unwrap(a.callee.object);
  }
  const ref = getImportTracker(importer.context).resolve(a);
  if (!ref || resolveModule(importer.path, ref.source, project.root) !== target.path) return false;
  const exported = project.exportedNode(target, ref.path[0] === 'default' ? ref.path.slice(1) : ref.path);
  return !!exported && exported.file.path === target.path && creationOf(target, exported.node) === creation;
}

/** The function whose first parameter `receiver` (a route's or use's receiver) is: a plugin. */
function pluginFunction(file: ProjectFile, receiver: TSESTree.Node | undefined): FunctionNode | null {
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
    return isFn && fn.params[0] === def.name ? fn : null;
  }
  return null;
}

/** Does a `register` argument name the plugin function (directly, or wrapped: `fp(plugin)`)? */
function argNamesPlugin(project: Project, importer: ProjectFile, arg: TSESTree.Node, plugin: FunctionNode): boolean {
  let a = unwrap(arg);
  if (a.type === AST_NODE_TYPES.CallExpression && a.arguments.length >= 1 && a.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement) {
    a = a.arguments[0]!; // fastify-plugin's `fp(fn)`
  }
  const v = project.value(importer, a);
  if (v?.kind === 'function') return v.node === plugin;
  // `register(import('./routes/x'))` / a module whose default export is the plugin.
  if (v?.kind === 'module') {
    const def = project.exported(v.file, 'default');
    return def?.kind === 'function' && def.node === plugin;
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
function routerWideMiddleware(uses: readonly UseCall[], router: RouterInfo | null, below: string | null): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  if (!router) return out;
  for (const u of uses) {
    if (u.kind !== 'use' || u.receiver?.top.creation !== router.top.creation) continue;
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

/**
 * The mount chains of the router whose outermost same-file router is `router` (in `file`), as
 * mounted by other files of the project. Empty when no other file mounts it.
 */
export function mountChains(project: Project, file: ProjectFile, router: RouterInfo, depth = 0, seen = new Set<string>(), receiver?: TSESTree.Node): MountChain[] {
  const creation = router.top.creation;
  if (router.top.root || depth > MAX_MOUNT_DEPTH || seen.has(file.path)) return [];
  // A Fastify plugin's routes hang off its first parameter: the plugin function is what is mounted.
  const plugin = creation ? null : pluginFunction(file, receiver);
  if (!creation && !plugin) return [];
  seen.add(file.path);
  const out: MountChain[] = [];
  for (const importerPath of importerIndex(project.root).get(file.path) ?? []) {
    const importer = project.file(importerPath);
    if (!importer) continue;
    const model = getRouteModel(importer.context);
    for (const use of model.uses) {
      if (use.kind !== 'use' && use.kind !== 'register') continue;
      const call = use.call;
      const callee = call.callee as TSESTree.MemberExpression;
      const index = use.args.findIndex((a) =>
        creation ? argNamesRouter(project, importer, a, file, creation) : argNamesPlugin(project, importer, a, plugin!),
      );
      if (index === -1) continue;
      const parent = use.receiver;
      // `app.use(router)` mounts at the parent's root; a dynamic path leaves the prefix unknown.
      const mountPath = use.kind === 'register' ? registerPrefix(importer, call) : use.args.length < call.arguments.length ? use.path : '';
      const ownPrefix = parent ? parent.prefix.map((p) => p.text).join('') : null;
      const here = joinPrefix(ownPrefix, mountPath);
      const args = use.args;
      const middleware = [
        ...routerWideMiddleware(model.uses.filter((u) => u !== use), parent, mountPath),
        ...args.slice(0, index),
      ].map((node) => ({ file: importer, node }));
      const point: MountPoint = { file: importer, call };
      if (parent?.complete) {
        out.push({ prefix: here, complete: true, middleware, mounts: [point] });
        continue;
      }
      const above = parent ? mountChains(project, importer, parent, depth + 1, seen, callee.object) : [];
      if (above.length === 0) {
        out.push({ prefix: here, complete: false, middleware, mounts: [point] });
        continue;
      }
      for (const chain of above) {
        out.push({
          prefix: joinPrefix(chain.prefix, here),
          complete: chain.complete,
          middleware: [...chain.middleware, ...middleware],
          mounts: [point, ...chain.mounts],
        });
      }
    }
  }
  seen.delete(file.path);
  return out;
}
