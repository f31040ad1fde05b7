/**
 * The route table of a whole project: every route with its full path(s), method, place, handler
 * and middleware chain, across files. Built on the per-file route model (src/analysis/routes.ts),
 * the mount chains (mounts.ts: `app.use('/v1/users', validate, usersRouter)` in app.js, Fastify
 * `register` and `@fastify/autoload`, Koa `use(prefix, r.routes())`, Hono `route`, functions that
 * receive the app) and a few project-wide settings read here: NestJS `setGlobalPrefix` and URI
 * versioning, and the Next.js pages router (`pages/api/**`).
 *
 * A full path is `complete` only when every step from the application root is known: an unknown
 * prefix (`app.use(config.base, router)`, a `setGlobalPrefix(env.PREFIX)`) or a router nothing
 * mounts leaves the path incomplete — its known tail is kept for display, never guessed into a URL.
 *
 * Queries for rules: `routeFullPaths(context, route)` (full paths and middleware chains of a route
 * of the linted file) and `routesHandledBy(context, fn)` (routes of other files whose handler is a
 * function of the linted file).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../analysis/imports.js';
import { getRouteModel, type Framework, type FunctionNode, type Route } from '../analysis/routes.js';
import { getObjectLiteral, getProperty, getStaticValue, unwrap } from '../analysis/values.js';
import { pushChildren } from '../analysis/walk.js';
import { trimEnd } from '../regex.js';
import { displayPath, projectTextMatches, type ProjectFile } from './files.js';
import { noteProjectWide, recorded, replay, type FileReads } from './reads.js';
import { ROUTES_GATE, textMayDeclareRoutes, textMayHoldNestSettings } from './text-gates.js';
import { importerIndex, mountChains, projectSourceFiles, sameNode, type MountChain } from './mounts.js';
import type { Project } from './modules.js';

export interface ChainMiddleware {
  file: ProjectFile;
  node: TSESTree.Node;
}

export interface FullPath {
  /** The URL path from the application root; null when a prefix on the way is unknown. */
  path: string | null;
  /** The path as far as it is known: the full path, or the route's own (in-file) part. */
  known: string | null;
  complete: boolean;
  /** Middleware in the order a request meets it: mount points from the root down, then the route's own. */
  middleware: ChainMiddleware[];
}

export interface CodeRef {
  /** Source text, shortened: `users.list`, `validate(createUser)`. */
  name: string;
  file: string;
  line: number;
}

export interface RouteTableEntry {
  framework: Framework;
  methods: string[];
  /** Where the route is declared (absolute path). */
  file: string;
  line: number;
  /** The path written at the declaration (with same-file prefixes), or null when not static. */
  localPath: string | null;
  paths: FullPath[];
  /** Every full path is known and reaches an application root. */
  complete: boolean;
  /** The handler functions, resolved across files where the model can (else the argument itself). */
  handlers: CodeRef[];
}

const MAX_NAME = 60;

function shortText(file: ProjectFile, node: TSESTree.Node): string {
  const text = file.sourceCode.getText(node).slice(0, 240).replace(/\s+/g, ' ');
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

function joinPath(prefix: string, own: string): string {
  const left = trimEnd(prefix, '/');
  const right = own === '/' || own === '' ? '' : own.startsWith('/') ? own : `/${own}`;
  return left + right || '/';
}

// ---------------------------------------------------------------- NestJS settings

interface NestSettings {
  /** `setGlobalPrefix('api')` → 'api'; '' without one; null when not static or set twice differently. */
  prefix: string | null;
  /** Paths `exclude`d from the global prefix; null when the list is not static. */
  exclude: string[] | null;
  /** URI versioning: the segment prefix (`v`) and the default version; null when not enabled. */
  uri: { prefix: string; defaultVersion: string | null } | null;
  /** Whether `enableVersioning` was seen at all (a declared version without it is taken as meant). */
  versioningSeen: boolean;
  /** Something the model cannot read decides paths (RouterModule, non-URI-readable versioning options). */
  unknown: boolean;
}

const nestSettingsByPackage = new Map<string, NestSettings>();

/**
 * The directory of the package a file belongs to (its nearest package.json, not above the root):
 * a repository holding several apps has one `main.ts` per app, and its settings apply to that app.
 */
export function packageDir(root: string, file: string): string {
  const start = path.dirname(file);
  const cached = packageDirs.get(start);
  if (cached !== undefined) return cached;
  let found = root;
  for (let dir = start; dir.length >= root.length && dir.startsWith(root); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) {
      found = dir;
      break;
    }
    if (dir === path.dirname(dir)) break;
  }
  packageDirs.set(start, found);
  return found;
}

