/**
 * Example validation for `valid-examples`: turns OpenAPI schema objects (already `$ref`-resolved by
 * Spectral, so possibly cyclic and heavily shared) into ajv schemas and caches one compiled
 * validator per schema object and context.
 *
 * Why not compile each example's schema as a tree: GitHub's description reaches the same big
 * component schemas from hundreds of responses, and some are cyclic. Every schema object listed
 * under `components.schemas` / `definitions` (and any object met again on the current descent, i.e.
 * a cycle), and any schema object met a second time (a file behind many `$ref`s, which Spectral
 * resolves to one object), becomes its own ajv schema with an `$id`, referenced through the
 * `backlintRef` runtime keyword, so ajv compiles it once per document and context, when an example
 * first reaches it. Converted trees share validators by their canonical JSON (shared parts by id),
 * which makes thousands of `{type: string, example: …}` checks nearly free.
 *
 * Dialects: OAS 3.1 schemas are JSON Schema 2020-12 (ajv/dist/2020); OAS 3.0 and Swagger 2.0 are
 * converted to draft-07 (`nullable`/`x-nullable`, boolean `exclusiveMinimum/Maximum`, `type: file`).
 * `null` is invalid in OAS 3.0 unless the schema says `nullable: true`.
 *
 * Contexts: in a request `readOnly` properties are not required, in a response `writeOnly`
 * properties are not required, applied at every depth; `any` (a schema's own example, whose use is
 * unknown) relaxes both. That such a property is *present* where it does not belong is
 * read-write-only.ts's question, not a validation error.
 *
 * Formats: `uri` accepts relative references (documents use them for links) but not a value that
 * starts with a host and has no scheme (`isHostLedAddress`), whose message says so.
 */
import type { Ajv, ValidateFunction, ErrorObject, Options as AjvOptions } from 'ajv';
import { resolve } from './document.js';
import { loadPackage } from '../lazy-modules.js';

export type SchemaDialect = 'oas2' | 'oas3.0' | 'oas3.1';
export type ExampleContext = 'request' | 'response' | 'any';

type AddFormats = (ajv: Ajv, opts: { mode: 'fast'; formats: string[]; keywords: boolean }) => void;
interface AjvModules {
  Ajv: new (options: AjvOptions) => Ajv;
  Ajv2020: new (options: AjvOptions) => Ajv;
  addFormats: AddFormats;
}
let ajvModules: AjvModules | undefined;
/**
 * ajv, loaded with the first validator: the rule module is imported with the catalog by every
 * process (the CLI's, oxlint's) and ajv with its formats is ~50 ms of a start that lints no
 * document. All three are CommonJS packages.
 */
function ajvModulesOf(): AjvModules {
  if (!ajvModules) {
    const formats = loadPackage('ajv-formats') as AddFormats & { default?: AddFormats };
    ajvModules = {
      Ajv: (loadPackage('ajv') as { Ajv: AjvModules['Ajv'] }).Ajv,
      Ajv2020: (loadPackage('ajv/dist/2020') as { Ajv2020: AjvModules['Ajv2020'] }).Ajv2020,
      addFormats: formats.default ?? formats,
    };
  }
  return ajvModules;
}

/** Formats we check; the rest (int32, byte, password, vendor formats…) are annotations. */
const CHECKED_FORMATS = ['date', 'time', 'date-time', 'email', 'uuid', 'ipv4', 'ipv6'];
const IGNORED_FORMATS = [
  'int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'uri-reference', 'uri-template', 'hostname',
  'url', 'regex', 'json-pointer', 'relative-json-pointer', 'iri', 'iri-reference', 'idn-email', 'idn-hostname',
  'duration',
];

