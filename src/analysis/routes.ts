/**
 * Route model: where the HTTP routes of a file are, for Express, Fastify, Koa (@koa/router,
 * koa-router), Hono, NestJS and the Next.js App Router, plus untracked receivers of the shape
 * `x.get('/literal', fn)` (most code passes `app`/`router` across files).
 *
 * API (all cached per file; the model is built lazily, on first use, in one walk of the tree):
 * - `getRouteModel(context)` → `RouteModel`: `routes` (one `Route` per declaration), `routers`
 *   (apps/routers/controllers with their resolved prefixes), `uses` (every `x.use(...)` /
 *   `register(...)` call, for "global middleware" questions such as a rate limiter applied to the
 *   whole app), `framework` guess of the file.
 * - `Route`: `framework`, `methods` (upper case; `ALL` for `app.all`/`@All`), `path` (full path with
 *   same-file prefixes resolved; the local path when the prefix is unknown; null when the path is
 *   not static), `pathParts` (the literal pieces `path` was built from, with their node and offsets
 *   in `path`, so a finding about one segment can be reported at the literal that holds it),
 *   `pathNode` (where path findings go: the local path literal, the Nest decorator, the Next
 *   exported handler), `pathComplete` (true when the full path is known to be the URL: the route
 *   hangs off an app created, exported or served in this file, a Nest controller or a Next route
 *   file), `node` (the declaration), `middleware` (nodes before the handler, Fastify
 *   `preHandler`/`onRequest`), `handlerNodes` (the raw handler arguments), `handlers` (the handler
 *   functions resolved in this file: inline functions, same-file functions and const arrow
 *   functions, `controller.method` on same-file object literals and classes, `this.method` in a
 *   class, bound methods `ctrl.show.bind(ctrl)`, wrapper calls such as `asyncHandler(fn)`, every
 *   function a same-file factory returns for `makeHandler(opts)` (see `functionsReturnedBy`), the
 *   last element of a handler array `[auth, show]`, Nest class methods, Next exported functions),
 *   `options` (Fastify route options object), `decorators` (Nest: class then method decorators),
 *   `router`.
 * - `functionsReturnedBy(factory, resolve, visitorKeys)` → the functions a factory function returns
 *   (the step a cross-file resolver reuses with its own `resolve`).
 * - `handlerContext(context, node)` → the routes whose handler contains `node`, directly or through
 *   same-file functions the handler calls (transitively, depth 4).
 * - `isRequestHandler(context, fn)` → true when `fn` is a handler of a route in this file, or has a
 *   request-handler signature: `(req, res[, next])`, `(err, req, res, next)`, `(request, reply)`,
 *   `(ctx[, next])` in a Koa file, `(c)` in a Hono file.
 * - `enclosingRequestHandler(context, node)` → the nearest enclosing function that
 *   `isRequestHandler`, or null.
 * - `locateSegment(sourceCode, route, start, end)` → the literal holding a segment of `route.path`
 *   (and its source range, for rename suggestions); `routeLabel(route)` → `GET /users/:id`.
 *
 * Cost: files that import no framework and contain no route-shaped text (`.get('/…'`, `.route(`,
 * `.register(`, `.use('…'`, `@Controller`) get an empty model without a walk — most files of a
 * backend. Route calls with a non-literal path in such files are therefore not modelled.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker, propertyName, type ImportTracker } from './imports.js';
import { getObjectLiteral, getProperty, getStaticString, getStaticValue, memberChainName, NOT_STATIC, unwrap } from './values.js';
import { pushChildren } from './walk.js';
import { trimEnd } from '../regex.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'nest' | 'next' | 'unknown';

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export interface PathPart {
  /** Text this piece contributes (without surrounding slashes). */
  text: string;
  /** The literal/decorator the text comes from (null for synthetic parts, e.g. Next file paths). */
  node: TSESTree.Node | null;
  /** Offsets of `text` in the route's full `path`. */
  start: number;
  end: number;
}

export interface RouterInfo {
  name: string;
  framework: Framework;
  /** Creation expression (`express.Router()`, `new Hono()`, `new Router({prefix})`), if seen. */
  creation: TSESTree.Node | null;
  /** Where the router is mounted in this file (`app.use('/x', router)`), if it is. */
  mount: TSESTree.Node | null;
  /** True when this router is an application root whose paths are the URLs. */
  root: boolean;
  /** Resolved prefix pieces (parents first). */
  prefix: { text: string; node: TSESTree.Node | null }[];
  /** Whether the whole prefix chain ends at a root. */
  complete: boolean;
  /** False when a prefix along this file's chain is not static (`app.use(base, router)`). */
  prefixKnown: boolean;
  /**
   * The outermost router of this file's chain (this router when it is not mounted here): the
   * object another file imports and mounts, so the project model follows the chain from it.
   */
  top: { name: string; creation: TSESTree.Node | null; root: boolean };
}

export interface Route {
  framework: Framework;
  methods: string[];
  path: string | null;
  localPath: string | null;
  pathParts: PathPart[];
  pathNode: TSESTree.Node;
  pathComplete: boolean;
  node: TSESTree.Node;
  router: RouterInfo | null;
  middleware: TSESTree.Node[];
  handlerNodes: TSESTree.Node[];
  handlers: FunctionNode[];
  options: TSESTree.ObjectExpression | null;
  decorators: TSESTree.Decorator[];
  /**
   * NestJS: the version the route declares (`@Version('2')`, the controller's `version`), and its
   * path without the `v<version>` segment, which is only in the URL under URI versioning.
   */
  nest?: { version: string | null; path: string | null };
}

export interface UseCall {
  call: TSESTree.CallExpression;
  /** `use`, `register`, or `route` (Hono `app.route('/x', sub)`: a mount, never middleware). */
  kind: 'use' | 'register' | 'route';
  router: RouterInfo | null;
  /** Static mount path, when the first argument is one. */
  path: string | null;
  /** Middleware/plugin arguments (path excluded). */
  args: TSESTree.Node[];
  /** The app or router `use`/`register` is called on (`app` in `app.use(…)`). */
  receiver: RouterInfo | null;
}

export interface RouteModel {
  framework: Framework;
  routes: Route[];
  routers: RouterInfo[];
  uses: UseCall[];
}

export const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
const NEST_METHODS: Record<string, string> = {
  Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS', All: 'ALL',
};
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Receivers that are HTTP clients, not servers: `axios.get('/x', cb)` is a request, not a route. */
const CLIENT_NAMES = new Set([
  'axios', 'request', 'superagent', 'got', 'http', 'https', 'needle', 'ky', 'supertest', 'agent', 'client',
  'httpclient', '$http', 'fetch', 'api.client', 'this.http', 'this.httpclient', 'this.client', 'cy', 'mock', 'nock',
  // front-end and mocking libraries that share the shape: jQuery `$.get(url, cb)`, msw `rest.get`,
  // Mirage `this.get` in `routes()`.
  '$', 'jquery', 'rest', 'this', 'fetchmock', 'mockserver',
]);

