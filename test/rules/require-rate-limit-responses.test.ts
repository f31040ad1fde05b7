import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-rate-limit-responses';
const ID = 'require-rate-limit-responses';
const r = (description = 'x') => ({ description });
const tooMany = { description: 'slow down', headers: { 'Retry-After': { schema: { type: 'integer' } } } };
const schemes = { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } };

function doc(paths: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths, components: schemes, ...extra };
}

describe('require-rate-limit-responses', () => {
  it('flags a write operation without 429, on its responses', async () => {
    const results = await lintDoc(doc({ '/users': { post: { responses: { '201': r() } } } }), [ID]);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'responses'],
        message:
          'POST /users is a write operation but documents no 429 response; document 429 Too Many Requests with a Retry-After header.',
        severity: 'warn',
        line: 8,
      },
    ]);
  });

  it('flags secured reads and secured writes without 429', async () => {
    const results = await lintDoc(
      doc({ '/users': { get: { responses: { '200': r() } }, delete: { responses: { '204': r() } } } }, { security: [{ bearer: [] }] }),
      [ID],
    );
    expect(results.map((x) => [x.path.join('/'), x.message.split(' but ')[0]])).toEqual([
      ['paths//users/get/responses', 'GET /users is a secured operation'],
      ['paths//users/delete/responses', 'DELETE /users is a secured write operation'],
    ]);
  });

  it('flags a 429 without Retry-After once at the shared component', async () => {
    const results = await lintDoc(
      doc(
        {
          '/users': { post: { responses: { '201': r(), '429': { $ref: '#/components/responses/TooMany' } } } },
          '/orders': { put: { responses: { '200': r(), '429': { $ref: '#/components/responses/TooMany' } } } },
        },
        { components: { ...schemes, responses: { TooMany: { description: 'limited', headers: { 'X-RateLimit-Reset': { schema: { type: 'integer' } } } } } } },
      ),
      [ID],
    );
    expect(results.map((x) => [x.code, x.path.join('/'), x.message])).toEqual([
      [CODE, 'components/responses/TooMany', '429 response declares X-RateLimit-Reset but no Retry-After header; declare Retry-After, the header HTTP clients honour to know when to retry.'],
    ]);
  });

  it('does not flag public reads, explicitly public operations, or 429 with Retry-After (any case)', async () => {
    const results = await lintDoc(
      doc(
        {
          '/articles': { get: { responses: { '200': r() } } },
          '/health': { get: { security: [], responses: { '200': r() } } },
          '/users': { post: { responses: { '201': r(), '429': { description: 'x', headers: { 'retry-after': { schema: { type: 'integer' } } } } } } },
          '/orders': { patch: { responses: { '200': r(), '429': tooMany } } },
        },
      ),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('works on Swagger 2.0 and skips OAS 3.1 webhooks', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/users': {
          post: { responses: { '201': r(), '429': { description: 'x', headers: { 'Retry-After': { type: 'integer' } } } } },
          put: { responses: { '200': r(), '429': r() } },
        },
      },
    };
    const r2 = await lintDoc(swagger, [ID]);
    expect(r2.map((x) => [x.code, x.path.join('/'), x.message])).toEqual([
      [CODE, 'paths//users/put/responses/429', '429 response declares no Retry-After header; declare it so clients know when to retry.'],
    ]);
    const r31 = await lintDoc(doc({}, { webhooks: { created: { post: { responses: { '200': r() } } } } }, '3.1.0'), [ID], { format: 'json' });
    expect(r31).toEqual([]);
  });
});
