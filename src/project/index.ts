/**
 * The project model: what the rules of one file may ask about the rest of the project.
 *
 * - `crossFileCallEffects(context, call)` → what a call into a function of another project file
 *   does, transitively (DB writes, unbounded lists, queries, blocking I/O, mutating HTTP, mail and
 *   queue messages), each effect with its chain of hops; null for calls the model cannot follow
 *   or that stay in this file (the per-file model in src/analysis answers those).
 * - `externalHandlerEffects(context, route)` → the same for a route's handler arguments that name
 *   functions of other files (`router.get('/', users.list)`, `ctrl.show.bind(ctrl)`, factories).
 * - `describeChain(context, hops)` → `→ users.list (src/controllers/users.js:4) → …`.
 * - `paramSinksAt(context, call)` → which parameters of the function a call enters reach a weak
 *   hash, a JWT decode or verify, or raw SQL text (see params.ts); `errorDetailsReturnedBy` → the
 *   error details it returns of its arguments; `crossFileStatusCodes` → the statuses it sends or
 *   makes errors for (statuses.ts).
 * - `requestTaintReaching(context, node, kind)` → the request data (read where, on which route)
 *   that reaches a taint sink of the linted file through calls from other files (taint.ts).
 *
 * One model per lint root and process, built lazily from the files a question reaches: the CLI
 * and an editor's ESLint process share the same code path. Parsed files are cached by path and
 * invalidated by mtime and size (see files.ts); nothing outside the root is ever read, and files
 * read for the model are never reported on.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { FunctionNode, Route } from '../analysis/routes.js';
import { fullPathsOf, routesHandledByIn, type FullPath, type RouteElsewhere } from './route-table.js';
import { isDbModule, setModuleValueResolver } from '../analysis/data-access.js';
import { displayPath, projectTextFact, projectTextMatches, type AnalysisContext, type ProjectFile } from './files.js';
import { declaredDependencyRange, importSpecifiers, isProjectFile, resolveModule } from './resolve.js';
import { Project } from './modules.js';
import { mountChains, type MountChain } from './mounts.js';
import { callLabel, isHandlerWhereWritten, summarize, type Effect, type EffectKind, type FunctionSummary, type Hop } from './summaries.js';
import { summarizeParams, type ParamSink, type ReturnedErrorDetail } from './params.js';
import { summarizeStatuses, type StatusCode } from './statuses.js';
import { appFramework, appRoutes, appSetup, folderTextMentions, isTestPath, projectTextMentions as projectMentions, type AppRoute, type AppSetup } from './app-setup.js';
import { requestTaintAt, type TaintHit } from './taint.js';
import { setMongoModuleTest } from '../analysis/taint/sinks.js';
import { MONGO_MODULES } from '../analysis/taint/tables.js';
import { middlewareValidates, routeValidates } from '../analysis/taint/guards.js';
import type { Context as TaintContext } from '../analysis/taint/flow.js';
import type { TaintSinkKind } from '../analysis/taint/tables.js';

export type { Effect, EffectKind, FunctionSummary, Hop } from './summaries.js';
export { Project, type Value } from './modules.js';
export type { MountChain, MountPoint } from './mounts.js';

const projects = new Map<string, Project>();
const lintedFiles = new WeakMap<object, ProjectFile>();

// The per-file DB analysis asks through this hook what a project module exports (a knex client
// made in `src/db.js`); registered once, when the project model is first imported by a rule.

/**
 * What a module's text says about DB values: `'db'` when it imports a DB library itself; the project
 * specifiers of a small file that imports other project modules (a barrel such as
 * `module.exports = require('./knex')` may pass a client on); otherwise null.
 */
type DbTextFact = 'db' | readonly string[] | null;
const SMALL_BARREL_BYTES = 4096;
function dbTextFact(text: string): DbTextFact {
  const specifiers = importSpecifiers(text);
  if (specifiers.some(isDbModule)) return 'db';
  if (text.length > SMALL_BARREL_BYTES) return null;
  const local = specifiers.filter((s) => s.startsWith('.') || s.startsWith('#'));
  return local.length > 0 ? local : null;
}

/** Barrel hops followed on the text; a longer chain is assumed to lead somewhere (parsed to find out). */
const MAX_BARREL_HOPS = 4;

