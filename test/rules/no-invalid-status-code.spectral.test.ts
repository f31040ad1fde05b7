import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/no-invalid-status-code';

function oas3(responses: Record<string, unknown>, openapi = '3.0.3') {
  return {
    openapi,
    info: { title: 't', version: '1' },
    paths: { '/users': { get: { responses } } },
  };
}

describe('no-invalid-status-code (Spectral)', () => {
  it('flags unregistered codes with exact path, line and message', async () => {
    const results = await lintDoc(oas3({ '200': { description: 'ok' }, '299': { description: 'x' }, '420': { description: 'calm' } }), ['no-invalid-status-code']);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/users', 'get', 'responses', '299'],
        message: 'Response key "299" of GET /users is not a registered HTTP status code: use a registered code (e.g. 200), an NXX range such as 4XX, or default.',
        severity: 'error',
        line: 11,
      },
      {
        code: CODE,
        path: ['paths', '/users', 'get', 'responses', '420'],
        message: 'Response key "420" of GET /users is not a registered HTTP status code: use a registered code (e.g. 400), an NXX range such as 4XX, or default.',
        severity: 'error',
        line: 13,
      },
    ]);
  });

  it('flags out-of-range and malformed keys in 3.1 and Swagger 2.0', async () => {
    const r31 = await lintDoc(oas3({ '600': { description: 'x' }, '2xx0': { description: 'y' } }, '3.1.0'), ['no-invalid-status-code'], { format: 'json' });
    expect(r31.map((r) => r.path.at(-1))).toEqual(['600', '2xx0']);
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { post: { responses: { '201': { description: 'c' }, '209': { description: 'x' } } } } },
    };
    const r2 = await lintDoc(swagger, ['no-invalid-status-code']);
    expect(r2.map((r) => [r.code, r.path.join('/')])).toEqual([[CODE, 'paths//a/post/responses/209']]);
  });

  it('does not flag registered codes, ranges, default', async () => {
    const results = await lintDoc(
      oas3({
        '100': { description: 'a' }, '103': { description: 'a' }, '226': { description: 'a' }, '308': { description: 'a' },
        '418': { description: 'a' }, '429': { description: 'a' }, '451': { description: 'a' }, '511': { description: 'a' },
        '2XX': { description: 'a' }, '4xx': { description: 'a' }, default: { description: 'a' },
      }),
      ['no-invalid-status-code'],
    );
    expect(results).toEqual([]);
  });

  it('reports a bad key whose response is a $ref where Spectral maps it: the referenced component', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/users': { get: { responses: { '200': { description: 'ok' }, '499': { $ref: '#/components/responses/Closed' } } } } },
      components: { responses: { Closed: { description: 'client closed' } } },
    };
    const results = await lintDoc(doc, ['no-invalid-status-code']);
    expect(results.map((r) => r.path)).toEqual([['components', 'responses', 'Closed']]);
  });

  it('honours x-backlint-ignore on the operation and above', async () => {
    const doc = oas3({ '299': { description: 'x' } });
    (doc.paths['/users'].get as Record<string, unknown>)['x-backlint-ignore'] = ['no-invalid-status-code'];
    expect(await lintDoc(doc, ['no-invalid-status-code'])).toEqual([]);
    const doc2 = { ...oas3({ '299': { description: 'x' } }), 'x-backlint-ignore': { 'backlint/no-invalid-status-code': 'legacy' } };
    expect(await lintDoc(doc2, ['no-invalid-status-code'])).toEqual([]);
    const doc3 = { ...oas3({ '299': { description: 'x' } }), 'x-backlint-ignore': ['require-pagination'] };
    expect(await lintDoc(doc3, ['no-invalid-status-code'])).toHaveLength(1);
  });
});
