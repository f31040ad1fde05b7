/**
 * What request taint knows about libraries, as plain data: where request data comes from, which
 * calls carry it on or end it, and which calls are sinks for which flaw. Teaching the analysis a
 * library or a method is an edit here; the logic in ./flow.ts, ./sinks.ts and ./guards.ts reads
 * these tables and nothing else names a library.
 */

/** The flaw a sink is for; each kind is one rule's (`no-<kind>`), so no sink is judged twice. */
export type TaintSinkKind =
  | 'command-injection'
  | 'code-injection'
  | 'ssrf'
  | 'nosql-injection'
  | 'open-redirect'
  | 'path-traversal'
  | 'mass-assignment'
  | 'prototype-pollution';

// ---------------------------------------------------------------- sources

/** The part of a request a value comes from (`host`: the Host header, or X-Forwarded-Host behind a proxy). */
export type RequestPart = 'body' | 'query' | 'params' | 'headers' | 'cookies' | 'url' | 'host';

/**
 * Property of the request object (Express, Fastify, Next `NextRequest`, Nest's raw request) → part.
 * `req.user`/`req.session` are set by the server, not by the client, and are not here.
 */
export const REQUEST_PROPS: ReadonlyMap<string, RequestPart> = new Map<string, RequestPart>([
  ['body', 'body'],
  ['query', 'query'],
  ['params', 'params'],
  ['headers', 'headers'],
  ['cookies', 'cookies'],
  ['signedCookies', 'cookies'],
  ['url', 'url'],
  ['originalUrl', 'url'],
  ['path', 'url'],
  ['hostname', 'host'],
]);

/** Headers that name the host the client asked for (`req.headers.host`): the `host` part. */
export const HOST_HEADERS: ReadonlySet<string> = new Set(['host', 'x-forwarded-host']);

/**
 * Parts a victim's browser fills in, not a link an attacker sends: the Host header of a request is
 * the site the victim opened, so `res.redirect('https://' + req.hostname + req.url)` (the usual
 * upgrade to HTTPS) sends nobody elsewhere. The server-side sinks (SSRF) still fear it: there the
 * attacker sends the request.
 */
export const PARTS_NOT_ATTACKER_CHOSEN: ReadonlyMap<TaintSinkKind, ReadonlySet<RequestPart>> = new Map([['open-redirect', new Set<RequestPart>(['host'])]]);

/** Methods of the request object that return request data: `req.get('x')`, `request.json()`. */
export const REQUEST_METHODS: ReadonlyMap<string, RequestPart> = new Map<string, RequestPart>([
  ['get', 'headers'],
  ['header', 'headers'],
  ['param', 'params'],
  ['json', 'body'],
  ['text', 'body'],
  ['formData', 'body'],
]);

/** Koa `ctx.<prop>` → part (plus `ctx.request.<REQUEST_PROPS>`). */
export const KOA_CONTEXT_PROPS: ReadonlyMap<string, RequestPart> = new Map<string, RequestPart>([
  ['query', 'query'],
  ['params', 'params'],
  ['headers', 'headers'],
  ['querystring', 'query'],
  ['url', 'url'],
  ['path', 'url'],
  ['href', 'url'],
]);

/** Hono `c.req.<method>()` / `c.req.<prop>` → part. */
export const HONO_REQ: ReadonlyMap<string, RequestPart> = new Map<string, RequestPart>([
  ['query', 'query'],
  ['queries', 'query'],
  ['param', 'params'],
  ['header', 'headers'],
  ['json', 'body'],
  ['text', 'body'],
  ['parseBody', 'body'],
  ['formData', 'body'],
  ['valid', 'body'],
  ['url', 'url'],
  ['path', 'url'],
]);

/** Names request objects go by, recognised without asking the route model (`req.body` anywhere). */
export const REQUEST_NAMES: ReadonlySet<string> = new Set(['req', 'request']);
export const KOA_CONTEXT_NAMES: ReadonlySet<string> = new Set(['ctx', 'context']);

/** NestJS parameter decorators → part. */
export const NEST_DECORATORS: ReadonlyMap<string, RequestPart> = new Map<string, RequestPart>([
  ['Body', 'body'],
  ['Query', 'query'],
  ['Param', 'params'],
  ['Headers', 'headers'],
  ['Req', 'body'],
  ['Request', 'body'],
]);

