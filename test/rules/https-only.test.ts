import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';

const CODE = 'backlint/https-only';
const ID = 'https-only';
const ops = { '/users': { get: { responses: { '200': { description: 'ok' } } } } };

function oas3(servers: unknown[], openapi = '3.0.3', extra: Record<string, unknown> = {}) {
  return { openapi, info: { title: 't', version: '1' }, servers, paths: ops, ...extra };
}

describe('https-only', () => {
  it('flags an http:// server URL with exact path, line, message and severity', async () => {
    const results = await lintDoc(oas3([{ url: 'https://api.example.com' }, { url: 'http://api.example.com/v1' }]), [ID]);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['servers', '1', 'url'],
        message:
          'Server URL "http://api.example.com/v1" uses plain HTTP; serve the API over https:// (only localhost, 127.0.0.1 and [::1] may use http://).',
        severity: 'error',
        line: 7,
      },
    ]);
  });

  it('flags path-level and operation-level servers in OAS 3.1', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/users': {
          servers: [{ url: 'HTTP://users.example.com' }],
          get: { servers: [{ url: 'http://10.0.0.5:8080' }], responses: { '200': { description: 'ok' } } },
        },
      },
    };
    const results = await lintDoc(doc, [ID], { format: 'json' });
    expect(results.map((r) => [r.code, r.path.join('/')])).toEqual([
      [CODE, 'paths//users/servers/0/url'],
      [CODE, 'paths//users/get/servers/0/url'],
    ]);
  });

  it('uses the default of a server variable and flags look-alike loopback hosts', async () => {
    const results = await lintDoc(
      oas3([
        { url: '{scheme}://api.example.com', variables: { scheme: { default: 'http', enum: ['http', 'https'] } } },
        { url: 'http://localhost.example.net' },
        { url: 'http://192.168.1.10' },
        { url: 'http://user@127.0.0.2' },
      ]),
      [ID],
    );
    expect(results.map((r) => r.path.join('/'))).toEqual(['servers/0/url', 'servers/1/url', 'servers/2/url', 'servers/3/url']);
    expect(results[0]!.message).toContain('"{scheme}://api.example.com"');
  });

  it('does not flag https, loopback hosts, relative URLs or an https variable default', async () => {
    const results = await lintDoc(
      oas3([
        { url: 'https://api.example.com' },
        { url: 'http://localhost:3000' },
        { url: 'http://127.0.0.1/v1' },
        { url: 'http://[::1]:8080' },
        { url: '/v1' },
        { url: '{scheme}://api.example.com', variables: { scheme: { default: 'https', enum: ['http', 'https'] } } },
        { url: 'wss://stream.example.com' },
      ]),
      [ID],
    );
    expect(results).toEqual([]);
  });

  it('flags "http" in Swagger 2.0 schemes at the root and on an operation', async () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      host: 'api.example.com',
      schemes: ['https', 'http'],
      paths: { '/users': { get: { schemes: ['http'], responses: { '200': { description: 'ok' } } } } },
    };
    const results = await lintDoc(doc, [ID]);
    expect(results.map((r) => [r.code, r.path.join('/'), r.line])).toEqual([
      [CODE, 'schemes/1', 8],
      [CODE, 'paths//users/get/schemes/0', 13],
    ]);
    expect(results[0]!.message).toBe(
      '"schemes" lists "http" for host "api.example.com"; list only "https" (plain HTTP is allowed only for localhost).',
    );
  });

  it('does not flag Swagger 2.0 on localhost, https-only schemes, or no schemes at all', async () => {
    const base = { swagger: '2.0', info: { title: 't', version: '1' }, paths: ops };
    expect(await lintDoc({ ...base, host: 'localhost:8080', schemes: ['http'] }, [ID])).toEqual([]);
    expect(await lintDoc({ ...base, host: 'api.example.com', schemes: ['https'] }, [ID])).toEqual([]);
    expect(await lintDoc({ ...base, host: 'api.example.com' }, [ID])).toEqual([]);
  });

  it('honours x-backlint-ignore on the document', async () => {
    const doc = oas3([{ url: 'http://api.example.com' }], '3.0.3', { 'x-backlint-ignore': { [CODE]: 'internal network only' } });
    expect(await lintDoc(doc, [ID])).toEqual([]);
  });
});
