import { describe, expect, it } from 'vitest';
import { anchorRoutes, checkDrift, type CodeRoute } from '../../src/drift/check.js';
import { documentOperations, serverPathPrefix, statusDocumented } from '../../src/drift/document.js';
import { pairDocuments, referencedDocuments } from '../../src/drift/pairing.js';
import { codeTemplate, covers, documentTemplate, exactMatch, mayServe } from '../../src/drift/match.js';

function route(method: string, fullPath: string | null, line: number, statuses: CodeRoute['statuses'] = [], ownPath = fullPath ?? '/'): CodeRoute {
  return { method, fullPath, ownPath, file: 'src/app.js', line, column: 1, statuses };
}

const doc = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  servers: [{ url: 'https://api.example.com/api/{version}', variables: { version: { default: 'v1' } } }],
  paths: {
    '/users': { get: { responses: { '200': { description: 'ok' } } }, post: { responses: { '201': { description: 'c' }, '4XX': { description: 'e' } } } },
    '/users/{userId}': { get: { responses: { '200': { description: 'ok' }, default: { description: 'e' } } }, delete: { responses: { '204': { description: 'd' } } } },
    '/users/{userId}/avatar/{size}': { get: { responses: { '200': { description: 'ok' } } } },
    '/reports': { get: { responses: { '200': { description: 'ok' } } } },
  },
};

describe('path templates', () => {
  it('treats :id, {id} and [id] alike, ignores trailing slashes and case, flags patterns as dynamic', () => {
    expect(exactMatch(codeTemplate('/Users/:id/'), documentTemplate('/users/{userId}'))).toBe(true);
    expect(exactMatch(codeTemplate('/users/[id]'), documentTemplate('/users/{id}'))).toBe(true);
    expect(codeTemplate('/files/*').dynamic).toBe(true);
    expect(codeTemplate('/users/:id?').dynamic).toBe(true);
    expect(codeTemplate('/docs/[...slug]').dynamic).toBe(true);
    expect(codeTemplate('/users/:id(\\d+)').dynamic).toBe(false);
    expect(covers(codeTemplate('/users/me'), documentTemplate('/users/{id}'))).toBe(true);
    expect(exactMatch(codeTemplate('/users/me'), documentTemplate('/users/{id}'))).toBe(false);
    expect(mayServe(codeTemplate('/:id'), documentTemplate('/api/v1/users/{x}'), false)).toBe(true);
    expect(mayServe(codeTemplate('/orders'), documentTemplate('/api/v1/users'), false)).toBe(false);
  });

  it('reads server prefixes: variables by default, full URLs, relative and unresolvable ones', () => {
    expect(serverPathPrefix('https://api.example.com/api/{v}', { v: { default: 'v2' } })).toBe('/api/v2');
    expect(serverPathPrefix('https://api.example.com', undefined)).toBe('/');
    expect(serverPathPrefix('/api', undefined)).toBe('/api');
    expect(serverPathPrefix('{base}/x', {})).toBe(null);
    expect(serverPathPrefix('v1', undefined)).toBe(null);
  });

  it('knows ranges and default', () => {
    expect(statusDocumented(['200', '4XX'], 404)).toBe(true);
    expect(statusDocumented(['200'], 404)).toBe(false);
    expect(statusDocumented(['default'], 500)).toBe(true);
  });
});

