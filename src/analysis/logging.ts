/**
 * Logging recognition: is a call a write to a log, and which of its arguments carry sensitive data.
 *
 * Logger calls: `console.*`; imported loggers (pino, winston, bunyan, log4js, loglevel, consola,
 * signale, npmlog, tslog, @tryghost/logging) called directly or through an instance made from them
 * (`const logger = pino()`, `winston.createLogger()`, `log4js.getLogger()`, `.child()`); `debug`
 * instances; and receivers named as loggers (`logger`, `this.logger`, `req.log`, `fastify.log`,
 * `request.log`, `auditLog`), because loggers are usually passed across files.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ImportTracker } from './imports.js';
import { propertyName } from './imports.js';
import { memoByName } from './memo.js';
import { headTerm, shoutedWords, nameWords, vocabulary, type Vocabulary } from './names.js';
import { getStaticString, memberChainName, resolveConstInit, unwrap } from './values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export const LOGGER_MODULES: readonly string[] = [
  'pino',
  'winston',
  'bunyan',
  'log4js',
  'loglevel',
  'consola',
  'signale',
  'npmlog',
  'tslog',
  'roarr',
  'debug',
  '@tryghost/logging',
  '@tryghost/debug',
];

export const LOG_METHODS: ReadonlySet<string> = new Set([
  'log',
  'info',
  'warn',
  'warning',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'http',
  'notice',
  'crit',
  'critical',
  'alert',
  'emerg',
  'dir',
]);

const LOGGER_NAME_HEADS = new Set(['log', 'logger', 'logging']);

/** Does the file import a logger module at all? Answer it once per file and pass it to isLoggerCall. */
export function importsLogger(tracker: ImportTracker): boolean {
  return tracker.usesAny(LOGGER_MODULES);
}

/** `logger`, `auditLog`, `logs`: a name whose head word names a logger. Few distinct names, asked often. */
const isLoggerName = memoByName((name): boolean => {
  const words = nameWords(name);
  return LOGGER_NAME_HEADS.has(words[words.length - 1] ?? '');
});

function isLoggerModule(tracker: ImportTracker, node: TSESTree.Node): boolean {
  const ref = tracker.resolve(node);
  return !!ref && LOGGER_MODULES.includes(ref.source);
}

/** An instance made by a logger module: `pino()`, `winston.createLogger()`, `debug('app')`, `logger.child()`. */
function isLoggerInstance(sourceCode: SourceCode, tracker: ImportTracker, node: TSESTree.Node, depth = 0): boolean {
  if (depth > 4) return false;
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) {
    if (isLoggerModule(tracker, n)) return true;
    const init = resolveConstInit(sourceCode, n);
    return !!init && isLoggerInstance(sourceCode, tracker, init, depth + 1);
  }
  if (n.type === AST_NODE_TYPES.CallExpression || n.type === AST_NODE_TYPES.NewExpression) {
    if (isLoggerModule(tracker, n.callee)) return true;
    // `logger.child({...})`
    if (n.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(n.callee) === 'child') {
      return isLoggerReceiver(sourceCode, tracker, n.callee.object, depth + 1);
    }
  }
  return false;
}

function isLoggerReceiver(sourceCode: SourceCode, tracker: ImportTracker, node: TSESTree.Node, depth = 0, fileImportsLogger?: boolean): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier && n.name === 'console') return true;
  const name = n.type === AST_NODE_TYPES.Identifier ? n.name : n.type === AST_NODE_TYPES.MemberExpression ? propertyName(n) : null;
  if (name && /log/i.test(name) && isLoggerName(name)) return true;
  // Module resolution last: it is the expensive check, and only files importing a logger need it.
  if (!(fileImportsLogger ?? importsLogger(tracker))) return false;
  return isLoggerModule(tracker, n) || isLoggerInstance(sourceCode, tracker, n, depth);
}

/**
 * True when the call writes to a log: `console.log(...)`, `logger.info(...)`, `req.log.warn(...)`, `debug(...)`.
 * `fileImportsLogger` is importsLogger(tracker), which a caller asking for every call computes once.
 */
export function isLoggerCall(
  sourceCode: SourceCode,
  tracker: ImportTracker,
  call: TSESTree.CallExpression,
  fileImportsLogger: boolean = importsLogger(tracker),
): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(callee);
    if (!method || !LOG_METHODS.has(method)) return false;
    return isLoggerReceiver(sourceCode, tracker, callee.object, 0, fileImportsLogger);
  }
  // `debug('x')` instances and directly imported log functions.
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // Cheap gate first: a bare-function logger must come from a logger module this file imports.
    return fileImportsLogger && isLoggerInstance(sourceCode, tracker, callee);
  }
  return false;
}

