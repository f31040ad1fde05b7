/**
 * The project model on small real file trees written to a temporary directory: module resolution,
 * export forms, value resolution across files, and transitive function summaries.
 */
import { symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempTrees } from '../helpers/temp-tree.js';
import '../../src/project/index.js';
import { SourceCode } from 'eslint';
import { clearProjectFiles, loadProjectFile, projectFileReads } from '../../src/project/files.js';
import { Project } from '../../src/project/modules.js';
import { clearResolutionCache, resolveModule } from '../../src/project/resolve.js';
import { clearImporterIndexes, importerIndex } from '../../src/project/mounts.js';
import { summarize } from '../../src/project/summaries.js';

beforeEach(() => {
  clearProjectFiles();
  clearResolutionCache();
});

const tree = tempTrees('backlint-project-');

describe('project files', () => {
  it("give rules ESLint's own SourceCode (taken from its module, not its whole API)", () => {
    const root = tree({ 'src/a.js': 'export const a = 1;\n' });
    const file = loadProjectFile(path.join(root, 'src/a.js'), root);
    expect(file?.sourceCode).toBeInstanceOf(SourceCode);
    expect(file?.sourceCode.lines).toEqual(['export const a = 1;', '']);
  });
});

describe('resolveModule', () => {
  it('follows relative specifiers, extensions, .js → .ts, directory indexes and package main', () => {
    const root = tree({
      'src/a.ts': '',
      'src/b.js': '',
      'src/lib/index.ts': '',
      'src/pkg/package.json': '{"main": "./main.js"}',
      'src/pkg/main.js': '',
    });
    const from = path.join(root, 'src/app.ts');
    expect(resolveModule(from, './a', root)).toBe(path.join(root, 'src/a.ts'));
    expect(resolveModule(from, './a.js', root)).toBe(path.join(root, 'src/a.ts'));
    expect(resolveModule(from, './b', root)).toBe(path.join(root, 'src/b.js'));
    expect(resolveModule(from, './lib', root)).toBe(path.join(root, 'src/lib/index.ts'));
    expect(resolveModule(from, './pkg', root)).toBe(path.join(root, 'src/pkg/main.js'));
    expect(resolveModule(from, './missing', root)).toBeNull();
    expect(resolveModule(from, 'express', root)).toBeNull();
    expect(resolveModule(from, 'node:fs', root)).toBeNull();
  });

  it('reads tsconfig paths and baseUrl through an extends chain, with comments', () => {
    const root = tree({
      'tsconfig.base.json': '{ // shared\n "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", }',
      'src/services/users.ts': '',
      'src/config.ts': '',
    });
    const from = path.join(root, 'src/routes/users.ts');
    expect(resolveModule(from, '@app/services/users', root)).toBe(path.join(root, 'src/services/users.ts'));
    expect(resolveModule(from, 'src/config', root)).toBe(path.join(root, 'src/config.ts'));
  });

  it('reads package.json imports (#x and #x/*, with conditions)', () => {
    const root = tree({
      'package.json': JSON.stringify({ imports: { '#db': { node: './src/db.js', default: './src/db.js' }, '#services/*': './src/services/*.js' } }),
      'src/db.js': '',
      'src/services/users.ts': '',
    });
    const from = path.join(root, 'src/app.js');
    expect(resolveModule(from, '#db', root)).toBe(path.join(root, 'src/db.js'));
    expect(resolveModule(from, '#services/users', root)).toBe(path.join(root, 'src/services/users.ts'));
  });

  it('never resolves outside the root or into node_modules', () => {
    const root = tree({ 'app/src/a.js': '', 'outside.js': '', 'app/node_modules/x/index.js': '' });
    const appRoot = path.join(root, 'app');
    const from = path.join(appRoot, 'src/a.js');
    expect(resolveModule(from, '../../outside', appRoot)).toBeNull();
    expect(resolveModule(from, '../node_modules/x', appRoot)).toBeNull();
    expect(resolveModule(from, path.join(root, 'outside.js'), appRoot)).toBeNull();
  });

  describe('directory listings', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('see symlinks as what they point to, and a directory named like a module as a directory', () => {
      const root = tree({ 'src/real.js': '', 'src/lib/index.js': '', 'src/a.js/index.ts': '' });
      symlinkSync(path.join(root, 'src/real.js'), path.join(root, 'src/link.js'));
      symlinkSync(path.join(root, 'src/lib'), path.join(root, 'src/linked-lib'));
      symlinkSync(path.join(root, 'src/gone.js'), path.join(root, 'src/dangling.js'));
      const from = path.join(root, 'src/app.js');
      expect(resolveModule(from, './link', root)).toBe(path.join(root, 'src/link.js'));
      expect(resolveModule(from, './linked-lib', root)).toBe(path.join(root, 'src/linked-lib/index.js'));
      expect(resolveModule(from, './dangling', root)).toBeNull();
      expect(resolveModule(from, './a.js', root)).toBe(path.join(root, 'src/a.js/index.ts'));
    });

    it('notice a file created later, once the directory changed (a long-lived editor process)', () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const root = tree({ 'src/a.js': '' });
      const from = path.join(root, 'src/app.js');
      expect(resolveModule(from, './a', root)).toBe(path.join(root, 'src/a.js'));
      writeFileSync(path.join(root, 'src/b.js'), '');
      const later = new Date(Date.now() + 5000);
      utimesSync(path.join(root, 'src'), later, later);
      vi.setSystemTime(Date.now() + 1500);
      expect(resolveModule(from, './b', root)).toBe(path.join(root, 'src/b.js'));
    });
  });
});