/**
 * Whether a module can export a DB client, asked on the text so that the models, helpers, value
 * objects and services most imports lead to are never parsed for it. A DB value always starts at
 * a DB library's import (see dbValueOf), so a small file can pass one on only if one of the project
 * modules it imports can: followed, not assumed (on Ghost's server, ~40 small domain files parsed for
 * nothing). Only the per-file facts are cached (by mtime), never this answer, so a cycle cut here
 * cannot stick: the frames above it still try their other imports.
 */
function mayExportDbValue(abs: string, root: string, visited: Set<string> = new Set(), hops = 0): boolean {
  if (visited.has(abs)) return false;
  visited.add(abs);
  const fact = projectTextFact(abs, root, 'db', dbTextFact, null);
  if (fact === null) return false;
  if (fact === 'db' || hops >= MAX_BARREL_HOPS) return true;
  return fact.some((s) => {
    const target = resolveModule(abs, s, root);
    return !!target && mayExportDbValue(target, root, visited, hops + 1);
  });
}

// A capitalised model imported from a project module is a MongoDB model when that module imports
// a MongoDB library (asked of its text: never parsed for it).
setMongoModuleTest((context, ref) => {
  const project = projectOf(context);
  const abs = resolveModule(context.filename, ref.source, project.root);
  return !!abs && projectTextMatches(abs, project.root, 'mongo', (text) => importSpecifiers(text).some((s) => MONGO_MODULES.includes(s)));
});

setModuleValueResolver((context, ref) => {
  const project = projectOf(context);
  const abs = resolveModule(context.filename, ref.source, project.root);
  if (!abs || !mayExportDbValue(abs, project.root)) return null;
  const target = project.module(lintedFile(context), ref.source);
  if (!target) return null;
  const found = project.exportedNode(target, ref.path[0] === 'default' ? ref.path.slice(1) : ref.path);
  return found ? { context: found.file.context, node: found.node } : null;
});

/**
 * `BACKLINT_PROJECT_MODEL=off` answers every cross-file question with "unknown": the per-file
 * analysis alone, as before the model. For measuring what the model costs (`npm run bench model`)
 * and as an escape hatch; not a documented option.
 */
const MODEL_OFF = process.env.BACKLINT_PROJECT_MODEL === 'off';
const OUTSIDE = '\0no-project';

/** The project a linted file belongs to: rooted at the lint's working directory. */
export function projectOf(context: AnalysisContext): Project {
  // A root no file lies under: every file and module question answers null.
  const root = MODEL_OFF ? OUTSIDE : context.cwd;
  let project = projects.get(root);
  if (!project) {
    project = new Project(root);
    projects.set(root, project);
  }
  return project;
}

/** The file being linted, as a project file (its own parse: no second read). */
export function projectFileOf(context: AnalysisContext): ProjectFile {
  return lintedFile(context);
}

function lintedFile(context: AnalysisContext): ProjectFile {
  const ast = context.sourceCode.ast;
  let file = lintedFiles.get(ast);
  if (!file) {
    file = { path: context.filename, sourceCode: context.sourceCode, context };
    lintedFiles.set(ast, file);
  }
  return file;
}

export interface CrossFileEffects {
  /** Effects by kind; each effect's first hop is the function this call enters. */
  effects: ReadonlyMap<EffectKind, Effect>;
}

function withHop(summary: FunctionSummary, hop: Hop, inHandler = false): CrossFileEffects | null {
  if (summary.effects.size === 0) return null;
  const effects = new Map<EffectKind, Effect>();
  for (const [kind, e] of summary.effects) effects.set(kind, { ...e, hops: [hop, ...e.hops], ...(inHandler ? { inHandler: true } : {}) });
  return { effects };
}

/** See the header. */
export function crossFileCallEffects(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): CrossFileEffects | null {
  const found = crossFileCallee(context, call);
  if (!found) return null;
  return withHop(summarize(found.project, found.target.file, found.target.node, 1), found.hop);
}

export interface HandlerEffects extends CrossFileEffects {
  /** The handler argument in the route declaration: where a finding is reported. */
  node: TSESTree.Node;
}