/**
 * Parts whose values may be objects (a JSON body, Express's `qs` query `?user[$ne]=x`): the ones
 * that can smuggle a query operator. Path parameters and headers are always strings.
 */
export const OBJECT_PARTS: ReadonlySet<RequestPart> = new Set(['body', 'query']);
/** Frameworks whose query string parser yields strings and arrays only, never objects. */
export const FLAT_QUERY_FRAMEWORKS: ReadonlySet<string> = new Set(['fastify', 'koa', 'hono', 'next']);

// ---------------------------------------------------------------- propagation

/** String methods whose result carries the receiver's text (and their arguments'). */
export const TEXT_METHODS: ReadonlySet<string> = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'normalize', 'concat', 'replace', 'replaceAll',
  'slice', 'substring', 'substr', 'padStart', 'padEnd', 'repeat', 'join', 'at', 'charAt',
]);

/** Functions (module, export path) whose result is built from their arguments' text. */
export const PASS_THROUGH_CALLS: readonly { module: string; path: readonly string[] }[] = [
  { module: 'path', path: ['join'] },
  { module: 'path', path: ['resolve'] },
  { module: 'path', path: ['normalize'] },
  { module: 'path', path: ['posix', 'join'] },
  { module: 'path', path: ['posix', 'resolve'] },
  { module: 'util', path: ['format'] },
];
/** Global functions carrying their argument's text. */
export const PASS_THROUGH_GLOBALS: ReadonlySet<string> = new Set(['decodeURIComponent', 'decodeURI', 'unescape']);
/** Constructors carrying their first argument (`new URL(req.query.u)`). */
export const PASS_THROUGH_CONSTRUCTORS: ReadonlySet<string> = new Set(['URL']);
/** Global functions that turn their argument into a string (operator injection ends; text stays). */
export const STRINGIFIERS: ReadonlySet<string> = new Set(['String']);
/** Parsers whose result is an object built from the text (`JSON.parse(req.query.filter)`). */
export const OBJECT_PARSERS: readonly { object: string; method: string }[] = [{ object: 'JSON', method: 'parse' }];

// ---------------------------------------------------------------- sanitisers

/**
 * Method names that validate or parse input (zod `parse`/`safeParse`, joi/yup `validate`, ajv,
 * class-validator, class-transformer): a handler that calls one on a request part has checked it.
 * Casts (`Number`, `parseInt`) need no entry: a call the analysis does not know ends the taint.
 */
export const VALIDATOR_METHODS: ReadonlySet<string> = new Set([
  'parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'validate', 'validateSync', 'validateAsync', 'validateOrReject',
  'attempt', 'assert', 'cast', 'plainToInstance', 'plainToClass', 'isValid', 'isValidSync', 'check', 'decode', 'is', 'conform',
  // express-validator reads the result of the route's chains
  'validationResult', 'matchedData',
]);
/**
 * Words that mark a call, middleware or helper as a validator (`validateBody(schema)`,
 * `celebrate(…)`, `userSchema.parse`, `validator.isEmail`): any word of the callee's chain.
 */
export const VALIDATOR_WORD = /valid|sanitiz|schema|celebrate|zValidator|typebox|superstruct/i;
/** express-validator's chain starters: `body('email').isEmail()`, `[check('x'), query('q')]` as route middleware. */
export const EXPRESS_VALIDATOR_CHAINS: ReadonlySet<string> = new Set(['body', 'check', 'query', 'param', 'oneOf', 'checkSchema', 'checkExact']);
/** Route decorators that run validation pipes on a Nest handler's parameters (`@UsePipes(new ZodValidationPipe(s))`). */
export const NEST_PIPE_DECORATORS: ReadonlySet<string> = new Set(['UsePipes']);
/**
 * Hand-written type checks: an `if` testing one (`typeof`, `instanceof` and these calls) and
 * leaving the handler is a validation step (`if (!Array.isArray(ids)) return res.status(400)…`).
 */
export const TYPE_CHECK_CALLS: ReadonlySet<string> = new Set(['isArray', 'isInteger', 'isSafeInteger', 'isFinite', 'isNaN']);
/** Methods whose call is a type check only on a receiver (`/^\d+$/.test(x)`). */
export const TYPE_CHECK_METHODS: ReadonlySet<string> = new Set(['test']);

/**
 * The request parts that are a payload — data the client shapes and a write stores (the body, the
 * query string), as opposed to path parameters used as keys, headers and cookies.
 */
