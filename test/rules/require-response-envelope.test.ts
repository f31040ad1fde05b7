import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-response-envelope';
const ID = 'require-response-envelope';
const body = (schema: unknown, mediaType = 'application/json') => ({ description: 'ok', content: { [mediaType]: { schema } } });
const User = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } };

function doc(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths, components: { schemas: { User, ...schemas } } };
}

describe('require-response-envelope', () => {
  it('flags a bare object body at the referenced component, with exact message and severity', async () => {
    const results = await lintDoc(doc({ '/users/{id}': { get: { responses: { '200': body({ $ref: '#/components/schemas/User' }) } } } }), [ID]);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['components', 'schemas', 'User'],
        message: 'Success body is not a { data, meta? } envelope (its properties are id, name); move the payload under "data".',
        severity: 'warn',
        line: 17,
      },
    ]);
  });

  it('flags a bare array, a collection envelope without meta, and a collection under "items"', async () => {
    const results = await lintDoc(
      doc({
        '/users': { get: { responses: { '200': body({ type: 'array', items: { $ref: '#/components/schemas/User' } }) } } },
        '/orders': { get: { responses: { '200': body({ type: 'object', properties: { data: { type: 'array', items: {} } } }) } } },
        '/teams': { get: { responses: { '200': body({ type: 'object', properties: { items: { type: 'array', items: {} }, total: { type: 'integer' } } }) } } },
      }),
      [ID],
    );
    expect(results.map((r) => [r.code, r.path.slice(1, 2)[0], r.message])).toEqual([
      [CODE, '/users', 'Success body is a bare JSON array; wrap it as { data: [...], meta } so pagination and metadata have a place.'],
      [CODE, '/orders', 'Collection body has "data" but no "meta"; add meta (total, page or cursor) beside the data array.'],
      [CODE, '/teams', 'Success body is not a { data, meta? } envelope (its properties are items, total); move the payload under "data".'],
    ]);
  });

  it('flags a primitive JSON body', async () => {
    const results = await lintDoc(doc({ '/count': { get: { responses: { '200': body({ type: 'integer' }) } } } }), [ID]);
    expect(results.map((r) => r.message)).toEqual(['Success body is a bare integer; wrap it as { data, meta? }.']);
  });

  it('accepts envelopes (allOf-merged too), meta-less single objects, non-JSON and bodiless responses, free-form objects', async () => {
    const results = await lintDoc(
      doc(
        {
          '/users': {
            get: { responses: { '200': body({ allOf: [{ $ref: '#/components/schemas/Page' }, { type: 'object', properties: { data: { type: 'array', items: {} } } }] }) } },
            post: { responses: { '201': body({ type: 'object', properties: { data: { $ref: '#/components/schemas/User' } } }) } },
          },
          '/users/{id}': { delete: { responses: { '204': { description: 'gone' } } } },
          '/files/{id}': { get: { responses: { '200': body({ type: 'string', format: 'binary' }, 'application/octet-stream') } } },
          '/export': { get: { responses: { '200': body({ type: 'array', items: {} }, 'text/csv') } } },
          '/anything': { get: { responses: { '200': body({ type: 'object', additionalProperties: true }) } } },
          '/errors': { get: { responses: { '400': body({ type: 'array', items: {} }) } } },
          '/probe': { head: { responses: { '200': body({ type: 'array', items: {} }) } } },
        },
        { Page: { type: 'object', properties: { meta: { type: 'object' } } } },
      ),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('works on Swagger 2.0 and OAS 3.1', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/users': { get: { produces: ['application/json'], responses: { '200': { description: 'ok', schema: { type: 'array', items: { type: 'object' } } } } } } },
    };
    const r2 = await lintDoc(swagger, [ID]);
    expect(r2.map((r) => [r.code, r.path])).toEqual([[CODE, ['paths', '/users', 'get', 'responses', '200', 'schema']]]);
    const r31 = await lintDoc(doc({ '/users': { get: { responses: { '200': body({ type: ['array', 'null'], items: {} }) } } } }, {}, '3.1.0'), [ID], { format: 'json' });
    expect(r31.map((r) => r.path.at(-1))).toEqual(['schema']);
  });
});
