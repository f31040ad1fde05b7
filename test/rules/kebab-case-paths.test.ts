import type { Rule } from 'eslint';
import rule from '../../rules/kebab-case-paths.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const notKebab = (seg: string, route: string, style: string, kebab: string) =>
  `Path segment "${seg}" in route ${route} is ${style}: write path segments as lowercase words joined by hyphens ("${kebab}").`;
const ext = (seg: string, route: string, kebab: string) =>
  `Path segment "${seg}" in route ${route} carries a file extension: name the resource without it ("${kebab}") and pick the format with the Accept header.`;
const slash = (route: string) => `Route ${route} ends with a slash: drop the trailing "/" so the resource has a single URL.`;
const rename = (from: string, to: string) => `Rename "${from}" to "${to}" (update the clients that call it).`;

ruleTester.run('kebab-case-paths', eslintRule, {
  valid: [
    `app.get('/user-profiles/:userId', h);`,
    // parameters keep any casing, in any syntax
    `app.get('/orders/{orderId}/line-items/:line_id', h);`,
    // well-known files and segments
    `app.get('/openapi.json', h); app.get('/.well-known/jwks', h); app.get('/swagger.json', h);`,
    // root and a mount of '/'
    `import express from 'express'; const app = express(); const r = express.Router(); r.get('/', h); app.use('/users', r);`,
    // api and version segments
    `app.get('/api/v1/users', h);`,
    // allow list
    { code: `app.get('/legacy_users', h);`, options: [{ allow: ['legacy_users'] }] },
    // not routes
    `params.get('/userName'); axios.get('/userProfiles', () => {});`,
    { code: `export function GET() {}`, filename: 'app/api/user-profiles/[userId]/route.ts' },
  ],
  invalid: [
    {
      code: `app.get('/userProfiles/:id', h);`,
      errors: [
        {
          message: notKebab('userProfiles', 'GET /userProfiles/:id', 'camelCase', 'user-profiles'),
          line: 1,
          column: 9,
          suggestions: [{ desc: rename('userProfiles', 'user-profiles'), output: `app.get('/user-profiles/:id', h);` }],
        },
      ],
    },
    {
      code: `router.post('/order_items', h);`,
      errors: [
        {
          message: notKebab('order_items', 'POST /order_items', 'snake_case', 'order-items'),
          suggestions: [{ desc: rename('order_items', 'order-items'), output: `router.post('/order-items', h);` }],
        },
      ],
    },
    {
      code: `router.get('/Users', h);`,
      errors: [
        {
          message: notKebab('Users', 'GET /Users', 'not lower case', 'users'),
          suggestions: [{ desc: rename('Users', 'users'), output: `router.get('/users', h);` }],
        },
      ],
    },
    {
      code: `app.get('/reports.csv', h);`,
      errors: [
        {
          message: ext('reports.csv', 'GET /reports.csv', 'reports'),
          suggestions: [{ desc: rename('reports.csv', 'reports'), output: `app.get('/reports', h);` }],
        },
      ],
    },
    {
      code: `app.get('/users/', h);`,
      errors: [{ message: slash('GET /users/'), suggestions: [{ desc: 'Remove the trailing slash.', output: `app.get('/users', h);` }] }],
    },
    {
      // Fastify: the prefix of a register() is reported once, at the prefix
      code: `import Fastify from 'fastify';
const f = Fastify();
f.register(async (i) => { i.get('/', async () => []); i.post('/', async () => ({})); }, { prefix: '/blogPosts' });`,
      errors: [
        {
          message: notKebab('blogPosts', 'GET /blogPosts', 'camelCase', 'blog-posts'),
          line: 3,
          suggestions: [
            {
              desc: rename('blogPosts', 'blog-posts'),
              output: `import Fastify from 'fastify';
const f = Fastify();
f.register(async (i) => { i.get('/', async () => []); i.post('/', async () => ({})); }, { prefix: '/blog-posts' });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono().basePath('/api');
app.get('/lineItems', (c) => c.json([]));`,
      errors: [
        {
          message: notKebab('lineItems', 'GET /api/lineItems', 'camelCase', 'line-items'),
          line: 3,
          suggestions: [{ desc: rename('lineItems', 'line-items'), output: `import { Hono } from 'hono';
const app = new Hono().basePath('/api');
app.get('/line-items', (c) => c.json([]));` }],
        },
      ],
    },
    {
      code: `import { Controller, Get } from '@nestjs/common';
@Controller('shopping_carts')
export class C { @Get() list() { return []; } }`,
      errors: [
        {
          message: notKebab('shopping_carts', 'GET /shopping_carts', 'snake_case', 'shopping-carts'),
          line: 2,
          suggestions: [{ desc: rename('shopping_carts', 'shopping-carts'), output: `import { Controller, Get } from '@nestjs/common';
@Controller('shopping-carts')
export class C { @Get() list() { return []; } }` }],
        },
      ],
    },
    {
      code: `export async function GET() { return Response.json([]); }`,
      filename: 'app/api/userProfiles/route.ts',
      errors: [{ message: notKebab('userProfiles', 'GET /api/userProfiles', 'camelCase', 'user-profiles'), line: 1, column: 23, suggestions: [] }],
    },
  ],
});
