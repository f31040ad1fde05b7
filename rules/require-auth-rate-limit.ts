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
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { lastLineStart, trimEnd } from '../src/regex.js';
import { getImportTracker } from '../src/analysis/imports.js';
import { nameWords, vocabulary, findTerm } from '../src/analysis/names.js';
import { isLimiterExpression, isLimiterName as isLimiterNameIn, LIMITER_HINT, LIMITER_MODULES } from '../src/analysis/limiters.js';
import { routeMountChains } from '../src/project/index.js';
import { getRouteModel, handlerContext, type Framework, type Route } from '../src/analysis/routes.js';
import { getObjectLiteral, getProperty, getStaticValue, memberChainName, unwrap } from '../src/analysis/values.js';

type MessageIds = 'missingRateLimit';
type Options = [{ limiters?: string[] }];

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
  'passwd',
  'pwd',
]);

/**
 * Auth words glued into one path segment without a separator (`/forgotpw`, `/resetpassword`,
 * `/changepwd`): an action word followed by what it acts on. Both halves must come from these
 * lists, so ordinary words that merely contain one (`/passwordless-info`, `/tokens`) do not split.
 */
const GLUED_ACTIONS = ['forgot', 'reset', 'change', 'lost', 'recover', 'set', 'new', 'update', 'verify', 'confirm'];
const GLUED_OBJECTS = new Set(['pw', 'pwd', 'pass', 'passwd', 'password', 'passcode', 'pin', 'otp', 'code', 'mfa', '2fa', 'email']);

function gluedAuthWord(word: string): string | null {
  for (const action of GLUED_ACTIONS) {
    if (word.length > action.length && word.startsWith(action) && GLUED_OBJECTS.has(word.slice(action.length))) {
      return `${action}-${word.slice(action.length)}`;
    }
  }
  return null;
}

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
    if (!hit) {
      const glued = words.length === 1 ? gluedAuthWord(words[0]!) : null;
      if (glued) return glued;
      continue;
    }
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
          '{{method}} {{path}} is an auth route ("{{word}}") with no rate limiter in its middleware chain, in this file or where its router is mounted, so passwords and codes can be guessed by brute force. To fix it, {{hint}}.',
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

      const limiterOptions = { extraNames, containsLimiterCall };
      const isLimiterName = (name: string | null) => isLimiterNameIn(name, extraNames);
      const isLimiter = (node: TSESTree.Node) => isLimiterExpression(context, node, limiterOptions);

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
            // Mounted from other files (`app.use('/auth', limiter, authRouter)` in app.js): covered
            // when every way the app reaches this router passes a limiter.
            const chains = routeMountChains(context, route);
            if (chains.length > 0 && chains.every((c) => c.middleware.some((m) => isLimiterExpression(m.file.context, m.node, { extraNames })))) continue;
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
