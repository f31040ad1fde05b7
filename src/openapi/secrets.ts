/**
 * Secrets published in an OpenAPI description: the document side of no-hardcoded-secrets.
 *
 * `documentSecrets(index)` walks the resolved document once (each shared object once: internal
 * `$ref`s resolve to one object) and looks only where a description carries literal values:
 * - `example`, `examples`, `x-example(s)` and `default` values, at any depth: provider-format
 *   secrets (src/analysis/secrets.ts, the same table as the code face);
 * - `default` of a property, parameter or header whose name says it holds a secret (`password`,
 *   `client_secret`, `X-API-Key`): the value a client sends when it sends nothing;
 * - `servers[].url` (root, path and operation level, server variables at their defaults):
 *   user-info passwords and credentials in the query string (`?api_key=…`).
 *
 * Not reported, on purpose (precision first: a description is documentation, its examples are
 * meant to be read):
 * - example values under secret-named properties that have no provider format
 *   (`client_secret: example: 4f1e…`): illustrative by nature, and nothing tells a real one apart;
 * - connection URLs with a password in examples (`postgres://doadmin:wv78…@host`): a database API
 *   cannot show its connection string without one, and nothing tells a sample from a real one
 *   (DigitalOcean repeats one sample password in 14 places); in `servers` they are reported;
 * - JSON Web Tokens: documents show sample bearer tokens (jwt.io's), which reveal no signing key;
 * - PEM private keys: certificate-upload APIs (DigitalOcean, Twilio) show a sample key pair;
 * - test-mode keys (`sk_test_…`): the provider table only knows live keys, and Stripe prints its
 *   test keys in its own documentation;
 * - placeholders (`<token>`, `{{token}}`, `your-api-key`, `…EXAMPLE`, `user:password@`).
 */
import { findProviderSecret, findUrlCredential, isCredentialLikeValue, isPlaceholder, isSecretName, maskSecret } from '../analysis/secrets.js';
import { isObject, type JsonPath, type Obj } from './document.js';
import type { DocumentIndex } from './operations.js';
import type { SpectralResult } from './rule-helpers.js';
import { replaceBraced } from '../regex.js';

/** A result with the secret it is about, for the `allow` option. */
type Found = SpectralResult & { secret: string };

interface WalkState {
  results: Found[];
  /** Objects walked: each shared object (an internal `$ref`'s target) once. */
  seen: WeakSet<object>;
  /** Property schemas and headers whose default was judged: a shared one (`components/headers`) once. */
  judged: WeakSet<object>;
}

const EXAMPLE_KEYS = new Set(['example', 'examples', 'x-example', 'x-examples', 'default']);

/** Query parameter names that carry a credential although isSecretName does not know them as such. */
const QUERY_CREDENTIAL_NAMES = new Set(['api_key', 'apikey', 'key', 'access_token', 'auth', 'sig', 'signature', 'code']);

/** Provider kinds not reported in documents (see above). */
const DOCUMENT_SAMPLE_KINDS = new Set(['JSON Web Token', 'private key']);

/** Deeper than this, a document is not walked further (Spectral's own nesting bound is far lower). */
const MAX_DEPTH = 256;

/** `allowed`: the rule's `allow` option, tested on each secret found (a known public value). */
export function documentSecrets(index: DocumentIndex, allowed: (value: string) => boolean = () => false): SpectralResult[] {
  const state: WalkState = { results: [], seen: new WeakSet(), judged: new WeakSet() };
  walk(index.root, [], false, state, 0);
  return state.results.filter((r) => !allowed(r.secret)).map(({ message, path }) => ({ message, path }));
}

/** `path` is one mutable stack for the whole walk: copied only when a result is made. */
function walk(node: unknown, path: JsonPath, inExample: boolean, state: WalkState, depth: number): void {
  if (typeof node === 'string') {
    if (inExample) checkExampleString(node, path, state.results);
    return;
  }
  if (node === null || typeof node !== 'object' || state.seen.has(node) || depth > MAX_DEPTH) return;
  state.seen.add(node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      walk(node[i], path, inExample, state, depth + 1);
      path.pop();
    }
    return;
  }
  const obj = node as Obj;
  if (!inExample) {
    if (Array.isArray(obj.servers)) checkServers(obj.servers, [...path, 'servers'], state.results);
    checkSecretDefault(obj, path, state);
  }
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    path.push(key);
    walk(obj[key], path, inExample || EXAMPLE_KEYS.has(key), state, depth + 1);
    path.pop();
  }
}

