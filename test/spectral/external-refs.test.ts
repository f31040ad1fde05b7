/**
 * The runner's `resolve` with a document's file-ref results put in by one `produce`
 * (src/spectral/external-refs.ts) against json-ref-resolver's own: the same resolved tree (shape,
 * shared nodes, frozen nodes), ref maps, graph and errors on multi-file documents, and the same
 * findings through real Spectral; the cases where one `produce` could differ stay one by one.
 */
import path from 'node:path';
import { Document } from '@stoplight/spectral-core';
import { describe, expect, it } from 'vitest';
import { batchExternalRefResults, runnerResolves } from '../../src/spectral/external-refs.js';
import { createResolver } from '../../src/spectral/refs.js';
import { lintOpenApiFiles } from '../../src/spectral/run.js';
import { SafeYaml } from '../../src/spectral/yaml.js';
import { resolverDiff } from '../helpers/resolver-diff.js';
import { tempTrees } from '../helpers/temp-tree.js';

const tmp = tempTrees('backlint-external-refs-');

expect(batchExternalRefResults()).toBe(true);
const resolves = runnerResolves()!;

/** Runs `fn` with the runner's `resolve` set to one of the two, then puts the batched one back. */
async function withResolve<T>(which: 'original' | 'batched', fn: () => Promise<T>): Promise<T> {
  resolves.prototype.resolve = resolves[which];
  try {
    return await fn();
  } finally {
    resolves.prototype.resolve = resolves.batched;
  }
}

const TREE: Record<string, string> = {
  'openapi.yaml': `openapi: 3.1.0
info: { title: Shop, version: 1.0.0 }
paths:
  /users: { $ref: './paths/users.yaml' }
  /users/{id}: { $ref: './paths/user.yaml' }
  /orders: { $ref: './paths/orders.yaml#/orders' }
  /missing: { $ref: './paths/nope.yaml' }
  /bad-pointer: { $ref: './paths/orders.yaml#/nothing/here' }
components:
  schemas:
    User: { $ref: './schemas/user.yaml' }
    Users: { type: array, items: { $ref: './schemas/user.yaml' } }
    Both:
      allOf:
        - { $ref: './schemas/user.yaml' }
        - { $ref: './schemas/audit.yaml#/Audit' }
        - { $ref: '#/components/schemas/Local' }
    Local: { type: object, properties: { id: { type: string } } }
    Cycle: { $ref: './schemas/a.yaml' }
    Sibling:
      $ref: './schemas/audit.yaml#/Audit'
      description: a ref with a sibling
    Twice: { $ref: './schemas/frag.yaml#/A' }
`,
  // A fragment's crawl follows its local refs: B is crawled twice, its file refs met twice at one path.
  'schemas/frag.yaml': `A:
  type: object
  properties:
    p: { $ref: '#/B' }
    q: { $ref: '#/B' }
B:
  type: object
  properties:
    u: { $ref: './user.yaml' }
    e: { $ref: './error.yaml' }
`,
  'paths/users.yaml': `get:
  operationId: listUsers
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema: { type: array, items: { $ref: '../schemas/user.yaml' } }
post:
  operationId: createUser
  requestBody:
    content:
      application/json:
        schema: { $ref: '../schemas/user.yaml' }
  responses:
    '201': { description: created, content: { application/json: { schema: { $ref: '../schemas/user.yaml' } } } }
`,
  'paths/user.yaml': `get:
  operationId: getUser
  parameters: [{ $ref: '../parameters.yaml#/Id' }]
  responses:
    '200': { description: ok, content: { application/json: { schema: { $ref: '../schemas/user.yaml' } } } }
    '404': { $ref: '../responses.yaml#/NotFound' }
delete:
  operationId: deleteUser
  parameters: [{ $ref: '../parameters.yaml#/Id' }]
  responses:
    '204': { description: gone }
    '404': { $ref: '../responses.yaml#/NotFound' }
`,
  'paths/orders.yaml': `orders:
  get:
    operationId: listOrders
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema:
              type: object
              properties:
                data: { type: array, items: { $ref: '#/Order' } }
                audit: { $ref: '../schemas/audit.yaml#/Audit' }
                user: { $ref: '../schemas/user.yaml' }
Order:
  type: object
  properties:
    id: { type: string }
    buyer: { $ref: '../schemas/user.yaml' }
    audit: { $ref: '../schemas/audit.yaml#/Audit' }
`,
  'parameters.yaml': `Id: { name: id, in: path, required: true, schema: { type: string } }
`,
  'responses.yaml': `NotFound:
  description: not found
  content: { application/json: { schema: { $ref: './schemas/error.yaml' } } }
`,
  'schemas/user.yaml': `type: object
properties:
  id: { type: string }
  userName: { type: string }
  audit: { $ref: './audit.yaml#/Audit' }
  manager: { $ref: './user.yaml' }
`,
  'schemas/audit.yaml': `Audit:
  type: object
  properties:
    created_at: { type: string, format: date-time }
    by: { $ref: './user.yaml' }
`,
  'schemas/error.yaml': `type: object
properties: { message: { type: string } }
`,
  'schemas/a.yaml': `type: object
properties: { b: { $ref: './b.yaml' } }
`,
  'schemas/b.yaml': `type: object
properties: { a: { $ref: './a.yaml' } }
`,
};

