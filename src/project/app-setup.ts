/**
 * What is applied to an application, wherever it is done: the reverse of mounts.ts. mounts.ts
 * walks up from a router to the app that serves it; this module walks out from the line that
 * creates an app (`const app = express()`, `Fastify()`, `new Koa()`, `new Hono()`,
 * `NestFactory.create(AppModule)`) to every call made on it:
 *
 * - in its own file, through aliases (`const server = app`) and class fields (`this.app.use(…)`);
 * - in the functions it is passed to, in any file (`configureApp(app)`, `require('./security')(app)`),
 *   through their parameter, transitively;
 * - in Fastify plugins registered on it (`app.register(plugin)`, `fp(plugin)`): the plugin's
 *   instance parameter; folders `@fastify/autoload` loads are listed for a text question;
 * - in the files importing it when its file exports it (`module.exports = app`, `export default app`),
 *   and where a factory returning it is called (`const app = createApp(); app.use(helmet())`).
 *
 * `unknown` is set when the app goes where the model cannot follow (a call it cannot resolve,
 * stored into another object, spread into arguments): a rule reporting a missing defence stays
 * silent then. `mounted` is true when another app or router mounts it (a sub-app is not where
 * application-wide middleware belongs). `appRoutes` lists the routes that hang off the app: its own,
 * those of the functions and plugins it is passed to, and those of routers mounted into it from any
 * file (the mount chains of the route table ending at one of its calls).
 *
 * Test files never count: an app a test builds is a harness.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker, propertyName } from '../analysis/imports.js';
import { getRouteModel, routerInfoOf, HTTP_METHODS, type Route } from '../analysis/routes.js';
import { getObjectLiteral, getProperty, getStaticValue, memberChainName, resolveExpression, unwrap } from '../analysis/values.js';
import { pushChildren } from '../analysis/walk.js';
import { projectTextMatches, type AnalysisContext, type ProjectFile } from './files.js';
import { importerIndex, mountChains, projectSourceFiles, sameNode, staticDir, type MountPoint } from './mounts.js';
import type { Project } from './modules.js';
import { isProjectFile, resolveModule } from './resolve.js';
import { mayDeclareRoutes, packageDir } from './route-table.js';
import { noteProjectWide } from './reads.js';

export type AppFramework = 'express' | 'fastify' | 'koa' | 'hono' | 'nest';

/** Files whose apps are test harnesses (same test as the mount index's). */
export const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|tests?|e2e)\/|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/;

export function isTestPath(root: string, abs: string): boolean {
  return TEST_FILE.test(path.relative(root, abs).split(path.sep).join('/'));
}

/** Modules an app creation comes from: `callee` resolved by the import tracker. */
/**
 * The cheap gate a rule's listener asks before `appSetupOf`: a call or `new` whose callee the
 * import tracker resolves — by name (`express()`), as TypeScript's CommonJS output writes it
 * (`(0, express_1.default)()`), or as `NestFactory.create` / `x.fastify`. `appFramework` decides.
 */
export function mayCreateApp(context: AnalysisContext, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = node.type === AST_NODE_TYPES.NewExpression ? unwrap(node.callee) : node.callee;
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    callee.type !== AST_NODE_TYPES.Identifier &&
    callee.type !== AST_NODE_TYPES.SequenceExpression &&
    !(callee.type === AST_NODE_TYPES.MemberExpression && (propertyName(callee) === 'create' || propertyName(callee) === 'fastify'))
  ) {
    return false;
  }
  return getImportTracker(context).resolve(callee) !== null;
}

export function appFramework(context: AnalysisContext, node: TSESTree.Node): AppFramework | null {
  const t = getImportTracker(context);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    if (t.matches(node.callee, 'express', [])) return 'express';
    if (t.matches(node.callee, 'fastify', []) || t.matches(node.callee, 'fastify', ['fastify'])) return 'fastify';
    if (t.matches(node.callee, '@nestjs/core', ['NestFactory', 'create'])) return 'nest';
    return null;
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    if (t.matches(node.callee, 'koa', [])) return 'koa';
    if (t.matches(node.callee, ['hono', 'hono/quick', 'hono/tiny'], ['Hono'])) return 'hono';
  }
  return null;
}

