/**
 * The indexed view of an OpenAPI document, computed ONCE per document and shared by every rule.
 *
 * API
 * - `getIndex(root)` → `DocumentIndex`, cached in a WeakMap keyed on the root object. In a Spectral
 *   function with `given: '$'` pass `targetVal` (the resolved document); every rule of the run gets
 *   the same index.
 * - `DocumentIndex`: `{ root, version, operations, operationsByPath, servers, securitySchemes,
 *   rootSecurity }`.
 * - `OperationInfo` per operation of `paths` (and 3.1 `webhooks`, flagged `isWebhook`):
 *   `path`, `method` (lower case), `operation`, `pathItem`, `jsonPath` (`['paths', path, method]`),
 *   `segments` (`{ value, isParam }` per path segment), `parameters` (path-level and
 *   operation-level merged, operation wins on the same name+in; refs resolved; each with its own
 *   `jsonPath`), `requestBody` (OAS3 `requestBody`, or the OAS2 `in: body`/`formData` parameters as
 *   one body), `responses` (`status` key as written, resolved response, `jsonPath`, `headers` keyed by
 *   lower-case name, `media` list), `security` (effective requirements: operation's, else the root's;
 *   `[]` means explicitly public) and `securitySource`, and `kind` from `classifyOperation`.
 * - `classifyOperation(op, index)` → `'list' | 'create' | 'read' | 'update' | 'delete' | 'action'`:
 *   GET/HEAD answering a collection (array or `{data|items|results: []}` JSON 2XX body) = list, other
 *   GET/HEAD = read; POST on a path ending in a parameter = update; POST on a static last segment
 *   that is not well-known = create only with evidence, recorded in `createEvidence`: it answers 201
 *   or a 2XX with `Location`; or, on a collection (a list GET shares the path, or the segment is a
 *   plural noun whose members `{path}/{id}` are addressable), it answers the members' schema or its
 *   operationId/summary starts with create/add/new/insert/register/upload/provision/
 *   place/open/submit; otherwise action;
 *   PUT/PATCH = update; DELETE = delete; anything else = action.
 *
 * Reporting: build result paths from these `jsonPath`s (e.g. `[...op.jsonPath, 'responses', '200']`);
 * Spectral maps a path through an inlined `$ref` back to the referenced component itself.
 */
import pluralize from 'pluralize';
import { trimEnd } from '../regex.js';
import { ACTION_VERBS, splitSegmentWords, WELL_KNOWN_SEGMENTS } from '../analysis/paths.js';
import {
  collectionOf,
  detectVersion,
  effectiveSchema,
  isJsonMediaType,
  isObject,
  resolve,
  type JsonPath,
  type Obj,
  type OasVersion,
} from './document.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type OperationKind = 'list' | 'create' | 'read' | 'update' | 'delete' | 'action';

export interface PathSegment {
  value: string;
  isParam: boolean;
}

export interface ParameterInfo {
  name: string;
  in: string;
  param: Obj;
  /** OAS3 `schema`; OAS2 non-body parameters carry their schema keywords inline: the param itself. */
  schema: Obj | undefined;
  jsonPath: JsonPath;
}

export interface MediaInfo {
  mediaType: string;
  /** OAS3 media type object; OAS2: the response (or body parameter) that holds `schema`. */
  media: Obj;
  schema: unknown;
  /** Where the media object is (OAS2: the response or body parameter). */
  jsonPath: JsonPath;
}

export interface RequestBodyInfo {
  body: Obj;
  jsonPath: JsonPath;
  media: MediaInfo[];
}

export interface ResponseInfo {
  /** The key as written: `200`, `4XX`, `default`. */
  status: string;
  response: Obj;
  jsonPath: JsonPath;
  /** Header objects by lower-case name, refs resolved. */
  headers: Map<string, Obj>;
  media: MediaInfo[];
}

export interface OperationInfo {
  path: string;
  method: HttpMethod;
  operation: Obj;
  pathItem: Obj;
  jsonPath: JsonPath;
  segments: PathSegment[];
  parameters: ParameterInfo[];
  requestBody: RequestBodyInfo | undefined;
  responses: ResponseInfo[];
  /** Effective security requirements; undefined when neither operation nor root declares any. */
  security: Obj[] | undefined;
  securitySource: 'operation' | 'root' | 'none';
  isWebhook: boolean;
  kind: OperationKind;
  /** For a POST classified as create: what shows it creates (for messages), e.g. `it answers 201`. */
  createEvidence?: string;
}

export interface SecuritySchemeInfo {
  name: string;
  scheme: Obj;
  jsonPath: JsonPath;
}

