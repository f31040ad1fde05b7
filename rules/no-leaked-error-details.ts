/**
 * no-leaked-error-details: internal error details stay on the server. Stack traces, caught error
 * objects and the messages of unexpected errors reveal queries, hosts, file paths and libraries.
 *
 * Responses come from the shared response model (every framework, plus NestJS exceptions); the
 * body is searched (object literals, arrays, templates, concatenations, const bindings) for
 * `x.stack`, a caught error, or a caught error's `.message`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { maskedExcerpt } from '../src/analysis/secrets.js';
import { errorContextOf, isCaughtError, responseAt } from '../src/analysis/responses.js';
import { findErrorDetails, isKnownClientError, viewDetailSink, type DetailSearch, type ErrorDetail } from '../src/analysis/error-details.js';
import { getImportTracker } from '../src/analysis/imports.js';
import { unwrap } from '../src/analysis/values.js';
import { describeChain, errorDetailsReturnedBy } from '../src/project/index.js';

/** Words of an environment check: `NODE_ENV`, `app.get('env')`, `isDevelopment`, `isProd`. */
const ENV_WORDS = ['node_env', "get('env')", 'get("env")', 'development', 'production', 'isdev', 'isprod'];

/** The most revealing detail a helper returns is the one reported: a stack, the error, its message. */
const DETAIL_PRIORITY = { stack: 0, object: 1, message: 2 } as const;

type MessageIds = 'stack' | 'errorObject' | 'message' | 'stackVia' | 'errorObjectVia' | 'messageVia' | 'viewDetail' | 'devErrorHandler' | 'fastifyError';

