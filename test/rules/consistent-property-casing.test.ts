import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/consistent-property-casing';
const RULE = ['consistent-property-casing'];

function doc(schemas: Record<string, unknown>, paths: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths, components: { schemas } };
}

describe('consistent-property-casing (Spectral)', () => {
  it('reports the minority style at each property, majority counted over the document', async () => {
    const results = await lintDoc(
      doc({
        User: { type: 'object', properties: { first_name: { type: 'string' }, last_name: { type: 'string' }, createdAt: { type: 'string' } } },
      }),
      RULE,
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['components', 'schemas', 'User', 'properties', 'createdAt'],
        message: 'Property "createdAt" is camelCase but this document names properties in snake_case (2 snake_case vs 1); rename it to "created_at".',
        severity: 'warn',
        line: 15,
      },
    ]);
  });

  it('camelCase majority flags snake_case, in inline request/response schemas and nested items (3.1)', async () => {
    const results = await lintDoc(
      doc(
        { A: { type: 'object', properties: { userId: { type: 'string' }, createdAt: { type: 'string' } } } },
        {
          '/a': {
            post: {
              requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { orderItems: { type: 'array', items: { type: 'object', properties: { unit_price: { type: 'number' } } } } } } } } },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
        '3.1.0',
      ),
      RULE,
    );
    expect(results.map((r) => [r.path.join('/'), r.message])).toEqual([
      [
        'paths//a/post/requestBody/content/application/json/schema/properties/orderItems/items/properties/unit_price',
        'Property "unit_price" is snake_case but this document names properties in camelCase (3 camelCase vs 1); rename it to "unitPrice".',
      ],
    ]);
  });

  it('single-word names, PascalCase, kebab-case and parameter names are neutral; a tie reports nothing', async () => {
    const neutral = doc(
      { A: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, Type: { type: 'string' }, 'x-meta': { type: 'string' }, '@type': { type: 'string' }, line1: { type: 'string' }, userId: { type: 'string' } } } },
      { '/a': { get: { parameters: [{ name: 'page_size', in: 'query', schema: { type: 'integer' } }, { name: 'sort_by', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } } },
    );
    expect(await lintDoc(neutral, RULE)).toEqual([]);
    const tie = doc({ A: { type: 'object', properties: { userId: { type: 'string' }, created_at: { type: 'string' } } } });
    expect(await lintDoc(tie, RULE)).toEqual([]);
  });

  it('counts a shared component once and reports it on the component (Swagger 2.0 definitions)', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Pet' } } } } },
        '/b': { get: { responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Pet' } } } } },
      },
      definitions: { Pet: { type: 'object', properties: { petName: { type: 'string' }, owner_id: { type: 'string' }, birth_date: { type: 'string' } } } },
    };
    const results = await lintDoc(swagger, RULE);
    expect(results.map((r) => [r.code, r.path.join('/')])).toEqual([[CODE, 'definitions/Pet/properties/petName']]);
  });
});