describe('importerIndex', () => {
  it('finds importers however the specifier names the file: extensions, folders, package main, aliases, #imports, "."', () => {
    clearImporterIndexes();
    const root = tree({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@config': ['src/settings/index.ts'], '@app/*': ['src/*'] } } }),
      'package.json': JSON.stringify({ imports: { '#db': './src/lib/database.ts' } }),
      'src/services/users.ts': "import { db } from '#db';\nexport const list = () => db.select();\n",
      'src/services/index.ts': "export * from './users.js';\n",
      'src/settings/index.ts': 'export const port = 3000;\n',
      'src/lib/database.ts': 'export const db = {};\n',
      'src/vendor/pkg/package.json': JSON.stringify({ main: 'lib/entry.js' }),
      'src/vendor/pkg/lib/entry.js': 'module.exports = {};\n',
      'src/app.ts': "import { port } from '@config';\nimport * as services from './services';\nimport users from '@app/services/users';\nimport pkg from './vendor/pkg';\nexport { port, services, users, pkg };\n",
      'src/settings/extra.ts': "import { port } from '.';\nexport const p = port;\n",
      'src/unrelated.ts': "import x from 'lodash';\nconst m = new Map();\nm.get('users');\n",
    });
    const index = importerIndex(root);
    const at = (rel: string) => path.join(root, rel);
    expect([...index.get(at('src/services/users.ts'))!].sort()).toEqual([at('src/app.ts'), at('src/services/index.ts')]);
    expect(index.get(at('src/services/index.ts'))).toEqual([at('src/app.ts')]);
    expect([...index.get(at('src/settings/index.ts'))!].sort()).toEqual([at('src/app.ts'), at('src/settings/extra.ts')]);
    expect(index.get(at('src/lib/database.ts'))).toEqual([at('src/services/users.ts')]);
    expect(index.get(at('src/vendor/pkg/lib/entry.js'))).toEqual([at('src/app.ts')]);
    expect(index.get(at('src/unrelated.ts'))).toBeUndefined();
  });

  it('leaves out build output and minified bundles (front-end assets shipped beside the server)', () => {
    clearImporterIndexes();
    const longLine = `${'x'.repeat(12_000)}\n`;
    const root = tree({
      'src/services/users.js': 'module.exports = { list() {} };\n',
      'src/routes.js': "const users = require('./services/users');\nmodule.exports = users;\n",
      'core/built/assets/chunk-1a2b3c4d.js': "require('../../../src/services/users');\n",
      'public/app.min.js': `require('../src/services/users');${longLine}`,
      // Long, but with lines of ordinary length: source, kept.
      'src/big.js': `require('./services/users');\n${'const a = 1;\n'.repeat(2_000)}`,
    });
    const index = importerIndex(root);
    const at = (rel: string) => path.join(root, rel);
    expect([...index.get(at('src/services/users.js'))!].sort()).toEqual([at('src/big.js'), at('src/routes.js')]);
  });
});

describe('Project values and exports', () => {
  it('resolves CommonJS and ESM export forms to functions', () => {
    const root = tree({
      'cjs-object.js': 'function a() {}\nconst b = () => 1;\nmodule.exports = { a, b, c() {} };',
      'cjs-named.js': 'exports.x = function () {};\nmodule.exports.y = () => 2;',
      'esm.ts': 'export function f() {}\nexport const g = () => 1;\nconst h = function () {};\nexport { h as renamed };\nexport default class Svc { run() {} }',
      'barrel.ts': "export * from './esm';\nexport { a as fromCjs } from './cjs-object';\nexport * as ns from './cjs-named';",
      'ts-equals.ts': 'function z() {}\nexport = z;',
    });
    const p = new Project(root);
    const file = (rel: string) => p.file(path.join(root, rel))!;
    const kind = (v: ReturnType<Project['exported']>) => v?.kind ?? null;
    expect(kind(p.exported(file('cjs-object.js'), 'a'))).toBe('function');
    expect(kind(p.exported(file('cjs-object.js'), 'c'))).toBe('function');
    expect(kind(p.exported(file('cjs-named.js'), 'x'))).toBe('function');
    expect(kind(p.exported(file('cjs-named.js'), 'y'))).toBe('function');
    expect(kind(p.exported(file('esm.ts'), 'renamed'))).toBe('function');
    expect(kind(p.exported(file('esm.ts'), 'default'))).toBe('class');
    expect(kind(p.exported(file('barrel.ts'), 'g'))).toBe('function');
    expect(kind(p.exported(file('barrel.ts'), 'fromCjs'))).toBe('function');
    expect(kind(p.exported(file('barrel.ts'), 'ns'))).toBe('module');
    expect(kind(p.exported(file('ts-equals.ts'), 'default'))).toBe('function');
    expect(p.exported(file('esm.ts'), 'nope')).toBeNull();
  });

  it('survives import cycles, dynamic require, unresolvable imports and broken files', () => {
    const root = tree({
      'a.js': "const b = require('./b');\nmodule.exports = b;",
      'b.js': "const a = require('./a');\nmodule.exports = a;",
      'dyn.js': 'const m = require(process.env.X);\nmodule.exports = m.run;',
      'missing.js': "module.exports = require('./nowhere').x;",
      'broken.js': 'module.exports = function ( {',
    });
    const p = new Project(root);
    // The cycle ends at a module object, not in a hang or a stack overflow.
    expect(p.exported(p.file(path.join(root, 'a.js'))!, 'default')?.kind).toBe('module');
    expect(p.member(p.exported(p.file(path.join(root, 'a.js'))!, 'default')!, 'anything')).toBeNull();
    expect(p.exported(p.file(path.join(root, 'dyn.js'))!, 'default')).toBeNull();
    expect(p.exported(p.file(path.join(root, 'missing.js'))!, 'default')).toBeNull();
    expect(p.file(path.join(root, 'broken.js'))).toBeNull();
  });

  it('never reads a file whose real path is outside the root', () => {
    const root = tree({ 'app/index.js': '', 'secret.js': 'module.exports = function leak() {};' });
    symlinkSync(path.join(root, 'secret.js'), path.join(root, 'app/link.js'));
    const p = new Project(path.join(root, 'app'));
    expect(p.file(path.join(root, 'app/link.js'))).toBeNull();
    expect(p.file(path.join(root, 'secret.js'))).toBeNull();
  });

  it('looks for a name behind `export *` only in the modules that export it, and follows edits to any of them', () => {
    // More modules than the file cache keeps: the trees of the first ones are gone by the end.
    const files: Record<string, string> = { 'index.ts': '' };
    for (let i = 0; i < 60; i++) {
      files['index.ts'] += `export * from './m${i}';\n`;
      files[`m${i}.ts`] = `export function f${i}() {}`;
    }
    const root = tree(files);
    const p = new Project(root);
    const index = path.join(root, 'index.ts');
    expect(p.exported(p.file(index)!, 'f59')?.kind).toBe('function');
    // A second name: the modules before it are ruled out by their names, not parsed again.
    const before = projectFileReads();
    const f58 = p.exported(p.file(index)!, 'f58');
    expect(f58?.kind === 'function' && f58.file.path).toBe(path.join(root, 'm58.ts'));
    expect(projectFileReads() - before).toBeLessThanOrEqual(2);
    // Moved to another module: the remembered answer is checked against every file it read.
    writeFileSync(path.join(root, 'm58.ts'), 'export function g() {}');
    writeFileSync(path.join(root, 'm3.ts'), 'export function f3() {}\nexport function f58() {}');
    for (const f of ['m58.ts', 'm3.ts']) utimesSync(path.join(root, f), new Date(), new Date(Date.now() + 5000));
    const moved = p.exported(p.file(index)!, 'f58');
    expect(moved?.kind === 'function' && moved.file.path).toBe(path.join(root, 'm3.ts'));
  });

  it('keeps a small window of parsed files that grows when dropped files are asked for again', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`m${i}.js`] = `module.exports = { f${i}() {} };\n`;
    const root = tree(files);
    const load = (i: number) => loadProjectFile(path.join(root, `m${i}.js`), root);
    const parsesFor = (ids: number[]) => {
      const before = projectFileReads();
      for (const i of ids) load(i);
      return projectFileReads() - before;
    };
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
    // Sixteen files are held: asking for them again parses nothing.
    expect(parsesFor(range(0, 16))).toBe(16);
    expect(parsesFor(range(0, 16))).toBe(0);
    // A seventeenth drops the oldest; asking for it again parses it, and widens the window by one.
    expect(parsesFor([16])).toBe(1);
    expect(parsesFor([0])).toBe(1);
    expect(parsesFor(range(0, 17))).toBe(0); // all seventeen fit now
    // Without a miss on a dropped file the window does not grow: 17 and 18 push 1 and 2 out.
    expect(parsesFor([17, 18])).toBe(2);
    expect(parsesFor(range(3, 19))).toBe(0);
    // A project that walks the same files over and over ends up holding them all (up to 96).
    for (let round = 0; round < 30; round++) parsesFor(range(0, 40));
    expect(parsesFor(range(0, 40))).toBe(0);
  });

  it('re-reads a file when its mtime or size changes', () => {
    const root = tree({ 'm.js': 'module.exports = { a() {} };' });
    const p = new Project(root);
    const abs = path.join(root, 'm.js');
    expect(p.exported(p.file(abs)!, 'b')).toBeNull();
    writeFileSync(abs, 'module.exports = { a() {}, b() {} };');
    utimesSync(abs, new Date(), new Date(Date.now() + 5000));
    expect(p.exported(p.file(abs)!, 'b')?.kind).toBe('function');
  });
});

describe('summaries', () => {
  const layered = {
    'routes.js': [
      "const users = require('./controllers/users');",
      "const { UsersController } = require('./controllers/nest');",
      'module.exports = { list: users.list, factory: users.makeHandler(), nest: UsersController };',
    ].join('\n'),
    'controllers/users.js': [
      "const svc = require('../services/users');",
      'exports.list = async (req, res) => res.json(await svc.all());',
      'exports.makeHandler = () => async (req, res) => { await svc.touch(req.params.id); res.end(); };',
    ].join('\n'),
    'controllers/nest.ts': [
      "import { UsersService } from '../services/users.service';",
      'export class UsersController {',
      '  constructor(private readonly usersService: UsersService) {}',
      '  findAll() { return this.usersService.findAll(); }',
      '}',
    ].join('\n'),
    'services/users.js': [
      "const repo = require('../repositories/users');",
      'class UsersService { all() { return repo.findAll(); } touch(id) { return helper(id); } }',
      'function helper(id) { return repo.touch(id); }',
      'module.exports = new UsersService();',
    ].join('\n'),
    'services/users.service.ts': [
      "import { db } from '../lib/db';",
      'export class UsersService { findAll() { return db("users").select("*"); } }',
    ].join('\n'),
    'repositories/users.js': [
      "const knex = require('knex')({ client: 'pg' });",
      "exports.findAll = () => knex('users').select('*');",
      "exports.touch = (id) => knex('users').where({ id }).update({ seen: new Date() });",
    ].join('\n'),
    'lib/db.ts': "import knex from 'knex';\nexport const db = knex({ client: 'pg' });",
    'cycle.js': "function a(n) { return n ? b(n - 1) : require('fs').readFileSync('x'); }\nfunction b(n) { return a(n); }\nmodule.exports = { a };",
  };

  function effects(root: string, rel: string, name: string, member?: string) {
    const p = new Project(root);
    let v = p.exported(p.file(path.join(root, rel))!, name);
    if (member && v) v = p.member(v, member);
    if (v?.kind === 'class') v = p.member({ kind: 'instance', file: v.file, node: v.node }, 'findAll');
    expect(v?.kind).toBe('function');
    if (v?.kind !== 'function') return {};
    const s = summarize(p, v.file, v.node);
    return Object.fromEntries([...s.effects].map(([k, e]) => [k, `${e.hops.map((h) => `${h.label}@${path.relative(root, h.file)}:${h.line}`).join(' > ')} : ${e.what}`]));
  }

  it('follows handler → service instance → repository, with one hop per function', () => {
    const root = tree(layered);
    expect(effects(root, 'routes.js', 'list')).toEqual({
      query: 'svc.all@services/users.js:2 > repo.findAll@repositories/users.js:2 : knex select',
      'unbounded-list': 'svc.all@services/users.js:2 > repo.findAll@repositories/users.js:2 : knex select',
    });
  });

  it('follows a handler factory and same-file helpers of another file', () => {
    const root = tree(layered);
    expect(effects(root, 'routes.js', 'factory')['db-write']).toBe(
      'svc.touch@services/users.js:2 > helper@services/users.js:3 > repo.touch@repositories/users.js:3 : knex update',
    );
  });

  it('follows NestJS constructor injection and a DB client exported by another module', () => {
    const root = tree(layered);
    expect(effects(root, 'routes.js', 'nest')['unbounded-list']).toBe('this.usersService.findAll@services/users.service.ts:2 : knex select');
  });

  it('answers a second caller from the callee summary, without parsing the callee file again', () => {
    const files: Record<string, string> = {
      ...layered,
      'jobs/a.js': "const repo = require('../repositories/users');\nexports.run = () => repo.touch(1);",
      'jobs/b.js': "const repo = require('../repositories/users');\nexports.run = () => repo.touch(2);",
    };
    // More files than the cache keeps, read in between: the repository's tree is gone by then.
    for (let i = 0; i < 40; i++) files[`other/f${i}.js`] = `exports.f = () => ${i};`;
    const root = tree(files);
    const first = effects(root, 'jobs/a.js', 'run');
    const p = new Project(root);
    for (let i = 0; i < 40; i++) p.file(path.join(root, `other/f${i}.js`));
    const before = projectFileReads();
    const second = effects(root, 'jobs/b.js', 'run');
    expect(projectFileReads() - before).toBe(1);
    expect(second['db-write']).toBe('repo.touch@repositories/users.js:3 : knex update');
    expect(first['db-write']).toBe(second['db-write']);
  });

  it('answers the same whichever function was asked first (the depth limit and cycles do not leak between questions)', () => {
    // h0 → h1 → … → h6 → a write: six calls deep, one more than MAX_SUMMARY_DEPTH from h0.
    const files: Record<string, string> = { 'h6.js': "const knex = require('knex')({ client: 'pg' });\nexports.run = () => knex('t').update({ a: 1 });" };
    for (let i = 5; i >= 0; i--) files[`h${i}.js`] = `const next = require('./h${i + 1}');\nexports.run = () => next.run();`;
    // A cycle whose inner function is asked about first: y's answer must not be the one it had
    // while x was open.
    files['cyc.js'] = "const fs = require('fs');\nfunction x(n) { return n ? y(n) : 0; }\nfunction y(n) { fs.readFileSync('f'); return x(n - 1); }\nmodule.exports = { x, y };";
    const ask = (order: string[]) => {
      clearProjectFiles();
      const root = tree(files);
      return order.map((rel) => {
        const [file, name] = rel.split(':') as [string, string];
        const e = effects(root, file, name);
        return `${rel} ${Object.keys(e).sort().join(',')}`;
      });
    };
    const deepFirst = ask(['h1.js:run', 'h0.js:run', 'cyc.js:x', 'cyc.js:y']);
    const shallowFirst = ask(['h0.js:run', 'h1.js:run', 'cyc.js:y', 'cyc.js:x']);
    expect(deepFirst.sort()).toEqual(shallowFirst.sort());
    // h1 reaches the write (5 calls), h0 does not (6): the limit, applied the same both ways.
    expect(deepFirst).toContain('h1.js:run db-write,query');
    expect(deepFirst).toContain('h0.js:run ');
    expect(deepFirst).toContain('cyc.js:x sync-io');
    expect(deepFirst).toContain('cyc.js:y sync-io');
  });

  it('is cycle-safe', () => {
    const root = tree(layered);
    expect(effects(root, 'cycle.js', 'a')['sync-io']).toBe(' : fs.readFileSync');
  });
});

describe('mount chains', () => {
  it('follows routers mounted in other files, with full prefixes and mount-point middleware', async () => {
    const { getRouteModel } = await import('../../src/analysis/routes.js');
    const { mountChains, clearImporterIndexes } = await import('../../src/project/mounts.js');
    clearImporterIndexes();
    const root = tree({
      'src/server.js': [
        "const express = require('express');",
        "const rateLimit = require('express-rate-limit');",
        "const api = require('./api');",
        'const app = express();',
        'app.use(helmet());',
        "app.use('/api', rateLimit({ limit: 5 }), api);",
        'app.listen(3000);',
      ].join('\n'),
      'src/api.js': [
        "const { Router } = require('express');",
        "import auth from './auth';",
        'const api = Router();',
        "api.use('/v2/auth', auth);",
        'module.exports = api;',
      ].join('\n'),
      'src/auth.js': [
        "import express from 'express';",
        'const router = express.Router();',
        "router.post('/login', (req, res) => res.end());",
        'export default router;',
      ].join('\n'),
      'src/koa.js': [
        "const Router = require('@koa/router');",
        "const users = require('./koa-users');",
        'const root = new Router();',
        "root.use('/users', users.routes());",
        'module.exports = root;',
      ].join('\n'),
      'src/koa-users.js': "const Router = require('@koa/router');\nconst r = new Router();\nr.get('/', (ctx) => {});\nmodule.exports = r;",
    });
    const p = new Project(root);
    const auth = p.file(path.join(root, 'src/auth.js'))!;
    const route = getRouteModel(auth.context).routes[0]!;
    const chains = mountChains(p, auth, route.router!);
    expect(chains.map((c) => [c.prefix, c.complete, c.mounts.map((m) => path.relative(root, m.file.path))])).toEqual([
      ['/api/v2/auth', true, ['src/api.js', 'src/server.js']],
    ]);
    expect(chains[0]!.middleware.map((m) => m.file.sourceCode.getText(m.node))).toEqual(['helmet()', 'rateLimit({ limit: 5 })']);

    const koaUsers = p.file(path.join(root, 'src/koa-users.js'))!;
    const koaChains = mountChains(p, koaUsers, getRouteModel(koaUsers.context).routes[0]!.router!);
    expect(koaChains.map((c) => [c.prefix, c.complete])).toEqual([['/users', false]]);
  });
});
