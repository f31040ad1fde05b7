import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-csrf-protection.js';
import { createRuleTester } from '../helpers/eslint.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { lint } from '../../src/index.js';

const ruleTester = createRuleTester();
// Outside the lint root: the app's own file is all the rule sees (cross-file cases are below).
const F = '/repo/src/app.ts';

const HINTS = {
  express: "add CSRF middleware such as `doubleCsrf()` from `csrf-csrf` (or `csrfSync()` from `csrf-sync`), or set `cookie: { sameSite: 'lax' }` on the session",
  fastify: "register `@fastify/csrf-protection` and add `fastify.csrfProtection` to the state-changing routes, or set `cookie: { sameSite: 'lax' }` on the session",
  koa: "add `new CSRF()` from `koa-csrf`, or set `sameSite: 'lax'` in the session options",
  hono: "add `app.use(csrf())` from `hono/csrf`, or set `sameSite: 'Lax'` on the session cookie",
  nest: "add CSRF middleware such as `doubleCsrf()` from `csrf-csrf` in the bootstrap, or set `cookie: { sameSite: 'lax' }` on the session",
};
const LABEL = { express: 'Express', fastify: 'Fastify', koa: 'Koa', hono: 'Hono', nest: 'NestJS' };
const msg = (fw: keyof typeof HINTS, session: string, where: string, route: string) =>
  `This ${LABEL[fw]} app keeps sessions in a cookie (\`${session}\` at ${where}) and has state-changing routes (${route}), but nothing defends them against CSRF: no CSRF middleware or token check, no custom-header check, and the session cookie is not \`sameSite: 'strict'\` or \`'lax'\`. Any site a logged-in user visits can submit them with the user's session. To fix it, ${HINTS[fw]}.`;

ruleTester.run('require-csrf-protection', rule.eslint!, {
  valid: [
    // CSRF middleware: csurf, csrf-csrf's destructured middleware, lusca
    { filename: F, code: `import express from 'express'; import session from 'express-session'; import csurf from 'csurf'; const app = express(); app.use(session({ secret })); app.use(csurf()); app.post('/x', (q, r) => r.end());` },
    { filename: F, code: `import express from 'express'; import session from 'express-session'; import { doubleCsrf } from 'csrf-csrf'; const { doubleCsrfProtection } = doubleCsrf({ getSecret }); const app = express(); app.use(session({ secret })); app.use(doubleCsrfProtection); app.post('/x', (q, r) => r.end());` },
    // SameSite strict or lax on the session cookie (const options, spread)
    { filename: F, code: `import express from 'express'; import session from 'express-session'; const app = express(); app.use(session({ secret, cookie: { sameSite: 'strict', secure: true } })); app.post('/x', (q, r) => r.end());` },
    { filename: F, code: `import express from 'express'; import session from 'express-session'; const cookie = { sameSite: 'lax' }; const opts = { secret, cookie }; const app = express(); app.use(session(opts)); app.delete('/x/:id', (q, r) => r.end());` },
    { filename: F, code: `const express = require('express'); const cookieSession = require('cookie-session'); const app = express(); app.use(cookieSession({ name: 's', keys, sameSite: 'strict' })); app.post('/x', (q, r) => r.end());` },
    // options the rule cannot read
    { filename: F, code: `import express from 'express'; import session from 'express-session'; import { sessionOptions } from './config'; const app = express(); app.use(session(sessionOptions)); app.post('/x', (q, r) => r.end());` },
    { filename: F, code: `import express from 'express'; import session from 'express-session'; const app = express(); app.use(session({ secret, cookie: { sameSite: process.env.SAME_SITE } })); app.post('/x', (q, r) => r.end());` },
    // a custom-header check
    { filename: F, code: `import express from 'express'; import session from 'express-session'; const app = express(); app.use(session({ secret })); app.use((req, res, next) => req.get('X-Requested-With') === 'XMLHttpRequest' ? next() : res.sendStatus(403)); app.post('/x', (q, r) => r.end());` },
    // token auth, no cookie session
    { filename: F, code: `import express from 'express'; import passport from 'passport'; const app = express(); app.use(passport.authenticate('jwt', { session: false })); app.post('/x', (q, r) => r.end());` },
    // only reads
    { filename: F, code: `import express from 'express'; import session from 'express-session'; const app = express(); app.use(session({ secret })); app.get('/x', (q, r) => r.end());` },
    // Fastify / Koa / Hono defences
    { filename: F, code: `import Fastify from 'fastify'; import fastifySession from '@fastify/session'; import csrf from '@fastify/csrf-protection'; const app = Fastify(); app.register(fastifySession, { secret }); app.register(csrf); app.post('/x', async () => ({}));` },
    { filename: F, code: `import Koa from 'koa'; import session from 'koa-session'; import CSRF from 'koa-csrf'; import Router from '@koa/router'; const app = new Koa(); const router = new Router(); router.post('/x', (ctx) => {}); app.use(session({ key: 's' }, app)); app.use(new CSRF()); app.use(router.routes());` },
    { filename: F, code: `import { Hono } from 'hono'; import { csrf } from 'hono/csrf'; import { sessionMiddleware } from 'hono-sessions'; const app = new Hono(); app.use('*', sessionMiddleware({ store, cookieOptions: { httpOnly: true } })); app.use(csrf()); app.post('/x', (c) => c.json({})); export default app;` },
    // a test's app
    { filename: '/repo/test/app.spec.ts', code: `import express from 'express'; import session from 'express-session'; const app = express(); app.use(session({ secret })); app.post('/x', (q, r) => r.end());` },
  ],
  invalid: [
    {
      filename: F,
      code: `import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: process.env.SECRET, cookie: { secure: true, httpOnly: true } }));\napp.post('/transfer', (req, res) => res.end());`,
      errors: [{ message: msg('express', 'express-session', 'line 4', 'POST /transfer'), line: 3 }],
    },
    {
      // cookie-session without options, `sameSite: 'none'`, require
      filename: F,
      code: `const express = require('express');\nconst cookieSession = require('cookie-session');\nconst app = express();\nconst sessions = cookieSession({ keys, sameSite: 'none' });\napp.use(sessions);\napp.put('/profile', (q, r) => r.end());`,
      errors: [{ message: msg('express', 'cookie-session', 'line 5', 'PUT /profile'), line: 3 }],
    },
    {
      filename: F,
      code: `import Fastify from 'fastify';\nimport fastifySession from '@fastify/session';\nconst app = Fastify();\napp.register(fastifySession, { secret, cookie: { secure: true } });\napp.patch('/me', async () => ({}));`,
      errors: [{ message: msg('fastify', '@fastify/session', 'line 4', 'PATCH /me'), line: 3 }],
    },
    {
      filename: F,
      code: `import Koa from 'koa';\nimport session from 'koa-session';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\nrouter.delete('/items/:id', (ctx) => {});\napp.use(session(app));\napp.use(router.routes());`,
      errors: [{ message: msg('koa', 'koa-session', 'line 7', 'DELETE /items/:id'), line: 4 }],
    },
    {
      filename: F,
      code: `import { Hono } from 'hono';\nimport { sessionMiddleware } from 'hono-sessions';\nconst app = new Hono();\napp.use('*', sessionMiddleware({ store, cookieOptions: { sameSite: 'None' } }));\napp.post('/x', (c) => c.json({}));\nexport default app;`,
      errors: [{ message: msg('hono', 'hono-sessions', 'line 4', 'POST /x'), line: 3 }],
    },
    {
      filename: F,
      code: `import { NestFactory } from '@nestjs/core';\nimport session from 'express-session';\n@Controller('orders') class Orders { @Post() create() {} }\nconst app = await NestFactory.create(AppModule);\napp.use(session({ secret }));`,
      errors: [{ message: msg('nest', 'express-session', 'line 5', 'POST /orders'), line: 4 }],
    },
  ],
});

