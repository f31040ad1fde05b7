import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/secure-auth-schemes';
const ID = 'secure-auth-schemes';
const paths = { '/users': { get: { responses: { '200': { description: 'ok' } } } } };

function oas3(securitySchemes: Record<string, unknown>, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths, components: { securitySchemes } };
}

describe('secure-auth-schemes', () => {
  it('flags an API key in the query with exact path, line and message', async () => {
    const results = await lintDoc(oas3({ key: { type: 'apiKey', in: 'query', name: 'api_key' } }), [ID]);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['components', 'securitySchemes', 'key', 'in'],
        message:
          'Security scheme "key" sends its API key "api_key" in the query, where it ends up in logs, caches and browser history; send it in a header instead.',
        severity: 'error',
        line: 15,
      },
    ]);
  });

  it('flags an API key in the path, HTTP Basic (any case), implicit and password flows', async () => {
    const results = await lintDoc(
      oas3({
        pathKey: { type: 'apiKey', in: 'path', name: 'key' },
        basic: { type: 'http', scheme: 'Basic' },
        oauth: {
          type: 'oauth2',
          flows: {
            implicit: { authorizationUrl: 'https://auth.example.com/authorize', scopes: {} },
            password: { tokenUrl: 'https://auth.example.com/token', scopes: {} },
            authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: {} },
          },
        },
      }, '3.1.0'),
      [ID],
    );
    expect(results.map((r) => [r.code, r.path.join('/')])).toEqual([
      [CODE, 'components/securitySchemes/pathKey/in'],
      [CODE, 'components/securitySchemes/basic/scheme'],
      [CODE, 'components/securitySchemes/oauth/flows/implicit'],
      [CODE, 'components/securitySchemes/oauth/flows/password'],
    ]);
    expect(results[1]!.message).toBe(
      'Security scheme "basic" uses HTTP Basic, which sends reusable credentials with every request; use bearer tokens or OAuth2 instead.',
    );
    expect(results[2]!.message).toContain('OAuth2 implicit flow');
    expect(results[3]!.message).toContain('OAuth2 password flow');
  });

  it('flags credentials embedded in OAuth2 and OpenID Connect URLs', async () => {
    const results = await lintDoc(
      oas3({
        oauth: {
          type: 'oauth2',
          flows: { clientCredentials: { tokenUrl: 'https://client:s3cret@auth.example.com/token', scopes: {} } },
        },
        oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://admin:pw@auth.example.com/.well-known/openid-configuration' },
      }),
      [ID],
    );
    expect(results.map((r) => r.path.join('/'))).toEqual([
      'components/securitySchemes/oauth/flows/clientCredentials/tokenUrl',
      'components/securitySchemes/oidc/openIdConnectUrl',
    ]);
    expect(results[0]!.message).toBe(
      'Security scheme "oauth" embeds credentials in its tokenUrl; remove the user:password part from the URL.',
    );
    // The message names the field, never the secret itself.
    expect(results.map((r) => r.message).join(' ')).not.toContain('s3cret');
  });

  it('does not flag header/cookie API keys, bearer, authorization code, client credentials, mutual TLS', async () => {
    const results = await lintDoc(
      oas3({
        header: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        oauth: {
          type: 'oauth2',
          flows: {
            authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: {} },
            clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} },
          },
        },
        oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration' },
        mtls: { type: 'mutualTLS' },
      }, '3.1.0'),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('flags Swagger 2.0 basic, query API keys and implicit/password flows', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths,
      securityDefinitions: {
        basic: { type: 'basic' },
        key: { type: 'apiKey', in: 'query', name: 'key' },
        implicit: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://a.example.com/auth', scopes: {} },
        password: { type: 'oauth2', flow: 'password', tokenUrl: 'https://a.example.com/token', scopes: {} },
        code: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://a.example.com/auth', tokenUrl: 'https://a.example.com/token', scopes: {} },
        header: { type: 'apiKey', in: 'header', name: 'X-Key' },
      },
    };
    const results = await lintDoc(doc, [ID]);
    expect(results.map((r) => [r.code, r.path.join('/')])).toEqual([
      [CODE, 'securityDefinitions/basic/type'],
      [CODE, 'securityDefinitions/key/in'],
      [CODE, 'securityDefinitions/implicit/flow'],
      [CODE, 'securityDefinitions/password/flow'],
    ]);
  });

  it('flags credentials in server URLs (root, path item, operation) without printing them', async () => {
    const d = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://api.example.com' }, { url: 'https://deploy:hunter2@api.example.com/v1' }],
      paths: {
        '/users': {
          servers: [{ url: 'https://{user}:{password}@eu.example.com' }],
          get: { servers: [{ url: 'https://ghp_token@api.example.com' }], responses: { '200': { description: 'ok' } } },
        },
      },
    };
    const results = await lintDoc(d, [ID]);
    expect(results.map((r) => [r.code, r.path])).toEqual([
      [CODE, ['servers', '1', 'url']],
      [CODE, ['paths', '/users', 'servers', '0', 'url']],
      [CODE, ['paths', '/users', 'get', 'servers', '0', 'url']],
    ]);
    expect(results[0]!.message).toBe(
      'Server URL embeds credentials in its user-info part; remove them and authenticate through a security scheme.',
    );
    expect(results.map((r) => r.message).join(' ')).not.toContain('hunter2');
  });

  it('honours x-backlint-ignore on the scheme', async () => {
    const doc = oas3({ basic: { type: 'http', scheme: 'basic', 'x-backlint-ignore': [ID] }, key: { type: 'apiKey', in: 'query', name: 'k' } });
    expect((await lintDoc(doc, [ID])).map((r) => r.path.join('/'))).toEqual(['components/securitySchemes/key/in']);
  });
});