/** See the header. */
export function externalHandlerEffects(context: AnalysisContext, route: Route): HandlerEffects[] {
  const project = projectOf(context);
  const file = lintedFile(context);
  const out: HandlerEffects[] = [];
  for (const node of route.handlerNodes) {
    let target;
    try {
      target = project.value(file, node);
    } catch {
      // intentionally ignored: as above
      continue;
    }
    if (!target || target.kind !== 'function' || target.file.path === file.path) continue;
    const summary = summarize(project, target.file, target.node, 1);
    const text = context.sourceCode.getText(node).slice(0, 240).replace(/\s+/g, ' ');
    const hop: Hop = { label: text.length > 60 ? `${text.slice(0, 59)}…` : text, file: target.file.path, line: target.node.loc.start.line };
    const effects = withHop(summary, hop, isHandlerWhereWritten(target.file, target.node));
    if (effects) out.push({ node, ...effects });
  }
  return out;
}

/** `→ a (src/x.js:3) → b (src/y.js:9)`: the hops of a chain, paths relative to the lint root. */
export function describeChain(context: AnalysisContext, hops: readonly Hop[]): string {
  return hops.map((h) => `→ ${h.label} (${displayPath(context.cwd, h.file)}:${h.line})`).join(' ');
}

/** The first of `kinds` (in that order of preference) among the effects, or null. */
export function firstEffect(found: CrossFileEffects, kinds: readonly EffectKind[]): Effect | null {
  for (const k of kinds) {
    const e = found.effects.get(k);
    if (e) return e;
  }
  return null;
}

/**
 * How other files mount the router a route of this file hangs off, when its own file does not
 * reach an application root: full prefixes and the middleware at every mount point.
 */
export function routeMountChains(context: AnalysisContext, route: Route): MountChain[] {
  if (!route.router || route.router.complete || route.router.top.root) return [];
  const receiver = route.node.type === 'CallExpression' && route.node.callee.type === 'MemberExpression' ? route.node.callee.object : undefined;
  try {
    return mountChains(projectOf(context), lintedFile(context), route.router, 0, new Set(), receiver);
  } catch {
    // intentionally ignored: an unexpected shape ends the search quietly
    return [];
  }
}

/**
 * A route's full path when other files mount its router and every mount gives the same prefix
 * (`/v1/products/:id` for `fastify.get('/:id')` in a plugin registered with that prefix), with
 * whether the chain reaches the application root; null when the model cannot tell.
 */
export function projectRoutePath(context: AnalysisContext, route: Route): { path: string; complete: boolean } | null {
  const own = route.path ?? route.localPath;
  if (own === null) return null;
  const chains = routeMountChains(context, route);
  if (chains.length === 0) return null;
  const prefix = chains[0]!.prefix;
  if (prefix === null || chains.some((c) => c.prefix !== prefix)) return null;
  const tail = own === '/' ? '' : own;
  return { path: `${prefix}${tail}` || '/', complete: chains.every((c) => c.complete) };
}

export { buildRouteTable, middlewareRefs, relativeEntry, type CodeRef, type ChainMiddleware, type FullPath, type RouteElsewhere, type RouteTableEntry } from './route-table.js';

/**
 * The full paths of a route of the linted file, each with whether it is complete (every prefix
 * known, up to an application root) and its whole middleware chain, mount points in other files
 * first. A route nothing mounts has one incomplete path.
 */
export function routeFullPaths(context: AnalysisContext, route: Route): FullPath[] {
  try {
    return fullPathsOf(projectOf(context), lintedFile(context), route);
  } catch {
    // intentionally ignored: an unexpected shape leaves the route incomplete
    return [{ path: null, known: route.path ?? route.localPath, complete: false, middleware: route.middleware.map((node) => ({ file: lintedFile(context), node })) }];
  }
}

/** Routes declared in other files (`router.post('/', users.create)`) whose handler is `fn` of the linted file. */
export function routesHandledBy(context: AnalysisContext, fn: FunctionNode): RouteElsewhere[] {
  try {
    return routesHandledByIn(projectOf(context), lintedFile(context), fn);
  } catch {
    // intentionally ignored: as above
    return [];
  }
}

/**
 * Validation on the way to a request handler, where other files declare it: middleware where the
 * routes are mounted (`app.use('/v1/users', validateBody(userSchema), usersRouter)`) or
 * `router.use(validate)` before them; for a handler of another file's route
 * (`router.post('/', validate(s), users.create)`), that route's own validation too. The routes'
 * own validation is `routeValidates` (src/analysis/taint/guards.ts), asked first: it reads no file.
 */
