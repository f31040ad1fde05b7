/**
 * no-permissive-cors: cross-origin access is granted to named front-ends, not to the whole web.
 *
 * Two shapes are reported (catalog clarification): CORS middleware enabled with no options at all
 * (every library here defaults to `*`), and any "every origin" setting — `*`, `true`, a reflected
 * request Origin, an origin callback that accepts everything — combined with credentials, which
 * lets any website act with the user's cookies and read the answers. An explicit `origin: '*'`
 * without credentials is a deliberate public API and stays quiet.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import {
  getObjectLiteral,
  getProperty,
  getStaticString,
  getStaticValue,
  hasUnknownSpread,
  mayBeExtended,
  memberChainName,
  resolveExpression,
  unwrap,
} from '../src/analysis/values.js';

type MessageIds = 'noOptions' | 'noOrigin' | 'anyOriginWithCredentials' | 'manualHeaders';

type OriginKind = 'wildcard' | 'reflect-true' | 'callback' | 'default' | 'reflected';

const ORIGIN_TEXT: Record<OriginKind, string> = {
  wildcard: "every origin (`origin: '*'`)",
  'reflect-true': 'every origin (`origin: true` reflects the caller\'s origin)',
  callback: 'every origin (the origin callback accepts all)',
  default: 'every origin (no `origin` is set, so the `*` default applies)',
  reflected: "every origin (the request's Origin header is reflected)",
};

const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);
const CONDITIONAL_TYPES = new Set<string>([
  AST_NODE_TYPES.IfStatement,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.SwitchCase,
]);

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

function paramName(fn: FunctionNode, index: number): string | null {
  const p = fn.params[index];
  return p && p.type === AST_NODE_TYPES.Identifier ? p.name : null;
}

/** The single meaningful statement/expression of a function body, or null when there is more logic. */
function soleResult(fn: FunctionNode): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const stmts = fn.body.body.filter((s) => s.type !== AST_NODE_TYPES.EmptyStatement);
  if (stmts.length !== 1) return null;
  const s = stmts[0]!;
  if (s.type === AST_NODE_TYPES.ReturnStatement) return s.argument ?? null;
  if (s.type === AST_NODE_TYPES.ExpressionStatement) return s.expression;
  return null;
}

/** True for `(origin, cb) => cb(null, true)`, `cb(null, origin)`, `(o) => o`, `() => '*'`, `() => true`. */
function acceptsEveryOrigin(fn: FunctionNode): boolean {
  const origin = paramName(fn, 0);
  const callback = paramName(fn, 1);
  const result = soleResult(fn);
  if (!result) return false;
  const accepting = (n: TSESTree.Node | undefined): boolean => {
    if (!n) return false;
    const v = unwrap(n);
    if (v.type === AST_NODE_TYPES.Literal) return v.value === true || v.value === '*';
    return v.type === AST_NODE_TYPES.Identifier && origin !== null && v.name === origin;
  };
  if (
    result.type === AST_NODE_TYPES.CallExpression &&
    callback !== null &&
    result.callee.type === AST_NODE_TYPES.Identifier &&
    result.callee.name === callback
  ) {
    const [err, allowed] = result.arguments;
    const noError = !err || (err.type === AST_NODE_TYPES.Literal && err.value === null);
    return noError && accepting(allowed);
  }
  return accepting(result);
}

/** An expression that reads the request's Origin header: `req.headers.origin`, `req.get('origin')`… */
function readsOriginHeader(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    if (propertyName(n)?.toLowerCase() !== 'origin') return false;
    const chain = memberChainName(n.object) ?? '';
    return /(^|\.)(headers?)$/i.test(chain);
  }
  if (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(n.callee);
    const arg = n.arguments[0];
    if (!arg || arg.type !== AST_NODE_TYPES.Literal || typeof arg.value !== 'string') return false;
    return (method === 'get' || method === 'header' || method === 'getHeader') && arg.value.toLowerCase() === 'origin';
  }
  return false;
}

interface HeaderState {
  origins: { node: TSESTree.Node; kind: OriginKind }[];
  credentials: boolean;
}

