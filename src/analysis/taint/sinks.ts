/**
 * Taint sinks: which argument of a call is where request data does harm, and for which flaw
 * (one kind per sink, so two rules never report the same call). Recognition reads ./tables.ts.
 *
 * `taintSinksOf(context, call)` answers for any call and is the one question the rules and the
 * project model's summaries ask; `mayBeSink(call)` rules most calls out on names alone.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker, propertyName } from '../imports.js';
import { getObjectLiteral, getProperty, getStaticString, getStaticValue, memberChainName, resolveConstInit, unwrap } from '../values.js';
import { pushChildren } from '../walk.js';
import { sameFileFunction, type Context, type FunctionNode } from './flow.js';
import {
  GLOBAL_SINKS, HEADER_METHODS, LOCATION_METHODS, MASS_ASSIGN_METHODS, MODEL_RECEIVER, MODULE_SINKS, MONGO_FILTER_METHODS, MONGO_MODULES,
  NON_MONGO_ORMS, NOT_MODEL_RECEIVER, REDIRECT_METHODS, REDIRECT_MODULES, RESPONSE_NAMES, SEND_FILE_METHODS, SQL_ORM_KEYS,
  type ModuleSink, type SinkMode, type TaintSinkKind,
} from './tables.js';

export interface SinkArg {
  kind: TaintSinkKind;
  /** The expression request data must not reach. */
  node: TSESTree.Node;
  mode: SinkMode;
  /** The sink as messages name it: `child_process exec()`, `res.redirect()`. */
  what: string;
  /** The call: where the finding is reported. */
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  /**
   * Recognised by the receiver's name (`User.create`, `this.userModel.find`), not by an import: a
   * call the project model resolves to a function of the project is that function, not this sink.
   */
  byName?: boolean;
}

const moduleSinkNames = new Set<string>();
/** Callee names a library sink can have (the last step of its export path, or a redirect export). */
const LIBRARY_NAMES = new Set<string>([...MODULE_SINKS.flatMap((s) => s.path.slice(-1)), ...REDIRECT_MODULES.flatMap((r) => r.path.slice(-1))]);
const KNEX_NAMES = new Set(['knex', 'db', 'trx']);
const LIBRARY_MODULES = new Set<string>([...MODULE_SINKS.flatMap((s) => s.modules), ...REDIRECT_MODULES.map((r) => r.module)]);
const calledModules = new Set<string>();
for (const s of MODULE_SINKS) {
  const last = s.path[s.path.length - 1];
  if (last) moduleSinkNames.add(last);
  else for (const m of s.modules) calledModules.add(m);
}
/** Every callee name a sink can have: calls named otherwise are no sink (unless a module called by another name). */
const SINK_NAMES: ReadonlySet<string> = new Set([
  ...moduleSinkNames, ...GLOBAL_SINKS.keys(), ...REDIRECT_METHODS, ...HEADER_METHODS, ...LOCATION_METHODS, ...SEND_FILE_METHODS.keys(),
  ...MONGO_FILTER_METHODS, ...MASS_ASSIGN_METHODS.keys(), 'assign', 'writeHead', 'permanentRedirect',
]);

function calleeName(callee: TSESTree.Node): string | null {
  const c = unwrap(callee);
  if (c.type === AST_NODE_TYPES.Identifier) return c.name;
  if (c.type === AST_NODE_TYPES.MemberExpression) return propertyName(c);
  return null;
}

/** Cheap first test: can this call be a sink at all (by its callee's name, or a module called by any name)? */
export function mayBeSink(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const name = calleeName(call.callee);
  if (name !== null && SINK_NAMES.has(name)) return true;
  if (unwrap(call.callee).type !== AST_NODE_TYPES.Identifier) return false;
  // A module called by any name, or a sink imported under another one (`import { exec as run }`).
  return importsLibrary(context) || hasRecursiveMerges(context);
}

function shellOn(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): boolean {
  const arg = call.arguments[index];
  const obj = arg && arg.type !== AST_NODE_TYPES.SpreadElement ? getObjectLiteral(context.sourceCode, arg) : null;
  if (!obj) return false;
  const shell = getProperty(context.sourceCode, obj, 'shell');
  if (!shell) return false;
  const v = getStaticValue(context.sourceCode, shell);
  return v === true || typeof v === 'string';
}