export default defineRule({
  id: 'no-leaked-error-details',
  category: 'error-responses',
  description: 'Responses do not expose internal error details: no stack traces, caught error objects, or messages of unexpected errors.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-leaked-error-details',
    meta: {
      type: 'problem',
      docs: { description: 'Responses do not send stack traces, caught errors or internal error messages.' },
      schema: [],
      messages: {
        stack:
          'The response sends a stack trace (`{{expr}}`): it reveals file paths, dependencies and code structure — log it on the server and answer with a generic message and an error id.',
        errorObject:
          'The response sends the caught error object (`{{expr}}`): its message, stack and driver fields (SQL, hosts, paths) reach the client — log it and answer with a generic message or a known error code.',
        message:
          'The response sends `{{expr}}` of a caught error {{where}}: messages of unexpected errors reveal queries, hosts and paths — log it and answer with a generic message (map known client errors to 4xx messages).',
        stackVia:
          'The response sends a stack trace: `{{expr}}` returns it {{chain}}. Stack traces reveal file paths, dependencies and code structure — log it on the server and answer with a generic message and an error id.',
        errorObjectVia:
          'The response sends the caught error object: `{{expr}}` returns it {{chain}}. Its message, stack and driver fields (SQL, hosts, paths) reach the client — log it and answer with a generic message or a known error code.',
        fastifyError:
          'Fastify answers `reply.send({{expr}})` with the error\'s `statusCode` (or 500) and a body carrying its `message`: messages of unexpected errors reveal queries, hosts and paths — log it and send a generic error (`reply.code(500).send({ error: \'Internal error\' })`) or an error made for the client.',
        viewDetail:
          'The {{sink}} is given {{what}} (`{{expr}}`), which the page then shows: it reveals queries, hosts and paths — log it and show a generic message.',
        devErrorHandler:
          '`errorhandler()` answers every error with its stack trace and is meant for development only; here it is mounted whatever the environment. Mount it under a check such as `if (process.env.NODE_ENV === \'development\')`.',
        messageVia:
          'The response sends the message of a caught error {{where}}: `{{expr}}` returns it {{chain}}. Messages of unexpected errors reveal queries, hosts and paths — log it and answer with a generic message (map known client errors to 4xx messages).',
      },
    },
    defaultOptions: [],
    create(context) {
      const sc = context.sourceCode;
      const seen = new Set<TSESTree.Node>();
      const reported = new Set<TSESTree.Node>();

      const caught = (n: TSESTree.Node): TSESTree.Identifier | null => {
        const u = unwrap(n);
        return u.type === AST_NODE_TYPES.Identifier && isCaughtError(sc, u) ? u : null;
      };

      /** Chains of details found in helpers of other files (`getErrorMessage(err)` returning `err.message`). */
      const chains = new Map<TSESTree.Node, string>();
      const search: DetailSearch = {
        errorOf: caught,
        viaCall: (call, asText) => {
          // Cheapest first: only a call passing a caught error on can return its details.
          if (!call.arguments.some((a) => a.type !== AST_NODE_TYPES.SpreadElement && caught(a))) return null;
          for (const d of errorDetailsReturnedBy(context, call).sort((a, b) => DETAIL_PRIORITY[a.kind] - DETAIL_PRIORITY[b.kind])) {
            const arg = call.arguments[d.index];
            const err = arg && arg.type !== AST_NODE_TYPES.SpreadElement ? caught(arg) : null;
            if (!err) continue;
            chains.set(call, `${describeChain(context, d.hops)}: ${d.what}`);
            return { node: call, kind: asText && d.kind === 'object' ? 'message' : d.kind, error: err };
          }
          return null;
        },
      };

      const check = (node: TSESTree.Node): void => {
        const site = responseAt(context, node);
        if (!site?.body) return;
        // An arrow's expression body is also visited as the call it is.
        if (seen.has(node)) return;
        seen.add(node);
        const leaks: ErrorDetail[] = [];
        findErrorDetails(sc, site.body, search, leaks);
        if (!leaks.length) return;
        const status = site.status;
        const explicit4xx = site.statusExplicit && status !== null && status >= 400 && status < 500;
        const ctx = errorContextOf(site.node);
        for (const leak of leaks) {
          if (reported.has(leak.node)) continue;
          const expr = sc.getText(leak.node);
          const chain = chains.get(leak.node);
          const data = { expr: maskedExcerpt(expr, 40, '...'), where: '', chain: chain ?? '' };
          if (leak.kind === 'stack') {
            reported.add(leak.node);
            context.report({ node: leak.node, messageId: chain ? 'stackVia' : 'stack', data });
            continue;
          }
          const clientError = explicit4xx && leak.error !== null && isKnownClientError(sc, site, leak.error);
          if (clientError) continue;
          if (leak.kind === 'object' && site.framework === 'fastify' && leak.node === unwrap(site.body) && !chain) {
            // Fastify serialises an Error body as `{ statusCode, error, message }`: the message leaks, not the stack.
            reported.add(leak.node);
            context.report({ node: leak.node, messageId: 'fastifyError', data });
            continue;
          }
          if (leak.kind === 'object') {
            reported.add(leak.node);
            context.report({ node: leak.node, messageId: chain ? 'errorObjectVia' : 'errorObject', data });
            continue;
          }
          // message: in a 5xx response, or from a catch block (status known) whose error is not a known client error
          if (status !== null && status >= 500) {
            data.where = `in a ${status} response`;
          } else if (ctx?.kind === 'catch' && ctx.errorName === leak.error?.name && status !== null) {
            data.where = 'from a catch block';
          } else {
            continue;
          }
          reported.add(leak.node);
          context.report({ node: leak.node, messageId: chain ? 'messageVia' : 'message', data });
        }
      };
      const KIND_TEXT = { stack: 'a stack trace', object: 'the caught error object', message: 'the message of a caught error' } as const;
      /** `res.render(view, { error: err })`, `req.flash('error', err)`: shown on a page, not sent as a body. */
      const checkView = (call: TSESTree.CallExpression): void => {
        const sink = viewDetailSink(call);
        if (!sink) return;
        const leaks: ErrorDetail[] = [];
        findErrorDetails(sc, sink.value, { errorOf: caught }, leaks, 0, sink.asText);
        const ctx = errorContextOf(call);
        for (const leak of leaks) {
          if (reported.has(leak.node)) continue;
          // A message counts from the catch block of its own error, as for responses.
          if (leak.kind === 'message' && !(ctx?.kind === 'catch' && ctx.errorName === leak.error?.name)) continue;
          reported.add(leak.node);
          const sinkName = sink.asText ? 'flash message' : 'rendered view';
          context.report({ node: leak.node, messageId: 'viewDetail', data: { sink: sinkName, what: KIND_TEXT[leak.kind], expr: maskedExcerpt(sc.getText(leak.node), 40, '...') } });
        }
      };

      /**
       * `app.use(errorhandler())` outside any condition. Any enclosing `if`/`?:`/`&&` is taken for
       * an environment check (precision first).
       */
      const tracker = /errorhandler/.test(sc.text) ? getImportTracker(context) : null;
      const checkErrorHandler = (call: TSESTree.CallExpression): void => {
        if (!tracker || call.arguments.length > 1) return;
        const ref = tracker.resolve(call.callee);
        if (!ref || ref.source !== 'errorhandler' || ref.path.some((p) => p !== 'default')) return;
        const use = call.parent;
        if (use?.type !== AST_NODE_TYPES.CallExpression || !use.arguments.includes(call)) return;
        if (use.callee.type !== AST_NODE_TYPES.MemberExpression || use.callee.property.type !== AST_NODE_TYPES.Identifier || use.callee.property.name !== 'use') return;
        let scope: TSESTree.Node = sc.ast;
        for (let n: TSESTree.Node | undefined = use.parent; n; n = n.parent) {
          if (n.type === AST_NODE_TYPES.IfStatement || n.type === AST_NODE_TYPES.ConditionalExpression || n.type === AST_NODE_TYPES.SwitchCase) return;
          if (n.type === AST_NODE_TYPES.LogicalExpression) return;
          if (scope === sc.ast && (n.type === AST_NODE_TYPES.FunctionDeclaration || n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression)) scope = n;
        }
        // An early return on the environment above the call (`if (isProduction) return;`) guards it too.
        const before = sc.text.slice(scope.range[0], call.range[0]).toLowerCase();
        if (ENV_WORDS.some((w) => before.includes(w))) return;
        context.report({ node: call, messageId: 'devErrorHandler' });
      };

      return {
        CallExpression(node) {
          check(node);
          checkView(node);
          checkErrorHandler(node);
        },
        NewExpression: check,
        AssignmentExpression: check,
        ReturnStatement: check,
        ThrowStatement: check,
        // The arrow's expression body, without a field selector (those are tested on every node).
        ArrowFunctionExpression(node) {
          check(node.body);
        },
      };
    },
  }),
});
