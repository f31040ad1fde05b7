/**
 * no-unsafe-jwt-verification: a JWT is only as trustworthy as its verification. Accepting `none`,
 * letting the token choose its own algorithm, ignoring expiry, or trusting `jwt.decode()` (which
 * checks nothing) lets an attacker mint tokens the server accepts.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { createEslintRule, defineRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import {
  getObjectLiteral,
  getProperty,
  getStaticString,
  getStaticValue,
  hasUnknownSpread,
  resolveExpression,
  splitWords,
  unwrap,
} from '../src/analysis/values.js';

type MessageIds = 'algorithmsNone' | 'missingAlgorithms' | 'signNone' | 'ignoreExpiration' | 'decodeWithoutVerify' | 'expressJwtAlgorithms' | 'unsecuredJwt';

const id = 'no-unsafe-jwt-verification';

const ASYMMETRIC_NAME_WORDS = new Set(['public', 'pub', 'cert', 'certificate', 'jwks', 'jwk', 'pem', 'rsa', 'ecdsa', 'x509', 'spki']);

/**
 * Property names of the member callees matched below, and `default` for a module called through
 * its ESM interop default (`expressJwt.default({...})`).
 */
const JWT_CALL_PROPERTIES = new Set(['verify', 'sign', 'decode', 'decodeJwt', 'jwtVerify', 'compactVerify', 'jwtDecrypt', 'expressjwt', 'default']);