export interface DocumentIndex {
  root: Obj;
  version: OasVersion | undefined;
  operations: OperationInfo[];
  operationsByPath: Map<string, OperationInfo[]>;
  /** Server URLs: OAS3 `servers[].url` (root level); OAS2 built from schemes/host/basePath. */
  servers: { url: string; jsonPath: JsonPath }[];
  securitySchemes: SecuritySchemeInfo[];
  rootSecurity: Obj[] | undefined;
}

const cache = new WeakMap<object, DocumentIndex>();

export function getIndex(root: unknown): DocumentIndex {
  const key = isObject(root) ? root : EMPTY;
  let index = cache.get(key);
  if (!index) {
    index = buildIndex(key);
    cache.set(key, index);
  }
  return index;
}

const EMPTY: Obj = {};

export function splitPath(path: string): PathSegment[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((value) => ({ value, isParam: /^\{[^}]*\}$/.test(value) || value.startsWith(':') }));
}

function buildIndex(root: Obj): DocumentIndex {
  const version = detectVersion(root);
  const rootSecurity = Array.isArray(root.security) ? (root.security as Obj[]) : undefined;
  const operations: OperationInfo[] = [];
  const operationsByPath = new Map<string, OperationInfo[]>();
  const collect = (container: unknown, containerKey: string, isWebhook: boolean) => {
    if (!isObject(container)) return;
    for (const [path, rawItem] of Object.entries(container)) {
      const pathItem = resolve(root, rawItem);
      if (!isObject(pathItem)) continue;
      const pathParams = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
      const segments = splitPath(path);
      const list: OperationInfo[] = [];
      for (const method of HTTP_METHODS) {
        const operation = resolve(root, pathItem[method]);
        if (!isObject(operation)) continue;
        const jsonPath: JsonPath = [containerKey, path, method];
        const op: OperationInfo = {
          path,
          method,
          operation,
          pathItem,
          jsonPath,
          segments,
          parameters: [],
          requestBody: undefined,
          responses: [],
          security: undefined,
          securitySource: 'none',
          isWebhook,
          kind: 'action',
        };
        fillParameters(root, version, op, pathParams, [containerKey, path, 'parameters']);
        fillResponses(root, version, op);
        if (version !== '2.0') {
          const body = resolve(root, operation.requestBody);
          if (isObject(body)) {
            const bodyPath = [...jsonPath, 'requestBody'];
            op.requestBody = { body, jsonPath: bodyPath, media: oas3Media(body, bodyPath) };
          }
        }
        if (Array.isArray(operation.security)) {
          op.security = operation.security as Obj[];
          op.securitySource = 'operation';
        } else if (rootSecurity) {
          op.security = rootSecurity;
          op.securitySource = 'root';
        }
        list.push(op);
        operations.push(op);
      }
      if (!isWebhook) operationsByPath.set(path, list);
    }
  };
  collect(root.paths, 'paths', false);
  if (version === '3.1') collect(root.webhooks, 'webhooks', true);

  const index: DocumentIndex = {
    root,
    version,
    operations,
    operationsByPath,
    servers: collectServers(root, version),
    securitySchemes: collectSchemes(root, version),
    rootSecurity,
  };
  for (const op of operations) op.kind = classifyOperation(op, index);
  return index;
}

function fillParameters(root: Obj, version: OasVersion | undefined, op: OperationInfo, pathParams: unknown[], pathParamsPath: JsonPath) {
  const byKey = new Map<string, ParameterInfo>();
  const add = (list: unknown[], base: JsonPath) => {
    list.forEach((raw, i) => {
      const param = resolve(root, raw);
      if (!isObject(param) || typeof param.name !== 'string' || typeof param.in !== 'string') return;
      const schema = version === '2.0' && param.in !== 'body' ? param : resolve(root, param.schema);
      byKey.set(`${param.in}:${param.name}`, {
        name: param.name,
        in: param.in,
        param,
        schema: isObject(schema) ? schema : undefined,
        jsonPath: [...base, i],
      });
    });
  };
  add(pathParams, pathParamsPath);
  if (Array.isArray(op.operation.parameters)) add(op.operation.parameters, [...op.jsonPath, 'parameters']);
  op.parameters = [...byKey.values()];
  if (version === '2.0') {
    const bodyParams = op.parameters.filter((p) => p.in === 'body' || p.in === 'formData');
    if (bodyParams.length > 0) {
      const consumes = mediaTypes(op.operation.consumes ?? root.consumes, ['application/json']);
      const first = bodyParams[0]!;
      const body = first.in === 'body' ? first : undefined;
      op.requestBody = {
        body: first.param,
        jsonPath: first.jsonPath,
        media: body
          ? consumes.map((mediaType) => ({ mediaType, media: body.param, schema: body.param.schema, jsonPath: body.jsonPath }))
          : [],
      };
    }
  }
}