function moduleSinkArgs(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression, s: ModuleSink, out: SinkArg[]): void {
  // spawn('ls', [dir]) without a shell passes arguments as they are: only the program matters then.
  const shell = s.shellOption === undefined || shellOn(context, call, s.shellOption);
  const what = `${s.modules.length === 1 || s.path.length === 0 ? (getImportTracker(context).resolve(call.callee)?.source ?? s.modules[0]) : (getImportTracker(context).resolve(call.callee)?.source ?? s.modules[0])}${s.path.length ? ' ' + s.path.join('.') : ''}()`;
  for (const i of s.args) {
    if (s.shellOption !== undefined && !shell && i > 0) continue;
    if (s.shellOption !== undefined && !shell && s.kind === 'command-injection' && i === 0) {
      // Without a shell only the program itself is run: request data choosing it is still injection.
    }
    const arg = call.arguments[i];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
    if (s.urlProperty) {
      const obj = getObjectLiteral(context.sourceCode, arg);
      if (obj) {
        for (const key of ['url', 'baseURL', 'host', 'hostname', 'prefixUrl']) {
          const v = getProperty(context.sourceCode, obj, key);
          if (v) out.push({ kind: s.kind, node: v, mode: s.mode, what, call });
        }
        continue;
      }
    }
    out.push({ kind: s.kind, node: arg, mode: s.mode, what, call });
  }
}

