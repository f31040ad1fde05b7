/**
 * Response model: the status and body of each place code answers an HTTP request, per framework.
 * Node-local classifiers, so rules stay one-pass: call them from selectors.
 *
 * API
 * - `responseAt(context, node)` → `ResponseSite | null` for:
 *   Express `res.status(n).json(b)`, `res.json/send/jsonp(b)` (implicit 200, or the status set by
 *   an earlier `res.status(n)` / `res.statusCode = n` statement), `res.sendStatus(n)`,
 *   `res.status(n).end()`; Fastify `reply.code(n).send(b)`, `reply.status(n).send(b)`, values
 *   returned by a Fastify route handler; Koa `ctx.body = b` (status from a `ctx.status = n` in the
 *   same function, else 200); Hono `c.json(b, n)`, `c.text`, `c.body`, `c.html`, `c.newResponse`;
 *   Nest values returned by a controller method (`@HttpCode(n)`, default 201 for POST, 200
 *   otherwise) and thrown `HttpException`s (`NotFoundException` → 404, `new HttpException(b, n)`);
 *   Next/web `NextResponse.json(b, { status })`, `Response.json(b, init)`, `new Response(b, init)`,
 *   `new NextResponse(b, init)`. Accepts CallExpression, NewExpression, AssignmentExpression,
 *   ReturnStatement, ThrowStatement and the expression body of an arrow handler (a call that is
 *   an arrow body is classified as a call: when visiting both, dedupe by node).
 * - `statusSiteAt(context, node)` → `StatusSite | null`: every place a status value is written,
 *   including ones that are not a whole response (`res.status(n)` alone, `res.statusCode = n`,
 *   `ctx.status = n`, `ctx.throw(n)`, `res.writeHead(n)`, `@HttpCode(n)`, `{ status: n }` of a Response init).
 * - `resolveStatus(sourceCode, node)` → number | null: literals, consts, `StatusCodes.CREATED`,
 *   `HttpStatus.CREATED` and similar status enums.
 * - `STATUS_NAMES`: enum member name → code.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from './imports.js';
import { getRouteModel, type Framework, type FunctionNode, type Route } from './routes.js';
import { getObjectLiteral, getProperty, getStaticValue, NOT_STATIC, resolveConstInit, unwrap, type StaticValue } from './values.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

export interface ResponseSite {
  /** The call / new / assignment / return / throw that answers. */
  node: TSESTree.Node;
  framework: Framework;
  /** Resolved status; for implicit statuses the framework default. null when not static. */
  status: number | null;
  /** True when the code states the status (argument, chained call, earlier statement, decorator). */
  statusExplicit: boolean;
  /** The node holding the status value, when explicit. */
  statusNode: TSESTree.Node | null;
  /** The body expression, or null when the response has none (`sendStatus`, `end()`). */
  body: TSESTree.Node | null;
  /** The response object (`res`, `reply`, `ctx`, `c`), when there is one. */
  receiver: TSESTree.Node | null;
  /** Route handlers this site belongs to directly, when the route model knows them. */
  routes: Route[];
}

export interface StatusSite {
  node: TSESTree.Node;
  /** The node holding the value (to report at). */
  valueNode: TSESTree.Node;
  value: StaticValue | typeof NOT_STATIC;
  /** Resolved numeric status (enum members included), or null. */
  status: number | null;
}

