/**
 * no-disabled-tls-verification: TLS certificate checks stay on. Switching them off is the classic
 * "make the self-signed certificate work" shortcut that ships to production and turns every HTTPS
 * or database connection into one an on-path attacker can read and modify.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import { getStaticValue, memberChainName, NOT_STATIC, resolveExpression, unwrap } from '../src/analysis/values.js';

type MessageIds = 'disabledOption' | 'disabledEnv' | 'hostnameCheckOff';

/**
 * Option names whose given value turns verification off wherever they appear: they are TLS-only
 * names (Node's tls/https, `request`, the MongoDB driver), so no receiver check is needed.
 * Node only skips verification for exactly `false` (`0` does not), so the value is compared strictly.
 */
const DISABLING_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['rejectUnauthorized', false],
  ['strictSSL', false],
  ['sslValidate', false],
  ['tlsInsecure', true],
  ['tlsAllowInvalidCertificates', true],
  ['tlsAllowInvalidHostnames', true],
]);

const ENV_NAME = 'NODE_TLS_REJECT_UNAUTHORIZED';

/**
 * `insecure` is too generic a word to flag everywhere; it counts only on the options of an HTTP
 * client or agent the file imports.
 */
const HTTP_CLIENT_MODULES = [
  'http',
  'https',
  'http2',
  'tls',
  'axios',
  'got',
  'node-fetch',
  'undici',
  'superagent',
  'needle',
  'request',
  'request-promise',
  'request-promise-native',
  'ky',
  'phin',
  'bent',
  'https-proxy-agent',
  'http-proxy-agent',
  'proxy-agent',
  'hpagent',
  'ws',
];

/**
 * `checkServerIdentity` that never returns an error accepts a certificate issued for any host:
 * `() => undefined`, `() => {}`, `function () { return null; }`.
 */
function acceptsEveryHost(sourceCode: Parameters<typeof resolveExpression>[0], node: TSESTree.Node): boolean {
  // `const skip = () => undefined; { checkServerIdentity: skip }`: the function a const names.
  const fn = resolveExpression(sourceCode, node);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const body = fn.body;
  const nothing = (e: TSESTree.Node | null | undefined): boolean =>
    !e ||
    (e.type === AST_NODE_TYPES.Identifier && e.name === 'undefined') ||
    (e.type === AST_NODE_TYPES.Literal && e.value === null) ||
    (e.type === AST_NODE_TYPES.UnaryExpression && e.operator === 'void');
  if (body.type !== AST_NODE_TYPES.BlockStatement) return nothing(body);
  const stmts = body.body.filter((s) => s.type !== AST_NODE_TYPES.EmptyStatement);
  if (stmts.length === 0) return true;
  return stmts.length === 1 && stmts[0]!.type === AST_NODE_TYPES.ReturnStatement && nothing(stmts[0]!.argument);
}

function isEnvValueOff(value: unknown): boolean {
  return value === '0' || value === 0;
}

/**
 * A cheap necessary condition for TLS_WORDS: each word contains one of these, case aside. One
 * case-insensitive regex pass over the text measured about twice as fast as the word scans, and
 * only about 1% of files pass it.
 */
const TLS_HINT = /ssl|tls|nsecure|rejectunauthorized|checkserveridentity/i;

/** Every flagged shape spells one of these (case-sensitive substrings). */
const TLS_WORDS = [
  'rejectUnauthorized', 'strictSSL', 'sslValidate', 'tlsInsecure', 'tlsAllowInvalid',
  'NODE_TLS_REJECT_UNAUTHORIZED', 'insecure', 'disableTLSCerts', 'checkServerIdentity',
];

