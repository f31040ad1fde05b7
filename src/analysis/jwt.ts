/**
 * JWT recognition, shared by no-unsafe-jwt-verification and the project model's parameter
 * summaries (a `decodeToken(token)` helper is judged where middleware calls it; a
 * `verifyToken(token, options)` helper where the options are written).
 *
 * `jwtCallKind(tracker, call)` names the library call; `verifyOptionProblems` judges the options
 * of a `jwt.verify`; `usedForAuth(call)` tells a decode whose result decides access.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName, type ImportTracker } from './imports.js';
import { getProperty, getStaticString, getStaticValue, hasUnknownSpread, resolveExpression, splitWords, unwrap } from './values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export const JWT_MODULES = ['jsonwebtoken', 'jose', 'express-jwt', 'passport-jwt', 'jwt-simple', 'jws'];

const ASYMMETRIC_NAME_WORDS = new Set(['public', 'pub', 'cert', 'certificate', 'jwks', 'jwk', 'pem', 'rsa', 'ecdsa', 'x509', 'spki']);

/**
 * Property names of the member callees matched below, and `default` for a module called through
 * its ESM interop default (`expressJwt.default({...})`).
 */
const JWT_CALL_PROPERTIES = new Set(['verify', 'sign', 'decode', 'decodeJwt', 'jwtVerify', 'compactVerify', 'jwtDecrypt', 'expressjwt', 'default', 'createVerify']);

/**
 * `simple-decode`: jwt-simple's `decode(token, key, noVerify?, alg?)`, which verifies unless
 * `noVerify` is true. `jws-verify`: `jws.verify(sig, alg, key)` / `jws.createVerify({…})`.
 */
export type JwtCallKind = 'verify' | 'sign' | 'decode' | 'jose-verify' | 'express-jwt' | 'simple-decode' | 'jws-verify';

/** Which JWT library call this is, or null. */
export function jwtCallKind(tracker: ImportTracker, node: TSESTree.CallExpression): JwtCallKind | null {
  const callee = node.callee;
  // A member callee resolves to a path ending in its own property name, so only these can match.
  if (callee.type === AST_NODE_TYPES.MemberExpression && !JWT_CALL_PROPERTIES.has(propertyName(callee) ?? '')) return null;
  if (tracker.matches(callee, 'jsonwebtoken', ['verify'])) return 'verify';
  if (tracker.matches(callee, 'jsonwebtoken', ['sign'])) return 'sign';
  if (tracker.matches(callee, 'jsonwebtoken', ['decode']) || tracker.matches(callee, 'jose', ['decodeJwt']) || tracker.matches(callee, 'jws', ['decode'])) return 'decode';
  if (tracker.matches(callee, 'jwt-simple', ['decode'])) return 'simple-decode';
  if (tracker.matches(callee, 'jws', ['verify']) || tracker.matches(callee, 'jws', ['createVerify'])) return 'jws-verify';
  if (tracker.matches(callee, 'jose', ['jwtVerify']) || tracker.matches(callee, 'jose', ['compactVerify']) || tracker.matches(callee, 'jose', ['jwtDecrypt'])) {
    return 'jose-verify';
  }
  // express-jwt: `expressjwt({...})` (v7+) or the default export `jwt({...})` (v6).
  if (tracker.matches(callee, 'express-jwt', ['expressjwt']) || tracker.matches(callee, 'express-jwt', [])) return 'express-jwt';
  return null;
}

