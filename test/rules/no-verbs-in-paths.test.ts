import type { Rule } from 'eslint';
import rule from '../../rules/no-verbs-in-paths.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const verb = (seg: string, route: string, v: string) =>
  `Path segment "${seg}" in route ${route} starts with the verb "${v}": name the resource in the path and let the HTTP method carry the action (a custom action is a POST to /<resources>/:id/<verb>).`;
const rename = (from: string, to: string, v: string) => `Rename "${from}" to "${to}" and choose the HTTP method that matches "${v}".`;

ruleTester.run('no-verbs-in-paths', eslintRule, {
  valid: [
    // custom action: POST, one verb, right after a parameter (both syntaxes)
    `app.post('/orders/:id/cancel', h); app.post('/messages/{id}/send', h);`,
    // nouns that start like verbs: judged on the first word
    `app.get('/addresses', h); app.get('/documents/:id', h); app.get('/settlements', h); app.get('/editors', h); app.get('/updates', h);`,
    // well-known segments
    `app.get('/search', h); app.post('/auth/register', h); app.post('/token', h);`,
    // allow list
    { code: `app.get('/getUsers', h);`, options: [{ allow: ['getUsers'] }] },
    // not a route
    `map.get('/getUsers');`,
  ],
  invalid: [
    {
      code: `app.get('/getUsers', h);`,
      errors: [
        {
          message: verb('getUsers', 'GET /getUsers', 'get'),
          line: 1,
          column: 9,
          suggestions: [{ desc: rename('getUsers', 'users', 'get'), output: `app.get('/users', h);` }],
        },
      ],
    },
    {
      // more than one word after the parameter is not the custom-action form
      code: `app.post('/transfers/:id/execute-transfer', h);`,
      errors: [
        {
          message: verb('execute-transfer', 'POST /transfers/:id/execute-transfer', 'execute'),
          suggestions: [{ desc: rename('execute-transfer', 'transfer', 'execute'), output: `app.post('/transfers/:id/transfer', h);` }],
        },
      ],
    },
    {
      // a GET is never a custom action
      code: `router.get('/messages/:id/send', h);`,
      errors: [{ message: verb('send', 'GET /messages/:id/send', 'send'), suggestions: [] }],
    },
    {
      code: `import Router from 'koa-router';
const r = new Router();
r.post('/create_order', async (ctx) => {});`,
      errors: [
        {
          message: verb('create_order', 'POST /create_order', 'create'),
          line: 3,
          suggestions: [{ desc: rename('create_order', 'order', 'create'), output: `import Router from 'koa-router';
const r = new Router();
r.post('/order', async (ctx) => {});` }],
        },
      ],
    },
    {
      code: `import Fastify from 'fastify';
const f = Fastify();
f.route({ method: ['DELETE'], url: '/users/:id/remove', handler: async () => null });`,
      errors: [{ message: verb('remove', 'DELETE /users/:id/remove', 'remove'), line: 3, suggestions: [] }],
    },
    {
      code: `import { Controller, Post } from '@nestjs/common';
@Controller('users')
export class U { @Post('updateEmail') update() {} }`,
      errors: [
        {
          message: verb('updateEmail', 'POST /users/updateEmail', 'update'),
          line: 3,
          suggestions: [{ desc: rename('updateEmail', 'email', 'update'), output: `import { Controller, Post } from '@nestjs/common';
@Controller('users')
export class U { @Post('email') update() {} }` }],
        },
      ],
    },
    {
      code: `export async function POST() { return Response.json({}); }`,
      filename: 'app/api/send-email/route.ts',
      errors: [{ message: verb('send-email', 'POST /api/send-email', 'send'), line: 1, suggestions: [] }],
    },
  ],
});