/** Status enum member names (http-status-codes `StatusCodes`, Nest `HttpStatus`, http-status). */
export const STATUS_NAMES: Readonly<Record<string, number>> = {
  CONTINUE: 100, SWITCHING_PROTOCOLS: 101, PROCESSING: 102, EARLY_HINTS: 103,
  OK: 200, CREATED: 201, ACCEPTED: 202, NON_AUTHORITATIVE_INFORMATION: 203, NO_CONTENT: 204, RESET_CONTENT: 205,
  PARTIAL_CONTENT: 206, MULTI_STATUS: 207,
  MULTIPLE_CHOICES: 300, AMBIGUOUS: 300, MOVED_PERMANENTLY: 301, MOVED_TEMPORARILY: 302, FOUND: 302, SEE_OTHER: 303,
  NOT_MODIFIED: 304, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308,
  BAD_REQUEST: 400, UNAUTHORIZED: 401, PAYMENT_REQUIRED: 402, FORBIDDEN: 403, NOT_FOUND: 404, METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406, PROXY_AUTHENTICATION_REQUIRED: 407, REQUEST_TIMEOUT: 408, CONFLICT: 409, GONE: 410,
  LENGTH_REQUIRED: 411, PRECONDITION_FAILED: 412, PAYLOAD_TOO_LARGE: 413, REQUEST_TOO_LONG: 413, URI_TOO_LONG: 414,
  REQUEST_URI_TOO_LONG: 414, UNSUPPORTED_MEDIA_TYPE: 415, REQUESTED_RANGE_NOT_SATISFIABLE: 416,
  EXPECTATION_FAILED: 417, IM_A_TEAPOT: 418, I_AM_A_TEAPOT: 418, MISDIRECTED: 421, MISDIRECTED_REQUEST: 421,
  UNPROCESSABLE_ENTITY: 422, UNPROCESSABLE_CONTENT: 422, LOCKED: 423, FAILED_DEPENDENCY: 424, TOO_EARLY: 425,
  UPGRADE_REQUIRED: 426, PRECONDITION_REQUIRED: 428, TOO_MANY_REQUESTS: 429,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431, UNAVAILABLE_FOR_LEGAL_REASONS: 451,
  INTERNAL_SERVER_ERROR: 500, NOT_IMPLEMENTED: 501, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504, HTTP_VERSION_NOT_SUPPORTED: 505, INSUFFICIENT_STORAGE: 507, NETWORK_AUTHENTICATION_REQUIRED: 511,
};

/** Nest built-in exceptions → status. */
export const NEST_EXCEPTIONS: Readonly<Record<string, number>> = {
  BadRequestException: 400, UnauthorizedException: 401, PaymentRequiredException: 402, ForbiddenException: 403,
  NotFoundException: 404, MethodNotAllowedException: 405, NotAcceptableException: 406, RequestTimeoutException: 408,
  ConflictException: 409, GoneException: 410, PreconditionFailedException: 412, PayloadTooLargeException: 413,
  UnsupportedMediaTypeException: 415, ImATeapotException: 418, MisdirectedException: 421,
  UnprocessableEntityException: 422, InternalServerErrorException: 500, NotImplementedException: 501,
  BadGatewayException: 502, ServiceUnavailableException: 503, GatewayTimeoutException: 504,
  HttpVersionNotSupportedException: 505,
};

const RES_NAME = /^_?(res|response|resp|reply|rep)$/;
/** Cheap gates: only calls of these methods can be responses / status writes. */
const RESPONSE_METHODS = new Set(['json', 'send', 'jsonp', 'end', 'sendStatus', 'text', 'body', 'html', 'newResponse']);
const STATUS_METHODS = new Set(['status', 'code', 'sendStatus', 'writeHead', 'throw']);
const BODY_METHODS = new Set(['json', 'send', 'jsonp']);
const HONO_METHODS = new Set(['json', 'text', 'body', 'html', 'newResponse']);
const STATUS_OBJECT = /status|http/i;

/** Resolve a status expression: literals, consts, `StatusCodes.CREATED`, `HttpStatus.CREATED`. */
export function resolveStatus(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): number | null {
  if (!node) return null;
  const v = getStaticValue(sourceCode, node);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    const obj = unwrap(n.object);
    const objName =
      obj.type === AST_NODE_TYPES.Identifier ? obj.name : obj.type === AST_NODE_TYPES.MemberExpression ? propertyName(obj) ?? '' : '';
    if (name && name in STATUS_NAMES && STATUS_OBJECT.test(objName)) return STATUS_NAMES[name]!;
  }
  return null;
}

function isFunction(node: TSESTree.Node | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.ArrowFunctionExpression)
  );
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let n: TSESTree.Node | undefined = node.parent; n; n = n.parent) if (isFunction(n)) return n;
  return null;
}

/** The root identifier of a member/call chain: `res.status(1).json` → `res`. */
function chainRoot(node: TSESTree.Node): TSESTree.Node {
  let n = unwrap(node);
  for (;;) {
    if (n.type === AST_NODE_TYPES.MemberExpression) n = unwrap(n.object);
    else if (n.type === AST_NODE_TYPES.CallExpression) n = unwrap(n.callee);
    else return n;
  }
}

function paramIndex(id: TSESTree.Node): { fn: FunctionNode; index: number } | null {
  if (id.type !== AST_NODE_TYPES.Identifier) return null;
  for (let n: TSESTree.Node | undefined = id.parent; n; n = n.parent) {
    if (isFunction(n)) {
      const i = n.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === id.name);
      if (i >= 0) return { fn: n, index: i };
    }
  }
  return null;
}

