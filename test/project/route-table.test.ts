/**
 * The project route table on the fixture apps (each its own root, as `backlint routes` run inside
 * it) and on small hostile trees: full paths per framework, middleware at mount points in other
 * files, handlers resolved across files, and unknown prefixes left incomplete.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { codeFiles } from '../helpers/fixture-markers.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { buildRouteTable, middlewareRefs, Project, type RouteTableEntry } from '../../src/project/index.js';
import { clearProjectFiles, displayPath } from '../../src/project/files.js';
import { clearImporterIndexes } from '../../src/project/mounts.js';
import { clearResolutionCache } from '../../src/project/resolve.js';
import { clearRouteTableCaches, nextPagesApiPath } from '../../src/project/route-table.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

beforeEach(() => {
  clearProjectFiles();
  clearResolutionCache();
  clearImporterIndexes();
  clearRouteTableCaches();
});

function table(root: string): RouteTableEntry[] {
  return buildRouteTable(new Project(root), codeFiles(root));
}

/** `GET /v1/users` for a complete path, `GET …/users` (the known tail) for an incomplete one. */
function rows(entries: RouteTableEntry[]): string[] {
  return entries.flatMap((e) => e.paths.flatMap((p) => e.methods.map((m) => `${m} ${p.complete ? p.path : `…${p.known}`}`))).sort();
}

function fixture(name: string): { root: string; entries: RouteTableEntry[] } {
  const root = path.join(REPO, 'fixtures', name);
  return { root, entries: table(root) };
}

const tree = tempTrees('backlint-routes-');

describe('route table on the fixtures', () => {
  it('Express: mounts in app.js, nested routers, configureApp(app), handlers in controllers', () => {
    const { root, entries } = fixture('express-layered');
    expect(rows(entries)).toEqual([
      'GET /v1/reports/monthly-totals',
      'GET /v1/status',
      'GET /v1/users',
      'GET /v1/users/:id',
      'GET /v1/users/:id/avatar',
      'GET /v1/users/:id/export',
      'GET /v1/users/:id/profile',
      'GET /v1/users/:id/terms',
      'POST /admin/notes',
      'POST /imports',
      'POST /v1/account/passwords',
      'POST /v1/auth/login',
      'POST /v1/auth/password-reset',
      'POST /v1/profiles',
      'POST /v1/reports',
      'POST /v1/users',
      'POST /v1/users/lookups',
    ]);
    expect(entries.every((e) => e.complete)).toBe(true);
    const byPath = (p: string) => entries.find((e) => e.paths.some((x) => x.path === p))!;
    // Middleware applied where app.js mounts the router, in the order a request meets it.
    expect(middlewareRefs(byPath('/v1/profiles').paths[0]!).map((m) => m.name)).toEqual(["express.json({ limit: '100kb' })", "validateBody('profile')"]);
    expect(middlewareRefs(byPath('/v1/auth/login').paths[0]!).map((m) => m.name)).toEqual(["express.json({ limit: '100kb' })", 'authLimiter']);
    expect(middlewareRefs(byPath('/admin/notes').paths[0]!).map((m) => m.name)).toEqual(["express.json({ limit: '100kb' })"]);
    // Handlers resolved into other modules: references, bound methods, factories.
    const handler = (p: string) => byPath(p).handlers.map((h) => `${h.name} ${displayPath(root, h.file)}:${h.line}`);
    expect(handler('/v1/users/:id')).toEqual(['usersController.show src/controllers/users.controller.js:8']);
    expect(handler('/v1/users/:id/avatar')).toEqual(['avatars.show.bind(avatars) src/controllers/avatar.controller.js:4']);
    expect(handler('/v1/users/:id/export')).toEqual(["makeExportHandler({ format: 'csv' }) src/controllers/export.controller.js:4"]);
  });

  it('Hono: app.route() under basePath, sub-apps in other files (default-exported too)', () => {
    expect(rows(fixture('hono-layered').entries)).toEqual([
      'GET /api/admin/stats',
      'GET /api/v1/posts',
      'GET /api/v1/posts/:slug',
      'GET /api/v1/users',
      'GET /api/v1/users/:id',
    ]);
  });

  it('Fastify: @fastify/autoload folders are prefixes, after the loader options prefix', () => {
    expect(rows(fixture('fastify-autoload').entries)).toEqual(['GET /jobs', 'GET /v1/orders/items', 'GET /v1/users', 'GET /v1/users/:id']);
  });

  it('Fastify: plugins from other files registered with a prefix', () => {
    expect(rows(fixture('fastify-layered').entries)).toEqual(['GET /v1/audit/events', 'GET /v1/products', 'GET /v1/products/:id']);
  });

  it('NestJS: global prefix and URI versioning with a default version', () => {
    expect(rows(fixture('nestjs-layered').entries)).toEqual([
      'GET /api/v1/orders',
      'GET /api/v1/orders/by-user/:userId',
      'GET /api/v1/users',
      'GET /api/v1/users/:id',
      'POST /api/v1/users',
    ]);
  });

  it('Next.js: app router route files and the pages router', () => {
    expect(rows(fixture('nextjs-app').entries)).toEqual([
      'ALL /api/users/[id]',
      'DELETE /api/orders/[id]',
      'GET /api/customer/[id]',
      'GET /api/orders',
      'GET /api/orders/[id]',
      'GET /api/reports',
      'POST /api/orders',
    ]);
  });

  it('Express: a router nothing mounts keeps its own path, incomplete', () => {
    const entries = fixture('express-app').entries;
    expect(rows(entries).filter((r) => r.includes('…'))).toEqual([
      'GET …/',
      'GET …/:reportId',
      'GET …/:reportId/summary',
      'GET …/accounts',
      'GET …/accounts/:id',
      'GET …/accounts/:id/orders',
      'POST …/accounts',
      'POST …/accounts/:id/api-keys',
      'POST …/invites',
      'POST …/login',
      'POST …/signup',
    ]);
  });
});

