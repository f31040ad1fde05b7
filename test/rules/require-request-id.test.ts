import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/require-request-id';
const RULE = ['require-request-id'];
const requestId = { 'X-Request-ID': { description: 'id', schema: { type: 'string' } } };

function oas3(responses: Record<string, unknown>, extra: Record<string, unknown> = {}, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths: { '/users': { get: { responses } } }, ...extra };
}

describe('require-request-id (Spectral)', () => {
  it('is strict-only', async () => {
    const { default: rule } = await import('../../rules/require-request-id.js');
    expect([rule.recommended, rule.strict]).toEqual([false, 'warn']);
  });

  it('flags every response without the header, errors included', async () => {
    const results = await lintDoc(
      oas3({ '200': { description: 'ok', headers: requestId }, '404': { description: 'missing' }, default: { description: 'err' } }),
      RULE,
    );
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'get', 'responses', '404'],
        message: 'Response 404 of GET /users declares no X-Request-ID header; declare it so clients can quote the request id when something fails.',
        severity: 'warn',
        line: 16,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'get', 'responses', 'default'],
        message: 'Response default of GET /users declares no X-Request-ID header; declare it so clients can quote the request id when something fails.',
        severity: 'warn',
        line: 18,
      },
    ]);
  });

  it('reports a shared response once, on the component', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { '200': { description: 'ok', headers: requestId }, '404': { $ref: '#/components/responses/NotFound' } } } },
        '/b': { get: { responses: { '200': { description: 'ok', headers: requestId }, '404': { $ref: '#/components/responses/NotFound' } } } },
      },
      components: { responses: { NotFound: { description: 'missing' } } },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => [r.code, r.path.join('/')])).toEqual([[CODE, 'components/responses/NotFound']]);
  });

  it('matches header names case-insensitively, accepts Request-Id/X-Correlation-ID and header $refs', async () => {
    const doc = oas3(
      {
        '200': { description: 'ok', headers: { 'x-request-id': { schema: { type: 'string' } } } },
        '400': { description: 'bad', headers: { 'Request-Id': { schema: { type: 'string' } } } },
        '500': { description: 'err', headers: { 'X-Correlation-ID': { $ref: '#/components/headers/Corr' } } },
      },
      { components: { headers: { Corr: { schema: { type: 'string' } } } } },
      '3.1.0',
    );
    expect(await lintDoc(doc, RULE)).toEqual([]);
  });

  it('honours the headers option', async () => {
    const doc = oas3({ '200': { description: 'ok', headers: { 'X-Trace': { schema: { type: 'string' } } } } });
    expect(await lintDoc(doc, RULE, { rules: { 'backlint/require-request-id': ['warn', { headers: ['X-Trace'] }] } })).toEqual([]);
    const flagged = await lintDoc(oas3({ '200': { description: 'ok', headers: requestId } }), RULE, {
      rules: { 'backlint/require-request-id': ['warn', { headers: ['X-Trace'] }] },
    });
    expect(flagged.map((r) => r.message)).toEqual([
      'Response 200 of GET /users declares no X-Trace header; declare it so clients can quote the request id when something fails.',
    ]);
  });

  it('Swagger 2.0 response headers count', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { '200': { description: 'ok', headers: { 'X-Request-ID': { type: 'string' } } }, '500': { description: 'e' } } } } },
    };
    const results = await lintDoc(doc, RULE);
    expect(results.map((r) => r.path.join('/'))).toEqual(['paths//a/get/responses/500']);
  });
});