/** Is `node` (the root of a chain) an Express/Fastify response object? */
function isResponseObject(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) {
    if (RES_NAME.test(node.name)) return true;
    // `(req, res)` with another name for res: only when the first parameter is the request.
    const p = paramIndex(node);
    if (!p || p.index !== 1 || p.fn.params.length > 3) return false;
    const first = p.fn.params[0];
    return first?.type === AST_NODE_TYPES.Identifier && /^_?(req|request)$/.test(first.name);
  }
  // `this.res`, `ctx.res` are rare in handler code; only named forms count.
  return false;
}

/** Nearest earlier statement setting a status on `resName` (`res.status(404);`, `res.statusCode = 404`). */
function precedingStatus(sourceCode: SourceCode, node: TSESTree.Node, resName: string, fn: FunctionNode | null): TSESTree.Node | null {
  let child: TSESTree.Node = node;
  for (let n = node.parent; n && n !== fn?.parent; child = n, n = n.parent) {
    if (n.type !== AST_NODE_TYPES.BlockStatement && n.type !== AST_NODE_TYPES.Program && n.type !== AST_NODE_TYPES.SwitchCase) continue;
    const body = (n.type === AST_NODE_TYPES.SwitchCase ? n.consequent : n.body) as TSESTree.Statement[];
    const idx = body.indexOf(child as TSESTree.Statement);
    for (let i = idx - 1; i >= 0; i--) {
      const s = body[i]!;
      if (s.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const e = unwrap(s.expression);
      if (e.type === AST_NODE_TYPES.CallExpression && e.callee.type === AST_NODE_TYPES.MemberExpression) {
        const m = propertyName(e.callee);
        const root = chainRoot(e.callee);
        if ((m === 'status' || m === 'code' || m === 'writeHead') && root.type === AST_NODE_TYPES.Identifier && root.name === resName) {
          return e.arguments[0] ?? null;
        }
      }
      if (
        e.type === AST_NODE_TYPES.AssignmentExpression &&
        e.left.type === AST_NODE_TYPES.MemberExpression &&
        (propertyName(e.left) === 'statusCode' || propertyName(e.left) === 'status') &&
        e.left.object.type === AST_NODE_TYPES.Identifier &&
        e.left.object.name === resName
      ) {
        return e.right;
      }
    }
  }
  void sourceCode;
  return null;
}

/** In a call chain `res.status(n).set(..).json(b)`, the `status(n)`/`code(n)` argument. */
function chainedStatus(callee: TSESTree.MemberExpression): TSESTree.Node | null | undefined {
  let n = unwrap(callee.object);
  while (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression) {
    const m = propertyName(n.callee);
    if (m === 'status' || m === 'code' || m === 'writeHead') return n.arguments[0] ?? null;
    n = unwrap(n.callee.object);
  }
  return undefined;
}

function routesOf(context: Context, fn: FunctionNode | null): Route[] {
  if (!fn) return [];
  return getRouteModel(context).routes.filter((r) => r.handlers.includes(fn));
}

function site(
  context: Context,
  node: TSESTree.Node,
  framework: Framework,
  statusNode: TSESTree.Node | null,
  implicit: number | null,
  body: TSESTree.Node | null,
  receiver: TSESTree.Node | null,
): ResponseSite {
  const fn = enclosingFunction(node);
  return {
    node,
    framework,
    status: statusNode ? resolveStatus(context.sourceCode, statusNode) : implicit,
    statusExplicit: !!statusNode,
    statusNode,
    body,
    receiver,
    routes: routesOf(context, fn),
  };
}

function initStatus(sourceCode: SourceCode, init: TSESTree.Node | undefined): TSESTree.Node | null {
  if (!init) return null;
  const obj = getObjectLiteral(sourceCode, init);
  return obj ? getProperty(sourceCode, obj, 'status') : null;
}

function isNamed(node: TSESTree.Node, names: readonly string[]): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.Identifier && names.includes(n.name);
}

function httpCodeOf(sourceCode: SourceCode, method: TSESTree.MethodDefinition): TSESTree.Node | null {
  for (const d of method.decorators) {
    const e = d.expression;
    if (e.type === AST_NODE_TYPES.CallExpression && e.callee.type === AST_NODE_TYPES.Identifier && e.callee.name === 'HttpCode') {
      return e.arguments[0] ?? null;
    }
  }
  void sourceCode;
  return null;
}