export const PAYLOAD_PARTS: ReadonlySet<RequestPart> = new Set(['body', 'query']);

/** Collections whose membership test is an allow-list (`ALLOWED.has(x)`, `['a','b'].includes(x)`). */
export const MEMBERSHIP_METHODS: ReadonlySet<string> = new Set(['has', 'includes', 'indexOf']);
/** Tests of the value itself that pin it down for a kind (a prefix check after normalising a path). */
export const PREFIX_CHECKS: ReadonlySet<string> = new Set(['startsWith']);

// ---------------------------------------------------------------- sinks

/**
 * How much of the request value a sink fears:
 * - `text`: any request text in the argument (command, code, paths);
 * - `url`: request text that decides the URL's scheme or host (SSRF, open redirect) — a fixed
 *   `https://host/` prefix leaves only the path to the client;
 * - `object`: a request value that may still be an object (operator injection; `String()` ends it);
 * - `whole`: the whole request body or query object (mass assignment);
 * - `deep`: request-shaped objects (deep merges) or a request-chosen key path (`_.set`).
 */
export type SinkMode = 'text' | 'url' | 'object' | 'whole' | 'deep';

export interface ModuleSink {
  kind: TaintSinkKind;
  /** Modules the callee comes from (import tracking: `require`, named and renamed imports). */
  modules: readonly string[];
  /** Export path of the callee (`['exec']`, `['promises','readFile']`); `[]`: the module called itself. */
  path: readonly string[];
  /** Argument positions that are the sink. */
  args: readonly number[];
  mode: SinkMode;
  /** Only with `{ shell: true }` in the options argument at this position. */
  shellOption?: number;
  /** The config-object form: the URL is this property of the argument (`axios({ url })`). */
  urlProperty?: boolean;
  /** `res.sendFile(p, { root })`: the option that confines the path (then no finding). */
  rootOption?: number;
}

const CP = ['child_process'];
const FS = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs'];
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];

const fsPathOps = [
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'open', 'openSync', 'stat', 'statSync',
  'access', 'accessSync', 'mkdir', 'mkdirSync', 'copyFile', 'copyFileSync', 'rename', 'renameSync', 'exists', 'existsSync',
  'outputFile', 'readJson', 'readJSON', 'writeJson', 'remove', 'pathExists',
];

