/**
 * Request taint within one file: where the value of an expression comes from — a request part
 * (`req.body.cmd`, `ctx.request.query`, `c.req.param('id')`, a Nest `@Body()` parameter) or a
 * parameter of the function being summarised — through bindings, destructuring, string building,
 * object literals and spreads, and same-file functions (argument → parameter → return value).
 *
 * Precision first: a call the analysis does not know (a cast, a validator, any other function)
 * ends the flow; only the pass-through calls of ./tables.ts carry it on.
 *
 * Asked by the per-file rules (./sinks.ts gives them the sinks) and by the project model's
 * summaries (src/project/taint.ts), with the same answers: one recognition.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker, propertyName } from '../imports.js';
import { getStaticString, unwrap } from '../values.js';
import { pushChildren } from '../walk.js';
import { isRequestHandler } from '../routes.js';
import {
  FLAT_QUERY_FRAMEWORKS, HONO_REQ, KOA_CONTEXT_NAMES, KOA_CONTEXT_PROPS, NEST_DECORATORS, OBJECT_PARSERS, OBJECT_PARTS, PASS_THROUGH_CALLS,
  HOST_HEADERS, PASS_THROUGH_CONSTRUCTORS, PASS_THROUGH_GLOBALS, REQUEST_METHODS, REQUEST_NAMES, REQUEST_PROPS, STRINGIFIERS, TEXT_METHODS,
  PAYLOAD_PARTS, VALIDATOR_METHODS, type RequestPart,
} from './tables.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;
export type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export interface RequestOrigin {
  kind: 'request';
  part: RequestPart;
  /** The whole body or query object (`req.body`, `await request.json()`), not a field of it. */
  whole: boolean;
  /** The source as written: `req.body.cmd`, `@Body() dto`. */
  text: string;
  /**
   * The request read itself as written, before the properties taken off its value on the way:
   * `req.body` for `const { title } = req.body; … title`, where `text` is `req.body.title`.
   */
  read: string;
  node: TSESTree.Node;
}

export interface ParamOrigin {
  kind: 'param';
  fn: FunctionNode;
  index: number;
  /** Properties read off the parameter on the way (`opts.url` → ['url']). */
  path: string[];
}

/** The request object itself (`req`, a renamed or destructured handler parameter): parts are read off it. */
interface RequestObject {
  kind: 'request-object';
  /** Koa's context and Hono's `c` hold the request one level down. */
  shape: 'request' | 'koa' | 'hono';
  text: string;
  node: TSESTree.Node;
}

export type Origin = RequestOrigin | ParamOrigin;

export interface Flow {
  origin: Origin;
  /** Turned into text on the way (template, concatenation, `String()`): no longer an object. */
  stringified: boolean;
  /** Held as a property value of an object literal (not the value itself). */
  wrapped: boolean;
  /** Parsed from text into an object (`JSON.parse`). */
  parsed: boolean;
  /** Texts of the bindings and reads the value went through (for allow-list guards). */
  via: string[];
}

interface RawFlow extends Omit<Flow, 'origin'> {
  origin: Origin | RequestObject;
}

export interface FlowOptions {
  /** The function being summarised: its parameters are origins. */
  fn?: FunctionNode | null;
  /** Whether parameter `index` of `fn` is the request object of a route handler. */
  requestParam?: (fn: FunctionNode, index: number) => boolean;
}

const MAX_DEPTH = 12;
const MAX_FLOWS = 16;

function findVariable(sc: SourceCode, id: TSESTree.Identifier): Variable | null {
  for (let s: TSESLint.Scope.Scope | null = sc.getScope(id); s; s = s.upper) {
    const v = s.set.get(id.name);
    if (v) return v;
  }
  return null;
}