/**
 * Memo of `responseAt` per node (one map per file, keyed on the AST): several rules (status semantics, success-on-error, leaked
 * details, invalid status codes) ask about the same nodes of a file. The answer depends only on
 * the node and its file (source code and route model), so it is shared. Sites are read-only.
 */
const responseSites = new WeakMap<object, Map<TSESTree.Node, ResponseSite | null>>();

/**
 * Syntactic necessary conditions of `computeResponseAt`, checked before the memo: the rules ask
 * about every call, return and assignment of every file, and nearly all of them are no response.
 * A memo entry per node would cost more than these checks.
 */
function mayBeResponse(context: Context, node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(callee);
      return method !== null && RESPONSE_METHODS.has(method);
    }
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.ReturnStatement:
      // A returned value is a response only in a route handler.
      return node.argument !== null && getRouteModel(context).routes.length > 0;
    default:
      return (
        node.type !== AST_NODE_TYPES.BlockStatement &&
        node.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression &&
        node.parent.body === node &&
        getRouteModel(context).routes.length > 0
      );
  }
}

/** The response a node makes, or null. See the file header for the forms. */
export function responseAt(context: Context, node: TSESTree.Node): ResponseSite | null {
  if (!mayBeResponse(context, node)) return null;
  const ast = context.sourceCode.ast;
  let sites = responseSites.get(ast);
  if (!sites) {
    sites = new Map();
    responseSites.set(ast, sites);
  }
  let site = sites.get(node);
  if (site === undefined) {
    site = computeResponseAt(context, node);
    sites.set(node, site);
  }
  return site;
}

function computeResponseAt(context: Context, node: TSESTree.Node): ResponseSite | null {
  const sc = context.sourceCode;
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
      return callResponse(context, node);
    case AST_NODE_TYPES.NewExpression: {
      // `new Response(body, { status })`, `new NextResponse(body, init)`.
      if (!isNamed(node.callee, ['Response', 'NextResponse'])) return null;
      const [body, init] = node.arguments;
      return site(context, node, 'next', initStatus(sc, init), 200, body ?? null, null);
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      // Koa `ctx.body = b`.
      const left = node.left;
      if (left.type !== AST_NODE_TYPES.MemberExpression || propertyName(left) !== 'body') return null;
      const obj = unwrap(left.object);
      if (obj.type !== AST_NODE_TYPES.Identifier || obj.name !== 'ctx') return null;
      const statusNode = koaStatusNear(node, obj.name);
      return site(context, node, 'koa', statusNode, 200, node.right, obj);
    }
    case AST_NODE_TYPES.ReturnStatement:
      return node.argument ? returnResponse(context, node, node.argument) : null;
    case AST_NODE_TYPES.ThrowStatement: {
      const arg = node.argument && unwrap(node.argument);
      if (!arg || arg.type !== AST_NODE_TYPES.NewExpression || arg.callee.type !== AST_NODE_TYPES.Identifier) return null;
      const name = arg.callee.name;
      if (name === 'HttpException') {
        return site(context, node, 'nest', arg.arguments[1] ?? null, null, arg.arguments[0] ?? null, null);
      }
      const code = NEST_EXCEPTIONS[name];
      if (code === undefined) return null;
      const s = site(context, node, 'nest', null, code, arg.arguments[0] ?? null, null);
      s.statusExplicit = true;
      s.statusNode = arg.callee;
      return s;
    }
    default:
      if (
        node.type !== AST_NODE_TYPES.BlockStatement &&
        node.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression &&
        node.parent.body === node
      ) {
        return returnResponse(context, node, node);
      }
      return null;
  }
}

/**
 * Koa: the `ctx.status = n` that applies to a `ctx.body = b` — searched among the statements of
 * the same block (before or after: order does not matter in Koa), then the enclosing blocks up to
 * the function. Nearest block wins, so a `ctx.status = 500` in a catch block applies there.
 */
