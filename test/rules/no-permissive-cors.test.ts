import type { Rule } from 'eslint';
import rule from '../../rules/no-permissive-cors.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const noOptions = (call: string) =>
  `\`${call}\` without options allows every origin (the default is \`Access-Control-Allow-Origin: *\`). Pass an \`origin\` allow-list naming the front-ends that may call this API.`;
const noOrigin = (call: string) =>
  `\`${call}\` options set no \`origin\`, so every origin is allowed (the default is \`Access-Control-Allow-Origin: *\`). Pass an \`origin\` allow-list naming the front-ends that may call this API.`;
const withCredentials = (origin: string) =>
  `CORS accepts ${origin} together with \`credentials: true\`, so any website can send requests with your users' cookies and read the responses. Restrict \`origin\` to an explicit allow-list.`;
const manual = (origin: string) =>
  `\`Access-Control-Allow-Origin\` is set to ${origin} together with \`Access-Control-Allow-Credentials: true\`, so any website can send requests with your users' cookies and read the responses. Answer only origins from an allow-list.`;

ruleTester.run('no-permissive-cors', eslintRule, {
  valid: [
    // explicit public API: wildcard without credentials is deliberate
    `import cors from 'cors'; app.use(cors({ origin: '*' }));`,
    `import cors from 'cors'; app.use(cors({ origin: true, maxAge: 600 }));`,
    // options without origin: an origin added after the literal, or hidden in a spread, may restrict it
    `import cors from 'cors'; const opts = { methods: ['GET'] }; opts.origin = ALLOWED; app.use(cors(opts));`,
    `import cors from 'cors'; const opts = {}; Object.assign(opts, loadCorsConfig()); app.use(cors(opts));`,
    `import cors from 'cors'; const opts = { maxAge: 600 }; if (prod) opts['origin'] = ALLOWED; app.use(cors(opts));`,
    `import cors from 'cors'; app.use(cors({ ...corsConfig, methods: ['GET'] }));`,
    // options decided per request, or not visible here
    `import cors from 'cors'; app.use(cors(loadOptions()));`,
    // allow-lists with credentials
    `import cors from 'cors'; app.use(cors({ origin: ['https://app.example.com'], credentials: true }));`,
    `import cors from 'cors'; app.use(cors({ origin: process.env.CORS_ORIGIN, credentials: true }));`,
    `import cors from 'cors'; app.use(cors({ origin: /\\.example\\.com$/, credentials: true }));`,
    `import cors from 'cors';
     const allowed = new Set(['https://a.example']);
     app.use(cors({ credentials: true, origin: (origin, cb) => cb(null, allowed.has(origin)) }));`,
    `import cors from 'cors';
     app.use(cors({ credentials: true, origin(origin, cb) { if (!origin || allowed.includes(origin)) return cb(null, true); cb(new Error('blocked')); } }));`,
    // delegate that decides per request (Ghost's pattern)
    `const cors = require('cors');
     const ENABLE = { origin: true };
     function delegate(req, cb) { if (allowlist.includes(req.get('origin'))) return cb(null, ENABLE); return cb(null, { origin: false }); }
     module.exports = cors(delegate);`,
    // unknown spread may hold the origin
    `import cors from 'cors'; app.use(cors({ ...corsConfig, credentials: true }));`,
    // Fastify, Hono, Nest with allow-lists
    `import fastifyCors from '@fastify/cors'; fastify.register(fastifyCors, { origin: ['https://a.example'], credentials: true });`,
    `import { cors } from 'hono/cors'; app.use('/api/*', cors({ origin: 'https://a.example', credentials: true }));`,
    `import { cors } from 'hono/cors'; app.use('*', cors({ origin: (o) => (o.endsWith('.example.com') ? o : null), credentials: true }));`,
    `app.enableCors({ origin: ['https://a.example'], credentials: true });`,
    `import { NestFactory } from '@nestjs/core'; const app = await NestFactory.create(AppModule, { cors: { origin: 'https://a.example', credentials: true } });`,
    // some other cors() that is not the library
    `function cors() {} cors();`,
    // manual headers: wildcard without credentials
    `app.use((req, res, next) => { res.setHeader('Access-Control-Allow-Origin', '*'); next(); });`,
    // manual reflection behind an allow-list check
    `app.use((req, res, next) => {
       const origin = req.headers.origin;
       if (ALLOWED.includes(origin)) {
         res.setHeader('Access-Control-Allow-Origin', origin);
         res.setHeader('Access-Control-Allow-Credentials', 'true');
       }
       next();
     });`,
    // next.config.js headers without credentials
    `module.exports = { async headers() { return [{ source: '/api/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] }]; } };`,
    // an allow-list decided into a flag, and an early-return guard
    `app.use((req, res, next) => {
       const origin = req.headers.origin;
       const allowed = ALLOWED.includes(origin);
       if (allowed) {
         res.setHeader('Access-Control-Allow-Origin', origin);
         res.setHeader('Access-Control-Allow-Credentials', 'true');
       }
       next();
     });`,
    `app.use((req, res, next) => {
       const origin = req.get('origin');
       if (!ALLOWED.has(origin)) return next();
       res.setHeader('Access-Control-Allow-Origin', origin);
       res.setHeader('Access-Control-Allow-Credentials', 'true');
       next();
     });`,
    // credentials in one handler, wildcard in another
    `app.get('/a', (req, res) => res.set('Access-Control-Allow-Origin', '*').send('ok'));
     app.get('/b', (req, res) => res.set('Access-Control-Allow-Credentials', 'true').send('ok'));`,
  ],
  invalid: [
    {
      // an options object without `origin` keeps the `*` default, like no options at all
      code: `import cors from 'cors';\napp.use(cors({}));`,
      errors: [{ message: noOrigin('cors()'), line: 2, column: 9 }],
    },
    {
      code: `import cors from 'cors';\napp.use(cors({ methods: ['GET', 'POST'], maxAge: 600 }));`,
      errors: [{ message: noOrigin('cors()'), line: 2, column: 9 }],
    },
    {
      // the options object in a const, only read afterwards
      code: `const cors = require('cors');\nconst corsOptions = { methods: 'GET,POST', optionsSuccessStatus: 200 };\nconsole.log(corsOptions.methods);\napp.use(cors(corsOptions));`,
      errors: [{ message: noOrigin('cors()'), line: 4, column: 9 }],
    },
    {
      // a spread of a const object that has no origin either
      code: `import cors from 'cors';\nconst base = { maxAge: 600 };\napp.use(cors({ ...base, methods: ['GET'] }));`,
      errors: [{ message: noOrigin('cors()'), line: 3, column: 9 }],
    },
    {
      code: `import fastifyCors from '@fastify/cors';\nfastify.register(fastifyCors, { methods: ['GET'] });`,
      errors: [{ message: noOrigin('register(cors)'), line: 2, column: 1 }],
    },
    {
      code: `import { cors } from 'hono/cors';\napp.use('*', cors({ allowMethods: ['GET'] }));`,
      errors: [{ message: noOrigin('cors()'), line: 2, column: 14 }],
    },
    {
      code: `app.enableCors({ methods: 'GET' });`,
      errors: [{ message: noOrigin('enableCors()'), line: 1, column: 1 }],
    },
    {
      code: `import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: { methods: 'GET' } });`,
      errors: [{ message: noOrigin('cors'), line: 2, column: 51 }],
    },
    {
      // cors with no options at all (Express)
      code: `import cors from 'cors';\napp.use(cors());`,
      errors: [{ message: noOptions('cors()'), line: 2, column: 9 }],
    },
    {
      // CommonJS require, router
      code: `const cors = require('cors');\nrouter.options('*', cors());`,
      errors: [{ messageId: 'noOptions', line: 2, column: 21 }],
    },
    {
      // Koa
      code: `import cors from '@koa/cors';\napp.use(cors());`,
      errors: [{ messageId: 'noOptions', line: 2, column: 9 }],
    },
    {
      // Hono
      code: `import { cors } from 'hono/cors';\napp.use('/api/*', cors());`,
      errors: [{ message: noOptions('cors()'), line: 2, column: 19 }],
    },
    {
      // Fastify plugin without options
      code: `import cors from '@fastify/cors';\nawait fastify.register(cors);`,
      errors: [{ message: noOptions('register(cors)'), line: 2, column: 7 }],
    },
    {
      // Nest
      code: `const app = await NestFactory.create(AppModule);\napp.enableCors();`,
      errors: [{ message: noOptions('enableCors()'), line: 2, column: 1 }],
    },
    {
      code: `import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: true });`,
      errors: [{ message: noOptions('cors: true'), line: 2, column: 51 }],
    },
    {
      // wildcard + credentials, option object declared above the call
      code: `import cors from 'cors';\nconst corsOptions = {\n  origin: '*',\n  credentials: true,\n};\napp.use(cors(corsOptions));`,
      errors: [{ message: withCredentials("every origin (`origin: '*'`)"), line: 3, column: 3 }],
    },
    {
      // origin: true reflects every caller
      code: `import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));`,
      errors: [{ message: withCredentials("every origin (`origin: true` reflects the caller's origin)"), line: 2, column: 16 }],
    },
    {
      // no origin + credentials: the default * applies
      code: `import cors from 'cors';\napp.use(cors({ credentials: true }));`,
      errors: [{ message: withCredentials('every origin (no `origin` is set, so the `*` default applies)'), line: 2, column: 16 }],
    },
    {
      // callbacks that accept everything
      code: `import cors from 'cors';\napp.use(cors({ credentials: true, origin: (origin, callback) => callback(null, true) }));`,
      errors: [{ message: withCredentials('every origin (the origin callback accepts all)'), line: 2, column: 35 }],
    },
    {
      code: `import cors from 'cors';\napp.use(cors({\n  credentials: true,\n  origin: function (origin, cb) {\n    cb(null, origin);\n  },\n}));`,
      errors: [{ messageId: 'anyOriginWithCredentials', line: 4, column: 3 }],
    },
    {
      // delegate form
      code: `import cors from 'cors';\napp.use(cors((req, cb) => cb(null, { origin: true, credentials: true })));`,
      errors: [{ messageId: 'anyOriginWithCredentials', line: 2, column: 38 }],
    },
    {
      // Fastify
      code: `import fastifyCors from '@fastify/cors';\nfastify.register(fastifyCors, { origin: '*', credentials: true });`,
      errors: [{ messageId: 'anyOriginWithCredentials', line: 2, column: 33 }],
    },
    {
      code: `const cors = require('@fastify/cors');\nfastify.register(cors, { origin: (origin, cb) => { cb(null, true); }, credentials: true });`,
      errors: [{ message: withCredentials('every origin (the origin callback accepts all)'), line: 2, column: 26 }],
    },
    {
      // Hono: (o) => o
      code: `import { cors } from 'hono/cors';\napp.use('*', cors({ origin: (o) => o, credentials: true }));`,
      errors: [{ message: withCredentials('every origin (the origin callback accepts all)'), line: 2, column: 21 }],
    },
    {
      // Nest
      code: `app.enableCors({ origin: true, credentials: true });`,
      errors: [{ messageId: 'anyOriginWithCredentials', line: 1, column: 18 }],
    },
    {
      code: `import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: { origin: '*', credentials: true } });`,
      errors: [{ messageId: 'anyOriginWithCredentials', line: 2, column: 59 }],
    },
    {
      // manual headers, Express
      code: `app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});`,
      errors: [{ message: manual('`*`'), line: 2, column: 3 }],
    },
    {
      // manual reflection, only guarded by "header present"
      code: `app.use((req, res, next) => {\n  if (req.headers.origin) {\n    res.header('Access-Control-Allow-Origin', req.headers.origin);\n    res.header('Access-Control-Allow-Credentials', true);\n  }\n  next();\n});`,
      errors: [{ message: manual("the request's own Origin header"), line: 3, column: 5 }],
    },
    {
      // next.config.js headers() with credentials
      code: `module.exports = {\n  async headers() {\n    return [{ source: '/api/:path*', headers: [\n      { key: 'Access-Control-Allow-Credentials', value: 'true' },\n      { key: 'Access-Control-Allow-Origin', value: '*' },\n    ] }];\n  },\n};`,
      errors: [{ message: manual('`*`'), line: 5, column: 7 }],
    },
    {
      // Next.js middleware / route handler setting headers on the response
      code: `import { NextResponse } from 'next/server';\nexport function middleware(request) {\n  const res = NextResponse.next();\n  res.headers.set('Access-Control-Allow-Origin', request.headers.get('origin'));\n  res.headers.set('Access-Control-Allow-Credentials', 'true');\n  return res;\n}`,
      errors: [{ message: manual("the request's own Origin header"), line: 4, column: 3 }],
    },
    {
      // Koa ctx.set, Fastify reply.header
      code: `app.use(async (ctx, next) => {\n  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin'));\n  ctx.set('Access-Control-Allow-Credentials', 'true');\n  await next();\n});\nfastify.addHook('onSend', async (request, reply) => {\n  reply.header('Access-Control-Allow-Origin', '*');\n  reply.header('Access-Control-Allow-Credentials', 'true');\n});`,
      errors: [
        { message: manual("the request's own Origin header"), line: 2, column: 3 },
        { message: manual('`*`'), line: 7, column: 3 },
      ],
    },
    {
      // reflected with a wildcard fallback
      code: `app.use((req, res, next) => {\n  res.header('Access-Control-Allow-Origin', req.headers.origin || '*');\n  res.header('Access-Control-Allow-Credentials', 'true');\n  next();\n});`,
      errors: [{ message: manual("the request's own Origin header"), line: 2, column: 3 }],
    },
    {
      // header map (res.set / writeHead)
      code: `function handler(req, res) {\n  res.writeHead(200, {\n    'Access-Control-Allow-Origin': req.get('Origin'),\n    'Access-Control-Allow-Credentials': 'true',\n  });\n}`,
      errors: [{ messageId: 'manualHeaders', line: 3, column: 5 }],
    },
  ],
});
