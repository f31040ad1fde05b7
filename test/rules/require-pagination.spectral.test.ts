import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-pagination';
const info = { title: 't', version: '1' };
const arrayOf = { type: 'array', items: { type: 'object' } };
const json = (schema: unknown) => ({ description: 'ok', content: { 'application/json': { schema } } });

function listDoc(parameters: unknown[], schema: unknown = arrayOf, openapi = '3.0.3') {
  return { openapi, info, paths: { '/users': { get: { parameters, responses: { '200': json(schema) } } } } };
}

describe('require-pagination (Spectral)', () => {
  it('flags a collection GET with no pagination parameter, at the operation', async () => {
    expect(await lintDoc(listDoc([]), ['require-pagination'])).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'get'],
        message: 'GET /users returns a collection (an array) but has no pagination query parameter: add a page size (`limit`, `per_page`, `page_size`) with a `maximum`, and a page position (`page`, `offset`, `cursor`).',
        severity: 'warn',
        line: 7,
      },
    ]);
  });

  it('flags an envelope whose entries is an array (Box: { total_count, entries })', async () => {
    const doc = { openapi: '3.0.3', info, paths: { '/files/{file_id}/tasks': { get: { responses: { '200': json({ type: 'object', properties: { total_count: { type: 'integer' }, entries: arrayOf } }) } } } } };
    const results = await lintDoc(doc, ['require-pagination']);
    expect(results.map((r) => r.path)).toEqual([['paths', '/files/{file_id}/tasks', 'get']]);
    expect(results[0]!.message).toContain('an envelope whose `entries` is an array');
  });

  it('flags envelopes whose data/items/results is an array, through $ref and allOf (3.1)', async () => {
    const doc = {
      openapi: '3.1.0',
      info,
      paths: {
        '/orders': { get: { responses: { '200': json({ $ref: '#/components/schemas/OrderPage' }) } } },
        '/items': { get: { responses: { '200': json({ type: 'object', properties: { items: arrayOf } }) } } },
      },
      components: {
        schemas: {
          Page: { type: 'object', properties: { meta: { type: 'object' } } },
          OrderPage: { allOf: [{ $ref: '#/components/schemas/Page' }, { properties: { data: arrayOf } }] },
        },
      },
    };
    const results = await lintDoc(doc, ['require-pagination']);
    expect(results.map((r) => r.path)).toEqual([['paths', '/orders', 'get'], ['paths', '/items', 'get']]);
    expect(results[0]!.message).toContain('an envelope whose `data` is an array');
  });

  it('flags a page-size parameter without maximum, at the parameter (OAS 3 and Swagger 2.0)', async () => {
    const r3 = await lintDoc(listDoc([{ name: 'limit', in: 'query', schema: { type: 'integer' } }, { name: 'cursor', in: 'query', schema: { type: 'string' } }]), ['require-pagination']);
    expect(r3).toEqual([
      expect.objectContaining({
        code: CODE,
        path: ['paths', '/users', 'get', 'parameters', '0'],
        message: 'Page-size parameter `limit` of GET /users has no `maximum`: cap it (e.g. `maximum: 100`) so one request cannot ask for the whole collection.',
      }),
    ]);
    const swagger = {
      swagger: '2.0',
      info,
      paths: { '/users': { get: { parameters: [{ name: 'per_page', in: 'query', type: 'integer' }], responses: { '200': { description: 'ok', schema: arrayOf } } } } },
    };
    expect((await lintDoc(swagger, ['require-pagination'])).map((r) => r.path)).toEqual([['paths', '/users', 'get', 'parameters', '0']]);
  });

  it('does not flag bounded sizes, page alone, single objects, non-JSON bodies, POSTs or webhooks', async () => {
    const bounded = listDoc([{ name: 'page_size', in: 'query', schema: { type: 'integer', maximum: 100 } }]);
    const pageOnly = listDoc([{ name: 'page', in: 'query', schema: { type: 'integer' } }]);
    const jsonApi = listDoc([{ name: 'page[size]', in: 'query', schema: { type: 'integer', maximum: 50 } }]);
    const pathLevel = {
      openapi: '3.0.3',
      info,
      paths: { '/users': { parameters: [{ name: 'offset', in: 'query', schema: { type: 'integer' } }], get: { responses: { '200': json(arrayOf) } } } },
    };
    const single = listDoc([], { type: 'object', properties: { id: { type: 'string' }, tags: arrayOf } });
    const csv = { openapi: '3.0.3', info, paths: { '/export': { get: { responses: { '200': { description: 'ok', content: { 'text/csv': { schema: arrayOf } } } } } } } };
    const post = { openapi: '3.0.3', info, paths: { '/search': { post: { responses: { '200': json(arrayOf) } } } } };
    const webhook = { openapi: '3.1.0', info, paths: {}, webhooks: { newUsers: { get: { responses: { '200': json(arrayOf) } } } } };
    for (const doc of [bounded, pageOnly, jsonApi, pathLevel, single, csv, post, webhook]) {
      expect(await lintDoc(doc, ['require-pagination'])).toEqual([]);
    }
  });

  it('accepts team-specific pagination parameters through the `parameters` option', async () => {
    const doc = listDoc([{ name: 'continuation', in: 'query', schema: { type: 'string' } }]);
    expect(await lintDoc(doc, ['require-pagination'])).toHaveLength(1);
    expect(await lintDoc(doc, ['require-pagination'], { rules: { 'backlint/require-pagination': ['warn', { parameters: ['continuation'] }] } })).toEqual([]);
  });
});
