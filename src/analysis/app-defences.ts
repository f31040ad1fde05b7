/**
 * Application-wide defences, as data and the small recognisers over it: which libraries (and which
 * of their exports) set security headers, keep a session in a cookie, or defend against CSRF; which
 * text marks headers or a CSRF check written by hand. The project model (src/project/app-setup.ts)
 * finds what is applied to an app across files; the rules require-security-headers and
 * require-csrf-protection ask these tables about each thing it found.
 *
 * `originModules(context, node)` is the question behind all of them: the modules a value comes
 * from — through imports, const aliases, destructuring of a call's result
 * (`const { doubleCsrfProtection } = doubleCsrf(opts)`), calls and member chains — so
 * `app.use(h)` with `const h = helmet({ … })` counts as helmet wherever `h` was made in the file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker } from './imports.js';
import { unwrap } from './values.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

// ---------------------------------------------------------------- tables

/** Modules whose middleware or plugin sets the usual security headers (or one of them). */
export const HEADER_MODULES: ReadonlySet<string> = new Set([
  'helmet',
  '@fastify/helmet',
  'fastify-helmet',
  'koa-helmet',
  'hono/secure-headers',
  'lusca',
  'helmet-csp',
  'hsts',
  'frameguard',
  'x-frame-options',
  'dont-sniff-mimetype',
  'hide-powered-by',
  '@nestjs/helmet',
]);

/** Header names that mark security headers set by hand (`res.setHeader('X-Frame-Options', …)`). */
export const SECURITY_HEADER_TEXT = /x-frame-options|content-security-policy|strict-transport-security|x-content-type-options/i;

/** Names that say "security headers" when the value behind them cannot be read (`app.use(securityHeaders)`). */
export const HEADER_NAME_HINT = /helmet|secure_?headers|security_?headers|hsts|csp\b/i;

/** Session middleware that keeps the session in, or keys it by, a cookie; where its cookie options live. */
export interface SessionLibrary {
  module: string;
  /** The export that makes the middleware or plugin ([] = the module itself). */
  path: readonly string[];
  /** The option holding the cookie's attributes (`cookie`, hono-sessions' `cookieOptions`); null: they sit at the top level. */
  cookieOption: string | null;
  /**
   * Options argument index: express-session `session(opts)` 0; koa-session `session(opts, app)` 0
   * (or `session(app, opts)` in old versions: the object one is taken); Fastify plugins 1 of `register`.
   */
  plugin: boolean;
  /** koa-session's `session(opts, app)` (old: `session(app, opts)`, or `session(app)` alone): one argument is the app. */
  takesApp?: boolean;
}

export const SESSION_LIBRARIES: readonly SessionLibrary[] = [
  { module: 'express-session', path: [], cookieOption: 'cookie', plugin: false },
  { module: 'cookie-session', path: [], cookieOption: null, plugin: false },
  { module: 'koa-session', path: [], cookieOption: null, plugin: false, takesApp: true },
  { module: 'koa-generic-session', path: [], cookieOption: 'cookie', plugin: false },
  { module: '@fastify/session', path: [], cookieOption: 'cookie', plugin: true },
  { module: 'fastify-session', path: [], cookieOption: 'cookie', plugin: true },
  { module: '@fastify/secure-session', path: [], cookieOption: 'cookie', plugin: true },
  { module: 'fastify-secure-session', path: [], cookieOption: 'cookie', plugin: true },
  { module: 'hono-sessions', path: ['sessionMiddleware'], cookieOption: 'cookieOptions', plugin: false },
];

/** Modules whose middleware checks a CSRF token (or the Origin / a custom header). */
export const CSRF_MODULES: ReadonlySet<string> = new Set([
  'csurf',
  '@dr.pogodin/csurf',
  'csrf-csrf',
  'csrf-sync',
  'tiny-csrf',
  'csrf',
  'koa-csrf',
  '@fastify/csrf-protection',
  'fastify-csrf',
  '@fastify/csrf',
  'hono/csrf',
  'lusca',
  'express-csrf-double-submit-cookie',
  '@nestjs/csrf',
  'nestjs-csrf',
]);

/**
 * Text that marks a CSRF defence written by hand anywhere in a project: a token check, or the
 * custom-header check (`X-Requested-With`, `X-CSRF-Token`) a cross-site form cannot send.
 */
export const CSRF_TEXT = /csrf|xsrf|x-requested-with/i;

/** `sameSite` values that keep a cookie off cross-site POST/PUT/PATCH/DELETE requests. */
export const SAME_SITE_DEFENDS = new Set(['strict', 'lax']);

// ---------------------------------------------------------------- recognition

function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  for (let s: TSESLint.Scope.Scope | null = sourceCode.getScope(id); s; s = s.upper) {
    const v = s.set.get(id.name);
    if (v) return v;
  }
  return null;
}

/**
 * The modules `node` comes from, in this file: `helmet()`, `h` with `const h = helmet()`,
 * `doubleCsrfProtection` destructured from `doubleCsrf(opts)`, `lusca.csrf()`, `session(opts)`.
 * Empty when nothing imported is behind it.
 */
export function originModules(context: Context, node: TSESTree.Node, depth = 0): string[] {
  if (depth > 6) return [];
  const n = unwrap(node);
  const ref = getImportTracker(context).resolve(n);
  if (ref) return [ref.source];
  switch (n.type) {
    case AST_NODE_TYPES.Identifier: {
      const v = variableOf(context.sourceCode, n);
      const def = v && v.defs.length === 1 ? v.defs[0] : undefined;
      if (def?.type !== 'Variable' || !def.node.init) return [];
      // Reassigned bindings may hold anything.
      if (def.node.parent.kind !== 'const' && v!.references.some((r) => r.isWrite() && r.init !== true)) return [];
      return originModules(context, def.node.init, depth + 1);
    }
    case AST_NODE_TYPES.AwaitExpression:
      return originModules(context, n.argument, depth + 1);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return originModules(context, n.callee, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      return originModules(context, n.object, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return originModules(context, n.expression, depth + 1);
    default:
      return [];
  }
}

/** The import path of `node` inside `module` when it comes from there (`lusca.csrf` → ['csrf']). */
export function originPath(context: Context, node: TSESTree.Node): string[] | null {
  const n = unwrap(node);
  const ref = getImportTracker(context).resolve(n.type === AST_NODE_TYPES.CallExpression ? n.callee : n);
  if (!ref) return null;
  return ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
}

/**
 * The text of a source file without its comments, for text questions that a comment must not
 * answer (`// TODO: add CSRF protection`, a `// eslint-disable backlint/require-csrf-protection`).
 * One forward scan; strings and template literals are kept as they are. A regex literal holding a
 * quote can throw the scan off: the answer then errs towards finding the text, the silent side.
 */
export function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  let start = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === '\\') i++;
        else if (ch !== '`' && text[i] === '\n') break;
        i++;
      }
      i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      out += text.slice(start, i);
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      start = i;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      out += text.slice(start, i);
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      start = i;
      continue;
    }
    i++;
  }
  return out + text.slice(start);
}