/** Keywords that hold one subschema. */
const SUBSCHEMA_KEYS = [
  'additionalProperties', 'items', 'not', 'contains', 'propertyNames', 'if', 'then', 'else',
  'unevaluatedProperties', 'unevaluatedItems', 'additionalItems',
];
/** Keywords that hold a list of subschemas. */
const SUBSCHEMA_LIST_KEYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords that hold a map of subschemas. */
const SUBSCHEMA_MAP_KEYS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Annotations and OpenAPI-only keywords that play no part in validation. */
const DROPPED_KEYS = new Set([
  'description', 'title', 'example', 'examples', 'default', 'deprecated', 'xml', 'externalDocs', 'discriminator',
  'readOnly', 'writeOnly', 'nullable', 'x-nullable', '$schema', '$id', 'id', '$comment', '$anchor',
  '$dynamicAnchor', 'contentMediaType', 'contentEncoding', 'contentSchema',
]);

type Json = Record<string, unknown>;

/** Runtime reference keyword to a shared schema (see the constructor). */
const LAZY_REF = 'backlintRef';

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ExampleError {
  /** JSON pointer into the example, `''` for the example itself. */
  instancePath: string;
  message: string;
}

export class ExampleValidator {
  private readonly ajv: Ajv;
  private readonly dialect: SchemaDialect;
  /** Component schemas by object identity → name, so references become shared ajv schemas. */
  private readonly named = new Map<object, string>();
  private readonly ids = new Map<ExampleContext, Map<object, string>>();
  private readonly validators = new Map<ExampleContext, WeakMap<object, ValidateFunction | null>>();
  private readonly byKey = new Map<string, ValidateFunction>();
  /** Schema objects converted inline once: met again, they are shared (see `convert`). */
  private readonly convertedInline = new WeakSet<object>();
  private counter = 0;
  private readonly root: unknown;
  private readonly sensitivity = new WeakMap<object, boolean>();