describe('checkDrift', () => {
  const operations = documentOperations(doc);
  const locate = (op: { path: string; method: string }) => ({ line: Object.keys(doc.paths).indexOf(op.path) * 10 + (op.method === 'get' ? 1 : 2), column: 5 });

  it('reports each of the four kinds once, on the right side', () => {
    const found = checkDrift({
      documentFile: 'openapi.yaml',
      locate,
      operations,
      routes: [
        route('get', '/api/v1/users', 1),
        route('post', '/api/v1/users', 2, [{ code: 409, file: 'src/users.js', line: 30, column: 3, how: 'res.status(409)' }]),
        route('get', '/api/v1/users/:id', 3, [{ code: 404, file: 'src/users.js', line: 40, column: 3, how: 'res.status(404)' }]),
        route('delete', '/api/v1/users/:id', 4, [{ code: 404, file: 'src/users.js', line: 50, column: 3, how: 'res.sendStatus(404)' }]),
        route('get', '/api/v1/users/:id/avatar/large', 5),
        route('get', '/api/v1/health', 6),
      ],
    });
    expect(found.map((f) => [f.kind, f.file, f.line])).toEqual([
      ['param-count', 'src/app.js', 5],
      ['undocumented-route', 'src/app.js', 6],
      ['undocumented-status', 'src/users.js', 50],
      ['unimplemented-operation', 'openapi.yaml', 31],
    ]);
    expect(found[2]!.message).toBe('`res.sendStatus(404)` answers 404 for `DELETE /api/v1/users/:id`, but its operation `DELETE /users/{userId}` in openapi.yaml:12 (#/paths/~1users~1{userId}/delete) does not list 404, a 4XX range or `default`.');
    expect(found[3]!.message).toBe('Operation `GET /reports` is described here but no route in the code implements it (full paths `/api/v1/reports`).');
  });

  it('reports a status site reached from several routes once, naming how many operations miss it', () => {
    const site = { code: 418, file: 'src/users.service.js', line: 7, column: 5, how: 'new TeapotError' };
    const found = checkDrift({
      documentFile: 'openapi.yaml',
      locate,
      operations,
      routes: [route('get', '/api/v1/users', 1, [site]), route('get', '/api/v1/users/:id', 2, [site]), route('get', '/api/v1/reports', 3, [site])],
    });
    expect(found.filter((f) => f.kind === 'undocumented-status').map((f) => f.message)).toEqual([
      '`new TeapotError` answers 418 for `GET /api/v1/users`, but its operation `GET /users` in openapi.yaml:1 (#/paths/~1users/get) does not list 418, a 4XX range or `default` (and 1 more operation reached from here).',
    ]);
  });

  it('says nothing about undocumented routes when the document keeps paths in other files', () => {
    const found = checkDrift({ documentFile: 'openapi.yaml', locate, operations, routes: [route('get', '/api/v1/health', 1)], documentIncomplete: true });
    expect(found.filter((f) => f.side === 'code')).toEqual([]);
  });

  it('never reports routes with unknown prefixes or dynamic paths, and lets them serve operations', () => {
    const found = checkDrift({
      documentFile: 'openapi.yaml',
      locate,
      operations,
      routes: [route('get', null, 1, [], '/reports'), route('get', '/api/v1/users/*', 2), route('get', null, 3, [], '/nothing-like-it')],
    });
    // GET /reports by the prefix-unknown route; every GET under /api by the wildcard.
    expect(found.map((f) => f.kind)).toEqual(['unimplemented-operation', 'unimplemented-operation']);
    expect(found.map((f) => f.message.split('`')[1])).toEqual(['POST /users', 'DELETE /users/{userId}']);
  });
});

describe('pairDocuments', () => {
  const root = '/repo';
  const routeFiles = ['/repo/services/a/src/routes.js', '/repo/services/b/src/app.js', '/repo/src/app.js'];

  it('pairs each document with the routes under its nearest directory holding any, and skips referenced parts', () => {
    const pairs = pairDocuments({
      root,
      documents: ['/repo/services/a/openapi.yaml', '/repo/docs/openapi.yaml', '/repo/docs/paths/users.yaml', '/repo/services/c/openapi.yaml'],
      routeFiles,
      referenced: new Set(['/repo/docs/paths/users.yaml']),
    });
    expect(pairs).toEqual([
      { document: '/repo/services/a/openapi.yaml', code: ['/repo/services/a/src/routes.js'], scope: '/repo/services/a' },
      { document: '/repo/docs/openapi.yaml', code: ['/repo/src/app.js'], scope: '/repo' },
      // services/c has no code: its nearest directory with routes is services/, where only b's
      // routes are not claimed by a nearer document (whether it really describes b is decided by
      // the overlap check in the pipeline).
      { document: '/repo/services/c/openapi.yaml', code: ['/repo/services/b/src/app.js'], scope: '/repo/services' },
    ]);
  });

  it('uses only the configured pairs when the config names any', () => {
    const pairs = pairDocuments({ root, documents: [], routeFiles, config: { baseDir: root, drift: [{ spec: 'api.yaml', code: ['services/b/**'], prefix: '/v2' }] } });
    expect(pairs).toEqual([{ document: '/repo/api.yaml', code: ['/repo/services/b/src/app.js'], prefix: '/v2', scope: '/repo' }]);
  });

  it('finds referenced documents by their name on a $ref line', () => {
    const texts: Record<string, string> = { '/r/openapi.yaml': "paths:\n  /u:\n    $ref: './paths/users.yaml'\n", '/r/paths/users.yaml': 'get: {}\n' };
    expect([...referencedDocuments(Object.keys(texts), (f) => texts[f])]).toEqual(['/r/paths/users.yaml']);
  });
});