function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.ArrowFunctionExpression)
  );
}

function findVariable(sourceCode: SourceCode, node: TSESTree.Identifier): Variable | null {
  for (let s: TSESLint.Scope.Scope | null = sourceCode.getScope(node); s; s = s.upper) {
    const v = s.set.get(node.name);
    if (v) return v;
  }
  return null;
}

/**
 * For a Next.js route handler file (`…/app/users/[id]/route.ts`), the directories between the
 * leftmost `app` directory and `route.ext` (`/users/[id]`, or '' for `app/route.ts`); else null.
 * The same answer as `/(?:^|\/)app((?:\/[^/]+)*)\/route\.(?:[cm]?[jt]sx?)$/` gave by restarting at
 * every `/app`, which is quadratic: here one split, and no empty directory after `app`.
 */
export function nextRouteDir(file: string): string | null {
  const segs = file.split('/');
  if (segs.length < 2 || !/^route\.(?:[cm]?[jt]sx?)$/.test(segs[segs.length - 1]!)) return null;
  const lastEmpty = segs.lastIndexOf('', segs.length - 2);
  const app = segs.indexOf('app', lastEmpty + 1);
  if (app === -1 || app > segs.length - 2) return null;
  return segs.slice(app + 1, -1).map((s) => `/${s}`).join('');
}

/** Parts → full path string with offsets. */
function buildPath(pieces: { text: string; node: TSESTree.Node | null }[]): { path: string; parts: PathPart[] } {
  let path = '';
  const parts: PathPart[] = [];
  pieces.forEach((p, i) => {
    const last = i === pieces.length - 1;
    let t = p.text.replace(/^\/+/, '');
    if (!last) t = trimEnd(t, '/');
    if (!t) return;
    path += '/';
    parts.push({ text: t, node: p.node, start: path.length, end: path.length + t.length });
    path += t;
  });
  return { path: path || '/', parts };
}

class Builder {
  readonly routes: Route[] = [];
  readonly uses: UseCall[] = [];
  private readonly routerByKey = new Map<unknown, RouterState>();
  private readonly calls: TSESTree.CallExpression[] = [];
  private readonly classes: (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] = [];
  readonly fileFramework: Framework;
  private readonly tracker: ImportTracker;
  private readonly defaultExported = new Set<unknown>();
  private readonly factoryReturns = new Map<FunctionNode, FunctionNode[]>();

  constructor(private readonly sourceCode: SourceCode, context: Context) {
    this.tracker = getImportTracker(context);
    this.fileFramework = guessFramework(this.tracker);
    // Most files declare no routes: a text gate saves the walk. It passes any file importing a
    // framework, and any file with a route-shaped call (`.get('/…'`, `.route(`, `@Controller`…).
    if (this.fileFramework === 'unknown' && !ROUTE_TEXT.test(sourceCode.text)) {
      this.scanNext(context);
      return;
    }
    this.collect(sourceCode.ast);
    for (const stmt of sourceCode.ast.body) {
      if (stmt.type === AST_NODE_TYPES.ExportDefaultDeclaration && stmt.declaration.type === AST_NODE_TYPES.Identifier) {
        this.defaultExported.add(this.keyOf(stmt.declaration));
      }
    }
    // Creations and mounts first, so routes see their routers' prefixes whatever the source order.
    for (const call of this.calls) this.scanRouterCall(call);
    for (const call of this.calls) this.scanRouteCall(call);
    for (const cls of this.classes) this.scanNestController(cls);
    this.scanNext(context);
  }

  get routers(): RouterInfo[] {
    return [...new Set(this.routerByKey.values())].map((s) => this.info(s));
  }

  /** The router an expression (a `use` receiver) is, when it is one this file knows. */
  routerInfoOf(node: TSESTree.Node): RouterInfo | null {
    const n = unwrap(node);
    return this.routerByKey.has(this.keyOf(n)) || this.isKnownRouterExpr(n) ? this.info(this.router(n)) : null;
  }

