import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';
import { comparePaths, parseTemplate } from '../../src/openapi/path-templates.js';

const CODE = 'backlint/no-ambiguous-paths';
const RULE = ['no-ambiguous-paths'];

const op = { responses: { '200': { description: 'ok' } } };

function oas3(paths: string[], openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths: Object.fromEntries(paths.map((p) => [p, { get: op }])) };
}

function swagger2(paths: string[]) {
  return { swagger: '2.0', info: { title: 't', version: '1' }, paths: Object.fromEntries(paths.map((p) => [p, { get: op }])) };
}

const findings = async (doc: object) => (await lintDoc(doc, RULE)).map((r) => [r.path.join(' '), r.message]);

describe('no-ambiguous-paths (Spectral)', () => {
  it('reports an ambiguous pair once, at the later key, naming the other and a request both match', async () => {
    expect(await lintDoc(oas3(['/{kind}/me', '/users/{id}']), RULE)).toEqual([
      {
        code: CODE,
        path: ['paths', '/users/{id}'],
        message:
          'Path /users/{id} is ambiguous with /{kind}/me: a request such as /users/me matches both and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.',
        severity: 'warn',
        line: 11,
      },
    ]);
  });

  it('a concrete segment wins over a templated one, either way round and in any position', async () => {
    expect(await findings(oas3(['/users/me', '/users/{id}', '/users/{id}/repos', '/users/{id}/{kind}', '/orgs/{org}/settings', '/orgs/acme/settings']))).toEqual([]);
    expect(await findings(oas3(['/users/{id}', '/users/me']))).toEqual([]);
  });

  it('several parameters: ambiguous only when each side is more specific somewhere', async () => {
    expect(await findings(oas3(['/repos/{owner}/{repo}/issues', '/repos/{owner}/hooks/{id}', '/repos/acme/{repo}/{tab}']))).toEqual([
      [
        'paths /repos/{owner}/hooks/{id}',
        'Path /repos/{owner}/hooks/{id} is ambiguous with /repos/{owner}/{repo}/issues: a request such as /repos/{owner}/hooks/issues matches both and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.',
      ],
      [
        'paths /repos/acme/{repo}/{tab}',
        'Path /repos/acme/{repo}/{tab} is ambiguous with /repos/{owner}/{repo}/issues, /repos/{owner}/hooks/{id}: a request such as /repos/acme/{repo}/issues matches both /repos/acme/{repo}/{tab} and /repos/{owner}/{repo}/issues and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.',
      ],
    ]);
  });

  it('one finding per path: a template that clashes with a family of paths names three and counts the rest', async () => {
    expect(await findings(oas3(['/resources/routes/{id}', '/resources/notes/{id}', '/resources/charts/{id}', '/resources/regions/{id}', '/resources/{type}/_providers']))).toEqual([
      [
        'paths /resources/{type}/_providers',
        'Path /resources/{type}/_providers is ambiguous with /resources/routes/{id}, /resources/notes/{id}, /resources/charts/{id} and 1 more: a request such as /resources/routes/_providers matches both /resources/{type}/_providers and /resources/routes/{id} and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.',
      ],
    ]);
  });

  it('trailing-slash twins are identical (with or without renamed parameters); different lengths or literals never match', async () => {
    expect(await findings(oas3(['/users', '/users/', '/users/{id}', '/users/{userId}/', '/accounts/{id}', '/accounts/{id}/keys']))).toEqual([
      ['paths /users/', 'Path /users/ is identical to /users but for a trailing slash: every request that matches one matches the other, so keep a single path item.'],
      [
        'paths /users/{userId}/',
        'Path /users/{userId}/ is identical to /users/{id} but for parameter names and a trailing slash: every request that matches one matches the other, so keep a single path item.',
      ],
    ]);
  });

  it('twins that differ only in parameter names are left to Spectral\'s path-params (one finding, not two)', async () => {
    const results = await lintDoc(
      {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/users/{id}': { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], get: op },
          '/users/{userId}': { parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }], delete: op },
        },
      },
      ['no-ambiguous-paths', 'path-params'],
    );
    expect(results.map((r) => [r.code, r.path.join(' '), r.message])).toEqual([
      ['path-params', 'paths /users/{userId}', 'Paths "/users/{id}" and "/users/{userId}" must not be equivalent.'],
    ]);
    // ...unless the names are ones path-params does not read as parameters.
    expect(await findings(oas3(['/users/{user.id}', '/users/{user_id}']))).toEqual([
      [
        'paths /users/{user_id}',
        'Path /users/{user_id} is identical to /users/{user.id} but for parameter names: every request that matches one matches the other, so keep a single path item.',
      ],
    ]);
  });

  it('Swagger 2.0 and OAS 3.1 alike; basePath and servers do not matter', async () => {
    const paths = ['/teams/{team}/members', '/{scope}/{id}/members', '/teams/all/members', '/{scope}/all/members'];
    const expected = [
      [
        'paths /{scope}/all/members',
        'Path /{scope}/all/members is ambiguous with /teams/{team}/members: a request such as /teams/all/members matches both and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.',
      ],
    ];
    expect(await findings({ ...swagger2(paths), basePath: '/v1' })).toEqual(expected);
    expect(await findings({ ...oas3(paths, '3.1.0'), servers: [{ url: 'https://api.example.com/v1' }] })).toEqual(expected);
  });

  it('partial templates: compared with a literal when one parameter decides, otherwise silent', async () => {
    // `{name}.json` fits `report.json`: the literal is more specific there, and the other segment
    // makes the pair ambiguous; `{name}.json` never fits `report.xml`.
    expect(await findings(oas3(['/files/{name}.json', '/{dir}/report.json', '/{dir}/report.xml']))).toEqual([
      [
        'paths /{dir}/report.json',
        'Path /{dir}/report.json is ambiguous with /files/{name}.json: a request such as /files/report.json matches both and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.',
      ],
    ]);
    // Renamed partial templates are twins; two parameters in one segment, or a partial template
    // against a whole parameter, are not judged.
    expect(await findings(oas3(['/files/{name}.json', '/files/{file}.json/']))).toEqual([
      [
        'paths /files/{file}.json/',
        'Path /files/{file}.json/ is identical to /files/{name}.json but for parameter names and a trailing slash: every request that matches one matches the other, so keep a single path item.',
      ],
    ]);
    expect(await findings(oas3(['/{a}/{x}-{y}', '/b/c-d', '/{dir}/{id}', '/c/{base}.txt']))).toEqual([]);
  });

  it('`:id` is literal text in OpenAPI, not a parameter; webhooks are not paths', async () => {
    expect(await findings(oas3(['/users/:id', '/users/{id}', '/{kind}/:id']))).toEqual([
      [
        'paths /{kind}/:id',
        'Path /{kind}/:id is ambiguous with /users/{id}: a request such as /users/:id matches both and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.',
      ],
    ]);
    const doc = { ...oas3(['/users/{id}'], '3.1.0'), webhooks: { '/users/{other}': { post: op } } };
    expect(await findings(doc)).toEqual([]);
  });

  it('a literal the parameter cannot hold (integer, enum, uuid) is no overlap; a string one is', async () => {
    const withParam = (name: string, schema: object) => ({ parameters: [{ name, in: 'path', required: true, schema }], get: op });
    const doc = (schema: object) => ({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/issues/{number}/events': withParam('number', schema),
        '/issues/comments/{id}': withParam('id', { type: 'string' }),
      },
    });
    for (const schema of [{ type: 'integer' }, { type: 'string', enum: ['1', '2'] }, { type: 'string', format: 'uuid' }]) {
      expect(await findings(doc(schema))).toEqual([]);
    }
    expect((await findings(doc({ type: 'string' }))).map(([path]) => path)).toEqual(['paths /issues/comments/{id}']);
  });

  it('comparePaths', () => {
    const cmp = (a: string, b: string) => comparePaths(parseTemplate(a), parseTemplate(b));
    expect(cmp('/users/me', '/users/{id}')).toBeUndefined();
    expect(cmp('/a/{x}', '/{y}/b')).toEqual({ kind: 'ambiguous', sample: '/a/b' });
    expect(cmp('/a/{x}', '/a/{y}')).toEqual({ kind: 'identical', parameterNames: true, trailingSlash: false });
    expect(cmp('/', '/')).toBeUndefined();
    expect(cmp('/a/{x', '/a/{y')).toBeUndefined();
    expect(cmp('/a/{x', '/{z}/{y')).toBeUndefined();
  });
});
