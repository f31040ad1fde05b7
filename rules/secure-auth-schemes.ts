/**
 * secure-auth-schemes: security scheme definitions that expose credentials. Judged on the
 * definition itself (components.securitySchemes / securityDefinitions), whether or not an
 * operation uses it: a declared scheme is an invitation to clients.
 */
import { defineRule } from '../src/rule.js';
import { indexFunction, isCredentialParameterName, isObject, type DocumentIndex, type JsonPath, type Obj, type SpectralResult } from '../src/openapi/index.js';

const URL_FIELDS = ['authorizationUrl', 'tokenUrl', 'refreshUrl', 'openIdConnectUrl'] as const;

/** `scheme://user:pass@host` or `scheme://token@host`: anything in the userinfo part. */
function hasUrlCredentials(url: unknown): boolean {
  return typeof url === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]+@/i.test(url.trim());
}

function lower(x: unknown): string {
  return typeof x === 'string' ? x.toLowerCase() : '';
}

function checkUrls(holder: Obj, path: JsonPath, name: string, results: SpectralResult[]): void {
  for (const field of URL_FIELDS) {
    if (!hasUrlCredentials(holder[field])) continue;
    results.push({
      message: `Security scheme "${name}" embeds credentials in its ${field}; remove the user:password part from the URL.`,
      path: [...path, field],
    });
  }
}

function checkScheme(name: string, scheme: Obj, path: JsonPath, swagger: boolean, results: SpectralResult[]): void {
  const type = lower(scheme.type);
  if (type === 'apikey') {
    const where = lower(scheme.in);
    if (where === 'query' || where === 'path') {
      const param = typeof scheme.name === 'string' ? ` "${scheme.name}"` : '';
      results.push({
        message: `Security scheme "${name}" sends its API key${param} in the ${where}, where it ends up in logs, caches and browser history; send it in a header instead.`,
        path: [...path, 'in'],
      });
    }
    return;
  }
  if (type === 'basic' || (type === 'http' && lower(scheme.scheme) === 'basic')) {
    results.push({
      message: `Security scheme "${name}" uses HTTP Basic, which sends reusable credentials with every request; use bearer tokens or OAuth2 instead.`,
      path: type === 'basic' ? [...path, 'type'] : [...path, 'scheme'],
    });
    return;
  }
  if (type === 'oauth2') {
    if (swagger) {
      const flow = lower(scheme.flow);
      if (flow === 'implicit' || flow === 'password') reportFlow(name, flow, [...path, 'flow'], results);
      checkUrls(scheme, path, name, results);
      return;
    }
    if (isObject(scheme.flows)) {
      for (const [flowName, flow] of Object.entries(scheme.flows)) {
        const f = flowName.toLowerCase();
        if (f === 'implicit' || f === 'password') reportFlow(name, f, [...path, 'flows', flowName], results);
        if (isObject(flow)) checkUrls(flow, [...path, 'flows', flowName], name, results);
      }
    }
    return;
  }
  if (type === 'openidconnect') checkUrls(scheme, path, name, results);
}

function reportFlow(name: string, flow: string, path: JsonPath, results: SpectralResult[]): void {
  const why =
    flow === 'implicit'
      ? 'returns access tokens in the redirect URL (RFC 9700 advises against it)'
      : 'hands the user\'s password to the client (RFC 9700 forbids it)';
  results.push({
    message: `Security scheme "${name}" offers the OAuth2 ${flow} flow, which ${why}; use the authorization code flow with PKCE (or client credentials for machines).`,
    path,
  });
}

function checkServerUrls(servers: unknown, path: JsonPath, results: SpectralResult[]): void {
  if (!Array.isArray(servers)) return;
  servers.forEach((server, i) => {
    if (!isObject(server) || !hasUrlCredentials(server.url)) return;
    results.push({
      message: 'Server URL embeds credentials in its user-info part; remove them and authenticate through a security scheme.',
      path: [...path, i, 'url'],
    });
  });
}

/**
 * A credential the document asks for as a query or path parameter (`?access_token=`,
 * `?client_secret=`) travels in the URL like an apiKey scheme `in: query` does, only without a
 * scheme to say so. Once per parameter object: a shared `components.parameters` entry is one finding.
 */
function checkCredentialParameters(index: DocumentIndex, results: SpectralResult[]): void {
  const seen = new Set<object>();
  for (const op of index.operations) {
    if (op.isWebhook) continue;
    for (const p of op.parameters) {
      const where = p.in.toLowerCase();
      if ((where !== 'query' && where !== 'path') || !isCredentialParameterName(p.name) || seen.has(p.param)) continue;
      seen.add(p.param);
      results.push({
        message: `Parameter "${p.name}" of ${op.method.toUpperCase()} ${op.path} carries a credential in the ${where}, where it ends up in logs, caches and browser history; send it in a header (Authorization) or the request body.`,
        path: p.jsonPath,
      });
    }
  }
}

export function secureAuthSchemes(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  const swagger = index.version === '2.0';
  for (const { name, scheme, jsonPath } of index.securitySchemes) checkScheme(name, scheme, jsonPath, swagger, results);
  checkCredentialParameters(index, results);
  if (swagger || index.version === undefined) return results;
  // Credentials in a server URL are credentials in a URL too; they are not on a scheme, so they
  // are reported on the URL itself.
  checkServerUrls(index.root.servers, ['servers'], results);
  const seenItems = new Set<object>();
  for (const op of index.operations) {
    if (op.isWebhook) continue;
    if (!seenItems.has(op.pathItem)) {
      seenItems.add(op.pathItem);
      checkServerUrls(op.pathItem.servers, [...op.jsonPath.slice(0, -1), 'servers'], results);
    }
    checkServerUrls(op.operation.servers, [...op.jsonPath, 'servers'], results);
  }
  return results;
}

export default defineRule({
  id: 'secure-auth-schemes',
  category: 'api-contract',
  description:
    'Security schemes avoid exposed credentials: no API keys in query or path, no HTTP Basic, no OAuth2 implicit or password flow, no credentials in URLs or URL parameters.',
  recommended: 'error',
  strict: 'error',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(secureAuthSchemes) },
  }),
});