  private collect(root: TSESTree.Node): void {
    const keys = this.sourceCode.visitorKeys;
    const stack: TSESTree.Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.CallExpression) this.calls.push(node);
      else if (
        (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) &&
        node.decorators.length
      ) {
        this.classes.push(node);
      }
      const k = keys[node.type];
      if (!k) continue;
      for (let i = k.length - 1; i >= 0; i--) {
        const child = (node as unknown as Record<string, unknown>)[k[i]!];
        if (Array.isArray(child)) {
          for (let j = child.length - 1; j >= 0; j--) {
            const c = child[j] as TSESTree.Node | null;
            if (c && typeof c.type === 'string') stack.push(c);
          }
        } else if (child && typeof (child as TSESTree.Node).type === 'string') {
          stack.push(child as TSESTree.Node);
        }
      }
    }
    // The stack walk visits in source order for siblings; calls are sorted to be safe.
    this.calls.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  }

  // ---------------------------------------------------------------- routers

  /** Identity of a receiver expression: its variable when it has one, else its dotted name. */
  private keyOf(node: TSESTree.Node): unknown {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.Identifier) return findVariable(this.sourceCode, n) ?? `global:${n.name}`;
    const name = memberChainName(n);
    if (name) return `member:${name}`;
    return n;
  }

  /** What an expression creates, when it is a recognised app/router constructor. */
  private creationOf(node: TSESTree.Node): { framework: Framework; root: boolean; prefix: TSESTree.Node | null } | null {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const t = this.tracker;
      if (t.matches(n.callee, 'express', [])) return { framework: 'express', root: true, prefix: null };
      if (t.matches(n.callee, 'express', ['Router'])) return { framework: 'express', root: false, prefix: null };
      if (t.matches(n.callee, 'fastify', []) || t.matches(n.callee, 'fastify', ['fastify'])) {
        return { framework: 'fastify', root: true, prefix: null };
      }
      // Koa routers can also be called without `new` in old koa-router versions.
      if (t.matches(n.callee, ['@koa/router', 'koa-router'], []) || t.matches(n.callee, ['@koa/router', 'koa-router'], ['Router'])) {
        return { framework: 'koa', root: false, prefix: this.optionProp(n.arguments[0], 'prefix') };
      }
    }
    if (n.type === AST_NODE_TYPES.NewExpression) {
      const t = this.tracker;
      if (t.matches(n.callee, ['@koa/router', 'koa-router'], []) || t.matches(n.callee, ['@koa/router', 'koa-router'], ['Router'])) {
        return { framework: 'koa', root: false, prefix: this.optionProp(n.arguments[0], 'prefix') };
      }
      if (t.matches(n.callee, 'hono', ['Hono']) || t.matches(n.callee, 'hono', [])) {
        return { framework: 'hono', root: false, prefix: null };
      }
      if (t.matches(n.callee, 'koa', [])) return { framework: 'koa', root: true, prefix: null };
    }
    return null;
  }

  private optionProp(arg: TSESTree.Node | undefined, name: string): TSESTree.Node | null {
    const obj = getObjectLiteral(this.sourceCode, arg);
    return obj ? getProperty(this.sourceCode, obj, name) : null;
  }

  private router(receiver: TSESTree.Node): RouterState {
    const n = unwrap(receiver);
    // Chained declarations (`app.get(...).post(...)`, Hono) share the receiver of the first call.
    if (
      n.type === AST_NODE_TYPES.CallExpression &&
      n.callee.type === AST_NODE_TYPES.MemberExpression &&
      HTTP_METHODS.has(propertyName(n.callee) ?? '')
    ) {
      return this.router(n.callee.object);
    }
    const key = this.keyOf(n);
    let state = this.routerByKey.get(key);
    if (state) return state;
    state = {
      name: this.sourceCode.getText(n).slice(0, 60),
      framework: 'unknown',
      creation: null,
      root: false,
      ownPrefix: [],
      parent: null,
      mountPrefix: [],
      mount: null,
    };
    this.routerByKey.set(key, state);
    // Find the creation: `const app = express()`, or the expression itself (`new Hono().basePath('/x')`).
    let init: TSESTree.Node | null = null;
    if (n.type === AST_NODE_TYPES.Identifier) {
      const v = findVariable(this.sourceCode, n);
      const def = v?.defs.length === 1 ? v.defs[0] : undefined;
      if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) init = def.node.init;
    } else {
      init = n;
    }
    if (init) this.applyCreation(state, init);
    if (this.defaultExported.has(key) && state.framework === 'hono') state.root = true;
    return state;
  }

  private applyCreation(state: RouterState, init: TSESTree.Node): void {
    const n = unwrap(init);
    // `new Hono().basePath('/api')`, `app.basePath('/v1')` (a derived app under its parent).
    if (
      n.type === AST_NODE_TYPES.CallExpression &&
      n.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(n.callee) === 'basePath'
    ) {
      const p = getStaticString(this.sourceCode, n.arguments[0]);
      const base = unwrap(n.callee.object);
      const created = this.creationOf(base);
      if (created) {
        state.framework = created.framework;
        state.creation = n;
        state.ownPrefix = p !== null ? [{ text: p, node: n.arguments[0]! }] : null;
      } else {
        const parent = this.router(base);
        state.framework = parent.framework === 'unknown' ? 'hono' : parent.framework;
        state.creation = n;
        state.parent = parent;
        state.mount = n;
        if (p !== null) state.mountPrefix = [{ text: p, node: n.arguments[0]! }];
        else state.mountPrefix = null;
      }
      return;
    }
    const created = this.creationOf(n);
    if (!created) return;
    state.framework = created.framework;
    state.root = created.root;
    state.creation = n;
    if (created.prefix) {
      const p = getStaticString(this.sourceCode, created.prefix);
      state.ownPrefix = p !== null ? [{ text: p, node: created.prefix }] : null;
    }
  }

  private scanRouterCall(call: TSESTree.CallExpression): void {
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = propertyName(callee);
    if (method === 'use' || method === 'route' || method === 'register' || method === 'prefix') {
      const receiverKnown = this.isKnownRouterExpr(callee.object);
      if (method === 'prefix' && call.arguments.length === 1 && receiverKnown) {
        // Koa `router.prefix('/x')`.
        const st = this.router(callee.object);
        const p = getStaticString(this.sourceCode, call.arguments[0]);
        if (st.ownPrefix && p !== null) st.ownPrefix.push({ text: p, node: call.arguments[0]! });
        return;
      }
      if (method === 'route') {
        // Hono `app.route('/x', sub)`; Express `app.route('/x')` (one argument) is a route chain.
        if (call.arguments.length !== 2) return;
        this.uses.push({ call, kind: 'route', router: null, path: getStaticString(this.sourceCode, call.arguments[0]), args: [call.arguments[1]!], receiver: null });
        this.mount(call, callee.object, call.arguments[0]!, [call.arguments[1]!]);
        return;
      }
      if (method === 'use') {
        const [first, ...rest] = call.arguments;
        if (!first) return;
        const p = getStaticValue(this.sourceCode, first);
        const hasPath = typeof p === 'string' || (p === NOT_STATIC && first.type !== AST_NODE_TYPES.Identifier && isPathLike(first));
        const args = hasPath ? rest : call.arguments;
        this.uses.push({
          call,
          kind: 'use',
          router: null,
          path: typeof p === 'string' ? p : null,
          args: [...args],
          receiver: null,
        });
        if (hasPath) this.mount(call, callee.object, first, rest);
        return;
      }
      if (method === 'register') {
        const [plugin, opts] = call.arguments;
        if (!plugin) return;
        this.uses.push({ call, kind: 'register', router: null, path: null, args: [plugin], receiver: null });
        const fn = this.pluginFunction(plugin);
        const param = fn?.params[0];
        if (!fn || !param || param.type !== AST_NODE_TYPES.Identifier) return;
        const prefixNode = opts ? this.optionProp(opts, 'prefix') : null;
        const child = this.router(param);
        const parent = this.router(callee.object);
        if (parent.framework === 'unknown') parent.framework = 'fastify';
        child.framework = 'fastify';
        child.parent = parent;
        child.mount = call;
        const p = prefixNode ? getStaticString(this.sourceCode, prefixNode) : '';
        child.mountPrefix = p === null ? null : p ? [{ text: p, node: prefixNode }] : [];
      }
    }
  }

  /** The function of a Fastify plugin argument: inline, same-file, or wrapped in `fp(fn)`. */
  private pluginFunction(node: TSESTree.Node): FunctionNode | null {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.CallExpression && n.arguments[0]) return this.pluginFunction(n.arguments[0]);
    return this.resolveFunction(n);
  }

  private isKnownRouterExpr(node: TSESTree.Node): boolean {
    const n = unwrap(node);
    if (this.routerByKey.has(this.keyOf(n))) return true;
    if (n.type === AST_NODE_TYPES.Identifier) {
      const v = findVariable(this.sourceCode, n);
      const def = v?.defs.length === 1 ? v.defs[0] : undefined;
      if (def?.type === 'Variable' && def.node.init) return !!this.creationOf(this.beneathBasePath(def.node.init));
    }
    return false;
  }

  /** `new Hono().basePath('/api')` → `new Hono()`: the app a derived app is made from. */
  private beneathBasePath(node: TSESTree.Node): TSESTree.Node {
    let n = unwrap(node);
    for (let i = 0; i < 8 && n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(n.callee) === 'basePath'; i++) {
      n = unwrap(n.callee.object);
    }
    return n;
  }

  private mount(call: TSESTree.CallExpression, parentExpr: TSESTree.Node, pathNode: TSESTree.Node, args: readonly TSESTree.Node[]): void {
    const p = getStaticString(this.sourceCode, pathNode);
    for (const arg of args) {
      let a = unwrap(arg);
      // Koa `parent.use('/x', child.routes())`.
      if (
        a.type === AST_NODE_TYPES.CallExpression &&
        a.callee.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(a.callee) === 'routes'
      ) {
        a = unwrap(a.callee.object);
      }
      if (a.type !== AST_NODE_TYPES.Identifier) continue;
      if (!this.isKnownRouterExpr(a) && !this.isRouterVariable(a)) continue;
      const child = this.router(a);
      if (child.parent) continue; // first mount wins
      const parent = this.router(parentExpr);
      if (child === parent) continue;
      child.parent = parent;
      child.mount = call;
      child.mountPrefix = p === null ? null : [{ text: p, node: pathNode }];
    }
  }

  /** A same-file variable used as a route receiver somewhere (`router.get(...)`). */
  private isRouterVariable(id: TSESTree.Identifier): boolean {
    const v = findVariable(this.sourceCode, id);
    if (!v) return false;
    return v.references.some((r) => {
      const parent = r.identifier.parent;
      return (
        parent?.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === r.identifier &&
        HTTP_METHODS.has(propertyName(parent) ?? '') &&
        parent.parent?.type === AST_NODE_TYPES.CallExpression
      );
    });
  }

  private info(state: RouterState): RouterInfo {
    if (state.info) return state.info;
    const prefix: { text: string; node: TSESTree.Node | null }[] = [];
    let complete = true;
    let prefixKnown = true;
    const seen = new Set<RouterState>();
    let framework = state.framework;
    const chain: RouterState[] = [];
    for (let s: RouterState | null = state; s && !seen.has(s); s = s.parent) {
      seen.add(s);
      chain.unshift(s);
    }
    for (const s of chain) {
      if (s.parent) {
        if (s.mountPrefix === null) complete = prefixKnown = false;
        else prefix.push(...s.mountPrefix);
      }
      if (s.ownPrefix === null) complete = prefixKnown = false;
      else prefix.push(...s.ownPrefix);
      if (framework === 'unknown') framework = s.framework;
    }
    if (!chain[0]!.root) complete = false;
    state.info = {
      name: state.name,
      framework: framework === 'unknown' ? this.fileFramework : framework,
      creation: state.creation,
      mount: state.mount,
      root: state.root,
      prefix,
      complete,
      prefixKnown,
      top: { name: chain[0]!.name, creation: chain[0]!.creation, root: chain[0]!.root },
    };
    return state.info;
  }

  // ---------------------------------------------------------------- routes

  private scanRouteCall(call: TSESTree.CallExpression): void {
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = propertyName(callee);
    if (!name) return;
    if (HTTP_METHODS.has(name)) {
      this.scanMethodCall(call, callee, name);
    } else if (name === 'route' && call.arguments.length === 1) {
      this.scanFastifyRoute(call, callee);
    } else if (name === 'on' && call.arguments.length >= 3) {
      this.scanHonoOn(call, callee);
    }
  }

  private scanMethodCall(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, name: string): void {
    const args = call.arguments;
    const receiver = unwrap(callee.object);
    // Express `app.route('/x').get(h).post(h)`.
    const chainPath = this.routeChainPath(receiver);
    if (chainPath) {
      if (args.length < 1 || !args.every((a) => isFunctionish(a))) return;
      const state = this.router(chainPath.receiver);
      this.addRoute({
        call,
        state,
        method: name,
        pathArg: chainPath.path,
        rest: args,
      });
      return;
    }
    if (args.length < 2) return;
    let pathArg = args[0]!;
    let restStart = 1;
    const last = args[args.length - 1]!;
    if (!isFunctionish(last)) return;
    const known = this.isKnownRouterExpr(receiver) || this.isChainedRoute(receiver);
    let pathValue = getStaticValue(this.sourceCode, pathArg);
    // koa-router named routes: `router.get('user', '/users/:id', handler)`.
    if (args.length >= 3 && typeof pathValue === 'string' && !pathValue.startsWith('/')) {
      const second = getStaticValue(this.sourceCode, args[1]);
      if (typeof second === 'string' && second.startsWith('/')) {
        pathArg = args[1]!;
        pathValue = second;
        restStart = 2;
      }
    }
    if (!known) {
      // Untracked receivers: only the precise shape counts.
      if (typeof pathValue !== 'string' || !pathValue.startsWith('/')) return;
      const rname = (memberChainName(receiver) ?? '').toLowerCase();
      if (CLIENT_NAMES.has(rname) || /(?:^|\.)(?:axios|https?|\w*client|request|agent)$/.test(rname)) return;
      if (receiver.type === AST_NODE_TYPES.CallExpression && !this.isChainedRoute(receiver)) return;
    } else if (pathValue !== NOT_STATIC && typeof pathValue !== 'string') {
      return;
    }
    this.addRoute({ call, state: this.router(receiver), method: name, pathArg, rest: args.slice(restStart) });
  }

  private isChainedRoute(node: TSESTree.Node): boolean {
    return (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      HTTP_METHODS.has(propertyName(node.callee) ?? '') &&
      this.routes.some((r) => r.node === node)
    );
  }

  /** `app.route('/x')` (possibly followed by `.get(h)` calls) → its receiver and path. */
  private routeChainPath(node: TSESTree.Node): { receiver: TSESTree.Node; path: TSESTree.Node } | null {
    let n = unwrap(node);
    while (
      n.type === AST_NODE_TYPES.CallExpression &&
      n.callee.type === AST_NODE_TYPES.MemberExpression &&
      HTTP_METHODS.has(propertyName(n.callee) ?? '')
    ) {
      n = unwrap(n.callee.object);
    }
    if (
      n.type === AST_NODE_TYPES.CallExpression &&
      n.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(n.callee) === 'route' &&
      n.arguments.length === 1 &&
      n.arguments[0]!.type !== AST_NODE_TYPES.ObjectExpression
    ) {
      return { receiver: n.callee.object, path: n.arguments[0]! };
    }
    return null;
  }

  private scanFastifyRoute(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
    const opts = getObjectLiteral(this.sourceCode, call.arguments[0]);
    if (!opts) return;
    const url = getProperty(this.sourceCode, opts, 'url') ?? getProperty(this.sourceCode, opts, 'path');
    const handler = getProperty(this.sourceCode, opts, 'handler');
    const methodNode = getProperty(this.sourceCode, opts, 'method');
    if (!url || !handler || !methodNode) return;
    const methods = this.methodList(methodNode);
    if (!methods.length) return;
    const state = this.router(callee.object);
    if (state.framework === 'unknown') state.framework = 'fastify';
    const middleware: TSESTree.Node[] = [];
    for (const hook of ['onRequest', 'preParsing', 'preValidation', 'preHandler']) {
      const h = getProperty(this.sourceCode, opts, hook);
      if (h) middleware.push(...(h.type === AST_NODE_TYPES.ArrayExpression ? h.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== AST_NODE_TYPES.SpreadElement) : [h]));
    }
    this.pushRoute(call, state, methods, url, middleware, [handler], opts, []);
  }

  private scanHonoOn(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
    const [m, p, ...rest] = call.arguments;
    const methods = this.methodList(m!);
    if (!methods.length || !rest.length || !isFunctionish(rest[rest.length - 1]!)) return;
    const state = this.router(callee.object);
    this.pushRoute(call, state, methods, p!, rest.slice(0, -1), [rest[rest.length - 1]!], null, []);
  }

  private methodList(node: TSESTree.Node): string[] {
    const n = unwrap(node);
    const items = n.type === AST_NODE_TYPES.ArrayExpression ? n.elements : [n];
    const out: string[] = [];
    for (const it of items) {
      if (!it || it.type === AST_NODE_TYPES.SpreadElement) return [];
      const v = getStaticString(this.sourceCode, it);
      if (!v || !HTTP_METHODS.has(v.toLowerCase())) return [];
      out.push(v.toUpperCase());
    }
    return out;
  }

  private addRoute(r: { call: TSESTree.CallExpression; state: RouterState; method: string; pathArg: TSESTree.Node; rest: readonly TSESTree.Node[] }): void {
    const method = r.method === 'del' ? 'DELETE' : r.method.toUpperCase();
    const rest = [...r.rest];
    let handler = rest.pop()!;
    // Express flattens arrays: in `app.get('/x', [auth, show])` the last element is the handler.
    const lastArg = unwrap(handler);
    if (lastArg.type === AST_NODE_TYPES.ArrayExpression) {
      const els = lastArg.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== AST_NODE_TYPES.SpreadElement);
      if (els.length === lastArg.elements.length && els.length > 0) {
        handler = els.pop()!;
        rest.push(...els);
      }
    }
    let options: TSESTree.ObjectExpression | null = null;
    const middleware: TSESTree.Node[] = [];
    for (const a of rest) {
      const obj = a.type === AST_NODE_TYPES.ObjectExpression ? a : null;
      if (obj) {
        // Fastify `fastify.get('/x', { preHandler, schema, config }, handler)`.
        options = obj;
        for (const hook of ['onRequest', 'preParsing', 'preValidation', 'preHandler']) {
          const h = getProperty(this.sourceCode, obj, hook);
          if (h) middleware.push(...(h.type === AST_NODE_TYPES.ArrayExpression ? h.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== AST_NODE_TYPES.SpreadElement) : [h]));
        }
      } else if (a.type === AST_NODE_TYPES.ArrayExpression) {
        for (const e of a.elements) if (e && e.type !== AST_NODE_TYPES.SpreadElement) middleware.push(e);
      } else {
        middleware.push(a);
      }
    }
    if (options && r.state.framework === 'unknown') r.state.framework = 'fastify';
    this.pushRoute(r.call, r.state, [method], r.pathArg, middleware, [handler], options, []);
  }

  private pushRoute(
    node: TSESTree.Node,
    state: RouterState | null,
    methods: string[],
    pathArg: TSESTree.Node | null,
    middleware: TSESTree.Node[],
    handlerNodes: TSESTree.Node[],
    options: TSESTree.ObjectExpression | null,
    decorators: TSESTree.Decorator[],
    extra?: { framework: Framework; prefix: { text: string; node: TSESTree.Node | null }[]; complete: boolean; localPath: string | null; pathNode: TSESTree.Node },
  ): void {
    const router = state ? this.info(state) : null;
    let localPath: string | null;
    let pieces: { text: string; node: TSESTree.Node | null }[];
    let complete: boolean;
    if (extra) {
      localPath = extra.localPath;
      pieces = localPath === null ? [] : [...extra.prefix, { text: localPath, node: extra.pathNode }];
      complete = extra.complete;
    } else {
      localPath = pathArg ? getStaticString(this.sourceCode, pathArg) : null;
      pieces = localPath === null ? [] : [...(router?.prefix ?? []), { text: localPath, node: pathArg }];
      complete = !!router?.complete;
    }
    const built = localPath === null ? null : buildPath(pieces);
    const handlers: FunctionNode[] = [];
    for (const h of handlerNodes) {
      for (const fn of this.resolveHandlers(h)) if (!handlers.includes(fn)) handlers.push(fn);
    }
    this.routes.push({
      framework: extra?.framework ?? router?.framework ?? this.fileFramework,
      methods,
      path: built?.path ?? null,
      localPath,
      pathParts: built?.parts ?? [],
      pathNode: extra?.pathNode ?? pathArg ?? node,
      pathComplete: complete && built !== null,
      node,
      router,
      middleware,
      handlerNodes,
      handlers,
      options,
      decorators,
    });
  }

  /**
   * The same-file functions a handler argument stands for: the function itself, a reference to it,
   * the function a wrapper wraps (`asyncHandler(fn)`), a bound method (`ctrl.show.bind(ctrl)`,
   * `this.list.bind(this)`), or every function a factory returns (`makeHandler(opts)`).
   */
  resolveHandlers(node: TSESTree.Node, depth = 0): FunctionNode[] {
    if (depth > 3) return [];
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(n.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'bind') {
        return this.resolveHandlers(callee.object, depth + 1);
      }
      // A wrapper that takes the handler: the wrapped function is what the route runs.
      for (let i = n.arguments.length - 1; i >= 0; i--) {
        const fns = this.resolveHandlers(n.arguments[i]!, depth + 1);
        if (fns.length) return fns;
      }
      // A factory: the route runs what the call returns.
      const factory = this.resolveFunction(callee);
      if (!factory) return [];
      // Once per factory: factories returning calls of factories must not be walked again per path,
      // and one that returns a call of itself yields nothing more.
      let fns = this.factoryReturns.get(factory);
      if (!fns) {
        this.factoryReturns.set(factory, []);
        fns = functionsReturnedBy(factory, (e) => this.resolveHandlers(e, depth + 1), this.sourceCode.visitorKeys);
        this.factoryReturns.set(factory, fns);
      }
      return fns;
    }
    const fn = this.resolveFunction(n);
    return fn ? [fn] : [];
  }

  resolveFunction(node: TSESTree.Node): FunctionNode | null {
    const n = unwrap(node);
    if (isFunction(n)) return n;
    if (n.type === AST_NODE_TYPES.Identifier) {
      const v = findVariable(this.sourceCode, n);
      const def = v?.defs.length === 1 ? v.defs[0] : undefined;
      if (!def) return null;
      if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
      if (def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) {
        const init = unwrap(def.node.init);
        if (isFunction(init)) return init;
      }
      return null;
    }
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(n);
      if (!name) return null;
      // `controller.list` on a same-file object literal.
      const obj = getObjectLiteral(this.sourceCode, n.object);
      if (obj) {
        const p = getProperty(this.sourceCode, obj, name);
        if (p && isFunction(unwrap(p))) return unwrap(p) as FunctionNode;
        const method = obj.properties.find(
          (pr): pr is TSESTree.Property => pr.type === AST_NODE_TYPES.Property && propertyName(pr) === name && isFunction(pr.value),
        );
        return method ? (method.value as FunctionNode) : null;
      }
      // `this.list` inside a class (`this.router.get('/x', this.list.bind(this))`).
      if (n.object.type === AST_NODE_TYPES.ThisExpression) return classMethod(n, name);
      // `controller.list` where `const controller = new UsersController()` in this file.
      const cls = this.classOf(n.object);
      if (cls) return methodOf(cls.body, name);
    }
    return null;
  }

  private classOf(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
    const n = unwrap(node);
    if (n.type !== AST_NODE_TYPES.Identifier) return null;
    const v = findVariable(this.sourceCode, n);
    const def = v?.defs.length === 1 ? v.defs[0] : undefined;
    if (def?.type !== 'Variable' || !def.node.init) return null;
    const init = unwrap(def.node.init);
    if (init.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return null;
    const cv = findVariable(this.sourceCode, init.callee);
    const cdef = cv?.defs.length === 1 ? cv.defs[0] : undefined;
    return cdef?.type === 'ClassName' ? (cdef.node as TSESTree.ClassDeclaration) : null;
  }

  // ---------------------------------------------------------------- NestJS

  private nestDecorator(d: TSESTree.Decorator): { name: string; call: TSESTree.CallExpression | null } | null {
    const e = d.expression;
    if (e.type === AST_NODE_TYPES.CallExpression && e.callee.type === AST_NODE_TYPES.Identifier) return { name: e.callee.name, call: e };
    if (e.type === AST_NODE_TYPES.Identifier) return { name: e.name, call: null };
    return null;
  }

  private scanNestController(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
    const ctrl = cls.decorators.map((d) => ({ d, info: this.nestDecorator(d) })).find((x) => x.info?.name === 'Controller');
    if (!ctrl || !this.fromNest(ctrl.d)) return;
    const prefix: { text: string; node: TSESTree.Node | null }[] = [];
    let complete = true;
    let version: { text: string; node: TSESTree.Node } | null = null;
    const arg = ctrl.info!.call?.arguments[0];
    if (arg) {
      const obj = getObjectLiteral(this.sourceCode, arg);
      const pathNode = obj ? getProperty(this.sourceCode, obj, 'path') : arg;
      const versionNode = obj ? getProperty(this.sourceCode, obj, 'version') : null;
      version = versionNode ? this.nestVersion(versionNode) : null;
      if (pathNode) {
        const p = this.firstString(pathNode);
        if (p === null) complete = false;
        else prefix.push({ text: p, node: pathNode });
      }
    }
    for (const el of cls.body.body) {
      if (el.type !== AST_NODE_TYPES.MethodDefinition || !el.decorators.length) continue;
      for (const d of el.decorators) {
        const info = this.nestDecorator(d);
        const method = info && NEST_METHODS[info.name];
        if (!method) continue;
        const pArg = info.call?.arguments[0];
        const local = pArg ? this.firstString(pArg) : '';
        const fn = el.value as TSESTree.FunctionExpression;
        // URI versioning puts `v<version>` before the controller path; `@Version()` on the method wins.
        const methodVersion = el.decorators
          .map((x) => this.nestDecorator(x))
          .find((x) => x?.name === 'Version')?.call?.arguments[0];
        const v = (methodVersion && this.nestVersion(methodVersion)) || version;
        this.pushRoute(el, null, [method], null, [], [fn], null, [...cls.decorators, ...el.decorators], {
          framework: 'nest',
          prefix: v ? [v, ...prefix] : prefix,
          complete,
          localPath: local,
          pathNode: pArg ?? d,
        });
        const pushed = this.routes[this.routes.length - 1]!;
        const plain = local === null ? null : buildPath([...prefix, { text: local, node: null }]).path;
        pushed.nest = { version: v ? v.text.slice(1) : null, path: complete ? plain : null };
      }
    }
  }

  /** `version: '1'`, `@Version('2')`, `version: ['1', '2']` (first) → `v1`. */
  private nestVersion(node: TSESTree.Node): { text: string; node: TSESTree.Node } | null {
    const n = unwrap(node);
    const first = n.type === AST_NODE_TYPES.ArrayExpression ? n.elements[0] : n;
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
    const v = getStaticValue(this.sourceCode, first);
    return typeof v === 'string' || typeof v === 'number' ? { text: `v${v}`, node: first } : null;
  }

  private firstString(node: TSESTree.Node): string | null {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.ArrayExpression) {
      const first = n.elements[0];
      return first && first.type !== AST_NODE_TYPES.SpreadElement ? getStaticString(this.sourceCode, first) : null;
    }
    return getStaticString(this.sourceCode, n);
  }

  private fromNest(d: TSESTree.Decorator): boolean {
    const e = d.expression.type === AST_NODE_TYPES.CallExpression ? d.expression.callee : d.expression;
    const ref = this.tracker.resolve(e);
    return !ref || ref.source.startsWith('@nestjs/');
  }

  // ---------------------------------------------------------------- Next.js

  private scanNext(context: Context): void {
    const file = (context.physicalFilename ?? context.filename).replace(/\\/g, '/');
    const dir = nextRouteDir(file);
    if (dir === null) return;
    const segs = dir
      .split('/')
      .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
    const localPath = '/' + segs.join('/');
    for (const stmt of this.sourceCode.ast.body) {
      if (stmt.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
      const d = stmt.declaration;
      if (d?.type === AST_NODE_TYPES.FunctionDeclaration && d.id && NEXT_METHODS.has(d.id.name)) {
        this.pushNext(d, d.id.name, d, localPath, d.id);
      } else if (d?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const decl of d.declarations) {
          if (decl.id.type === AST_NODE_TYPES.Identifier && NEXT_METHODS.has(decl.id.name) && decl.init) {
            this.pushNext(decl, decl.id.name, decl.init, localPath, decl.id);
          }
        }
      } else if (!d) {
        for (const spec of stmt.specifiers) {
          const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : String(spec.exported.value);
          if (NEXT_METHODS.has(exported) && !stmt.source) this.pushNext(spec, exported, spec.local, localPath, spec.exported);
        }
      }
    }
  }

  private pushNext(node: TSESTree.Node, method: string, handler: TSESTree.Node, localPath: string, at: TSESTree.Node): void {
    this.pushRoute(node, null, [method], null, [], [handler], null, [], {
      framework: 'next',
      prefix: [],
      complete: true,
      localPath,
      pathNode: at,
    });
    // The path comes from the file system: no literal holds it.
    const r = this.routes[this.routes.length - 1]!;
    for (const p of r.pathParts) p.node = null;
  }
}

