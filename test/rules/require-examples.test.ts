import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-examples';
const RULE = ['require-examples'];
const user = { type: 'object', properties: { name: { type: 'string' } } };

function oas3(op: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths: { '/users': { post: op } }, ...extra };
}

describe('require-examples (Spectral)', () => {
  it('flags a JSON request body and a 2XX JSON response without any example, at the media type', async () => {
    const results = await lintDoc(
      oas3({
        requestBody: { content: { 'application/json': { schema: user } } },
        responses: { '201': { description: 'ok', content: { 'application/json': { schema: user } } } },
      }),
      RULE,
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json'],
        message: 'The application/json request body of POST /users has no example; add `example`/`examples` to the media type or an example to its schema.',
        severity: 'warn',
        line: 10,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'responses', '201', 'content', 'application/json'],
        message: 'The application/json 201 response of POST /users has no example; add `example`/`examples` to the media type or an example to its schema.',
        severity: 'warn',
        line: 20,
      },
    ]);
  });

  it('accepts media `example`, `examples`, a schema example through $ref/allOf, 3.1 schema `examples`, and exemplified array items', async () => {
    const doc = oas3(
      {
        requestBody: { content: { 'application/json': { schema: user, example: { name: 'a' } } } },
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: user, examples: { one: { value: { name: 'a' } } } } } },
          '201': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } },
          '202': { description: 'ok', content: { 'application/vnd.api+json': { schema: { allOf: [{ $ref: '#/components/schemas/User' }] } } } },
          '203': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/User' } } } } },
          '206': { description: 'ok', content: { 'application/json': { schema: { ...user, examples: [{ name: 'a' }] } } } },
        },
      },
      { components: { schemas: { User: { ...user, example: { name: 'a' } } } } },
      '3.1.0',
    );
    expect(await lintDoc(doc, RULE)).toEqual([]);
  });

  it('does not judge non-JSON media, error responses or bodiless responses', async () => {
    const doc = oas3({
      requestBody: { content: { 'multipart/form-data': { schema: user }, 'text/plain': { schema: { type: 'string' } } } },
      responses: {
        '204': { description: 'none' },
        '400': { description: 'bad', content: { 'application/json': { schema: user } } },
        default: { description: 'err', content: { 'application/problem+json': { schema: user } } },
        '200': { description: 'csv', content: { 'text/csv': { schema: { type: 'string' } } } },
      },
    });
    expect(await lintDoc(doc, RULE)).toEqual([]);
  });

  it('Swagger 2.0: response `examples` by mime type and schema examples count; a body without example is flagged', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      produces: ['application/json'],
      paths: {
        '/users': {
          post: {
            parameters: [{ name: 'body', in: 'body', schema: user }],
            responses: { '201': { description: 'ok', schema: user, examples: { 'application/json': { name: 'a' } } } },
          },
          get: { responses: { '200': { description: 'ok', schema: { ...user, example: { name: 'a' } } } } },
        },
      },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => [r.code, r.path.join('/'), r.message])).toEqual([
      [CODE, 'paths//users/post/parameters/0', 'The application/json request body of POST /users has no example; add `example`/`examples` to the media type or an example to its schema.'],
    ]);
  });
});