export interface AppCall {
  file: ProjectFile;
  call: TSESTree.CallExpression;
  /** `use`, `register`, `disable`, `set`, `get`… */
  method: string;
}

export interface AppSetup {
  framework: AppFramework;
  /** Every method call on the app (or on a Fastify plugin instance registered on it), in any file. */
  calls: AppCall[];
  /** Calls the app is passed into (`configureApp(app)`), with their files: mount points of routers mounted inside. */
  passes: MountPoint[];
  /** Folders `@fastify/autoload` loads plugins from, registered on the app. */
  autoloadDirs: string[];
  /** The app went somewhere the model cannot follow. */
  unknown: boolean;
  /** Another app or router mounts this one. */
  mounted: boolean;
  /** The file creating the app. */
  home: ProjectFile;
  /** The linted file lies outside the lint root: only its own text is known (no importers, no project routes). */
  local: boolean;
}

type Variable = TSESLint.Scope.Variable;

/** Steps one app's walk takes at most (uses followed, functions entered). */
const MAX_STEPS = 400;
const MAX_DEPTH = 5;
const MAX_CALLS_SCANNED = 50_000;

function variableOf(file: ProjectFile, id: TSESTree.Identifier): Variable | null {
  for (let s: TSESLint.Scope.Scope | null = file.sourceCode.getScope(id); s; s = s.upper) {
    const v = s.set.get(id.name);
    if (v) return v;
  }
  return null;
}

