import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingRequestHandler, getRouteModel, handlerContext, isRequestHandler, type RouteModel } from '../../src/analysis/routes.js';

/** Run the real ESLint on `code` and hand back the route model the rules would see. */
function model(code: string, filename = 'src/app.ts', probe?: string): { m: RouteModel; probed: string[] } {
  let m: RouteModel | null = null;
  const probed: string[] = [];
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        Program() {
          m = getRouteModel(context);
        },
        CallExpression(node: TSESTree.CallExpression) {
          if (probe && node.callee.type === 'Identifier' && node.callee.name === probe) {
            for (const r of handlerContext(context, node)) probed.push(`${r.methods.join(',')} ${r.path}`);
          }
        },
      };
    },
  };
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,ts,tsx}'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { t: { rules: { dump: rule as never } } },
        rules: { 't/dump': 'error' },
      },
    ],
    { filename },
  );
  expect(messages.filter((x) => x.fatal || x.ruleId === null)).toEqual([]);
  return { m: m!, probed };
}

const summary = (m: RouteModel) =>
  m.routes.map((r) => `${r.framework} ${r.methods.join(',')} ${r.path}${r.pathComplete ? '' : ' ?'} h=${r.handlers.length} mw=${r.middleware.length}`);

describe('route model', () => {
  it('Express: app, routers, mounts, route chains, all', () => {
    const { m } = model(`
      import express from 'express';
      const app = express();
      const users = express.Router();
      function list(req, res) { res.json([]); }
      users.get('/', auth, list);
      users.post('/:id/cancel', (req, res) => res.sendStatus(202));
      app.route('/books').get((req, res) => {}).post(create);
      app.all('/ping', (req, res) => res.end());
      app.use('/api/v1/users', users);
      app.get('title');
    `);
    expect(summary(m)).toEqual([
      'express GET /api/v1/users h=1 mw=1',
      'express POST /api/v1/users/:id/cancel h=1 mw=0',
      'express GET /books h=1 mw=0',
      'express POST /books h=0 mw=0',
      'express ALL /ping h=1 mw=0',
    ]);
  });

  it('untracked receivers need a literal path and a function-ish last argument', () => {
    const { m } = model(`
      module.exports = function (router) {
        router.get('/posts', mw.auth, http(api.posts.browse));
        map.get('/x');
        cache.get('key', () => 1);
        axios.get('/users', () => {});
        $.get('/users', (data) => render(data));
        rest.get('/api/user', (req, res, ctx) => res(ctx.json({})));
        router.delete('/posts/:id', handler);
      };
    `, 'routes.js');
    expect(summary(m)).toEqual(['unknown GET /posts ? h=0 mw=1', 'unknown DELETE /posts/:id ? h=0 mw=0']);
  });

  it('a file without framework imports whose paths open with a constant passes the text gate', () => {
    const { m } = model(`
      const API_PATH = '/signalk/v2/api/course';
      class CourseApi {
        constructor(app) { this.app = app; }
        init() {
          this.app.get(\`\${API_PATH}\`, async (req, res) => { res.json({}); });
          this.app.put(\`\${API_PATH}/destination\`, async (req, res) => { res.status(200).json({}); });
          lookup.get(\`\${key}\`);
        }
      }
      module.exports = { CourseApi };
    `, 'course.js');
    expect(summary(m)).toEqual(['unknown GET /signalk/v2/api/course ? h=1 mw=0', 'unknown PUT /signalk/v2/api/course/destination ? h=1 mw=0']);
  });

  it('Fastify: shorthand, route(), register with prefix', () => {
    const { m } = model(`
      import Fastify from 'fastify';
      const fastify = Fastify();
      async function users(instance, opts) {
        instance.get('/:id', { preHandler: [auth] }, async (req, reply) => ({}));
        instance.route({ method: ['POST'], url: '/', preHandler: auth, handler: async () => 1 });
      }
      fastify.register(users, { prefix: '/v1/users' });
      fastify.get('/health', async () => 'ok');
    `);
    expect(summary(m)).toEqual([
      'fastify GET /v1/users/:id h=1 mw=1',
      'fastify POST /v1/users h=1 mw=1',
      'fastify GET /health h=1 mw=0',
    ]);
  });

  it('Koa: new Router({ prefix }), router.prefix, nested use', () => {
    const { m } = model(`
      import Koa from 'koa';
      import Router from '@koa/router';
      const app = new Koa();
      const router = new Router({ prefix: '/api' });
      const users = new Router();
      users.get('user', '/:id', async (ctx) => { ctx.body = {}; });
      users.del('/:id', async (ctx) => { ctx.status = 204; });
      router.use('/users', users.routes());
      app.use(router.routes());
    `);
    expect(summary(m)).toEqual(['koa GET /api/users/:id ? h=1 mw=0', 'koa DELETE /api/users/:id ? h=1 mw=0']);
  });

  it('Hono: basePath, route, on', () => {
    const { m } = model(`
      import { Hono } from 'hono';
      const app = new Hono().basePath('/api');
      const books = new Hono();
      books.get('/:id', (c) => c.json({}));
      app.on(['PUT', 'PATCH'], '/x', (c) => c.text('ok'));
      app.route('/books', books);
      export default app;
    `);
    expect(summary(m)).toEqual(['hono GET /api/books/:id h=1 mw=0', 'hono PUT,PATCH /api/x h=1 mw=0']);
  });

  it('NestJS controllers', () => {
    const { m } = model(`
      import { Controller, Get, Post, HttpCode, UseGuards } from '@nestjs/common';
      @Controller('users')
      export class UsersController {
        @Get(':id') find() { return {}; }
        @Post() @HttpCode(201) create() { return {}; }
      }
      @Controller({ path: 'orders', version: '2' })
      export class OrdersController { @Get() list() { return []; } }
    `);
    expect(summary(m)).toEqual(['nest GET /users/:id h=1 mw=0', 'nest POST /users h=1 mw=0', 'nest GET /v2/orders h=1 mw=0']);
    expect(m.routes[1]!.decorators.length).toBe(3);
  });

  it('Next.js App Router files', () => {
    const { m } = model(
      `import { NextResponse } from 'next/server';
       export async function GET(req) { return NextResponse.json([]); }
       export const POST = async (req) => NextResponse.json({}, { status: 201 });
       const handler = () => new Response(null, { status: 204 });
       export { handler as DELETE };`,
      'src/app/(shop)/api/orders/[id]/route.ts',
    );
    expect(summary(m)).toEqual(['next GET /api/orders/[id] h=1 mw=0', 'next POST /api/orders/[id] h=1 mw=0', 'next DELETE /api/orders/[id] h=1 mw=0']);
  });

  it('handlerContext follows same-file calls', () => {
    const { probed } = model(`
      import express from 'express';
      const app = express();
      function save(x) { probe(x); }
      const helper = (x) => save(x);
      app.get('/a', (req, res) => { helper(1); });
      app.post('/b', (req, res) => { probe(); });
      function unused() { probe(); }
    `, 'a.ts', 'probe');
    expect(probed).toEqual(['GET /a', 'POST /b']);
  });

  it('handler factories: the handler is what the factory returns, every return of it', () => {
    const { m, probed } = model(`
      import express from 'express';
      const app = express();
      function makeHandler(opts) {
        const cache = new Map();
        probe('setup');
        if (opts.json) return async (req, res) => { probe('json'); };
        return function html(req, res) { probe('html'); };
      }
      const makeList = (model) => (req, res) => { probe('list'); };
      const shared = (req, res) => { probe('shared'); };
      const makeShared = () => shared;
      const makeEither = (a) => (a ? (req, res) => probe('a') : (req, res) => probe('b'));
      function notAFactory() { return 42; }
      function loops() { return loops(); }
      const ping = () => pong();
      const pong = () => ping();
      app.get('/one', makeHandler({ json: true }));
      app.get('/loops', loops());
      app.get('/ping', ping());
      app.get('/list', makeList(User));
      app.get('/shared', makeShared());
      app.get('/either', makeEither(true));
      app.get('/none', notAFactory());
    `, 'a.ts', 'probe');
    expect(summary(m)).toEqual([
      'express GET /one h=2 mw=0',
      'express GET /loops h=0 mw=0',
      'express GET /ping h=0 mw=0',
      'express GET /list h=1 mw=0',
      'express GET /shared h=1 mw=0',
      'express GET /either h=2 mw=0',
      'express GET /none h=0 mw=0',
    ]);
    // The factory's own body runs once at startup: it is not request-handling code.
    expect(probed).toEqual(['GET /one', 'GET /one', 'GET /list', 'GET /shared', 'GET /either', 'GET /either']);
  });

  it('bound methods and handler arrays', () => {
    const { m } = model(`
      import express from 'express';
      const app = express();
      class UsersController {
        show(req, res) { res.json({}); }
        list(req, res) { res.json([]); }
      }
      const ctrl = new UsersController();
      app.get('/users/:id', ctrl.show.bind(ctrl));
      app.get('/users', [auth, validate], ctrl.list.bind(ctrl));
      app.post('/users', [auth, (req, res) => res.sendStatus(201)]);
      class Routes {
        constructor(router) { router.get('/me', this.me.bind(this)); }
        me(req, res) { res.json({}); }
      }
    `);
    expect(summary(m)).toEqual([
      'express GET /users/:id h=1 mw=0',
      'express GET /users h=1 mw=2',
      'express POST /users h=1 mw=1',
      'express GET /me ? h=1 mw=0',
    ]);
    const fnName = (r: RouteModel['routes'][number]) => {
      const p = r.handlers[0]!.parent;
      return p.type === 'MethodDefinition' && p.key.type === 'Identifier' ? p.key.name : '?';
    };
    expect([m.routes[0]!, m.routes[1]!, m.routes[3]!].map(fnName)).toEqual(['show', 'list', 'me']);
  });

  it('resolves mounts declared before the router, and lists use() calls for global middleware', () => {
    const { m } = model(`
      const express = require('express');
      const rateLimit = require('express-rate-limit');
      const app = express();
      app.use(rateLimit({ windowMs: 60000, max: 10 }));
      app.use('/v1/accounts', accounts);
      const accounts = express.Router();
      accounts.post('/login', (req, res) => res.json({}));
    `, 'server.js');
    expect(summary(m)).toEqual(['express POST /v1/accounts/login h=1 mw=0']);
    expect(m.uses.map((u) => `${u.path ?? '-'} ${u.args.length}`)).toEqual(['- 1', '/v1/accounts 1']);
  });
});

describe('isRequestHandler', () => {
  it('knows route handlers and request-handler signatures', () => {
    const out: string[] = [];
    const code = `
      import express from 'express';
      const app = express();
      app.get('/a', function routeHandler(x) { probe(); });
      module.exports.list = function list(req, res) { probe(); };
      function helper(a, b) { probe(); }
      const errorMw = (err, req, res, next) => { probe(); };
    `;
    const linter = new Linter();
    linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
          plugins: {
            t: {
              rules: {
                r: {
                  create(context: TSESLint.RuleContext<string, []>) {
                    return {
                      CallExpression(node: TSESTree.CallExpression) {
                        if (node.callee.type !== 'Identifier' || node.callee.name !== 'probe') return;
                        const fn = enclosingRequestHandler(context, node);
                        out.push(fn && 'id' in fn && fn.id ? fn.id.name : String(fn && isRequestHandler(context, fn)));
                      },
                    };
                  },
                } as never,
              },
            },
          },
          rules: { 't/r': 'error' },
        },
      ],
      { filename: 'a.ts' },
    );
    expect(out).toEqual(['routeHandler', 'list', 'null', 'true']);
  });
});