export const MODULE_SINKS: readonly ModuleSink[] = [
  // child_process: a shell parses the text
  ...['exec', 'execSync'].map((f) => ({ kind: 'command-injection' as const, modules: CP, path: [f], args: [0], mode: 'text' as const })),
  ...['spawn', 'spawnSync', 'execFile', 'execFileSync'].map((f) => ({ kind: 'command-injection' as const, modules: CP, path: [f], args: [0, 1], mode: 'text' as const, shellOption: 2 })),
  { kind: 'command-injection', modules: ['shelljs'], path: ['exec'], args: [0], mode: 'text' },
  { kind: 'command-injection', modules: ['execa'], path: ['execaCommand'], args: [0], mode: 'text' },
  { kind: 'command-injection', modules: ['execa'], path: ['execaCommandSync'], args: [0], mode: 'text' },
  { kind: 'command-injection', modules: ['execa'], path: ['execa'], args: [0, 1], mode: 'text', shellOption: 2 },
  { kind: 'command-injection', modules: ['execa'], path: [], args: [0, 1], mode: 'text', shellOption: 2 },
  // code evaluation
  ...['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script'].map((f) => ({ kind: 'code-injection' as const, modules: ['vm'], path: [f], args: [0], mode: 'text' as const })),
  ...['evaluate', 'compile', 'parse'].map((f) => ({ kind: 'code-injection' as const, modules: ['mathjs'], path: [f], args: [0], mode: 'text' as const })),
  { kind: 'code-injection', modules: ['lodash', 'lodash/template', 'underscore'], path: ['template'], args: [0], mode: 'text' },
  { kind: 'code-injection', modules: ['lodash/template', 'lodash.template'], path: [], args: [0], mode: 'text' },
  ...['compile', 'render'].map((f) => ({ kind: 'code-injection' as const, modules: ['ejs', 'pug', 'handlebars', 'hbs', 'dot', 'hogan.js', 'mustache'], path: [f], args: [0], mode: 'text' as const })),
  { kind: 'code-injection', modules: ['nunjucks'], path: ['renderString'], args: [0], mode: 'text' },
  { kind: 'code-injection', modules: ['dot'], path: ['template'], args: [0], mode: 'text' },
  // outgoing requests
  { kind: 'ssrf', modules: ['axios'], path: [], args: [0], mode: 'url', urlProperty: true },
  ...HTTP_VERBS.map((v) => ({ kind: 'ssrf' as const, modules: ['axios'], path: [v], args: [0], mode: 'url' as const, urlProperty: v === 'request' })),
  { kind: 'ssrf', modules: ['got'], path: [], args: [0], mode: 'url', urlProperty: true },
  ...HTTP_VERBS.map((v) => ({ kind: 'ssrf' as const, modules: ['got', 'superagent'], path: [v], args: [0], mode: 'url' as const })),
  { kind: 'ssrf', modules: ['node-fetch', 'cross-fetch', 'isomorphic-fetch'], path: [], args: [0], mode: 'url' },
  ...['request', 'fetch', 'stream'].map((f) => ({ kind: 'ssrf' as const, modules: ['undici'], path: [f], args: [0], mode: 'url' as const })),
  ...HTTP_VERBS.map((v) => ({ kind: 'ssrf' as const, modules: ['needle'], path: [v], args: [0], mode: 'url' as const })),
  { kind: 'ssrf', modules: ['needle'], path: [], args: [1], mode: 'url' },
  ...['request', 'get'].map((f) => ({ kind: 'ssrf' as const, modules: ['http', 'https'], path: [f], args: [0], mode: 'url' as const, urlProperty: true })),
  // the file system
  ...fsPathOps.map((f) => ({ kind: 'path-traversal' as const, modules: FS, path: [f], args: [0], mode: 'text' as const })),
  ...fsPathOps.map((f) => ({ kind: 'path-traversal' as const, modules: ['fs'], path: ['promises', f], args: [0], mode: 'text' as const })),
  // deep merges and key-path setters
  ...['merge', 'mergeWith', 'defaultsDeep'].map((f) => ({ kind: 'prototype-pollution' as const, modules: ['lodash', 'lodash-es', 'underscore'], path: [f], args: [1, 2, 3], mode: 'deep' as const })),
  ...['merge', 'mergeWith', 'defaultsDeep'].map((f) => ({ kind: 'prototype-pollution' as const, modules: [`lodash/${f}`, `lodash.${f.toLowerCase()}`], path: [], args: [1, 2, 3], mode: 'deep' as const })),
  ...['set', 'setWith'].map((f) => ({ kind: 'prototype-pollution' as const, modules: ['lodash', 'lodash-es'], path: [f], args: [1], mode: 'text' as const })),
  { kind: 'prototype-pollution', modules: ['lodash/set', 'lodash.set', 'set-value'], path: [], args: [1], mode: 'text' },
  { kind: 'prototype-pollution', modules: ['dot-prop', 'object-path'], path: ['set'], args: [1], mode: 'text' },
  { kind: 'prototype-pollution', modules: ['merge-deep', 'mixin-deep', 'defaults-deep', 'deep-extend'], path: [], args: [1, 2], mode: 'deep' },
];

/** Globals that are sinks (`eval`, `fetch` in Node 18+, string timers). */
export const GLOBAL_SINKS: ReadonlyMap<string, { kind: TaintSinkKind; args: readonly number[]; mode: SinkMode }> = new Map([
  ['eval', { kind: 'code-injection', args: [0], mode: 'text' }],
  ['Function', { kind: 'code-injection', args: [0, 1, 2, 3], mode: 'text' }],
  ['setTimeout', { kind: 'code-injection', args: [0], mode: 'text' }],
  ['setInterval', { kind: 'code-injection', args: [0], mode: 'text' }],
  ['fetch', { kind: 'ssrf', args: [0], mode: 'url' }],
] as const);