type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(n: TSESTree.Node): n is FunctionLike {
  return n.type === AST_NODE_TYPES.FunctionDeclaration || n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

/** Expression wrappers that leave the value as it is. */
function outer(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (
    n.parent &&
    (n.parent.type === AST_NODE_TYPES.TSAsExpression ||
      n.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      n.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      n.parent.type === AST_NODE_TYPES.AwaitExpression ||
      (n.parent.type === AST_NODE_TYPES.ChainExpression && n.parent.expression === n))
  ) {
    n = n.parent;
  }
  return n;
}

/** Methods whose result is the app they are called on (Express/Koa/Hono `use`, Hono `basePath` and routes…). */
const RETURNS_APP = new Set(['use', 'register', 'disable', 'set', 'enable', 'route', 'basePath', ...HTTP_METHODS]);

class Walk {
  readonly setup: AppSetup;
  private steps = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly project: Project,
    framework: AppFramework,
    home: ProjectFile,
    local: boolean,
  ) {
    this.setup = { framework, calls: [], passes: [], autoloadDirs: [], unknown: false, mounted: false, home, local };
  }

  private budget(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (++this.steps > MAX_STEPS) {
      this.setup.unknown = true;
      return false;
    }
    return true;
  }

  /** Every use of a variable holding the app. */
  variable(file: ProjectFile, v: Variable, depth: number): void {
    const def = v.defs[0];
    if (!def || !this.budget(`v\0${file.path}\0${def.name.range[0]}`)) return;
    for (const ref of v.references) {
      if (ref.init === true) continue;
      if (ref.isWrite()) {
        // `app = other`: what it holds afterwards is not the app we know.
        this.setup.unknown = true;
        continue;
      }
      this.use(file, ref.identifier as TSESTree.Node, depth);
    }
  }

  /** One expression evaluating to the app: what is done with it. */
  use(file: ProjectFile, expr: TSESTree.Node, depth: number): void {
    const node = outer(expr);
    const parent = node.parent;
    if (!parent) return;
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== node) return;
        const up = parent.parent;
        if (up?.type === AST_NODE_TYPES.CallExpression && up.callee === parent) this.calls(file, up, depth);
        return;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (parent.callee === node) return;
        const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        if (index !== -1) this.passedTo(file, parent, index, depth);
        return;
      }
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.ArrayExpression:
        this.setup.unknown = true;
        return;
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== node) return;
        if (parent.id.type !== AST_NODE_TYPES.Identifier) return;
        const v = variableOf(file, parent.id);
        if (v) this.variable(file, v, depth);
        return;
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.right !== node) return;
        const left = memberChainName(parent.left);
        if (left === 'module.exports') {
          this.exported(file, 'default', depth);
          this.use(file, parent, depth);
        } else if (left !== null && left.startsWith('exports.') && left.split('.').length === 2) {
          this.exported(file, left.slice(8), depth);
        } else if (left !== null && left.startsWith('module.exports.') && left.split('.').length === 3) {
          this.exported(file, left.slice(15), depth);
        } else if (parent.left.type === AST_NODE_TYPES.MemberExpression && parent.left.object.type === AST_NODE_TYPES.ThisExpression) {
          this.classField(file, parent.left, depth);
        } else if (parent.left.type === AST_NODE_TYPES.Identifier) {
          const v = variableOf(file, parent.left);
          if (v) this.variable(file, v, depth);
        } else {
          this.setup.unknown = true;
        }
        return;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        this.exported(file, 'default', depth);
        return;
      case AST_NODE_TYPES.ExportSpecifier: {
        const name = parent.exported.type === AST_NODE_TYPES.Identifier ? parent.exported.name : String(parent.exported.value);
        this.exported(file, name, depth);
        return;
      }
      case AST_NODE_TYPES.Property: {
        // `module.exports = { app }`: a named export; anything else stores the app away.
        const obj = parent.parent;
        const assign = obj?.parent;
        const name = propertyName(parent);
        if (parent.value === node && name && assign?.type === AST_NODE_TYPES.AssignmentExpression && memberChainName(assign.left) === 'module.exports') {
          this.exported(file, name, depth);
        } else {
          this.setup.unknown = true;
        }
        return;
      }
      case AST_NODE_TYPES.ReturnStatement:
        this.returned(file, parent, depth);
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === node) this.returned(file, parent, depth);
        return;
      case AST_NODE_TYPES.PropertyDefinition:
        if (parent.value === node && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) this.classField(file, parent, depth);
        return;
      default:
        return;
    }
  }

  /** `app.use(…)`, and the calls chained on it (`app.use(a).use(b)`, Hono's `app.use(…).get(…)`). */
  private calls(file: ProjectFile, first: TSESTree.CallExpression, depth: number): void {
    let call: TSESTree.CallExpression = first;
    for (let i = 0; i < 32; i++) {
      const callee = call.callee as TSESTree.MemberExpression;
      const method = propertyName(callee);
      if (method) {
        this.setup.calls.push({ file, call, method });
        if (method === 'register') this.registered(file, call, depth);
      }
      for (const arg of call.arguments) if (arg.type === AST_NODE_TYPES.SpreadElement && (method === 'use' || method === 'register')) this.setup.unknown = true;
      // Only methods that answer the app itself continue the chain.
      if (!method || !RETURNS_APP.has(method)) return;
      const next = outer(call).parent;
      if (next?.type !== AST_NODE_TYPES.MemberExpression || next.object !== outer(call)) {
        // `const app = new Hono().basePath('/api')`, `module.exports = express().use(…)`: the result is the app.
        this.use(file, call, depth);
        return;
      }
      const up = next.parent;
      if (up?.type !== AST_NODE_TYPES.CallExpression || up.callee !== next) return;
      call = up;
    }
  }

  /** `app.register(plugin, opts)`: the plugin's instance parameter is the app (for what it adds). */
  private registered(file: ProjectFile, call: TSESTree.CallExpression, depth: number): void {
    const [plugin, opts] = call.arguments;
    if (!plugin || plugin.type === AST_NODE_TYPES.SpreadElement) return;
    if (getImportTracker(file.context).matches(plugin, ['@fastify/autoload', 'fastify-autoload'], [])) {
      const o = opts && opts.type !== AST_NODE_TYPES.SpreadElement ? getObjectLiteral(file.sourceCode, opts) : null;
      const dir = o ? staticDir(file, getProperty(file.sourceCode, o, 'dir') ?? undefined) : null;
      if (dir !== null) this.setup.autoloadDirs.push(dir);
      else this.setup.unknown = true;
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const fn = this.pluginFunction(file, plugin, 0);
    if (fn) this.param(fn.file, fn.node, 0, depth + 1);
  }

  /**
   * The function a plugin argument is: inline, a same-file function or const, a wrapper's argument
   * (`fp(plugin)`, `fastifyPlugin(async (app) => …)`), or another module's export of any of these
   * (`require('./plugins/security')`, whose `module.exports = fp(async function …)`).
   */
  private pluginFunction(file: ProjectFile, node: TSESTree.Node, depth: number): { file: ProjectFile; node: FunctionLike } | null {
    if (depth > 4) return null;
    const n = resolveExpression(file.sourceCode, node);
    if (isFunction(n)) return { file, node: n };
    const ref = getImportTracker(file.context).resolve(n);
    if (ref) {
      const target = resolveModule(file.path, ref.source, this.project.root);
      const tf = target ? this.project.file(target) : null;
      if (!tf) return null;
      const exported = this.project.exportedNode(tf, ref.path[0] === 'default' ? ref.path.slice(1) : ref.path);
      return exported ? this.pluginFunction(exported.file, exported.node, depth + 1) : null;
    }
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const first = n.arguments[0];
      return first && first.type !== AST_NODE_TYPES.SpreadElement ? this.pluginFunction(file, first, depth + 1) : null;
    }
    return this.functionOf(file, n);
  }

  private functionOf(file: ProjectFile, node: TSESTree.Node): { file: ProjectFile; node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression } | null {
    if (isFunction(node)) return { file, node };
    let v;
    try {
      v = this.project.value(file, node);
      if (v?.kind === 'module') v = this.project.exported(v.file, 'default');
    } catch {
      // intentionally ignored: an unexpected shape is a function we cannot see
      return null;
    }
    return v?.kind === 'function' ? { file: v.file, node: v.node } : null;
  }

  /** The app passed as argument `index` of a call: into the function it enters, through its parameter. */
  private passedTo(file: ProjectFile, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, depth: number): void {
    const callee = unwrap(call.callee);
    const ref = getImportTracker(file.context).resolve(callee);
    // A library taking the app (`http.createServer(app)`, `serverless(app)`, `request(app)`) adds no middleware.
    if (ref && !resolveModule(file.path, ref.source, this.project.root)) return;
    if (call.type === AST_NODE_TYPES.CallExpression) this.setup.passes.push({ file, call });
    if (depth >= MAX_DEPTH) {
      this.setup.unknown = true;
      return;
    }
    let target;
    try {
      target = this.project.callee(file, call);
    } catch {
      // intentionally ignored: as below
      target = null;
    }
    if (target?.kind === 'function') {
      this.param(target.file, target.node, index, depth + 1);
      return;
    }
    // Globals (`console.log(app)`) hold no middleware; a function we cannot see may add any.
    if (callee.type === AST_NODE_TYPES.Identifier && !variableOf(file, callee)) return;
    this.setup.unknown = true;
  }

  private param(file: ProjectFile, fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression, index: number, depth: number): void {
    let p: TSESTree.Node | undefined = fn.params[index];
    if (p?.type === AST_NODE_TYPES.AssignmentPattern) p = p.left;
    if (p?.type === AST_NODE_TYPES.TSParameterProperty) p = p.parameter;
    if (p?.type !== AST_NODE_TYPES.Identifier) return;
    const v = variableOf(file, p);
    if (v) this.variable(file, v, depth);
  }

  /** `this.app = express()` / `app = express()` as a class field: every `this.app` of the class. */
  private classField(file: ProjectFile, at: TSESTree.MemberExpression | TSESTree.PropertyDefinition, depth: number): void {
    const name = at.type === AST_NODE_TYPES.PropertyDefinition ? (at.key as TSESTree.Identifier).name : propertyName(at);
    if (!name) return;
    let cls: TSESTree.Node | undefined = at.parent;
    while (cls && cls.type !== AST_NODE_TYPES.ClassBody) cls = cls.parent;
    if (!cls || !this.budget(`c\0${file.path}\0${cls.range[0]}\0${name}`)) return;
    const stack: TSESTree.Node[] = [cls];
    let steps = 0;
    while (stack.length > 0 && steps++ < MAX_CALLS_SCANNED) {
      const node = stack.pop()!;
      pushChildren(stack, node, file.sourceCode.visitorKeys);
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && propertyName(node) === name && node !== at) {
        const parent = outer(node).parent;
        // Writes (`this.app = …`) are the creation itself.
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) continue;
        this.use(file, node, depth);
      }
    }
  }

  /** The app leaves its file as export `name`: what the importers do with it. */
  private exported(file: ProjectFile, name: string, depth: number): void {
    if (this.setup.local || depth >= MAX_DEPTH || !this.budget(`e\0${file.path}\0${name}`)) return;
    for (const importerPath of importerIndex(this.project.root).get(file.path) ?? []) {
      if (importerPath === file.path || isTestPath(this.project.root, importerPath)) continue;
      const importer = this.project.file(importerPath);
      if (!importer) continue;
      const tracker = getImportTracker(importer.context);
      const scopes = [importer.sourceCode.scopeManager?.globalScope, ...(importer.sourceCode.scopeManager?.globalScope?.childScopes ?? [])];
      for (const scope of scopes) {
        if (!scope || (scope !== importer.sourceCode.scopeManager?.globalScope && scope.type !== 'module')) continue;
        for (const v of scope.variables) {
          const id = v.defs[0]?.name;
          if (!id || id.type !== AST_NODE_TYPES.Identifier) continue;
          const ref = tracker.resolve(id);
          if (!ref || resolveModule(importer.path, ref.source, this.project.root) !== file.path) continue;
          const p = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
          const matches = name === 'default' ? p.length === 0 : p.length === 1 && p[0] === name;
          if (matches) this.variable(importer, v, depth + 1);
        }
      }
    }
  }

  /** The app is what `fn` returns: where `fn` is called, the result is the app. */
  private returned(file: ProjectFile, at: TSESTree.Node, depth: number): void {
    let fn: TSESTree.Node | undefined = at;
    while (fn && !isFunction(fn)) fn = fn.parent;
    if (!fn || depth >= MAX_DEPTH || !this.budget(`r\0${file.path}\0${fn.range[0]}`)) return;
    const target = fn;
    const ownName = functionName(fn);
    const candidates = [file.path, ...(this.setup.local ? [] : (importerIndex(this.project.root).get(file.path) ?? []))];
    for (const p of candidates) {
      if (p !== file.path && isTestPath(this.project.root, p)) continue;
      const caller = p === file.path ? file : this.project.file(p);
      if (!caller) continue;
      const stack: TSESTree.Node[] = [caller.sourceCode.ast];
      let steps = 0;
      while (stack.length > 0 && steps++ < MAX_CALLS_SCANNED) {
        const node = stack.pop()!;
        pushChildren(stack, node, caller.sourceCode.visitorKeys);
        if (node.type !== AST_NODE_TYPES.CallExpression) continue;
        // Cheap gates before resolving: a call in the same file names the function; a call in an
        // importer goes through an import of this file.
        if (caller === file) {
          if (!ownName || !calleeNames(node.callee, ownName)) continue;
        } else {
          const ref = getImportTracker(caller.context).resolve(node.callee);
          if (!ref || resolveModule(caller.path, ref.source, this.project.root) !== file.path) continue;
        }
        let callee;
        try {
          callee = this.project.callee(caller, node);
        } catch {
          // intentionally ignored: an unresolvable call is not a caller we can use
          continue;
        }
        if (callee?.kind === 'function' && callee.file.path === file.path && sameNode(callee.node, target)) this.use(caller, node, depth + 1);
      }
    }
  }
}

