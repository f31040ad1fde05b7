import { describe, expect, it } from 'vitest';
import { collectionOf, detectVersion, effectiveSchema, getIndex, resolve } from '../../src/openapi/index.js';

const json = (schema: unknown) => ({ description: 'ok', content: { 'application/json': { schema } } });
const arr = { type: 'array', items: { type: 'object' } };

const doc = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  security: [{ key: [] }],
  paths: {
    '/orders': {
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }, { name: 'x', in: 'header', schema: { type: 'string' } }],
      get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 5 } }], responses: { '200': json(arr) } },
      post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { '200': json({}) } },
    },
    '/orders/{id}': {
      get: { security: [], responses: { '200': { $ref: '#/components/responses/One' } } },
      post: { responses: { '200': json({}) } },
      delete: { responses: { '204': { description: 'gone' } } },
      put: { responses: { '200': json({}) } },
    },
    '/orders/{id}/cancel': { post: { responses: { '200': json({}) } } },
    '/audio/transcriptions': { post: { responses: { '200': json({}) } } },
    '/search': { post: { responses: { '201': json({}) } } },
    '/exports': { post: { responses: { '201': json({}) } } },
  },
  components: {
    responses: { One: json({ $ref: '#/components/schemas/Page' }) },
    schemas: {
      Base: { type: 'object', required: ['meta'], properties: { meta: { type: 'object' } } },
      Page: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['data'], properties: { data: arr } }] },
    },
  },
};

describe('document index', () => {
  const index = getIndex(doc);

  it('is computed once per document object', () => {
    expect(getIndex(doc)).toBe(index);
  });

  it('detects versions', () => {
    expect([detectVersion(doc), detectVersion({ openapi: '3.1.0' }), detectVersion({ swagger: '2.0' }), detectVersion({})]).toEqual(['3.0', '3.1', '2.0', undefined]);
  });

  it('merges path and operation parameters (operation wins) with their own json paths', () => {
    const get = index.operations.find((o) => o.path === '/orders' && o.method === 'get')!;
    expect(get.parameters.map((p) => [p.in, p.name, p.jsonPath.join('/')])).toEqual([
      ['query', 'limit', 'paths//orders/get/parameters/0'],
      ['header', 'x', 'paths//orders/parameters/1'],
    ]);
    expect(get.parameters[0]!.schema).toEqual({ type: 'integer', maximum: 5 });
  });

  it('resolves refs, merges allOf and recognises envelopes', () => {
    const one = index.operations.find((o) => o.path === '/orders/{id}' && o.method === 'get')!;
    const schema = effectiveSchema(doc, one.responses[0]!.media[0]!.schema)!;
    expect(schema.required).toEqual(['meta', 'data']);
    expect(Object.keys(schema.properties as object)).toEqual(['meta', 'data']);
    expect(collectionOf(doc, one.responses[0]!.media[0]!.schema)).toEqual({ kind: 'envelope', property: 'data' });
    expect(resolve(doc, { $ref: '#/components/schemas/Base' })).toBe(doc.components.schemas.Base);
    expect(resolve(doc, { $ref: '#/nowhere' })).toEqual({ $ref: '#/nowhere' });
  });

  it('computes effective security', () => {
    const one = index.operations.find((o) => o.path === '/orders/{id}' && o.method === 'get')!;
    expect([one.security, one.securitySource]).toEqual([[], 'operation']);
    expect(index.operations[0]!.securitySource).toBe('root');
  });

  it('classifies operations', () => {
    const kinds = Object.fromEntries(index.operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o.kind]));
    expect(kinds).toEqual({
      'GET /orders': 'list',
      // A collection, but nothing says the POST creates (no 201, Location, item body or name).
      'POST /orders': 'action',
      'GET /orders/{id}': 'list',
      'POST /orders/{id}': 'update',
      'DELETE /orders/{id}': 'delete',
      'PUT /orders/{id}': 'update',
      'POST /orders/{id}/cancel': 'action',
      'POST /audio/transcriptions': 'action',
      'POST /search': 'action',
      'POST /exports': 'create',
    });
  });

  it('classifies a POST on a collection as create only with evidence, and says which', () => {
    const order = { type: 'object', properties: { id: { type: 'string' }, total: { type: 'integer' } } };
    const settings = { type: 'object', properties: { features: { type: 'array', items: { type: 'string' } }, theme: { type: 'string' } } };
    const cursor = { type: 'object', properties: { cursor: { type: 'string' }, expires_at: { type: 'string' } } };
    const located = { description: 'ok', headers: { Location: { schema: { type: 'string' } } } };
    const d = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a201': { post: { responses: { '201': { description: 'c' } } } },
        '/located': { post: { responses: { '200': located } } },
        '/orders': { get: { responses: { '200': json({ type: 'array', items: order }) } }, post: { responses: { '200': json(order) } } },
        '/invoices': { post: { responses: { '200': json({ title: 'Invoice', type: 'object' }) } } },
        '/invoices/{id}': { get: { responses: { '200': json({ title: 'Invoice', type: 'object', properties: { id: { type: 'string' } } }) } } },
        '/members': { get: { responses: { '200': json(arr) } }, post: { summary: 'Add a member to the team', responses: { '200': json({}) } } },
        '/groups': { get: { responses: { '200': json(arr) } }, post: { operationId: 'createGroup', responses: { '200': json({}) } } },
        '/products': { get: { responses: { '200': json(arr) } }, post: { operationId: 'PostProducts', responses: { '200': json({}) } } },
        '/settings/features': { get: { responses: { '200': json({ type: 'object', properties: { data: { type: 'array', items: { type: 'string' } } } }) } }, post: { responses: { '200': json(settings) } } },
        '/events/cursors': { post: { responses: { '200': json(cursor) } } },
        '/events/cursors/{id}': { get: { responses: { '200': json(order) } } },
        '/audio/transcriptions': { post: { operationId: 'createTranscription', responses: { '200': json(order) } } },
      },
    };
    const idx = getIndex(d);
    const posts = Object.fromEntries(idx.operations.filter((o) => o.method === 'post').map((o) => [o.path, [o.kind, o.createEvidence]]));
    expect(posts).toEqual({
      '/a201': ['create', 'it answers 201'],
      '/located': ['create', 'it answers a Location header'],
      '/orders': ['create', "it answers the schema of the collection's items"],
      '/invoices': ['create', "it answers the schema of the collection's items"],
      '/members': ['create', 'its summary says so'],
      '/groups': ['create', 'its operationId says so'],
      '/products': ['action', undefined],
      '/settings/features': ['action', undefined],
      '/events/cursors': ['action', undefined],
      '/audio/transcriptions': ['action', undefined],
    });
  });

  it('reads Swagger 2.0 bodies, responses and servers', () => {
    const s2 = getIndex({
      swagger: '2.0',
      host: 'api.example.com',
      basePath: '/v1',
      schemes: ['https', 'http'],
      paths: { '/a': { post: { parameters: [{ in: 'body', name: 'b', schema: { type: 'object' } }], responses: { '201': { description: 'c', schema: arr } } } } },
    });
    const op = s2.operations[0]!;
    expect(op.requestBody!.jsonPath).toEqual(['paths', '/a', 'post', 'parameters', 0]);
    expect(op.requestBody!.media.map((m) => m.mediaType)).toEqual(['application/json']);
    expect(op.responses[0]!.media[0]!.schema).toEqual(arr);
    expect(s2.servers.map((s) => s.url)).toEqual(['https://api.example.com/v1', 'http://api.example.com/v1']);
  });
});
