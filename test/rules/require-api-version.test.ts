import type { Rule } from 'eslint';
import rule from '../../rules/require-api-version.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (route: string, more = '', pattern = '/^v\\d+$/') =>
  `Route ${route}${more} has no version segment (matching ${pattern}): mount the API under a major version such as /v1 so breaking changes can ship as /v2 beside it.`;

ruleTester.run('require-api-version', eslintRule, {
  valid: [
    // versioned through a same-file mount
    `import express from 'express';
     const app = express();
     const users = express.Router();
     users.get('/', h);
     app.use('/api/v1/users', users);`,
    // a router exported for mounting elsewhere: its version may be in the mount
    `import { Router } from 'express'; const r = Router(); r.get('/users', h); export default r;`,
    // untracked receivers: the full URL is unknown
    `module.exports = (app) => { app.get('/users', h); };`,
    // health checks, docs and the root are outside API versions
    `import express from 'express'; const app = express(); app.get('/health', h); app.get('/', h); app.get('/docs', h);`,
    // Fastify register prefix, Hono basePath
    `import Fastify from 'fastify'; const f = Fastify(); f.register(async (i) => { i.get('/users', h); }, { prefix: '/v2' });`,
    `import { Hono } from 'hono'; const app = new Hono().basePath('/api/v1'); app.get('/users', (c) => c.json([])); export default app;`,
    // Nest controller version
    `import { Controller, Get } from '@nestjs/common'; @Controller({ path: 'users', version: '1' }) class U { @Get() list() {} }`,
    `import { Controller, Get, Version } from '@nestjs/common'; @Controller('users') class U { @Get() @Version('2') list() {} }`,
    { code: `export function GET() {}`, filename: 'app/api/v1/users/route.ts' },
    // custom pattern and allow list
    {
      code: `import express from 'express'; const app = express(); app.get('/2024-06/users', h);`,
      options: [{ pattern: '^\\d{4}-\\d{2}$' }],
    },
    { code: `import express from 'express'; const app = express(); app.get('/internal/jobs', h);`, options: [{ allow: ['/internal'] }] },
    // the shared option of the OpenAPI face: versioned by server URL only
    { code: `import express from 'express'; const app = express(); app.get('/users', h);`, options: [{ versioning: 'server' }] },
  ],
  invalid: [
    {
      code: `import express from 'express';
const app = express();
app.get('/users', h);
app.post('/users', h);
app.get('/health', h);`,
      errors: [{ message: msg('GET /users', ' (and 1 more route of this router)'), line: 2, column: 13 }],
    },
    {
      // reported at the mount when the router is mounted without a version
      code: `import express from 'express';
const app = express();
const r = express.Router();
r.get('/:id', h);
app.use('/api/orders', r);`,
      errors: [{ message: msg('GET /api/orders/:id'), line: 5, column: 1 }],
    },
    {
      code: `import Fastify from 'fastify';
const fastify = Fastify();
fastify.get('/items', async () => []);`,
      errors: [{ message: msg('GET /items'), line: 2 }],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/books', (c) => c.json([]));
export default app;`,
      errors: [{ message: msg('GET /books'), line: 2 }],
    },
    {
      code: `import { Controller, Get, Post } from '@nestjs/common';
@Controller('users')
export class U { @Get() list() { return []; } @Post() create() { return {}; } }`,
      errors: [{ message: msg('GET /users', ' (and 1 more route of this file)'), line: 2 }],
    },
    {
      code: `export async function GET() { return Response.json([]); }`,
      filename: 'app/api/users/route.ts',
      errors: [{ message: msg('GET /api/users'), line: 1, column: 23 }],
    },
  ],
});