/** The document parsed once: both resolves must start from the same tree (shared nodes are compared). */
async function resolveWith(which: 'original' | 'batched', dir: string, data: unknown) {
  const file = path.join(dir, 'openapi.yaml');
  const opts = {
    baseUri: file,
    parseResolveResult: (o: { result: unknown }) => Promise.resolve({ ...o, result: SafeYaml.parse(String(o.result)).data }),
  };
  const resolved = await withResolve(which, () => createResolver({ root: dir, lexicalRoot: dir }).resolve(data, opts as never));
  return resolved;
}

describe('batchExternalRefResults', () => {
  it('resolves a multi-file document to the same tree, ref maps, graph and errors as the runner', async () => {
    const dir = tmp(TREE);
    const data = new Document(TREE['openapi.yaml']!, SafeYaml, path.join(dir, 'openapi.yaml')).data;
    const before = { ...resolves.counts };
    const batched = await resolveWith('batched', dir, data);
    expect(resolves.counts.batched).toBeGreaterThan(before.batched);
    expect(resolves.counts.oneByOne).toBeGreaterThan(before.oneByOne);
    const original = await resolveWith('original', dir, data);
    expect(resolverDiff(data, batched as never, original as never)).toEqual([]);
    expect(JSON.stringify(batched.result)).toBe(JSON.stringify(original.result));
    // Each graph node's data (what Spectral's document inventory maps findings through).
    type Graph = { overallOrder(): string[]; getNodeData(n: string): { data?: unknown } | undefined };
    const graphOf = (r: unknown) => (r as { graph: Graph }).graph;
    const nodes = graphOf(batched).overallOrder();
    expect(nodes.length).toBeGreaterThan(5);
    for (const node of nodes) {
      const a = graphOf(batched).getNodeData(node)?.data;
      const b = graphOf(original).getNodeData(node)?.data;
      expect([node, resolverDiff(data, { ...batched, result: a } as never, { ...original, result: b } as never)]).toEqual([node, []]);
    }
    expect(batched.errors.map((e: { code: string }) => e.code)).toEqual(['RESOLVE_URI', 'POINTER_MISSING']);
  });

  it('gives the same findings, at the same places, through real Spectral', async () => {
    const dir = tmp(TREE);
    const lint = (which: 'original' | 'batched') =>
      withResolve(which, async () =>
        (await lintOpenApiFiles([path.join(dir, 'openapi.yaml')], { cwd: dir, preset: 'strict' })).flatMap((r) =>
          r.findings.map((f) => [r.file, f.ruleId, f.line, f.column, f.message].join(' ')),
        ),
      );
    const batched = await lint('batched');
    const original = await lint('original');
    expect(batched.length).toBeGreaterThan(10);
    expect(batched).toEqual(original);
  });
});
