import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/no-get-side-effects';
const info = { title: 't', version: '1' };

describe('no-get-side-effects (Spectral)', () => {
  it('flags a GET with a requestBody (OAS 3.0) at the body, with line and message', async () => {
    const doc = {
      openapi: '3.0.3',
      info,
      paths: {
        '/reports': {
          get: {
            operationId: 'listReports',
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    };
    expect(await lintDoc(doc, ['no-get-side-effects'])).toEqual([
      {
        code: CODE,
        path: ['paths', '/reports', 'get', 'requestBody'],
        message: 'GET /reports declares a request body: GET and HEAD must be safe and carry no body; pass the input as query parameters, or use POST if the operation changes state.',
        severity: 'error',
        line: 9,
      },
    ]);
  });

  it('flags Swagger 2.0 body and formData parameters on GET/HEAD', async () => {
    const doc = {
      swagger: '2.0',
      info,
      paths: {
        '/a': { get: { parameters: [{ in: 'body', name: 'filter', schema: { type: 'object' } }], responses: { '200': { description: 'ok' } } } },
        '/b': { head: { parameters: [{ in: 'formData', name: 'x', type: 'string' }], responses: { '200': { description: 'ok' } } } },
      },
    };
    const results = await lintDoc(doc, ['no-get-side-effects']);
    expect(results.map((r) => [r.code, r.path])).toEqual([
      [CODE, ['paths', '/a', 'get', 'parameters', '0']],
      [CODE, ['paths', '/b', 'head', 'parameters', '0']],
    ]);
  });

  it('flags a GET whose operationId or summary starts with a mutating verb (3.1)', async () => {
    const doc = {
      openapi: '3.1.0',
      info,
      paths: {
        '/users/{id}/touch': { get: { operationId: 'updateLastSeen', responses: { '200': { description: 'ok' } } } },
        '/users/{id}/purge': { get: { operationId: 'users/delete-user', responses: { '200': { description: 'ok' } } } },
        '/jobs': { get: { summary: 'Create a job from the query', responses: { '200': { description: 'ok' } } } },
      },
    };
    const results = await lintDoc(doc, ['no-get-side-effects']);
    expect(results.map((r) => r.path)).toEqual([
      ['paths', '/users/{id}/touch', 'get', 'operationId'],
      ['paths', '/users/{id}/purge', 'get', 'operationId'],
      ['paths', '/jobs', 'get', 'summary'],
    ]);
    expect(results[0]!.message).toBe(
      'GET /users/{id}/touch has operationId "updateLastSeen", which starts with the mutating verb "update": GET and HEAD must not change state; use POST/PUT/PATCH/DELETE for it, or rename the operationId if the operation only reads.',
    );
  });

  it('does not flag reading GETs, mutating verbs on other methods, or nouns that merely start like verbs', async () => {
    const doc = {
      openapi: '3.0.3',
      info,
      paths: {
        '/users': {
          get: { operationId: 'listUsers', summary: 'List users', responses: { '200': { description: 'ok' } } },
          post: { operationId: 'createUser', requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { '201': { description: 'ok' } } },
        },
        '/settings': { get: { operationId: 'settingsGet', summary: 'Settings of the account', responses: { '200': { description: 'ok' } } } },
        '/updates': { get: { operationId: 'updatesList', summary: 'Updates available for the device', responses: { '200': { description: 'ok' } } } },
        '/addresses': { get: { operationId: 'addresses', summary: 'Addresses on file', responses: { '200': { description: 'ok' } } } },
      },
    };
    expect(await lintDoc(doc, ['no-get-side-effects'])).toEqual([]);
  });

  it('does not flag an optional body that can hold nothing (generated empty form bodies)', async () => {
    const empty = { schema: { type: 'object', properties: {}, additionalProperties: false } };
    const doc = {
      openapi: '3.0.3',
      info,
      paths: {
        '/account': { get: { requestBody: { required: false, content: { 'application/x-www-form-urlencoded': empty } }, responses: { '200': { description: 'ok' } } } },
        '/required': { get: { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': empty } }, responses: { '200': { description: 'ok' } } } },
      },
    };
    expect((await lintDoc(doc, ['no-get-side-effects'])).map((r) => r.path)).toEqual([['paths', '/required', 'get', 'requestBody']]);
  });

  it('honours x-backlint-ignore on the path item', async () => {
    const doc = {
      openapi: '3.0.3',
      info,
      paths: {
        '/legacy/delete': {
          'x-backlint-ignore': { 'no-get-side-effects': 'kept for old clients' },
          get: { operationId: 'deleteLegacy', responses: { '200': { description: 'ok' } } },
        },
      },
    };
    expect(await lintDoc(doc, ['no-get-side-effects'])).toEqual([]);
  });
});