interface RouterState {
  name: string;
  framework: Framework;
  creation: TSESTree.Node | null;
  root: boolean;
  /** null = a prefix exists but is not static. */
  ownPrefix: { text: string; node: TSESTree.Node | null }[] | null;
  parent: RouterState | null;
  mountPrefix: { text: string; node: TSESTree.Node | null }[] | null;
  mount: TSESTree.Node | null;
  info?: RouterInfo;
}

function isPathLike(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.TemplateLiteral || node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.BinaryExpression;
}

/** A function, a reference to one, or a wrapper call: what a route's last argument looks like. */
function isFunctionish(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return (
    isFunction(n) ||
    n.type === AST_NODE_TYPES.Identifier ||
    n.type === AST_NODE_TYPES.MemberExpression ||
    n.type === AST_NODE_TYPES.CallExpression ||
    n.type === AST_NODE_TYPES.ArrayExpression
  );
}

// A path may open with a constant (`app.get(`${API_PATH}/x`, …)`): an interpolation followed by
// `/`, or a whole-template path followed by more arguments (`map.get(`${key}`)` stays out).
const ROUTE_TEXT =
  /\.(?:get|post|put|patch|delete|del|head|options|all)\s*\(\s*(?:['"`]\/|`\$\{[\w.]+\}(?:\/|`\s*,))|\.(?:route|register)\s*\(|@Controller\b|\.use\s*\(\s*['"`]/;

/** The server frameworks a file's imports name (`hono/*`: any subpath). */
const FRAMEWORK_MODULES: readonly (readonly [Exclude<Framework, 'unknown'>, readonly string[]])[] = [
  ['express', ['express']],
  ['fastify', ['fastify', 'fastify-plugin']],
  ['koa', ['koa', '@koa/router', 'koa-router']],
  ['hono', ['hono', 'hono/*']],
  ['nest', ['@nestjs/common']],
  ['next', ['next/server']],
];

function namesFramework(source: string, modules: readonly string[]): boolean {
  return modules.some((m) => (m.endsWith('/*') ? source.startsWith(m.slice(0, -1)) : source === m));
}

function guessFramework(t: ImportTracker): Framework {
  const found = FRAMEWORK_MODULES.filter(([, modules]) => t.usesAny(modules)).map(([f]) => f);
  return found.length === 1 ? found[0]! : 'unknown';
}

/**
 * Whether the route model can find a route in a file, asked of its path, text and import
 * specifiers alone: the gate its builder applies (a framework import, a route-shaped call) plus
 * the Next.js route-file layout. A file failing it declares no route the model would see, so the
 * project-wide indexes need not parse it.
 */
export function mayHoldRoutes(file: string, text: string, specifiers: readonly string[]): boolean {
  if (nextRouteDir(file.replace(/\\/g, '/')) !== null || ROUTE_TEXT.test(text)) return true;
  return specifiers.some((s) => {
    const source = s.startsWith('node:') ? s.slice(5) : s;
    return FRAMEWORK_MODULES.some(([, modules]) => namesFramework(source, modules));
  });
}

// ---------------------------------------------------------------- public API

interface FileModel {
  model: RouteModel;
  builder: Builder;
  reach?: Map<TSESTree.Node, Route[]>;
}

const models = new WeakMap<object, FileModel>();

function fileModel(context: Context): FileModel {
  const ast = context.sourceCode.ast;
  let fm = models.get(ast);
  if (!fm) {
    const builder = new Builder(context.sourceCode, context);
    fm = {
      builder,
      model: { framework: builder.fileFramework, routes: builder.routes, routers: builder.routers, uses: builder.uses },
    };
    for (const u of fm.model.uses) {
      const callee = u.call.callee as TSESTree.MemberExpression;
      u.router = fm.model.routers.find((r) => r.creation === callee.object) ?? null;
      u.receiver = builder.routerInfoOf(callee.object);
    }
    models.set(ast, fm);
  }
  return fm;
}

/** The app or router an expression of the file is (a `use` receiver, an argument), when it is one. */
export function routerInfoOf(context: Context, node: TSESTree.Node): RouterInfo | null {
  return fileModel(context).builder.routerInfoOf(node);
}

/** The routes, routers and `use`/`register` calls of the file being linted (built once per file). */
export function getRouteModel(context: Context): RouteModel {
  return fileModel(context).model;
}

const MAX_CALL_DEPTH = 4;

/** Map from function node → routes whose handler reaches it through same-file calls. */
function reachMap(context: Context, fm: FileModel): Map<TSESTree.Node, Route[]> {
  if (fm.reach) return fm.reach;
  const reach = new Map<TSESTree.Node, Route[]>();
  const keys = context.sourceCode.visitorKeys;
  const calleesOf = new Map<TSESTree.Node, FunctionNode[]>();
  const callees = (fn: FunctionNode): FunctionNode[] => {
    let out = calleesOf.get(fn);
    if (out) return out;
    out = [];
    calleesOf.set(fn, out);
    const stack: TSESTree.Node[] = [fn.body];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const target = resolveCallee(context, fm.builder, node.callee);
        if (target && target !== fn) out.push(target);
      }
      // Nested callbacks run as part of the handler (`.then(() => …)`): walk into them too.
      pushChildren(stack, node, keys);
    }
    return out;
  };
  for (const route of fm.model.routes) {
    const seen = new Set<TSESTree.Node>();
    let frontier: FunctionNode[] = [...route.handlers];
    for (let depth = 0; depth <= MAX_CALL_DEPTH && frontier.length; depth++) {
      const next: FunctionNode[] = [];
      for (const fn of frontier) {
        if (seen.has(fn)) continue;
        seen.add(fn);
        const list = reach.get(fn) ?? [];
        if (!list.includes(route)) list.push(route);
        reach.set(fn, list);
        if (depth < MAX_CALL_DEPTH) next.push(...callees(fn));
      }
      frontier = next;
    }
  }
  fm.reach = reach;
  return reach;
}

function resolveCallee(context: Context, builder: Builder, callee: TSESTree.Node): FunctionNode | null {
  const n = unwrap(callee);
  // `helper()`, `this.helper()` (the same class's method), `obj.helper()` on a same-file object or class.
  if (n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression) return builder.resolveFunction(n);
  void context;
  return null;
}

/** The method `name` of the class body that encloses `node` (`this.name` inside a class). */
function classMethod(node: TSESTree.Node, name: string): FunctionNode | null {
  let cls: TSESTree.Node | undefined = node.parent;
  while (cls && cls.type !== AST_NODE_TYPES.ClassBody) cls = cls.parent;
  return cls ? methodOf(cls as TSESTree.ClassBody, name) : null;
}

function methodOf(body: TSESTree.ClassBody, name: string): FunctionNode | null {
  for (const el of body.body) {
    if (
      (el.type === AST_NODE_TYPES.MethodDefinition || el.type === AST_NODE_TYPES.PropertyDefinition) &&
      !el.computed &&
      el.key.type === AST_NODE_TYPES.Identifier &&
      el.key.name === name
    ) {
      const v = el.value && unwrap(el.value);
      if (v && isFunction(v)) return v;
    }
  }
  return null;
}

/**
 * The functions `factory` returns: the body of `(opts) => (req, res) => …`, and the value of every
 * `return` of its own body (returns inside nested functions belong to those), both branches of a
 * conditional. `resolve` turns a returned expression into functions (an inline function, a
 * reference, a wrapper call): the route model passes its same-file resolver; a cross-file
 * resolver can pass one that follows imports, with the factory found in another file.
 */
export function functionsReturnedBy(
  factory: FunctionNode,
  resolve: (returned: TSESTree.Node) => readonly FunctionNode[],
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): FunctionNode[] {
  const out: FunctionNode[] = [];
  const add = (expr: TSESTree.Node): void => {
    const e = unwrap(expr);
    if (e.type === AST_NODE_TYPES.ConditionalExpression) {
      add(e.consequent);
      add(e.alternate);
      return;
    }
    for (const fn of resolve(e)) if (!out.includes(fn)) out.push(fn);
  };
  if (factory.body.type !== AST_NODE_TYPES.BlockStatement) {
    add(factory.body);
    return out;
  }
  const stack: TSESTree.Node[] = [factory.body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) add(node.argument);
      continue;
    }
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassBody) continue;
    pushChildren(stack, node, visitorKeys);
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * The routes whose handler contains `node`, directly or through same-file functions the handler
 * calls (transitively, depth 4). Empty when `node` is not in request-handling code of this file.
 */