  /**
   * `root` is the (resolved) document: circular `$ref`s Spectral leaves in place are followed
   * through it. `componentSchemas` are the schemas shared by name (`components.schemas` or
   * `definitions`).
   */
  constructor(dialect: SchemaDialect, componentSchemas?: Record<string, unknown>, root?: unknown) {
    this.dialect = dialect;
    this.root = root;
    const options = {
      strict: false,
      validateSchema: false,
      allErrors: false,
      logger: false as const,
      unicodeRegExp: false,
      // Shared schemas stay separate functions instead of being pasted into every parent.
      inlineRefs: false,
      addUsedSchema: false,
      // Codegen optimisation passes cost more than they save on validators run a few times.
      code: { optimize: false },
      // Messages are built from keyword + params below; ajv's own text only costs codegen.
      messages: false,
      meta: false,
    };
    const { Ajv, Ajv2020, addFormats } = ajvModulesOf();
    this.ajv = dialect === 'oas3.1' ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv, { mode: 'fast', formats: CHECKED_FORMATS, keywords: false });
    for (const f of IGNORED_FORMATS) this.ajv.addFormat(f, true);
    // `uri` is widely used for relative references (`/v1/accounts?page=2`, Twilio, GitHub), so a
    // missing scheme is wrong only where the value reads as an address (`example.com/x`): a reader
    // or a client takes that for a relative path. Whitespace is wrong anywhere.
    this.ajv.addFormat('uri', (s: string) => !/\s/.test(s) && !isHostLedAddress(s));
    // Shared schemas are referenced through a runtime keyword instead of `$ref`: ajv compiles a
    // `$ref` target together with the schema that points at it, so one big response schema would
    // pull in every component reachable from it. Lazily, a component is compiled the first time an
    // example's data reaches it (GitHub's examples leave most nested components null or absent).
    const ajv = this.ajv;
    this.ajv.addKeyword({
      keyword: LAZY_REF,
      schemaType: 'string',
      errors: true,
      validate: function lazyRef(id: string, data: unknown, _parent?: unknown, cxt?: { instancePath: string }): boolean {
        const fn = ajv.getSchema(id);
        if (!fn) return true;
        const ok = fn(data) as boolean;
        (lazyRef as unknown as { errors: ErrorObject[] | null }).errors = ok
          ? null
          : (fn.errors ?? []).map((e) => ({ ...e, instancePath: (cxt?.instancePath ?? '') + e.instancePath }));
        return ok;
      },
    });
    if (componentSchemas) {
      for (const [name, schema] of Object.entries(componentSchemas)) {
        if (isObject(schema)) this.named.set(schema, name);
      }
    }
  }

  /**
   * The first validation error of `value` against `schema`, or null when it is valid or when the
   * schema cannot be compiled (unresolvable `$ref`, invalid pattern): precision first, an example we
   * cannot judge is not reported.
   */
  validate(schema: unknown, value: unknown, context: ExampleContext): ExampleError | null {
    if (schema === true || schema === undefined) return null;
    if (!isObject(schema)) return null;
    const validate = this.validatorFor(schema, context);
    if (!validate) return null;
    let ok: boolean;
    try {
      ok = validate(value) as boolean;
    } catch {
      // intentionally ignored: a validator that throws (e.g. on a cyclic value) cannot judge the example
      return null;
    }
    if (ok) return null;
    const error = formatError(pickError(validate.errors ?? []));
    if (error.message === URI_FORMAT_MESSAGE) {
      const text = valueAt(value, error.instancePath);
      if (typeof text === 'string' && isHostLedAddress(text)) error.message = 'must be an absolute URI with a scheme ("https://…"): without one it reads as a relative path';
    }
    return error;
  }

  private validatorFor(schema: Json, requested: ExampleContext): ValidateFunction | null {
    let context: ExampleContext;
    try {
      context = this.sensitive(schema) ? requested : 'any';
    } catch {
      // intentionally ignored: pathologically deep schemas (stack overflow) are not judged
      return null;
    }
    let cache = this.validators.get(context);
    if (!cache) {
      cache = new WeakMap();
      this.validators.set(context, cache);
    }
    const cached = cache.get(schema);
    if (cached !== undefined) return cached;
    let result: ValidateFunction | null = null;
    try {
      const state: ConvertState = { context, stack: new Set(), usedRef: false };
      const converted = this.convert(schema, state);
      const ref = state.usedRef && isObject(converted) && Object.keys(converted).length === 1 ? converted[LAZY_REF] : undefined;
      // A shared schema itself: use its own validator instead of compiling a wrapper around it.
      // Otherwise one validator per distinct tree: identical trees (shared parts named by the same
      // ids) validate alike, which makes thousands of `{type: string, example: …}` checks nearly free.
      result = (typeof ref === 'string' ? this.ajv.getSchema(ref) : undefined) ?? this.compiledOnce(context, converted);
    } catch {
      // intentionally ignored: a schema ajv cannot compile is not judged; structural rules report it
      result = null;
    }
    cache.set(schema, result);
    return result;
  }

  private compiledOnce(context: ExampleContext, converted: unknown): ValidateFunction {
    const key = `${context}\u0000${JSON.stringify(converted)}`;
    let validate = this.byKey.get(key);
    if (!validate) {
      validate = this.ajv.compile(converted as Json);
      this.byKey.set(key, validate);
    }
    return validate;
  }

  private idsFor(context: ExampleContext): Map<object, string> {
    let m = this.ids.get(context);
    if (!m) {
      m = new Map();
      this.ids.set(context, m);
    }
    return m;
  }

  /**
   * Whether the context changes this schema: some schema reachable from it requires a readOnly or
   * writeOnly property. Insensitive schemas (most of them) are compiled once for every context.
   */
  private sensitive(schema: Json): boolean {
    const memo = this.sensitivity.get(schema);
    if (memo !== undefined) return memo;
    // In progress (a cycle): assume insensitive. A schema inside the cycle may then be compiled
    // context-free, which only relaxes `required` (a missed finding, never a false one).
    this.sensitivity.set(schema, false);
    let result = false;
    const props = isObject(schema.properties) ? schema.properties : undefined;
    if (props && Array.isArray(schema.required)) {
      result = schema.required.some((name) => {
        const p = typeof name === 'string' ? props[name] : undefined;
        return isObject(p) && (p.readOnly === true || p.writeOnly === true);
      });
    }
    if (!result) {
      for (const child of subschemas(schema)) {
        if (this.sensitive(child)) {
          result = true;
          break;
        }
      }
    }
    this.sensitivity.set(schema, result);
    return result;
  }

  /** Registers `schema` as a shared ajv schema (once) and returns its `$ref` URI. */
  private shared(schema: Json, outer: ConvertState): string {
    const state: ConvertState = this.sensitive(schema) ? outer : { ...outer, context: 'any' };
    const ids = this.idsFor(state.context);
    let id = ids.get(schema);
    if (id) return id;
    id = `urn:backlint:${state.context}:${this.counter++}`;
    ids.set(schema, id);
    const inner: ConvertState = { context: state.context, stack: new Set(), usedRef: false };
    inner.stack.add(schema);
    const body = this.convertBody(schema, inner);
    this.ajv.addSchema({ ...(body as Json), $id: id }, id);
    return id;
  }

  private convert(schema: unknown, state: ConvertState): unknown {
    if (typeof schema === 'boolean') return schema;
    if (!isObject(schema)) return {};
    if (typeof schema.$ref === 'string') {
      // A circular reference left in place by Spectral: follow it inside the document.
      const target = resolve(this.root, schema);
      if (target === schema || !isObject(target)) throw new Error(`unresolved $ref ${schema.$ref}`);
      return this.convert(target, state);
    }
    if (this.named.has(schema)) {
      state.usedRef = true;
      return { [LAZY_REF]: this.shared(schema, state) };
    }
    if (state.stack.has(schema)) {
      // A cycle through an inline (non-component) schema: share it too.
      state.usedRef = true;
      return { [LAZY_REF]: this.shared(schema, state) };
    }
    if (this.convertedInline.has(schema)) {
      // Met before, inline in another tree or elsewhere in this one: a schema several places use
      // (a file pulled in by many $refs, which Spectral resolves to one object) is compiled once
      // from now on, as a component is, instead of into every tree that reaches it.
      state.usedRef = true;
      return { [LAZY_REF]: this.shared(schema, state) };
    }
    this.convertedInline.add(schema);
    state.stack.add(schema);
    const body = this.convertBody(schema, state);
    state.stack.delete(schema);
    return body;
  }

  private convertBody(schema: Json, state: ConvertState): unknown {
    const out: Json = {};
    for (const [key, value] of Object.entries(schema)) {
      if (DROPPED_KEYS.has(key) || key.startsWith('x-')) continue;
      if (SUBSCHEMA_MAP_KEYS.includes(key)) {
        if (!isObject(value)) continue;
        const map: Json = {};
        for (const [k, v] of Object.entries(value)) map[k] = this.convert(v, state);
        out[key] = map;
      } else if (SUBSCHEMA_LIST_KEYS.includes(key)) {
        if (!Array.isArray(value)) continue;
        // With a discriminator, clients pick the branch by the discriminator property; branches
        // that also fit each other (no additionalProperties: false) are not an invalid example.
        const target = key === 'oneOf' && isObject(schema.discriminator) ? 'anyOf' : key;
        out[target] = value.map((v) => this.convert(v, state));
      } else if (SUBSCHEMA_KEYS.includes(key)) {
        if (Array.isArray(value)) {
          // Tuple `items` (draft-07 / Swagger); 2020-12 spells it prefixItems.
          if (this.dialect === 'oas3.1') out.prefixItems = value.map((v) => this.convert(v, state));
          else out[key] = value.map((v) => this.convert(v, state));
        } else if (typeof value === 'boolean' || isObject(value)) {
          out[key] = this.convert(value, state);
        }
      } else if (key === 'required') {
        if (Array.isArray(value)) out.required = this.requiredFor(schema, value, state.context);
      } else if (key === 'type') {
        if (value === 'file') continue;
        out.type = value;
      } else if (key === 'exclusiveMaximum' || key === 'exclusiveMinimum') {
        if (typeof value === 'number') out[key] = value;
        // boolean form (OAS 3.0 / Swagger 2.0) handled with maximum/minimum below
      } else if (key === '$ref') {
        // A reference Spectral could not resolve: refuse to compile rather than guess.
        throw new Error(`unresolved $ref ${String(value)}`);
      } else {
        out[key] = value;
      }
    }
    if (this.dialect !== 'oas3.1') {
      for (const [bound, flag] of [['maximum', 'exclusiveMaximum'], ['minimum', 'exclusiveMinimum']] as const) {
        if (schema[flag] === true && typeof schema[bound] === 'number') {
          out[flag] = schema[bound];
          delete out[bound];
        }
      }
      const nullable = this.dialect === 'oas3.0' ? schema.nullable === true : schema['x-nullable'] === true;
      if (nullable) return allowNull(out);
    }
    return out;
  }

  /** `required` minus the properties this context never carries (readOnly in requests…). */
  private requiredFor(schema: Json, required: unknown[], context: ExampleContext): string[] {
    const props = isObject(schema.properties) ? schema.properties : {};
    return required.filter((name): name is string => {
      if (typeof name !== 'string') return false;
      const p = props[name];
      if (!isObject(p)) return true;
      if ((context === 'request' || context === 'any') && p.readOnly === true) return false;
      if ((context === 'response' || context === 'any') && p.writeOnly === true) return false;
      return true;
    });
  }
}