describe('routes whose own path carries the server prefix', () => {
  const anchoredDoc = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    servers: [{ url: '/signalk/v2/api/weather' }],
    paths: {
      '/observations': { get: { responses: { '200': { description: 'ok' } } } },
      '/forecasts/daily': { get: { responses: { '200': { description: 'ok' } } } },
    },
  };
  const operations = documentOperations(anchoredDoc);
  const locate = () => ({ line: 1, column: 1 });

  it('are compared by their own path when their mount is unknown (`this.app.get(`${API}/x`)`)', () => {
    const found = checkDrift({
      documentFile: 'openApi.json',
      locate,
      operations,
      routes: [
        route('get', null, 1, [{ code: 404, file: 'src/app.js', line: 9, column: 1, how: 'res.status' }], '/signalk/v2/api/weather/observations'),
        route('get', null, 2, [], '/signalk/v2/api/weather/forecasts'),
        route('get', null, 3, [], '/signalk/v2/api/weather'),
      ],
    });
    expect(found.map((f) => [f.kind, f.line])).toEqual([
      ['undocumented-route', 2],
      ['undocumented-route', 3],
      ['undocumented-status', 9],
      ['unimplemented-operation', 1],
    ]);
    expect(found[0]!.message).toBe('Route `GET /signalk/v2/api/weather/forecasts` is not described in openApi.json: no operation with this method and path. Document it, or remove the route if it should not be public.');
    expect(anchorRoutes([route('get', null, 1, [], '/signalk/v2/api/weather/observations')], operations)[0]!.fullPath).toBe('/signalk/v2/api/weather/observations');
  });

  it('stay unknown when the own path does not begin with the prefix, is dynamic, or the prefix is the root', () => {
    const routes = [route('get', null, 1, [], '/observations'), route('get', null, 2, [], '/signalk/v2/api/weather/*'), route('get', null, 3, [], '/signalk/v2/other')];
    expect(anchorRoutes(routes, operations).map((r) => r.fullPath)).toEqual([null, null, null]);
    expect(checkDrift({ documentFile: 'openApi.json', locate, operations, routes })).toEqual([]);
    const rootOps = documentOperations({ ...anchoredDoc, servers: [{ url: 'https://example.com' }] });
    expect(anchorRoutes([route('get', null, 1, [], '/signalk/v2/api/weather/forecasts')], rootOps)[0]!.fullPath).toBe(null);
  });
});

describe('a route parameter the document spells out value by value', () => {
  const enumDoc = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/course/activeRoute/nextPoint': { put: { responses: { '200': { description: 'ok' }, '400': { description: 'bad' } } } },
      '/course/activeRoute/reverse': { put: { responses: { '200': { description: 'ok' }, '403': { description: 'no' } } } },
      '/users/{id}': { get: { responses: { '200': { description: 'ok' } } } },
      '/users/me': { get: { responses: { '200': { description: 'ok' } } } },
      '/orders/open': { get: { responses: { '200': { description: 'ok' } } } },
    },
  };
  const operations = documentOperations(enumDoc);
  const locate = (op: { path: string }) => ({ line: Object.keys(enumDoc.paths).indexOf(op.path) + 1, column: 1 });
  const site = (code: number, line: number) => ({ code, file: 'src/app.js', line, column: 1, how: 'res.status' });

  it('serves every spelled-out operation, and a status is drift only when none of them lists it', () => {
    const found = checkDrift({
      documentFile: 'openapi.yaml',
      locate,
      operations,
      routes: [route('put', '/course/activeRoute/:action', 1, [site(400, 5), site(403, 6), site(500, 7)]), route('get', '/users/:id', 2), route('get', '/orders/:state', 3)],
    });
    expect(found.map((f) => [f.kind, f.line])).toEqual([
      ['param-count', 3],
      ['undocumented-status', 7],
    ]);
    expect(found[1]!.message).toBe(
      '`res.status` answers 500 for `PUT /course/activeRoute/:action`, but its operation `PUT /course/activeRoute/nextPoint` in openapi.yaml:1 (#/paths/~1course~1activeRoute~1nextPoint/put) does not list 500, a 5XX range or `default` (and 1 more operation reached from here).',
    );
  });
});