function koaStatusNear(node: TSESTree.Node, name: string): TSESTree.Node | null {
  let child: TSESTree.Node = node;
  for (let n: TSESTree.Node | undefined = node.parent; n; child = n, n = n.parent) {
    if (isFunction(n)) return null;
    if (n.type !== AST_NODE_TYPES.BlockStatement && n.type !== AST_NODE_TYPES.SwitchCase) continue;
    const body = (n.type === AST_NODE_TYPES.SwitchCase ? n.consequent : n.body) as TSESTree.Statement[];
    let found: TSESTree.Node | null = null;
    for (const st of body) {
      if (st === child || st.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const e = st.expression;
      if (
        e.type === AST_NODE_TYPES.AssignmentExpression &&
        e.left.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(e.left) === 'status' &&
        e.left.object.type === AST_NODE_TYPES.Identifier &&
        e.left.object.name === name
      ) {
        found = e.right;
      }
    }
    if (found) return found;
  }
  return null;
}

function callResponse(context: Context, call: TSESTree.CallExpression): ResponseSite | null {
  const sc = context.sourceCode;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  if (!method || !RESPONSE_METHODS.has(method)) return null;
  const object = unwrap(callee.object);

  // Next / web: `NextResponse.json(b, init)`, `Response.json(b, init)`.
  if (method === 'json' && isNamed(object, ['NextResponse', 'Response'])) {
    return site(context, call, 'next', initStatus(sc, call.arguments[1]), 200, call.arguments[0] ?? null, null);
  }

  const root = chainRoot(object);

  // Hono: `c.json(b, status)`, `c.text(t, status)`.
  if (HONO_METHODS.has(method) && object.type === AST_NODE_TYPES.Identifier && isHonoContext(context, object)) {
    const statusArg = call.arguments[1];
    const statusNode = statusArg && statusArg.type !== AST_NODE_TYPES.ObjectExpression ? statusArg : initStatus(sc, statusArg);
    const fn = enclosingFunction(call);
    const earlier = statusNode ? null : precedingStatus(sc, call, object.name, fn);
    return site(context, call, 'hono', statusNode ?? earlier, 200, call.arguments[0] ?? null, object);
  }

  if (root.type !== AST_NODE_TYPES.Identifier || !isResponseObject(root)) return null;
  const framework: Framework = /^_?(reply|rep)$/.test(root.name) ? 'fastify' : getRouteModel(context).framework === 'fastify' ? 'fastify' : 'express';

  if (method === 'sendStatus') {
    return site(context, call, 'express', call.arguments[0] ?? null, null, null, root);
  }
  if (BODY_METHODS.has(method) || method === 'end') {
    // Only the terminal call of the chain is the response (`res.status(1).json(b)` — not `status`).
    const chained = chainedStatus(callee);
    // A bare `res.json` must be called directly on the response object, and with a body: a
    // no-argument `res.json()` is far more often a fetch Response being read.
    if (chained === undefined && (object !== root || (method !== 'end' && call.arguments.length === 0))) return null;
    const fn = enclosingFunction(call);
    const statusNode = chained ?? (chained === undefined ? precedingStatus(sc, call, root.name, fn) : null);
    const body = method === 'end' ? null : (call.arguments[0] ?? null);
    // Fastify answers `reply.send(err)` with the error's own `statusCode`, or 500: not 200. The
    // status is then the error's to decide, so it is left unknown.
    const implicit = framework === 'fastify' && method === 'send' && body && isErrorValue(sc, body) ? null : 200;
    return site(context, call, framework, statusNode, implicit, body, root);
  }
  return null;
}

/** A caught error, an error-named value, or `new SomethingError(…)`. */
function isErrorValue(sc: SourceCode, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.NewExpression) {
    const callee = unwrap(n.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (name && /(?:Error|Exception)$/.test(name)) return true;
    // http-errors' classes: `new createError.NotFound()`, `new httpErrors.BadRequest()`.
    const owner = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
    return owner?.type === AST_NODE_TYPES.Identifier && /errors?$/i.test(owner.name);
  }
  if (n.type !== AST_NODE_TYPES.Identifier) return false;
  return isCaughtError(sc, n) || /^(?:err|error|e)$|(?:Error|Err)$/.test(n.name);
}

function isHonoContext(context: Context, id: TSESTree.Identifier): boolean {
  const p = paramIndex(id);
  if (!p || p.index !== 0) return false;
  const routes = getRouteModel(context).routes.filter((r) => r.handlers.includes(p.fn));
  if (routes.length) return routes.some((r) => r.framework === 'hono');
  return id.name === 'c' && getRouteModel(context).framework === 'hono';
}

function returnResponse(context: Context, node: TSESTree.Node, value: TSESTree.Node): ResponseSite | null {
  const fn = node.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(node) : (node.parent as FunctionNode);
  if (!fn) return null;
  const routes = routesOf(context, fn);
  if (!routes.length) return null;
  const v = unwrap(value);
  // A returned response object is judged where it is built (`return c.json(…)`, `return reply.send()`).
  if (v.type === AST_NODE_TYPES.CallExpression || v.type === AST_NODE_TYPES.NewExpression) {
    if (responseAt(context, v)) return null;
  }
  if (v.type === AST_NODE_TYPES.AwaitExpression && v.argument.type === AST_NODE_TYPES.CallExpression && responseAt(context, v.argument)) {
    return null;
  }
  let fw = routes[0]!.framework;
  // A plugin function registered from another file: `(request, reply)` handlers are Fastify's.
  const second = fn.params[1];
  if (fw === 'unknown' && second?.type === AST_NODE_TYPES.Identifier && /^_?(reply|rep)$/.test(second.name)) fw = 'fastify';
  if (fw === 'unknown' && routes[0]!.router && /fastify/i.test(routes[0]!.router.name)) fw = 'fastify';
  if (fw === 'nest') {
    const method = fn.parent?.type === AST_NODE_TYPES.MethodDefinition ? fn.parent : null;
    // `@Res() res` switches Nest to manual responses: the return value is not sent.
    const manual = fn.params.some((p) =>
      (p.type === AST_NODE_TYPES.Identifier || p.type === AST_NODE_TYPES.TSParameterProperty) &&
      (p.decorators ?? []).some((d) => {
        const e = d.expression;
        const callee = e.type === AST_NODE_TYPES.CallExpression ? e.callee : e;
        return callee.type === AST_NODE_TYPES.Identifier && (callee.name === 'Res' || callee.name === 'Response');
      }),
    );
    if (manual) return null;
    const code = method ? httpCodeOf(context.sourceCode, method) : null;
    const implicit = routes[0]!.methods.includes('POST') ? 201 : 200;
    return site(context, node, 'nest', code, implicit, value, null);
  }
  if (fw === 'fastify') {
    const reply = fn.params[1];
    // `return reply` after `reply.send()` (Fastify's async pattern) and `return undefined` answer nothing new.
    if (v.type === AST_NODE_TYPES.Identifier && (v.name === 'undefined' || (reply?.type === AST_NODE_TYPES.Identifier && v.name === reply.name))) {
      return null;
    }
    const earlier = reply?.type === AST_NODE_TYPES.Identifier ? precedingStatus(context.sourceCode, node, reply.name, fn) : null;
    return site(context, node, 'fastify', earlier, 200, value, null);
  }
  return null;
}

function within(inner: TSESTree.Node, call: TSESTree.CallExpression): boolean {
  return call.arguments.some((a) => a.range[0] <= inner.range[0] && inner.range[1] <= a.range[1]);
}

/** Every place a status value is written (for no-invalid-status-code). */
export function statusSiteAt(context: Context, node: TSESTree.Node): StatusSite | null {
  const sc = context.sourceCode;
  const make = (at: TSESTree.Node): StatusSite => ({
    node,
    valueNode: at,
    value: getStaticValue(sc, at),
    status: resolveStatus(sc, at),
  });
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const m = propertyName(callee);
    const arg = node.arguments[0];
    if (!arg || !m || !(STATUS_METHODS.has(m) || RESPONSE_METHODS.has(m))) return null;
    const root = chainRoot(callee.object);
    if ((m === 'status' || m === 'code' || m === 'sendStatus' || m === 'writeHead') && root.type === AST_NODE_TYPES.Identifier) {
      if (isResponseObject(root) || (m === 'status' && isHonoContext(context, root))) return make(arg);
      return null;
    }
    if (m === 'throw' && root.type === AST_NODE_TYPES.Identifier && root.name === 'ctx' && callee.object === root) {
      const v = getStaticValue(sc, arg);
      return typeof v === 'number' || typeof v === 'string' ? make(arg) : null;
    }
    // Statuses passed to the response call itself (`c.json(b, 299)`, `NextResponse.json(b, { status })`);
    // a chained `res.status(n)` is its own site.
    const r = responseAt(context, node);
    return r?.statusNode && within(r.statusNode, node) ? make(r.statusNode) : null;
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const r = responseAt(context, node);
    if (r?.statusNode) return make(r.statusNode);
    if (isNamed(node.callee, ['HttpException']) && node.arguments[1]) return make(node.arguments[1]);
    return null;
  }
  if (node.type === AST_NODE_TYPES.AssignmentExpression) {
    const left = node.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression) return null;
    const p = propertyName(left);
    const obj = unwrap(left.object);
    if (obj.type !== AST_NODE_TYPES.Identifier) return null;
    if (p === 'statusCode' && isResponseObject(obj)) return make(node.right);
    if (p === 'status' && obj.name === 'ctx') return make(node.right);
    return null;
  }
  if (node.type === AST_NODE_TYPES.Decorator) {
    const e = node.expression;
    if (e.type === AST_NODE_TYPES.CallExpression && e.callee.type === AST_NODE_TYPES.Identifier && e.callee.name === 'HttpCode' && e.arguments[0]) {
      return make(e.arguments[0]);
    }
  }
  return null;
}

