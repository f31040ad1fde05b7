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
        message: 'The document has no API version in its paths or server URLs (2 unversioned paths): version the API, e.g. a server URL ending in /v1 or paths under /v1, so breaking changes can ship as a new version.',
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
      'The document has no API version in its paths (1 unversioned path): version the API, e.g. a server URL ending in /v1 or paths under /v1, so breaking changes can ship as a new version.',
    ]);
  });

  it('is strict-only: not in the recommended ruleset', async () => {
    const { createRuleset } = await import('../../src/spectral/ruleset.js');
    const codes = (preset: 'recommended' | 'strict') => Object.keys((createRuleset({ preset }) as { rules: Record<string, unknown> }).rules);
    expect(codes('recommended')).not.toContain(CODE);
    expect(codes('strict')).toContain(CODE);
  });
});
