import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-api-version';
const info = { title: 't', version: '2.3.0' };
const ok = { responses: { '200': { description: 'ok' } } };

describe('require-api-version (Spectral)', () => {
  it('flags a document with neither versioned paths nor a versioned server, at the root', async () => {
    const doc = { openapi: '3.0.3', info, servers: [{ url: 'https://api.example.com/api' }], paths: { '/users': { get: ok }, '/orders': { get: ok } } };
    expect(await lintDoc(doc, ['require-api-version'])).toEqual([
      {
        code: CODE,
        path: [],
        message: 'The document declares no API version in its paths or server URLs, nor by a version header or media type (2 unversioned paths): version the API, e.g. a server URL ending in /v1 or paths under /v1, so breaking changes can ship as a new version.',
        severity: 'warn',
        line: 1,
      },
    ]);
  });

  it('flags mixed versions across paths (3.1)', async () => {
    const doc = { openapi: '3.1.0', info, paths: { '/v1/users': { get: ok }, '/v2/users': { get: ok }, '/v2/orders': { get: ok } } };
    const results = await lintDoc(doc, ['require-api-version']);
    expect(results.map((r) => [r.code, r.path, r.message])).toEqual([
      [CODE, [], 'Paths mix API versions (v1 on 1 path, v2 on 2 paths): describe each version in its own document.'],
    ]);
  });

  it('accepts versioned paths, versioned servers (with variables), and Swagger basePath', async () => {
    const paths = { openapi: '3.0.3', info, paths: { '/v1/users': { get: ok }, '/health': { get: ok } } };
    const server = { openapi: '3.0.3', info, servers: [{ url: 'https://api.example.com/v2' }], paths: { '/users': { get: ok } } };
    const variable = {
      openapi: '3.0.3',
      info,
      servers: [{ url: 'https://api.example.com/{version}', variables: { version: { default: 'v3' } } }],
      paths: { '/users': { get: ok } },
    };
    const swagger = { swagger: '2.0', info, host: 'api.example.com', basePath: '/v1', paths: { '/users': { get: ok } } };
    const wellKnownOnly = { openapi: '3.0.3', info, paths: { '/health': { get: ok }, '/metrics': { get: ok } } };
    for (const doc of [paths, server, variable, swagger, wellKnownOnly]) {
      expect(await lintDoc(doc, ['require-api-version'])).toEqual([]);
    }
  });

  it('does not count info.version or an /api base; honours allow, pattern and versioning options', async () => {
    const swaggerApi = { swagger: '2.0', info, basePath: '/api', paths: { '/users': { get: ok } } };
    expect(await lintDoc(swaggerApi, ['require-api-version'])).toHaveLength(1);
    const legacy = { openapi: '3.0.3', info, paths: { '/legacy/users': { get: ok } } };
    expect(await lintDoc(legacy, ['require-api-version'], { rules: { 'backlint/require-api-version': ['warn', { allow: ['legacy'] }] } })).toEqual([]);
    const dated = { openapi: '3.0.3', info, paths: { '/2024-01/users': { get: ok } } };
    expect(await lintDoc(dated, ['require-api-version'], { rules: { 'backlint/require-api-version': ['warn', { pattern: '^\\d{4}-\\d{2}$' }] } })).toEqual([]);
    const serverOnly = { openapi: '3.0.3', info, servers: [{ url: '/v1' }], paths: { '/users': { get: ok } } };
    const asPath = await lintDoc(serverOnly, ['require-api-version'], { rules: { 'backlint/require-api-version': ['warn', { versioning: 'path' }] } });
    expect(asPath.map((r) => r.message)).toEqual([
      'The document declares no API version in its paths (1 unversioned path): version the API, e.g. a server URL ending in /v1 or paths under /v1, so breaking changes can ship as a new version.',
    ]);
  });

  it('accepts dotted, bare and date versions in paths and server URLs', async () => {
    const docs = [
      { openapi: '3.0.3', info, servers: [{ url: 'https://api.box.com/2.0' }], paths: { '/files/{id}': { get: ok } } },
      { openapi: '3.0.3', info, servers: [{ url: 'https://api.example.com/v2.1' }], paths: { '/users': { get: ok } } },
      { openapi: '3.0.3', info, paths: { '/2010-04-01/Accounts.json': { get: ok }, '/2010-04-01/Calls.json': { get: ok } } },
      { openapi: '3.0.3', info, paths: { '/v1.2/users': { get: ok } } },
      { openapi: '3.0.3', info, paths: { '/2024-06/orders': { get: ok } } },
      { swagger: '2.0', info, host: 'api.example.com', basePath: '/1.0', paths: { '/users': { get: ok } } },
    ];
    for (const doc of docs) expect(await lintDoc(doc, ['require-api-version'])).toEqual([]);
    // Not versions: an id-like number, a date-ish word, a version-like word.
    for (const p of ['/12/users', '/2010/users', '/version2/users', '/v/users']) {
      const doc = { openapi: '3.0.3', info, paths: { [p]: { get: ok } } };
      expect((await lintDoc(doc, ['require-api-version'])).map((r) => r.line)).toEqual([1]);
    }
  });

  it('accepts versioning declared by a header parameter or a versioned media type', async () => {
    const header = (name: string) => ({
      openapi: '3.0.3',
      info,
      paths: { '/users': { get: { parameters: [{ name, in: 'header', schema: { type: 'string' } }], ...ok } } },
    });
    for (const name of ['Stripe-Version', 'X-API-Version', 'Api-Version', 'Accept-Version', 'version', 'Acme-API-Version']) {
      expect(await lintDoc(header(name), ['require-api-version'])).toEqual([]);
    }
    // Another thing's version, or a header that is not about versions.
    for (const name of ['X-Client-Version', 'X-App-Version', 'X-SDK-Version', 'X-Request-ID']) {
      expect(await lintDoc(header(name), ['require-api-version'])).toHaveLength(1);
    }
    const shared = {
      openapi: '3.0.3',
      info,
      components: { parameters: { V: { name: 'X-API-Version', in: 'header', schema: { type: 'string' } } } },
      paths: { '/users': { get: ok } },
    };
    expect(await lintDoc(shared, ['require-api-version'])).toEqual([]);
    const media = (mt: string) => ({
      openapi: '3.0.3',
      info,
      paths: { '/users': { get: { responses: { '200': { description: 'ok', content: { [mt]: { schema: { type: 'object' } } } } } } } },
    });
    for (const mt of ['application/vnd.github.v3+json', 'application/vnd.acme.v2.1+json', 'application/json; version=2', 'application/json;v=1']) {
      expect(await lintDoc(media(mt), ['require-api-version'])).toEqual([]);
    }
    expect(await lintDoc(media('application/vnd.api+json'), ['require-api-version'])).toHaveLength(1);
    const swagger = { swagger: '2.0', info, produces: ['application/vnd.acme.v1+json'], paths: { '/users': { get: ok } } };
    expect(await lintDoc(swagger, ['require-api-version'])).toEqual([]);
    // `versioning: path` asks for the path whatever the header says.
    const strictPath = await lintDoc(header('X-API-Version'), ['require-api-version'], {
      rules: { 'backlint/require-api-version': ['warn', { versioning: 'path' }] },
    });
    expect(strictPath.map((r) => r.message.slice(0, 48))).toEqual(['The document declares no API version in its path']);
  });

  it('judges mixed versions among the paths one server serves, not across servers', async () => {
    const doc = {
      openapi: '3.0.3',
      info,
      servers: [{ url: 'https://api.example.com' }],
      paths: {
        '/v2/droplets': { get: ok },
        '/v2/volumes': { get: ok },
        '/v1/chat/completions': { post: { servers: [{ url: 'https://inference.example.com' }], ...ok } },
        '/v1/models': { servers: [{ url: 'https://inference.example.com' }], get: ok },
      },
    };
    expect(await lintDoc(doc, ['require-api-version'])).toEqual([]);
    const mixed = { ...doc, paths: { ...doc.paths, '/v1/sizes': { get: ok } } };
    expect((await lintDoc(mixed, ['require-api-version'])).map((r) => r.message)).toEqual([
      'Paths mix API versions (v2 on 2 paths, v1 on 1 path): describe each version in its own document.',
    ]);
  });

  it('is strict-only: not in the recommended ruleset', async () => {
    const { createRuleset } = await import('../../src/spectral/index.js');
    const codes = (preset: 'recommended' | 'strict') => Object.keys((createRuleset({ preset }) as { rules: Record<string, unknown> }).rules);
    expect(codes('recommended')).not.toContain(CODE);
    expect(codes('strict')).toContain(CODE);
  });
});