const eslint = createEslintRule<[], MessageIds>({
  name: id,
  meta: {
    type: 'problem',
    docs: { description: 'Require JWT verification with pinned algorithms, expiry checks, and never trust jwt.decode() alone.' },
    schema: [],
    messages: {
      algorithmsNone: "algorithms includes 'none': a token with no signature at all will be accepted. Remove 'none' and list only the algorithm you sign with.",
      missingAlgorithms:
        "jwt.verify() without an algorithms list lets the token's own header pick the algorithm. Pin it, e.g. { algorithms: ['HS256'] }.",
      signNone: "Signing with algorithm 'none' produces an unsigned token anyone can forge. Use HS256/RS256/ES256.",
      ignoreExpiration: 'ignoreExpiration: true accepts expired tokens forever. Remove it and let verification enforce exp.',
      decodeWithoutVerify:
        '{{callee}}() only parses the token; it checks no signature. This file never verifies the token, so its claims are attacker-controlled. Use jwt.verify() before trusting them.',
      expressJwtAlgorithms: "express-jwt without algorithms: pin the algorithm, e.g. { algorithms: ['HS256'] }.",
      unsecuredJwt: 'UnsecuredJWT creates a token with alg "none" that carries no signature. Use SignJWT with a real algorithm.',
    },
  },
  defaultOptions: [],
  create(context) {
    const tracker = getImportTracker(context);
    if (!tracker.usesAny(['jsonwebtoken', 'jose', 'express-jwt', 'passport-jwt'])) return {};
    const sourceCode = context.sourceCode;
    let verifies = false;
    const decodes: TSESTree.CallExpression[] = [];

    /** Keys we can tell are asymmetric: PEM public keys/certs, key-getter callbacks, names saying public/jwks/cert. */
    function isAsymmetricKey(key: TSESTree.Node): boolean {
      const n = resolveExpression(sourceCode, key);
      if (n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionExpression) return true;
      const str = getStaticString(sourceCode, n);
      if (str !== null) return /-----BEGIN (?:[A-Z]+ )*(?:PUBLIC KEY|CERTIFICATE)-----/.test(str);
      const names: string[] = [];
      const raw = unwrap(key);
      for (const node of [raw, n]) {
        if (node.type === AST_NODE_TYPES.Identifier) names.push(node.name);
        else if (node.type === AST_NODE_TYPES.MemberExpression) {
          const p = propertyName(node);
          if (p) names.push(p);
        } else if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.AwaitExpression) {
          names.push(sourceCode.getText(node));
        }
      }
      if (n.type === AST_NODE_TYPES.Identifier) {
        // A function declaration used as a key getter.
        const v = sourceCode.getScope(n).set.get(n.name);
        if (v?.defs[0]?.type === 'FunctionName') return true;
      }
      return names.some((name) => splitWords(name).some((w) => ASYMMETRIC_NAME_WORDS.has(w)) || /createPublicKey|getSigningKey|publicKey/i.test(name));
    }

    function algorithmsIncludeNone(node: TSESTree.Node): boolean {
      const arr = resolveExpression(sourceCode, node);
      if (arr.type !== AST_NODE_TYPES.ArrayExpression) return false;
      return arr.elements.some((e) => e && e.type !== AST_NODE_TYPES.SpreadElement && String(getStaticString(sourceCode, e)).toLowerCase() === 'none');
    }

    function checkVerify(node: TSESTree.CallExpression): void {
      verifies = true;
      const [, key, optionsArg] = node.arguments;
      const opts =
        optionsArg && optionsArg.type !== AST_NODE_TYPES.ArrowFunctionExpression && optionsArg.type !== AST_NODE_TYPES.FunctionExpression
          ? optionsArg
          : undefined;
      const obj = opts ? getObjectLiteral(sourceCode, opts) : null;
      if (opts && !obj) return; // options we cannot see
      const algorithms = obj ? getProperty(sourceCode, obj, 'algorithms') : null;
      if (algorithms && algorithmsIncludeNone(algorithms)) context.report({ node: algorithms, messageId: 'algorithmsNone' });
      const ignore = obj ? getProperty(sourceCode, obj, 'ignoreExpiration') : null;
      if (ignore && getStaticValue(sourceCode, ignore) === true) context.report({ node: ignore.parent!, messageId: 'ignoreExpiration' });
      if (!algorithms && !(obj && hasUnknownSpread(sourceCode, obj)) && key && key.type !== AST_NODE_TYPES.SpreadElement && !isAsymmetricKey(key)) {
        context.report({ node, messageId: 'missingAlgorithms' });
      }
    }

    function checkSign(node: TSESTree.CallExpression): void {
      const optionsArg = node.arguments[2];
      const obj = optionsArg ? getObjectLiteral(sourceCode, optionsArg) : null;
      if (!obj) return;
      const alg = getProperty(sourceCode, obj, 'algorithm');
      if (alg && getStaticString(sourceCode, alg)?.toLowerCase() === 'none') {
        context.report({ node: alg.parent!, messageId: 'signNone' });
        return;
      }
      const header = getObjectLiteral(sourceCode, getProperty(sourceCode, obj, 'header'));
      const headerAlg = header && getProperty(sourceCode, header, 'alg');
      if (headerAlg && getStaticString(sourceCode, headerAlg)?.toLowerCase() === 'none') {
        context.report({ node: headerAlg.parent!, messageId: 'signNone' });
      }
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        // A member callee resolves to a path ending in its own property name, so only these can match.
        if (callee.type === AST_NODE_TYPES.MemberExpression && !JWT_CALL_PROPERTIES.has(propertyName(callee) ?? '')) return;
        if (tracker.matches(callee, 'jsonwebtoken', ['verify'])) return checkVerify(node);
        if (tracker.matches(callee, 'jsonwebtoken', ['sign'])) return checkSign(node);
        if (tracker.matches(callee, 'jsonwebtoken', ['decode']) || tracker.matches(callee, 'jose', ['decodeJwt'])) {
          decodes.push(node);
          return;
        }
        if (tracker.matches(callee, 'jose', ['jwtVerify']) || tracker.matches(callee, 'jose', ['compactVerify']) || tracker.matches(callee, 'jose', ['jwtDecrypt'])) {
          verifies = true;
          const obj = getObjectLiteral(sourceCode, node.arguments[2]);
          const algorithms = obj && getProperty(sourceCode, obj, 'algorithms');
          if (algorithms && algorithmsIncludeNone(algorithms)) context.report({ node: algorithms, messageId: 'algorithmsNone' });
          return;
        }
        // express-jwt: `expressjwt({...})` (v7+) or the default export `jwt({...})` (v6).
        if (tracker.matches(callee, 'express-jwt', ['expressjwt']) || tracker.matches(callee, 'express-jwt', [])) {
          verifies = true;
          const obj = getObjectLiteral(sourceCode, node.arguments[0]);
          if (!obj || hasUnknownSpread(sourceCode, obj)) return;
          const algorithms = getProperty(sourceCode, obj, 'algorithms');
          if (!algorithms) context.report({ node, messageId: 'expressJwtAlgorithms' });
          else if (algorithmsIncludeNone(algorithms)) context.report({ node: algorithms, messageId: 'algorithmsNone' });
        }
      },
      NewExpression(node) {
        if (tracker.matches(node.callee, 'jose', ['UnsecuredJWT'])) context.report({ node, messageId: 'unsecuredJwt' });
        // passport-jwt verifies with jsonwebtoken and forwards these options to it.
        if (tracker.matches(node.callee, 'passport-jwt', ['Strategy'])) {
          verifies = true;
          const obj = getObjectLiteral(sourceCode, node.arguments[0]);
          if (!obj) return;
          const ignore = getProperty(sourceCode, obj, 'ignoreExpiration');
          if (ignore && getStaticValue(sourceCode, ignore) === true) context.report({ node: ignore.parent!, messageId: 'ignoreExpiration' });
          const algorithms = getProperty(sourceCode, obj, 'algorithms');
          if (algorithms && algorithmsIncludeNone(algorithms)) context.report({ node: algorithms, messageId: 'algorithmsNone' });
        }
      },
      'Program:exit'() {
        // decode() is legitimate to peek at a header (`kid`) or at a token the code verifies
        // elsewhere in the file; it is a finding only when nothing in the file verifies.
        if (verifies) return;
        for (const node of decodes) {
          if (!usedForAuth(node)) continue;
          context.report({ node, messageId: 'decodeWithoutVerify', data: { callee: sourceCode.getText(node.callee) } });
        }
      },
    };
  },
});

