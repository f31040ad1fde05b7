/**
 * The fast path for documents whose refs are all internal (src/spectral/internal-refs.ts) against
 * the resolver it stands in for: the same resolved tree (shape, shared nodes, frozen nodes), ref
 * maps and errors on tricky documents, and the same findings, at the same places, through real
 * Spectral. Documents with any other ref go to the full resolver.
 */
import path from 'node:path';
import { Document } from '@stoplight/spectral-core';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { describe, expect, it } from 'vitest';
import { decodePointer, resolveInternal } from '../../src/spectral/internal-refs.js';
import { createResolver } from '../../src/spectral/refs.js';
import { lintOpenApiFiles } from '../../src/spectral/run.js';
import { SafeYaml } from '../../src/spectral/yaml.js';
import { resolverDiff } from '../helpers/resolver-diff.js';
import { tempTrees } from '../helpers/temp-tree.js';

const FILE = '/lint/root/openapi.yaml';

function parse(text: string): unknown {
  return new Document(text, SafeYaml, FILE).data;
}

/** The fast path's result and the full resolver's, on the same parsed document. */
async function both(text: string) {
  const data = parse(text);
  const opts = { baseUri: FILE, parseResolveResult: (o: unknown) => Promise.resolve(o) };
  const took = resolveInternal(data, { baseUri: FILE }) !== undefined;
  const fast = await createResolver({ root: '/lint/root', lexicalRoot: '/lint/root' }).resolve(data, opts as never);
  const full = await Resolver.prototype.resolve.call(createResolver({ root: '/lint/root', lexicalRoot: '/lint/root' }), data, opts as never);
  return { data, took, fast, full };
}

const CASES: Record<string, string> = {
  'refs to refs, a chain and an alias of an alias': `
a: { $ref: '#/b' }
b: { $ref: '#/c' }
c: { $ref: '#/d' }
d: { type: string, n: 1 }
uses: [{ $ref: '#/a' }, { $ref: '#/c' }, { $ref: '#/d' }]
`,
  'circular refs: self, mutual, through an array, to an ancestor, the whole document': `
components:
  schemas:
    Node:
      properties:
        next: { $ref: '#/components/schemas/Node' }
        self: { $ref: '#/components/schemas/Node/properties' }
    A: { properties: { b: { $ref: '#/components/schemas/B' } } }
    B: { properties: { a: { $ref: '#/components/schemas/A' } }, items: [{ $ref: '#/components/schemas/C' }] }
    C: { allOf: [{ $ref: '#/components/schemas/B/items/0' }] }
root: { $ref: '#' }
use: { $ref: '#/components/schemas/A' }
`,
  'escaped pointers: ~1, ~0, percent-encoding, spaces': `
paths:
  /users/{id}:
    get: { responses: { '200': { description: ok } } }
  /a~b: { x: 1 }
  a b: { y: 2 }
refs:
  - $ref: '#/paths/~1users~1{id}/get/responses/200'
  - $ref: '#/paths/~1users~1%7Bid%7D/get'
  - $ref: '#/paths/~1a~0b'
  - $ref: '#/paths/a b'
  - $ref: '#/paths/a%20b'
`,
  'integer-like keys compared as numbers by the circularity test': `
responses:
  '200': { properties: { x: { $ref: '#/responses/0200' } } }
  '0200': { properties: { y: { $ref: '#/responses/200' } } }
  '1a': { $ref: '#/responses/1b' }
  '1b': { z: { $ref: '#/responses/1a' } }
list: [{ v: 1 }, { $ref: '#/list/0' }, { $ref: '#/responses/200' }]
`,
  'missing targets and undecodable pointers': `
a: { $ref: '#/nowhere' }
b: { $ref: '#/a/deeper/still' }
c: { $ref: '#nope' }
d: { $ref: '#/list/7' }
list: [1, 2]
`,
  'a ref among siblings and a ref under a key with a slash': `
x:
  $ref: '#/y'
  description: { $ref: '#/z' }
y: { 'a/b': { $ref: '#/z' } }
z: { k: v }
`,
};