export function isFunctionNode(n: TSESTree.Node): n is FunctionNode {
  return n.type === AST_NODE_TYPES.FunctionDeclaration || n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

/** The property path from a pattern down to `id` (`{ body: { cmd } }` → ['body','cmd']); null: not a plain path. */
function patternPath(root: TSESTree.Node, id: TSESTree.Node): { path: string[]; rest: boolean } | null {
  const path: string[] = [];
  let rest = false;
  let n: TSESTree.Node = id;
  while (n !== root) {
    const p: TSESTree.Node | undefined = n.parent;
    if (!p) return null;
    if (p.type === AST_NODE_TYPES.Property && p.value === n) {
      const key = p.computed ? null : p.key.type === AST_NODE_TYPES.Identifier ? p.key.name : p.key.type === AST_NODE_TYPES.Literal ? String(p.key.value) : null;
      if (key === null) return null;
      path.unshift(key);
    } else if (p.type === AST_NODE_TYPES.RestElement) {
      rest = true;
    } else if (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === n) {
      // a default value: the path is the same
    } else if (p.type === AST_NODE_TYPES.ArrayPattern) {
      path.unshift('[]');
    } else if (p.type !== AST_NODE_TYPES.ObjectPattern) {
      return null;
    }
    n = p;
  }
  return { path, rest };
}

/** The request part a property path off a request object reads, with whether it is the whole part. */
function classify(shape: RequestObject['shape'], path: readonly string[], called: boolean, framework: string, wholeCall = false): { part: RequestPart; whole: boolean } | null {
  let p = path;
  if (shape === 'koa') {
    if (p[0] === 'request' || p[0] === 'req') p = p.slice(1);
    else {
      const part = KOA_CONTEXT_PROPS.get(p[0] ?? '');
      if (!part) return null;
      return { part, whole: p.length === 1 && !called };
    }
  } else if (shape === 'hono') {
    if (p[0] !== 'req') return null;
    const part = HONO_REQ.get(p[1] ?? '');
    if (!part) return null;
    // `c.req.query()` / `c.req.json()`: the whole part; `c.req.query('x')`: one field.
    return { part, whole: called && wholeCall };
  }
  const head = p[0];
  if (head === undefined) return null;
  if (head === 'nextUrl' && p[1] === 'searchParams') return { part: 'query', whole: false };
  if (called && p.length === 1) {
    const part = REQUEST_METHODS.get(head);
    // `request.json()` / `request.formData()`: the whole body.
    return part ? { part, whole: part === 'body' } : null;
  }
  const part = REQUEST_PROPS.get(head);
  if (!part) return null;
  void framework;
  if (part === 'headers' && HOST_HEADERS.has((p[1] ?? '').toLowerCase())) return { part: 'host', whole: false };
  return { part, whole: p.length === 1 && (part === 'body' || part === 'query') };
}

/** A member chain as a root identifier and property names, with whether it ends in a call. */
function chainOf(node: TSESTree.Node): { root: TSESTree.Identifier; path: string[]; called: boolean; args: TSESTree.CallExpressionArgument[] } | null {
  let n = unwrap(node);
  let called = false;
  let args: TSESTree.CallExpressionArgument[] = [];
  if (n.type === AST_NODE_TYPES.CallExpression) {
    called = true;
    args = n.arguments;
    n = unwrap(n.callee);
  }
  const path: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (n.type === AST_NODE_TYPES.ChainExpression) {
      n = unwrap(n.expression);
      continue;
    }
    if (n.type === AST_NODE_TYPES.Identifier) return { root: n, path, called, args };
    if (n.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = propertyName(n);
    if (name === null) {
      // `req.headers[h]`: a computed read of a request part is still that part.
      path.unshift('[]');
    } else path.unshift(name);
    n = unwrap(n.object);
  }
  return null;
}

const nestParamMemo = new WeakMap<TSESTree.Node, { part: RequestPart; whole: boolean; text: string; validated: boolean } | null>();

/** A Nest handler parameter decorated `@Body()`, `@Query('id')`… and whether a DTO class types it. */
export function nestRequestParam(sc: SourceCode, param: TSESTree.Parameter): { part: RequestPart; whole: boolean; text: string; validated: boolean } | null {
  if (nestParamMemo.has(param)) return nestParamMemo.get(param)!;
  let out: { part: RequestPart; whole: boolean; text: string; validated: boolean } | null = null;
  const p = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const decorators = 'decorators' in p ? (p.decorators ?? []) : [];
  for (const d of decorators) {
    const e = d.expression;
    const callee = e.type === AST_NODE_TYPES.CallExpression ? e.callee : e;
    if (callee.type !== AST_NODE_TYPES.Identifier) continue;
    const part = NEST_DECORATORS.get(callee.name);
    if (!part || callee.name === 'Req' || callee.name === 'Request') continue;
    const args = e.type === AST_NODE_TYPES.CallExpression ? e.arguments : [];
    const keyed = args.some((a) => a.type === AST_NODE_TYPES.Literal);
    const pipes = args.some((a) => a.type !== AST_NODE_TYPES.Literal);
    const ann = 'typeAnnotation' in p ? p.typeAnnotation?.typeAnnotation : undefined;
    // A DTO class is validated by a ValidationPipe; a pipe argument (`ParseIntPipe`) casts.
    const validated = pipes || ann?.type === AST_NODE_TYPES.TSTypeReference;
    out = { part, whole: !keyed && (part === 'body' || part === 'query'), text: sc.getText(d), validated };
    break;
  }
  nestParamMemo.set(param, out);
  return out;
}

/**
 * The flows of request data or parameters into `node`. The per-file question has no `fn`: only
 * request data counts; the summaries pass the function they summarise.
 */
export function flowsOf(context: Context, node: TSESTree.Node | null | undefined, options: FlowOptions = {}): Flow[] {
  if (!node) return [];
  const sc = context.sourceCode;
  const tracker = getImportTracker(context);
  const framework = frameworkOf(context);
  const seenVars = new Set<Variable>();
  const out: Flow[] = [];

  const requestObjectOf = (id: TSESTree.Identifier, variable: Variable | null): RequestObject | null => {
    const def = variable?.defs[0];
    if (def && def.type === 'Parameter') {
      const fn = def.node as FunctionNode;
      const index = fn.params.findIndex((p) => p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
      const param = fn.params[index];
      if (param && (param.type === AST_NODE_TYPES.Identifier || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier))) {
        if (options.requestParam?.(fn, index) && !nestRequestParam(sc, param)) return { kind: 'request-object', shape: shapeOf(id.name, framework), text: id.name, node: id };
      }
    }
    // By name, as written in every framework's examples: `req`, `request`, Koa's `ctx`, Hono's `c`.
    if (variable && variable.defs.some((d) => d.type !== 'Parameter')) return null;
    if (REQUEST_NAMES.has(id.name)) return { kind: 'request-object', shape: 'request', text: id.name, node: id };
    if (KOA_CONTEXT_NAMES.has(id.name)) return { kind: 'request-object', shape: 'koa', text: id.name, node: id };
    if (id.name === 'c' && (framework === 'hono' || framework === 'unknown')) return { kind: 'request-object', shape: 'hono', text: id.name, node: id };
    return null;
  };

  function add(list: RawFlow[], f: RawFlow): void {
    if (list.length < MAX_FLOWS) list.push(f);
  }

  function visitIdentifier(id: TSESTree.Identifier, depth: number): RawFlow[] {
    const variable = findVariable(sc, id);
    const asRequest = requestObjectOf(id, variable);
    if (asRequest) return [{ origin: asRequest, stringified: false, wrapped: false, parsed: false, via: [id.name] }];
    if (!variable || seenVars.has(variable)) return [];
    seenVars.add(variable);
    const flows: RawFlow[] = [];
    try {
      for (const def of variable.defs) {
        if (def.type === 'Parameter') {
          const fn = def.node as FunctionNode;
          const index = fn.params.findIndex((p) => p.range[0] <= def.name.range[0] && def.name.range[1] <= p.range[1]);
          const param = fn.params[index];
          if (!param) continue;
          const nest = nestRequestParam(sc, param);
          if (nest) {
            if (nest.validated) continue;
            const pp = patternPath(param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param, def.name);
            const whole = nest.whole && (!pp || pp.path.length === 0);
            add(flows, { origin: { kind: 'request', part: nest.part, whole, text: `${nest.text} ${id.name}`, read: `${nest.text} ${id.name}`, node: param }, stringified: false, wrapped: false, parsed: false, via: [id.name] });
            continue;
          }
          const pp = patternPath(param, def.name);
          if (!pp) continue;
          if (pp.path.length > 0 && options.requestParam?.(fn, index) && framework !== 'nest') {
            const c = classify(shapeOf('', framework), pp.path, false, framework);
            if (c) {
              const text = pp.path.filter((x) => x !== '[]').join('.');
              add(flows, { origin: { kind: 'request', part: c.part, whole: (c.whole && !pp.rest) || (pp.rest && pp.path.length === 1), text, read: text, node: param }, stringified: false, wrapped: false, parsed: false, via: [id.name] });
            }
            continue;
          }
          if (fn === options.fn) add(flows, { origin: { kind: 'param', fn, index, path: pp.path }, stringified: false, wrapped: false, parsed: false, via: [id.name] });
          continue;
        }
        if (def.type !== 'Variable') continue;
        const declarator = def.node;
        let init: TSESTree.Node | null = declarator.init;
        const forOf = declarator.parent?.parent;
        if (!init && forOf && (forOf.type === AST_NODE_TYPES.ForOfStatement || forOf.type === AST_NODE_TYPES.ForInStatement) && forOf.left === declarator.parent) {
          init = forOf.type === AST_NODE_TYPES.ForOfStatement ? forOf.right : null;
          if (!init) continue;
          for (const f of visit(init, depth + 1)) add(flows, applyPath(f, ['[]'], false));
          continue;
        }
        if (!init) continue;
        const pp = patternPath(declarator.id, def.name);
        if (!pp) continue;
        for (const f of visit(init, depth + 1)) add(flows, applyPath(f, pp.path, pp.rest));
      }
      // Later assignments (`url = req.query.next`) count too.
      for (const ref of variable.references) {
        if (!ref.isWrite() || ref.init === true || !ref.writeExpr) continue;
        const parent = ref.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref.identifier) {
          for (const f of visit(parent.right, depth + 1)) add(flows, parent.operator === '=' ? f : { ...f, stringified: true });
        }
      }
    } finally {
      seenVars.delete(variable);
    }
    return flows.map((f) => ({ ...f, via: [...f.via, id.name] }));
  }

  function applyPath(f: RawFlow, path: readonly string[], rest: boolean, called = false, noArgs = false): RawFlow {
    if (path.length === 0 && !called) return f;
    const o = f.origin;
    if (o.kind === 'request-object') {
      const c = classify(o.shape, path, called, framework, noArgs);
      if (!c) return { ...f, origin: { kind: 'param', fn: null as unknown as FunctionNode, index: -1, path: [] } };
      const text = `${o.text}.${path.join('.')}${called ? '()' : ''}`;
      return { ...f, origin: { kind: 'request', part: c.part, whole: c.whole || (rest && path.length === 1), text, read: text, node: o.node } };
    }
    if (o.kind === 'request') return { ...f, origin: { ...o, whole: rest && o.whole, text: path.length && !rest ? `${o.text}.${path.filter((p) => p !== '[]').join('.')}`.replace(/\.$/, '') : o.text } };
    return { ...f, origin: { ...o, path: [...o.path, ...path] } };
  }

  function visitArgs(args: readonly TSESTree.Node[], depth: number, stringify: boolean): RawFlow[] {
    const flows: RawFlow[] = [];
    for (const a of args) for (const f of visit(a.type === AST_NODE_TYPES.SpreadElement ? a.argument : a, depth + 1)) add(flows, stringify ? { ...f, stringified: true } : f);
    return flows;
  }

  function visitCall(n: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): RawFlow[] {
    const callee = unwrap(n.callee);
    if (n.type === AST_NODE_TYPES.CallExpression) {
      // A read off the request: `req.get('host')`, `request.json()`, `c.req.query('q')`, `searchParams.get('u')`.
      const chain = chainOf(n);
      if (chain && chain.path.length > 0) {
        const base = visitIdentifier(chain.root, depth + 1).filter((f) => f.origin.kind === 'request-object');
        if (base.length > 0) {
          const text = sc.getText(n).slice(0, 80).replace(/\s+/g, ' ');
          // `req.get('host')`, `req.header('X-Forwarded-Host')`: the Host header, by name.
          const header = chain.args[0] && chain.args[0].type !== AST_NODE_TYPES.SpreadElement ? getStaticString(sc, chain.args[0]) : null;
          const host = header !== null && HOST_HEADERS.has(header.toLowerCase());
          return base
            .map((f) => applyPath(f, chain.path, false, true, chain.args.length === 0))
            .filter((f) => f.origin.kind !== 'param' || f.origin.index >= 0)
            .map((f) => (f.origin.kind === 'request' ? { ...f, origin: { ...f.origin, text, read: text, ...(host && f.origin.part === 'headers' ? { part: 'host' as const } : {}) } } : f));
        }
      }
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (STRINGIFIERS.has(callee.name)) return visitArgs(n.arguments.slice(0, 1), depth, true);
      if (PASS_THROUGH_GLOBALS.has(callee.name)) return visitArgs(n.arguments.slice(0, 1), depth, true);
      if (n.type === AST_NODE_TYPES.NewExpression && PASS_THROUGH_CONSTRUCTORS.has(callee.name)) return visitArgs(n.arguments.slice(0, 1), depth, true);
    }
    if (n.type === AST_NODE_TYPES.NewExpression) return [];
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      if (name === null) return [];
      const obj = unwrap(callee.object);
      if (obj.type === AST_NODE_TYPES.Identifier && OBJECT_PARSERS.some((p) => p.object === obj.name && p.method === name)) {
        return visitArgs(n.arguments.slice(0, 1), depth, false).map((f) => ({ ...f, stringified: false, parsed: true }));
      }
      if (VALIDATOR_METHODS.has(name)) return [];
      if (TEXT_METHODS.has(name)) {
        const flows = visit(callee.object, depth + 1).map((f) => ({ ...f, stringified: true }));
        if (name === 'concat' || name === 'join') flows.push(...visitArgs(n.arguments, depth, true));
        return flows;
      }
      // `new URL(req.url).searchParams.get('next')`, `searchParams.get('q')` of a request's URL.
      if ((name === 'get' || name === 'getAll') && (propertyName(callee.object as TSESTree.MemberExpression) === 'searchParams' || (obj.type === AST_NODE_TYPES.Identifier && obj.name === 'searchParams'))) {
        return visit(callee.object, depth + 1).map((f) => ({ ...f, stringified: true }));
      }
    }
    if (PASS_THROUGH_CALLS.some((p) => tracker.matches(callee, p.module, p.path))) return visitArgs(n.arguments, depth, true);
    // A same-file function: its return value carries the arguments its parameters return.
    const target = sameFileFunction(sc, callee);
    if (target) {
      const flows: RawFlow[] = [];
      for (const r of returnedParams(context, target)) {
        const arg = n.arguments[r.index];
        if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
        for (const f of visit(arg, depth + 1)) add(flows, r.stringified ? { ...f, stringified: true } : f);
      }
      return flows;
    }
    return [];
  }

  function visit(expr: TSESTree.Node | null | undefined, depth: number): RawFlow[] {
    if (!expr || depth > MAX_DEPTH) return [];
    const n = unwrap(expr);
    switch (n.type) {
      case AST_NODE_TYPES.Identifier:
        return visitIdentifier(n, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(n);
        if (name === 'length') return [];
        const chain = chainOf(n);
        if (chain) {
          const base = visitIdentifier(chain.root, depth + 1);
          const out: RawFlow[] = [];
          for (const f of base) {
            const g = applyPath(f, chain.path, false);
            if (g.origin.kind === 'param' && g.origin.index < 0) continue;
            add(out, { ...g, via: [...g.via, sc.getText(n)] });
          }
          return out;
        }
        return visit(n.object, depth + 1).map((f) => applyPath(f, [name ?? '[]'], false));
      }
      case AST_NODE_TYPES.ChainExpression:
        return visit(n.expression, depth + 1);
      case AST_NODE_TYPES.AwaitExpression:
        return visit(n.argument, depth + 1);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return visitCall(n, depth);
      case AST_NODE_TYPES.TemplateLiteral:
        return visitArgs(n.expressions, depth, true);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return [];
      case AST_NODE_TYPES.BinaryExpression:
        if (n.operator !== '+') return [];
        return visitArgs([n.left as TSESTree.Node, n.right], depth, true);
      case AST_NODE_TYPES.LogicalExpression:
        return n.operator === '&&' ? visit(n.right, depth + 1) : [...visit(n.left, depth + 1), ...visit(n.right, depth + 1)];
      case AST_NODE_TYPES.ConditionalExpression: {
        // `ALLOWED.has(x) ? x : '/'`: the branch the allow-list picks is safe.
        const t = unwrap(n.test);
        const picked = t.type === AST_NODE_TYPES.CallExpression && t.callee.type === AST_NODE_TYPES.MemberExpression && ['has', 'includes'].includes(propertyName(t.callee) ?? '') && t.arguments[0] ? sc.getText(t.arguments[0]) : null;
        const consequent = picked !== null && picked === sc.getText(unwrap(n.consequent)) ? [] : visit(n.consequent, depth + 1);
        return [...consequent, ...visit(n.alternate, depth + 1)];
      }
      case AST_NODE_TYPES.AssignmentExpression:
        return visit(n.right, depth + 1);
      case AST_NODE_TYPES.ArrayExpression:
        return visitArgs(n.elements.filter((e): e is NonNullable<typeof e> => !!e), depth, false);
      case AST_NODE_TYPES.ObjectExpression: {
        const flows: RawFlow[] = [];
        for (const p of n.properties) {
          // A spread keeps the object's own shape (`{ ...req.body }` is still the whole body).
          if (p.type === AST_NODE_TYPES.SpreadElement) for (const f of visit(p.argument, depth + 1)) add(flows, f);
          else if (p.value.type !== AST_NODE_TYPES.AssignmentPattern) for (const f of visit(p.value, depth + 1)) add(flows, { ...f, wrapped: true });
        }
        return flows;
      }
      default:
        return [];
    }
  }

  try {
    for (const f of visit(node, 0)) {
      if (f.origin.kind === 'request-object') continue;
      if (f.origin.kind === 'param' && f.origin.index < 0) continue;
      out.push(f as Flow);
    }
  } catch {
    // intentionally ignored: a shape the analysis does not expect carries no taint (precision first)
  }
  return out;
}

