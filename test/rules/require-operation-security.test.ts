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
  it('flags an operation with no security anywhere, on the operation', async () => {
    const results = await lintDoc(doc({ '/users': { get: ok } }), [ID]);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'get'],
        message:
          'GET /users has no security requirement (neither the operation nor the document root declares "security"); declare the scheme that protects it.',
        severity: 'error',
        line: 7,
      },
    ]);
  });

  it('flags security: [] on a path that is not a well-known public endpoint, at its security key', async () => {
    const results = await lintDoc(
      doc({ '/users/{id}': { delete: { security: [], ...ok } } }, { security: [{ bearer: [] }] }),
      [ID],
    );
    expect(results.map((r) => [r.code, r.path.join('/'), r.line])).toEqual([[CODE, 'paths//users/{id}/delete/security', 8]]);
    expect(results[0]!.message).toBe(
      'DELETE /users/{id} opts out of authentication with an empty "security", but its path is not a well-known public endpoint (health, login, signup, token, docs…); require a security scheme.',
    );
  });

  it('treats an anonymous-only requirement ([{}]) like security: []', async () => {
    const results = await lintDoc(doc({ '/orders': { post: { security: [{}], ...ok } } }, { security: [{ bearer: [] }] }), [ID]);
    expect(results.map((r) => r.path.join('/'))).toEqual(['paths//orders/post/security']);
  });

  it('flags a well-known public path that does not opt out explicitly when nothing secures it', async () => {
    const results = await lintDoc(doc({ '/health': { get: ok } }), [ID]);
    expect(results.map((r) => r.path.join('/'))).toEqual(['paths//health/get']);
  });

  it('flags an empty root security inherited by operations', async () => {
    const results = await lintDoc(doc({ '/users': { get: ok } }, { security: [] }), [ID]);
    expect(results.map((r) => r.path.join('/'))).toEqual(['paths//users/get']);
    expect(results[0]!.message).toContain('inherits an empty root "security"');
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
    expect(r2.map((r) => [r.code, r.path.join('/')])).toEqual([[CODE, 'paths//admin/get/security']]);
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
