/**
 * require-secure-cookies: cookies set by the server carry `httpOnly`, `secure` and `sameSite`.
 *
 * A library's own defaults count: express-session, cookie-session and Koa/`cookies` default to
 * `httpOnly: true`, so only their missing `secure`/`sameSite` is reported. Options the rule cannot
 * see (a variable from another file, `this.options`) are not judged; inside an unknown spread only
 * explicit `false` values are. Deleting a cookie (`clearCookie`, empty value, `maxAge: 0`) is not a
 * sink. CSRF double-submit cookies (`XSRF-TOKEN`) must be readable by scripts, so `httpOnly` is not
 * asked of them.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import {
  getObjectLiteral,
  getProperty,
  getSourcesProperty,
  getStaticString,
  getStaticValue,
  hasUnknownSpread,
  memberChainName,
  NOT_STATIC,
  objectSources,
  resolveConstInit,
  unwrap,
} from '../src/analysis/values.js';

type MessageIds = 'insecureCookie';
type Options = [{ clientReadable?: string[] }];

type Attr = 'httpOnly' | 'secure' | 'sameSite';
const ATTRS: readonly Attr[] = ['httpOnly', 'secure', 'sameSite'];
const FIX: Record<Attr, string> = { httpOnly: '`httpOnly: true`', secure: '`secure: true`', sameSite: "`sameSite: 'lax'`" };

const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);

/** Cookies a browser script must read by design (CSRF double-submit tokens). */
const CLIENT_READABLE = /csrf|xsrf/i;

/** Receivers that are an HTTP response: `res`, `response`, `reply`, `ctx.res`, `this.res`, `loginResponse`. */
const RESPONSE_NAME = /^(res|resp|response|reply)$|(Res|Response|Reply)$/;

/** Attributes a library (or a plugin registration) already sets when the call omits them. */
type Defaults = Partial<Record<Attr, boolean>>;
const NO_DEFAULTS: Defaults = {};
const HTTPONLY_DEFAULT: Defaults = { httpOnly: true };

function lastName(node: TSESTree.Node): string | null {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) return propertyName(n);
  return null;
}

/** `Set-Cookie` in any case; the length test spares lower-casing every other property name. */
function isSetCookieName(name: string | null): boolean {
  return name !== null && name.length === 10 && name.toLowerCase() === 'set-cookie';
}