function checkExampleString(value: string, path: JsonPath, results: Found[]): void {
  if (value.length < 20) return;
  const provider = findProviderSecret(value);
  if (!provider || DOCUMENT_SAMPLE_KINDS.has(provider.kind)) return;
  results.push({
    message: `Example value holds a ${provider.kind} ${maskSecret(provider.value)}: a description is published, so a real key in it is leaked. Rotate it and show a placeholder (\`<your-key>\`) instead.`,
    path: [...path],
    secret: provider.value,
  });
}

/** `user:passwd@`, `admin:secret123@`: the documentation spellings of a password, beside the placeholders. */
function isDocumentationPassword(password: string): boolean {
  return /^(?:passw(?:or)?d|pass|pwd|secret|changeme)\d*$/i.test(password) || isPlaceholder(password);
}

/** `{ name: 'client_secret', schema: { default: '…' } }`, `properties: { password: { default: '…' } }`, named headers. */
function checkSecretDefault(obj: Obj, path: JsonPath, state: WalkState): void {
  const once = (x: Obj): boolean => {
    if (state.judged.has(x)) return false;
    state.judged.add(x);
    return true;
  };
  if (isObject(obj.properties)) {
    for (const [name, schema] of Object.entries(obj.properties)) {
      if (isObject(schema) && typeof schema.default === 'string' && once(schema)) reportDefault(name, schema.default, [...path, 'properties', name, 'default'], state.results);
    }
  }
  // A parameter (OAS 3: its schema's default; OAS 2: its own): walked once like any object.
  if (typeof obj.name === 'string' && typeof obj.in === 'string') parameterDefault(obj.name, obj, path, state.results);
  // Headers are named by their key (`headers: { X-Api-Key: { schema: { default } } }`).
  if (isObject(obj.headers)) {
    for (const [name, header] of Object.entries(obj.headers)) {
      if (isObject(header) && once(header)) parameterDefault(name, header, [...path, 'headers', name], state.results);
    }
  }
}

function parameterDefault(name: string, obj: Obj, path: JsonPath, results: Found[]): void {
  if (typeof obj.default === 'string') reportDefault(name, obj.default, [...path, 'default'], results);
  if (isObject(obj.schema) && typeof obj.schema.default === 'string') reportDefault(name, obj.schema.default, [...path, 'schema', 'default'], results);
}

function reportDefault(name: string, value: string, path: JsonPath, results: Found[]): void {
  if (!isSecretName(name) || !isCredentialLikeValue(value, name)) return;
  results.push({
    message: `'${name}' defaults to the credential ${maskSecret(value)}: a client that leaves it out sends a secret everyone can read. Remove the default.`,
    path,
    secret: value,
  });
}

function checkServers(servers: unknown[], path: JsonPath, results: Found[]): void {
  servers.forEach((server, i) => {
    if (!isObject(server) || typeof server.url !== 'string') return;
    const url = withDefaults(server.url, server.variables);
    const at = [...path, i, 'url'];
    const password = findUrlCredential(url);
    if (password && !isDocumentationPassword(password)) {
      results.push({ message: `Server URL embeds the password ${maskSecret(password)}: every reader of the description holds it. Remove the credentials from the URL and describe them as a security scheme.`, path: at, secret: password });
      return;
    }
    const provider = findProviderSecret(url);
    if (provider && !DOCUMENT_SAMPLE_KINDS.has(provider.kind)) {
      results.push({ message: `Server URL holds a ${provider.kind} ${maskSecret(provider.value)}: every reader of the description holds it. Rotate it and describe the credential as a security scheme.`, path: at, secret: provider.value });
      return;
    }
    const query = queryCredential(url);
    if (query) {
      results.push({
        message: `Server URL passes the credential ${maskSecret(query.value)} in its query string ('${query.name}'): every reader of the description holds it, and URLs end up in logs. Describe it as a security scheme instead.`,
        path: at,
        secret: query.value,
      });
    }
  });
}

/** `{scheme}://{host}` with each variable at its default: the URL a client builds. */
function withDefaults(url: string, variables: unknown): string {
  if (!isObject(variables)) return url;
  return replaceBraced(url, (whole, name) => {
    const v = variables[name];
    return isObject(v) && typeof v.default === 'string' ? v.default : whole;
  });
}

function queryCredential(url: string): { name: string; value: string } | null {
  const q = url.indexOf('?');
  if (q === -1) return null;
  const end = url.indexOf('#', q);
  for (const pair of url.slice(q + 1, end === -1 ? undefined : end).split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // intentionally ignored: a malformed %-escape is judged on its raw text
    }
    if (value.includes('{') || (!isSecretName(name) && !QUERY_CREDENTIAL_NAMES.has(name.toLowerCase()))) continue;
    if (isCredentialLikeValue(value, name)) return { name, value };
  }
  return null;
}
