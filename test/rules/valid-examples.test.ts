import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';
import { ExampleValidator, isHostLedAddress } from '../../src/openapi/example-validator.js';

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
    // ...but a response still needs its readOnly fields, and a request its writeOnly ones; and
    // neither shows the other side's.
    const bad = oas3(
      {
        requestBody: { content: { 'application/json': { schema: wrapper, example: { user: { id: 1, name: 'a' } } } } },
        responses: { '201': { description: 'ok', content: { 'application/json': { schema: wrapper, example: { user: { name: 'a', password: 'p' } } } } } },
      },
      { components: { schemas: { User: user } } },
    );
    expect((await lintDoc(bad, RULE)).map((r) => r.message)).toEqual([
      'The example of the application/json request body of POST /users does not match its schema: the value at /user is missing required property "password".',
      'The example of the application/json request body of POST /users shows readOnly property "id" at /user/id: the server sets it and does not accept it in a request.',
      'The example of the application/json 201 response of POST /users does not match its schema: the value at /user is missing required property "id".',
      'The example of the application/json 201 response of POST /users shows writeOnly property "password" at /user/password: the server accepts it and never returns it in a response.',
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

  it('judges a schema object several schemas share (one file behind many $refs) the same wherever it is met', () => {
    // The second time the validator meets the object it shares one validator for it: the errors
    // must still point into the example where the shared part sits.
    const address = { type: 'object', required: ['city'], properties: { city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } } };
    const order = { type: 'object', properties: { billing: address, shipping: address } };
    const user = { type: 'object', properties: { home: address, tags: { type: 'array', items: address } } };
    const v = new ExampleValidator('oas3.0');
    expect(v.validate(order, { billing: { city: 'Oslo' }, shipping: { city: 'Rome', zip: '1234' } }, 'response')).toEqual({ instancePath: '/shipping/zip', message: expect.stringContaining('pattern') });
    expect(v.validate(user, { home: { city: 'Bonn' }, tags: [{ city: 'Lyon' }, { zip: '12345' }] }, 'response')).toEqual({ instancePath: '/tags/1', message: expect.stringContaining('city') });
    expect(v.validate(user, { home: { city: 'Bonn', zip: '12345' } }, 'response')).toBeNull();
    // A fresh validator (nothing shared yet) judges the same.
    expect(new ExampleValidator('oas3.0').validate(user, { home: { city: 'Bonn' }, tags: [{ city: 'Lyon' }, { zip: '12345' }] }, 'response')).toEqual({
      instancePath: '/tags/1',
      message: expect.stringContaining('city'),
    });
  });

  it('a schema nested far too deep for the stack is not judged, not a crash', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 100_000; i++) deep = { type: 'object', properties: { a: deep } };
    expect(new ExampleValidator('oas3.0').validate(deep, { a: 1 }, 'response')).toBeNull();
  });

  describe('readOnly properties in request examples, writeOnly properties in response examples', () => {
    const card = {
      type: 'object',
      properties: { number: { type: 'string' }, cvc: { type: 'string', writeOnly: true }, fingerprint: { type: 'string', readOnly: true } },
    };
    const payment = {
      type: 'object',
      properties: { id: { type: 'string', readOnly: true }, amount: { type: 'integer' }, card: { $ref: '#/components/schemas/Card' } },
    };
    const components = { components: { schemas: { Card: card, Payment: payment } } };
    const ref = { $ref: '#/components/schemas/Payment' };

    it('reports each at the property, through $ref, with the role and why', async () => {
      const doc = oas3(
        {
          requestBody: { content: { 'application/json': { schema: ref, example: { id: 'py_1', amount: 5, card: { number: '4242', cvc: '123', fingerprint: 'fp' } } } } },
          responses: {
            '201': { description: 'ok', content: { 'application/json': { schema: ref, example: { id: 'py_1', amount: 5, card: { number: '4242', cvc: '123', fingerprint: 'fp' } } } } },
          },
        },
        components,
      );
      expect(await lintDoc(doc, RULE)).toEqual([
        {
          code: CODE,
          path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'example', 'id'],
          message: 'The example of the application/json request body of POST /users shows readOnly property "id": the server sets it and does not accept it in a request.',
          severity: 'error',
          line: 14,
        },
        {
          code: CODE,
          path: ['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'example', 'card', 'fingerprint'],
          message:
            'The example of the application/json request body of POST /users shows readOnly property "fingerprint" at /card/fingerprint: the server sets it and does not accept it in a request.',
          severity: 'error',
          line: 19,
        },
        {
          code: CODE,
          path: ['paths', '/users', 'post', 'responses', '201', 'content', 'application/json', 'example', 'card', 'cvc'],
          message:
            'The example of the application/json 201 response of POST /users shows writeOnly property "cvc" at /card/cvc: the server accepts it and never returns it in a response.',
          severity: 'error',
          line: 32,
        },
      ]);
    });

    it('arrays, allOf members and allOf-wrapped property schemas; additionalProperties maps', async () => {
      const schema = {
        type: 'object',
        properties: {
          payments: { type: 'array', items: { allOf: [ref, { type: 'object', properties: { note: { type: 'string' } } }] } },
          owner: { allOf: [{ $ref: '#/components/schemas/Card' }], readOnly: true },
          byName: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Card' } },
        },
      };
      const doc = oas3(
        {
          requestBody: {
            content: { 'application/json': { schema, example: { payments: [{ amount: 1 }, { amount: 2, id: 'py_2', note: 'x' }], owner: { number: '1' }, byName: { a: { fingerprint: 'f' } } } } },
          },
          responses: { '201': { description: 'ok' } },
        },
        components,
      );
      expect((await lintDoc(doc, RULE)).map((r) => [r.path.slice(6).join('/'), r.message.replace(/^.*shows /, '')])).toEqual([
        ['example/payments/1/id', 'readOnly property "id" at /payments/1/id: the server sets it and does not accept it in a request.'],
        ['example/owner', 'readOnly property "owner": the server sets it and does not accept it in a request.'],
        ['example/byName/a/fingerprint', 'readOnly property "fingerprint" at /byName/a/fingerprint: the server sets it and does not accept it in a request.'],
      ]);
    });

    it('oneOf/anyOf: only when every branch that declares the property gives it the same role', async () => {
      const agree = { oneOf: [{ type: 'object', properties: { id: { type: 'string', readOnly: true }, a: { type: 'string' } } }, { type: 'object', properties: { id: { type: 'string', readOnly: true }, b: { type: 'string' } } }] };
      const disagree = { anyOf: [{ type: 'object', properties: { id: { type: 'string', readOnly: true } } }, { type: 'object', properties: { id: { type: 'string' } } }] };
      const onlyOne = { oneOf: [{ type: 'object', properties: { id: { type: 'string', readOnly: true } } }, { type: 'object', properties: { b: { type: 'string' } } }] };
      const doc = {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/a': { post: { requestBody: { content: { 'application/json': { schema: agree, example: { id: '1', a: 'x' } } } }, responses: { '204': { description: 'ok' } } } },
          '/b': { post: { requestBody: { content: { 'application/json': { schema: disagree, example: { id: '1' } } } }, responses: { '204': { description: 'ok' } } } },
          '/c': { post: { requestBody: { content: { 'application/json': { schema: onlyOne, example: { id: '1' } } } }, responses: { '204': { description: 'ok' } } } },
        },
      };
      const placement = (await lintDoc(doc, RULE)).filter((r) => r.message.includes(' shows '));
      expect(placement.map((r) => `${r.path[1]} ${r.path.slice(-1)[0]}`)).toEqual(['/a id', '/c id']);
    });

    it('shared examples are reported once, where written; a schema\'s own example and headers are never such a finding', async () => {
      const doc = {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {
          '/a': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Payment' }, examples: { p: { $ref: '#/components/examples/Payment' } } } } }, responses: { '204': { description: 'ok' } } } },
          '/b': { put: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Payment' }, examples: { p: { $ref: '#/components/examples/Payment' } } } } }, responses: { '204': { description: 'ok' } } } },
          '/c': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Payment' }, examples: { p: { $ref: '#/components/examples/Payment' } } } } } } } },
        },
        components: {
          schemas: { Card: card, Payment: { ...payment, examples: [{ id: 'py_1', card: { cvc: '1' } }] } },
          examples: { Payment: { value: { id: 'py_1', amount: 1 } } },
        },
      };
      expect((await lintDoc(doc, RULE)).map((r) => [r.path.join('/'), r.message])).toEqual([
        ['components/examples/Payment/value/id', 'Example "p" of the application/json request body of POST /a shows readOnly property "id": the server sets it and does not accept it in a request.'],
      ]);
    });

    it('parameters are request data; a property both readOnly and writeOnly is not judged', async () => {
      const filter = { type: 'object', properties: { id: { type: 'string', readOnly: true }, odd: { type: 'string', readOnly: true, writeOnly: true } } };
      const doc = oas3({
        parameters: [{ name: 'filter', in: 'query', content: { 'application/json': { schema: filter, example: { id: '1', odd: 'x' } } } }],
        responses: { '204': { description: 'ok' } },
      });
      expect((await lintDoc(doc, RULE)).map((r) => r.message)).toEqual([
        'The example of query parameter "filter" of POST /users shows readOnly property "id": the server sets it and does not accept it in a request.',
      ]);
    });

    it('Swagger 2.0: response examples with writeOnly properties; readOnly ones belong there', async () => {
      const doc = {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        paths: {
          '/cards/{id}': {
            get: {
              parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
              responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Card' }, examples: { 'application/json': { number: '4242', cvc: '123', fingerprint: 'fp' } } } },
            },
          },
        },
        definitions: { Card: card },
      };
      expect((await lintDoc(doc, RULE)).map((r) => [r.path.join('/'), r.message])).toEqual([
        [
          'paths//cards/{id}/get/responses/200/examples/application/json/cvc',
          'The application/json example of the 200 response of GET /cards/{id} shows writeOnly property "cvc": the server accepts it and never returns it in a response.',
        ],
      ]);
    });
  });

  describe('format uri: a host-led address without a scheme', () => {
    it('is reported with a message asking for a scheme; relative references, schemes, templates are not', async () => {
      const uri = { type: 'string', format: 'uri' };
      const schema = { type: 'object', properties: { a: uri, b: uri, c: uri, d: uri, e: uri, f: uri, g: uri, h: uri, i: uri, j: uri } };
      const doc = oas3({
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema,
                examples: {
                  host: { value: { a: 'example.com/x' } },
                  www: { value: { a: 'www.example.com' } },
                  port: { value: { a: 'api.example.com:8443/v1' } },
                  fine: {
                    value: { a: '/v1/accounts?page=2', b: '?page=2', c: '#top', d: './a', e: 'mailto:a@example.com', f: 'urn:isbn:0451450523', g: 'https://example.com', h: '{base}/x', i: '', j: 'report.json' },
                  },
                },
              },
            },
          },
        },
      });
      expect((await lintDoc(doc, RULE)).map((r) => [r.path.slice(-3).join('/'), r.message])).toEqual(
        ['host', 'www', 'port'].map((name) => [
          `${name}/value/a`,
          `Example "${name}" of the application/json 200 response of POST /users does not match its schema: the value at /a must be an absolute URI with a scheme ("https://…"): without one it reads as a relative path.`,
        ]),
      );
    });

    it('isHostLedAddress', () => {
      for (const yes of ['example.com', 'example.com/x', 'www.example.com', 'www.foo', 'api.example.com:8443/v1', 'localhost:3000/x', '10.0.0.1/x', 'docs.github.com/rest?x=1', 'EXAMPLE.ORG#a']) {
        expect([yes, isHostLedAddress(yes)]).toEqual([yes, true]);
      }
      for (const no of ['', '/a', '?a', '#a', '.', '../a', 'a/b', 'v1.2/x', 'readme.md', 'report.pdf', 'index.html', 'localhost/x', 'https://example.com', 'mailto:x@example.com', 'urn:a:b', 'tel:5550123', 'com.example.app:/cb', '{host}/x', '<url>', '$BASE/x', 'user@example.com', 'a..com', '-a.com', 'a'.repeat(3000) + '.com']) {
        expect([no, isHostLedAddress(no)]).toEqual([no, false]);
      }
    });

    it('whitespace keeps its own message', async () => {
      const doc = oas3({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string', format: 'uri' }, example: '/a b' } } } } });
      expect((await lintDoc(doc, RULE)).map((r) => r.message)).toEqual([
        'The example of the application/json 200 response of POST /users does not match its schema: the value must match format "uri".',
      ]);
    });
  });
});
