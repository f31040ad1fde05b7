/**
 * require-security-headers: an application sends the browser security headers (helmet or its
 * equivalent) and, on Express, does not announce itself with `X-Powered-By`.
 *
 * Judged once per app, at the line that creates it, from everything the project model finds applied
 * to it across files (src/project/app-setup.ts): middleware in other modules, `configureApp(app)`,
 * Fastify plugins, importers of an exported app. Sub-apps mounted into another app, test harnesses,
 * apps with no routes, and apps that go where the model cannot follow are not judged.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { getImportTracker } from '../src/analysis/imports.js';
import { HEADER_MODULES, HEADER_NAME_HINT, originModules, SECURITY_HEADER_TEXT } from '../src/analysis/app-defences.js';
import { getStaticValue, memberChainName, unwrap } from '../src/analysis/values.js';
import { appRoutesOf, appSetupOf, mayCreateApp, functionValueOf, mountsAtPath, projectTextMentions, type AppCall, type AppFramework, type AppSetup } from '../src/project/index.js';

type MessageIds = 'missingHeaders' | 'poweredBy';

const APP_MODULES = ['express', 'fastify', 'koa', 'hono', 'hono/quick', 'hono/tiny', '@nestjs/core'];

const HINTS: Record<AppFramework, string> = {
  express: 'add `app.use(helmet())` from `helmet` before the routes',
  fastify: 'register `@fastify/helmet` on the root instance (`await app.register(helmet)`)',
  koa: 'add `app.use(helmet())` from `koa-helmet`',
  hono: "add `app.use('*', secureHeaders())` from `hono/secure-headers`",
  nest: 'call `app.use(helmet())` in the bootstrap (or register `@fastify/helmet` with the Fastify adapter)',
};

const LABEL: Record<AppFramework, string> = { express: 'Express', fastify: 'Fastify', koa: 'Koa', hono: 'Hono', nest: 'NestJS' };

/** Calls on an app that apply middleware, plugins or hooks. */
const APPLYING = new Set(['use', 'register', 'addHook', 'all']);

/** Longest function text searched for header names (a middleware is short; a bundle is not one). */
const MAX_FUNCTION_TEXT = 20_000;

type Defence = 'library' | 'hand' | null;

/** Does one middleware/plugin argument set security headers: a header library, or headers by hand? */
function headerDefence(context: Parameters<typeof appSetupOf>[0], c: AppCall, arg: TSESTree.Node): Defence {
  const ctx = c.file.context;
  if (originModules(ctx, arg).some((m) => HEADER_MODULES.has(m))) return 'library';
  const a = unwrap(arg);
  const named = a.type === AST_NODE_TYPES.CallExpression || a.type === AST_NODE_TYPES.NewExpression ? memberChainName(a.callee) : memberChainName(a);
  if (named && HEADER_NAME_HINT.test(named)) return 'library';
  if (a.type === AST_NODE_TYPES.Literal || a.type === AST_NODE_TYPES.TemplateLiteral || a.type === AST_NODE_TYPES.ObjectExpression) return null;
  const fn = functionValueOf(context, a, c.file);
  if (!fn) return null;
  const text = fn.file.sourceCode.getText(fn.node).slice(0, MAX_FUNCTION_TEXT);
  if (/helmet|secureHeaders/.test(text)) return 'library';
  return SECURITY_HEADER_TEXT.test(text) ? 'hand' : null;
}

/** `app.disable('x-powered-by')`, `app.set('x-powered-by', false)`. */
function turnsPoweredByOff(c: AppCall): boolean {
  const [name, value] = c.call.arguments;
  const n = name ? getStaticValue(c.file.sourceCode, name) : undefined;
  if (typeof n !== 'string' || n.toLowerCase() !== 'x-powered-by') return false;
  if (c.method === 'disable') return true;
  return c.method === 'set' && value !== undefined && getStaticValue(c.file.sourceCode, value) === false;
}

function judge(context: Parameters<typeof appSetupOf>[0], setup: AppSetup, creation: TSESTree.Node): { headers: Defence; poweredBy: boolean } {
  let headers: Defence = null;
  let poweredByOff = false;
  for (const c of setup.calls) {
    if (turnsPoweredByOff(c)) poweredByOff = true;
    if (!APPLYING.has(c.method)) continue;
    for (const arg of c.call.arguments) {
      if (arg.type === AST_NODE_TYPES.SpreadElement) continue;
      const d = headerDefence(context, c, arg);
      if (d === 'library') return { headers: 'library', poweredBy: false };
      if (d === 'hand') headers = 'hand';
    }
  }
  // Plugins `@fastify/autoload` loads from a folder: asked of their text.
  if (setup.autoloadDirs.length > 0 && projectTextMentions(context, 'security-headers', (t) => HEADER_TEXT_ANY.test(t), setup.autoloadDirs)) {
    return { headers: 'library', poweredBy: false };
  }
  // `res.removeHeader('X-Powered-By')` in a middleware of a file configuring the app.
  if (!poweredByOff) poweredByOff = [...new Set(setup.calls.map((c) => c.file))].some((f) => /x-powered-by/i.test(f.sourceCode.text));
  let poweredBy = false;
  if (setup.framework === 'express') poweredBy = !poweredByOff;
  else if (setup.framework === 'nest') {
    // Nest on Express sends `X-Powered-By: Express`; the Fastify adapter sends nothing.
    const call = creation as TSESTree.CallExpression;
    poweredBy = !poweredByOff && !call.arguments.some((a) => /Fastify/.test(context.sourceCode.getText(a)));
  }
  return { headers, poweredBy };
}

const HEADER_TEXT_ANY = /helmet|secureHeaders|x-frame-options|content-security-policy|strict-transport-security/i;

export default defineRule({
  id: 'require-security-headers',
  category: 'security',
  description: 'Require an application to send security headers (helmet or equivalent) and, on Express, to turn off X-Powered-By.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'require-security-headers',
    meta: {
      type: 'problem',
      docs: { description: 'Require an application to send security headers (helmet or equivalent) and, on Express, to turn off X-Powered-By.' },
      schema: [],
      messages: {
        missingHeaders:
          'This {{framework}} app sends no security headers: no helmet or equivalent is applied to it, here or where it is configured, and no Content-Security-Policy, X-Frame-Options, Strict-Transport-Security or X-Content-Type-Options is set by hand{{poweredBy}}. Browsers then let other sites frame its pages, sniff content types and fall back to plain HTTP. To fix it, {{hint}}.',
        poweredBy:
          "This {{framework}} app still sends `X-Powered-By: Express`, telling every client which framework (and which known vulnerabilities) to try. Call `app.disable('x-powered-by')` (helmet also removes it).",
      },
    },
    defaultOptions: [],
    create(context) {
      const tracker = getImportTracker(context);
      if (!tracker.usesAny(APP_MODULES)) return {};
      function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
        const setup = appSetupOf(context, node);
        if (!setup || setup.unknown || setup.mounted) return;
        const verdict = judge(context, setup, node);
        if (verdict.headers === 'library' || (verdict.headers === 'hand' && !verdict.poweredBy)) return;
        if (!mountsAtPath(setup) && appRoutesOf(context, setup, () => true).length === 0) return;
        const framework = LABEL[setup.framework];
        if (verdict.headers === 'hand') {
          context.report({ node, messageId: 'poweredBy', data: { framework } });
          return;
        }
        context.report({
          node,
          messageId: 'missingHeaders',
          data: { framework, poweredBy: verdict.poweredBy ? ', and it still sends `X-Powered-By: Express`' : '', hint: HINTS[setup.framework] },
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