function mediaTypes(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.length > 0 ? value.filter((v): v is string => typeof v === 'string') : fallback;
}

function oas3Media(holder: Obj, base: JsonPath): MediaInfo[] {
  if (!isObject(holder.content)) return [];
  const out: MediaInfo[] = [];
  for (const [mediaType, media] of Object.entries(holder.content)) {
    if (!isObject(media)) continue;
    out.push({ mediaType, media, schema: media.schema, jsonPath: [...base, 'content', mediaType] });
  }
  return out;
}

function fillResponses(root: Obj, version: OasVersion | undefined, op: OperationInfo) {
  const responses = resolve(root, op.operation.responses);
  if (!isObject(responses)) return;
  const produces = mediaTypes(op.operation.produces ?? root.produces, ['application/json']);
  for (const [status, raw] of Object.entries(responses)) {
    const response = resolve(root, raw);
    if (!isObject(response)) continue;
    const jsonPath: JsonPath = [...op.jsonPath, 'responses', status];
    const headers = new Map<string, Obj>();
    if (isObject(response.headers)) {
      for (const [name, h] of Object.entries(response.headers)) {
        const header = resolve(root, h);
        if (isObject(header)) headers.set(name.toLowerCase(), header);
      }
    }
    let media: MediaInfo[];
    if (version === '2.0') {
      media = response.schema !== undefined
        ? produces.map((mediaType) => ({ mediaType, media: response, schema: response.schema, jsonPath }))
        : [];
    } else {
      media = oas3Media(response, jsonPath);
    }
    op.responses.push({ status, response, jsonPath, headers, media });
  }
}

function collectServers(root: Obj, version: OasVersion | undefined): DocumentIndex['servers'] {
  if (version === '2.0') {
    if (typeof root.host !== 'string' && typeof root.basePath !== 'string') return [];
    const schemes = mediaTypes(root.schemes, ['https']);
    const host = typeof root.host === 'string' ? root.host : '';
    const basePath = typeof root.basePath === 'string' ? root.basePath : '';
    return schemes.map((s) => ({ url: host ? `${s}://${host}${basePath}` : basePath, jsonPath: host ? ['host'] : ['basePath'] }));
  }
  if (!Array.isArray(root.servers)) return [];
  const out: DocumentIndex['servers'] = [];
  root.servers.forEach((s, i) => {
    if (isObject(s) && typeof s.url === 'string') out.push({ url: s.url, jsonPath: ['servers', i, 'url'] });
  });
  return out;
}

function collectSchemes(root: Obj, version: OasVersion | undefined): SecuritySchemeInfo[] {
  const container = version === '2.0'
    ? root.securityDefinitions
    : isObject(root.components) ? root.components.securitySchemes : undefined;
  const base: JsonPath = version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  if (!isObject(container)) return [];
  const out: SecuritySchemeInfo[] = [];
  for (const [name, raw] of Object.entries(container)) {
    const scheme = resolve(root, raw);
    if (isObject(scheme)) out.push({ name, scheme, jsonPath: [...base, name] });
  }
  return out;
}

/** A 2XX response's JSON bodies (the first 2XX that has any), for shape judgements. */
export function successJsonMedia(op: OperationInfo): { response: ResponseInfo; media: MediaInfo }[] {
  const out: { response: ResponseInfo; media: MediaInfo }[] = [];
  for (const response of op.responses) {
    if (!/^2(\d\d|XX)$/i.test(response.status)) continue;
    for (const media of response.media) if (isJsonMediaType(media.mediaType)) out.push({ response, media });
  }
  return out;
}

/** The last word of a segment is a plural noun (and the segment does not start with a verb). */
function isPluralNounSegment(segment: string): boolean {
  const words = splitSegmentWords(segment);
  const last = words[words.length - 1];
  if (!last || ACTION_VERBS.has(words[0]!)) return false;
  return last.length > 1 && pluralize.isPlural(last) && !pluralize.isSingular(last);
}

/** The operations of `{path}/{param}`: the members of the collection at `path`. */
function itemOperations(index: DocumentIndex, path: string): OperationInfo[] {
  const prefix = trimEnd(path, '/') + '/';
  const out: OperationInfo[] = [];
  for (const [other, ops] of index.operationsByPath) {
    if (!other.startsWith(prefix)) continue;
    const rest = other.slice(prefix.length).split('/');
    if (rest.length === 1 && /^\{[^}]+\}$/.test(rest[0]!)) out.push(...ops);
  }
  return out;
}