export function handlerContext(context: Context, node: TSESTree.Node): Route[] {
  const fm = fileModel(context);
  if (!fm.model.routes.length) return [];
  const reach = reachMap(context, fm);
  const out: Route[] = [];
  for (let n: TSESTree.Node | undefined = node; n; n = n.parent) {
    if (isFunction(n)) {
      const routes = reach.get(n);
      if (routes) for (const r of routes) if (!out.includes(r)) out.push(r);
    }
  }
  return out;
}

function paramName(p: TSESTree.Parameter | undefined): string | null {
  if (!p) return null;
  if (p.type === AST_NODE_TYPES.Identifier) return p.name;
  if (p.type === AST_NODE_TYPES.AssignmentPattern && p.left.type === AST_NODE_TYPES.Identifier) return p.left.name;
  if (p.type === AST_NODE_TYPES.TSParameterProperty) return null;
  return null;
}

const REQ = /^_?(req|request)$/;
const RES = /^_?(res|response|reply|rep)$/;

/**
 * True when `fn` handles a request: a handler of a route in this file, or a function with a
 * request-handler signature (`(req, res[, next])`, `(request, reply)`, Koa `(ctx[, next])` in a
 * Koa file, Hono `(c)` in a Hono file).
 */
export function isRequestHandler(context: Context, fn: FunctionNode): boolean {
  const fm = fileModel(context);
  for (const r of fm.model.routes) if (r.handlers.includes(fn)) return true;
  const a = paramName(fn.params[0]);
  const b = paramName(fn.params[1]);
  if (a && b && REQ.test(a) && RES.test(b) && fn.params.length <= 3) return true;
  // Express error middleware `(err, req, res, next)`.
  const c = paramName(fn.params[2]);
  if (fn.params.length === 4 && b && c && REQ.test(b) && RES.test(c)) return true;
  const fw = fm.model.framework;
  if (fw === 'koa' && a === 'ctx' && fn.params.length <= 2) return true;
  if (fw === 'hono' && a === 'c' && fn.params.length <= 2) return true;
  return false;
}