/** The receiver's own name: `res` of `res.redirect`, `userModel` of `this.userModel.create`. */
function receiverName(callee: TSESTree.MemberExpression): string | null {
  const obj = unwrap(callee.object);
  // knex-style tables: `knex('users').insert(…)`, `db('users').update(…)`.
  if (obj.type === AST_NODE_TYPES.CallExpression && obj.callee.type === AST_NODE_TYPES.Identifier && KNEX_NAMES.has(obj.callee.name)) return obj.callee.name;
  if (obj.type === AST_NODE_TYPES.Identifier) return obj.name;
  if (obj.type === AST_NODE_TYPES.MemberExpression) return propertyName(obj);
  if (obj.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return null;
}

function isLocationHeader(context: Context, node: TSESTree.Node | undefined): boolean {
  const s = node ? getStaticString(context.sourceCode, node) : null;
  return s !== null && s.toLowerCase() === 'location';
}

/**
 * Whether a capitalised model (`User.findOne`) is imported from a project module that uses a
 * MongoDB library: asked through the project model (set by src/project/index.ts), since Bookshelf,
 * Sequelize and Objection models are capitalised too.
 */
let mongoModuleHook: (context: Context, ref: { source: string }) => boolean = () => false;
export function setMongoModuleTest(hook: (context: Context, ref: { source: string }) => boolean): void {
  mongoModuleHook = hook;
}
function modelFromMongoModule(context: Context, callee: TSESTree.MemberExpression): boolean {
  let root: TSESTree.Node = unwrap(callee.object);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  const ref = getImportTracker(context).resolve(root);
  if (!ref || !ref.source.startsWith('.')) return false;
  try {
    return mongoModuleHook(context, ref);
  } catch {
    // intentionally ignored: unknown, so not a MongoDB model (precision first)
    return false;
  }
}

const libraryFiles = new WeakMap<object, boolean>();
function importsLibrary(context: Context): boolean {
  const ast = context.sourceCode.ast;
  let v = libraryFiles.get(ast);
  if (v === undefined) {
    const sources = getImportTracker(context).sources;
    v = [...LIBRARY_MODULES].some((m) => sources.has(m));
    libraryFiles.set(ast, v);
  }
  return v;
}

function fileImportsAny(context: Context, modules: readonly string[]): boolean {
  return getImportTracker(context).usesAny(modules);
}

const NO_SINKS: readonly SinkArg[] = Object.freeze([]);
const sinksMemo = new WeakMap<TSESTree.Node, readonly SinkArg[]>();

/**
 * The sinks of a call: its arguments request data must not reach, each with its kind. Memoised
 * per call: the eight taint rules and the project's summaries all ask about the same calls.
 */
export function taintSinksOf(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression): readonly SinkArg[] {
  if (!mayBeSink(context, call)) return NO_SINKS;
  let sinks = sinksMemo.get(call);
  if (!sinks) {
    const found = computeSinks(context, call);
    sinks = found.length > 0 ? found : NO_SINKS;
    sinksMemo.set(call, sinks);
  }
  return sinks;
}

function computeSinks(context: Context, call: TSESTree.CallExpression | TSESTree.NewExpression): SinkArg[] {
  const out: SinkArg[] = [];
  const sc = context.sourceCode;
  const tracker = getImportTracker(context);
  const callee = unwrap(call.callee);
  const name = calleeName(callee);
  try {
    // Library functions, through imports (renamed, `require`d, namespace members): resolved only
    // in files that import one of the libraries at all.
    const ref = importsLibrary(context) && (callee.type === AST_NODE_TYPES.Identifier || (name !== null && LIBRARY_NAMES.has(name))) ? tracker.resolve(callee) : null;
    if (ref) {
      const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
      for (const s of MODULE_SINKS) {
        if (!s.modules.includes(ref.source) || s.path.length !== path.length || s.path.some((p, i) => p !== path[i])) continue;
        moduleSinkArgs(context, call, s, out);
      }
      for (const r of REDIRECT_MODULES) {
        if (r.module === ref.source && r.path.length === path.length && r.path.every((p, i) => p === path[i])) {
          const arg = call.arguments[0];
          if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) out.push({ kind: 'open-redirect', node: arg, mode: 'url', what: `${r.path.join('.')}()`, call });
        }
      }
      // A library we know the sinks of: its other functions are none. Project modules and other
      // packages go on (a model imported from `./models/user` is judged by its methods below).
      if (out.length > 0 || LIBRARY_MODULES.has(ref.source)) return out;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const g = GLOBAL_SINKS.get(callee.name);
      // A global only when nothing in the file declares that name.
      if (g && !sameFileFunction(sc, callee) && !declared(context, callee)) {
        for (const i of g.args) {
          const arg = call.arguments[i];
          if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
          // Timers run a string as code; a function argument is the usual, harmless, form.
          if ((callee.name === 'setTimeout' || callee.name === 'setInterval') && isFunctionLike(arg)) continue;
          out.push({ kind: g.kind, node: arg, mode: g.mode, what: callee.name === 'Function' ? 'new Function()' : `${callee.name}()`, call });
        }
      }
      const merge = hasRecursiveMerges(context) ? sameFileFunction(sc, callee) : null;
      // The merge's own recursive call is not where request data comes in.
      if (merge && !(merge.range[0] <= call.range[0] && call.range[1] <= merge.range[1]) && isRecursiveMerge(context, merge)) {
        for (const arg of call.arguments.slice(1)) {
          if (arg.type !== AST_NODE_TYPES.SpreadElement) out.push({ kind: 'prototype-pollution', node: arg, mode: 'deep', what: `${callee.name}() (a recursive merge without a __proto__/constructor check)`, call });
        }
      }
      return out;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression || name === null || call.type !== AST_NODE_TYPES.CallExpression) return out;
    const recv = receiverName(callee);
    const args = call.arguments;
    // Responses: redirects, Location headers, files sent from disk.
    if (recv !== null && RESPONSE_NAMES.has(recv)) {
      if (REDIRECT_METHODS.has(name)) {
        // `res.redirect(301, url)` / `reply.redirect(url, 301)`: the string argument.
        const arg = args.length > 1 && getStaticValue(sc, args[0]) !== undefined && typeof getStaticValue(sc, args[0]) === 'number' ? args[1] : args[0];
        if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) out.push({ kind: 'open-redirect', node: arg, mode: 'url', what: `${recv}.redirect()`, call });
      } else if (LOCATION_METHODS.has(name) && args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement) {
        out.push({ kind: 'open-redirect', node: args[0], mode: 'url', what: `${recv}.location()`, call });
      } else if (HEADER_METHODS.has(name) && isLocationHeader(context, args[0]) && args[1] && args[1].type !== AST_NODE_TYPES.SpreadElement) {
        out.push({ kind: 'open-redirect', node: args[1], mode: 'url', what: `${recv}.${name}('Location')`, call });
      } else if (name === 'writeHead') {
        const headers = args.find((a) => a.type === AST_NODE_TYPES.ObjectExpression) as TSESTree.ObjectExpression | undefined;
        const loc = headers ? (getProperty(sc, headers, 'Location') ?? getProperty(sc, headers, 'location')) : null;
        if (loc) out.push({ kind: 'open-redirect', node: loc, mode: 'url', what: `${recv}.writeHead() Location`, call });
      } else if (SEND_FILE_METHODS.has(name) && (recv === 'res' || recv === 'response') && args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement) {
        // `{ root }` confines the path: send refuses `..` out of it.
        const opts = args[SEND_FILE_METHODS.get(name)!] ?? args[1];
        const obj = opts && opts.type !== AST_NODE_TYPES.SpreadElement ? getObjectLiteral(sc, opts) : null;
        if (!(obj && getProperty(sc, obj, 'root'))) out.push({ kind: 'path-traversal', node: args[0], mode: 'text', what: `${recv}.${name}()`, call });
      }
      return out;
    }
    // Object.assign(entity, req.body): every field of the request lands on the entity.
    if (name === 'assign' && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && (unwrap(callee.object) as TSESTree.Identifier).name === 'Object') {
      const target = args[0] ? unwrap(args[0]) : null;
      if (target && target.type !== AST_NODE_TYPES.ObjectExpression && target.type !== AST_NODE_TYPES.SpreadElement) {
        for (const a of args.slice(1)) if (a.type !== AST_NODE_TYPES.SpreadElement) out.push({ kind: 'mass-assignment', node: a, mode: 'whole', what: 'Object.assign()', call });
      }
      return out;
    }
    if (recv === null || NOT_MODEL_RECEIVER.test(recv)) return out;
    // Prisma delegates: `prisma.user.create`, `this.prisma.post.update`.
    const delegateOf = unwrap(callee.object);
    const prismaDelegate = delegateOf.type === AST_NODE_TYPES.MemberExpression && /(?:^|\.)prisma$/.test(memberChainName(delegateOf.object) ?? (delegateOf.object.type === AST_NODE_TYPES.MemberExpression && delegateOf.object.object.type === AST_NODE_TYPES.ThisExpression ? 'this.' + propertyName(delegateOf.object) : ''));
    const modelish = MODEL_RECEIVER.test(recv) || recv === 'this' || prismaDelegate;
    // MongoDB filters.
    if (MONGO_FILTER_METHODS.has(name) && modelish && !fileImportsAny(context, NON_MONGO_ORMS) && args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement) {
      const filter = getObjectLiteral(sc, args[0]);
      const sqlStyle = filter?.properties.some((p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && SQL_ORM_KEYS.has(p.key.name));
      // Bookshelf, Sequelize and Objection models look the same: a MongoDB library must be in sight.
      const mongo = fileImportsAny(context, MONGO_MODULES) || (/^[A-Z]|Model$|Collection$/.test(recv) && modelFromMongoModule(context, callee));
      if (!sqlStyle && mongo && !isFunctionLike(args[0])) out.push({ kind: 'nosql-injection', node: args[0], mode: 'object', what: `${recv}.${name}()`, call, byName: true });
    }
    // ORM writes of whole objects.
    const mass = MASS_ASSIGN_METHODS.get(name);
    if (mass && modelish) {
      const arg = args[mass.arg];
      if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) {
        const obj = mass.dataProperty ? getObjectLiteral(sc, arg) : null;
        const data = obj && mass.dataProperty ? getProperty(sc, obj, mass.dataProperty) : null;
        out.push({ kind: 'mass-assignment', node: data ?? arg, mode: 'whole', what: `${recv}.${name}()`, call, byName: true });
      }
    }
  } catch {
    // intentionally ignored: an unexpected shape is no sink (precision first)
  }
  return out;
}