export function validatedOnTheWay(context: AnalysisContext, routes: readonly Route[], handler: FunctionNode | null): boolean {
  const chainValidates = (paths: readonly FullPath[]): boolean => paths.some((p) => p.middleware.some((m) => middlewareValidates(m.file.sourceCode, m.node)));
  if (routes.some((r) => chainValidates(routeFullPaths(context, r)))) return true;
  if (routes.length > 0 || !handler) return false;
  return routesHandledBy(context, handler).some((e) => routeValidates(e.file.context as TaintContext, e.route) || chainValidates(e.paths));
}

// ---------------------------------------------------------------- parameters, error details, statuses

export type { ParamSink, ParamSinkKind, ReturnedErrorDetail } from './params.js';
export type { StatusCode } from './statuses.js';

/** The function of another project file a call enters, or null (same file, unresolved, not a function). */
function crossFileCallee(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression) {
  const project = projectOf(context);
  const file = lintedFile(context);
  let target;
  try {
    target = project.callee(file, call);
  } catch {
    // intentionally ignored: an unexpected shape ends the chain quietly
    return null;
  }
  if (!target || target.kind !== 'function' || target.file.path === file.path) return null;
  const hop: Hop = { label: callLabel(file, call), file: target.file.path, line: target.node.loc.start.line };
  return { project, target, hop };
}

/**
 * Which parameters of the function a call enters (in another project file) reach a hash, JWT or
 * SQL sink, transitively: each sink with its chain of hops, the first being the function this
 * call enters, and whether a file of the chain already reports it (`judgedWhereWritten`).
 */
export function paramSinksAt(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): ParamSink[] {
  const found = crossFileCallee(context, call);
  if (!found) return [];
  const summary = summarizeParams(found.project, found.target.file, found.target.node, 1);
  return summary.sinks.map((s) => ({ ...s, hops: [found.hop, ...s.hops] }));
}

/** Built-in globals a callee may hang off: the model never resolves them to a project function. */
const BUILTIN_GLOBALS = new Set([
  'Array', 'BigInt', 'Boolean', 'Buffer', 'Date', 'Error', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise', 'Reflect', 'RegExp', 'Set',
  'String', 'Symbol', 'URL', 'URLSearchParams', 'WeakMap', 'WeakSet', 'console', 'decodeURI', 'decodeURIComponent', 'encodeURI',
  'encodeURIComponent', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'process', 'setImmediate', 'setInterval', 'setTimeout', 'structuredClone',
]);

/**
 * A call whose callee hangs off a parameter of the function around it (`res.json(x)`, `next(err)`,
 * `deps.decode(t)`) or a built-in global (`Array.isArray(x)`): the model follows neither to a
 * project function, so `paramSinksAt` and the other questions about the function a call enters
 * answer nothing for it. Syntax only — a rule asking of every call tells these apart before any
 * costlier question. (A local declaration shadowing a parameter or a built-in is not looked for.)
 */