function subschemas(schema: Json): Json[] {
  const out: Json[] = [];
  for (const key of SUBSCHEMA_MAP_KEYS) {
    const map = schema[key];
    if (isObject(map)) for (const v of Object.values(map)) if (isObject(v)) out.push(v);
  }
  for (const key of [...SUBSCHEMA_LIST_KEYS, ...SUBSCHEMA_KEYS]) {
    const v = schema[key];
    if (Array.isArray(v)) {
      for (const x of v) if (isObject(x)) out.push(x);
    } else if (isObject(v)) {
      out.push(v);
    }
  }
  return out;
}

interface ConvertState {
  context: ExampleContext;
  stack: Set<object>;
  usedRef: boolean;
}

function allowNull(schema: Json): Json {
  if (typeof schema.type === 'string') {
    const out: Json = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
    return out;
  }
  if (Array.isArray(schema.type)) {
    return { ...schema, type: schema.type.includes('null') ? schema.type : [...schema.type, 'null'] };
  }
  return { anyOf: [{ type: 'null' }, schema] };
}

/**
 * The most telling error: the deepest one, skipping the `type: null` branch our nullable wrapper
 * adds and the summary errors of `anyOf`/`oneOf` when a branch error explains more.
 */
function pickError(errors: ErrorObject[]): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  let bestScore = -Infinity;
  for (const e of errors) {
    let score = e.instancePath.split('/').length * 10;
    if (e.keyword === 'type' && (e.params as { type?: unknown }).type === 'null') score -= 5;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') score -= 3;
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

const URI_FORMAT_MESSAGE = 'must match format "uri"';

/** The value at a JSON pointer of the example (`/card/links/0`). */
function valueAt(value: unknown, pointer: string): unknown {
  if (!pointer) return value;
  let node = value;
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/**
 * Top-level domains a host-led address ends with. Only the common ones, and none that is also a
 * common file extension (`.py`, `.md`, `.sh`, `.pl`, `.rs`, `.zip`, `.mov`, `.cc`, `.so`): `readme.md`
 * and `report.zip` are relative references.
 */
const HOST_TLDS: ReadonlySet<string> = new Set([
  'com', 'org', 'net', 'io', 'dev', 'app', 'ai', 'co', 'edu', 'gov', 'info', 'biz', 'cloud', 'tech', 'xyz',
  'us', 'uk', 'de', 'fr', 'jp', 'eu', 'ca', 'au', 'nl', 'ch', 'se', 'br', 'es', 'nz', 'ie', 'be', 'at', 'dk', 'no', 'fi',
]);

/** At most this long: a longer string is not judged (a URI example is far shorter). */
const MAX_URI_JUDGED = 2048;

/**
 * A `uri` value that starts with a host instead of a scheme: `example.com/x`, `www.example.com`,
 * `api.example.com:8443/v1`, `localhost:3000/x`, `10.0.0.1/x`. Relative references (`/a`, `?q`,
 * `#f`, `./a`, `accounts/1`, `report.json`), values with a scheme (`https:`, `mailto:`, `urn:`),
 * templates (`{host}/x`, `<url>`) and the empty string are not. Scans by index, no regex on the
 * input (it comes from the document).
 */
export function isHostLedAddress(value: string): boolean {
  if (value.length === 0 || value.length > MAX_URI_JUDGED) return false;
  if ('/?#.'.includes(value[0]!)) return false;
  let end = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '{' || c === '}' || c === '<' || c === '>' || c === '$') return false;
    if (end === value.length && (c === '/' || c === '?' || c === '#')) end = i;
  }
  const authority = value.slice(0, end);
  const colon = authority.indexOf(':');
  if (colon === -1) return isHostName(authority, false);
  // `host:port` reads as a scheme (`api.example.com` is valid scheme syntax): a port after it says
  // it is a host; anything else after the colon is a scheme's own part (`mailto:`, `urn:isbn:…`).
  const port = authority.slice(colon + 1);
  if (port.length === 0 || port.length > 5 || !isDigits(port)) return false;
  return isHostName(authority.slice(0, colon), true);
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}