describe('routes of other files', () => {
  const discoveryDoc = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    servers: [{ url: '/signalk' }],
    paths: {
      '/': { get: { responses: { '200': { description: 'ok' } } } },
      '/v2/features': { get: { responses: { '200': { description: 'ok' } } } },
      '/v2/calc': { get: { responses: { '200': { description: 'ok' } } } },
      '/v2/other': { get: { responses: { '200': { description: 'ok' } } } },
    },
  };
  const operations = documentOperations(discoveryDoc);
  const locate = (op: { path: string }) => ({ line: Object.keys(discoveryDoc.paths).indexOf(op.path) + 1, column: 1 });

  it('stop an unimplemented report when their known or anchored path serves the operation; unknown mounts do not', () => {
    let asked: string[] = [];
    const elsewhere = (op: { path: string }) => {
      asked.push(op.path);
      return [
        route('get', null, 1, [], '/signalk'),
        route('get', null, 2, [], '/*'),
        route('get', '/signalk/v2/other', 3),
        route('post', '/signalk/v2/calc', 4),
      ];
    };
    const found = checkDrift({ documentFile: 'openApi.json', locate, operations, routes: [route('get', '/signalk/v2/features', 1)], elsewhere });
    expect(found.map((f) => [f.kind, f.line])).toEqual([['unimplemented-operation', 3]]);
    expect(asked).toEqual(['/', '/v2/calc', '/v2/other']);
    // Not asked when nothing is about to be reported.
    asked = [];
    checkDrift({ documentFile: 'openApi.json', locate, operations: operations.slice(1, 2), routes: [route('get', '/signalk/v2/features', 1)], elsewhere });
    expect(asked).toEqual([]);
  });
});

describe('a document served at the root whose paths share a prefix', () => {
  const radarDoc = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/signalk/v2/api/vessels/self/radars': { get: { responses: { '200': { description: 'ok' } } } },
      '/signalk/v2/api/vessels/self/radars/{id}': { get: { responses: { '200': { description: 'ok' } } } },
      '/signalk/v2/api/vessels/self/radars/{id}/gain': { put: { responses: { '200': { description: 'ok' } } } },
    },
  };
  const operations = documentOperations(radarDoc);

  it('anchors routes of unknown mount that begin with that prefix', () => {
    const routes = [
      route('get', null, 1, [], '/signalk/v2/api/vessels/self/radars/:id'),
      route('put', null, 2, [], '/signalk/v2/api/vessels/self/radars/:id/range'),
      route('put', null, 3, [], '/signalk/v1/api/vessels'),
    ];
    expect(anchorRoutes(routes, operations).map((r) => r.fullPath)).toEqual(['/signalk/v2/api/vessels/self/radars/:id', '/signalk/v2/api/vessels/self/radars/:id/range', null]);
  });

  it('anchors nothing for one path, or paths sharing no first segment', () => {
    const one = documentOperations({ ...radarDoc, paths: { '/api/health': { get: { responses: { '200': { description: 'ok' } } } } } });
    expect(anchorRoutes([route('get', null, 1, [], '/api/other')], one)[0]!.fullPath).toBe(null);
    const apart = documentOperations({ ...radarDoc, paths: { '/users': { get: { responses: {} } }, '/orders': { get: { responses: {} } } } });
    expect(anchorRoutes([route('get', null, 1, [], '/users/x')], apart)[0]!.fullPath).toBe(null);
  });
});