export default defineRule({
  id: 'require-secure-cookies',
  category: 'security',
  description: 'Require cookies the server sets to be httpOnly, secure and sameSite.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<Options, MessageIds>({
    name: 'require-secure-cookies',
    meta: {
      type: 'problem',
      docs: { description: 'Require cookies the server sets to be httpOnly, secure and sameSite.' },
      schema: [
        {
          type: 'object',
          properties: { clientReadable: { type: 'array', items: { type: 'string' } } },
          additionalProperties: false,
        },
      ],
      messages: {
        insecureCookie:
          '{{cookie}} is set {{problems}}. Set {{fix}}: httpOnly keeps it away from scripts, secure keeps it off plain HTTP, sameSite stops cross-site requests from carrying it.',
      },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      const sourceCode = context.sourceCode;
      if (!/cookie|session/i.test(sourceCode.text)) return {};
      const tracker = getImportTracker(context);
      const importsCookieModule = tracker.usesAny(['express-session', 'cookie-session', 'hono/cookie', 'cookie', 'csurf']);
      const clientReadable = new Set(options.clientReadable ?? []);
      const usesNext = tracker.usesAny(['next/*', 'next']);

      function isDeletion(value: TSESTree.Node | undefined, obj: TSESTree.ObjectExpression | null): boolean {
        if (value) {
          const v = getStaticValue(sourceCode, value);
          if (v === '' || v === null || v === undefined) return true;
        }
        if (!obj) return false;
        const maxAge = getProperty(sourceCode, obj, 'maxAge');
        const age = maxAge ? getStaticValue(sourceCode, maxAge) : null;
        if (typeof age === 'number' && age <= 0) return true;
        const expires = getProperty(sourceCode, obj, 'expires');
        if (expires) {
          const e = unwrap(expires);
          // `new Date(0)`, `new Date(1)`: the classic "expire now".
          if (e.type === AST_NODE_TYPES.NewExpression && e.arguments.length === 1) {
            const n = getStaticValue(sourceCode, e.arguments[0]);
            if (typeof n === 'number' && n < 86_400_000) return true;
          }
        }
        return false;
      }

      /**
       * Report the problems of one cookie. `optionsNode` undefined = no options passed.
       * `target` is where to report.
       */
      function check(
        cookieLabel: string,
        cookieName: string | null,
        optionsNode: TSESTree.Node | undefined,
        defaults: Defaults,
        target: TSESTree.Node,
        value?: TSESTree.Node,
      ): void {
        let objects: TSESTree.ObjectExpression[] = [];
        let partial = false;
        if (optionsNode) {
          // A literal, or options assembled with `Object.assign({}, base, { … })`; a part we cannot
          // see (another file's object, one extended below its literal) leaves only explicit `false`.
          const sources = objectSources(sourceCode, optionsNode);
          if (!sources) return; // options we cannot see are not judged
          objects = sources.objects;
          partial = sources.unknown;
        }
        if (isDeletion(value, null) || objects.some((o) => isDeletion(value, o))) return;
        const readable = cookieName !== null && (CLIENT_READABLE.test(cookieName) || clientReadable.has(cookieName));
        const missing: Attr[] = [];
        const falses: Attr[] = [];
        for (const attr of ATTRS) {
          if (attr === 'httpOnly' && readable) continue;
          const prop = getSourcesProperty(sourceCode, objects, attr);
          if (!prop) {
            if (partial) continue;
            if (defaults[attr]) continue;
            missing.push(attr);
            continue;
          }
          const v = getStaticValue(sourceCode, prop);
          if (v === false || (attr === 'sameSite' && typeof v === 'string' && v.toLowerCase() === 'false')) falses.push(attr);
          else if (v === undefined) missing.push(attr);
        }
        report(cookieLabel, missing, falses, target);
      }

      function report(cookieLabel: string, missing: Attr[], falses: Attr[], target: TSESTree.Node): void {
        if (missing.length === 0 && falses.length === 0) return;
        const parts: string[] = [];
        if (missing.length) parts.push(`without ${missing.map((a) => `\`${a}\``).join(', ')}`);
        if (falses.length) parts.push(`with ${falses.map((a) => `\`${a}: false\``).join(', ')}`);
        const fix = [...falses, ...missing].sort((a, b) => ATTRS.indexOf(a) - ATTRS.indexOf(b)).map((a) => FIX[a]);
        context.report({
          node: target,
          messageId: 'insecureCookie',
          data: { cookie: cookieLabel, problems: parts.join(' and '), fix: fix.join(', ') },
        });
      }

      /**
       * A raw `Set-Cookie` value: `'sid=abc; Path=/; HttpOnly'` or a template whose interpolations
       * all sit before the attributes (`\`sid=${token}; HttpOnly; Secure\``). Attributes built at run
       * time make the string unknown, and unknown is not reported.
       */
      function checkSetCookieValue(node: TSESTree.Node): void {
        const n = unwrap(node);
        if (n.type === AST_NODE_TYPES.ArrayExpression) {
          for (const e of n.elements) if (e && e.type !== AST_NODE_TYPES.SpreadElement) checkSetCookieValue(e);
          return;
        }
        const parts = textParts(n);
        // Interpolations are fine in the name and value (`sid=${token}; HttpOnly`); one after the first
        // `;`, or a trailing one with no `;` at all (`'sid=' + token + attrs`), may add attributes.
        const attrStart = parts.findIndex((p) => p !== null && p.includes(';'));
        const lastDynamic = parts.lastIndexOf(null);
        if (lastDynamic !== -1 && (attrStart === -1 || lastDynamic > attrStart)) return;
        const text = parts.map((p) => p ?? '\u0000').join('');
        const [pair = '', ...rawAttrs] = text.split(';');
        const attrs = rawAttrs.map((a) => a.trim().toLowerCase());
        const eq = pair.indexOf('=');
        if (eq <= 0) return;
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (value === '' || attrs.some((a) => /^max-age=\s*(0|-)/.test(a) || (a.startsWith('expires=') && a.includes('1970')))) return;
        const readable = CLIENT_READABLE.test(name) || clientReadable.has(name);
        const missing: Attr[] = [];
        if (!readable && !attrs.includes('httponly')) missing.push('httpOnly');
        if (!attrs.includes('secure')) missing.push('secure');
        if (!attrs.some((a) => a.startsWith('samesite='))) missing.push('sameSite');
        report(name.includes('\u0000') ? 'This cookie' : `Cookie '${name}'`, missing, [], node);
      }

      /** Static pieces of a string expression, `null` for each interpolated piece. */
      function textParts(node: TSESTree.Node): (string | null)[] {
        const n = unwrap(node);
        if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'string') return [n.value];
        if (n.type === AST_NODE_TYPES.TemplateLiteral) {
          const out: (string | null)[] = [];
          n.quasis.forEach((q, i) => {
            out.push(q.value.cooked ?? q.value.raw);
            if (i < n.expressions.length) out.push(null);
          });
          return out;
        }
        if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
          return [...textParts(n.left), ...textParts(n.right)];
        }
        return [null];
      }

      function label(nameNode: TSESTree.Node | undefined): { label: string; name: string | null } {
        const name = nameNode ? getStaticString(sourceCode, nameNode) : null;
        return { label: name !== null ? `Cookie '${name}'` : 'This cookie', name };
      }

      /** `cookies()` from next/headers, `await cookies()`, or a const holding either. */
      function isNextCookieStore(node: TSESTree.Node): boolean {
        let n = unwrap(node);
        if (n.type === AST_NODE_TYPES.Identifier) {
          const init = resolveConstInit(sourceCode, n);
          if (!init) return false;
          n = unwrap(init);
        }
        if (n.type === AST_NODE_TYPES.AwaitExpression) n = unwrap(n.argument);
        return n.type === AST_NODE_TYPES.CallExpression && tracker.matches(n.callee, 'next/headers', ['cookies']);
      }

      /** `ctx.cookies`, `this.cookies`, `response.cookies`, or an instance of the `cookies` module. */
      function cookieJarDefaults(receiver: TSESTree.Node): Defaults | null {
        const r = unwrap(receiver);
        if (r.type === AST_NODE_TYPES.MemberExpression && propertyName(r) === 'cookies') {
          if (usesNext && !/^(ctx|context)$/.test(memberChainName(r.object) ?? '')) return NO_DEFAULTS;
          return HTTPONLY_DEFAULT;
        }
        if (r.type === AST_NODE_TYPES.Identifier) {
          const init = resolveConstInit(sourceCode, r);
          const call = init ? unwrap(init) : null;
          if (
            call &&
            (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) &&
            tracker.resolve(call.callee)?.source === 'cookies'
          ) {
            return HTTPONLY_DEFAULT;
          }
        }
        return null;
      }

      const importsFastifyCookie = tracker.usesAny(['@fastify/cookie', 'fastify-cookie']);
      const fastifyDefaults: Defaults = {};
      const deferred: TSESTree.CallExpression[] = [];

      function isFastifyCookiePlugin(node: TSESTree.Node): boolean {
        if (!importsFastifyCookie) return false;
        const ref = tracker.resolve(node);
        return !!ref && (ref.source === '@fastify/cookie' || ref.source === 'fastify-cookie');
      }

      return {
        'Program:exit'() {
          for (const call of deferred) {
            const l = label(call.arguments[0]);
            check(l.label, l.name, call.arguments[2], fastifyDefaults, call, call.arguments[1]);
          }
        },
        Property(node) {
          // Header maps: `new Response(body, { headers: { 'Set-Cookie': '...' } })`, `res.writeHead(200, {...})`.
          if (node.parent.type === AST_NODE_TYPES.ObjectExpression && isSetCookieName(propertyName(node))) {
            checkSetCookieValue(node.value);
          }
        },
        CallExpression(call) {
          const callee = call.callee;
          const args = call.arguments;
          const ref = importsCookieModule ? tracker.resolve(callee) : null;
          if (ref) {
            const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
            if (ref.source === 'express-session' && path.length === 0) {
              const opts = args[0] ? getObjectLiteral(sourceCode, args[0]) : null;
              if (!opts) return;
              const cookie = getProperty(sourceCode, opts, 'cookie');
              if (!cookie && hasUnknownSpread(sourceCode, opts)) return;
              const cookieName = getStaticString(sourceCode, getProperty(sourceCode, opts, 'name'));
              const label = `The express-session cookie${cookieName ? ` '${cookieName}'` : ''}`;
              if (!cookie) check(label, cookieName, undefined, HTTPONLY_DEFAULT, args[0]!);
              else check(label, cookieName, cookie, HTTPONLY_DEFAULT, cookie.parent as TSESTree.Node);
              return;
            }
            if (ref.source === 'csurf' && path.length === 0) {
              // `csurf({ cookie: true })` keeps the CSRF *secret* in a cookie (`_csrf`) set with
              // none of the three attributes unless the `cookie` object names them. The secret is
              // not the token scripts read, so `httpOnly` is asked of it too.
              const opts = args[0] ? getObjectLiteral(sourceCode, args[0]) : null;
              const cookie = opts ? getProperty(sourceCode, opts, 'cookie') : null;
              if (!cookie) return;
              const flag = getStaticValue(sourceCode, cookie);
              if (flag === true) check('The csurf secret cookie', null, undefined, NO_DEFAULTS, cookie.parent as TSESTree.Node);
              else if (flag === NOT_STATIC) check('The csurf secret cookie', null, cookie, NO_DEFAULTS, cookie.parent as TSESTree.Node);
              return;
            }
            if (ref.source === 'cookie-session' && path.length === 0) {
              if (!args[0]) {
                check('The cookie-session cookie', null, undefined, HTTPONLY_DEFAULT, call);
                return;
              }
              const opts = getObjectLiteral(sourceCode, args[0]);
              const cookieName = opts ? getStaticString(sourceCode, getProperty(sourceCode, opts, 'name')) : null;
              check(`The cookie-session cookie${cookieName ? ` '${cookieName}'` : ''}`, cookieName, args[0], HTTPONLY_DEFAULT, args[0]);
              return;
            }
            if (ref.source === 'hono/cookie' && path.length === 1) {
              if (path[0] === 'setCookie') {
                const l = label(args[1]);
                check(l.label, l.name, args[3], NO_DEFAULTS, call, args[2]);
              } else if (path[0] === 'setSignedCookie') {
                const l = label(args[1]);
                check(l.label, l.name, args[4], NO_DEFAULTS, call, args[2]);
              }
              return;
            }
          }
          if (ref && ref.source === 'cookie' && ref.path.length === 1 && ref.path[0] === 'serialize') {
            // `cookie.serialize(name, value, options)`, the building block of raw Set-Cookie headers.
            const l = label(args[0]);
            check(l.label, l.name, args[2], NO_DEFAULTS, call, args[1]);
            return;
          }
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
          const method = propertyName(callee);
          if (method === 'register' && args[0] && isFastifyCookiePlugin(args[0])) {
            // `fastify.register(cookie, { parseOptions: {...} })`: defaults for every `reply.setCookie`.
            const opts = args[1] ? getObjectLiteral(sourceCode, args[1]) : null;
            const parse = opts ? getObjectLiteral(sourceCode, getProperty(sourceCode, opts, 'parseOptions')) : null;
            if (parse) {
              for (const attr of ATTRS) {
                const p = getProperty(sourceCode, parse, attr);
                if (p && getStaticValue(sourceCode, p) !== false) fastifyDefaults[attr] = true;
              }
            }
            return;
          }
          if (method && HEADER_SETTERS.has(method) && args.length >= 2 && getStaticString(sourceCode, args[0])?.toLowerCase() === 'set-cookie') {
            checkSetCookieValue(args[1]!);
            return;
          }
          if (method === 'cookie' || method === 'setCookie') {
            // Express `res.cookie`, Fastify `reply.setCookie` / `reply.cookie`.
            if (args.length < 2 || args.length > 3) return;
            const receiver = lastName(callee.object);
            if (!receiver || !RESPONSE_NAME.test(receiver)) return;
            if (importsFastifyCookie) {
              // Judged at the end of the file, once the plugin's `parseOptions` defaults are known.
              deferred.push(call);
              return;
            }
            const l = label(args[0]);
            check(l.label, l.name, args[2], NO_DEFAULTS, call, args[1]);
            return;
          }
          if (method === 'set') {
            if (isNextCookieStore(callee.object)) {
              if (args.length === 1) {
                // cookies().set({ name, value, httpOnly, ... })
                const obj = getObjectLiteral(sourceCode, args[0]);
                if (!obj) return;
                const l = label(getProperty(sourceCode, obj, 'name') ?? undefined);
                check(l.label, l.name, args[0], NO_DEFAULTS, call, getProperty(sourceCode, obj, 'value') ?? undefined);
              } else if (args.length >= 2) {
                const l = label(args[0]);
                check(l.label, l.name, args[2], NO_DEFAULTS, call, args[1]);
              }
              return;
            }
            if (args.length < 2) return;
            const defaults = cookieJarDefaults(callee.object);
            if (!defaults) return;
            const l = label(args[0]);
            check(l.label, l.name, args[2], defaults, call, args[1]);
          }
        },
      };
    },
  }),
});