describe('decodePointer', () => {
  it("decodes every pointer as @stoplight/json's pointerToPath does, errors included", async () => {
    const { createRequire } = await import('node:module');
    const fromResolver = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-ref-resolver'));
    const { pointerToPath } = fromResolver(fromResolver.resolve('@stoplight/json')) as { pointerToPath(p: string): unknown };
    const outcome = (f: () => unknown) => {
      try {
        return { value: f() };
      } catch (e) {
        return { error: String(e) };
      }
    };
    const pointers = ['#', '#/', '#//', '#/a/b/0', '#/paths/~1users~1{id}/get', '#/a%20b/c', '#/a%2Fb', '#/bad%zz', '#/~0~1', '#/ü/é', 'a/b', '', '#a', '/a'];
    for (const p of pointers) expect(outcome(() => decodePointer(p)), p).toEqual(outcome(() => pointerToPath(p)));
  });
});

describe('resolveInternal (internal refs only)', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`gives the full resolver's result: ${name}`, async () => {
      const { data, took, fast, full } = await both(text);
      expect(took).toBe(true);
      expect(resolverDiff(data, full as never, fast as never)).toEqual([]);
    });
  }

  it('resolves refs to refs to the final target, keeps circular refs and reports missing ones', async () => {
    const { fast } = await both(CASES['refs to refs, a chain and an alias of an alias']!);
    const r = fast.result as { uses: unknown[]; d: unknown };
    expect(r.uses).toEqual([{ type: 'string', n: 1 }, { type: 'string', n: 1 }, { type: 'string', n: 1 }]);
    expect(r.uses[2]).toBe(r.d);
    const circular = await both(CASES['circular refs: self, mutual, through an array, to an ancestor, the whole document']!);
    const schemas = (circular.fast.result as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } }).components.schemas;
    // A ref to its own ancestor is left as it is, and so are refs that lead back to themselves.
    expect(schemas.Node!.properties.next).toEqual({ $ref: '#/components/schemas/Node' });
    expect(schemas.A!.properties.b).toEqual({ $ref: '#/components/schemas/B' });
    const missing = await both(CASES['missing targets and undecodable pointers']!);
    expect(missing.fast.errors.map((e) => [e.code, e.message])).toEqual([
      ['PARSE_POINTER', "'#nope' JSON pointer is invalid"],
      ['POINTER_MISSING', "'#/nowhere' does not exist"],
      ['POINTER_MISSING', "'#/a/deeper/still' does not exist"],
      ['POINTER_MISSING', "'#/list/7' does not exist"],
    ]);
  });

  it('declines a document with any file, URL or absolute ref, and a ref at the root', () => {
    expect(resolveInternal(parse("a: { $ref: '#/b' }\nb: { $ref: './other.yaml#/x' }\n"), { baseUri: FILE })).toBeUndefined();
    expect(resolveInternal(parse("a: { $ref: 'https://example.com/x.yaml' }\n"), { baseUri: FILE })).toBeUndefined();
    expect(resolveInternal(parse("a: { $ref: '/etc/passwd' }\n"), { baseUri: FILE })).toBeUndefined();
    expect(resolveInternal(parse("$ref: '#/a'\na: 1\n"), { baseUri: FILE })).toBeUndefined();
    expect(resolveInternal(parse("a: { $ref: '#/b' }\nb: 1\n"), {})).toBeUndefined();
  });
});

const tmp = tempTrees('backlint-refs-');