const tree = tempTrees('backlint-csrf-');

async function findings(dir: string): Promise<string[]> {
  const report = await lint({ cwd: dir, paths: ['.'], config: false, preset: 'recommended' });
  return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/require-csrf-protection').map((x) => `${f.file}:${x.line} ${x.message}`));
}

describe('require-csrf-protection across files', () => {
  it('finds the session in a configure module and the state-changing route in a mounted router', async () => {
    const dir = tree({
      'src/app.js': `const express = require('express');\nconst configure = require('./configure');\nconst users = require('./routes/users');\nconst app = express();\nconfigure(app);\napp.use('/users', users);\nmodule.exports = app;\n`,
      'src/configure.js': `const session = require('express-session');\nmodule.exports = (app) => {\n  app.use(session({ secret: process.env.S }));\n};\n`,
      'src/routes/users.js': `const { Router } = require('express');\nconst router = Router();\nrouter.post('/', (req, res) => res.status(201).end());\nmodule.exports = router;\n`,
    });
    expect(await findings(dir)).toEqual([
      `src/app.js:4 ${msg('express', 'express-session', 'src/configure.js:3', 'POST / in src/routes/users.js')}`,
    ]);
  });

  it('a CSRF check anywhere in the project, or a router with only reads, keeps it silent', async () => {
    const checked = tree({
      'src/app.js': `const express = require('express');\nconst session = require('express-session');\nconst users = require('./routes/users');\nconst app = express();\napp.use(session({ secret: 's' }));\napp.use('/users', users);\n`,
      'src/routes/users.js': `const { Router } = require('express');\nconst { csrfProtection } = require('../middleware/csrf');\nconst router = Router();\nrouter.post('/', csrfProtection, (req, res) => res.end());\nmodule.exports = router;\n`,
      'src/middleware/csrf.js': `const { csrfSync } = require('csrf-sync');\nexports.csrfProtection = csrfSync().csrfSynchronisedProtection;\n`,
    });
    expect(await findings(checked)).toEqual([]);
    const reads = tree({
      'src/app.js': `const express = require('express');\nconst session = require('express-session');\nconst users = require('./routes/users');\nconst app = express();\napp.use(session({ secret: 's' }));\napp.use('/users', users);\n`,
      'src/routes/users.js': `const { Router } = require('express');\nconst router = Router();\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n`,
    });
    expect(await findings(reads)).toEqual([]);
  });
});