// ---- sensitive arguments ----------------------------------------------------------------------

/** Sensitive data, matched on the head of a name (`newPassword`, `accessToken`; not `tokenCount`). */
export const SENSITIVE_DATA: Vocabulary = vocabulary([
  'password',
  'passwd',
  'pwd',
  'pw',
  // A password hash in a log can be cracked offline at leisure.
  'password hash',
  'password digest',
  'passphrase',
  'secret',
  'token',
  'jwt',
  'authorization',
  'cookie',
  'credential',
  'ssn',
  'cvv',
  'cvc',
  'api key',
  'private key',
  'secret key',
  'access key',
  'auth header',
  'credit card',
  'card number',
  'social security number',
]);

/**
 * Names that talk about secrets without holding one: predicates (`hasPassword`, `isTokenValid`) and
 * counts or bookkeeping of records (`numTokens`, `deletedTokens` — the result of a bulk delete).
 */
const META_PREFIXES = new Set([
  'is', 'has', 'should', 'can', 'did', 'was', 'needs', 'missing', 'valid', 'no',
  'num', 'number', 'total', 'count', 'deleted', 'removed', 'expired', 'revoked', 'cleaned', 'purged', 'invalid',
]);

/** The sensitive term a name holds, or null. Names repeat across calls and files, so answers are kept. */
const sensitiveTermOf = memoByName((name) => computeSensitiveTerm(name));
export function sensitiveTerm(name: string | null | undefined): string | null {
  return name ? sensitiveTermOf(name) : null;
}

function computeSensitiveTerm(name: string): string | null {
  for (const words of [nameWords(name), ...shoutedWords(name)]) {
    if (words.length > 1 && META_PREFIXES.has(words[0]!)) return null;
    const term = headTerm(words, SENSITIVE_DATA);
    if (term) return term;
  }
  return null;
}

const REQUEST_ROOTS = /^(req|request)$/;
const WHOLE_PARTS: Readonly<Record<string, string>> = { body: 'request body', headers: 'request headers', cookies: 'request cookies' };

/** `req.body`, `request.headers`, `ctx.request.body`, `ctx.headers`, `req.cookies`: a whole request part. */
export function wholeRequestPart(node: TSESTree.Node): string | null {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return null;
  const part = propertyName(n);
  if (!part || !(part in WHOLE_PARTS)) return null;
  const base = memberChainName(n.object);
  if (!base) return null;
  if (REQUEST_ROOTS.test(base) || base === 'ctx.request' || base === 'context.request' || base === 'this.request') {
    return WHOLE_PARTS[part]!;
  }
  if ((base === 'ctx' || base === 'context') && part === 'headers') return WHOLE_PARTS[part]!;
  return null;
}

export interface SensitiveRead {
  node: TSESTree.Node;
  /** What leaks, for the message: `a password`, `the whole request body`, `the authorization header`. */
  what: string;
  whole: boolean;
}

const PASS_THROUGH_FUNCTIONS = new Set(['String', 'JSON.stringify', 'util.inspect', 'inspect', 'util.format', 'format', 'Object.assign']);
const PASS_THROUGH_METHODS = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase', 'valueOf', 'toJSON']);
const HEADER_GETTERS = new Set(['get', 'header', 'getHeader']);
const QUALIFIER_PROPS = new Set(['length', 'size', 'count', 'type', 'name']);

const TERM_TEXT: Readonly<Record<string, string>> = {
  ssn: 'a social security number',
  jwt: 'a JWT',
  cvv: 'a card security code',
  cvc: 'a card security code',
  'api key': 'an API key',
  pwd: 'a password',
  pw: 'a password',
  passwd: 'a password',
};

function articled(term: string): string {
  if (TERM_TEXT[term]) return TERM_TEXT[term];
  return `${/^[aeiou]/.test(term) ? 'an' : 'a'} ${term}`;
}

/** A header name's sensitive term: `Authorization`, `Cookie`, `X-Api-Key`, `Set-Cookie`. */
function sensitiveHeader(name: string): string | null {
  return sensitiveTerm(name.replace(/-/g, ' '));
}

/**
 * Sensitive data an argument of a logger call carries, or null. Follows concatenation, templates,
 * object/array literals, spreads, `JSON.stringify`/`util.inspect`/`String()`, and one `const`
 * binding. A string literal is a message, never data; a call that transforms a value (`mask(t)`,
 * `token.slice(0, 4)`) is trusted to have removed the secret.
 */
