/**
 * no-unsafe-jwt-verification: a JWT is only as trustworthy as its verification. Accepting `none`,
 * letting the token choose its own algorithm, ignoring expiry, or trusting `jwt.decode()` (which
 * checks nothing) lets an attacker mint tokens the server accepts.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { getImportTracker } from '../src/analysis/imports.js';
import { getObjectLiteral, getProperty, getStaticString, getStaticValue, hasUnknownSpread, NOT_STATIC } from '../src/analysis/values.js';
import { expressionNames } from '../src/analysis/taint.js';
import { requestReadAsWritten, requestReadOf } from '../src/analysis/taint/flow.js';
import { calleeOutsideProject, describeChain, paramSinksAt } from '../src/project/index.js';
import {
  mayVerifyJwt,
  algorithmsIncludeNone as includesNone,
  isAsymmetricKey,
  JWT_MODULES,
  jwsVerifyWithoutAlgorithm,
  jwtCallKind,
  simpleDecodeSkipsVerify,
  usedForAuth,
  verifyOptionProblems,
} from '../src/analysis/jwt.js';

type MessageIds = 'decodeNoVerify' | 'jwsAlgorithm' | 'decodeWithoutVerifyVia' | 'algorithmsNoneVia' | 'ignoreExpirationVia' | 'missingAlgorithmsVia' | 'algorithmsNone' | 'missingAlgorithms' | 'signNone' | 'ignoreExpiration' | 'decodeWithoutVerify' | 'expressJwtAlgorithms' | 'unsecuredJwt';

const id = 'no-unsafe-jwt-verification';
/** Names of values that carry a token: the only arguments a cross-file JWT question is asked about. */
const TOKEN_NAME = /(?:token|jwt|bearer|authori[sz]ation)$/i;

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
      decodeNoVerify:
        '`{{callee}}(…, true)` skips the signature check (jwt-simple\'s `noVerify`), and this file never verifies the token, so its claims are attacker-controlled. Drop the `true` and pass the algorithm: `decode(token, key, false, \'HS256\')`.',
      jwsAlgorithm:
        "{{callee}}() without an algorithm lets the token's own header pick it. Pass the algorithm you sign with: `jws.verify(signature, 'HS256', secret)` (`algorithm` in `createVerify` options).",
      expressJwtAlgorithms: "express-jwt without algorithms: pin the algorithm, e.g. { algorithms: ['HS256'] }.",
      decodeWithoutVerifyVia:
        'The token reaches {{chain}}: {{what}}() only parses it and checks no signature, and neither this file nor the helper verifies it, so its claims are attacker-controlled. Verify it with jwt.verify() before trusting them.',
      algorithmsNoneVia: "The options passed here reach {{chain}}: {{what}}() with algorithms including 'none': a token with no signature at all will be accepted. List only the algorithm you sign with.",
      ignoreExpirationVia: 'The options passed here reach {{chain}}: {{what}}() with ignoreExpiration: true, which accepts expired tokens forever. Remove it and let verification enforce exp.',
      missingAlgorithmsVia:
        "The options passed here reach {{chain}}: {{what}}() without an algorithms list, so the token's own header picks the algorithm. Pin it, e.g. { algorithms: ['HS256'] }.",
      unsecuredJwt: 'UnsecuredJWT creates a token with alg "none" that carries no signature. Use SignJWT with a real algorithm.',
    },
  },
  defaultOptions: [],
  create(context) {
    const tracker = getImportTracker(context);
    const sourceCode = context.sourceCode;
    let fileMayVerify: boolean | undefined;
    /**
     * A token or verify options passed to a function of another file that decodes the token
     * without verifying, or hands the options to `jwt.verify()` (`verifyToken(token, { ignoreExpiration: true })`):
     * reported at the call, where the problem is decided.
     */
    const crossFile = (node: TSESTree.CallExpression): void => {
      // Cheapest first: a token passed by name or as a request read written out; options written
      // here or a result deciding access in a file that never verifies; request data by the shared
      // request taint only where access is decided (it analyses the file's scopes, so it is asked
      // last and rarely); then a parameter of the callee reaching a JWT sink (a cross-file question).
      const args = node.arguments;
      if (args.length === 0 || calleeOutsideProject(node)) return;
      const optionsHere = args.some((a) => a.type === AST_NODE_TYPES.ObjectExpression);
      const decidesAccess = () => !(fileMayVerify ??= mayVerifyJwt(sourceCode.text)) && usedForAuth(node, false);
      const values = args.filter((a) => a.type !== AST_NODE_TYPES.SpreadElement);
      if (values.some((a) => expressionNames(a).some((n) => TOKEN_NAME.test(n)) || requestReadAsWritten(a) !== null)) {
        if (!optionsHere && !decidesAccess()) return;
      } else if (!decidesAccess() || !values.some((a) => requestReadOf(context, a) !== null)) return;
      const sinks = paramSinksAt(context, node);
      for (const sink of sinks) {
        if (sink.judgedWhereWritten) continue;
        const arg = args[sink.index];
        if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
        const chain = describeChain(context, sink.hops);
        if (sink.kind === 'jwt-decode') {
          if (getStaticValue(sourceCode, arg) !== NOT_STATIC || !usedForAuth(node, false) || (fileMayVerify ??= mayVerifyJwt(sourceCode.text))) continue;
          context.report({ node, messageId: 'decodeWithoutVerifyVia', data: { chain, what: sink.what } });
          return;
        }
        if (sink.kind === 'jwt-verify-options') {
          const obj = getObjectLiteral(sourceCode, arg);
          if (!obj) continue;
          const problems = verifyOptionProblems(sourceCode, obj, () => sink.asymmetricKey ?? true);
          for (const p of problems) context.report({ node, messageId: `${p.problem}Via`, data: { chain, what: sink.what } });
          if (problems.length > 0) return;
        }
      }
    };
    if (!tracker.usesAny(JWT_MODULES)) return { CallExpression: crossFile };
    let verifies = false;
    const decodes: TSESTree.CallExpression[] = [];
    const unverifiedDecodes: TSESTree.CallExpression[] = [];

    const algorithmsIncludeNone = (node: TSESTree.Node): boolean => includesNone(sourceCode, node);

    function checkVerify(node: TSESTree.CallExpression): void {
      verifies = true;
      const [, key, optionsArg] = node.arguments;
      const opts =
        optionsArg && optionsArg.type !== AST_NODE_TYPES.ArrowFunctionExpression && optionsArg.type !== AST_NODE_TYPES.FunctionExpression
          ? optionsArg
          : undefined;
      const obj = opts ? getObjectLiteral(sourceCode, opts) : null;
      if (opts && !obj) return; // options we cannot see
      const asymmetric = (): boolean => !key || key.type === AST_NODE_TYPES.SpreadElement || isAsymmetricKey(sourceCode, key);
      for (const p of verifyOptionProblems(sourceCode, obj, asymmetric)) context.report({ node: p.node ?? node, messageId: p.problem });
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
        const kind = jwtCallKind(tracker, node);
        if (!kind) crossFile(node);
        if (kind === 'verify') return checkVerify(node);
        if (kind === 'sign') return checkSign(node);
        if (kind === 'decode') {
          decodes.push(node);
          return;
        }
        if (kind === 'simple-decode') {
          // jwt-simple verifies inside `decode` unless told not to.
          if (simpleDecodeSkipsVerify(sourceCode, node)) unverifiedDecodes.push(node);
          else verifies = true;
          return;
        }
        if (kind === 'jws-verify') {
          verifies = true;
          const at = jwsVerifyWithoutAlgorithm(sourceCode, node);
          if (at) context.report({ node: at, messageId: 'jwsAlgorithm', data: { callee: sourceCode.getText(node.callee) } });
          return;
        }
        if (kind === 'jose-verify') {
          verifies = true;
          const obj = getObjectLiteral(sourceCode, node.arguments[2]);
          const algorithms = obj && getProperty(sourceCode, obj, 'algorithms');
          if (algorithms && algorithmsIncludeNone(algorithms)) context.report({ node: algorithms, messageId: 'algorithmsNone' });
          return;
        }
        // express-jwt: `expressjwt({...})` (v7+) or the default export `jwt({...})` (v6).
        if (kind === 'express-jwt') {
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
        for (const node of unverifiedDecodes) {
          if (!usedForAuth(node)) continue;
          context.report({ node, messageId: 'decodeNoVerify', data: { callee: sourceCode.getText(node.callee) } });
        }
      },
    };
  },
});

export default defineRule({
  id,
  category: 'security',
  description: 'Require JWT verification with pinned algorithms, expiry checks, and never trust jwt.decode() alone.',
  recommended: 'error',
  strict: 'error',
  eslint,
});