const DOC = `openapi: 3.0.3
info:
  title: t
  version: '1'
paths:
  /users/{id}:
    get:
      parameters:
        - $ref: '#/components/parameters/Id'
      responses:
        '200':
          $ref: '#/components/responses/Ok'
        '500':
          $ref: '#/components/responses/Alias'
components:
  parameters:
    Id:
      name: id
      in: path
      required: true
      schema:
        type: string
  responses:
    Alias:
      $ref: '#/components/responses/Broken'
    Broken:
      description: broken
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Node'
    Ok:
      description: ok
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/a~1b'
  schemas:
    a/b:
      type: object
      properties:
        userName:
          type: string
        user_id:
          type: string
        other_thing:
          type: string
    Node:
      type: object
      properties:
        next_node:
          $ref: '#/components/schemas/Node'
        missing_one:
          $ref: '#/components/schemas/Missing'
`;

const RULES = {
  'backlint/require-request-id': 'warn',
  'backlint/consistent-property-casing': 'warn',
  'backlint/require-size-limits': 'warn',
} as const;
const picked = (f: { ruleId: string }) => f.ruleId in RULES || f.ruleId === 'invalid-ref';

describe('findings through the fast path (real Spectral)', () => {
  it('locates findings under $ref-ed components where they are written', async () => {
    const cwd = tmp({ 'openapi.yaml': DOC });
    const [result] = await lintOpenApiFiles([path.join(cwd, 'openapi.yaml')], { cwd, preset: 'recommended', rules: RULES });
    const shown = result!.findings.filter(picked).map((f) => [f.ruleId, f.line, f.column, f.jsonPath, f.message]);
    expect(shown).toEqual([
      ['backlint/require-size-limits', 21, 14, ['components', 'parameters', 'Id', 'schema'], 'Value (string) in path parameter "id" of GET /users/{id} has no maxLength; declare one so oversized input is rejected.'],
      // A ref to a ref: reported on the component the chain ends at.
      ['backlint/require-request-id', 26, 12, ['components', 'responses', 'Broken'], 'Response 500 of GET /users/{id} declares no X-Request-ID header; declare it so clients can quote the request id when something fails.'],
      ['backlint/require-request-id', 32, 8, ['components', 'responses', 'Ok'], 'Response 200 of GET /users/{id} declares no X-Request-ID header; declare it so clients can quote the request id when something fails.'],
      // Reached through `#/components/schemas/a~1b`.
      ['backlint/consistent-property-casing', 42, 18, ['components', 'schemas', 'a/b', 'properties', 'userName'], 'Property "userName" is camelCase but this document names properties in snake_case (4 snake_case vs 1); rename it to "user_name".'],
      ['invalid-ref', 54, 17, ['components', 'schemas', 'Node', 'properties', 'missing_one', '$ref'], "'#/components/schemas/Missing' does not exist"],
    ]);
  });

  it('falls back to the full resolver when one ref is external, and keeps both kinds of findings', async () => {
    const mixed = DOC.replace("$ref: '#/components/schemas/a~1b'", "$ref: './schemas/thing.yaml'");
    const cwd = tmp({
      'openapi.yaml': mixed,
      'schemas/thing.yaml': 'type: object\nproperties:\n  userName:\n    type: string\n  user_id:\n    type: string\n  other_thing:\n    type: string\n',
    });
    const results = await lintOpenApiFiles([path.join(cwd, 'openapi.yaml')], { cwd, preset: 'recommended', rules: RULES });
    const shown = results.flatMap((r) => r.findings.filter(picked).map((f) => [f.file, f.ruleId, f.line, f.jsonPath?.join('/')]));
    expect(shown).toEqual([
      ['openapi.yaml', 'backlint/require-size-limits', 21, 'components/parameters/Id/schema'],
      ['openapi.yaml', 'backlint/require-request-id', 26, 'components/responses/Broken'],
      ['openapi.yaml', 'backlint/require-request-id', 32, 'components/responses/Ok'],
      // The component is no longer referenced, but still a schema of the document.
      ['openapi.yaml', 'backlint/consistent-property-casing', 42, 'components/schemas/a/b/properties/userName'],
      ['openapi.yaml', 'invalid-ref', 54, 'components/schemas/Node/properties/missing_one/$ref'],
      ['schemas/thing.yaml', 'backlint/consistent-property-casing', 3, 'properties/userName'],
    ]);
  });
});