// ---------------------------------------------------------------- error context

export interface ErrorContext {
  /**
   * `catch`: inside a catch clause or a `.catch(fn)` / `.then(ok, fail)` rejection callback;
   * `error-branch`: the consequent of `if (err)` / `if (result.error)`;
   * `missing-branch`: the consequent of `if (!x)` / `if (x == null)`.
   */
  kind: 'catch' | 'error-branch' | 'missing-branch';
  /** The construct (catch clause, callback, if statement). */
  node: TSESTree.Node;
  /** The error binding, when there is one (catch parameter, callback parameter, tested identifier). */
  errorName: string | null;
}

const ERROR_NAME = /^(err|error|e|ex|exc|exception|cause)$|(Error|Err)$/;

function testedErrorName(test: TSESTree.Expression): string | null {
  const t = unwrap(test);
  if (t.type === AST_NODE_TYPES.Identifier && ERROR_NAME.test(t.name)) return t.name;
  if (t.type === AST_NODE_TYPES.MemberExpression && /^(error|err|errors)$/.test(propertyName(t) ?? '')) return null;
  return null;
}

function isErrorMemberTest(test: TSESTree.Expression): boolean {
  const t = unwrap(test);
  return t.type === AST_NODE_TYPES.MemberExpression && /^(error|err)$/.test(propertyName(t) ?? '');
}

