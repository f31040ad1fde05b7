/**
 * require-csrf-protection: an application that keeps its sessions in cookies defends its
 * state-changing routes against cross-site request forgery.
 *
 * Judged once per app, at the line that creates it (where require-security-headers reports too, so
 * an app's findings sit together; the session middleware's place is named in the message), from
 * what the project model finds applied to it across files (src/project/app-setup.ts) and the routes
 * that hang off it (POST/PUT/PATCH/DELETE/ALL). A defence is any of: CSRF middleware from a known
 * library applied to the app, a CSRF library, token or custom-header check anywhere in the code of
 * the app's package, comments aside (where it is applied is not followed: precision first), or a session cookie with
 * `sameSite: 'strict'` or `'lax'`. Apps without a cookie session (token auth in an Authorization
 * header) are not at risk and never reported; session options the rule cannot read are not judged.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { getImportTracker } from '../src/analysis/imports.js';
import { CSRF_MODULES, CSRF_TEXT, withoutComments, originModules, originPath, SAME_SITE_DEFENDS, SESSION_LIBRARIES, type SessionLibrary } from '../src/analysis/app-defences.js';
import { getObjectLiteral, getProperty, getStaticValue, hasUnknownSpread, NOT_STATIC, resolveExpression } from '../src/analysis/values.js';
import { routeLabel } from '../src/analysis/routes.js';
import { displayPath } from '../src/project/files.js';
import { appRoutesOf, appSetupOf, mayCreateApp, projectTextMentions, type AppCall, type AppFramework } from '../src/project/index.js';

type MessageIds = 'missingCsrf';

const APP_MODULES = ['express', 'fastify', 'koa', 'hono', 'hono/quick', 'hono/tiny', '@nestjs/core'];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ALL']);

const HINTS: Record<AppFramework, string> = {
  express: "add CSRF middleware such as `doubleCsrf()` from `csrf-csrf` (or `csrfSync()` from `csrf-sync`), or set `cookie: { sameSite: 'lax' }` on the session",
  fastify: "register `@fastify/csrf-protection` and add `fastify.csrfProtection` to the state-changing routes, or set `cookie: { sameSite: 'lax' }` on the session",
  koa: "add `new CSRF()` from `koa-csrf`, or set `sameSite: 'lax'` in the session options",
  hono: "add `app.use(csrf())` from `hono/csrf`, or set `sameSite: 'Lax'` on the session cookie",
  nest: "add CSRF middleware such as `doubleCsrf()` from `csrf-csrf` in the bootstrap, or set `cookie: { sameSite: 'lax' }` on the session",
};

const LABEL: Record<AppFramework, string> = { express: 'Express', fastify: 'Fastify', koa: 'Koa', hono: 'Hono', nest: 'NestJS' };

interface Session {
  lib: SessionLibrary;
  call: AppCall;
  /** The session call or plugin argument, for the message's place. */
  at: TSESTree.Node;
  /** true: SameSite keeps it off cross-site requests; false: it does not; null: cannot tell. */
  sameSite: boolean | null;
}

/** The session library a `use`/`register` argument makes, and the options object node it was given. */
function sessionOf(c: AppCall, arg: TSESTree.Node, index: number): Session | null {
  const ctx = c.file.context;
  const sourceCode = c.file.sourceCode;
  const modules = originModules(ctx, arg);
  const lib = SESSION_LIBRARIES.find((l) => modules.includes(l.module));
  if (!lib) return null;
  let options: TSESTree.Node | undefined;
  if (lib.plugin) {
    if (c.method !== 'register' || index !== 0) return null;
    const o = c.call.arguments[1];
    options = o && o.type !== AST_NODE_TYPES.SpreadElement ? o : undefined;
  } else {
    const made = resolveExpression(sourceCode, arg);
    if (made.type !== AST_NODE_TYPES.CallExpression) return { lib, call: c, at: arg, sameSite: null };
    const path = originPath(ctx, made);
    if (!path || path.length !== lib.path.length || !lib.path.every((p, i) => p === path[i])) return null;
    // koa-session takes `(opts, app)` (or `(app, opts)` in old versions): the object literal is the options.
    options = made.arguments.find((a) => a.type !== AST_NODE_TYPES.SpreadElement && getObjectLiteral(sourceCode, a));
    // `session(app)`: no options; `session(opts, app)` with options the rule cannot read: unknown.
    if (!options && made.arguments.length > (lib.takesApp ? 1 : 0)) return { lib, call: c, at: arg, sameSite: null };
  }
  return { lib, call: c, at: arg, sameSite: sameSiteDefends(sourceCode, lib, options) };
}

