import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-operation-security';
const ID = 'require-operation-security';
const ok = { responses: { '200': { description: 'ok' } } };
const schemes = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } };

function doc(paths: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths, ...schemes, ...extra };
}

describe('require-operation-security', () => {
  it('flags an operation with no security anywhere, on the operation, naming the opt-out', async () => {
    const results = await lintDoc(doc({ '/users': { get: ok } }), [ID]);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'get'],
        message:
          'GET /users has no security requirement (neither the operation nor the document root declares "security"): declare the scheme that protects it, or mark a deliberately public operation with `security: []`.',
        severity: 'error',
        line: 7,
      },
    ]);
  });

  it('honours an operation\'s own security: [] on any path, in both presets', async () => {
    const paths = {
      '/users/{id}': { delete: { security: [], ...ok } },
      '/zip_downloads/{id}/content': { get: { security: [], ...ok } },
      '/orders': { post: { security: [{}], ...ok } },
    };
    for (const preset of ['recommended', 'strict'] as const) {
      expect(await lintDoc(doc(paths, { security: [{ bearer: [] }] }), [ID], { preset })).toEqual([]);
      // Without a root requirement the explicit opt-outs are still statements; nothing is unstated.
      expect(await lintDoc(doc(paths), [ID], { preset })).toEqual([]);
    }
  });

  it('flags a well-known public path that states nothing when schemes exist but nothing secures it', async () => {
    const results = await lintDoc(doc({ '/health': { get: ok } }), [ID]);
    expect(results.map((r) => r.path.join('/'))).toEqual(['paths//health/get']);
  });

  it('flags an empty root security inherited by operations, except on public endpoints (authorize included)', async () => {
    const results = await lintDoc(
      doc({ '/users': { get: ok }, '/authorize': { get: ok }, '/oauth2/authorize': { get: ok }, '/health': { get: ok } }, { security: [] }),
      [ID],
    );
    expect(results.map((r) => [r.path.join('/'), r.line])).toEqual([['paths//users/get', 7]]);
    expect(results[0]!.message).toBe(
      'GET /users inherits an empty root "security", so it requires no authentication: declare a security requirement, or mark a deliberately public operation with `security: []`.',
    );
  });

  it('reports a document that declares no security schemes once, at the root', async () => {
    const noSchemes = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/users': { get: ok, post: ok }, '/users/{id}': { get: ok }, '/health': { get: { security: [], ...ok } } },
    };
    const results = await lintDoc(noSchemes, [ID]);
    expect(results).toEqual([
      {
        code: CODE,
        path: [],
        message:
          'The document declares no security schemes, and 3 of its 4 operations do not state how callers authenticate: declare the schemes (`components.securitySchemes`) and a root `security` requirement, and mark a deliberately public operation with `security: []`.',
        severity: 'error',
        line: 1,
      },
    ]);
    const all = await lintDoc({ ...noSchemes, paths: { '/users': { get: ok } } }, [ID]);
    expect(all.map((r) => r.message)).toEqual([
      'The document declares no security schemes, and none of its 1 operation states how callers authenticate: declare the schemes (`components.securitySchemes`) and a root `security` requirement, and mark a deliberately public operation with `security: []`.',
    ]);
    const swagger = { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/users': { get: ok }, '/orders': { get: ok } } };
    const r2 = await lintDoc(swagger, [ID]);
    expect(r2.map((r) => [r.path.join('/'), r.line, r.message])).toEqual([
      [
        '',
        1,
        'The document declares no security schemes, and none of its 2 operations states how callers authenticate: declare the schemes (`securityDefinitions`) and a root `security` requirement, and mark a deliberately public operation with `security: []`.',
      ],
    ]);
  });

  it('leaves out of the document-level finding operations that suppress the rule themselves', async () => {
    const ignored = { 'x-backlint-ignore': [CODE], ...ok };
    const base = { openapi: '3.0.3', info: { title: 't', version: '1' } };
    expect(await lintDoc({ ...base, paths: { '/a': { get: ignored } } }, [ID])).toEqual([]);
    const results = await lintDoc({ ...base, paths: { '/a': { get: ignored }, '/b': { get: ok } } }, [ID]);
    expect(results.map((r) => r.message.slice(0, 80))).toEqual(['The document declares no security schemes, and 1 of its 2 operations does not st']);
  });

  it('does not flag root or operation security, optional auth, or explicit public well-known endpoints', async () => {
    const results = await lintDoc(
      doc(
        {
          '/users': { get: ok, post: { security: [{ bearer: [] }], ...ok } },
          '/v1/health': { get: { security: [], ...ok } },
          '/auth/login': { post: { security: [], ...ok } },
          '/signup': { post: { security: [], ...ok } },
          '/oauth/token': { post: { security: [], ...ok } },
          '/oauth2/revoke': { post: { security: [], ...ok } },
          '/oauth2/token#refresh': { post: { security: [], ...ok } },
          '/docs': { get: { security: [], ...ok } },
          '/.well-known/jwks.json': { get: { security: [], ...ok } },
          '/articles': { get: { security: [{}, { bearer: [] }], ...ok } },
        },
        { security: [{ bearer: [] }] },
      ),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('works on Swagger 2.0 and on OAS 3.1, and does not judge 3.1 webhooks', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
      paths: { '/users': { get: ok }, '/status': { get: { security: [], ...ok } }, '/admin': { get: { security: [], ...ok } } },
      security: [{ key: [] }],
    };
    const r2 = await lintDoc(swagger, [ID]);
    expect(r2).toEqual([]);
    const r31 = await lintDoc(
      doc({ '/users': { get: ok } }, { webhooks: { userCreated: { post: ok } } }, '3.1.0'),
      [ID],
    );
    expect(r31.map((r) => r.path.join('/'))).toEqual(['paths//users/get']);
  });

  it('honours x-backlint-ignore on the operation', async () => {
    const results = await lintDoc(
      doc({ '/users': { get: { 'x-backlint-ignore': { [CODE]: 'public directory' }, ...ok } }, '/orders': { get: ok } }),
      [ID],
    );
    expect(results.map((r) => r.path.join('/'))).toEqual(['paths//orders/get']);
  });
});