/**
 * The request read that reaches `node` as written (`req.query.id`; `req.query` for a field
 * destructured off it), or null: how messages name request data spliced into SQL or serialised.
 */
export function requestReadOf(context: Context, node: TSESTree.Node | null | undefined): string | null {
  // A request handler's first parameter is the request whatever its name or shape (`({ query }, res)`), as the taint rules ask.
  const requestParam = (fn: FunctionNode, index: number): boolean => index === 0 && isRequestHandler(context, fn);
  for (const f of flowsOf(context, node, { requestParam })) if (f.origin.kind === 'request') return f.origin.read;
  return null;
}

/**
 * A request read spelled out in `node` itself (`req.query.t`, `ctx.request.body.token`,
 * `c.req.query('t')`, `req.get('authorization').slice(7)`), by the same tables as `requestReadOf`
 * but following no binding: no scope analysis, so a cheap first question where a rule asks of
 * thousands of calls and keeps the full flow for the few that matter.
 */
export function requestReadAsWritten(node: TSESTree.Node): string | null {
  let n = unwrap(node);
  // A text method off a read is still that read (`req.headers.authorization.slice(7)`).
  for (let i = 0; i < 4 && n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression && TEXT_METHODS.has(propertyName(n.callee) ?? ''); i++) n = unwrap(n.callee.object);
  const chain = chainOf(n);
  if (!chain || chain.path.length === 0) return null;
  const name = chain.root.name;
  const shape = REQUEST_NAMES.has(name) ? 'request' : KOA_CONTEXT_NAMES.has(name) ? 'koa' : name === 'c' ? 'hono' : null;
  if (!shape || !classify(shape, chain.path, chain.called, 'unknown', chain.args.length === 0)) return null;
  return `${name}.${chain.path.join('.')}${chain.called ? '()' : ''}`;
}

