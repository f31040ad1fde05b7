/**
 * Calls that take a key, as data: where each library expects its signing, session or encryption
 * secret. A literal found there is the key the code actually runs with, whatever it looks like
 * (`session({ secret: 'a' })`), so no-hardcoded-secrets reports any value but a placeholder.
 * A new library or option is a row here.
 */

export interface KeySink {
  /** Module names the callee comes from (the import tracker's sources). */
  modules: readonly string[];
  /** Export path of the callee within the module; `[]` is the module itself (`session(…)`). */
  path: readonly string[];
  /**
   * How it is called: `call` and `new` on the export itself; `register` passes the export as the
   * first argument of a plugin registration (`fastify.register(fastifyJwt, { secret })`); `extends`
   * is `super(…)` in a class extending the export, directly or through a mixin call's first
   * argument (NestJS `class JwtStrategy extends PassportStrategy(Strategy)`).
   */
  shape: 'call' | 'new' | 'register' | 'extends';
  /** The argument that is the key itself. */
  keyArg?: number;
  /** The argument that is an options object, and its properties that hold keys. */
  optionsArg?: number;
  keys?: readonly string[];
  /** What the key is, in the message. */
  what: string;
  /** The callee in the message; absent: the callee's source text (`jwt.sign`). */
  label?: string;
}

const JWT = 'JWT signing key';
const SESSION = 'session secret';
const COOKIE = 'cookie signing secret';

export const KEY_SINKS: readonly KeySink[] = [
  { modules: ['jsonwebtoken'], path: ['sign'], shape: 'call', keyArg: 1, what: JWT },
  { modules: ['jsonwebtoken'], path: ['verify'], shape: 'call', keyArg: 1, what: JWT },
  { modules: ['jwt-simple'], path: ['encode'], shape: 'call', keyArg: 1, what: JWT },
  { modules: ['jwt-simple'], path: ['decode'], shape: 'call', keyArg: 1, what: JWT },
  { modules: ['crypto'], path: ['createHmac'], shape: 'call', keyArg: 1, what: 'key' },
  { modules: ['crypto'], path: ['createCipheriv'], shape: 'call', keyArg: 1, what: 'key' },
  { modules: ['crypto'], path: ['createDecipheriv'], shape: 'call', keyArg: 1, what: 'key' },
  { modules: ['jose'], path: ['jwtVerify'], shape: 'call', keyArg: 1, what: JWT },
  { modules: ['cookie-parser'], path: [], shape: 'call', keyArg: 0, what: COOKIE, label: 'cookie-parser' },
  { modules: ['express-session'], path: [], shape: 'call', optionsArg: 0, keys: ['secret'], what: SESSION, label: 'express-session' },
  { modules: ['cookie-session'], path: [], shape: 'call', optionsArg: 0, keys: ['secret', 'keys'], what: SESSION, label: 'cookie-session' },
  { modules: ['sequelize', 'sequelize-typescript'], path: ['Sequelize'], shape: 'new', keyArg: 2, what: 'database password', label: 'new Sequelize' },
  // JWT middleware and modules
  { modules: ['express-jwt'], path: ['expressjwt'], shape: 'call', optionsArg: 0, keys: ['secret'], what: JWT, label: 'express-jwt' },
  { modules: ['express-jwt'], path: [], shape: 'call', optionsArg: 0, keys: ['secret'], what: JWT, label: 'express-jwt' },
  { modules: ['koa-jwt'], path: [], shape: 'call', optionsArg: 0, keys: ['secret'], what: JWT, label: 'koa-jwt' },
  { modules: ['passport-jwt'], path: ['Strategy'], shape: 'new', optionsArg: 0, keys: ['secretOrKey'], what: JWT, label: 'passport-jwt' },
  { modules: ['passport-jwt'], path: ['Strategy'], shape: 'extends', optionsArg: 0, keys: ['secretOrKey'], what: JWT, label: 'passport-jwt' },
  { modules: ['@nestjs/jwt'], path: ['JwtModule', 'register'], shape: 'call', optionsArg: 0, keys: ['secret', 'privateKey'], what: JWT, label: 'JwtModule.register' },
  { modules: ['@nestjs/jwt'], path: ['JwtService'], shape: 'new', optionsArg: 0, keys: ['secret', 'privateKey'], what: JWT, label: 'new JwtService' },
  { modules: ['hono/jwt'], path: ['jwt'], shape: 'call', optionsArg: 0, keys: ['secret'], what: JWT, label: 'hono/jwt' },
  { modules: ['hono/jwt'], path: ['sign'], shape: 'call', keyArg: 1, what: JWT },
  { modules: ['hono/jwt'], path: ['verify'], shape: 'call', keyArg: 1, what: JWT },
  { modules: ['hono/cookie'], path: ['setSignedCookie'], shape: 'call', keyArg: 3, what: COOKIE },
  { modules: ['hono/cookie'], path: ['getSignedCookie'], shape: 'call', keyArg: 1, what: COOKIE },
  { modules: ['next-auth'], path: [], shape: 'call', optionsArg: 0, keys: ['secret'], what: 'NextAuth secret', label: 'NextAuth' },
  { modules: ['iron-session'], path: ['getIronSession'], shape: 'call', optionsArg: 2, keys: ['password'], what: SESSION, label: 'getIronSession' },
  // Fastify plugins: `fastify.register(plugin, { secret })`.
  { modules: ['@fastify/jwt', 'fastify-jwt'], path: [], shape: 'register', optionsArg: 1, keys: ['secret'], what: JWT, label: '@fastify/jwt' },
  { modules: ['@fastify/cookie', 'fastify-cookie'], path: [], shape: 'register', optionsArg: 1, keys: ['secret'], what: COOKIE, label: '@fastify/cookie' },
  { modules: ['@fastify/session', 'fastify-session'], path: [], shape: 'register', optionsArg: 1, keys: ['secret'], what: SESSION, label: '@fastify/session' },
  { modules: ['@fastify/secure-session', 'fastify-secure-session'], path: [], shape: 'register', optionsArg: 1, keys: ['secret'], what: SESSION, label: '@fastify/secure-session' },
];

/** Every module a sink comes from: a file importing none of them registers no call listener. */
export const KEY_SINK_MODULES: readonly string[] = [...new Set(KEY_SINKS.flatMap((s) => s.modules))];

/**
 * Property names a member callee of a sink can end in (its export path's last name), plus
 * `default` (a module called through its ESM interop default, `cookieParser.default(secret)`),
 * `register` (plugin registration) and `sign` (jose's `new SignJWT(…).sign(key)`).
 */
export const KEY_SINK_PROPERTIES: ReadonlySet<string> = new Set([
  ...KEY_SINKS.flatMap((s) => (s.path.length > 0 ? [s.path[s.path.length - 1]!] : [])),
  'default',
  'register',
  'sign',
  'verify',
]);
