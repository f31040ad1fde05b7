import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-security-headers.js';
import { createRuleTester } from '../helpers/eslint.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { lint } from '../../src/index.js';

const ruleTester = createRuleTester();
// Outside the lint root: the app's own file is all the rule sees (cross-file cases are below).
const F = '/repo/src/app.ts';

const HINT = {
  express: 'add `app.use(helmet())` from `helmet` before the routes',
  fastify: 'register `@fastify/helmet` on the root instance (`await app.register(helmet)`)',
  koa: 'add `app.use(helmet())` from `koa-helmet`',
  hono: "add `app.use('*', secureHeaders())` from `hono/secure-headers`",
  nest: 'call `app.use(helmet())` in the bootstrap (or register `@fastify/helmet` with the Fastify adapter)',
};
const LABEL = { express: 'Express', fastify: 'Fastify', koa: 'Koa', hono: 'Hono', nest: 'NestJS' };
type Fw = keyof typeof HINT;
const missing = (fw: Fw, poweredBy = fw === 'express' || fw === 'nest') =>
  `This ${LABEL[fw]} app sends no security headers: no helmet or equivalent is applied to it, here or where it is configured, and no Content-Security-Policy, X-Frame-Options, Strict-Transport-Security or X-Content-Type-Options is set by hand${poweredBy ? ', and it still sends `X-Powered-By: Express`' : ''}. Browsers then let other sites frame its pages, sniff content types and fall back to plain HTTP. To fix it, ${HINT[fw]}.`;
const poweredBy = (fw: Fw) =>
  `This ${LABEL[fw]} app still sends \`X-Powered-By: Express\`, telling every client which framework (and which known vulnerabilities) to try. Call \`app.disable('x-powered-by')\` (helmet also removes it).`;

