import { describe, expect, it } from 'vitest';
import { Document, Spectral } from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { stringify } from 'yaml';
import { lintDoc } from '../helpers/spectral.js';
import { RETARGETED } from '../../src/spectral/structural.js';

const { Yaml } = spectralParsers;

/** Spectral's own oas ruleset restricted to one rule: the reference our retargeted copy must match. */
async function reference(doc: object, code: string) {
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [[oas as never, 'off']], rules: { [code]: true } } as never);
  const results = await spectral.run(new Document(stringify(doc), Yaml, '/virtual/openapi.yaml'));
  return results.filter((r) => r.code === code).map((r) => [r.code, r.path.map(String), r.message, r.range.start.line + 1]);
}

const oas3 = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  servers: [{ url: 'https://{region}.example.com/{v}', variables: { region: { default: 'eu', enum: ['us'] } } }],
  security: [{ missing: [] }],
  paths: {
    '/a': {
      servers: [{ url: 'https://{x}.example.com' }],
      get: {
        parameters: [{ name: 'q', in: 'query' }, { name: 'q', in: 'query' }, { in: 'body', name: 'b' }],
        security: [{ alsoMissing: [] }],
        servers: [{ url: 'https://x.example.com/{y}' }],
        callbacks: { onEvent: { '{$request.body#/url}': { post: { callbacks: {}, responses: { '200': { description: 'ok' } } } } } },
        responses: { '200': { description: 'ok', links: { self: { operationId: 'x', server: { url: 'https://{z}.example.com' } } } } },
      },
    },
  },
};

const oas2 = {
  swagger: '2.0',
  info: { title: 't', version: '1' },
  security: [{ nope: [] }],
  paths: { '/a': { get: { security: [{ nope2: [] }], responses: { '200': { description: 'ok' } } } } },
  definitions: { Pet: { type: 'object', discriminator: 'kind', properties: {} } },
};

describe('structural oas rules retargeted onto the document index', () => {
  it.each([
    ['operation-parameters', oas3],
    ['oas3-operation-security-defined', oas3],
    ['oas3-server-variables', oas3],
    ['oas3-callbacks-in-callbacks', oas3],
    ['oas2-operation-security-defined', oas2],
    ['oas2-discriminator', oas2],
  ])('%s reports exactly what Spectral reports', async (code, doc) => {
    const expected = await reference(doc, code);
    expect(expected.length).toBeGreaterThan(0);
    const ours = (await lintDoc(doc, [code])).map((r) => [r.code, r.path, r.message, r.line]);
    expect(ours).toEqual(expected);
  });

  it('covers every retargeted rule in this test', () => {
    expect([...RETARGETED].sort()).toEqual(
      ['oas2-discriminator', 'oas2-operation-security-defined', 'oas3-callbacks-in-callbacks', 'oas3-operation-security-defined', 'oas3-server-variables', 'oas3_1-callbacks-in-webhook', 'oas3_1-servers-in-webhook', 'operation-parameters'].sort(),
    );
  });

  it('3.1 webhook rules report servers and callbacks in webhooks like Spectral', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      webhooks: { ping: { post: { servers: [{ url: 'https://a' }], callbacks: {}, responses: { '200': { description: 'ok' } } } } },
    };
    for (const code of ['oas3_1-servers-in-webhook', 'oas3_1-callbacks-in-webhook']) {
      const expected = await reference(doc, code);
      expect(expected.length).toBeGreaterThan(0);
      expect((await lintDoc(doc, [code])).map((r) => [r.code, r.path, r.message, r.line])).toEqual(expected);
    }
  });

  it('drops schema noise on objects that hold an external $ref, keeps real schema errors', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      tags: [{ name: 'a', description: { $ref: 'description.yml#/intro' } }],
      paths: { '/a': { get: { $ref: 'ops/a.yml' } }, '/b': { get: { responses: 'nope' } } },
    };
    const results = await lintDoc(doc, ['oas3-schema']);
    expect(results.filter((r) => r.code === 'oas3-schema').map((r) => r.path.join(' '))).toEqual(['paths /b get responses']);
  });
});
