/**
 * Password hashing recognition, shared by require-strong-password-hash and the project model's
 * parameter summaries (a `hash(data)` helper is judged where it is called with a password).
 *
 * `fastHashCall(tracker, sourceCode, call)` reads one call: a fast digest over data
 * (`crypto.createHash('md5').update(x)`, `md5(x)`, `CryptoJS.SHA256(x)`), with the data argument
 * and the algorithm; `passwordArg(node)` names the password-like value an expression carries.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName, type ImportTracker } from './imports.js';
import { isPasswordName } from './secrets.js';
import { expressionNames } from './taint.js';
import { getStaticString, resolveExpression } from './values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export const BCRYPT = ['bcrypt', 'bcryptjs', 'bcrypt-nodejs'];
export const ARGON2 = ['argon2', '@node-rs/argon2'];
/** Packages that are one fast digest each: the module → the algorithm's display name. */
export const FAST_HASH_MODULES: Readonly<Record<string, string>> = { md5: 'MD5', sha1: 'SHA-1', 'js-sha256': 'SHA-256', 'js-sha512': 'SHA-512', 'js-md5': 'MD5' };
const CRYPTO_JS_ALGOS = new Set(['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160', 'HmacMD5', 'HmacSHA1', 'HmacSHA256', 'HmacSHA512']);
/** Every module a password-hash question may involve: a file importing none of them holds none. */
export const PASSWORD_HASH_MODULES = ['crypto', ...BCRYPT, ...ARGON2, 'crypto-js', 'crypto-js/*', ...Object.keys(FAST_HASH_MODULES)];
/** Modules whose calls can be a fast digest (a subset of the above). */
export const FAST_HASH_SOURCES = ['crypto', 'crypto-js', 'crypto-js/*', ...Object.keys(FAST_HASH_MODULES)];

export function isFastAlgorithm(alg: string): boolean {
  return /^(?:md4|md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512(?:-\d+)?|sha3-\d+|ripemd-?160|shake\d+|blake2[bs]\d*)$/i.test(alg);
}

/** The password-like name an expression carries (`req.body.password`, `newPwd`), or null. */
export function passwordArg(node: TSESTree.Node | undefined): string | null {
  if (!node) return null;
  return expressionNames(node).find(isPasswordName) ?? null;
}

/**
 * Have I Been Pwned's range API takes the SHA-1 of the password by design (k-anonymity): a
 * lookup, not storage. Asked on the file's text, only when a SHA-1 over a password is in question.
 */
export function isBreachCheckText(text: string): boolean {
  return /pwnedpasswords/i.test(text);
}

/** `crypto.createHash('md5')` (directly or through a const) → the algorithm, else null. */
function hashFactoryAlgorithm(tracker: ImportTracker, sourceCode: SourceCode, node: TSESTree.Node): { alg: string; fn: string } | null {
  const n = resolveExpression(sourceCode, node);
  if (n.type !== AST_NODE_TYPES.CallExpression) return null;
  for (const fn of ['createHash', 'createHmac']) {
    if (tracker.matches(n.callee, 'crypto', [fn])) {
      const alg = getStaticString(sourceCode, n.arguments[0]);
      return alg && isFastAlgorithm(alg) ? { alg, fn } : null;
    }
  }
  // Chained `createHash('md5').update(salt).update(password)`.
  if (n.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(n.callee) === 'update') {
    return hashFactoryAlgorithm(tracker, sourceCode, n.callee.object);
  }
  return null;
}

export interface FastHashCall {
  /** The data hashed (the first argument), when given. */
  data: TSESTree.Node | undefined;
  /** As the message shows it: `MD5` for crypto, the library's name for packages, the crypto-js member. */
  alg: string;
  /** `createHash` / `createHmac` for Node's crypto; absent for packages. */
  fn?: string;
  /** The package, for digests that are not Node's crypto. */
  module?: string;
}

/**
 * What a call is as a digest: a fast digest over its first argument; `'other'` for a call of a
 * digest form that is not fast (a strong crypto-js member, an `update` on a slow factory) — the
 * rule asks nothing more of it; null for every other call.
 */
export function fastHashCall(
  tracker: ImportTracker,
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  ref = tracker.resolve(node.callee),
): FastHashCall | 'other' | null {
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'update') {
    const factory = hashFactoryAlgorithm(tracker, sourceCode, callee.object);
    return factory ? { data: node.arguments[0], alg: factory.alg.toUpperCase(), fn: factory.fn } : 'other';
  }
  if (!ref) return null;
  const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
  if (FAST_HASH_MODULES[ref.source] && path.length <= 1) {
    return { data: node.arguments[0], alg: FAST_HASH_MODULES[ref.source]!, module: ref.source };
  }
  if (ref.source === 'crypto-js' || ref.source.startsWith('crypto-js/')) {
    const alg = path.length === 0 ? ref.source.slice('crypto-js/'.length).toUpperCase() : path[path.length - 1]!;
    return CRYPTO_JS_ALGOS.has(alg) || CRYPTO_JS_ALGOS.has(alg.toUpperCase()) ? { data: node.arguments[0], alg, module: ref.source } : 'other';
  }
  return null;
}
