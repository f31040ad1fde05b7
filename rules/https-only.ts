/**
 * https-only: every server an OpenAPI document declares is reached over TLS. Plain `http://` is
 * accepted only for loopback hosts, where traffic never leaves the machine.
 */
import { defineRule } from '../src/rule.js';
import { replaceBraced } from '../src/regex.js';
import { indexFunction, isObject, type DocumentIndex, type JsonPath, type SpectralResult } from '../src/openapi/index.js';

/** Only these hosts are exempt: a private IP or `localhost.example.net` still crosses a network. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The host of an absolute `http://` URL, or undefined when the URL is not plain HTTP. Server
 * variables (`{host}`) are left as written: a templated host is not provably loopback.
 */
function plainHttpHost(url: string): string | undefined {
  const m = /^http:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url.trim());
  if (!m) return undefined;
  return m[1]!.toLowerCase();
}

/** `{scheme}://…` with a variable whose default is `http`: the URL clients build by default. */
function substituteVariables(url: string, variables: unknown): string {
  if (!isObject(variables)) return url;
  return replaceBraced(url, (whole, name) => {
    const v = variables[name];
    return isObject(v) && typeof v.default === 'string' ? v.default : whole;
  });
}

function checkServers(servers: unknown, path: JsonPath, results: SpectralResult[]): void {
  if (!Array.isArray(servers)) return;
  servers.forEach((server, i) => {
    if (!isObject(server) || typeof server.url !== 'string') return;
    const url = substituteVariables(server.url, server.variables);
    const host = plainHttpHost(url);
    if (host === undefined || LOOPBACK_HOSTS.has(host)) return;
    results.push({
      message: `Server URL "${server.url}" uses plain HTTP; serve the API over https:// (only localhost, 127.0.0.1 and [::1] may use http://).`,
      path: [...path, i, 'url'],
    });
  });
}

function isLoopbackHost(host: unknown): boolean {
  if (typeof host !== 'string') return false;
  const m = /^(\[[^\]]*\]|[^:]*)/.exec(host.trim());
  return LOOPBACK_HOSTS.has((m?.[1] ?? '').toLowerCase());
}

function checkSchemes(schemes: unknown, host: unknown, path: JsonPath, results: SpectralResult[]): void {
  if (!Array.isArray(schemes) || isLoopbackHost(host)) return;
  schemes.forEach((scheme, i) => {
    if (typeof scheme !== 'string' || scheme.toLowerCase() !== 'http') return;
    results.push({
      message: `"schemes" lists "http" for host "${typeof host === 'string' ? host : '(document host)'}"; list only "https" (plain HTTP is allowed only for localhost).`,
      path: [...path, i],
    });
  });
}

export function httpsOnly(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  const { root, version } = index;
  if (version === '2.0') {
    checkSchemes(root.schemes, root.host, ['schemes'], results);
    for (const op of index.operations) if (!op.isWebhook) checkSchemes(op.operation.schemes, root.host, [...op.jsonPath, 'schemes'], results);
    return results;
  }
  if (version === undefined) return results;
  checkServers(root.servers, ['servers'], results);
  const seenItems = new Set<string>();
  for (const op of index.operations) {
    // A webhook is called by the API on the subscriber's URL; its servers are not the API's.
    if (op.isWebhook) continue;
    const itemPath = op.jsonPath.slice(0, -1);
    const key = itemPath.join('\u0000');
    if (!seenItems.has(key)) {
      seenItems.add(key);
      checkServers(op.pathItem.servers, [...itemPath, 'servers'], results);
    }
    checkServers(op.operation.servers, [...op.jsonPath, 'servers'], results);
  }
  return results;
}

export default defineRule({
  id: 'https-only',
  category: 'api-contract',
  description: 'Server URLs use HTTPS; plain http:// is allowed only for localhost, 127.0.0.1 and [::1].',
  recommended: 'error',
  strict: 'error',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(httpsOnly) },
  }),
});