function isHostName(text: string, withPort: boolean): boolean {
  if (text.toLowerCase() === 'localhost') return withPort;
  const labels = text.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
      if (!ok) return false;
    }
  }
  if (labels.length === 4 && labels.every((l) => isDigits(l) && Number(l) <= 255)) return true;
  const tld = labels[labels.length - 1]!.toLowerCase();
  if (isDigits(tld)) return false;
  if (withPort || labels[0]!.toLowerCase() === 'www') return true;
  return HOST_TLDS.has(tld);
}

function formatError(error: ErrorObject | undefined): ExampleError {
  if (!error) return { instancePath: '', message: 'does not match its schema' };
  const p = error.params as Record<string, unknown>;
  let message: string;
  switch (error.keyword) {
    case 'type':
      message = `must be ${Array.isArray(p.type) ? p.type.join(' or ') : String(p.type)}`;
      break;
    case 'required':
      message = `is missing required property "${String(p.missingProperty)}"`;
      break;
    case 'additionalProperties':
      message = `has unexpected property "${String(p.additionalProperty)}"`;
      break;
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues : [];
      message = `must be one of ${allowed.slice(0, 5).map((v) => JSON.stringify(v)).join(', ')}${allowed.length > 5 ? ', …' : ''}`;
      break;
    }
    case 'const':
      message = `must be ${JSON.stringify(p.allowedValue)}`;
      break;
    case 'format':
      message = `must match format "${String(p.format)}"`;
      break;
    case 'pattern':
      message = `must match pattern "${String(p.pattern)}"`;
      break;
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems':
    case 'maxProperties':
    case 'minProperties':
      message = `must satisfy ${error.keyword} ${String(p.limit)}`;
      break;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      message = `must be ${String(p.comparison)} ${String(p.limit)}`;
      break;
    case 'oneOf':
      message = Array.isArray(p.passingSchemas) ? 'matches more than one oneOf alternative' : 'matches no oneOf alternative';
      break;
    case 'anyOf':
      message = 'matches no anyOf alternative';
      break;
    case 'multipleOf':
      message = `must be a multiple of ${String(p.multipleOf)}`;
      break;
    case 'uniqueItems':
      message = `must not have duplicate items (${String(p.j)} and ${String(p.i)})`;
      break;
    default:
      message = `fails "${error.keyword}"`;
  }
  return { instancePath: error.instancePath, message };
}