/**
 * The first request payload flowing into `node` — a read of the body or query string
 * (PAYLOAD_PARTS: `req.body`, `request.json()`, `request.nextUrl.searchParams`, `ctx.request.body`,
 * `ctx.query`, `c.req.json()`, a Nest `@Body()`/`@Query()` parameter without a DTO class), as
 * opposed to path parameters used as keys, headers and server-set values (`req.user`).
 */
export function requestPayloadOf(context: Context, node: TSESTree.Node, options: FlowOptions = {}): RequestOrigin | null {
  for (const f of flowsOf(context, node, options)) if (f.origin.kind === 'request' && PAYLOAD_PARTS.has(f.origin.part)) return f.origin;
  return null;
}

function shapeOf(name: string, framework: string): RequestObject['shape'] {
  if (framework === 'koa' || KOA_CONTEXT_NAMES.has(name)) return 'koa';
  if (framework === 'hono' || name === 'c') return 'hono';
  return 'request';
}

// Set by the route model's users (./sinks.ts) so this file does not import the route model.
let frameworkOfHook: (context: Context) => string = () => 'unknown';
export function setFrameworkResolver(hook: (context: Context) => string): void {
  frameworkOfHook = hook;
}
function frameworkOf(context: Context): string {
  try {
    return frameworkOfHook(context);
  } catch {
    // intentionally ignored: an unreadable route model leaves the framework unknown
    return 'unknown';
  }
}