/** operationIds and summaries that say the operation creates: `createUser`, `Add a member`, `PostUsers` is not. */
const CREATE_WORDS: ReadonlySet<string> = new Set(['create', 'add', 'new', 'insert', 'register', 'upload', 'provision', 'place', 'open', 'submit']);

/** Which of operationId and summary says "create", if one does (judged on its first word). */
function createNamedBy(op: OperationInfo): 'operationId' | 'summary' | undefined {
  for (const key of ['operationId', 'summary'] as const) {
    const text = op.operation[key];
    if (typeof text !== 'string') continue;
    const first = splitSegmentWords(text.slice(0, 200))[0];
    if (first && CREATE_WORDS.has(first)) return key;
  }
  return undefined;
}

/** The JSON schemas a list GET's collection holds, and an item GET answers. */
function memberSchemas(index: DocumentIndex, listGet: OperationInfo | undefined, items: OperationInfo[]): unknown[] {
  const out: unknown[] = [];
  for (const op of items) if (op.method === 'get') for (const { media } of successJsonMedia(op)) out.push(media.schema);
  if (listGet) {
    for (const { media } of successJsonMedia(listGet)) {
      const shape = collectionOf(index.root, media.schema);
      if (!shape) continue;
      const s = effectiveSchema(index.root, media.schema);
      const array = shape.kind === 'array' ? s : effectiveSchema(index.root, isObject(s?.properties) ? s.properties[shape.property] : undefined);
      if (array?.items !== undefined) out.push(array.items);
    }
  }
  return out;
}

/**
 * Two schemas describe the same thing: the same object (one `$ref`'d component, which the resolved
 * document shares), the same `title`, or the same property names (at least two).
 */
function sameSchema(root: unknown, a: unknown, b: unknown): boolean {
  if (a === b && isObject(a)) return true;
  const x = effectiveSchema(root, a);
  const y = effectiveSchema(root, b);
  if (!x || !y) return false;
  if (x === y) return true;
  if (typeof x.title === 'string' && x.title === y.title) return true;
  const px = isObject(x.properties) ? Object.keys(x.properties) : [];
  const py = isObject(y.properties) ? Object.keys(y.properties) : [];
  return px.length >= 2 && px.length === py.length && px.every((k) => py.includes(k));
}

/**
 * Why a POST on a static last segment creates, or undefined. The status and headers are evidence on
 * their own (201, or a 2XX with Location); the body and the name are evidence only on a collection
 * (a list GET on the same path, or a plural noun whose members are addressable): `POST /orders`
 * answering the order is a create, `POST /settings/features` answering the settings is not, and
 * `POST /audio/transcriptions` named createTranscription computes rather than stores.
 */
function createEvidence(op: OperationInfo, index: DocumentIndex, last: string): string | undefined {
  if (op.responses.some((r) => r.status === '201')) return 'it answers 201';
  if (op.responses.some((r) => /^2(\d\d|XX)$/i.test(r.status) && r.headers.has('location'))) return 'it answers a Location header';
  const siblings = index.operationsByPath.get(op.path) ?? [];
  const listGet = siblings.find((s) => s.method === 'get' && successJsonMedia(s).some(({ media }) => collectionOf(index.root, media.schema) !== undefined));
  const items = itemOperations(index, op.path);
  const collection = listGet !== undefined || (isPluralNounSegment(last) && items.length > 0);
  if (!collection) return undefined;
  const members = memberSchemas(index, listGet, items);
  if (members.length > 0 && successJsonMedia(op).some(({ media }) => members.some((m) => sameSchema(index.root, media.schema, m)))) {
    return 'it answers the schema of the collection\'s items';
  }
  const named = createNamedBy(op);
  return named ? `its ${named} says so` : undefined;
}

export function classifyOperation(op: OperationInfo, index: DocumentIndex): OperationKind {
  switch (op.method) {
    case 'get':
    case 'head':
      return successJsonMedia(op).some(({ media }) => collectionOf(index.root, media.schema) !== undefined) ? 'list' : 'read';
    case 'put':
    case 'patch':
      return 'update';
    case 'delete':
      return 'delete';
    case 'post': {
      const last = op.segments[op.segments.length - 1];
      if (!last) return 'action';
      if (last.isParam) return 'update';
      if (WELL_KNOWN_SEGMENTS.has(last.value.toLowerCase())) return 'action';
      const evidence = createEvidence(op, index, last.value);
      if (!evidence) return 'action';
      op.createEvidence = evidence;
      return 'create';
    }
    default:
      return 'action';
  }
}