export default defineRule({
  id: 'no-disabled-tls-verification',
  category: 'security',
  description: 'Disallow turning off TLS certificate verification in HTTP clients, agents, TLS sockets and database clients.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-disabled-tls-verification',
    meta: {
      type: 'problem',
      docs: {
        description:
          'Disallow turning off TLS certificate verification in HTTP clients, agents, TLS sockets and database clients.',
      },
      schema: [],
      messages: {
        disabledOption:
          '`{{setting}}` turns off TLS certificate verification, so any certificate (an attacker\'s included) is accepted. Remove it; to trust a private or self-signed CA, pass its certificate with the `ca` option instead.',
        hostnameCheckOff:
          '`{{setting}}` never reports a mismatch, so a certificate issued for any other host is accepted: whoever holds one (any site with a valid certificate) can impersonate this server. Remove it, or return an Error when the host or the pinned certificate does not match.',
        disabledEnv:
          'Setting `NODE_TLS_REJECT_UNAUTHORIZED` to \'0\' turns off TLS certificate verification for every connection this process makes. Remove it; to trust a private CA, use `NODE_EXTRA_CA_CERTS` or the `ca` option.',
      },
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      // Every flagged shape spells one of these names; most files contain none, so skip the walk.
      const text = sourceCode.text;
      if (!TLS_HINT.test(text) || !TLS_WORDS.some((w) => text.includes(w))) {
        return {};
      }
      const tracker = getImportTracker(context);

      /** True when the object literal is (or sits inside) the options of an HTTP client/agent call. */
      function isHttpClientOptions(obj: TSESTree.ObjectExpression): boolean {
        let node: TSESTree.Node = obj;
        // Climb through nested option objects (`{ https: { insecure: true } }`) to the call.
        for (let i = 0; i < 4 && node.parent; i++) {
          const parent: TSESTree.Node = node.parent;
          if (parent.type === AST_NODE_TYPES.Property && parent.value === node) {
            node = parent.parent;
            continue;
          }
          if (
            (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
            parent.arguments.includes(node as TSESTree.CallExpressionArgument)
          ) {
            let callee: TSESTree.Node = parent.callee;
            const ref = tracker.resolve(callee);
            if (ref && HTTP_CLIENT_MODULES.includes(ref.source)) return true;
            // `axios.create(...)` resolved; a method on a created client (`client.get(url, opts)`) is not provable.
            while (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.object;
            const created = tracker.resolve(callee);
            return !!created && HTTP_CLIENT_MODULES.includes(created.source);
          }
          return false;
        }
        return false;
      }

      /**
       * On a TLS *server*, `rejectUnauthorized` governs optional client certificates (`requestCert`):
       * `false` lets the app inspect `socket.authorized` itself. That is mTLS policy, not a client
       * trusting any server.
       */
      function isServerOptions(obj: TSESTree.ObjectExpression): boolean {
        if (obj.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyName(p) === 'requestCert')) return true;
        const parent = obj.parent;
        if (
          (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
          parent.arguments.includes(obj)
        ) {
          const callee = parent.callee;
          const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
          return name === 'createServer' || name === 'createSecureServer' || name === 'Server';
        }
        return false;
      }

      function checkEnvAssignment(node: TSESTree.AssignmentExpression): boolean {
        const left = unwrap(node.left);
        if (left.type !== AST_NODE_TYPES.MemberExpression || propertyName(left) !== ENV_NAME) return false;
        if (memberChainName(left.object) !== 'process.env') return false;
        if (node.operator === '=' && isEnvValueOff(getStaticValue(sourceCode, node.right))) {
          context.report({ node, messageId: 'disabledEnv' });
        }
        return true;
      }

      return {
        Property(node) {
          if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
          const name = propertyName(node);
          if (name === null) return;
          if (name === ENV_NAME) {
            // An `env` object handed to a child process, or `Object.assign(process.env, {...})`.
            if (isEnvValueOff(getStaticValue(sourceCode, node.value))) context.report({ node, messageId: 'disabledEnv' });
            return;
          }
          const disabling = DISABLING_OPTIONS.get(name);
          if (disabling !== undefined) {
            if (name === 'rejectUnauthorized' && isServerOptions(node.parent)) return;
            if (getStaticValue(sourceCode, node.value) === disabling) {
              context.report({ node, messageId: 'disabledOption', data: { setting: `${name}: ${String(disabling)}` } });
            }
            return;
          }
          if (name === 'insecure' && getStaticValue(sourceCode, node.value) === true && isHttpClientOptions(node.parent)) {
            context.report({ node, messageId: 'disabledOption', data: { setting: 'insecure: true' } });
            return;
          }
          if (name === 'checkServerIdentity' && acceptsEveryHost(sourceCode, node.value)) {
            context.report({ node, messageId: 'hostnameCheckOff', data: { setting: 'checkServerIdentity: () => undefined' } });
          }
        },
        CallExpression(node) {
          // superagent: `request.get(url).disableTLSCerts()`.
          if (node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee) === 'disableTLSCerts') {
            context.report({ node, messageId: 'disabledOption', data: { setting: 'disableTLSCerts()' } });
          }
        },
        AssignmentExpression(node) {
          if (checkEnvAssignment(node)) return;
          if (node.operator !== '=') return;
          const left = unwrap(node.left);
          if (left.type !== AST_NODE_TYPES.MemberExpression) return;
          const name = propertyName(left);
          // `options.checkServerIdentity = () => {}` before the options are used.
          if (name === 'checkServerIdentity' && acceptsEveryHost(sourceCode, node.right)) {
            context.report({ node, messageId: 'hostnameCheckOff', data: { setting: 'checkServerIdentity = () => undefined' } });
            return;
          }
          const disabling = name === null ? undefined : DISABLING_OPTIONS.get(name);
          if (disabling === undefined) return;
          const value = getStaticValue(sourceCode, node.right);
          if (value !== NOT_STATIC && value === disabling) {
            context.report({ node, messageId: 'disabledOption', data: { setting: `${name} = ${String(disabling)}` } });
          }
        },
      };
    },
  }),
});
