import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';
import { ExampleValidator } from '../../src/openapi/example-validator.js';

const CODE = 'backlint/valid-examples';
const RULE = ['valid-examples'];

const user = {
  type: 'object',
  required: ['id', 'name', 'password'],
  properties: {
    id: { type: 'integer', readOnly: true },
    name: { type: 'string' },
    password: { type: 'string', writeOnly: true },
    nick: { type: 'string', nullable: true },
  },
};

function oas3(op: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths: { '/users': { post: op } }, ...extra };
}

describe('valid-examples (Spectral)', () => {
  it('reports an invalid media example at the offending value with a precise message', async () => {
    const results = await lintDoc(
      oas3({
        requestBody: { content: { 'application/json': { schema: user, example: { name: 42, password: 'x' } } } },
        responses: { '201': { description: 'ok' } },
      }),
      RULE,
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'example', 'name'],
        message: 'The example of the application/json request body of POST /users does not match its schema: the value at /name must be string.',
        severity: 'error',
        line: 30,
      },
    ]);
  });

  it('respects readOnly in requests and writeOnly in responses, recursively', async () => {
    const wrapper = { type: 'object', required: ['user'], properties: { user: { $ref: '#/components/schemas/User' } } };
    const doc = oas3(
      {
        requestBody: { content: { 'application/json': { schema: wrapper, example: { user: { name: 'a', password: 'p' } } } } },
        responses: {
          '201': { description: 'ok', content: { 'application/json': { schema: wrapper, examples: { one: { value: { user: { id: 1, name: 'a' } } } } } } },
        },
      },
      { components: { schemas: { User: user } } },
    );
    expect(await lintDoc(doc, RULE)).toEqual([]);
    // ...but a response still needs its readOnly fields, and a request its writeOnly ones.
    const bad = oas3(
      {
        requestBody: { content: { 'application/json': { schema: wrapper, example: { user: { id: 1, name: 'a' } } } } },
        responses: { '201': { description: 'ok', content: { 'application/json': { schema: wrapper, example: { user: { name: 'a', password: 'p' } } } } } },
      },
      { components: { schemas: { User: user } } },
    );
    expect((await lintDoc(bad, RULE)).map((r) => r.message)).toEqual([
      'The example of the application/json request body of POST /users does not match its schema: the value at /user is missing required property "password".',
      'The example of the application/json 201 response of POST /users does not match its schema: the value at /user is missing required property "id".',
    ]);
  });

  it('OAS 3.0: null is invalid without nullable, valid with it', async () => {
    const schema = { type: 'object', properties: { nick: { type: 'string', nullable: true }, name: { type: 'string' } } };
    const ok = oas3({ responses: { '200': { description: 'ok', content: { 'application/json': { schema, example: { nick: null } } } } } });
    expect(await lintDoc(ok, RULE)).toEqual([]);
    const bad = oas3({ responses: { '200': { description: 'ok', content: { 'application/json': { schema, example: { name: null } } } } } });
    expect((await lintDoc(bad, RULE)).map((r) => [r.path.join('/'), r.message])).toEqual([
      [
        'paths//users/post/responses/200/content/application~1json/example/name'.replace('~1', '/'),
        'The example of the application/json 200 response of POST /users does not match its schema: the value at /name must be string.',
      ],
    ]);
  });

  it('OAS 3.1 is JSON Schema 2020-12: type arrays with null, const, prefixItems, schema `examples`', async () => {
    const schema = {
      type: 'object',
      properties: { nick: { type: ['string', 'null'] }, kind: { const: 'user' }, pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] } },
    };
    const ok = oas3({ responses: { '200': { description: 'ok', content: { 'application/json': { schema, example: { nick: null, kind: 'user', pair: ['a', 1] } } } } } }, {}, '3.1.0');
    expect(await lintDoc(ok, RULE)).toEqual([]);
    const bad = oas3(
      { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { ...schema, examples: [{ pair: ['a', 'b'] }] } } } } } },
      {},
      '3.1.0',
    );
    expect((await lintDoc(bad, RULE)).map((r) => r.message)).toEqual([
      'The schema example does not match its schema: the value at /pair/1 must be integer.',
    ]);
  });

  it('validates component examples once, where they are written, and schema-level property examples', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' }, examples: { cat: { $ref: '#/components/examples/Cat' } } } } } } } },
        '/b': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' }, examples: { cat: { $ref: '#/components/examples/Cat' } } } } } } } },
      },
      components: {
        schemas: { Pet: { type: 'object', properties: { age: { type: 'integer', minimum: 0, example: -1 }, kind: { type: 'string', enum: ['cat', 'dog'] } } } },
        examples: { Cat: { value: { kind: 'lion' } } },
      },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => [r.path.join('/'), r.message])).toEqual([
      ['components/schemas/Pet/properties/age/example', 'The example of property "age" does not match its schema: the value must be >= 0.'],
      ['components/examples/Cat/value/kind', 'Example "cat" of the application/json 200 response of GET /a does not match its schema: the value at /kind must be one of "cat", "dog".'],
    ]);
  });

  it('parameters, additionalProperties and formats; unknown formats and relative URIs are accepted', async () => {
    const doc = oas3({
      parameters: [
        { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' }, example: 'yesterday' },
        { name: 'n', in: 'query', schema: { type: 'integer', format: 'int32' }, examples: { one: { value: 1 } } },
      ],
      requestBody: {
        content: {
          'application/json': {
            schema: { type: 'object', additionalProperties: false, properties: { next: { type: 'string', format: 'uri' }, id: { type: 'string', format: 'snowflake' } } },
            example: { next: '/v1/users?page=2', id: '123', extra: true },
          },
        },
      },
      responses: { '201': { description: 'ok' } },
    });
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => r.message)).toEqual([
      'The example of query parameter "since" of POST /users does not match its schema: the value must match format "date-time".',
      'The example of the application/json request body of POST /users does not match its schema: the value has unexpected property "extra".',
    ]);
  });

  it('does not judge non-JSON media examples, externalValue examples or unresolvable schemas; handles cycles', async () => {
    const node: Record<string, unknown> = { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } };
    const doc = oas3(
      {
        requestBody: { content: { 'application/xml': { schema: { type: 'object' }, example: '<a/>' }, 'application/json': { schema: { $ref: '#/components/schemas/Node' }, examples: { ext: { externalValue: 'https://example.com/x.json' }, tree: { value: { name: 'a', children: [{ name: 'b', children: [] }] } } } } } },
        responses: { '201': { description: 'ok' } },
      },
      { components: { schemas: { Node: node } } },
    );
    expect(await lintDoc(doc, RULE)).toEqual([]);
    const badTree = oas3(
      {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' }, example: { name: 'a', children: [{ name: 1 }] } } } },
        responses: { '201': { description: 'ok' } },
      },
      { components: { schemas: { Node: node } } },
    );
    expect((await lintDoc(badTree, RULE)).map((r) => r.path.slice(-4).join('/'))).toEqual(['example/children/0/name']);
  });

  it('Swagger 2.0: response examples by mime type, x-nullable, boolean exclusiveMaximum', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                schema: { type: 'object', properties: { n: { type: 'integer', maximum: 10, exclusiveMaximum: true }, s: { type: 'string', 'x-nullable': true } } },
                examples: { 'application/json': { n: 10, s: null }, 'text/plain': 'whatever' },
              },
            },
          },
        },
      },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => [r.path.join('/'), r.message])).toEqual([
      ['paths//a/get/responses/200/examples/application/json/n', 'The application/json example of the 200 response of GET /a does not match its schema: the value at /n must be < 10.'],
    ]);
  });

  it('oneOf with a discriminator: overlapping branches are not an invalid example; without one they are', async () => {
    const cat = { type: 'object', properties: { kind: { type: 'string' }, name: { type: 'string' } } };
    const dog = { type: 'object', properties: { kind: { type: 'string' }, name: { type: 'string' } } };
    const withDiscriminator = { oneOf: [cat, dog], discriminator: { propertyName: 'kind' } };
    const ok = oas3({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: withDiscriminator, example: { kind: 'cat', name: 'Tom' } } } } } });
    expect(await lintDoc(ok, RULE)).toEqual([]);
    const bad = oas3({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: { oneOf: [cat, dog] }, example: { kind: 'cat' } } } } } });
    expect((await lintDoc(bad, RULE)).map((r) => r.message)).toEqual([
      'The example of the application/json 200 response of POST /users does not match its schema: the value matches more than one oneOf alternative.',
    ]);
  });

  it('a schema nested far too deep for the stack is not judged, not a crash', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 100_000; i++) deep = { type: 'object', properties: { a: deep } };
    expect(new ExampleValidator('oas3.0').validate(deep, { a: 1 }, 'response')).toBeNull();
  });
});
