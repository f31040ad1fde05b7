/**
 * Spectral faces of the section-A path rules (plural-resource-names, kebab-case-paths,
 * no-verbs-in-paths). The ESLint faces are tested in the rules' own test files; both call the
 * shared analyser in src/analysis/paths.ts, which the equivalence tests below pin down.
 */
import { describe, expect, it } from 'vitest';
import { lintDoc } from '../helpers/spectral.js';
import { casingViolations, pluralViolations, verbViolations } from '../../src/analysis/paths.js';

const ok = { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } };
const list = { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } } };
const created = { responses: { '201': { description: 'created' } } };

function oas3(paths: Record<string, unknown>, openapi = '3.0.3') {
  return { openapi, info: { title: 't', version: '1' }, paths };
}

describe('plural-resource-names (Spectral)', () => {
  const RULE = ['plural-resource-names'];
  const CODE = 'backlint/plural-resource-names';

  it('flags a singular segment before a parameter and a singular list/create segment, on the path item', async () => {
    const results = await lintDoc(oas3({ '/user/{id}': { get: ok }, '/invoice': { get: list, post: created } }), RULE);
    expect(results).toEqual([
      {
        code: CODE,
        path: ['paths', '/user/{id}'],
        message: 'Resource name "user" in path /user/{id} is singular: name collections and their items with the plural "users".',
        severity: 'warn',
        line: 6,
      },
      {
        code: CODE,
        path: ['paths', '/invoice'],
        message: 'Resource name "invoice" in path /invoice is singular: name collections and their items with the plural "invoices".',
        severity: 'warn',
        line: 15,
      },
    ]);
  });

  it('gives the same verdict as the code face on /users/{id} and /users/:id', async () => {
    for (const [docPath, codePath] of [['/user/{id}', '/user/:id'], ['/users/{id}', '/users/:id'], ['/v1/order/{orderId}/item/{itemId}', '/v1/order/:orderId/item/:itemId']] as const) {
      const results = await lintDoc(oas3({ [docPath]: { get: ok } }), RULE);
      expect(results.length).toBe(pluralViolations(codePath, 'GET').length);
    }
  });

  it('does not flag custom actions, single-object sub-resources, singletons, uncountables, well-known segments or allowed words', async () => {
    const doc = oas3({
      '/orders/{id}/cancel': { post: ok },
      '/tickets/{id}/assignee': { get: ok },
      '/account': { get: ok },
      '/news': { get: list },
      '/media/{id}': { get: ok },
      '/api/v1/health': { get: ok },
      '/me': { get: ok },
      '/search': { post: ok },
      '/inventory/{sku}': { get: ok },
    }, '3.1.0');
    expect(await lintDoc(doc, RULE)).toEqual([]);
    const allowed = await lintDoc(oas3({ '/staff-member/{id}': { get: ok } }), RULE, {
      rules: { 'backlint/plural-resource-names': ['warn', { allow: ['staff-member'] }] },
    });
    expect(allowed).toEqual([]);
  });

  it('judges compounds on their head noun and never calls a participle singular (both faces)', async () => {
    const results = await lintDoc(
      oas3({ '/codes_of_conduct/{key}': { get: ok }, '/code_of_conduct/{key}': { get: ok }, '/issues/{n}/blocked_by/{id}': { get: ok }, '/user-list/{id}/starred/{repo}': { get: ok } }),
      RULE,
    );
    expect(results.map((r) => [r.path[1], r.message])).toEqual([
      ['/code_of_conduct/{key}', 'Resource name "code_of_conduct" in path /code_of_conduct/{key} is singular: name collections and their items with the plural "codes_of_conduct".'],
      ['/user-list/{id}/starred/{repo}', 'Resource name "user-list" in path /user-list/{id}/starred/{repo} is singular: name collections and their items with the plural "user-lists".'],
    ]);
    expect(pluralViolations('/codes_of_conduct/:key', 'GET')).toEqual([]);
    expect(pluralViolations('/issues/:n/blocked_by/:id', 'GET')).toEqual([]);
    // a lookup qualifier named by the parameter's last word (`digest/{subject_digest}`)
    expect(await lintDoc(oas3({ '/attestations/digest/{subject_digest}': { get: ok } }), RULE)).toEqual([]);
    expect(await lintDoc(oas3({ '/scheduled-indexes/knowledge-base/{knowledge_base_uuid}': { get: ok } }), RULE)).toEqual([]);
  });

  it('does not call adjectives, verbs, gerunds, formats or provider names collections (both faces)', async () => {
    const paths = [
      '/emojis/custom/{emoji_name}',
      '/repos/{owner}/{repo}/compare/{basehead}',
      '/user/following/{username}',
      '/users/{username}/following/{target_user}',
      '/repos/{owner}/{repo}/tarball/{ref}',
      '/repos/{owner}/{repo}/zipball/{ref}',
      '/repos/{owner}/{repo}/readme/{dir}',
      '/integration_mappings/slack/{integration_mapping_id}',
      '/v2/gen-ai/scheduled-indexing/{uuid}',
      '/accounts/{id}/calls/{sid}/siprec/{siprec_sid}',
      '/v1/balance/history/{id}',
      '/users/{id}/unfollow/{target}',
      '/plans/standard/{region}',
    ];
    const doc = oas3(Object.fromEntries(paths.map((p) => [p, { get: ok }])));
    expect(await lintDoc(doc, RULE)).toEqual([]);
    for (const p of paths) expect(pluralViolations(p.replace(/\{(\w+)\}/g, ':$1'), 'GET')).toEqual([]);
    // Only as the whole name: a compound is still judged on its head noun, and countable -ing nouns stay nouns.
    const judged = await lintDoc(
      oas3({ '/custom-field/{id}': { get: ok }, '/slack-channel/{id}': { get: ok }, '/recording/{id}': { get: ok }, '/meeting/{id}': { get: ok } }),
      RULE,
    );
    expect(judged.map((r) => r.message.match(/plural "([^"]+)"/)![1])).toEqual(['custom-fields', 'slack-channels', 'recordings', 'meetings']);
    // The advice is never a non-word.
    for (const r of judged) expect(r.message).not.toMatch(/unfollows|followings/);
  });

  it('a namespace is not a collection: after a plural collection, or before a parameter naming another noun (both faces)', async () => {
    const exempt = ['/v2/gen-ai/models/catalog/{id}', '/v2/databases/{database_cluster_uuid}/schema-registry/{subject_name}'];
    expect(await lintDoc(oas3(Object.fromEntries(exempt.map((p) => [p, { get: ok }]))), RULE)).toEqual([]);
    for (const p of exempt) expect(pluralViolations(p.replace(/\{(\w+)\}/g, ':$1'), 'GET')).toEqual([]);
    // The parameter names the segment's own items: still judged.
    const judged = ['/user/{username}', '/repository/{repo_id}', '/logsink/{logsink_id}', '/online-migration/{migration_id}', '/admin/member/{id}'];
    const results = await lintDoc(oas3(Object.fromEntries(judged.map((p) => [p, { get: ok }]))), RULE);
    expect(results.map((r) => r.path[1])).toEqual(judged);
  });

  it('Swagger 2.0 paths are judged the same way', async () => {
    const doc = { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/pet/{petId}': { get: { responses: { '200': { description: 'ok' } } } }, '/pets/{petId}': { get: { responses: { '200': { description: 'ok' } } } } } };
    expect((await lintDoc(doc, RULE)).map((r) => r.path.join(' '))).toEqual(['paths /pet/{petId}']);
  });
});

describe('kebab-case-paths (Spectral)', () => {
  const RULE = ['kebab-case-paths'];
  const CODE = 'backlint/kebab-case-paths';

  it('flags camelCase, snake_case, upper case, extensions and trailing slashes', async () => {
    const results = await lintDoc(
      oas3({ '/userProfiles': { get: ok }, '/order_items/{id}': { get: ok }, '/Reports': { get: ok }, '/exports.json': { get: ok }, '/teams/': { get: ok } }),
      RULE,
    );
    expect(results.map((r) => [r.code, r.path[1], r.message])).toEqual([
      [CODE, '/userProfiles', 'Path segment "userProfiles" in /userProfiles is camelCase: write path segments as lowercase words joined by hyphens ("user-profiles").'],
      [CODE, '/order_items/{id}', 'Path segment "order_items" in /order_items/{id} is snake_case: write path segments as lowercase words joined by hyphens ("order-items").'],
      [CODE, '/Reports', 'Path segment "Reports" in /Reports is not lower case: write path segments as lowercase words joined by hyphens ("reports").'],
      [CODE, '/exports.json', 'Path segment "exports.json" in /exports.json carries a file extension: name the resource without it ("exports") and pick the format with the Accept header.'],
      [CODE, '/teams/', 'Path /teams/ ends with a slash: drop the trailing "/" so the resource has a single URL.'],
    ]);
    expect(results.every((r) => r.severity === 'warn')).toBe(true);
  });

  it('does not judge parameters, version or well-known segments; honours allow; same verdicts as the code face', async () => {
    const doc = oas3({ '/v1/users/{userId}/order-items/{order_id}': { get: ok }, '/.well-known/openapi.json': { get: ok }, '/api/v2/healthz': { get: ok } });
    expect(await lintDoc(doc, RULE)).toEqual([]);
    expect(await lintDoc(oas3({ '/oAuth2': { get: ok } }), RULE, { rules: { 'backlint/kebab-case-paths': ['warn', { allow: ['oAuth2'] }] } })).toEqual([]);
    const results = await lintDoc(oas3({ '/userProfiles/{id}': { get: ok } }), RULE);
    expect(results.length).toBe(casingViolations('/userProfiles/:id').length);
  });
});

describe('no-verbs-in-paths (Spectral)', () => {
  const RULE = ['no-verbs-in-paths'];
  const CODE = 'backlint/no-verbs-in-paths';

  it('flags verb segments, a multi-word custom action and a GET on an action segment', async () => {
    const results = await lintDoc(
      oas3({ '/getUsers': { get: list }, '/orders/{id}/execute-transfer': { post: ok }, '/messages/{id}/send': { get: ok } }),
      RULE,
    );
    expect(results.map((r) => [r.code, r.path[1], r.message])).toEqual([
      [CODE, '/getUsers', 'Path segment "getUsers" in GET /getUsers starts with the verb "get": name the resource in the path and let the HTTP method carry the action (a custom action is a POST to /<resources>/{id}/<verb>).'],
      [CODE, '/orders/{id}/execute-transfer', 'Path segment "execute-transfer" in POST /orders/{id}/execute-transfer starts with the verb "execute": name the resource in the path and let the HTTP method carry the action (a custom action is a POST to /<resources>/{id}/<verb>).'],
      [CODE, '/messages/{id}/send', 'Path segment "send" in GET /messages/{id}/send starts with the verb "send": name the resource in the path and let the HTTP method carry the action (a custom action is a POST to /<resources>/{id}/<verb>).'],
    ]);
  });

  it('allows the custom-action POST, nouns that start like verbs, well-known segments and allowed words', async () => {
    const doc = oas3({
      '/orders/{id}/cancel': { post: ok },
      '/payments/{id}/refund': { post: ok },
      '/orders/{id}/send': { post: ok },
      '/addresses': { get: list },
      '/settlements/{id}': { get: ok },
      '/editors': { get: list },
      '/search': { get: ok },
    });
    expect(await lintDoc(doc, RULE)).toEqual([]);
    expect(await lintDoc(oas3({ '/run-logs': { get: list } }), RULE, { rules: { 'backlint/no-verbs-in-paths': ['warn', { allow: ['run'] }] } })).toEqual([]);
    // verb + particle compounds are nouns (DigitalOcean `/v2/add-ons`, Twilio `AddOnResults`)
    expect(await lintDoc(oas3({ '/add-ons/apps': { get: list }, '/recordings/{id}/AddOnResults': { get: list } }), RULE)).toEqual([]);
    expect(verbViolations('/add-ons/apps', 'GET')).toEqual([]);
  });

  it('gives the same verdict as the code face (Swagger 2.0 too)', async () => {
    const doc = { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/users/{id}/deleteAvatar': { post: { responses: { '200': { description: 'ok' } } } } } };
    const results = await lintDoc(doc, RULE);
    expect(results.length).toBe(verbViolations('/users/:id/deleteAvatar', 'POST').length);
    expect(results.map((r) => r.path.join(' '))).toEqual(['paths /users/{id}/deleteAvatar']);
  });
});

describe('path rules: one finding per distinct offending segment', () => {
  it('kebab-case-paths reports a segment shared by many paths once, at the first, with the count', async () => {
    const doc = oas3({
      '/2010-04-01/Accounts.json': { get: list },
      '/2010-04-01/Accounts/{AccountSid}.json': { get: ok },
      '/2010-04-01/Accounts/{AccountSid}/Calls.json': { get: list },
      '/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json': { get: ok },
      '/a/': { get: ok },
      '/b/': { get: ok },
    });
    const results = await lintDoc(doc, ['kebab-case-paths']);
    expect(results.map((r) => [r.path[1], r.line, r.message])).toEqual([
      ['/2010-04-01/Accounts.json', 6, 'Path segment "Accounts.json" in /2010-04-01/Accounts.json is not lower case: write path segments as lowercase words joined by hyphens ("accounts.json").'],
      ['/2010-04-01/Accounts.json', 6, 'Path segment "Accounts.json" in /2010-04-01/Accounts.json carries a file extension: name the resource without it ("accounts") and pick the format with the Accept header.'],
      ['/2010-04-01/Accounts/{AccountSid}.json', 17, 'Path segment "Accounts" in /2010-04-01/Accounts/{AccountSid}.json (and 2 more paths) is not lower case: write path segments as lowercase words joined by hyphens ("accounts").'],
      ['/2010-04-01/Accounts/{AccountSid}/Calls.json', 26, 'Path segment "Calls.json" in /2010-04-01/Accounts/{AccountSid}/Calls.json is not lower case: write path segments as lowercase words joined by hyphens ("calls.json").'],
      ['/2010-04-01/Accounts/{AccountSid}/Calls.json', 26, 'Path segment "Calls.json" in /2010-04-01/Accounts/{AccountSid}/Calls.json carries a file extension: name the resource without it ("calls") and pick the format with the Accept header.'],
      ['/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json', 37, 'Path segment "Calls" in /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json is not lower case: write path segments as lowercase words joined by hyphens ("calls").'],
      // A trailing slash belongs to its own path.
      ['/a/', 46, 'Path /a/ ends with a slash: drop the trailing "/" so the resource has a single URL.'],
      ['/b/', 55, 'Path /b/ ends with a slash: drop the trailing "/" so the resource has a single URL.'],
    ]);
  });

  it('plural-resource-names and no-verbs-in-paths group the same way; a suppressed path neither reports nor counts', async () => {
    const ignore = { 'x-backlint-ignore': ['plural-resource-names', 'no-verbs-in-paths'] };
    const doc = oas3({
      '/user/{id}': { ...ignore, get: ok },
      '/user/{id}/repos': { get: list },
      '/user/{id}/keys': { get: list },
      '/getUsers/{id}': { get: ok },
      '/getUsers/{id}/keys': { get: list },
    });
    const results = await lintDoc(doc, ['plural-resource-names', 'no-verbs-in-paths']);
    expect(results.map((r) => [r.code, r.path[1], r.message])).toEqual([
      ['backlint/plural-resource-names', '/user/{id}/repos', 'Resource name "user" in path /user/{id}/repos (and 1 more path) is singular: name collections and their items with the plural "users".'],
      ['backlint/no-verbs-in-paths', '/getUsers/{id}', 'Path segment "getUsers" in GET /getUsers/{id} (and 1 more path) starts with the verb "get": name the resource in the path and let the HTTP method carry the action (a custom action is a POST to /<resources>/{id}/<verb>).'],
    ]);
  });
});
