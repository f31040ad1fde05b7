/**
 * Rate limiters: which expressions are (or create) a request rate limiter — `rateLimit({...})`
 * from express-rate-limit and its peers, instances of rate-limiter-flexible, and anything named
 * as a limiter (`loginLimiter`, `authRateLimit`, `brute.prevent`, `throttle`). The library list is
 * data; the rule require-auth-rate-limit and the project model (limiters applied where a router is
 * mounted in another file) both ask here.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker } from './imports.js';
import { findTerm, nameWords, vocabulary } from './names.js';
import { getObjectLiteral, getProperty, memberChainName, resolveConstInit, resolveExpression, unwrap } from './values.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export const LIMITER_MODULES: readonly string[] = [
  'express-rate-limit',
  'rate-limiter-flexible',
  'express-slow-down',
  'express-brute',
  'express-limiter',
  '@fastify/rate-limit',
  'fastify-rate-limit',
  'hono-rate-limiter',
  '@hono-rate-limiter/redis',
  'koa-ratelimit',
  'koa2-ratelimit',
  '@upstash/ratelimit',
  '@nestjs/throttler',
];

/** Words that name a limiter: `loginLimiter`, `authRateLimit`, `brute.userLogin`, `throttle`, `slowDown`. */
const LIMITER_NAMES = vocabulary([
  'limiter',
  'ratelimit',
  'ratelimiter',
  'throttle',
  'throttler',
  'throttling',
  'brute',
  'bruteforce',
  'slowdown',
  'rate limit',
  'rate limiter',
  'slow down',
  'spam prevention',
]);

/** Cheap pre-check before splitting a name into words. */
export const LIMITER_HINT = /limit|throttl|brute|slow|spam/i;

export interface LimiterOptions {
  /** Extra names the user declared as limiters (the rule's `limiters` option). */
  extraNames?: ReadonlySet<string>;
  /** Whether a same-file function consults a limiter (`await limiter.consume(ip)` inside it). */
  containsLimiterCall?: (fn: TSESTree.Node) => boolean;
}

export function isLimiterName(name: string | null, extraNames?: ReadonlySet<string>): boolean {
  if (!name) return false;
  if (extraNames?.has(name)) return true;
  return findTerm(nameWords(name), LIMITER_NAMES) !== null;
}

function isLimiterSource(source: string, extraNames?: ReadonlySet<string>): boolean {
  return LIMITER_MODULES.includes(source) || (source.startsWith('.') && isLimiterName(source.split('/').pop() ?? '', extraNames));
}

function sameFileFunction(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): TSESTree.FunctionDeclaration | null {
  for (let s: TSESLint.Scope.Scope | null = sourceCode.getScope(id); s; s = s.upper) {
    const v = s.set.get(id.name);
    if (!v) continue;
    const def = v.defs[0];
    return def?.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration ? def.node : null;
  }
  return null;
}

/**
 * Request headers any client can set. A proxy appends the caller's address to `X-Forwarded-For`,
 * so only its last entry is the proxy's word; the first entry, or the whole value, is whatever the
 * caller sent.
 */
const CLIENT_SET_HEADERS = ['x-forwarded-for', 'x-real-ip', 'x-client-ip', 'true-client-ip'];
/** Ways of taking the last `X-Forwarded-For` entry, which the nearest proxy wrote. */
const LAST_ENTRY = ['.pop()', '.at(-1)', 'length - 1', 'length-1', '.slice(-1)'];

/**
 * `rateLimit({ keyGenerator: (req) => req.headers['x-forwarded-for'] })`: a limiter keyed on a
 * header the client writes gives every attempt a fresh key, so it limits nothing. Asked of the
 * options object of a limiter call (through const bindings).
 */
export function keyedOnClientHeader(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const n = resolveExpression(sourceCode, node);
  if (n.type !== AST_NODE_TYPES.CallExpression && n.type !== AST_NODE_TYPES.NewExpression) return false;
  for (const arg of n.arguments) {
    const obj = arg.type === AST_NODE_TYPES.SpreadElement ? null : getObjectLiteral(sourceCode, arg);
    const key = obj ? getProperty(sourceCode, obj, 'keyGenerator') : null;
    if (!key) continue;
    const fn = resolveExpression(sourceCode, key);
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
    const text = sourceCode.getText(fn).toLowerCase();
    return CLIENT_SET_HEADERS.some((h) => text.includes(h)) && !LAST_ENTRY.some((t) => text.includes(t));
  }
  return false;
}

/** Is this middleware expression a rate limiter? Follows const bindings, calls and member chains. */
export function isLimiterExpression(context: Context, node: TSESTree.Node, options: LimiterOptions = {}, depth = 0): boolean {
  if (depth > 5) return false;
  const { extraNames, containsLimiterCall } = options;
  const n = unwrap(node);
  // Checked before any name: `const loginLimiter = rateLimit({ keyGenerator: … x-forwarded-for … })`.
  if (keyedOnClientHeader(context.sourceCode, n)) return false;
  const chain = memberChainName(n);
  if (chain !== null && (extraNames?.has(chain) || chain.split('.').some((part) => isLimiterName(part, extraNames)))) return true;
  const ref = getImportTracker(context).resolve(n);
  if (ref && isLimiterSource(ref.source, extraNames)) return true;
  switch (n.type) {
    case AST_NODE_TYPES.Identifier: {
      const init = resolveConstInit(context.sourceCode, n);
      if (init) return isLimiterExpression(context, init, options, depth + 1);
      const fn = containsLimiterCall ? sameFileFunction(context.sourceCode, n) : null;
      return !!fn && containsLimiterCall!(fn);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return isLimiterExpression(context, n.callee, options, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      return isLimiterExpression(context, n.object, options, depth + 1);
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return !!containsLimiterCall && containsLimiterCall(n);
    default:
      return false;
  }
}
