import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-error-responses';
const ID = 'require-error-responses';
const r = (description = 'x') => ({ description });

function doc(paths: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths, ...extra };
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

describe('require-error-responses', () => {
  it('lists every missing error response of an operation in one finding on its responses', async () => {
    const results = await lintDoc(
      doc(
        { '/users/{id}': { parameters: [idParam], get: { parameters: [{ name: 'fields', in: 'query', schema: { type: 'string' } }], responses: { '200': r() } } } },
        { security: [{ bearer: [] }], components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } },
      ),
      [ID],
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users/{id}', 'get', 'responses'],
        message:
          'GET /users/{id} is missing error responses: 400 or 422 (it takes parameters), 404 (its path has parameters), 401 (security applies), 5XX or default; document them.',
        severity: 'warn',
        line: 19,
      },
    ]);
  });

  it('requires 429 only when the document declares rate limiting (a 429 or a rate-limit header anywhere)', async () => {
    const paths = {
      '/users': {
        post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { '201': r(), '400': r(), '500': r() } },
        get: { responses: { '200': r(), '500': r() } },
      },
    };
    expect(await lintDoc(doc(paths), [ID])).toEqual([]);
    const withLimit = structuredClone(paths) as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    withLimit['/users']!.get!.responses['200'] = { description: 'ok', headers: { 'X-RateLimit-Remaining': { schema: { type: 'integer' } } } };
    const results = await lintDoc(doc(withLimit), [ID]);
    // The POST is a write: its missing 429 is require-rate-limit-responses' finding, not this rule's.
    expect(results.map((x) => [x.code, x.path.join('/'), x.message])).toEqual([
      [CODE, 'paths//users/get/responses', 'GET /users is missing an error response: 429 (the document declares rate limiting); document it.'],
    ]);
  });

  it('reports a missing 429 once: on secured and write operations the rate-limit rule owns it', async () => {
    const secured = {
      ...doc({
        '/users': {
          get: { responses: { '200': r(), '401': r(), '429': { description: 'slow', headers: { 'Retry-After': { schema: { type: 'integer' } } } }, '500': r() } },
          delete: { responses: { '204': r(), '401': r(), '500': r() } },
        },
        '/public': { get: { security: [], responses: { '200': r(), '500': r() } } },
      }),
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
    };
    const results = await lintDoc(secured, [ID, 'require-rate-limit-responses']);
    expect(results.map((x) => [x.code, x.path.join('/'), x.message])).toEqual([
      [
        'backlint/require-rate-limit-responses',
        'paths//users/delete/responses',
        'DELETE /users is a secured write operation but documents no 429 response; document 429 Too Many Requests with a Retry-After header.',
      ],
      [CODE, 'paths//public/get/responses', 'GET /public is missing an error response: 429 (the document declares rate limiting); document it.'],
    ]);
  });

  it('validationStatus option: 400, 422 or either', async () => {
    const paths = {
      '/a': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { '201': r(), '422': r(), default: r() } } },
      '/b': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { '201': r(), '400': r(), default: r() } } },
    };
    expect(await lintDoc(doc(paths), [ID])).toEqual([]);
    const only400 = await lintDoc(doc(paths), [ID], { rules: { [CODE]: ['warn', { validationStatus: 400 }] } });
    expect(only400.map((x) => [x.path.join('/'), x.message])).toEqual([
      ['paths//a/post/responses', 'POST /a is missing an error response: 400 (it takes a request body); document it.'],
    ]);
    const only422 = await lintDoc(doc(paths), [ID], { rules: { [CODE]: ['warn', { validationStatus: '422' }] } });
    expect(only422.map((x) => x.path.join('/'))).toEqual(['paths//b/post/responses']);
  });

  it('does not flag operations without inputs, with 4XX ranges, optional auth, or default/5XX', async () => {
    const results = await lintDoc(
      doc(
        {
          '/ping': { get: { security: [], responses: { '200': r(), '503': r() } } },
          '/users/{id}': { parameters: [idParam], get: { responses: { '200': r(), '4XX': r(), '5XX': r() } } },
          '/articles': { get: { security: [{}, { bearer: [] }], responses: { '200': r(), default: r() } } },
        },
        { security: [{ bearer: [] }], components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } },
      ),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('counts Swagger 2.0 body/formData parameters and OAS 3.1 documents; skips webhooks', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/users': { post: { parameters: [{ name: 'body', in: 'body', schema: { type: 'object' } }], responses: { '201': r(), '500': r() } } },
        '/files': { post: { consumes: ['multipart/form-data'], parameters: [{ name: 'f', in: 'formData', type: 'file' }], responses: { '201': r(), '400': r(), '500': r() } } },
      },
    };
    const r2 = await lintDoc(swagger, [ID]);
    expect(r2.map((x) => [x.code, x.path.join('/'), x.message])).toEqual([
      [CODE, 'paths//users/post/responses', 'POST /users is missing an error response: 400 or 422 (it takes a request body); document it.'],
    ]);
    const r31 = await lintDoc(
      doc({ '/users': { get: { responses: { '200': r() } } } }, { webhooks: { created: { post: { requestBody: { content: {} }, responses: { '200': r() } } } } }, '3.1.0'),
      [ID],
      { format: 'json' },
    );
    expect(r31.map((x) => [x.path.join('/'), x.message])).toEqual([
      ['paths//users/get/responses', 'GET /users is missing an error response: 5XX or default; document it.'],
    ]);
  });

  it('does not ask for 400/422 when the only inputs are path parameters or an empty body', async () => {
    const results = await lintDoc(
      doc({
        '/users/{id}': { parameters: [idParam], delete: { responses: { '204': r(), '404': r(), default: r() } } },
        '/account': {
          get: {
            requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: {}, additionalProperties: false } } } },
            responses: { '200': r(), default: r() },
          },
        },
      }),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('reads responses and parameters through $ref', async () => {
    const results = await lintDoc(
      doc(
        { '/users/{id}': { get: { parameters: [{ $ref: '#/components/parameters/Id' }, { $ref: '#/components/parameters/Q' }], responses: { '200': r(), '404': { $ref: '#/components/responses/NotFound' }, '400': r(), default: r() } } } },
        { components: { parameters: { Id: idParam, Q: { name: 'q', in: 'query', schema: { type: 'string' } } }, responses: { NotFound: r('not found') } } },
      ),
      [ID],
    );
    expect(results).toEqual([]);
  });
});