/** Keys we can tell are asymmetric: PEM public keys/certs, key-getter callbacks, names saying public/jwks/cert. */
export function isAsymmetricKey(sourceCode: SourceCode, key: TSESTree.Node): boolean {
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

export function algorithmsIncludeNone(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const arr = resolveExpression(sourceCode, node);
  if (arr.type !== AST_NODE_TYPES.ArrayExpression) return false;
  return arr.elements.some((e) => e && e.type !== AST_NODE_TYPES.SpreadElement && String(getStaticString(sourceCode, e)).toLowerCase() === 'none');
}

export type VerifyProblem = 'algorithmsNone' | 'ignoreExpiration' | 'missingAlgorithms';

/**
 * What is wrong with the options object of a `jwt.verify(token, key, options)` whose key is (or
 * is not) asymmetric, in the order the rule reports it: each problem with the node it is
 * reported at (the `algorithms` value, the `ignoreExpiration` property, or null for the call).
 */
export function verifyOptionProblems(
  sourceCode: SourceCode,
  obj: TSESTree.ObjectExpression | null,
  asymmetricKey: () => boolean,
): { problem: VerifyProblem; node: TSESTree.Node | null }[] {
  const out: { problem: VerifyProblem; node: TSESTree.Node | null }[] = [];
  const algorithms = obj ? getProperty(sourceCode, obj, 'algorithms') : null;
  if (algorithms && algorithmsIncludeNone(sourceCode, algorithms)) out.push({ problem: 'algorithmsNone', node: algorithms });
  const ignore = obj ? getProperty(sourceCode, obj, 'ignoreExpiration') : null;
  if (ignore && getStaticValue(sourceCode, ignore) === true) out.push({ problem: 'ignoreExpiration', node: ignore.parent! });
  if (!algorithms && !(obj && hasUnknownSpread(sourceCode, obj)) && !asymmetricKey()) out.push({ problem: 'missingAlgorithms', node: null });
  return out;
}

/**
 * Whether a file may verify a token somewhere: asked on the text, so it errs towards "verifies"
 * (a decode in such a file is not judged — precision first). jwt-simple verifies in `decode`
 * itself, so a file using it is judged call by call instead.
 */
export function mayVerifyJwt(text: string): boolean {
  return /verify|jwtDecrypt|expressjwt|express-jwt|passport-jwt/i.test(text);
}

/** jwt-simple `decode(token, key, noVerify)`: the `noVerify` argument when it is statically true. */
export function simpleDecodeSkipsVerify(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.Node | null {
  const flag = call.arguments[2];
  return flag && flag.type !== AST_NODE_TYPES.SpreadElement && getStaticValue(sourceCode, flag) === true ? flag : null;
}

/**
 * `jws.verify(signature, key)` (the pre-3.0 two-argument form: the header's `alg` is used) or
 * `jws.createVerify({ signature, key })` without `algorithm`: the node to report, or null.
 */
export function jwsVerifyWithoutAlgorithm(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.Node | null {
  const callee = call.callee;
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (method === 'createVerify') {
    const arg = call.arguments[0];
    const obj = arg ? resolveExpression(sourceCode, arg) : null;
    if (obj?.type !== AST_NODE_TYPES.ObjectExpression || hasUnknownSpread(sourceCode, obj)) return null;
    return getProperty(sourceCode, obj, 'algorithm') ? null : call;
  }
  if (call.arguments.length !== 2 || call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return null;
  return call;
}

const AUTH_FUNCTION = /auth|verify|guard|protect|current.?user|require.?user|session|middleware|permission|authori[sz]e|is.?admin/i;

/**
 * A decode whose result decides access: in a handler/middleware, an auth-named function, or stored
 * on the request. `byName: false` leaves out the function-name clue (for a call into a helper of
 * another file, where a name like `authenticateConnection` alone is too weak a sign).
 */
export function usedForAuth(node: TSESTree.Node, byName = true): boolean {
  if (decidesCondition(node)) return true;
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
      if (!byName) continue;
      const name = fnName(p);
      if (name && AUTH_FUNCTION.test(name)) return true;
    }
  }
  return false;
}

/**
 * `if (jwt.decode(t).admin)`, `jwt.decode(t) ? next() : deny()`, `if (!jwt.decode(t)) return`: the
 * decoded claims themselves pick a branch, whatever the function is called.
 */
function decidesCondition(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case AST_NODE_TYPES.MemberExpression:
        if (p.object !== child) return false;
        continue;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
        continue;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return p.test === child;
      default:
        return false;
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
