/**
 * require-auth-rate-limit: routes that accept credentials or one-time codes are rate limited, so
 * passwords, reset codes and OTPs cannot be guessed by brute force.
 *
 * Built on the shared route model (src/analysis/routes.ts). A route is covered by a limiter in its
 * own middleware chain (Express/Koa/Hono middleware, Fastify hooks or `config.rateLimit`), by a
 * limiter applied with `use`/`register` in the same file whose mount path covers the route, by a
 * limiter call inside its handler (`await limiter.consume(ip)`, Upstash `ratelimit.limit(id)`), or by
 * Nest `@Throttle()` / `@UseGuards(ThrottlerGuard)` on the method or controller. Only requests that
 * submit something are judged (POST, PUT, PATCH, ALL): a GET of a login page is not an attempt.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { defineRule, createEslintRule } from '../src/rule.js';
import { lastLineStart, trimEnd } from '../src/regex.js';
import { getImportTracker } from '../src/analysis/imports.js';
import { nameWords, vocabulary, findTerm } from '../src/analysis/names.js';
import { getRouteModel, handlerContext, type Framework, type Route } from '../src/analysis/routes.js';
import { getObjectLiteral, getProperty, getStaticValue, memberChainName, resolveConstInit, unwrap } from '../src/analysis/values.js';

type MessageIds = 'missingRateLimit';
type Options = [{ limiters?: string[] }];

const LIMITER_MODULES = [
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

/** Path words that mark a route accepting credentials or one-time codes. */
const AUTH_PATH_WORDS = vocabulary([
  'login',
  'signin',
  'signup',
  'register',
  'password',
  'reset',
  'forgot',
  'token',
  'otp',
  'verify',
  '2fa',
  'mfa',
  'sign in',
  'sign up',
  'log in',
  'two factor',
]);

/** Cheap pre-check before splitting a name into words. */
const LIMITER_HINT = /limit|throttl|brute|slow|spam/i;

const SUBMITTING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ALL']);

const HINTS: Record<Framework, string> = {
  express: 'add a limiter such as `express-rate-limit` to this route (e.g. `rateLimit({ windowMs: 15 * 60_000, limit: 5 })`)',
  koa: 'add a limiter such as `koa-ratelimit` to this route',
  hono: 'add a limiter such as `rateLimiter()` from `hono-rate-limiter` to this route',
  fastify: 'set `config: { rateLimit: { max: 5, timeWindow: \'15 minutes\' } }` on this route (with `@fastify/rate-limit` registered)',
  nest: 'add `@Throttle()` (or `@UseGuards(ThrottlerGuard)`) from `@nestjs/throttler` to this handler',
  next: 'limit attempts in the handler (e.g. `@upstash/ratelimit` or `rate-limiter-flexible`) before checking credentials',
  unknown: 'add a rate limiter (e.g. `express-rate-limit` or `rate-limiter-flexible`) to this route',
};

function isParamSegment(seg: string): boolean {
  return seg.startsWith(':') || seg.startsWith('{') || seg.startsWith('[') || seg.includes('*');
}

/**
 * Words that are auth actions only in an auth context: `/cache/reset`, `/devices/register` and
 * `/webhooks/verify` are not logins. They count when another segment names an auth context, or when
 * they are the route's only meaningful segment (`/register`, `/api/v1/token`).
 */
const CONTEXT_DEPENDENT = new Set(['reset', 'verify', 'register', 'token']);
const AUTH_CONTEXT = vocabulary([
  'auth',
  'authentication',
  'oauth',
  'account',
  'user',
  'member',
  'customer',
  'session',
  'identity',
  'email',
  'phone',
  'me',
  'password',
  'login',
  'signin',
  'signup',
  'refresh',
  'access',
  'otp',
  'mfa',
  '2fa',
]);
const NEUTRAL_SEGMENT = /^(api|v\d+)$/i;