/** The name a function is called by in its own file: its declaration's, or the variable's holding it. */
function functionName(fn: FunctionLike): string | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name ?? null;
  const p = fn.parent;
  if (p?.type === AST_NODE_TYPES.VariableDeclarator && p.id.type === AST_NODE_TYPES.Identifier) return p.id.name;
  if ((p?.type === AST_NODE_TYPES.MethodDefinition || p?.type === AST_NODE_TYPES.PropertyDefinition || p?.type === AST_NODE_TYPES.Property) && p.key.type === AST_NODE_TYPES.Identifier) return p.key.name;
  return null;
}

/** `name(…)`, `this.name(…)`, `x.name(…)`. */
function calleeNames(callee: TSESTree.Node, name: string): boolean {
  const c = unwrap(callee);
  if (c.type === AST_NODE_TYPES.Identifier) return c.name === name;
  return c.type === AST_NODE_TYPES.MemberExpression && propertyName(c) === name;
}

/** The variable (or other holder) a creation is stored in, followed by `Walk.use`. */
export function appSetup(context: AnalysisContext, project: Project, file: ProjectFile, creation: TSESTree.Node, framework: AppFramework): AppSetup {
  const walk = new Walk(project, framework, file, !isProjectFile(project.root, file.path));
  try {
    walk.use(file, creation, 0);
    walk.setup.mounted = isMounted(context, project, file, creation, framework);
  } catch {
    // intentionally ignored: an unexpected shape makes the app unknown, which no rule reports
    walk.setup.unknown = true;
  }
  return walk.setup;
}