ruleTester.run('require-security-headers', rule.eslint!, {
  valid: [
    // helmet, by import, require, alias and const
    { filename: F, code: `import express from 'express'; import helmet from 'helmet'; const app = express(); app.use(helmet()); app.get('/x', (req, res) => res.json({}));` },
    { filename: F, code: `const express = require('express'); const app = express(); const h = require('helmet')({ contentSecurityPolicy: false }); app.use(h); app.post('/x', (req, res) => res.end());` },
    { filename: F, code: `import express from 'express'; import helmet from 'helmet'; const app = express(); app.use(helmet.frameguard({ action: 'deny' })).get('/x', (req, res) => res.end());` },
    // headers by hand and x-powered-by off
    {
      filename: F,
      code: `import express from 'express';
      const app = express();
      app.disable('x-powered-by');
      app.use((req, res, next) => { res.setHeader('X-Frame-Options', 'DENY'); res.setHeader('X-Content-Type-Options', 'nosniff'); next(); });
      app.get('/x', (req, res) => res.end());`,
    },
    {
      filename: F,
      code: `import express from 'express';
      const app = express();
      app.set('x-powered-by', false);
      function secure(req, res, next) { res.set('Content-Security-Policy', "default-src 'self'"); next(); }
      app.use(secure);
      app.get('/x', (req, res) => res.end());`,
    },
    // a configure function in the same file
    { filename: F, code: `import express from 'express'; import helmet from 'helmet'; function setup(a) { a.use(helmet()); } const app = express(); setup(app); app.get('/x', (q, r) => r.end());` },
    // Fastify, Koa, Hono, NestJS
    { filename: F, code: `import Fastify from 'fastify'; import helmet from '@fastify/helmet'; const app = Fastify(); await app.register(helmet); app.get('/x', async () => ({}));` },
    { filename: F, code: `import Fastify from 'fastify'; import fp from 'fastify-plugin'; import helmet from '@fastify/helmet'; const security = fp(async (f) => { await f.register(helmet); }); const app = Fastify(); app.register(security); app.get('/x', async () => ({}));` },
    { filename: F, code: `import Koa from 'koa'; import helmet from 'koa-helmet'; import Router from '@koa/router'; const app = new Koa(); const router = new Router(); router.post('/x', (ctx) => {}); app.use(helmet()); app.use(router.routes());` },
    { filename: F, code: `import { Hono } from 'hono'; import { secureHeaders } from 'hono/secure-headers'; const app = new Hono(); app.use('*', secureHeaders()); app.get('/x', (c) => c.json({})); export default app;` },
    { filename: F, code: `import { NestFactory } from '@nestjs/core'; import helmet from 'helmet'; import { AppModule } from './app.module'; async function bootstrap() { const app = await NestFactory.create(AppModule); app.use(helmet()); await app.listen(3000); } bootstrap();` },
    // a name that says what it is, from a module the rule cannot read
    { filename: F, code: `import express from 'express'; import { securityHeaders } from '@acme/web'; const app = express(); app.use(securityHeaders()); app.get('/x', (q, r) => r.end());` },
    // no routes: a bare app (a health server, a test helper) is not judged
    { filename: F, code: `import express from 'express'; const app = express(); app.listen(3000);` },
    // a sub-app mounted into another app
    { filename: F, code: `import express from 'express'; import helmet from 'helmet'; const app = express(); app.use(helmet()); const admin = express(); admin.get('/x', (q, r) => r.end()); app.use('/admin', admin); app.get('/y', (q, r) => r.end());` },
    // the app goes where the rule cannot follow
    { filename: F, code: `import express from 'express'; const app = express(); plugins.forEach((p) => p(app)); app.get('/x', (q, r) => r.end());` },
    { filename: F, code: `import express from 'express'; const app = express(); app.use(...middleware); app.get('/x', (q, r) => r.end());` },
    // a test file's app is a harness
    { filename: '/repo/test/app.test.ts', code: `import express from 'express'; const app = express(); app.get('/x', (q, r) => r.end());` },
    // Next.js has no app object: not this rule's concern
    { filename: '/repo/app/api/x/route.ts', code: `export async function POST(request) { return Response.json({}); }` },
  ],
  invalid: [
    {
      filename: F,
      code: `import express from 'express';\nconst app = express();\napp.use(express.json());\napp.get('/users', (req, res) => res.json([]));`,
      errors: [{ message: missing('express'), line: 2 }],
    },
    {
      // require, alias receiver, chained routes
      filename: F,
      code: `const express = require('express');\nconst server = express();\nconst app = server;\napp.route('/users').get((q, r) => r.end()).post((q, r) => r.end());`,
      errors: [{ message: missing('express'), line: 2 }],
    },
    {
      // TypeScript's CommonJS output, routes behind a mount it cannot list (controllers handed in)
      filename: F,
      code: `const express_1 = __importDefault(require("express"));\nclass App {\n  constructor(controllers) { this.app = (0, express_1.default)(); this.controllers = controllers; }\n  async init() { for (const c of this.controllers) this.app.use(\`/v1/\`, await c.boot()); }\n}`,
      errors: [{ message: missing('express'), line: 3 }],
    },
    {
      // headers by hand but X-Powered-By left on
      filename: F,
      code: `import express from 'express';\nconst app = express();\napp.use((req, res, next) => { res.setHeader('Strict-Transport-Security', 'max-age=31536000'); next(); });\napp.get('/x', (q, r) => r.end());`,
      errors: [{ message: poweredBy('express'), line: 2 }],
    },
    {
      // a class holding the app
      filename: F,
      code: `import express from 'express';\nclass Server {\n  app = express();\n  constructor() { this.app.use(express.json()); this.app.get('/x', (q, r) => r.end()); }\n}`,
      errors: [{ message: missing('express'), line: 3 }],
    },
    {
      filename: F,
      code: `import Fastify from 'fastify';\nconst fastify = Fastify({ logger: true });\nfastify.post('/items', async () => ({}));`,
      errors: [{ message: missing('fastify'), line: 2 }],
    },
    {
      filename: F,
      code: `import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/x', (ctx) => {});\napp.use(router.routes());`,
      errors: [{ message: missing('koa'), line: 3 }],
    },
    {
      filename: F,
      code: `import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/x', (c) => c.json({}));\nexport default app;`,
      errors: [{ message: missing('hono'), line: 2 }],
    },
    {
      filename: F,
      code: `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n@Controller('x') class X { @Get() list() {} }\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}`,
      errors: [{ message: missing('nest'), line: 5 }],
    },
    {
      // Nest on Fastify sends no X-Powered-By
      filename: F,
      code: `import { NestFactory } from '@nestjs/core';\nimport { FastifyAdapter } from '@nestjs/platform-fastify';\n@Controller('x') class X { @Get() list() {} }\nconst app = await NestFactory.create(AppModule, new FastifyAdapter());`,
      errors: [{ message: missing('nest', false), line: 4 }],
    },
  ],
});