/** The auth word found in the static segments of a path, or null. `token` counts for POST only. */
function authWord(path: string, methods: readonly string[]): string | null {
  const segments = path.split('/').filter((seg) => seg && !isParamSegment(seg) && !NEUTRAL_SEGMENT.test(seg));
  const hasContext = segments.some((seg) => findTerm(nameWords(seg), AUTH_CONTEXT) !== null);
  for (const seg of segments) {
    const words = nameWords(seg);
    const hit = findTerm(words, AUTH_PATH_WORDS);
    if (!hit) continue;
    const word = words.slice(hit.index, hit.index + hit.length).join('-');
    if (CONTEXT_DEPENDENT.has(word)) {
      // Issuing a token is a POST; `PUT /users/:id/token` regenerates a stored one.
      if (word === 'token' && !methods.some((m) => m === 'POST' || m === 'ALL')) continue;
      const ownContext = words.length > 1 && findTerm(words.filter((_, i) => i !== hit.index), AUTH_CONTEXT) !== null;
      if (!hasContext && !ownContext && segments.length > 1) continue;
    }
    return word;
  }
  return null;
}

/** The routes a request with credentials can reach (submitting method, auth word in the path), in model order. */
function authRoutesOf(routes: readonly Route[]): { route: Route; path: string; word: string }[] {
  const out: { route: Route; path: string; word: string }[] = [];
  for (const route of routes) {
    if (!route.methods.some((m) => SUBMITTING_METHODS.has(m))) continue;
    const path = route.path ?? route.localPath;
    if (path === null) continue;
    const word = authWord(path, route.methods);
    if (word) out.push({ route, path, word });
  }
  return out;
}

export function normalizeMount(path: string): string {
  // What `.replace(/\/?\*.*$/, '')` cut (from the first `*` after the last line break, with the
  // `/` before it), without that regex's restart at every `*`.
  const star = path.indexOf('*', lastLineStart(path));
  const cut = star === -1 ? path : path.slice(0, star > 0 && path[star - 1] === '/' ? star - 1 : star);
  return trimEnd(cut, '/');
}

