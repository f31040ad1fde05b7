import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-cache-headers';
const ID = 'require-cache-headers';
const MESSAGE =
  'GET 200 response declares neither Cache-Control nor ETag/Last-Modified; declare how it may be cached or revalidated (Cache-Control: no-store if it must not be).';
const header = { schema: { type: 'string' } };

function doc(paths: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths, ...extra };
}

describe('require-cache-headers', () => {
  it('flags a GET 200 without caching headers, at the response', async () => {
    const results = await lintDoc(doc({ '/users': { get: { responses: { '200': { description: 'ok', headers: { 'X-Request-ID': header } } } } } }), [ID]);
    expect(results).toEqual([{ code: CODE, path: ['paths', '/users', 'get', 'responses', '200'], message: MESSAGE, severity: 'warn', line: 9 }]);
  });

  it('accepts Cache-Control, ETag or Last-Modified in any case, also through a $ref', async () => {
    const results = await lintDoc(
      doc(
        {
          '/a': { get: { responses: { '200': { description: 'ok', headers: { 'cache-control': header } } } } },
          '/b': { get: { responses: { '200': { description: 'ok', headers: { ETag: header } } } } },
          '/c': { get: { responses: { '200': { description: 'ok', headers: { 'Last-Modified': header } } } } },
          '/d': { get: { responses: { '200': { $ref: '#/components/responses/Cached' } } } },
        },
        { components: { responses: { Cached: { description: 'ok', headers: { 'Cache-Control': { $ref: '#/components/headers/CacheControl' } } } }, headers: { CacheControl: header } } },
      ),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('does not judge other methods or statuses', async () => {
    const results = await lintDoc(
      doc({
        '/users': {
          post: { responses: { '200': { description: 'ok' } } },
          get: { responses: { '201': { description: 'x' }, '206': { description: 'partial' }, '304': { description: 'nm' } } },
          head: { responses: { '200': { description: 'ok' } } },
        },
      }),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('works on Swagger 2.0 and OAS 3.1', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { '200': { description: 'ok', headers: { ETag: { type: 'string' } } } } } },
        '/b': { get: { responses: { '200': { description: 'ok' } } } },
      },
    };
    expect((await lintDoc(swagger, [ID])).map((x) => [x.code, x.path.join('/')])).toEqual([[CODE, 'paths//b/get/responses/200']]);
    const r31 = await lintDoc(doc({ '/b': { get: { responses: { '200': { description: 'ok' } } } } }, {}, '3.1.0'), [ID], { format: 'json' });
    expect(r31.map((x) => x.message)).toEqual([MESSAGE]);
  });
});