export function sensitiveRead(sourceCode: SourceCode, node: TSESTree.Node | null | undefined, depth = 0): SensitiveRead | null {
  if (!node || depth > 6) return null;
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.Identifier: {
      if (n.name === 'undefined') return null;
      const term = sensitiveTerm(n.name);
      if (term) return { node: n, what: articled(term), whole: false };
      const init = resolveConstInit(sourceCode, n);
      if (init && (init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.CallExpression)) {
        const inner = sensitiveRead(sourceCode, init, depth + 1);
        return inner ? { ...inner, node: n } : null;
      }
      return null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const whole = wholeRequestPart(n);
      if (whole) return { node: n, what: `the whole ${whole}`, whole: true };
      const prop = propertyName(n);
      if (prop && QUALIFIER_PROPS.has(prop)) return null;
      // The header name first: it is a cached lookup, the receiver chain is a string to build.
      if (prop && sensitiveHeader(prop) && /(^|\.)headers?$/i.test(memberChainName(n.object) ?? '')) {
        return { node: n, what: `the ${prop.toLowerCase()} header`, whole: false };
      }
      const term = sensitiveTerm(prop);
      return term ? { node: n, what: articled(term), whole: false } : null;
    }
    case AST_NODE_TYPES.ChainExpression:
      return sensitiveRead(sourceCode, n.expression, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return sensitiveRead(sourceCode, n.argument, depth + 1);
    case AST_NODE_TYPES.TemplateLiteral:
      return firstOf(sourceCode, n.expressions, depth);
    case AST_NODE_TYPES.BinaryExpression:
      return n.operator === '+' ? firstOf(sourceCode, [n.left as TSESTree.Node, n.right], depth) : null;
    case AST_NODE_TYPES.LogicalExpression:
      return firstOf(sourceCode, [n.left, n.right], depth);
    case AST_NODE_TYPES.ConditionalExpression:
      return firstOf(sourceCode, [n.consequent, n.alternate], depth);
    case AST_NODE_TYPES.ArrayExpression:
      return firstOf(sourceCode, n.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => !!e), depth);
    case AST_NODE_TYPES.SpreadElement:
      return sensitiveRead(sourceCode, n.argument, depth + 1);
    case AST_NODE_TYPES.ObjectExpression: {
      for (const p of n.properties) {
        if (p.type === AST_NODE_TYPES.SpreadElement) {
          const r = sensitiveRead(sourceCode, p.argument, depth + 1);
          if (r) return r;
          continue;
        }
        const value = unwrap(p.value);
        const keyTerm = sensitiveTerm(propertyName(p));
        // `{ password: pw }` leaks; `{ password: '[redacted]' }`, `{ token: mask(t) }`, `{ password: !!pw }` do not.
        const blanked = value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined';
        if (keyTerm && !blanked && (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression)) {
          const prop = value.type === AST_NODE_TYPES.MemberExpression ? propertyName(value) : null;
          if (!prop || !QUALIFIER_PROPS.has(prop)) return { node: p, what: articled(keyTerm), whole: false };
        }
        const r = sensitiveRead(sourceCode, value, depth + 1);
        if (r) return r;
      }
      return null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(n.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(callee);
        if (method && HEADER_GETTERS.has(method)) {
          const header = getStaticString(sourceCode, n.arguments[0]);
          const base = memberChainName(callee.object) ?? '';
          const requestLike = /(^|\.)(req|request|headers?|ctx|context)$/.test(base);
          if (header !== null && requestLike) {
            const h = sensitiveHeader(header);
            return h ? { node: n, what: `the ${header.toLowerCase()} header`, whole: false } : null;
          }
          // Hono `c.req.header()` with no name returns every header.
          if (n.arguments.length === 0 && method === 'header' && /(^|\.)req$/.test(base)) {
            return { node: n, what: 'the whole request headers', whole: true };
          }
          return null;
        }
        if (method === 'json' && n.arguments.length === 0 && /(^|\.)(req|request)$/.test(memberChainName(callee.object) ?? '')) {
          return { node: n, what: 'the whole request body', whole: true };
        }
        if (method && PASS_THROUGH_METHODS.has(method)) return sensitiveRead(sourceCode, callee.object, depth + 1);
      }
      const name = memberChainName(callee);
      if (name && PASS_THROUGH_FUNCTIONS.has(name)) return firstOf(sourceCode, n.arguments, depth);
      return null;
    }
    default:
      return null;
  }
}

function firstOf(sourceCode: SourceCode, nodes: readonly TSESTree.Node[], depth: number): SensitiveRead | null {
  for (const x of nodes) {
    const r = sensitiveRead(sourceCode, x, depth + 1);
    if (r) return r;
  }
  return null;
}