export default defineRule({
  id: 'no-permissive-cors',
  category: 'security',
  description: 'Disallow CORS that admits every origin by default, or every origin together with credentials.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-permissive-cors',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow CORS that admits every origin by default, or every origin together with credentials.' },
      schema: [],
      messages: {
        noOptions:
          '`{{call}}` without options allows every origin (the default is `Access-Control-Allow-Origin: *`). Pass an `origin` allow-list naming the front-ends that may call this API.',
        noOrigin:
          '`{{call}}` options set no `origin`, so every origin is allowed (the default is `Access-Control-Allow-Origin: *`). Pass an `origin` allow-list naming the front-ends that may call this API.',
        anyOriginWithCredentials:
          'CORS accepts {{origin}} together with `credentials: true`, so any website can send requests with your users\' cookies and read the responses. Restrict `origin` to an explicit allow-list.',
        manualHeaders:
          '`Access-Control-Allow-Origin` is set to {{origin}} together with `Access-Control-Allow-Credentials: true`, so any website can send requests with your users\' cookies and read the responses. Answer only origins from an allow-list.',
      },
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      if (!/cors|access-control-allow/i.test(sourceCode.text)) return {};
      const tracker = getImportTracker(context);
      // Module resolution per call is the expensive part; only files importing a CORS library need it.
      const importsCors = tracker.usesAny(['cors', '@koa/cors', 'kcors', 'hono/cors', '@nestjs/core', '@fastify/cors', 'fastify-cors']);
      const headerStates = new Map<TSESTree.Node, HeaderState>();

      function originKindOf(value: TSESTree.Node | null): OriginKind | null {
        if (!value) return 'default';
        const v = getStaticValue(sourceCode, value);
        if (v === '*') return 'wildcard';
        if (v === true) return 'reflect-true';
        const resolved = resolveExpression(sourceCode, value);
        if (isFunction(resolved) && acceptsEveryOrigin(resolved)) return 'callback';
        if (readsOriginHeader(resolved)) return 'reflected';
        return null;
      }

      /**
       * Check a CORS options object; `fallback` is the node to blame when `origin` is absent. With a
       * `label`, an options object that sets no `origin` is reported like no options at all: `{}` or
       * `{ methods }` leaves the library's `*` default in place just as `cors()` does.
       */
      function checkOptions(options: TSESTree.Node, fallback: TSESTree.Node, label?: string): void {
        const obj = getObjectLiteral(sourceCode, options);
        if (!obj) return;
        const origin = getProperty(sourceCode, obj, 'origin');
        const credentials = getProperty(sourceCode, obj, 'credentials');
        if (!credentials || getStaticValue(sourceCode, credentials) !== true) {
          if (label && !origin && !hasUnknownSpread(sourceCode, obj) && !mayBeExtended(sourceCode, options)) {
            context.report({ node: fallback, messageId: 'noOrigin', data: { call: label } });
          }
          return;
        }
        if (!origin && hasUnknownSpread(sourceCode, obj)) return;
        const kind = originKindOf(origin);
        if (!kind) return;
        const at = origin ? (origin.parent as TSESTree.Node) : credentials.parent ?? fallback;
        context.report({ node: at, messageId: 'anyOriginWithCredentials', data: { origin: ORIGIN_TEXT[kind] } });
      }

      /** `cors((req, cb) => cb(null, { origin: true, credentials: true }))`: the delegate's options. */
      function checkDelegate(fnNode: TSESTree.Node, call: TSESTree.Node): void {
        const fn = resolveExpression(sourceCode, fnNode);
        if (!isFunction(fn)) return;
        const cb = paramName(fn, 1);
        const result = soleResult(fn);
        if (
          cb &&
          result?.type === AST_NODE_TYPES.CallExpression &&
          result.callee.type === AST_NODE_TYPES.Identifier &&
          result.callee.name === cb &&
          result.arguments[1]
        ) {
          checkOptions(result.arguments[1], call);
        }
      }

      function checkMiddlewareCall(call: TSESTree.CallExpression, label: string, options: TSESTree.Node | undefined, delegates: boolean): void {
        if (!options) {
          context.report({ node: call, messageId: 'noOptions', data: { call: label } });
          return;
        }
        if (delegates && isFunction(resolveExpression(sourceCode, options))) {
          checkDelegate(options, call);
          return;
        }
        checkOptions(options, call, label);
      }

      function isCorsPlugin(node: TSESTree.Node | undefined): boolean {
        if (!node) return false;
        const ref = tracker.resolve(node);
        if (!ref || (ref.source !== '@fastify/cors' && ref.source !== 'fastify-cors')) return false;
        return ref.path.length === 0 || (ref.path.length === 1 && (ref.path[0] === 'default' || ref.path[0] === 'fastifyCors'));
      }

      function enclosingFunction(node: TSESTree.Node): TSESTree.Node {
        for (let n = node.parent; n; n = n.parent) if (isFunction(n)) return n;
        return sourceCode.ast;
      }

      /**
       * A reflected Origin set under a real condition (an allow-list check) is restricted; a check
       * that the header is merely present (`if (origin)`) is not.
       */
      function isConditional(node: TSESTree.Node, stopAt: TSESTree.Node): boolean {
        for (let n = node.parent; n && n !== stopAt; n = n.parent) {
          if (!CONDITIONAL_TYPES.has(n.type)) continue;
          const test =
            n.type === AST_NODE_TYPES.IfStatement || n.type === AST_NODE_TYPES.ConditionalExpression
              ? n.test
              : n.type === AST_NODE_TYPES.LogicalExpression
                ? n.left
                : n.type === AST_NODE_TYPES.SwitchCase
                  ? n.test
                  : null;
          if (test && isPresenceCheck(test)) continue;
          return true;
        }
        return false;
      }

      /** `origin`, `req.headers.origin`, `!origin`: the header is there or not — every origin passes. */
      function isPresenceCheck(test: TSESTree.Node): boolean {
        let t = unwrap(test);
        if (t.type === AST_NODE_TYPES.UnaryExpression && t.operator === '!') t = unwrap(t.argument);
        if (readsOriginHeader(t)) return true;
        if (t.type !== AST_NODE_TYPES.Identifier) return false;
        return /origin/i.test(t.name) || readsOriginHeader(resolveExpression(sourceCode, t));
      }

      /** Does a condition look at the origin (`allowed.includes(origin)`, `origin === APP_URL`)? */
      function mentionsOrigin(node: TSESTree.Node | null | undefined, depth = 0): boolean {
        if (!node || depth > 5) return false;
        const n = unwrap(node);
        switch (n.type) {
          case AST_NODE_TYPES.Identifier:
            return /origin/i.test(n.name);
          case AST_NODE_TYPES.MemberExpression:
            return readsOriginHeader(n) || mentionsOrigin(n.object, depth + 1);
          case AST_NODE_TYPES.CallExpression:
            return n.arguments.some((a) => mentionsOrigin(a, depth + 1)) || mentionsOrigin(n.callee, depth + 1);
          case AST_NODE_TYPES.BinaryExpression:
          case AST_NODE_TYPES.LogicalExpression:
            return mentionsOrigin(n.left, depth + 1) || mentionsOrigin(n.right, depth + 1);
          case AST_NODE_TYPES.UnaryExpression:
            return mentionsOrigin(n.argument, depth + 1);
          default:
            return false;
        }
      }

      /** Functions that check the origin somewhere (an early-return allow-list guard restricts what follows). */
      const checkedFunctions = new Set<TSESTree.Node>();
      function noteCondition(node: TSESTree.Node, test: TSESTree.Node | null | undefined): void {
        if (test && !isPresenceCheck(test) && mentionsOrigin(test)) checkedFunctions.add(enclosingFunction(node));
      }

      function recordHeader(name: string, value: TSESTree.Node, at: TSESTree.Node): void {
        const lower = name.toLowerCase();
        if (lower !== ALLOW_ORIGIN && lower !== ALLOW_CREDENTIALS) return;
        const fn = enclosingFunction(at);
        let state = headerStates.get(fn);
        if (!state) {
          state = { origins: [], credentials: false };
          headerStates.set(fn, state);
        }
        if (lower === ALLOW_CREDENTIALS) {
          if (String(getStaticValue(sourceCode, value)).toLowerCase() === 'true') state.credentials = true;
          return;
        }
        if (getStaticString(sourceCode, value) === '*') {
          state.origins.push({ node: at, kind: 'wildcard' });
          return;
        }
        // `req.headers.origin || '*'`: the reflected origin, with a wildcard fallback.
        let resolved = resolveExpression(sourceCode, value);
        if (resolved.type === AST_NODE_TYPES.LogicalExpression && resolved.operator !== '&&') {
          resolved = resolveExpression(sourceCode, resolved.left);
        }
        if (readsOriginHeader(resolved) && !isConditional(at, fn)) state.origins.push({ node: at, kind: 'reflected' });
      }

      return {
        CallExpression(call) {
          const callee = call.callee;
          const ref = importsCors ? tracker.resolve(callee) : null;
          if (ref) {
            const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
            if ((ref.source === 'cors' || ref.source === '@koa/cors' || ref.source === 'kcors') && path.length === 0) {
              checkMiddlewareCall(call, 'cors()', call.arguments[0], ref.source === 'cors');
              return;
            }
            if (ref.source === 'hono/cors' && path.length === 1 && path[0] === 'cors') {
              checkMiddlewareCall(call, 'cors()', call.arguments[0], false);
              return;
            }
            if (ref.source === '@nestjs/core' && path.join('.') === 'NestFactory.create') {
              const opts = getObjectLiteral(sourceCode, call.arguments[1]);
              const corsOpt = opts ? getProperty(sourceCode, opts, 'cors') : null;
              if (!corsOpt) return;
              if (getStaticValue(sourceCode, corsOpt) === true) {
                context.report({ node: corsOpt.parent as TSESTree.Node, messageId: 'noOptions', data: { call: 'cors: true' } });
              } else {
                checkOptions(corsOpt, corsOpt.parent as TSESTree.Node, 'cors');
              }
              return;
            }
          }
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
          const method = propertyName(callee);
          if (method === 'enableCors') {
            checkMiddlewareCall(call, 'enableCors()', call.arguments[0], false);
            return;
          }
          if (method === 'register' && isCorsPlugin(call.arguments[0])) {
            checkMiddlewareCall(call, 'register(cors)', call.arguments[1], false);
            return;
          }
          if (method && HEADER_SETTERS.has(method) && call.arguments.length >= 2) {
            const name = getStaticString(sourceCode, call.arguments[0]);
            if (name) recordHeader(name, call.arguments[1]!, call);
          }
        },
        Property(node) {
          // Header maps: `res.set({...})`, `res.writeHead(200, {...})`, `new Response(body, { headers: {...} })`.
          if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
          const name = propertyName(node);
          if (name && name.length >= ALLOW_ORIGIN.length) {
            recordHeader(name, node.value, node);
          } else if (name === 'key') {
            // next.config.js `headers()`: `{ key: 'Access-Control-Allow-Origin', value: '*' }`.
            const header = getStaticString(sourceCode, node.value);
            const value = header && header.length >= ALLOW_ORIGIN.length ? getProperty(sourceCode, node.parent, 'value') : null;
            if (header && value) recordHeader(header, value, node.parent);
          }
        },
        IfStatement(node) {
          noteCondition(node, node.test);
        },
        ConditionalExpression(node) {
          noteCondition(node, node.test);
        },
        SwitchStatement(node) {
          noteCondition(node, node.discriminant);
        },
        'Program:exit'() {
          for (const [fn, state] of headerStates) {
            if (!state.credentials) continue;
            for (const o of state.origins) {
              if (o.kind === 'reflected' && checkedFunctions.has(fn)) continue;
              context.report({ node: o.node, messageId: 'manualHeaders', data: { origin: o.kind === 'wildcard' ? '`*`' : 'the request\'s own Origin header' } });
            }
          }
        },
      };
    },
  }),
});
