import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-idempotency-key';
const RULE = ['require-idempotency-key'];
const created = { '201': { description: 'created' } };
const key = { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 64 } };

function oas3(paths: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths, ...extra };
}

describe('require-idempotency-key (Spectral)', () => {
  it('flags a create (collection POST) without the header, on the operation', async () => {
    const results = await lintDoc(oas3({ '/orders': { post: { responses: created } } }), RULE);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/orders', 'post'],
        message: 'POST /orders creates a resource (it answers 201) but accepts no Idempotency-Key header; add an `Idempotency-Key` header parameter so clients can retry safely.',
        severity: 'warn',
        line: 7,
      },
    ]);
  });

  it('accepts the header at operation or path level, by $ref, in any case, and X-Idempotency-Key', async () => {
    const doc = oas3(
      {
        '/orders': { post: { parameters: [key], responses: created } },
        '/invoices': { parameters: [{ $ref: '#/components/parameters/Key' }], post: { responses: created } },
        '/refunds': { post: { parameters: [{ name: 'idempotency-key', in: 'header', schema: { type: 'string' } }], responses: created } },
        '/payouts': { post: { parameters: [{ name: 'X-Idempotency-Key', in: 'header', schema: { type: 'string' } }], responses: created } },
      },
      { components: { parameters: { Key: key } } },
    );
    expect(await lintDoc(doc, RULE)).toEqual([]);
  });

  it('does not flag custom actions, updates, well-known segments or a query parameter named like the header', async () => {
    const doc = oas3({
      '/orders/{id}/cancel': { post: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } },
      '/orders/{id}': { put: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } },
      '/login': { post: { responses: { '200': { description: 'ok' } } } },
      '/search': { post: { responses: { '200': { description: 'ok' } } } },
    });
    expect(await lintDoc(doc, RULE)).toEqual([]);
    const query = oas3({ '/orders': { post: { parameters: [{ ...key, in: 'query' }], responses: created } } });
    expect((await lintDoc(query, RULE)).map((r) => r.path.join('/'))).toEqual(['paths//orders/post']);
  });

  it('does not flag collection POSTs without evidence of a create (the same verdict as http-status-semantics)', async () => {
    const list = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } };
    const doc = oas3({
      '/settings/features': { get: { responses: list }, post: { responses: { '200': { description: 'ok' } } } },
      '/events/cursors': { post: { responses: { '200': { description: 'ok' } } } },
      '/events/cursors/{id}': { get: { responses: { '200': { description: 'ok' } } } },
      '/members': { get: { responses: list }, post: { summary: 'Add a member', responses: { '200': { description: 'ok' } } } },
    });
    expect((await lintDoc(doc, RULE)).map((r) => r.message)).toEqual([
      'POST /members creates a resource (its summary says so) but accepts no Idempotency-Key header; add an `Idempotency-Key` header parameter so clients can retry safely.',
    ]);
  });

  it('Swagger 2.0: header parameter counts; a create without it is flagged', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/orders': { post: { parameters: [{ name: 'Idempotency-Key', in: 'header', type: 'string' }], responses: created } },
        '/users': { post: { responses: created } },
      },
    };
    expect((await lintDoc(doc, RULE)).map((r) => [r.code, r.path.join('/')])).toEqual([[CODE, 'paths//users/post']]);
  });

  it('honours the headers option', async () => {
    const doc = oas3({ '/orders': { post: { parameters: [{ name: 'X-Request-Token', in: 'header', schema: { type: 'string' } }], responses: created } } });
    expect(await lintDoc(doc, RULE, { rules: { 'backlint/require-idempotency-key': ['warn', { headers: ['X-Request-Token'] }] } })).toEqual([]);
  });
});