function isMissingTest(test: TSESTree.Expression): boolean {
  const t = unwrap(test);
  if (t.type === AST_NODE_TYPES.UnaryExpression && t.operator === '!') {
    const a = unwrap(t.argument);
    return a.type === AST_NODE_TYPES.Identifier || a.type === AST_NODE_TYPES.MemberExpression || a.type === AST_NODE_TYPES.AwaitExpression;
  }
  if (t.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(t.operator)) {
    const other = t.right;
    const isNullish =
      (other.type === AST_NODE_TYPES.Literal && other.value === null) ||
      (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined');
    return isNullish && (t.operator === '==' || t.operator === '===');
  }
  return false;
}

/** A function passed as the rejection handler of a promise (`.catch(fn)`, `.then(ok, fn)`). */
function isRejectionCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const m = propertyName(call.callee);
  return (m === 'catch' && call.arguments[0] === fn) || (m === 'then' && call.arguments[1] === fn);
}

/**
 * The error situation `node` is in, looking outwards up to the enclosing function (a rejection
 * callback counts as a catch). Null when `node` is on a normal path.
 */
export function errorContextOf(node: TSESTree.Node): ErrorContext | null {
  let child: TSESTree.Node = node;
  for (let n: TSESTree.Node | undefined = node.parent; n; child = n, n = n.parent) {
    if (n.type === AST_NODE_TYPES.CatchClause && child === n.body) {
      const p = n.param;
      return { kind: 'catch', node: n, errorName: p?.type === AST_NODE_TYPES.Identifier ? p.name : null };
    }
    if (n.type === AST_NODE_TYPES.IfStatement && child === n.consequent) {
      const name = testedErrorName(n.test);
      if (name || isErrorMemberTest(n.test)) return { kind: 'error-branch', node: n, errorName: name };
      if (isMissingTest(n.test)) return { kind: 'missing-branch', node: n, errorName: null };
    }
    if (n.type === AST_NODE_TYPES.ConditionalExpression && child === n.consequent) {
      const name = testedErrorName(n.test);
      if (name) return { kind: 'error-branch', node: n, errorName: name };
    }
    if (isFunction(n)) {
      if (isRejectionCallback(n)) {
        const p = n.params[0];
        return { kind: 'catch', node: n, errorName: p?.type === AST_NODE_TYPES.Identifier ? p.name : null };
      }
      return null;
    }
  }
  return null;
}