export function calleeOutsideProject(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  let root: TSESTree.Node = call.callee;
  for (;;) {
    if (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    else if (root.type === AST_NODE_TYPES.ChainExpression) root = root.expression;
    else break;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const name = root.name;
  if (BUILTIN_GLOBALS.has(name)) return true;
  for (let p: TSESTree.Node | undefined = call.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.FunctionDeclaration || p.type === AST_NODE_TYPES.FunctionExpression || p.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      return p.params.some((q) => (q.type === AST_NODE_TYPES.Identifier && q.name === name) || (q.type === AST_NODE_TYPES.AssignmentPattern && q.left.type === AST_NODE_TYPES.Identifier && q.left.name === name));
    }
  }
  return false;
}

/** The error details (`e.message`, `e.stack`, the error) that the function a call enters returns of its arguments. */
export function errorDetailsReturnedBy(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): ReturnedErrorDetail[] {
  const found = crossFileCallee(context, call);
  if (!found) return [];
  const summary = summarizeParams(found.project, found.target.file, found.target.node, 1);
  return summary.errorDetails.map((d) => ({ ...d, hops: [found.hop, ...d.hops] }));
}

/**
 * The statuses the function a call enters (in another project file) sends or makes errors for,
 * transitively, each with its chain; null when the model cannot follow the call.
 */
export function crossFileStatusCodes(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): StatusCode[] | null {
  const found = crossFileCallee(context, call);
  if (!found) return null;
  const summary = summarizeStatuses(found.project, found.target.file, found.target.node, 1);
  return summary.codes.map((c) => ({ ...c, hops: [found.hop, ...c.hops] }));
}

// ---------------------------------------------------------------- applications

export type { AppCall, AppFramework, AppRoute, AppSetup } from './app-setup.js';
export { appFramework, mayCreateApp, mountsAtPath } from './app-setup.js';

const setups = new WeakMap<TSESTree.Node, AppSetup | null>();

/**
 * What is applied to the app a creation in the linted file makes (`express()`, `Fastify()`,
 * `new Koa()`, `new Hono()`, `NestFactory.create(…)`), across files: see app-setup.ts. Null when
 * the node creates no app, or the linted file is a test file (its app is a harness).
 */
export function appSetupOf(context: AnalysisContext, creation: TSESTree.Node): AppSetup | null {
  if (setups.has(creation)) return setups.get(creation)!;
  const framework = appFramework(context, creation);
  const project = projectOf(context);
  let setup: AppSetup | null = null;
  if (framework && !isTestPath(context.cwd, context.filename)) setup = appSetup(context, project, lintedFile(context), creation, framework);
  setups.set(creation, setup);
  return setup;
}

/** Routes that hang off the app (see app-setup.ts `appRoutes`), at most `limit` of those `keep` accepts. */
export function appRoutesOf(context: AnalysisContext, setup: AppSetup, keep: (route: Route) => boolean, limit = 1): AppRoute[] {
  try {
    return appRoutes(projectOf(context), setup, keep, limit);
  } catch {
    // intentionally ignored: an unexpected shape finds no routes, and no rule reports an app without routes
    return [];
  }
}

/** Whether any non-test source file of the linted file's package (or of `dirs`, when given) passes a text test, cached per file. */
export function projectTextMentions(context: AnalysisContext, key: string, test: (text: string) => boolean, dirs?: readonly string[]): boolean {
  const project = projectOf(context);
  // A file outside the lint root has no project around it: its own text is all there is.
  if (!isProjectFile(project.root, context.filename)) return !dirs && test(context.sourceCode.text);
  return dirs ? folderTextMentions(project, dirs, key, test) : projectMentions(project, context.filename, key, test);
}

/** What calling the function a call enters (same file or another) evaluates to, when it is a function: its file and node. */
export function functionValueOf(context: AnalysisContext, node: TSESTree.Node, from?: ProjectFile): { file: ProjectFile; node: FunctionNode } | null {
  const project = projectOf(context);
  const file = from ?? lintedFile(context);
  try {
    let v = project.value(file, node);
    if (v?.kind === 'module') v = project.exported(v.file, 'default');
    if (v?.kind === 'function') return { file: v.file, node: v.node };
    if (node.type === 'CallExpression') {
      const c = project.callee(file, node);
      if (c?.kind === 'function') return { file: c.file, node: c.node };
    }
  } catch {
    // intentionally ignored: an unexpected shape is a function we cannot see
  }
  return null;
}

/** The version range the linted file's package.json declares for a dependency, or null (see resolve.ts). */
export function declaredDependency(context: AnalysisContext, name: string): string | null {
  if (MODEL_OFF) return null;
  return declaredDependencyRange(context.filename, context.cwd, name);
}

// ---------------------------------------------------------------- request taint

export type { TaintHit } from './taint.js';

/**
 * The request data that reaches the taint sink argument `node` of the linted file from a route
 * anywhere in the project (through calls across files), with the route and the chain; null when
 * none does or the model cannot tell. See taint.ts.
 */
export function requestTaintReaching(context: AnalysisContext, node: TSESTree.Node, kind: TaintSinkKind): TaintHit | null {
  return requestTaintAt(projectOf(context), lintedFile(context), node, kind);
}

/** Whether a call of the linted file runs a function of the project (any file), as the model resolves it. */
export function callsProjectFunction(context: AnalysisContext, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  try {
    return projectOf(context).callee(lintedFile(context), call)?.kind === 'function';
  } catch {
    // intentionally ignored: unresolved
    return false;
  }
}