/** Methods of the response object that redirect (`res.redirect`, `reply.redirect`, `ctx.redirect`, Hono `c.redirect`). */
export const REDIRECT_METHODS: ReadonlySet<string> = new Set(['redirect']);
/** Response methods that set a header: (`res.set('Location', x)`, `res.setHeader`, `reply.header`). */
export const HEADER_METHODS: ReadonlySet<string> = new Set(['set', 'setHeader', 'header', 'append']);
/** `res.location(url)`. */
export const LOCATION_METHODS: ReadonlySet<string> = new Set(['location']);
/** Names response objects go by (Express, Fastify, Koa, Hono). */
export const RESPONSE_NAMES: ReadonlySet<string> = new Set(['res', 'response', 'reply', 'rep', 'ctx', 'context', 'c']);
/** Modules whose `redirect` export redirects (Next.js). */
export const REDIRECT_MODULES: readonly { module: string; path: readonly string[] }[] = [
  { module: 'next/navigation', path: ['redirect'] },
  { module: 'next/navigation', path: ['permanentRedirect'] },
  { module: 'next/server', path: ['NextResponse', 'redirect'] },
];
/** Response methods that send a file from disk; `root` in their options confines the path. */
export const SEND_FILE_METHODS: ReadonlyMap<string, number> = new Map([
  ['sendFile', 1],
  ['download', 2],
]);

/**
 * MongoDB/Mongoose methods taking a filter as their first argument; operator injection needs the
 * filter to be matched by MongoDB, which compares nested objects as operators.
 */
export const MONGO_FILTER_METHODS: ReadonlySet<string> = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'deleteOne', 'deleteMany',
  'updateOne', 'updateMany', 'replaceOne', 'countDocuments', 'count', 'exists', 'where', 'distinct', 'remove',
]);
export const MONGO_MODULES: readonly string[] = ['mongoose', 'mongodb', '@nestjs/mongoose', 'monk', 'mongojs', '@typegoose/typegoose'];
/** Libraries whose `find*` take `{ where }` objects with symbol operators: never operator-injectable this way. */
export const NON_MONGO_ORMS: readonly string[] = ['sequelize', 'sequelize-typescript', 'typeorm', '@prisma/client', 'knex', 'objection', '@mikro-orm/core', 'drizzle-orm'];
/** Keys of a filter whose value MongoDB runs as JavaScript or an expression. */
export const MONGO_CODE_OPERATORS: ReadonlySet<string> = new Set(['$where', '$expr', '$function', '$accumulator']);
/** Operators whose value MongoDB takes literally: a request object under them cannot add operators. */
export const MONGO_LITERAL_OPERATORS: ReadonlySet<string> = new Set(['$eq', '$in', '$nin', '$ne', '$all']);
/** Keys of an ORM options object that mark it as SQL-ORM (Sequelize/TypeORM/Prisma) rather than a Mongo filter. */
export const SQL_ORM_KEYS: ReadonlySet<string> = new Set(['where', 'include', 'attributes', 'order', 'relations', 'select', 'limit', 'take', 'skip']);

/**
 * ORM calls that store an object's fields: the argument (or its `data` property for Prisma) is
 * written field by field, so a whole request object decides every column (`role`, `isAdmin`).
 * - `arg`: which argument holds the fields; `dataProperty`: Prisma's `{ data }`.
 */
export const MASS_ASSIGN_METHODS: ReadonlyMap<string, { arg: number; dataProperty?: string }> = new Map([
  ['create', { arg: 0, dataProperty: 'data' }],
  ['createMany', { arg: 0, dataProperty: 'data' }],
  ['insert', { arg: 0 }],
  ['insertMany', { arg: 0 }],
  ['build', { arg: 0 }],
  ['save', { arg: 0 }],
  ['upsert', { arg: 0, dataProperty: 'update' }],
  ['update', { arg: 0, dataProperty: 'data' }],
  ['updateOne', { arg: 1 }],
  ['updateMany', { arg: 1, dataProperty: 'data' }],
  ['findByIdAndUpdate', { arg: 1 }],
  ['findOneAndUpdate', { arg: 1 }],
  ['patch', { arg: 0 }],
  ['merge', { arg: 1 }],
  ['set', { arg: 0 }],
]);
/** Receivers of those methods that are not ORM models (arrays, maps, caches, HTTP clients…). */
export const NOT_MODEL_RECEIVER = /^(?:map|set|cache|headers|res|response|reply|ctx|c|app|router|axios|http|client|params|searchParams|url|form|formData|object|obj|_|lodash|Object|Reflect|Promise|Array|Map|Set|JSON|redis|store|session)$/i;
/** ORM-ish receivers: models (`User`, `this.userModel`), repositories, Prisma delegates, knex tables. */
export const MODEL_RECEIVER = /^[A-Z][A-Za-z0-9]*$|(?:Model|Repository|Repo|Collection|Entity)$|^(?:prisma|db|knex|trx|em|repo|repository|model|collection)$/;