describe('route table semantics', () => {
  it('Koa: router.use(prefix, other.routes()) across files, and the app mount', () => {
    const root = tree({
      'app.js': `const Koa = require('koa'); const Router = require('@koa/router'); const users = require('./users');
const app = new Koa(); const api = new Router({ prefix: '/api' });
api.use('/v1/users', users.routes());
app.use(api.routes());`,
      'users.js': `const Router = require('@koa/router'); const r = new Router(); r.get('/', (ctx) => { ctx.body = []; }); r.post('/:id', (ctx) => {}); module.exports = r;`,
    });
    expect(rows(table(root))).toEqual(['GET /api/v1/users', 'POST /api/v1/users/:id']);
  });

  it('Express: factory routers, app.route(), and middleware only when used before the mount', () => {
    const root = tree({
      'app.js': `const express = require('express'); const makeUsers = require('./users'); const audit = require('./audit');
const app = express();
app.use(audit);
app.use('/v1/users', makeUsers());
app.use(lateLimiter);
app.route('/v1/ping').get((req, res) => res.json({})).post((req, res) => res.json({}));
module.exports = app;`,
      'users.js': `const { Router } = require('express');
module.exports = () => { const r = Router(); r.get('/:id', (req, res) => res.json({})); return r; };`,
      'audit.js': `module.exports = (req, res, next) => next();`,
    });
    const entries = table(root);
    expect(rows(entries)).toEqual(['GET /v1/ping', 'GET /v1/users/:id', 'POST /v1/ping']);
    const users = entries.find((e) => e.paths[0]!.path === '/v1/users/:id')!;
    expect(middlewareRefs(users.paths[0]!).map((m) => m.name)).toEqual(['audit']);
  });

  it('a path-like prefix that cannot be read leaves the route incomplete, never guessed', () => {
    const root = tree({
      'app.js': `const express = require('express'); const users = require('./users'); const config = require('./config');
const app = express();
app.use(config.basePath, users);
app.use(\`\${process.env.PREFIX}/v1\`, require('./orders'));
module.exports = app;`,
      'users.js': `const r = require('express').Router(); r.get('/users', (req, res) => res.json([])); module.exports = r;`,
      'orders.js': `const r = require('express').Router(); r.get('/orders', (req, res) => res.json([])); module.exports = r;`,
      'config.js': `module.exports = { basePath: process.env.BASE };`,
    });
    const entries = table(root);
    expect(rows(entries)).toEqual(['GET …/orders', 'GET …/users']);
    expect(entries.every((e) => !e.complete)).toBe(true);
  });

  it('NestJS: no versioning enabled leaves @Version out of the URL; setGlobalPrefix(non-static) is unknown', () => {
    const plain = tree({
      'package.json': '{}',
      'main.ts': `import { NestFactory } from '@nestjs/core'; const app = await NestFactory.create(M); app.setGlobalPrefix('api'); app.enableVersioning({ type: VersioningType.HEADER, header: 'X-V' });`,
      'users.controller.ts': `import { Controller, Get, Version } from '@nestjs/common';
@Controller({ path: 'users', version: '2' }) export class U { @Get() list() { return []; } }`,
    });
    expect(rows(table(plain))).toEqual(['GET /api/users']);
    const dynamic = tree({
      'package.json': '{}',
      'main.ts': `const app = await NestFactory.create(M); app.setGlobalPrefix(process.env.PREFIX);`,
      'users.controller.ts': `import { Controller, Get } from '@nestjs/common'; @Controller('users') export class U { @Get() list() { return []; } }`,
    });
    expect(rows(table(dynamic))).toEqual(['GET …/users']);
  });

  it('an app a test file builds around a router is a harness, not a mount', () => {
    const root = tree({
      'src/app.js': `const express = require('express'); const users = require('./users'); const app = express(); app.use('/v1/users', users); module.exports = app;`,
      'src/users.js': `const r = require('express').Router(); r.get('/', (req, res) => res.json([])); module.exports = r;`,
      'test/users.test.js': `const express = require('express'); const users = require('../src/users'); const app = express(); app.use(users);`,
      'src/users.spec.js': `const express = require('express'); const users = require('./users'); const app = express(); app.use('/x', users);`,
    });
    expect(rows(table(root))).toEqual(['GET /v1/users']);
  });

  it('hostile input: self-mounting routers, mutual requires, dynamic require, unresolvable imports', () => {
    const root = tree({
      'app.js': `const express = require('express'); const a = require('./a'); const missing = require('./nope'); const dyn = require(process.env.X);
const app = express(); app.use('/v1/a', a); app.use('/v1/m', missing); app.use('/v1/d', dyn); module.exports = app;`,
      'a.js': `const r = require('express').Router(); const b = require('./b'); r.use('/b', b); r.use('/self', r); r.get('/x', (req, res) => res.json({})); module.exports = r;`,
      'b.js': `const r = require('express').Router(); const a = require('./a'); r.use('/a', a); r.get('/y', (req, res) => res.json({})); module.exports = r;`,
      'c.js': `function configure(app) { app.get('/loop', (req, res) => res.json({})); configure(app); } module.exports = configure;`,
    });
    const started = Date.now();
    const found = rows(table(root));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(found).toContain('GET /v1/a/x');
    expect(found).toContain('GET /v1/a/b/y');
    expect(found).toContain('GET …/loop');
  });

  it('nextPagesApiPath: pages/api files, index files and private files', () => {
    expect(nextPagesApiPath('/r/pages/api/users/[id].ts')).toBe('/api/users/[id]');
    expect(nextPagesApiPath('/r/src/pages/api/index.js')).toBe('/api');
    expect(nextPagesApiPath('/r/pages/api/_lib.ts')).toBeNull();
    expect(nextPagesApiPath('/r/pages/about.tsx')).toBeNull();
  });
});