const AUTH_FUNCTION = /auth|verify|guard|protect|current.?user|require.?user|session|middleware|permission|authori[sz]e|is.?admin/i;

/** A decode whose result decides access: in a handler/middleware, an auth-named function, or stored on the request. */
function usedForAuth(node: TSESTree.CallExpression): boolean {
  for (let p: TSESTree.Node | undefined = node.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.AssignmentExpression && p.left.type === AST_NODE_TYPES.MemberExpression) {
      const target = sourceTextRoot(p.left);
      if (target === 'req' || target === 'request' || target === 'ctx' || target === 'res') return true;
    }
    if (
      p.type === AST_NODE_TYPES.FunctionDeclaration ||
      p.type === AST_NODE_TYPES.FunctionExpression ||
      p.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      const params = p.params.map((x) => (x.type === AST_NODE_TYPES.Identifier ? x.name : ''));
      if (params.some((n) => ['req', 'request', 'ctx', 'next'].includes(n))) return true;
      const name = fnName(p);
      if (name && AUTH_FUNCTION.test(name)) return true;
    }
  }
  return false;
}

function sourceTextRoot(node: TSESTree.Node): string | null {
  let n: TSESTree.Node = node;
  while (n.type === AST_NODE_TYPES.MemberExpression) n = n.object;
  return n.type === AST_NODE_TYPES.Identifier ? n.name : null;
}

function fnName(fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): string | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const p = fn.parent;
  if (p?.type === AST_NODE_TYPES.VariableDeclarator && p.id.type === AST_NODE_TYPES.Identifier) return p.id.name;
  if ((p?.type === AST_NODE_TYPES.Property || p?.type === AST_NODE_TYPES.MethodDefinition) && p.key.type === AST_NODE_TYPES.Identifier) return p.key.name;
  return null;
}

export default defineRule({
  id,
  category: 'security',
  description: 'Require JWT verification with pinned algorithms, expiry checks, and never trust jwt.decode() alone.',
  recommended: 'error',
  strict: 'error',
  eslint,
});
