import { describe, expect, it } from 'vitest';
import {
  casingViolations,
  hasVersionSegment,
  isSingularWord,
  parsePath,
  pluralViolations,
  verbViolations,
} from '../../src/analysis/paths.js';

const kinds = (p: string) => parsePath(p).map((s) => `${s.text}:${s.kind}`);

describe('parsePath', () => {
  it('classifies segments in every syntax', () => {
    expect(kinds('/api/v1/users/:id')).toEqual(['api:api', 'v1:version', 'users:static', ':id:param']);
    expect(kinds('/users/{id}/orders')).toEqual(['users:static', '{id}:param', 'orders:static']);
    expect(kinds('/users/[id]/[...slug]/[[...rest]]')).toEqual([
      'users:static', '[id]:param', '[...slug]:param', '[[...rest]]:param',
    ]);
    expect(kinds('/files/*')).toEqual(['files:static', '*:param']);
    expect(kinds('/a/:id(\\d+)/:b?/:c{[0-9/]+}')).toEqual(['a:static', ':id(\\d+):param', ':b?:param', ':c{[0-9/]+}:param']);
    expect(kinds('/.well-known/openapi.json/health')).toEqual([
      '.well-known:wellknown', 'openapi.json:wellknown', 'health:wellknown',
    ]);
  });
  it('keeps offsets into the input', () => {
    const p = '/users/:id';
    const [u, id] = parsePath(p);
    expect(p.slice(u!.start, u!.end)).toBe('users');
    expect(p.slice(id!.start, id!.end)).toBe(':id');
  });
});

describe('pluralViolations', () => {
  const words = (p: string, m: string, allow?: string[]) => pluralViolations(p, m, { allow }).map((v) => `${v.word}>${v.replacement}`);
  it('flags the segment before a parameter and the last segment of list/create routes', () => {
    expect(words('/user/:id', 'GET')).toEqual(['user>users']);
    expect(words('/user/{id}', 'DELETE')).toEqual(['user>users']);
    expect(words('/api/v1/order', 'GET')).toEqual(['order>orders']);
    expect(words('/api/v1/order', 'POST')).toEqual(['order>orders']);
    expect(words('/order-item/:id', 'GET')).toEqual(['item>order-items']);
  });
  it('does not flag plurals, uncountables, well-known, custom actions or sub-resources', () => {
    expect(words('/users/:id', 'GET')).toEqual([]);
    expect(words('/news', 'GET')).toEqual([]);
    expect(words('/metadata', 'GET')).toEqual([]);
    expect(words('/health', 'GET')).toEqual([]);
    expect(words('/me', 'GET')).toEqual([]);
    expect(words('/orders/:id/cancel', 'POST')).toEqual([]);
    expect(words('/tickets/{id}/assignee', 'GET')).toEqual([]);
    expect(words('/api/v1/order', 'PUT')).toEqual([]);
    expect(words('/user/:id', 'GET', ['user'])).toEqual([]);
  });
  it('precision: sub-resources, lookup qualifiers, actions and states are not resource names', () => {
    expect(words('/posts/export', 'GET')).toEqual([]);
    expect(words('/members/stats/count', 'GET')).toEqual([]);
    expect(words('/themes/upload', 'POST')).toEqual([]);
    expect(words('/themes/active', 'GET')).toEqual([]);
    expect(words('/posts/slug/:slug', 'GET')).toEqual([]);
    expect(words('/comments/post/:post_id', 'GET')).toEqual([]);
    expect(words('/api/send-magic-link', 'POST')).toEqual([]);
    expect(words('/tiers/checkout_config', 'GET')).toEqual([]);
    expect(words('/jwks.json', 'GET')).toEqual([]);
    expect(words('/config/featurebase', 'GET')).toEqual([]);
    expect(words('/webhooks/stripe', 'POST')).toEqual([]);
    expect(words('/live-reload.js', 'GET')).toEqual([]);
    // still flagged: a singular first resource, a singular segment before its own id
    expect(words('/user/:userId', 'GET')).toEqual(['user>users']);
    expect(words('/integrations/:id/api_key/:keyid', 'POST')).toEqual(['key>api_keys']);
  });
  it('gives the same verdict for {id} and :id', () => {
    expect(words('/person/{id}', 'GET')).toEqual(words('/person/:id', 'GET'));
  });
  it('isSingularWord needs isSingular && !isPlural', () => {
    expect(isSingularWord('user')).toBe(true);
    expect(isSingularWord('series')).toBe(false);
    expect(isSingularWord('feedback')).toBe(false);
    expect(isSingularWord('people')).toBe(false);
  });
});

describe('casingViolations', () => {
  const v = (p: string, allow?: string[]) => casingViolations(p, { allow }).map((x) => `${x.kind}:${x.word}>${x.replacement ?? ''}`);
  it('flags camelCase, snake_case, upper case, extensions and trailing slashes', () => {
    expect(v('/userProfiles/:id')).toEqual(['camelCase:userProfiles>user-profiles']);
    expect(v('/user_profiles')).toEqual(['snake_case:user_profiles>user-profiles']);
    expect(v('/USERS')).toEqual(['uppercase:USERS>users']);
    expect(v('/Users')).toEqual(['uppercase:Users>users']);
    expect(v('/users.json')).toEqual(['extension:users.json>users']);
    expect(v('/users/')).toEqual(['trailing-slash:/>']);
  });
  it('does not flag kebab-case, parameters, well-known files or the root', () => {
    expect(v('/user-profiles/:userId/{orderId}')).toEqual([]);
    expect(v('/openapi.json')).toEqual([]);
    expect(v('/jwks.json')).toEqual([]);
    expect(v('/robots.txt')).toEqual([]);
    expect(v('/assets/app-bundle.js')).toEqual([]);
    expect(v('/.well-known/jwks')).toEqual([]);
    expect(v('/')).toEqual([]);
    expect(v('/user_profiles', ['user_profiles'])).toEqual([]);
  });
});

describe('verbViolations', () => {
  const v = (p: string, m: string, allow?: string[]) => verbViolations(p, m, { allow }).map((x) => x.word);
  it('flags segments whose first word is a verb', () => {
    expect(v('/getUsers', 'GET')).toEqual(['get']);
    expect(v('/create-order', 'POST')).toEqual(['create']);
    expect(v('/delete_user/:id', 'DELETE')).toEqual(['delete']);
    expect(v('/transfers/:id/execute-transfer', 'POST')).toEqual(['execute']);
    expect(v('/messages/:id/send', 'GET')).toEqual(['send']);
  });
  it('exempts the custom-action POST and nouns starting like verbs', () => {
    expect(v('/orders/:id/cancel', 'POST')).toEqual([]);
    expect(v('/messages/{id}/send', 'POST')).toEqual([]);
    expect(v('/addresses', 'GET')).toEqual([]);
    expect(v('/documents/settlements/editors', 'GET')).toEqual([]);
    expect(v('/updates', 'GET')).toEqual([]);
    expect(v('/search', 'GET')).toEqual([]);
    expect(v('/getUsers', 'GET', ['getUsers'])).toEqual([]);
  });
});

describe('hasVersionSegment', () => {
  it('matches the default and custom patterns', () => {
    expect(hasVersionSegment('/api/v2/users')).toBe(true);
    expect(hasVersionSegment('/api/users')).toBe(false);
    expect(hasVersionSegment('/api/2024-01/users', '^\\d{4}-\\d{2}$')).toBe(true);
  });
});