function sameSiteDefends(sourceCode: AppCall['file']['sourceCode'], lib: SessionLibrary, options: TSESTree.Node | undefined): boolean | null {
  if (!options) return false;
  const opts = getObjectLiteral(sourceCode, options);
  if (!opts) return null;
  let holder: TSESTree.ObjectExpression | null = opts;
  if (lib.cookieOption !== null) {
    const cookie = getProperty(sourceCode, opts, lib.cookieOption);
    if (!cookie) return hasUnknownSpread(sourceCode, opts) ? null : false;
    holder = getObjectLiteral(sourceCode, cookie);
    if (!holder) return null;
  }
  const value = getProperty(sourceCode, holder, 'sameSite');
  if (!value) return hasUnknownSpread(sourceCode, holder) ? null : false;
  const v = getStaticValue(sourceCode, value);
  if (v === NOT_STATIC) return null;
  // `sameSite: true` is Strict in the `cookie` serializer these libraries share.
  return v === true || (typeof v === 'string' && SAME_SITE_DEFENDS.has(v.toLowerCase()));
}

export default defineRule({
  id: 'require-csrf-protection',
  category: 'security',
  description: 'Require CSRF protection (CSRF middleware, a SameSite session cookie or a custom-header check) in apps that keep sessions in cookies and have state-changing routes.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'require-csrf-protection',
    meta: {
      type: 'problem',
      docs: {
        description: 'Require CSRF protection (CSRF middleware, a SameSite session cookie or a custom-header check) in apps that keep sessions in cookies and have state-changing routes.',
      },
      schema: [],
      messages: {
        missingCsrf:
          "This {{framework}} app keeps sessions in a cookie ({{session}} at {{where}}) and has state-changing routes ({{route}}), but nothing defends them against CSRF: no CSRF middleware or token check, no custom-header check, and the session cookie is not `sameSite: 'strict'` or `'lax'`. Any site a logged-in user visits can submit them with the user's session. To fix it, {{hint}}.",
      },
    },
    defaultOptions: [],
    create(context) {
      const tracker = getImportTracker(context);
      if (!tracker.usesAny(APP_MODULES)) return {};
      function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
        const setup = appSetupOf(context, node);
        if (!setup || setup.unknown || setup.mounted) return;
        const sessions: Session[] = [];
        for (const c of setup.calls) {
          if (c.method !== 'use' && c.method !== 'register') continue;
          for (const [i, arg] of c.call.arguments.entries()) {
            if (arg.type === AST_NODE_TYPES.SpreadElement) continue;
            if (originModules(c.file.context, arg).some((m) => CSRF_MODULES.has(m))) return;
            const s = sessionOf(c, arg, i);
            if (s) sessions.push(s);
          }
        }
        const exposed = sessions.find((s) => s.sameSite === false);
        if (!exposed || sessions.some((s) => s.sameSite === null)) return;
        if (projectTextMentions(context, 'csrf-defence', (t) => CSRF_TEXT.test(t) && CSRF_TEXT.test(withoutComments(t)))) return;
        const [found] = appRoutesOf(context, setup, (r) => r.methods.some((m) => STATE_CHANGING.has(m)));
        if (!found) return;
        const where = exposed.call.file.path === context.filename ? `line ${exposed.at.loc.start.line}` : `${displayPath(context.cwd, exposed.call.file.path)}:${exposed.at.loc.start.line}`;
        const route = found.file.path === context.filename ? routeLabel(found.route) : `${routeLabel(found.route)} in ${displayPath(context.cwd, found.file.path)}`;
        context.report({
          node,
          messageId: 'missingCsrf',
          data: { framework: LABEL[setup.framework], session: `\`${exposed.lib.module}\``, where, route, hint: HINTS[setup.framework] },
        });
      }
      return {
        CallExpression(node) {
          if (mayCreateApp(context, node)) check(node);
        },
        NewExpression(node) {
          if (mayCreateApp(context, node)) check(node);
        },
      };
    },
  }),
});
