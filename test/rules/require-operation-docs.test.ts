import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-operation-docs';
const RULE = ['require-operation-docs'];

const documented = { operationId: 'listUsers', summary: 'List users', tags: ['users'], responses: { '200': { description: 'ok' } } };

function oas3(paths: Record<string, unknown>, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths };
}

describe('require-operation-docs (Spectral)', () => {
  it('reports each missing piece on the operation, with exact messages and lines', async () => {
    const results = await lintDoc(oas3({ '/users': { get: { responses: { '200': { description: 'ok' } } } } }), RULE);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'get'],
        message: 'GET /users has no operationId; add a unique operationId (SDK generators and docs links use it).',
        severity: 'warn',
        line: 7,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'get'],
        message: 'GET /users has neither a summary nor a description; say what the operation does.',
        severity: 'warn',
        line: 7,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'get'],
        message: 'GET /users has no tags; tag it so documentation groups it with its resource.',
        severity: 'warn',
        line: 7,
      },
    ]);
  });

  it('reports a duplicate operationId at the second operationId, and an empty tags list at tags', async () => {
    const results = await lintDoc(
      oas3({
        '/users': { get: documented },
        '/people': { get: { ...documented, tags: [] } },
      }),
      RULE,
    );
    expect(results.map((r) => [r.path.join(' '), r.message])).toEqual([
      ['paths /people get operationId', 'operationId "listUsers" of GET /people is already used by GET /users; operationIds must be unique.'],
      ['paths /people get tags', 'GET /people has no tags; tag it so documentation groups it with its resource.'],
    ]);
  });

  it('accepts a description instead of a summary (3.1 and Swagger 2.0 too)', async () => {
    const op = { operationId: 'a', description: 'Does a.', tags: ['a'], responses: { '200': { description: 'ok' } } };
    expect(await lintDoc(oas3({ '/a': { get: op } }), RULE)).toEqual([]);
    expect(await lintDoc(oas3({ '/a': { get: op } }, '3.1.0'), RULE)).toEqual([]);
    expect(await lintDoc({ swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { get: op } } }, RULE)).toEqual([]);
  });

  it('flags a Swagger 2.0 operation without a summary or description', async () => {
    const results = await lintDoc(
      { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { post: { operationId: 'a', tags: ['a'], summary: '  ', responses: { '200': { description: 'ok' } } } } } },
      RULE,
    );
    expect(results.map((r) => [r.code, r.path.join('/'), r.message])).toEqual([
      [CODE, 'paths//a/post', 'POST /a has neither a summary nor a description; say what the operation does.'],
    ]);
  });

  it('does not require an operationId on OAS 3.1 webhooks, but still summary and tags', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      webhooks: {
        orderPaid: { post: { summary: 'Order paid', tags: ['orders'], responses: { '200': { description: 'ok' } } } },
        orderShipped: { post: { responses: { '200': { description: 'ok' } } } },
      },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => [r.path.join('/'), r.message])).toEqual([
      ['webhooks/orderShipped/post', 'POST orderShipped has neither a summary nor a description; say what the operation does.'],
      ['webhooks/orderShipped/post', 'POST orderShipped has no tags; tag it so documentation groups it with its resource.'],
    ]);
  });
});