/** Whether a request part may hold an object (a JSON body; Express's nested query strings). */
export function mayBeObject(context: Context, origin: RequestOrigin): boolean {
  if (!OBJECT_PARTS.has(origin.part)) return false;
  return origin.part !== 'query' || !FLAT_QUERY_FRAMEWORKS.has(frameworkOf(context));
}

/** The function declared in this file that `callee` names (a declaration or a const function). */
export function sameFileFunction(sc: SourceCode, callee: TSESTree.Node): FunctionNode | null {
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(sc, callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return null;
  if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init && def.parent?.kind === 'const') {
    const init = unwrap(def.node.init);
    if (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) return init;
  }
  return null;
}

const returnsMemo = new WeakMap<FunctionNode, { index: number; stringified: boolean }[]>();
const returnsOpen = new WeakSet<FunctionNode>();

/** Which parameters of a same-file function its return value carries. */
function returnedParams(context: Context, fn: FunctionNode): { index: number; stringified: boolean }[] {
  const hit = returnsMemo.get(fn);
  if (hit) return hit;
  if (returnsOpen.has(fn)) return [];
  returnsOpen.add(fn);
  const out: { index: number; stringified: boolean }[] = [];
  try {
    const returned: TSESTree.Node[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(fn.body);
    else {
      const stack: TSESTree.Node[] = [fn.body];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.type === AST_NODE_TYPES.ReturnStatement) {
          if (node.argument) returned.push(node.argument);
          continue;
        }
        if (isFunctionNode(node)) continue;
        pushChildren(stack, node, context.sourceCode.visitorKeys);
      }
    }
    for (const r of returned) {
      for (const f of flowsOf(context, r, { fn })) {
        if (f.origin.kind === 'param' && f.origin.fn === fn && !out.some((o) => o.index === (f.origin as ParamOrigin).index)) out.push({ index: f.origin.index, stringified: f.stringified });
      }
    }
  } finally {
    returnsOpen.delete(fn);
  }
  returnsMemo.set(fn, out);
  return out;
}
