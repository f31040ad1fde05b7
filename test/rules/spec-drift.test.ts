/**
 * backlint/spec-drift through lint() on small projects written to a temporary directory: both
 * faces (the ESLint rule's code side and pipeline stage 4b's document side) over real files, for
 * the frameworks the sample apps do not cover (Hono, Koa) and for pairing, ignores and hostile
 * documents. The four kinds on Express, NestJS and Fastify are the e2e fixtures (fixtures/drift-*).
 */
import { describe, expect, it } from 'vitest';
import { tempTrees } from '../helpers/temp-tree.js';
import { lint } from '../../src/index.js';


const project = tempTrees('backlint-drift-');

async function drift(dir: string, config?: object): Promise<string[]> {
  const report = await lint({ cwd: dir, paths: ['.'], ...(config ? { config } : {}) });
  return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/spec-drift').map((x) => `${f.file}:${x.line} ${x.message}`));
}

function doc(paths: string, extra = ''): string {
  return `openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n${extra}paths:\n${paths}`;
}

const ITEMS = `  /items:
    get:
      responses:
        '200':
          description: ok
    post:
      responses:
        '201':
          description: created
  /items/{id}:
    delete:
      responses:
        '200':
          description: deleted
`;

describe('spec-drift', () => {
  it('Hono: c.json(x, 409) and the implicit 200 of c.json(x) against the operation', async () => {
    const dir = project({
      'openapi.yaml': doc(ITEMS),
      'src/app.ts': [
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        "app.get('/items', (c) => c.json([]));",
        "app.post('/items', async (c) => {",
        '  const body = await c.req.json();',
        "  if (!body) return c.json({ error: 'conflict' }, 409);",
        '  return c.json(body);',
        '});',
        "app.delete('/items/:id', (c) => c.json({ ok: true }));",
        'export default app;',
        '',
      ].join('\n'),
    });
    expect(await drift(dir)).toEqual([
      'src/app.ts:6 `c.json` answers 409 for `POST /items`, but its operation `POST /items` in openapi.yaml:11 (#/paths/~1items/post) does not list 409, a 4XX range or `default`.',
      'src/app.ts:7 `c.json(…)` answers 200 for `POST /items`, but its operation `POST /items` in openapi.yaml:11 (#/paths/~1items/post) does not list 200, a 2XX range or `default`.',
    ]);
  });

  it('Koa: ctx.status = 204 and an undocumented route; the document side names the operation no route serves', async () => {
    const dir = project({
      'api/openapi.yaml': doc(ITEMS + `  /reports:\n    get:\n      responses:\n        '200':\n          description: ok\n`),
      'src/routes.js': [
        "const Router = require('@koa/router');",
        'const router = new Router();',
        "router.get('/items', (ctx) => { ctx.body = []; });",
        "router.post('/items', (ctx) => { ctx.status = 201; ctx.body = ctx.request.body; });",
        "router.delete('/items/:id', (ctx) => { ctx.status = 204; });",
        "router.get('/items/:id/history', (ctx) => { ctx.body = []; });",
        'module.exports = router;',
        '',
      ].join('\n'),
      'src/app.js': "const Koa = require('koa');\nconst router = require('./routes');\nconst app = new Koa();\napp.use(router.routes());\nmodule.exports = app;\n",
    });
    expect(await drift(dir)).toEqual([
      'api/openapi.yaml:21 Operation `GET /reports` is described here but no route in the code implements it (full paths `/reports`).',
      'src/routes.js:5 `ctx.status` answers 204 for `DELETE /items/:id`, but its operation `DELETE /items/{id}` in api/openapi.yaml:16 (#/paths/~1items~1{id}/delete) does not list 204, a 2XX range or `default`.',
      'src/routes.js:6 Route `GET /items/:id/history` is not described in api/openapi.yaml: no operation with this method and path. Document it, or remove the route if it should not be public.',
    ]);
  });

  it('x-backlint-ignore on an operation takes it out of the comparison', async () => {
    const dir = project({
      'openapi.yaml': doc(`  /items:\n    get:\n      responses:\n        '200':\n          description: ok\n  /legacy:\n    x-backlint-ignore: [spec-drift]\n    get:\n      responses:\n        '200':\n          description: ok\n`),
      'app.js': "const express = require('express');\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\nmodule.exports = app;\n",
    });
    expect(await drift(dir)).toEqual([]);
  });

  it('a document that shares no route with the code is not its description; a configured pair is checked anyway', async () => {
    const files = {
      'docs/other-service.yaml': doc(`  /billing:\n    get:\n      responses:\n        '200':\n          description: ok\n`),
      'app.js': "const express = require('express');\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\nmodule.exports = app;\n",
    };
    expect(await drift(project(files))).toEqual([]);
    const configured = await drift(project(files), { drift: [{ spec: 'docs/other-service.yaml', code: ['*.js'], prefix: '/api' }] });
    expect(configured).toEqual([
      'app.js:3 Route `GET /items` is not described in docs/other-service.yaml: no operation with this method and path. Document it, or remove the route if it should not be public.',
      'docs/other-service.yaml:7 Operation `GET /billing` is described here but no route in the code implements it (full paths `/api/billing`).',
    ]);
  });

  it('path items kept in other files: no route is called undocumented', async () => {
    const dir = project({
      'openapi.yaml': doc(`  /items:\n    get:\n      responses:\n        '200':\n          description: ok\n  /orders:\n    $ref: './paths/orders.yaml'\n`),
      'paths/orders.yaml': "get:\n  responses:\n    '200':\n      description: ok\n",
      'app.js': "const express = require('express');\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\napp.get('/orders', (req, res) => res.json([]));\nmodule.exports = app;\n",
    });
    expect(await drift(dir)).toEqual([]);
  });

  it('a broken or hostile document never crashes the run or costs other findings', async () => {
    const dir = project({
      'openapi.yaml': 'openapi: 3.0.3\npaths: [unclosed\n  - : :\n',
      'deep.json': `{"openapi":"3.0.3","paths":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      'app.js': "const express = require('express');\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\nmodule.exports = app;\n",
    });
    const report = await lint({ cwd: dir, paths: ['.'] });
    expect(report.files.map((f) => f.file).sort()).toEqual(['app.js', 'deep.json', 'openapi.yaml']);
    expect(report.files.flatMap((f) => f.findings).filter((x) => x.ruleId === 'backlint/spec-drift')).toEqual([]);
    expect(report.files.find((f) => f.file === 'openapi.yaml')!.findings.length).toBeGreaterThan(0);
  });
});
