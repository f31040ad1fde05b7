import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearDriftCaches, documentDrift, driftZone } from '../../src/drift/index.js';

describe('driftZone', () => {
  const root = path.resolve('/repo');
  it('is the root for files outside skipped directories', () => {
    expect(driftZone(root, path.join(root, 'src/api/users.ts'))).toBe(root);
    expect(driftZone(root, path.join(root, 'app.js'))).toBe(root);
    expect(driftZone(root, path.resolve('/elsewhere/app.js'))).toBe(root);
  });
  it('is the innermost skipped directory on the path of a file named inside one', () => {
    expect(driftZone(root, path.join(root, 'pkg/dist/api/course/index.js'))).toBe(path.join(root, 'pkg/dist'));
    expect(driftZone(root, path.join(root, 'benchmarks/.cache/x/package/src/app.ts'))).toBe(path.join(root, 'benchmarks/.cache'));
    expect(driftZone(root, path.join(root, '.cache/x/dist/app.js'))).toBe(path.join(root, '.cache/x/dist'));
  });
});

describe('documents inside build output named on the command line', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'backlint-zone-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are paired with the routes beside them', () => {
    const api = path.join(root, 'pkg/dist/api/weather');
    mkdirSync(api, { recursive: true });
    writeFileSync(
      path.join(api, 'index.js'),
      "const express = require('express');\nconst app = express();\napp.get('/api/weather/observations', (req, res) => res.json([]));\napp.listen(3000);\n",
    );
    const doc = {
      openapi: '3.0.3',
      info: { title: 'w', version: '1' },
      servers: [{ url: '/api/weather' }],
      paths: {
        '/observations': { get: { responses: { '200': { description: 'ok' } } } },
        '/forecasts': { get: { responses: { '200': { description: 'ok' } } } },
      },
    };
    writeFileSync(path.join(api, 'openApi.json'), JSON.stringify(doc, null, 2));
    clearDriftCaches();
    const found = documentDrift(root, [path.join(api, 'openApi.json')]);
    // JSON.stringify(doc, null, 2): `"get"` of `/forecasts` on line 23, after 6 spaces.
    expect(found.map((f) => [f.kind, f.file, f.line, f.column, f.message])).toEqual([
      [
        'unimplemented-operation',
        'pkg/dist/api/weather/openApi.json',
        23,
        7,
        'Operation `GET /forecasts` is described here but no route in the code implements it (full paths `/api/weather/forecasts`).',
      ],
    ]);
  });
});

describe('locations in a JSON document', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'backlint-jsonpos-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are the operation key, on one line or after a multi-line string with escapes', () => {
    const api = path.join(root, 'pkg/dist/api/w');
    mkdirSync(api, { recursive: true });
    writeFileSync(path.join(api, 'index.js'), "const app = require('express')();\napp.get('/api/w/a', (req, res) => res.json([]));\n");
    const text =
      '{"openapi":"3.0.3","info":{"title":"t \\" {\\n","version":"1"},"servers":[{"url":"/api/w"}],\n' +
      '"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}},\r\n  "/b": {"get":{"responses":{}}, "post":{"responses":{}}}}}';
    writeFileSync(path.join(api, 'openApi.json'), text);
    clearDriftCaches();
    const found = documentDrift(root, [path.join(api, 'openApi.json')]);
    expect(found.map((f) => [f.line, f.column, f.message.slice(0, 20)])).toEqual([
      [3, 10, 'Operation `GET /b` i'],
      [3, 34, 'Operation `POST /b` '],
    ]);
  });
});

describe('operations served by other files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'backlint-elsewhere-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const app = (routes: string) => `const express = require('express');\nconst app = express();\n${routes}app.listen(3000);\n`;

  it('count in the document\'s package only', () => {
    mkdirSync(path.join(root, 'a/api'), { recursive: true });
    mkdirSync(path.join(root, 'b'), { recursive: true });
    writeFileSync(path.join(root, 'a/package.json'), '{"name":"a"}');
    writeFileSync(path.join(root, 'b/package.json'), '{"name":"b"}');
    writeFileSync(path.join(root, 'a/api/index.js'), app("app.get('/svc/info', (req, res) => res.json({}));\n"));
    writeFileSync(path.join(root, 'a/server.js'), app("app.get('/svc/status', (req, res) => res.json({}));\n"));
    writeFileSync(path.join(root, 'b/server.js'), app("app.get('/svc/other', (req, res) => res.json({}));\n"));
    const ok = { responses: { '200': { description: 'ok' } } };
    const doc = { openapi: '3.0.3', info: { title: 'a', version: '1' }, servers: [{ url: '/svc' }], paths: { '/info': { get: ok }, '/status': { get: ok }, '/other': { get: ok } } };
    writeFileSync(path.join(root, 'a/api/openApi.json'), JSON.stringify(doc, null, 2));
    clearDriftCaches();
    const found = documentDrift(root, [path.join(root, 'a/api/openApi.json')]);
    expect(found.map((f) => f.message)).toEqual(['Operation `GET /other` is described here but no route in the code implements it (full paths `/svc/other`).']);
  });
});