/**
 * True when `id` is bound to a caught error: a catch parameter, the parameter of a rejection
 * callback, the first parameter of an Express error middleware `(err, req, res, next)`, or an
 * error-named first parameter of a node-style callback `(err, result) => …`.
 */
export function isCaughtError(sourceCode: SourceCode, id: TSESTree.Identifier): boolean {
  let variable: TSESLint.Scope.Variable | null = null;
  for (let s: TSESLint.Scope.Scope | null = sourceCode.getScope(id); s; s = s.upper) {
    const v = s.set.get(id.name);
    if (v) {
      variable = v;
      break;
    }
  }
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return false;
  if (def.type === 'CatchClause') return true;
  if (def.type !== 'Parameter') return false;
  const fn = def.node as TSESTree.Node;
  if (!isFunction(fn) || fn.params[0]?.type !== AST_NODE_TYPES.Identifier || fn.params[0].name !== id.name) return false;
  if (isRejectionCallback(fn)) return true;
  if (fn.params.length === 4) return true;
  return fn.params.length >= 2 && /^(err|error|e)$/.test(id.name);
}

/**
 * `{ error: …, errors: …, success: false }`: a body that says the request failed. Only values
 * that certainly hold an error count — literals, object/array literals, a caught error, an
 * error's `.message`/`.code`, a call building one. A variable or property that may be empty on
 * success (`{ data, error }` from a client library, `{ valid, errors }` from a validator) does not.
 */
export function isErrorShapedBody(sourceCode: SourceCode, body: TSESTree.Node | null): boolean {
  if (!body) return false;
  const obj = getObjectLiteral(sourceCode, body);
  if (!obj) return false;
  for (const key of ['error', 'errors']) {
    const v = getProperty(sourceCode, obj, key);
    if (v && holdsError(sourceCode, v, key === 'errors')) return true;
  }
  const success = getProperty(sourceCode, obj, 'success') ?? getProperty(sourceCode, obj, 'ok');
  return !!success && getStaticValue(sourceCode, success) === false;
}

function holdsError(sourceCode: SourceCode, value: TSESTree.Node, list: boolean, depth = 0): boolean {
  const u = unwrap(value);
  switch (u.type) {
    case AST_NODE_TYPES.Literal:
      return !(u.value === null || u.value === false || u.value === '');
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.NewExpression:
      return true;
    case AST_NODE_TYPES.ArrayExpression:
      return u.elements.length > 0;
    case AST_NODE_TYPES.CallExpression:
      return !list;
    case AST_NODE_TYPES.MemberExpression:
      return /^(message|msg|code|name|stack|reason|detail|details)$/.test(propertyName(u) ?? '');
    case AST_NODE_TYPES.Identifier: {
      if (u.name === 'undefined') return false;
      if (isCaughtError(sourceCode, u)) return true;
      const init = depth < 3 ? resolveConstInit(sourceCode, u) : null;
      return !!init && holdsError(sourceCode, init, list, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * A fix that makes `site` answer `code` instead, when one edit can do it: replace a literal status,
 * insert `.status(code)` / `.code(code)` before an implicit Express/Fastify send, add the status
 * argument of Hono `c.json(b)` or the init of `NextResponse.json(b)` / `new Response(b)`.
 */
export function statusFix(
  sourceCode: SourceCode,
  site: ResponseSite,
  code: number,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
  const sn = site.statusNode && unwrap(site.statusNode);
  if (sn) {
    if (sn.type === AST_NODE_TYPES.Literal && typeof sn.value === 'number') return (f) => f.replaceText(sn, String(code));
    return null;
  }
  const n = site.node;
  if (n.type === AST_NODE_TYPES.NewExpression && n.arguments.length === 1) {
    return (f) => f.insertTextAfter(n.arguments[0]!, `, { status: ${code} }`);
  }
  if (n.type !== AST_NODE_TYPES.CallExpression || n.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (site.framework === 'next' && n.arguments.length === 1) return (f) => f.insertTextAfter(n.arguments[0]!, `, { status: ${code} }`);
  if (site.framework === 'hono' && n.arguments.length === 1) return (f) => f.insertTextAfter(n.arguments[0]!, `, ${code}`);
  if ((site.framework === 'express' || site.framework === 'fastify') && site.receiver && unwrap(n.callee.object) === site.receiver) {
    const method = site.framework === 'fastify' ? 'code' : 'status';
    const recv = site.receiver;
    return (f) => f.insertTextAfter(recv, `.${method}(${code})`);
  }
  void sourceCode;
  return null;
}
