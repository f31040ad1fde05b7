import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/http-status-semantics';
const info = { title: 't', version: '1' };
const body = { content: { 'application/json': { schema: { type: 'object' } } } };
const list = { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } };

function doc(paths: Record<string, unknown>, openapi = '3.0.3') {
  return { openapi, info, paths };
}

describe('http-status-semantics (Spectral)', () => {
  it('flags a create (collection POST) answered with 200, at that response', async () => {
    const results = await lintDoc(
      doc({ '/users': { get: { responses: { '200': list } }, post: { operationId: 'createUser', requestBody: body, responses: { '200': { description: 'ok' } } } } }),
      ['http-status-semantics'],
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'responses', '200'],
        message: 'POST /users creates a resource (its operationId says so) but answers 200: declare 201 Created (with a Location header), or 202 Accepted when creation completes later.',
        severity: 'warn',
        line: 25,
      },
    ]);
  });

  it('judges a collection POST as a create only with evidence: the item schema, Location, or a create name', async () => {
    const item = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } };
    const one = (schema: unknown) => ({ description: 'ok', content: { 'application/json': { schema } } });
    const results = await lintDoc(
      doc({
        '/users': { get: { responses: { '200': list } }, post: { requestBody: body, responses: { '200': { description: 'ok' } } } },
        '/settings/features': { get: { responses: { '200': list } }, post: { requestBody: body, responses: { '200': one({ type: 'object', properties: { enabled: { type: 'array', items: { type: 'string' } }, plan: { type: 'string' } } }) } } },
        '/events/cursors': { post: { responses: { '200': one({ type: 'object', properties: { cursor: { type: 'string' } } }) } } },
        '/events/cursors/{id}': { get: { responses: { '200': one(item) } } },
        '/teams': { post: { requestBody: body, responses: { '200': one(item) } } },
        '/teams/{id}': { get: { responses: { '200': one(item) } } },
      }),
      ['http-status-semantics'],
    );
    expect(results.map((r) => [r.path.join(' '), r.message])).toEqual([
      [
        'paths /teams post responses 200',
        "POST /teams creates a resource (it answers the schema of the collection's items) but answers 200: declare 201 Created (with a Location header), or 202 Accepted when creation completes later.",
      ],
    ]);
  });

  it('flags DELETE without 204/200/202, 204/304 with a body, and 202 mixed with 200 (3.1)', async () => {
    const results = await lintDoc(
      doc(
        {
          '/users/{id}': {
            delete: { responses: { '404': { description: 'nf' } } },
            put: { requestBody: body, responses: { '204': { description: 'done', ...body } } },
          },
          '/reports/{id}': { get: { responses: { '200': { description: 'ok' }, '202': { description: 'computing' }, '304': { description: 'nm', ...body } } } },
        },
        '3.1.0',
      ),
      ['http-status-semantics'],
    );
    expect(results.map((r) => [r.path.join(' '), r.message])).toEqual([
      ['paths /users/{id} delete responses', 'DELETE /users/{id} declares no 204, 200 or 202 response: answer 204 No Content (or 200 with a body, 202 if deletion completes later).'],
      ['paths /users/{id} put responses 204 content', 'PUT /users/{id} declares a body for 204: a 204 response has no content; remove `content` (or use 200).'],
      ['paths /reports/{id} get responses 202', 'GET /reports/{id} declares 202 Accepted together with 200: an operation either completes now (200) or accepts work for later (202); split it or pick one.'],
      ['paths /reports/{id} get responses 304 content', 'GET /reports/{id} declares a body for 304: a 304 response has no content; remove `content` (or use 200).'],
    ]);
  });

  it('flags a Swagger 2.0 204 with a schema and a create without 201', async () => {
    const swagger = {
      swagger: '2.0',
      info,
      paths: {
        '/orders': {
          post: { summary: 'Add an order', parameters: [{ in: 'body', name: 'b', schema: { type: 'object' } }], responses: { '200': { description: 'ok' } } },
        },
        '/orders/{id}': {
          parameters: [{ in: 'path', name: 'id', required: true, type: 'string' }],
          delete: { responses: { '204': { description: 'gone', schema: { type: 'object' } } } },
        },
      },
    };
    const results = await lintDoc(swagger, ['http-status-semantics']);
    expect(results.map((r) => r.path.join(' '))).toEqual(['paths /orders post responses 200', 'paths /orders/{id} delete responses 204 schema']);
  });

  it('requires Location on 201 in the strict preset only', async () => {
    const d = doc({ '/users': { post: { requestBody: body, responses: { '201': { description: 'created' } } } } });
    expect(await lintDoc(d, ['http-status-semantics'])).toEqual([]);
    const strict = await lintDoc(d, ['http-status-semantics'], { preset: 'strict' });
    expect(strict.map((r) => [r.path.join(' '), r.message])).toEqual([
      ['paths /users post responses 201', 'POST /users answers 201 Created without a Location header: declare `Location` with the URL of the new resource.'],
    ]);
    const put201 = doc({ '/users/{id}': { put: { requestBody: body, responses: { '201': { description: 'created at the target URI' } } } } });
    expect(await lintDoc(put201, ['http-status-semantics'], { preset: 'strict' })).toEqual([]);
    const withHeader = doc({ '/users': { post: { requestBody: body, responses: { '201': { description: 'created', headers: { Location: { schema: { type: 'string' } } } } } } } });
    expect(await lintDoc(withHeader, ['http-status-semantics'], { preset: 'strict' })).toEqual([]);
  });

  it('does not flag custom actions, well-known POSTs, updates by POST, ranges or 202 creates', async () => {
    const d = doc({
      '/orders/{id}/cancel': { post: { responses: { '200': { description: 'ok' } } } },
      '/search': { post: { requestBody: body, responses: { '200': list } } },
      '/login': { post: { requestBody: body, responses: { '200': { description: 'ok' } } } },
      '/customers/{id}': { post: { requestBody: body, responses: { '200': { description: 'ok' } } }, delete: { responses: { '200': { description: 'ok' } } } },
      '/exports': { post: { requestBody: body, responses: { '202': { description: 'queued' } } } },
      '/imports': { post: { requestBody: body, responses: { '2XX': { description: 'ok' } } } },
      '/markdown': { post: { requestBody: body, responses: { '200': { description: 'html' } } } },
      '/jobs/{id}': { delete: { responses: { '202': { description: 'deleting' } } } },
      // plural, but nothing addressable behind it: a computation, not a create
      '/audio/transcriptions': { post: { requestBody: body, responses: { '200': { description: 'text' } } } },
    });
    expect(await lintDoc(d, ['http-status-semantics'])).toEqual([]);
  });
});