const tree = tempTrees('backlint-headers-');

async function findings(dir: string): Promise<string[]> {
  const report = await lint({ cwd: dir, paths: ['.'], config: false, preset: 'recommended' });
  return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/require-security-headers').map((x) => `${f.file}:${x.line}`));
}

const ROUTER = `const { Router } = require('express');\nconst router = Router();\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n`;

describe('require-security-headers across files', () => {
  it('counts helmet applied in a configure function of another module, and in a middleware file', async () => {
    const dir = tree({
      'src/app.js': `const express = require('express');\nconst setup = require('./setup');\nconst app = express();\nsetup(app);\napp.use('/users', require('./users'));\nmodule.exports = app;\n`,
      'src/setup.js': `const security = require('./middleware/security');\nmodule.exports = function setup(app) {\n  app.disable('x-powered-by');\n  app.use(security);\n};\n`,
      'src/middleware/security.js': `module.exports = function security(req, res, next) {\n  res.setHeader('X-Content-Type-Options', 'nosniff');\n  next();\n};\n`,
      'src/users.js': ROUTER,
    });
    expect(await findings(dir)).toEqual([]);
  });

  it('follows an exported app into the file that configures it, and a factory into its caller', async () => {
    const exported = tree({
      'src/app.js': `const express = require('express');\nconst app = express();\napp.use('/users', require('./users'));\nmodule.exports = app;\n`,
      'src/server.js': `const helmet = require('helmet');\nconst app = require('./app');\napp.use(helmet());\napp.listen(3000);\n`,
      'src/users.js': ROUTER,
    });
    expect(await findings(exported)).toEqual([]);
    const factory = tree({
      'src/app.ts': `import express from 'express';\nimport users from './users';\nexport function createApp() {\n  const app = express();\n  app.use('/users', users);\n  return app;\n}\n`,
      'src/main.ts': `import helmet from 'helmet';\nimport { createApp } from './app';\nconst app = createApp();\napp.use(helmet());\napp.listen(3000);\n`,
      'src/users.ts': `import { Router } from 'express';\nconst router = Router();\nrouter.get('/', (req, res) => res.json([]));\nexport default router;\n`,
    });
    expect(await findings(factory)).toEqual([]);
  });

  it('reports an app whose routes are all in mounted routers, and not the routers or a sub-app', async () => {
    const dir = tree({
      'src/app.js': `const express = require('express');\nconst admin = require('./admin');\nconst app = express();\napp.use('/users', require('./users'));\napp.use('/admin', admin);\nmodule.exports = app;\n`,
      'src/admin.js': `const express = require('express');\nconst admin = express();\nadmin.get('/stats', (req, res) => res.json({}));\nmodule.exports = admin;\n`,
      'src/users.js': ROUTER,
      'test/app.test.js': `const express = require('express');\nconst app = express();\napp.use(require('../src/users'));\n`,
    });
    expect(await findings(dir)).toEqual(['src/app.js:3']);
  });

  it('Fastify: helmet registered in a plugin of another file counts; an app without routes is not judged', async () => {
    const dir = tree({
      'src/server.js': `const Fastify = require('fastify');\nconst app = Fastify();\napp.register(require('./plugins/security'));\napp.register(require('./routes/items'), { prefix: '/items' });\n`,
      'src/plugins/security.js': `const fp = require('fastify-plugin');\nmodule.exports = fp(async function security(app) {\n  await app.register(require('@fastify/helmet'));\n});\n`,
      'src/routes/items.js': `module.exports = async function items(app) {\n  app.get('/', async () => []);\n};\n`,
      'src/worker.js': `const Fastify = require('fastify');\nconst metrics = Fastify();\nmetrics.listen({ port: 9100 });\n`,
    });
    expect(await findings(dir)).toEqual([]);
    const bare = tree({
      'src/server.js': `const Fastify = require('fastify');\nconst app = Fastify();\napp.register(require('./routes/items'), { prefix: '/items' });\n`,
      'src/routes/items.js': `module.exports = async function items(app) {\n  app.post('/', async () => ({}));\n};\n`,
    });
    expect(await findings(bare)).toEqual(['src/server.js:2']);
  });
});