export function isFunctionLike(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionExpression;
}

function declared(context: Context, id: TSESTree.Identifier): boolean {
  for (let s: ReturnType<typeof context.sourceCode.getScope> | null = context.sourceCode.getScope(id); s; s = s.upper) {
    const v = s.set.get(id.name);
    if (v && v.defs.length > 0) return true;
  }
  return false;
}

// ---------------------------------------------------------------- hand-written recursive merges

const mergeMemo = new WeakMap<FunctionNode, boolean>();
const fileMerges = new WeakMap<object, boolean>();

/** The head of a `for…in` loop over a plain binding (`for (const key in source)`). */
const FOR_IN_HEAD = /\bfor\s*\(\s*(?:(?:const|let|var)\s+)?[\w$]+\s+in\s/;

/**
 * Cheap per file: does its text hold a `for…in` or `Object.keys` loop at all (the shape of a
 * merge, see isRecursiveMerge)? A bare ` in ` also matched the prose of most files' comments, so
 * every call of a plain function there was resolved to ask whether it merges.
 */
function hasRecursiveMerges(context: Context): boolean {
  const ast = context.sourceCode.ast;
  let v = fileMerges.get(ast);
  if (v === undefined) {
    const text = context.sourceCode.text;
    v = text.includes('Object.keys(') || text.includes('Object.entries(') || FOR_IN_HEAD.test(text);
    fileMerges.set(ast, v);
  }
  return v;
}

/**
 * A function that copies keys of its second argument into its first, recursing into nested
 * objects (`target[key] = merge(target[key], source[key])`), without skipping `__proto__`,
 * `constructor` or `prototype`: request JSON with a `__proto__` key reaches Object.prototype.
 */
export function isRecursiveMerge(context: Context, fn: FunctionNode): boolean {
  const hit = mergeMemo.get(fn);
  if (hit !== undefined) return hit;
  let result = false;
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id?.name : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id.name : undefined;
  if (name && fn.params.length >= 2) {
    const text = context.sourceCode.getText(fn);
    if (!/__proto__|constructor|prototype|hasOwn|hasOwnProperty|Object\.create\(null\)/.test(text)) {
      let loops = false;
      let recurses = false;
      let computedWrite = false;
      const stack: TSESTree.Node[] = [fn.body];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (n.type === AST_NODE_TYPES.ForInStatement) loops = true;
        if (n.type === AST_NODE_TYPES.CallExpression) {
          const c = unwrap(n.callee);
          if (c.type === AST_NODE_TYPES.Identifier && c.name === name) recurses = true;
          if (c.type === AST_NODE_TYPES.MemberExpression && ['keys', 'entries'].includes(propertyName(c) ?? '') && unwrap(c.object).type === AST_NODE_TYPES.Identifier && (unwrap(c.object) as TSESTree.Identifier).name === 'Object') loops = true;
        }
        if (n.type === AST_NODE_TYPES.AssignmentExpression && n.left.type === AST_NODE_TYPES.MemberExpression && n.left.computed) computedWrite = true;
        pushChildren(stack, n, context.sourceCode.visitorKeys);
      }
      result = loops && recurses && computedWrite;
    }
  }
  mergeMemo.set(fn, result);
  return result;
}

