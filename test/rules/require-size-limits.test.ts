import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-size-limits';
const RULE = ['require-size-limits'];

function oas3(op: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths: { '/users': { post: op } }, ...extra };
}

describe('require-size-limits (Spectral)', () => {
  it('flags unbounded strings, arrays and numbers in a request body, each at its schema', async () => {
    const results = await lintDoc(
      oas3({
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  tags: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 20 } },
                  roles: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
                  age: { type: 'integer', minimum: 0 },
                  password: { type: 'string', format: 'password' },
                  code: { type: 'string', pattern: '^[A-Z]+$' },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'ok' } },
      }),
      RULE,
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'name'],
        message: 'Property "name" (string) in the request body of POST /users has no maxLength; declare one so oversized input is rejected.',
        severity: 'warn',
        line: 14,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'roles'],
        message: 'Property "roles" (array) in the request body of POST /users has no maxItems; declare one so oversized input is rejected.',
        severity: 'warn',
        line: 22,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'age'],
        message: 'Property "age" (integer) in the request body of POST /users has no maximum; declare one so oversized input is rejected.',
        severity: 'warn',
        line: 29,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'password'],
        message: 'Property "password" (string) in the request body of POST /users has no maxLength; declare one so oversized input is rejected.',
        severity: 'warn',
        line: 32,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'code'],
        message: 'Property "code" (string) in the request body of POST /users has no maxLength; declare one so oversized input is rejected.',
        severity: 'warn',
        line: 35,
      },
    ]);
  });

  it('does not flag enum, const, bounded formats, binary uploads, readOnly properties, or response schemas', async () => {
    const strings = Object.fromEntries(
      ['date', 'date-time', 'time', 'uuid', 'email', 'uri', 'ipv4', 'ipv6'].map((f) => [f, { type: 'string', format: f }]),
    );
    const doc = oas3(
      {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  ...strings,
                  status: { type: 'string', enum: ['a', 'b'] },
                  kind: { type: 'string', const: 'user' },
                  id: { type: 'string', readOnly: true },
                  nick: { type: ['string', 'null'], maxLength: 3 },
                  score: { type: 'number', exclusiveMaximum: 10 },
                  active: { type: 'boolean' },
                },
              },
            },
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
          },
        },
        responses: { '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { bio: { type: 'string' } } } } } } },
      },
      {},
      '3.1.0',
    );
    expect(await lintDoc(doc, RULE)).toEqual([]);
  });

  it('reports a shared component once, where it is written; parameters are judged too', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { post: { parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } }, responses: { '201': { description: 'ok' } } } },
        '/b': { put: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } }, responses: { '200': { description: 'ok' } } } },
      },
      components: { schemas: { Note: { type: 'object', properties: { text: { type: 'string' } } } } },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => [r.code, r.path.join('/'), r.message])).toEqual([
      [CODE, 'paths//a/post/parameters/0/schema', 'Value (string) in query parameter "q" of POST /a has no maxLength; declare one so oversized input is rejected.'],
      [CODE, 'components/schemas/Note/properties/text', 'Property "text" (string) in the request body of POST /a has no maxLength; declare one so oversized input is rejected.'],
    ]);
  });

  it('Swagger 2.0: inline parameter schemas and body schemas; file parameters are not judged', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          post: {
            consumes: ['multipart/form-data'],
            parameters: [
              { name: 'limit', in: 'query', type: 'integer' },
              { name: 'upload', in: 'formData', type: 'file' },
              { name: 'ids', in: 'query', type: 'array', maxItems: 5, items: { type: 'string', format: 'uuid' } },
            ],
            responses: { '201': { description: 'ok' } },
          },
        },
      },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => [r.path.join('/'), r.message])).toEqual([
      ['paths//a/post/parameters/0', 'Value (integer) in query parameter "limit" of POST /a has no maximum; declare one so oversized input is rejected.'],
    ]);
  });
});