const packageDirs = new Map<string, string>();


function versionText(file: ProjectFile, node: TSESTree.Node | null | undefined): string | null {
  if (!node) return null;
  const n = unwrap(node);
  const first = n.type === AST_NODE_TYPES.ArrayExpression ? n.elements[0] : n;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  const v = getStaticValue(file.sourceCode, first);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

function readNestSettings(project: Project, from: string): NestSettings {
  noteProjectWide('sources');
  const pkg = packageDir(project.root, from);
  let settings = nestSettingsByPackage.get(pkg);
  if (settings) return settings;
  settings = { prefix: '', exclude: [], uri: null, versioningSeen: false, unknown: false };
  let prefixSeen = false;
  const under = pkg.endsWith(path.sep) ? pkg : pkg + path.sep;
  for (const abs of projectSourceFiles(project.root)) {
    // Files of a nested package (another app of a monorepo, a fixture) have settings of their own.
    if (!abs.startsWith(under) || packageDir(project.root, abs) !== pkg) continue;
    if (!projectTextMatches(abs, project.root, 'nest-settings', textMayHoldNestSettings)) continue;
    const file = project.file(abs);
    if (!file) continue;
    const stack: TSESTree.Node[] = [file.sourceCode.ast];
    let steps = 0;
    while (stack.length > 0 && steps++ < 200_000) {
      const node = stack.pop()!;
      pushChildren(stack, node, file.sourceCode.visitorKeys);
      if (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'register' && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'RouterModule') {
        settings.unknown = true;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
      const name = propertyName(node.callee);
      if (name === 'setGlobalPrefix') {
        const v = getStaticValue(file.sourceCode, node.arguments[0]);
        const p = typeof v === 'string' ? v : null;
        settings.prefix = prefixSeen && settings.prefix !== p ? null : p;
        prefixSeen = true;
        const opts = getObjectLiteral(file.sourceCode, node.arguments[1]);
        const exclude = opts ? getProperty(file.sourceCode, opts, 'exclude') : null;
        if (node.arguments[1] && !opts) settings.exclude = null;
        else if (exclude) settings.exclude = excludedPaths(file, exclude);
      } else if (name === 'enableVersioning') {
        settings.versioningSeen = true;
        const opts = node.arguments[0] ? getObjectLiteral(file.sourceCode, node.arguments[0]) : null;
        if (node.arguments[0] && !opts) {
          settings.unknown = true;
          continue;
        }
        const type = opts ? getProperty(file.sourceCode, opts, 'type') : null;
        // The default type is URI; HEADER, MEDIA_TYPE and CUSTOM leave the path alone.
        const typeName = type ? (unwrap(type).type === AST_NODE_TYPES.MemberExpression ? propertyName(unwrap(type) as TSESTree.MemberExpression) : getStaticValue(file.sourceCode, type)) : 'URI';
        if (typeName !== 'URI' && typeName !== 0) {
          if (typeof typeName !== 'string') settings.unknown = true;
          continue;
        }
        const prefixNode = opts ? getProperty(file.sourceCode, opts, 'prefix') : null;
        const pv = prefixNode ? getStaticValue(file.sourceCode, prefixNode) : 'v';
        if (pv !== false && typeof pv !== 'string') settings.unknown = true;
        const def = opts ? getProperty(file.sourceCode, opts, 'defaultVersion') : null;
        const defaultVersion = def ? versionText(file, def) : null;
        if (def && defaultVersion === null && !/VERSION_NEUTRAL/.test(file.sourceCode.getText(def))) settings.unknown = true;
        settings.uri = { prefix: typeof pv === 'string' ? pv : '', defaultVersion };
      }
    }
  }
  nestSettingsByPackage.set(pkg, settings);
  return settings;
}

function excludedPaths(file: ProjectFile, node: TSESTree.Node): string[] | null {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const out: string[] = [];
  for (const el of n.elements) {
    if (!el || el.type === AST_NODE_TYPES.SpreadElement) return null;
    const obj = getObjectLiteral(file.sourceCode, el);
    const v = getStaticValue(file.sourceCode, obj ? getProperty(file.sourceCode, obj, 'path') : el);
    if (typeof v !== 'string') return null;
    out.push(joinPath('', v));
  }
  return out;
}

function nestPaths(project: Project, file: ProjectFile, route: Route): FullPath[] {
  const nest = route.nest!;
  const settings = readNestSettings(project, file.path);
  const middleware: ChainMiddleware[] = [];
  if (nest.path === null) return [{ path: null, known: route.localPath, complete: false, middleware }];
  let own = nest.path;
  if (settings.uri) {
    const version = nest.version ?? settings.uri.defaultVersion;
    if (version !== null) own = joinPath(`/${settings.uri.prefix}${version}`, own);
  } else if (!settings.versioningSeen && nest.version !== null) {
    // A version declared where no `enableVersioning` is in sight (a bootstrap outside the lint
    // root, a shared package): taken as URI versioning, the default, rather than reported.
    own = joinPath(`/v${nest.version}`, own);
  }
  if (settings.prefix === null || settings.exclude === null) return [{ path: null, known: own, complete: false, middleware }];
  const excluded = settings.exclude.includes(nest.path);
  const full = excluded ? own : joinPath(settings.prefix === '' ? '' : `/${settings.prefix.replace(/^\/+/, '')}`, own);
  return [{ path: full, known: full, complete: !settings.unknown, middleware }];
}

// ---------------------------------------------------------------- routes of one file

const chainMemo = new WeakMap<object, { chains: MountChain[]; reads: FileReads | null }>();

/** The receiver expression of a route call (`router` in `router.get(…)`), for parameter receivers. */
function receiverOf(route: Route): TSESTree.Node | undefined {
  let n: TSESTree.Node = route.node;
  // `app.route('/x').get(h)`: the receiver of `route`.
  while (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression) {
    const obj = unwrap(n.callee.object);
    if (obj.type !== AST_NODE_TYPES.CallExpression) return obj;
    n = obj;
  }
  return undefined;
}

function chainsFor(project: Project, file: ProjectFile, route: Route): MountChain[] {
  const router = route.router!;
  const hit = chainMemo.get(router);
  if (hit) {
    // The files the mounts were read from (app.js) count for every file that asks.
    replay(hit.reads);
    return hit.chains;
  }
  const { value: chains, reads } = recorded(() => {
    try {
      // An application root may still be a sub-app another file mounts (`app.route('/users', users)`
      // for a default-exported Hono app, `parent.use('/admin', adminApp)`).
      return mountChains(project, file, router, 0, new Set(), receiverOf(route), router.complete);
    } catch {
      // intentionally ignored: an unexpected shape ends the search quietly
      return [];
    }
  });
  chainMemo.set(router, { chains, reads });
  return chains;
}

/** `router.use(mw)` before the route in its own file, when the `use` path covers the route. */
function ownFileMiddleware(file: ProjectFile, route: Route): ChainMiddleware[] {
  const router = route.router;
  if (!router) return [];
  const out: ChainMiddleware[] = [];
  const local = route.localPath;
  for (const u of getRouteModel(file.context).uses) {
    if (u.kind !== 'use' || u.receiver !== router || u.call.range[0] >= route.node.range[0]) continue;
    if (u.path !== null && u.args.length < u.call.arguments.length) {
      const scope = trimEnd(u.path, '/');
      if (scope !== '' && (local === null || (local !== scope && !local.startsWith(`${scope}/`)))) continue;
    }
    for (const node of u.args) out.push({ file, node });
  }
  return out;
}

/** The full paths of a route of `file`, with the middleware chain of each. */
export function fullPathsOf(project: Project, file: ProjectFile, route: Route): FullPath[] {
  const own = route.middleware.map((node) => ({ file, node }));
  if (route.framework === 'nest' && route.nest) return nestPaths(project, file, route).map((p) => ({ ...p, middleware: own }));
  if (route.framework === 'next') return [{ path: route.path, known: route.path, complete: route.path !== null, middleware: own }];
  const inFile = [...ownFileMiddleware(file, route), ...own];
  const router = route.router;
  if (!router) return [{ path: null, known: route.path ?? route.localPath, complete: false, middleware: inFile }];
  if (!router.prefixKnown || route.path === null) return [{ path: null, known: route.localPath, complete: false, middleware: inFile }];
  const chains = chainsFor(project, file, route);
  if (chains.length === 0) {
    return [{ path: route.pathComplete ? route.path : null, known: route.path, complete: route.pathComplete, middleware: inFile }];
  }
  const out: FullPath[] = [];
  const seen = new Set<string>();
  for (const c of chains) {
    const full = c.prefix === null ? null : joinPath(c.prefix, route.path);
    const key = `${full}\0${c.complete}\0${c.middleware.map((m) => m.node.range[0]).join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: c.complete ? full : null, known: full ?? route.path, complete: c.complete && full !== null, middleware: [...c.middleware, ...inFile] });
  }
  return out;
}

/** How a handler argument is shown: its text, or `(inline)` / the method name for a function written there. */
function handlerName(file: ProjectFile, node: TSESTree.Node): string {
  const n = unwrap(node);
  const isFn = n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionDeclaration;
  if (!isFn) return shortText(file, node);
  if (n.parent?.type === AST_NODE_TYPES.MethodDefinition && n.parent.key.type === AST_NODE_TYPES.Identifier) return n.parent.key.name;
  if (n.type === AST_NODE_TYPES.FunctionDeclaration && n.id) return n.id.name;
  return '(inline)';
}

function handlerRefs(project: Project, file: ProjectFile, route: Route): CodeRef[] {
  const out: CodeRef[] = [];
  for (const node of route.handlerNodes) {
    let v = null;
    try {
      v = project.value(file, node);
    } catch {
      // intentionally ignored: an unresolvable handler is listed as written
      v = null;
    }
    if (v?.kind === 'function') {
      out.push({ name: handlerName(file, node), file: v.file.path, line: v.node.loc.start.line });
      continue;
    }
    const local = route.handlers.filter((fn) => node.range[0] <= fn.range[0] && fn.range[1] <= node.range[1]);
    const fns = local.length > 0 ? local : route.handlerNodes.length === 1 ? route.handlers : [];
    if (fns.length > 0) for (const fn of fns) out.push({ name: handlerName(file, node), file: file.path, line: fn.loc.start.line });
    else out.push({ name: handlerName(file, node), file: file.path, line: node.loc.start.line });
  }
  return out;
}

function entryOf(project: Project, file: ProjectFile, route: Route): RouteTableEntry {
  const paths = fullPathsOf(project, file, route);
  return {
    framework: route.framework,
    methods: route.methods,
    file: file.path,
    line: route.node.loc.start.line,
    localPath: route.path ?? route.localPath,
    paths,
    complete: paths.length > 0 && paths.every((p) => p.complete),
    handlers: handlerRefs(project, file, route),
  };
}

// ---------------------------------------------------------------- Next.js pages router

/** `…/pages/api/users/[id].ts` → `/api/users/[id]`; `pages/api/index.ts` → `/api`; else null. */
export function nextPagesApiPath(file: string): string | null {
  const segs = file.replace(/\\/g, '/').split('/');
  const pages = segs.indexOf('pages');
  if (pages === -1 || segs[pages + 1] !== 'api' || segs.length < pages + 3) return null;
  const last = segs[segs.length - 1]!;
  const m = /^(.+)\.(?:[cm]?[jt]sx?)$/.exec(last);
  if (!m || m[1]!.endsWith('.d') || m[1]!.startsWith('_')) return null;
  const parts = [...segs.slice(pages + 1, -1), m[1]!];
  if (parts[parts.length - 1] === 'index') parts.pop();
  return `/${parts.join('/')}`;
}

function pagesApiEntry(project: Project, file: ProjectFile): RouteTableEntry | null {
  const p = nextPagesApiPath(file.path);
  if (p === null) return null;
  const def = project.exportedNode(file, []);
  if (!def) return null;
  let handler: CodeRef = { name: 'default', file: file.path, line: def.node.loc.start.line };
  const v = project.exported(file, 'default');
  if (v?.kind === 'function') handler = { name: 'default', file: v.file.path, line: v.node.loc.start.line };
  return { framework: 'next', methods: ['ALL'], file: file.path, line: def.node.loc.start.line, localPath: p, paths: [{ path: p, known: p, complete: true, middleware: [] }], complete: true, handlers: [handler] };
}

// ---------------------------------------------------------------- public API

/** Whether a project file may declare routes, asked of its text (cached by mtime and size). */
export function mayDeclareRoutes(abs: string, root: string): boolean {
  return nextPagesApiPath(abs) !== null || projectTextMatches(abs, root, ROUTES_GATE, (text) => textMayDeclareRoutes(abs, text));
}

/** Every route declared in `files` (absolute paths under `project.root`), in file and line order. */
export function buildRouteTable(project: Project, files: readonly string[]): RouteTableEntry[] {
  const out: RouteTableEntry[] = [];
  for (const abs of [...files].sort()) {
    if (!mayDeclareRoutes(abs, project.root)) continue;
    const file = project.file(abs);
    if (!file) continue;
    let routes: readonly Route[];
    try {
      routes = getRouteModel(file.context).routes;
    } catch {
      // intentionally ignored: a file the route model cannot read declares no routes we can list
      continue;
    }
    for (const route of routes) out.push(entryOf(project, file, route));
    if (routes.length === 0) {
      const page = pagesApiEntry(project, file);
      if (page) out.push(page);
    }
  }
  return out;
}

/** A table entry's paths relative to the root, for printing. */
export function relativeEntry(root: string, e: RouteTableEntry): RouteTableEntry {
  return { ...e, file: displayPath(root, e.file), handlers: e.handlers.map((h) => ({ ...h, file: displayPath(root, h.file) })) };
}

/** Middleware of a full path as printable references. */
export function middlewareRefs(p: FullPath): CodeRef[] {
  return p.middleware.map((m) => ({ name: shortText(m.file, m.node), file: m.file.path, line: m.node.loc.start.line }));
}

/** The route of another file and that file, for `routesHandledBy`. */
export interface RouteElsewhere {
  file: ProjectFile;
  route: Route;
  /** Its full paths and middleware chains. */
  paths: FullPath[];
}

/** Routes of the files importing `file` whose handler argument resolves to `fn`. */
export function routesHandledByIn(project: Project, file: ProjectFile, fn: FunctionNode): RouteElsewhere[] {
  const out: RouteElsewhere[] = [];
  for (const importerPath of importerIndex(project.root).get(file.path) ?? []) {
    const importer = project.file(importerPath);
    if (!importer) continue;
    for (const route of getRouteModel(importer.context).routes) {
      for (const node of route.handlerNodes) {
        let v;
        try {
          v = project.value(importer, node);
        } catch {
          // intentionally ignored: as above
          continue;
        }
        if (v?.kind === 'function' && v.file.path === file.path && sameNode(v.node, fn)) {
          out.push({ file: importer, route, paths: fullPathsOf(project, importer, route) });
          break;
        }
      }
    }
  }
  return out;
}

/** Drops project-wide settings (tests; a long-lived process after files changed). */
export function clearRouteTableCaches(): void {
  nestSettingsByPackage.clear();
  packageDirs.clear();
}