/** Is the app mounted into another app or router, in its file or another? */
function isMounted(context: AnalysisContext, project: Project, file: ProjectFile, creation: TSESTree.Node, framework: AppFramework): boolean {
  if (framework === 'nest') return false;
  const holder = outer(creation).parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
  const info = routerInfoOf(context, holder.id);
  if (!info) return false;
  if (info.top.creation && !sameNode(info.top.creation, creation)) return true;
  if (!isProjectFile(project.root, file.path)) return false;
  return mountChains(project, file, info, 0, new Set(), holder.id, true).length > 0;
}

/** The route of `file` whose declaration is `call`, if any. */
function routeAt(file: ProjectFile, call: TSESTree.Node): Route | null {
  for (const r of getRouteModel(file.context).routes) if (sameNode(r.node, call)) return r;
  return null;
}

export interface AppRoute {
  file: ProjectFile;
  route: Route;
}

/**
 * The routes that hang off an app: routes declared on it (in any file its calls are made in),
 * routes of routers and plugins mounted into it from any file of the project, and for a NestJS
 * app every controller route of the project. Stops at `limit` routes matching `keep`.
 */
export function appRoutes(project: Project, setup: AppSetup, keep: (route: Route) => boolean, limit = 1): AppRoute[] {
  const out: AppRoute[] = [];
  for (const c of setup.calls) {
    if (!HTTP_METHODS.has(c.method) && c.method !== 'route' && c.method !== 'on') continue;
    const r = routeAt(c.file, c.call);
    if (r && keep(r)) {
      out.push({ file: c.file, route: r });
      if (out.length >= limit) return out;
    }
  }
  const points = [...setup.calls.map((c) => ({ file: c.file, call: c.call })), ...setup.passes];
  // Outside the lint root only the files the app is configured in are known.
  let candidates: string[];
  if (setup.local) candidates = [...new Set([setup.home.path, ...points.map((p) => p.file.path)])];
  else {
    noteProjectWide('sources');
    candidates = projectSourceFiles(project.root);
  }
  for (const abs of candidates) {
    if (!setup.local && (isTestPath(project.root, abs) || !mayDeclareRoutes(abs, project.root))) continue;
    if (setup.autoloadDirs.some((d) => abs.startsWith(d + path.sep))) {
      // Plugins autoload registers on the app: their routes are its routes.
      const file = project.file(abs);
      for (const route of file ? getRouteModel(file.context).routes : []) {
        if (!keep(route)) continue;
        out.push({ file: file!, route });
        if (out.length >= limit) return out;
      }
      continue;
    }
    const file = setup.local ? (abs === setup.home.path ? setup.home : points.find((p) => p.file.path === abs)!.file) : project.file(abs);
    if (!file) continue;
    let routes: readonly Route[];
    try {
      routes = getRouteModel(file.context).routes;
    } catch {
      // intentionally ignored: a file the route model cannot read adds no routes
      continue;
    }
    for (const route of routes) {
      if (!keep(route)) continue;
      if (setup.framework === 'nest') {
        if (route.framework !== 'nest') continue;
      } else if (!reachesApp(project, file, route, points)) {
        continue;
      }
      out.push({ file, route });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Does one of the route's mount chains end at one of the app's calls? */
function reachesApp(project: Project, file: ProjectFile, route: Route, points: readonly MountPoint[]): boolean {
  if (!route.router) return false;
  const receiver = route.node.type === AST_NODE_TYPES.CallExpression && route.node.callee.type === AST_NODE_TYPES.MemberExpression ? route.node.callee.object : undefined;
  // A route on the app itself in its file was found among its calls.
  if (route.router.top.root && route.router.complete) return false;
  let chains;
  try {
    chains = mountChains(project, file, route.router, 0, new Set(), receiver, route.router.complete);
  } catch {
    // intentionally ignored: an unexpected shape ends the search quietly
    return false;
  }
  return chains.some((c) => c.mounts.some((m) => points.some((p) => p.file.path === m.file.path && sameNode(p.call, m.call))));
}

/**
 * Does any non-test source file of the package `from` belongs to (its nearest package.json's
 * folder, not above the root) pass `test`, asked of its text and cached? In a repository holding
 * several apps, one app's CSRF check says nothing about another's.
 */
export function projectTextMentions(project: Project, from: string, key: string, test: (text: string) => boolean): boolean {
  noteProjectWide('sources');
  const pkg = packageDir(project.root, from);
  const under = pkg.endsWith(path.sep) ? pkg : pkg + path.sep;
  for (const abs of projectSourceFiles(project.root)) {
    if (!abs.startsWith(under) || isTestPath(project.root, abs)) continue;
    if (projectTextMatches(abs, project.root, key, test)) return true;
  }
  return false;
}

/** Does any source file under one of `dirs` pass `test`? */
export function folderTextMentions(project: Project, dirs: readonly string[], key: string, test: (text: string) => boolean): boolean {
  if (dirs.length === 0) return false;
  noteProjectWide('sources');
  for (const abs of projectSourceFiles(project.root)) {
    if (dirs.some((d) => abs.startsWith(d + path.sep)) && projectTextMatches(abs, project.root, key, test)) return true;
  }
  return false;
}

/**
 * Does the app mount something at a path (`app.use('/v1', controller.boot())`, Hono
 * `app.route('/users', users)`)? Such an app serves requests even when the routes behind the
 * mount cannot be listed (controllers handed in at run time).
 */
export function mountsAtPath(setup: AppSetup): boolean {
  return setup.calls.some((c) => {
    if ((c.method !== 'use' && c.method !== 'route') || c.call.arguments.length < 2) return false;
    const first = unwrap(c.call.arguments[0]!);
    if (first.type === AST_NODE_TYPES.TemplateLiteral || (first.type === AST_NODE_TYPES.BinaryExpression && first.operator === '+')) return true;
    const v = getStaticValue(c.file.sourceCode, first);
    return typeof v === 'string' && v.startsWith('/');
  });
}