describe('section B rules on malformed documents', () => {
  const ALL = [
    'consistent-error-schema',
    'https-only',
    'require-cache-headers',
    'require-error-responses',
    'require-operation-security',
    'require-rate-limit-responses',
    'require-response-envelope',
    'secure-auth-schemes',
  ];

  it('do not throw when objects have the wrong types, and judge only the well-formed parts', async () => {
    const bad = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      servers: [null, { url: 5 }, 'http://x.example.com'],
      security: 'none',
      paths: {
        '/a/{id}': {
          servers: 'http://a.example.com',
          parameters: 'oops',
          get: {
            security: [],
            responses: {
              '200': { description: 'ok', headers: 'none', content: { 'application/json': { schema: 'string' } } },
              '429': null,
              '404': { description: 'nf', content: { 'application/json': null } },
            },
          },
          post: { responses: [] },
          delete: null,
        },
        '/b': 'not a path item',
      },
      webhooks: 'none',
      components: { securitySchemes: { a: null, b: { type: 5 }, c: { type: 'oauth2', flows: [] }, d: { type: 'apiKey', in: 7 } }, schemas: null },
    };
    const results = await lintDoc(bad, ALL, { format: 'json' });
    // Malformed servers, schemes, headers, media and `responses: []` are skipped; what remains is
    // judged as usual (a non-array root `security` is no requirement).
    expect(results.map((r) => `${r.code} ${r.path.join('/')}`).sort()).toEqual([
      'backlint/require-cache-headers paths//a/{id}/get/responses/200',
      'backlint/require-error-responses paths//a/{id}/get/responses',
      'backlint/require-operation-security paths//a/{id}/post',
    ]);
  });
});
