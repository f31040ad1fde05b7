/**
 * The operations of an OpenAPI document as the drift check sees them: method, path template with
 * every server prefix it may be served under, the status keys it documents and where it is written.
 *
 * Server prefixes: OAS 3 `servers[].url` at the operation, path item or root (the nearest level
 * that declares any wins), the path part of the URL, server variables replaced by their `default`;
 * Swagger 2 `basePath`. A URL whose path keeps an unresolved variable gives an unknown prefix (null):
 * such operations are only ever matched loosely, never reported as unimplemented.
 */
import { getIndex, isObject, type JsonPath, type Obj, type OperationInfo } from '../openapi/index.js';
import { documentTemplate, joinPaths, type PathTemplate } from './match.js';

export interface DocOperation {
  method: string;
  /** The path key as written in the document. */
  path: string;
  /** One template per server prefix; `prefixKnown` false when a prefix could not be resolved. */
  templates: { template: PathTemplate; prefixKnown: boolean; fullPath: string }[];
  /** Status keys as written: `200`, `4XX`, `default`. */
  statuses: string[];
  jsonPath: JsonPath;
  /** `#/paths/~1users~1{id}/get` */
  pointer: string;
  isWebhook: boolean;
}

/** The path part of a server URL with variables substituted; null when it cannot be known. */
export function serverPathPrefix(url: string, variables: unknown): string | null {
  let text = url;
  // Substitute `{name}` by the variable's default; leave the text when there is none.
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    const close = text.indexOf('}', open + 1);
    if (close < 0) return null;
    const name = text.slice(open + 1, close);
    const variable = isObject(variables) ? variables[name] : undefined;
    const value = isObject(variable) && typeof variable.default === 'string' ? variable.default : undefined;
    if (value === undefined) return null;
    out += text.slice(i, open) + value;
    i = close + 1;
  }
  text = out;
  const scheme = text.indexOf('://');
  if (scheme >= 0) {
    const slash = text.indexOf('/', scheme + 3);
    text = slash < 0 ? '/' : text.slice(slash);
  } else if (text.startsWith('//')) {
    const slash = text.indexOf('/', 2);
    text = slash < 0 ? '/' : text.slice(slash);
  }
  const cut = Math.min(...['?', '#'].map((c) => (text.includes(c) ? text.indexOf(c) : text.length)));
  text = text.slice(0, cut);
  // A relative URL (`v1`, `./v1`) is relative to where the document is served: unknown here.
  if (!text.startsWith('/')) return text === '' ? '/' : null;
  return text;
}

function serversAt(node: unknown): Obj[] | undefined {
  if (!isObject(node) || !Array.isArray(node.servers) || node.servers.length === 0) return undefined;
  return node.servers.filter(isObject);
}

function prefixesOf(root: Obj, op: OperationInfo): (string | null)[] {
  if (typeof root.swagger === 'string') {
    return [typeof root.basePath === 'string' ? root.basePath : '/'];
  }
  const servers = serversAt(op.operation) ?? serversAt(op.pathItem) ?? serversAt(root);
  if (!servers) return ['/'];
  const out = new Set<string | null>();
  for (const s of servers) out.add(typeof s.url === 'string' ? serverPathPrefix(s.url, s.variables) : null);
  return [...out];
}

function pointerOf(path: JsonPath): string {
  return '#/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** The document's operations (webhooks excluded: the API calls those, it does not serve them). */
export function documentOperations(root: unknown): DocOperation[] {
  if (!isObject(root)) return [];
  const out: DocOperation[] = [];
  for (const op of getIndex(root).operations) {
    if (op.isWebhook) continue;
    const templates = prefixesOf(root, op).map((prefix) => {
      const fullPath = prefix === null ? op.path : joinPaths(prefix, op.path);
      return { template: documentTemplate(fullPath), prefixKnown: prefix !== null, fullPath };
    });
    out.push({
      method: op.method,
      path: op.path,
      templates,
      statuses: op.responses.map((r) => r.status),
      jsonPath: op.jsonPath,
      pointer: pointerOf(op.jsonPath),
      isWebhook: false,
    });
  }
  return out;
}

/** Is `code` documented: listed, inside a listed range (`4XX`), or covered by `default`? */
export function statusDocumented(statuses: readonly string[], code: number): boolean {
  const text = String(code);
  for (const s of statuses) {
    const key = s.trim().toUpperCase();
    if (key === 'DEFAULT' || key === text) return true;
    if (key.length === 3 && key.endsWith('XX') && key[0] === text[0]) return true;
  }
  return false;
}
