import type { Rule } from 'eslint';
import rule from '../../rules/plural-resource-names.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (word: string, route: string, plural: string) =>
  `Resource name "${word}" in route ${route} is singular: name collections and their items with the plural "${plural}".`;
const rename = (from: string, to: string) => `Rename "${from}" to "${to}" (update the clients that call it).`;

ruleTester.run('plural-resource-names', eslintRule, {
  valid: [
    // plurals, in every parameter syntax
    `app.get('/users/:id', (req, res) => res.json({}));`,
    `app.get('/api/v1/users', (req, res) => res.json([]));`,
    // api, version and parameter segments are never judged
    `app.get('/api/v1/:tenant/orders', h);`,
    // well-known segments
    `app.get('/health', h); app.get('/me', h); app.post('/auth/login', h); app.get('/status', h); app.get('/.well-known/openapi.json', h);`,
    // uncountable nouns
    `app.get('/news', h); app.get('/media/:id', h); app.get('/metadata', h); app.get('/feedback', h); app.get('/series/:id', h);`,
    // custom-action POST after a parameter is not a create
    `app.post('/orders/:id/cancel', h);`,
    // a single-object sub-resource after a parameter is not a collection
    `app.get('/tickets/:id/assignee', h);`,
    // PUT/PATCH/DELETE on a path ending in a static segment: not a list/create route
    `app.put('/users/:id/avatar', h); app.delete('/cache', h);`,
    // not a route: one argument, a client call, a non-slash path on an untracked receiver
    `map.get('/user'); axios.get('/user', () => {}); cache.get('user', () => 1);`,
    // allow list
    { code: `app.get('/user/:id', h);`, options: [{ allow: ['user'] }] },
    // Nest and Next with plurals
    `import { Controller, Get } from '@nestjs/common'; @Controller('users') class U { @Get(':id') one() {} }`,
    { code: `export async function GET() { return Response.json([]); }`, filename: 'app/api/users/[id]/route.ts' },
  ],
  invalid: [
    {
      code: `app.get('/user/:id', (req, res) => res.json({}));`,
      errors: [
        {
          message: msg('user', 'GET /user/:id', 'users'),
          line: 1,
          column: 9,
          suggestions: [{ desc: rename('user', 'users'), output: `app.get('/users/:id', (req, res) => res.json({}));` }],
        },
      ],
    },
    {
      // last static segment of a list route; multi-word segments are judged on their last word
      code: `router.get('/api/v1/order-item', listItems);`,
      errors: [
        {
          message: msg('order-item', 'GET /api/v1/order-item', 'order-items'),
          suggestions: [{ desc: rename('order-item', 'order-items'), output: `router.get('/api/v1/order-items', listItems);` }],
        },
      ],
    },
    {
      // Express: a singular mount prefix is reported once, at the mount
      code: `import express from 'express';
const app = express();
const r = express.Router();
r.get('/:id', h);
r.delete('/:id', h);
app.use('/invoice', r);`,
      errors: [
        {
          message: msg('invoice', 'GET /invoice/:id', 'invoices'),
          line: 6,
          column: 9,
          suggestions: [{ desc: rename('invoice', 'invoices'), output: "import express from 'express';\nconst app = express();\nconst r = express.Router();\nr.get('/:id', h);\nr.delete('/:id', h);\napp.use('/invoices', r);" }],
        },
      ],
    },
    {
      // Fastify with a route() declaration and a register prefix
      code: `import Fastify from 'fastify';
const f = Fastify();
f.route({ method: 'POST', url: '/person', handler: async () => ({}) });
f.register(async (i) => { i.get('/:id', async () => ({})); }, { prefix: '/account' });`,
      errors: [
        {
          message: msg('person', 'POST /person', 'people'),
          line: 3,
          suggestions: [{ desc: rename('person', 'people'), output: "import Fastify from 'fastify';\nconst f = Fastify();\nf.route({ method: 'POST', url: '/people', handler: async () => ({}) });\nf.register(async (i) => { i.get('/:id', async () => ({})); }, { prefix: '/account' });" }],
        },
        {
          message: msg('account', 'GET /account/:id', 'accounts'),
          line: 4,
          suggestions: [{ desc: rename('account', 'accounts'), output: "import Fastify from 'fastify';\nconst f = Fastify();\nf.route({ method: 'POST', url: '/person', handler: async () => ({}) });\nf.register(async (i) => { i.get('/:id', async () => ({})); }, { prefix: '/accounts' });" }],
        },
      ],
    },
    {
      // Koa router prefix, Hono
      code: `import Router from '@koa/router';
const router = new Router({ prefix: '/book' });
router.get('/:id', async (ctx) => { ctx.body = {}; });`,
      errors: [
        {
          message: msg('book', 'GET /book/:id', 'books'),
          line: 2,
          suggestions: [{ desc: rename('book', 'books'), output: "import Router from '@koa/router';\nconst router = new Router({ prefix: '/books' });\nrouter.get('/:id', async (ctx) => { ctx.body = {}; });" }],
        },
      ],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.post('/comment', (c) => c.json({}, 201));`,
      errors: [
        {
          message: msg('comment', 'POST /comment', 'comments'),
          line: 3,
          suggestions: [{ desc: rename('comment', 'comments'), output: "import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/comments', (c) => c.json({}, 201));" }],
        },
      ],
    },
    {
      // Nest: reported at the controller prefix
      code: `import { Controller, Get } from '@nestjs/common';
@Controller('product')
export class P { @Get(':id') one() { return {}; } }`,
      errors: [
        {
          message: msg('product', 'GET /product/:id', 'products'),
          line: 2,
          column: 13,
          suggestions: [{ desc: rename('product', 'products'), output: "import { Controller, Get } from '@nestjs/common';\n@Controller('products')\nexport class P { @Get(':id') one() { return {}; } }" }],
        },
      ],
    },
    {
      // Next.js: the path comes from the file; reported at the exported handler
      code: `export async function GET() { return Response.json([]); }`,
      filename: 'src/app/(shop)/api/customer/route.ts',
      errors: [{ message: msg('customer', 'GET /api/customer', 'customers'), line: 1, column: 23, suggestions: [] }],
    },
  ],
});