/** The nearest enclosing function of `node` that is a request handler, or null. */
export function enclosingRequestHandler(context: Context, node: TSESTree.Node): FunctionNode | null {
  for (let n: TSESTree.Node | undefined = node; n; n = n.parent) {
    if (isFunction(n) && isRequestHandler(context, n)) return n;
  }
  return null;
}

export interface SegmentLocation {
  /** The literal (or decorator / exported handler) holding the segment: report here. */
  node: TSESTree.Node;
  /** Source range of the segment text when the literal holds it verbatim (for rename suggestions). */
  range: [number, number] | null;
}

/**
 * Where the path segment at `[start, end)` of `route.path` is written: the literal it comes from
 * (a mount prefix, a controller prefix or the route's own path), else the route's `pathNode`.
 */
export function locateSegment(sourceCode: SourceCode, route: Route, start: number, end: number): SegmentLocation {
  const part = route.pathParts.find((p) => p.start <= start && end <= p.end);
  if (!part?.node) return { node: route.pathNode, range: null };
  const node = unwrap(part.node);
  let value: string | null = null;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') value = node.value;
  else if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) value = node.quasis[0]!.value.cooked ?? null;
  const raw = sourceCode.getText(node);
  if (value === null || raw.slice(1, -1) !== value) return { node: part.node, range: null };
  const lead = value.length - value.replace(/^\/+/, '').length;
  const from = node.range[0] + 1 + lead + (start - part.start);
  return { node: part.node, range: [from, from + (end - start)] };
}

