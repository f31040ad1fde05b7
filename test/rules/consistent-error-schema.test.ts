import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/consistent-error-schema';
const ID = 'consistent-error-schema';

const envelope = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'object' } } },
    },
  },
};
const problem = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
};
const json = (schema: unknown, mediaType = 'application/json') => ({ description: 'e', content: { [mediaType]: { schema } } });

function doc(responses: Record<string, unknown>, components: Record<string, unknown> = {}, openapi = '3.0.3') {
  return {
    openapi,
    info: { title: 't', version: '1' },
    paths: { '/users': { get: { responses: { '200': { description: 'ok' }, ...responses } } } },
    components: { schemas: { Error: envelope, Problem: problem, ...components } },
  };
}

describe('consistent-error-schema', () => {
  it('flags the minority shape, even an allowed one, at the component the schema comes from', async () => {
    const results = await lintDoc(
      doc({
        '400': json({ $ref: '#/components/schemas/Error' }),
        '404': json({ $ref: '#/components/schemas/Error' }),
        '500': json({ $ref: '#/components/schemas/Problem' }, 'application/problem+json'),
      }),
      [ID],
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['components', 'schemas', 'Problem'],
        message:
          'Inconsistent error shape: this body is RFC 9457 problem details (type, title, status, detail), but 2 of the 3 error responses in this document use the { error: { code, message } } envelope; give every 4XX/5XX JSON response that schema.',
        severity: 'warn',
        line: 45,
      },
    ]);
  });

  it('resolves allOf before comparing and flags an ad-hoc shape inline', async () => {
    const results = await lintDoc(
      doc(
        {
          '400': json({ allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { requestId: { type: 'string' } } }] }),
          '404': json({ $ref: '#/components/schemas/Error' }),
          '409': json({ type: 'object', properties: { message: { type: 'string' } } }),
        },
        { Base: envelope },
      ),
      [ID],
    );
    expect(results.map((r) => [r.code, r.path])).toEqual([
      [CODE, ['paths', '/users', 'get', 'responses', '409', 'content', 'application/json', 'schema']],
    ]);
    expect(results[0]!.message).toBe(
      'Inconsistent error shape: this body is a shape of its own, { message }, but 2 of the 3 error responses in this document use the { error: { code, message } } envelope; give every 4XX/5XX JSON response that schema.',
    );
  });

  it('format option: problem+json flags envelopes; envelope flags problem details', async () => {
    const d = doc({ '400': json({ $ref: '#/components/schemas/Error' }), '500': json(problem, 'application/problem+json') });
    const asProblem = await lintDoc(d, [ID], { rules: { [CODE]: ['warn', { format: 'problem+json' }] } });
    expect(asProblem.map((r) => r.path.join('/'))).toEqual(['components/schemas/Error']);
    expect(asProblem[0]!.message).toBe(
      'Inconsistent error shape: this body is the { error: { code, message } } envelope, but the configured error format is RFC 9457 problem details (type, title, status, detail); use it for every 4XX/5XX JSON response.',
    );
    const asEnvelope = await lintDoc(d, [ID], { rules: { [CODE]: ['warn', { format: 'envelope' }] } });
    expect(asEnvelope.map((r) => r.path)).toEqual([['paths', '/users', 'get', 'responses', '500', 'content', 'application/problem+json', 'schema']]);
  });

  it('reports a vendor shape used consistently once, as not standard, apart from inconsistency', async () => {
    const results = await lintDoc(
      doc({ '404': json({ $ref: '#/components/schemas/Basic' }), '422': json({ $ref: '#/components/schemas/Basic' }) }, { Basic: { type: 'object', properties: { message: { type: 'string' }, documentation_url: { type: 'string' } } } }),
      [ID],
    );
    // Both uses point at one component: one finding there.
    expect(results.map((r) => r.path.join('/'))).toEqual(['components/schemas/Basic']);
    expect(results[0]!.message).toBe(
      'Not a standard error shape: all 2 error responses in this document share a shape of the document\'s own, { documentation_url, message }, consistent but neither the { error: { code, message } } envelope nor RFC 9457 problem details; prefer one of those, which clients and tools already understand.',
    );
  });

  it('a vendor shape and its extensions are one shape; a different body in that document is inconsistent', async () => {
    const clientError = {
      type: 'object',
      properties: { type: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, request_id: { type: 'string' } },
    };
    const d = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/files/{id}': {
          get: {
            responses: {
              '400': json({ $ref: '#/components/schemas/ClientError' }),
              '404': json({ $ref: '#/components/schemas/ClientError' }),
              '409': json({ $ref: '#/components/schemas/ConflictError' }),
              '500': json({ $ref: '#/components/schemas/ClientError' }),
            },
          },
          put: { responses: { '400': json({ $ref: '#/components/schemas/ClientError' }), '412': json({ $ref: '#/components/schemas/Odd' }) } },
        },
      },
      components: {
        schemas: {
          ClientError: clientError,
          ConflictError: { allOf: [{ $ref: '#/components/schemas/ClientError' }, { type: 'object', properties: { context_info: { type: 'object' } } }] },
          Odd: { type: 'object', properties: { reason: { type: 'string' }, retry: { type: 'boolean' } } },
        },
      },
    };
    const results = await lintDoc(d, [ID]);
    expect(results.map((r) => [r.path.join('/'), r.message])).toEqual([
      [
        'components/schemas/ClientError',
        'Not a standard error shape: 5 of the 6 error responses in this document share a shape of the document\'s own, { code, message, request_id, status, type }, consistent but neither the { error: { code, message } } envelope nor RFC 9457 problem details; prefer one of those, which clients and tools already understand.',
      ],
      [
        'components/schemas/Odd',
        'Inconsistent error shape: this body is a shape of its own, { reason, retry }, but 5 of the 6 error responses in this document use the document\'s own shape { code, message, request_id, status, type }; give every 4XX/5XX JSON response that schema.',
      ],
    ]);
  });

  it('SCIM (RFC 7644) and OAuth 2.0 (RFC 6749) errors are protocol shapes: consistent where they are used', async () => {
    const scim = {
      type: 'object',
      properties: { schemas: { type: 'array', items: { type: 'string' } }, status: { type: 'string' }, scimType: { type: 'string' }, detail: { type: 'string' } },
    };
    const oauth = { type: 'object', properties: { error: { type: 'string', enum: ['invalid_grant'] }, error_description: { type: 'string' } } };
    const d = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/scim/v2/Users': { get: { responses: { '400': json({ $ref: '#/components/schemas/ScimError' }, 'application/scim+json'), '404': json({ $ref: '#/components/schemas/ScimError' }) } } },
        '/scim/v2/Groups': { post: { responses: { '409': { description: 'e', content: { 'application/scim+json': {} } } } } },
        '/oauth2/token': { post: { responses: { '400': json({ $ref: '#/components/schemas/OAuthError' }) } } },
      },
      components: { schemas: { ScimError: scim, OAuthError: oauth } },
    };
    expect(await lintDoc(d, [ID])).toEqual([]);
    // In an envelope document the OAuth token endpoint keeps its RFC 6749 error; a SCIM body is judged like any other shape.
    const mixed = doc({ '400': json({ $ref: '#/components/schemas/Error' }), '404': json({ $ref: '#/components/schemas/Error' }), '401': json(oauth), '409': json(scim) });
    expect((await lintDoc(mixed, [ID])).map((r) => r.message)).toEqual([
      'Inconsistent error shape: this body is the SCIM error of RFC 7644 (schemas, status, scimType, detail), but 2 of the 3 error responses in this document use the { error: { code, message } } envelope; give every 4XX/5XX JSON response that schema.',
    ]);
  });

  it('does not judge default responses, non-JSON errors, success bodies, or schemaless bodies', async () => {
    const results = await lintDoc(
      doc({
        '400': json({ $ref: '#/components/schemas/Error' }),
        '404': { description: 'not found' },
        '406': json({ type: 'string' }, 'text/plain'),
        '500': json({}),
        '422': json({ oneOf: [{ $ref: '#/components/schemas/Error' }, { type: 'object', properties: { message: { type: 'string' } } }] }),
        '409': json({ oneOf: [{ $ref: '#/components/schemas/Error' }, envelope] }),
        default: json({ type: 'object', properties: { message: { type: 'string' } } }),
      }),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('accepts a problem+json media type without a schema as problem details; works on 3.1 and Swagger 2.0', async () => {
    const noStatus = { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, instance: { type: 'string' } } };
    const r31 = await lintDoc(
      doc({ '400': { description: 'bad', content: { 'application/problem+json': {} } }, '404': json(problem, 'application/problem+json'), '409': json(noStatus) }, {}, '3.1.0'),
      [ID],
      { format: 'json' },
    );
    expect(r31).toEqual([]);
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      produces: ['application/json'],
      paths: {
        '/users': {
          get: {
            responses: {
              '200': { description: 'ok' },
              '400': { description: 'bad', schema: { $ref: '#/definitions/Error' } },
              '404': { description: 'nf', schema: { $ref: '#/definitions/Error' } },
              '500': { description: 'oops', schema: { type: 'object', properties: { msg: { type: 'string' } } } },
            },
          },
        },
      },
      definitions: { Error: envelope },
    };
    const r2 = await lintDoc(swagger, [ID]);
    expect(r2.map((r) => [r.code, r.path.join('/')])).toEqual([[CODE, 'paths//users/get/responses/500/schema']]);
  });

  it('x-backlint-ignore on one operation does not hide a shared schema that other operations use', async () => {
    const d = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { 'x-backlint-ignore': [ID], responses: { '400': json({ $ref: '#/components/schemas/Problem' }) } } },
        '/b': { get: { responses: { '400': json({ $ref: '#/components/schemas/Problem' }) } } },
        '/c': { get: { responses: { '400': json({ $ref: '#/components/schemas/Error' }), '404': json({ $ref: '#/components/schemas/Error' }), '409': json({ $ref: '#/components/schemas/Error' }) } } },
      },
      components: { schemas: { Error: envelope, Problem: problem } },
    };
    expect((await lintDoc(d, [ID])).map((r) => r.path.join('/'))).toEqual(['components/schemas/Problem']);
    const bothIgnored = structuredClone(d) as unknown as { paths: Record<string, { get: Record<string, unknown> }> };
    bothIgnored.paths['/b']!.get['x-backlint-ignore'] = [ID];
    expect(await lintDoc(bothIgnored, [ID])).toEqual([]);
  });
});