export default defineRule({
  id: 'require-auth-rate-limit',
  category: 'security',
  description: 'Require a rate limiter on routes that accept credentials or one-time codes (login, signup, password reset, token, OTP, verification).',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<Options, MessageIds>({
    name: 'require-auth-rate-limit',
    meta: {
      type: 'problem',
      docs: {
        description:
          'Require a rate limiter on routes that accept credentials or one-time codes (login, signup, password reset, token, OTP, verification).',
      },
      schema: [
        {
          type: 'object',
          properties: { limiters: { type: 'array', items: { type: 'string' } } },
          additionalProperties: false,
        },
      ],
      messages: {
        missingRateLimit:
          '{{method}} {{path}} is an auth route ("{{word}}") with no rate limiter in its middleware chain or applied in this file, so passwords and codes can be guessed by brute force. To fix it, {{hint}}.',
      },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      const sourceCode = context.sourceCode;
      // Only submitting routes with an auth word in their path can be reported. The route model is
      // shared, and the presets build it for every file anyway (no-get-side-effects), so asking it
      // first costs less than the text scan this gate replaced, and rules out far more files.
      const authRoutes = authRoutesOf(getRouteModel(context).routes);
      if (authRoutes.length === 0) return {};
      const tracker = getImportTracker(context);
      const extraNames = new Set(options.limiters ?? []);
      /** Calls that consult a limiter (`limiter.consume(ip)`), wherever they are. */
      const limiterCalls: TSESTree.CallExpression[] = [];
      const importsLimiter = tracker.usesAny(LIMITER_MODULES);

      function isLimiterName(name: string | null): boolean {
        if (!name) return false;
        if (extraNames.has(name)) return true;
        return findTerm(nameWords(name), LIMITER_NAMES) !== null;
      }

      function isLimiterSource(source: string): boolean {
        return LIMITER_MODULES.includes(source) || (source.startsWith('.') && isLimiterName(source.split('/').pop() ?? ''));
      }

      /** Is this middleware expression a rate limiter? Follows const bindings, calls and member chains. */
      function isLimiter(node: TSESTree.Node, depth = 0): boolean {
        if (depth > 5) return false;
        const n = unwrap(node);
        const chain = memberChainName(n);
        if (chain !== null && (extraNames.has(chain) || chain.split('.').some(isLimiterName))) return true;
        const ref = tracker.resolve(n);
        if (ref && isLimiterSource(ref.source)) return true;
        switch (n.type) {
          case AST_NODE_TYPES.Identifier: {
            const init = resolveConstInit(sourceCode, n);
            if (init) return isLimiter(init, depth + 1);
            const fn = sameFileFunction(n);
            return !!fn && containsLimiterCall(fn);
          }
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression:
            return isLimiter(n.callee, depth + 1);
          case AST_NODE_TYPES.MemberExpression:
            return isLimiter(n.object, depth + 1);
          case AST_NODE_TYPES.ArrowFunctionExpression:
          case AST_NODE_TYPES.FunctionExpression:
            return containsLimiterCall(n);
          default:
            return false;
        }
      }

      function sameFileFunction(id: TSESTree.Identifier): TSESTree.FunctionDeclaration | null {
        for (let s: TSESLint.Scope.Scope | null = sourceCode.getScope(id); s; s = s.upper) {
          const v = s.set.get(id.name);
          if (!v) continue;
          const def = v.defs[0];
          return def?.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration ? def.node : null;
        }
        return null;
      }

      function containsLimiterCall(fn: TSESTree.Node): boolean {
        const [start, end] = fn.range;
        return limiterCalls.some((c) => c.range[0] >= start && c.range[1] <= end);
      }

      function mountCovers(mount: string | null, route: Route): boolean {
        if (mount === null) return true;
        const m = normalizeMount(mount);
        if (m === '') return true;
        const p = route.path ?? route.localPath;
        // Unknown route path: give the limiter the benefit of the doubt.
        if (p === null) return true;
        return p === m || p.startsWith(`${m}/`) || (route.localPath !== null && (route.localPath === m || route.localPath.startsWith(`${m}/`)));
      }

      function fastifyRouteLimited(route: Route): boolean | null {
        if (!route.options) return null;
        const config = getObjectLiteral(sourceCode, getProperty(sourceCode, route.options, 'config'));
        const rl = config ? getProperty(sourceCode, config, 'rateLimit') : null;
        if (!rl) return null;
        return getStaticValue(sourceCode, rl) !== false;
      }

      function nestLimited(route: Route): boolean {
        for (const d of route.decorators) {
          const e = unwrap(d.expression);
          const callee = e.type === AST_NODE_TYPES.CallExpression ? e.callee : e;
          const name = memberChainName(callee);
          if (name === 'SkipThrottle') continue;
          if (isLimiterName(name)) return true;
          if (name === 'UseGuards' && e.type === AST_NODE_TYPES.CallExpression && e.arguments.some((a) => isLimiter(a))) return true;
        }
        return false;
      }

      return {
        CallExpression(call) {
          const callee = unwrap(call.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
          // `limiter.consume(ip)`, `ratelimit.limit(id)`, `bruteforce.prevent`-style calls.
          const objectChain = memberChainName(callee.object);
          if (objectChain && LIMITER_HINT.test(objectChain) && objectChain.split('.').some(isLimiterName)) {
            limiterCalls.push(call);
            return;
          }
          // `const store = new RateLimiterRedis(...); store.consume(ip)`: the instance's origin decides.
          if (importsLimiter && isLimiter(callee.object)) limiterCalls.push(call);
        },
        'Program:exit'() {
          const model = getRouteModel(context);
          const globalUses = model.uses.filter((u) => {
            if (u.kind === 'register') {
              const [plugin, opts] = u.call.arguments;
              if (!plugin || !isLimiter(plugin)) return false;
              // `@fastify/rate-limit` with `global: false` only limits routes that opt in.
              const o = opts ? getObjectLiteral(sourceCode, opts) : null;
              const global = o ? getProperty(sourceCode, o, 'global') : null;
              return !global || getStaticValue(sourceCode, global) !== false;
            }
            return u.args.some((a) => isLimiter(a));
          });
          const reported = new Set<TSESTree.Node>();
          for (const { route, path, word } of authRoutes) {
            if (route.middleware.some((m) => isLimiter(m))) continue;
            const fastify = fastifyRouteLimited(route);
            if (fastify === true) continue;
            if (fastify === null && globalUses.some((u) => mountCovers(u.path, route))) continue;
            if (nestLimited(route)) continue;
            if (route.handlers.some((h) => containsLimiterCall(h))) continue;
            if (limiterCalls.length && limiterCalls.some((c) => handlerContext(context, c).includes(route))) continue;
            if (reported.has(route.pathNode)) continue;
            reported.add(route.pathNode);
            const method = route.methods.filter((m) => SUBMITTING_METHODS.has(m)).join('/');
            context.report({
              node: route.pathNode,
              messageId: 'missingRateLimit',
              data: { method, path, word, hint: HINTS[route.framework] },
            });
          }
        },
      };
    },
  }),
});