/** `GET /users/:id` — for messages. */
export function routeLabel(route: Route): string {
  return `${route.methods.join('/')} ${route.path ?? route.localPath ?? '(dynamic path)'}`;
}

/** A path-segment verdict located in the source, for the path rules (plural, kebab, verbs). */
export interface LocatedPathViolation<V> {
  route: Route;
  violation: V;
  location: SegmentLocation;
  /** `GET /users/:id` */
  label: string;
}

/**
 * Every path-segment verdict on the file's routes, judged per method and reported once per place:
 * a segment written once in a mount prefix is shared by many routes and methods, and must not be
 * reported once per route. `keyOf` distinguishes several verdicts on the same segment.
 */
export function* routePathViolations<V extends { segment: { start: number; end: number; text: string } }>(
  context: Context,
  judge: (path: string, method: string) => readonly V[],
  keyOf: (v: V) => string = (v) => v.segment.text,
): Generator<LocatedPathViolation<V>> {
  const seen = new Set<string>();
  for (const route of getRouteModel(context).routes) {
    if (route.path === null) continue;
    for (const method of route.methods) {
      for (const violation of judge(route.path, method)) {
        const location = locateSegment(context.sourceCode, route, violation.segment.start, violation.segment.end);
        const key = `${location.node.range[0]}:${keyOf(violation)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield { route, violation, location, label: routeLabel(route) };
      }
    }
  }
}
