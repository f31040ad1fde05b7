/**
 * HTTP statuses a piece of code answers with: statuses it sends (`res.status(404)`,
 * `reply.code(201)`, `ctx.status = 204` — the response model's status sites) and the statuses of
 * the errors it makes (`new NotFoundException()`, `new HttpError(403)`, `createError(409)`,
 * `Boom.notFound()`, `new errors.NotFoundError()`), which an error handler turns into responses.
 *
 * Library knowledge is the tables below; the response side is src/analysis/responses.ts.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from './imports.js';
import { NEST_EXCEPTIONS, resolveStatus, statusSiteAt } from './responses.js';
import { unwrap } from './values.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Error classes whose status is their name: NestJS built-ins, and the names shared by
 * @tryghost/errors, routing-controllers, ts-httpexceptions and most hand-written hierarchies.
 * Names whose status differs between libraries (`ValidationError`: 400 or 422) are left out.
 */
export const ERROR_CLASS_STATUSES: Readonly<Record<string, number>> = {
  ...NEST_EXCEPTIONS,
  BadRequestError: 400, UnauthorizedError: 401, ForbiddenError: 403, NoPermissionError: 403, NotFoundError: 404,
  MethodNotAllowedError: 405, NotAcceptableError: 406, ConflictError: 409, GoneError: 410, PreconditionFailedError: 412,
  RequestEntityTooLargeError: 413, PayloadTooLargeError: 413, UnsupportedMediaTypeError: 415, UnprocessableEntityError: 422,
  TooManyRequestsError: 429, InternalServerError: 500, InternalServerErrorError: 500, NotImplementedError: 501,
  BadGatewayError: 502, ServiceUnavailableError: 503, GatewayTimeoutError: 504,
};

/** http-errors' named constructors (`createError.NotFound`, `new httpErrors.Conflict()`). */
const HTTP_ERRORS_NAMES: Readonly<Record<string, number>> = {
  BadRequest: 400, Unauthorized: 401, PaymentRequired: 402, Forbidden: 403, NotFound: 404, MethodNotAllowed: 405,
  NotAcceptable: 406, RequestTimeout: 408, Conflict: 409, Gone: 410, PreconditionFailed: 412, PayloadTooLarge: 413,
  UnsupportedMediaType: 415, UnprocessableEntity: 422, TooManyRequests: 429, InternalServerError: 500,
  NotImplemented: 501, BadGateway: 502, ServiceUnavailable: 503, GatewayTimeout: 504,
};
const HTTP_ERRORS_OBJECT = /^(createError|createHttpError|httpErrors|HttpErrors|createHttpErrors)$/;

/** @hapi/boom's factories. */
const BOOM: Readonly<Record<string, number>> = {
  badRequest: 400, unauthorized: 401, paymentRequired: 402, forbidden: 403, notFound: 404, methodNotAllowed: 405,
  notAcceptable: 406, clientTimeout: 408, conflict: 409, resourceGone: 410, preconditionFailed: 412,
  entityTooLarge: 413, unsupportedMediaType: 415, badData: 422, tooManyRequests: 429, internal: 500, badImplementation: 500,
  notImplemented: 501, badGateway: 502, serverUnavailable: 503, gatewayTimeout: 504,
};

/** Factories and classes taking the status as their first argument: http-errors, hand-written `HttpError(status)`. */
const STATUS_FIRST = new Set(['createError', 'createHttpError', 'httpError', 'HttpError', 'HTTPError', 'HttpErrorResponse', 'ApiError', 'APIError']);

function isHttpStatus(n: number | null): n is number {
  return n !== null && Number.isInteger(n) && n >= 100 && n <= 599;
}

/** Last name of a callee: `NotFoundException`, `errors.NotFoundError` → `NotFoundError`. */
function calleeName(callee: TSESTree.Node): { name: string; object: string | null } | null {
  const c = unwrap(callee);
  if (c.type === AST_NODE_TYPES.Identifier) return { name: c.name, object: null };
  if (c.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(c);
    const obj = unwrap(c.object);
    const object = obj.type === AST_NODE_TYPES.Identifier ? obj.name : obj.type === AST_NODE_TYPES.MemberExpression ? propertyName(obj) : null;
    return name ? { name, object } : null;
  }
  return null;
}

/** The status of an error this call or `new` makes, or null. */
export function errorStatusOf(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression): number | null {
  const callee = calleeName(node.callee);
  if (!callee) return null;
  const { name, object } = callee;
  if (object !== null && HTTP_ERRORS_OBJECT.test(object) && Object.hasOwn(HTTP_ERRORS_NAMES, name)) return HTTP_ERRORS_NAMES[name]!;
  if (object !== null && /^boom$/i.test(object) && Object.hasOwn(BOOM, name)) return BOOM[name]!;
  if (node.type === AST_NODE_TYPES.NewExpression && Object.hasOwn(ERROR_CLASS_STATUSES, name)) return ERROR_CLASS_STATUSES[name]!;
  if (name === 'HttpException' && node.type === AST_NODE_TYPES.NewExpression) {
    const s = resolveStatus(sourceCode, node.arguments[1]);
    return isHttpStatus(s) ? s : null;
  }
  if (STATUS_FIRST.has(name)) {
    const s = resolveStatus(sourceCode, node.arguments[0]);
    return isHttpStatus(s) ? s : null;
  }
  return null;
}

/** The status a node sends (`res.status(404)`, `reply.code(201)`, `ctx.status = 204`, `@HttpCode(204)`), or null. */
export function sentStatusOf(context: Context, node: TSESTree.Node): number | null {
  if (node.type === AST_NODE_TYPES.NewExpression) return null; // an error's status is errorStatusOf's
  const site = statusSiteAt(context, node);
  return site && isHttpStatus(site.status) ? site.status : null;
}