// ---------------------------------------------------------------- URL prefixes

/**
 * The text an expression certainly starts with (template head, leftmost concatenated constant),
 * through const bindings; '' when none.
 */
export function leadingText(context: Context, node: TSESTree.Node, depth = 0): string {
  if (depth > 4) return '';
  const n = unwrap(node);
  const sc = context.sourceCode;
  if (n.type === AST_NODE_TYPES.TemplateLiteral) {
    const head = n.quasis[0]?.value.cooked ?? '';
    if (head === '' && n.expressions[0]) return leadingText(context, n.expressions[0], depth + 1) + (n.quasis[1]?.value.cooked ?? '');
    return head;
  }
  if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
    const left = leadingText(context, n.left as TSESTree.Node, depth + 1);
    const whole = getStaticString(sc, n.left as TSESTree.Node);
    return whole !== null ? whole + leadingText(context, n.right, depth + 1) : left;
  }
  if (n.type === AST_NODE_TYPES.NewExpression && n.callee.type === AST_NODE_TYPES.Identifier && n.callee.name === 'URL' && n.arguments[1]) {
    // `new URL(path, base)`: a relative path keeps the base's host; an absolute one does not.
    const path = n.arguments[0] ? leadingText(context, n.arguments[0], depth + 1) : '';
    if (path.startsWith('/') && !path.startsWith('//')) return leadingText(context, n.arguments[1], depth + 1) + path;
    return '';
  }
  const s = getStaticString(sc, n);
  if (s !== null) return s;
  if (n.type === AST_NODE_TYPES.Identifier) {
    const init = resolveConstInit(sc, n);
    if (init) return leadingText(context, init, depth + 1);
  }
  return '';
}

/** A fixed scheme and host (`https://api.example.com/…`): only the path is left to the data. */
export function fixesHost(prefix: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]+[/?#]/i.test(prefix);
}

/** A fixed same-site path (`/account/…`), not a protocol-relative `//host`. */
export function fixesLocalPath(prefix: string): boolean {
  return /^\/[^/\\]/.test(prefix);
}
