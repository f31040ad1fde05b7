import type { Rule } from 'eslint';
import rule from '../../rules/require-auth-rate-limit.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const HINT = {
  express: 'add a limiter such as `express-rate-limit` to this route (e.g. `rateLimit({ windowMs: 15 * 60_000, limit: 5 })`)',
  fastify: "set `config: { rateLimit: { max: 5, timeWindow: '15 minutes' } }` on this route (with `@fastify/rate-limit` registered)",
  nest: 'add `@Throttle()` (or `@UseGuards(ThrottlerGuard)`) from `@nestjs/throttler` to this handler',
  hono: 'add a limiter such as `rateLimiter()` from `hono-rate-limiter` to this route',
  koa: 'add a limiter such as `koa-ratelimit` to this route',
  unknown: 'add a rate limiter (e.g. `express-rate-limit` or `rate-limiter-flexible`) to this route',
  next: 'limit attempts in the handler (e.g. `@upstash/ratelimit` or `rate-limiter-flexible`) before checking credentials',
};
const msg = (method: string, path: string, word: string, hint: string) =>
  `${method} ${path} is an auth route ("${word}") with no rate limiter in its middleware chain, in this file or where its router is mounted, so passwords and codes can be guessed by brute force. To fix it, ${hint}.`;

ruleTester.run('require-auth-rate-limit', eslintRule, {
  valid: [
    // limiter in the middleware chain (express-rate-limit, const declared above)
    `import express from 'express';
     import rateLimit from 'express-rate-limit';
     const app = express();
     const loginLimiter = rateLimit({ windowMs: 900000, limit: 5 });
     app.post('/auth/login', loginLimiter, (req, res) => res.json({}));`,
    // inline call
    `import { rateLimit } from 'express-rate-limit';
     const router = express.Router();
     router.post('/password/forgot', rateLimit({ limit: 3 }), forgot);`,
    // applied globally in the same file
    `import express from 'express';
     import rateLimit from 'express-rate-limit';
     const app = express();
     app.use(rateLimit({ limit: 100 }));
     app.post('/signup', (req, res) => res.status(201).json({}));`,
    // applied to a covering mount path
    `const limiter = require('express-rate-limit')({ max: 10 });
     const app = require('express')();
     app.use('/auth', limiter);
     app.post('/auth/reset-password', handler);`,
    // express-slow-down, express-brute, names of limiters from elsewhere
    `import slowDown from 'express-slow-down';
     router.post('/login', slowDown({ delayAfter: 3 }), login);`,
    `const ExpressBrute = require('express-brute');
     const bruteforce = new ExpressBrute(store);
     app.post('/auth/otp', bruteforce.prevent, verifyOtp);`,
    `router.post('/session/verify', shared.middleware.brute.userVerification, http(api.session.verify));`,
    `router.post('/login', authLimiter, login);`,
    // rate-limiter-flexible inside the handler, and inside a same-file middleware function
    `import { RateLimiterMemory } from 'rate-limiter-flexible';
     const limiter = new RateLimiterMemory({ points: 5, duration: 60 });
     app.post('/login', async (req, res) => { await limiter.consume(req.ip); res.json({}); });`,
    `import { RateLimiterRedis } from 'rate-limiter-flexible';
     const store = new RateLimiterRedis({ storeClient: redis });
     async function guard(req, res, next) { try { await store.consume(req.ip); next(); } catch { res.status(429).end(); } }
     app.post('/verify', guard, verify);`,
    // configured limiter names
    { code: `router.post('/login', protectLogin, login);`, options: [{ limiters: ['protectLogin'] }] },
    // Koa and Hono
    `import Router from '@koa/router';
     import ratelimit from 'koa-ratelimit';
     const router = new Router();
     router.post('/login', ratelimit({ driver: 'memory', db: new Map() }), login);`,
    `import { Hono } from 'hono';
     import { rateLimiter } from 'hono-rate-limiter';
     const app = new Hono();
     app.use('/auth/*', rateLimiter({ windowMs: 60000, limit: 5, keyGenerator: (c) => c.req.header('cf-connecting-ip') ?? '' }));
     app.post('/auth/login', (c) => c.json({}));`,
    // Fastify: global plugin, and per-route config
    `import Fastify from 'fastify';
     import rateLimit from '@fastify/rate-limit';
     const fastify = Fastify();
     await fastify.register(rateLimit, { max: 100 });
     fastify.post('/login', async () => ({}));`,
    `import Fastify from 'fastify';
     const fastify = Fastify();
     fastify.post('/login', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async () => ({}));`,
    // Nest
    `import { Controller, Post, UseGuards } from '@nestjs/common';
     import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
     @Controller('auth')
     export class AuthController {
       @Throttle({ default: { limit: 5, ttl: 60000 } })
       @Post('login')
       login() {}
       @UseGuards(ThrottlerGuard)
       @Post('register')
       register() {}
     }`,
    // Next.js route handler limiting in the handler
    {
      code: `import { Ratelimit } from '@upstash/ratelimit';
       const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(5, '60 s') });
       export async function POST(request) { const { success } = await ratelimit.limit(ip); return Response.json({ success }); }`,
      filename: '/repo/app/api/auth/login/route.ts',
    },
    {
      // same, through a same-file helper the handler calls, and an instance with a neutral name
      code: `import { RateLimiterMemory } from 'rate-limiter-flexible';
       const attempts = new RateLimiterMemory({ points: 5, duration: 60 });
       async function throttleAttempt(ip) { await attempts.consume(ip); }
       export async function POST(request) { await throttleAttempt(request.headers.get('x-forwarded-for')); return Response.json({}); }`,
      filename: '/repo/app/api/auth/signup/route.ts',
    },
    // not a submission
    `app.get('/login', (req, res) => res.render('login'));`,
    `app.delete('/tokens/:id', revoke);`,
    // not an auth path; auth words only in parameters
    `app.post('/orders', create);`,
    `app.post('/users/:token/avatar', upload);`,
    `app.post('/authentication/setup', setup);`,
    // generic words outside an auth context
    `app.post('/cache/reset', resetCache);`,
    `app.post('/devices/register', registerDevice);`,
    `app.post('/webhooks/stripe/verify', verifyWebhook);`,
    // regenerating a stored token is not issuing one (Ghost's staff token)
    `router.put('/users/:id/token', mw.authAdminApi, http(api.users.regenerateStaffToken));`,
  ],
  invalid: [
    {
      // auth words glued into one segment
      code: `import express from 'express';\nconst app = express();\napp.post('/forgotpw', h);\napp.post('/account/resetpassword', h);\napp.put('/changepwd', h);`,
      errors: [
        { message: msg('POST', '/forgotpw', 'forgot-pw', HINT.express), line: 3, column: 10 },
        { message: msg('POST', '/account/resetpassword', 'reset-password', HINT.express), line: 4, column: 10 },
        { message: msg('PUT', '/changepwd', 'change-pwd', HINT.express), line: 5, column: 9 },
      ],
    },
    {
      // hono-rate-limiter keyed on the header as sent (its README's example): every attempt can
      // bring a fresh key
      code: `import { Hono } from 'hono';\nimport { rateLimiter } from 'hono-rate-limiter';\nconst app = new Hono();\napp.use('/auth/*', rateLimiter({ windowMs: 60000, limit: 5, keyGenerator: (c) => c.req.header('x-forwarded-for') ?? '' }));\napp.post('/auth/login', (c) => c.json({}));`,
      errors: [{ message: msg('POST', '/auth/login', 'login', HINT.hono), line: 5, column: 10 }],
    },
    {
      // a limiter keyed on X-Forwarded-For as the client sent it limits nothing
      code: `import express from 'express';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\nconst loginLimiter = rateLimit({ windowMs: 60000, limit: 5, keyGenerator: (req) => req.headers['x-forwarded-for'] || req.ip });\napp.post('/login', loginLimiter, h);`,
      errors: [{ message: msg('POST', '/login', 'login', HINT.express), line: 5, column: 10 }],
    },
    {
      code: `import express from 'express';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\nconst keyOf = function (req) { return req.get('X-Real-IP'); };\napp.post('/signin', rateLimit({ keyGenerator: keyOf }), h);`,
      errors: [{ message: msg('POST', '/signin', 'signin', HINT.express), line: 5, column: 10 }],
    },
    {
      code: `import express from 'express';\nconst app = express();\napp.post('/auth/login', (req, res) => res.json({}));`,
      errors: [{ message: msg('POST', '/auth/login', 'login', HINT.express), line: 3, column: 10 }],
    },
    {
      // other auth words; kebab/snake segments
      code: `const router = require('express').Router();\nrouter.post('/reset-password', reset);\nrouter.put('/users/password', auth, changePassword);\nrouter.post('/authentication/password_reset', authAdmin, resetToken);`,
      errors: [
        { message: msg('POST', '/reset-password', 'reset', HINT.express), line: 2, column: 13 },
        { message: msg('PUT', '/users/password', 'password', HINT.express), line: 3, column: 12 },
        { message: msg('POST', '/authentication/password_reset', 'password', HINT.express), line: 4, column: 13 },
      ],
    },
    {
      // a limiter mounted on another path does not cover the route
      code: `import express from 'express';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\napp.use('/api/search', rateLimit({ limit: 30 }));\napp.post('/api/signup', signup);`,
      errors: [{ message: msg('POST', '/api/signup', 'signup', HINT.express), line: 5, column: 10 }],
    },
    {
      // 2FA / OTP / verify / token
      code: `router.post('/2fa/verify', verify2fa);\nrouter.post('/otp', sendOtp);\nrouter.post('/oauth/token', issueToken);\nrouter.post('/sign-in', signIn);`,
      errors: [
        { message: msg('POST', '/2fa/verify', '2fa', HINT.unknown), line: 1, column: 13 },
        { message: msg('POST', '/otp', 'otp', HINT.unknown), line: 2, column: 13 },
        { message: msg('POST', '/oauth/token', 'token', HINT.unknown), line: 3, column: 13 },
        { message: msg('POST', '/sign-in', 'sign-in', HINT.unknown), line: 4, column: 13 },
      ],
    },
    {
      code: `router.post('/mfa/challenge', challenge);\nrouter.patch('/signin', signin);`,
      errors: [
        { message: msg('POST', '/mfa/challenge', 'mfa', HINT.unknown), line: 1, column: 13 },
        { message: msg('PATCH', '/signin', 'signin', HINT.unknown), line: 2, column: 14 },
      ],
    },
    {
      // generic words count in an auth context or alone
      code: `router.post('/register', register);\nrouter.post('/api/v1/token', issue);\nrouter.post('/account/verify', verify);\nrouter.post('/auth/refresh-token', refresh);`,
      errors: [
        { message: msg('POST', '/register', 'register', HINT.unknown), line: 1, column: 13 },
        { message: msg('POST', '/api/v1/token', 'token', HINT.unknown), line: 2, column: 13 },
        { message: msg('POST', '/account/verify', 'verify', HINT.unknown), line: 3, column: 13 },
        { message: msg('POST', '/auth/refresh-token', 'token', HINT.unknown), line: 4, column: 13 },
      ],
    },
    {
      // Fastify: plugin registered with global: false, route without config
      code: `import Fastify from 'fastify';\nimport rateLimit from '@fastify/rate-limit';\nconst fastify = Fastify();\nawait fastify.register(rateLimit, { global: false });\nfastify.post('/login', async () => ({}));`,
      errors: [{ message: msg('POST', '/login', 'login', HINT.fastify), line: 5, column: 14 }],
    },
    {
      // Fastify route() form with rateLimit switched off
      code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.route({ method: 'POST', url: '/register', config: { rateLimit: false }, handler: async () => ({}) });`,
      errors: [{ message: msg('POST', '/register', 'register', HINT.fastify), line: 3, column: 38 }],
    },
    {
      // Koa
      code: `import Router from '@koa/router';\nconst router = new Router({ prefix: '/auth' });\nrouter.post('/login', login);`,
      errors: [{ message: msg('POST', '/auth/login', 'login', HINT.koa), line: 3, column: 13 }],
    },
    {
      // Hono
      code: `import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/auth/forgot-password', (c) => c.json({}));`,
      errors: [{ message: msg('POST', '/auth/forgot-password', 'forgot', HINT.hono), line: 3, column: 10 }],
    },
    {
      // Next.js App Router: the path comes from the file path
      code: `export async function POST(request) {\n  const { email, password } = await request.json();\n  return Response.json({ ok: true });\n}`,
      filename: '/repo/app/api/auth/login/route.ts',
      errors: [{ message: msg('POST', '/api/auth/login', 'login', HINT.next), line: 1 }],
    },
    {
      // Nest: SkipThrottle is not a limiter
      code: `import { Controller, Post } from '@nestjs/common';\nimport { SkipThrottle } from '@nestjs/throttler';\n@Controller('auth')\nexport class AuthController {\n  @SkipThrottle()\n  @Post('login')\n  login() {}\n}`,
      errors: [{ message: msg('POST', '/auth/login', 'login', HINT.nest), line: 6 }],
    },
  ],
});