describe('secure-auth-schemes: credentials in query and path parameters', () => {
  const ok = { '200': { description: 'ok' } };
  it('flags a credential-named query or path parameter once per parameter object, at the parameter', async () => {
    const d = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/files/{file_id}/content': {
          get: {
            parameters: [
              { name: 'file_id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'access_token', in: 'query', schema: { type: 'string' } },
            ],
            responses: ok,
          },
        },
        '/payment_intents/{intent}': {
          get: { parameters: [{ name: 'intent', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/Secret' }], responses: ok },
          post: { parameters: [{ name: 'intent', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/Secret' }], responses: ok },
        },
        '/keys/{api-key}': { delete: { parameters: [{ name: 'api-key', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
      },
      components: { parameters: { Secret: { name: 'client_secret', in: 'query', schema: { type: 'string' } } } },
    };
    const results = await lintDoc(d, ['secure-auth-schemes']);
    expect(results.map((r) => [r.path.join('/'), r.message])).toEqual([
      [
        'paths//files/{file_id}/content/get/parameters/1',
        'Parameter "access_token" of GET /files/{file_id}/content carries a credential in the query, where it ends up in logs, caches and browser history; send it in a header (Authorization) or the request body.',
      ],
      [
        'paths//keys/{api-key}/delete/parameters/0',
        'Parameter "api-key" of DELETE /keys/{api-key} carries a credential in the path, where it ends up in logs, caches and browser history; send it in a header (Authorization) or the request body.',
      ],
      [
        'components/parameters/Secret',
        'Parameter "client_secret" of GET /payment_intents/{intent} carries a credential in the query, where it ends up in logs, caches and browser history; send it in a header (Authorization) or the request body.',
      ],
    ]);
  });

  it('does not flag credentials in headers or bodies, pagination tokens, or an authorization resource id', async () => {
    const d = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/items': {
          get: {
            parameters: [
              { name: 'page_token', in: 'query', schema: { type: 'string' } },
              { name: 'next_token', in: 'query', schema: { type: 'string' } },
              { name: 'X-Api-Key', in: 'header', schema: { type: 'string' } },
              { name: 'access_token', in: 'cookie', schema: { type: 'string' } },
            ],
            responses: ok,
          },
        },
        '/issuing/authorizations/{authorization}': { get: { parameters: [{ name: 'authorization', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
      },
    };
    expect(await lintDoc(d, ['secure-auth-schemes'])).toEqual([]);
  });
});
