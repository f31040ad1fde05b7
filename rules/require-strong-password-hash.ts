/**
 * require-strong-password-hash: passwords must be stored with a slow, salted, memory- or
 * work-hard function at a current cost. Fast digests (MD5, SHA-*) let a leaked table be cracked
 * at billions of guesses per second; weak bcrypt/PBKDF2/argon2 parameters do the same slower.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import { getObjectLiteral, getProperty, getStaticNumber, getStaticString, unwrap } from '../src/analysis/values.js';
import { describeChain, paramSinksAt } from '../src/project/index.js';
import { ARGON2, BCRYPT, fastHashCall, isBreachCheckText, passwordArg, PASSWORD_HASH_MODULES } from '../src/analysis/password-hash.js';

type Options = [
  {
    minBcryptCost?: number;
    minPbkdf2Iterations?: number;
    minArgon2MemoryCost?: number;
  },
];
type MessageIds = 'fastHash' | 'fastHashLibrary' | 'fastHashVia' | 'bcryptCost' | 'bcryptDefaultCost' | 'pbkdf2Iterations' | 'argon2Type' | 'argon2Memory';

const id = 'require-strong-password-hash';

const eslint = createEslintRule<Options, MessageIds>({
  name: id,
  meta: {
    type: 'problem',
    docs: { description: 'Require a slow password hash (bcrypt cost >= 12, PBKDF2 >= 600000 iterations, argon2id with >= 19 MiB) instead of fast digests.' },
    schema: [
      {
        type: 'object',
        properties: {
          minBcryptCost: { type: 'integer', minimum: 4 },
          minPbkdf2Iterations: { type: 'integer', minimum: 1 },
          minArgon2MemoryCost: { type: 'integer', minimum: 1 },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      fastHash:
        "'{{name}}' is hashed with {{alg}} ({{fn}}), a fast digest that offline attackers brute-force at billions of guesses per second. Use bcrypt (cost >= {{minCost}}) or argon2id.",
      fastHashLibrary:
        "'{{name}}' is hashed with {{alg}} from '{{module}}', a fast digest unfit for passwords. Use bcrypt (cost >= {{minCost}}) or argon2id.",
      fastHashVia:
        "'{{name}}' is hashed with a fast digest {{chain}}: {{what}}. Offline attackers brute-force fast digests at billions of guesses per second. Use bcrypt (cost >= {{minCost}}) or argon2id.",
      bcryptCost: 'bcrypt cost {{cost}} is below {{minCost}}: each step down halves the work to crack a hash. Use a cost of at least {{minCost}}.',
      bcryptDefaultCost: '{{fn}}() without a cost uses the library default of 10, below {{minCost}}. Pass a cost of at least {{minCost}}.',
      pbkdf2Iterations: 'PBKDF2 with {{iterations}} iterations is below {{min}}. Raise the iteration count to at least {{min}}, or use argon2id.',
      argon2Type: "argon2 type '{{type}}' is not recommended for passwords ({{why}}). Use argon2id (the library default).",
      argon2Memory: 'argon2 memoryCost {{memory}} KiB is below {{min}} KiB (19 MiB). Raise memoryCost or keep the library default.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const tracker = getImportTracker(context);
    const minCost = options.minBcryptCost ?? 12;
    /**
     * A password passed to a function of another file that hashes that parameter with a fast
     * digest (`hash(req.body.password)` → `createHash('md5')` in src/lib): reported at the call,
     * unless a file of the chain already reports it (its own argument is a password).
     */
    const crossFile = (node: TSESTree.CallExpression): void => {
      // Cheapest first: only a call passing something password-like can be a finding.
      if (!node.arguments.some((a) => a.type !== AST_NODE_TYPES.SpreadElement && passwordArg(a) !== null)) return;
      for (const sink of paramSinksAt(context, node)) {
        if (sink.kind !== 'weak-hash' || sink.judgedWhereWritten) continue;
        const arg = node.arguments[sink.index];
        const name = arg && arg.type !== AST_NODE_TYPES.SpreadElement ? passwordArg(arg) : null;
        if (!name) continue;
        context.report({ node, messageId: 'fastHashVia', data: { name, chain: describeChain(context, sink.hops), what: sink.what, minCost } });
        return;
      }
    };
    if (!tracker.usesAny(PASSWORD_HASH_MODULES)) return { CallExpression: crossFile };
    const sourceCode = context.sourceCode;
    const minIter = options.minPbkdf2Iterations ?? 600000;
    const minMem = options.minArgon2MemoryCost ?? 19456;
    // Have I Been Pwned's range API takes the SHA-1 of the password by design (k-anonymity): a
    // lookup, not storage. The text is scanned only when a SHA-1 over a password would be reported.
    let breachCheck: boolean | undefined;
    const isBreachCheckFile = (): boolean => (breachCheck ??= isBreachCheckText(sourceCode.text));

    function checkBcryptCost(node: TSESTree.CallExpression, fn: string, costArg: TSESTree.Node | undefined, defaultIsWeak: boolean): void {
      if (!costArg) {
        if (defaultIsWeak) context.report({ node, messageId: 'bcryptDefaultCost', data: { fn, minCost } });
        return;
      }
      // A salt string (`'$2b$12$…'`) or a genSalt() result: the cost is judged where the salt is made.
      const asString = getStaticString(sourceCode, costArg);
      if (asString !== null && !/^\s*\d+\s*$/.test(asString)) return;
      const cost = getStaticNumber(sourceCode, costArg);
      if (cost === null) return;
      if (cost < minCost) context.report({ node: costArg, messageId: 'bcryptCost', data: { cost, minCost } });
    }

    function argon2TypeName(node: TSESTree.Node): string | null {
      const ref = tracker.resolve(unwrap(node));
      if (ref && ARGON2.includes(ref.source)) {
        const last = ref.path[ref.path.length - 1]?.toLowerCase();
        if (last === 'argon2i' || last === 'argon2d' || last === 'argon2id') return last;
      }
      const num = getStaticNumber(sourceCode, node);
      // Both libraries number the variants d=0, i=1, id=2.
      if (num === 0) return 'argon2d';
      if (num === 1) return 'argon2i';
      const str = getStaticString(sourceCode, node);
      if (str && /^argon2(i|d|id)$/i.test(str)) return str.toLowerCase();
      return null;
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        const args = node.arguments;

        // Fast digests over password data.
        const isUpdate = callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'update';
        const ref = isUpdate ? null : tracker.resolve(callee);
        if (!isUpdate) crossFile(node);
        if (!isUpdate && !ref) return;
        const digest = fastHashCall(tracker, sourceCode, node, ref);
        if (digest === 'other') return;
        if (digest) {
          const name = passwordArg(digest.data);
          if (!name) return;
          if (digest.fn) {
            if (!(/^sha-?1$/i.test(digest.alg) && isBreachCheckFile())) context.report({ node, messageId: 'fastHash', data: { name, alg: digest.alg, fn: digest.fn, minCost } });
          } else {
            context.report({ node, messageId: 'fastHashLibrary', data: { name, alg: digest.alg, module: digest.module!, minCost } });
          }
          return;
        }
        if (!ref) return;
        const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
        const fn = path[path.length - 1] ?? ref.source;

        if (BCRYPT.includes(ref.source) && path.length === 1) {
          if (fn === 'hash' || fn === 'hashSync') checkBcryptCost(node, fn, args[1], false);
          else if (fn === 'genSalt' || fn === 'genSaltSync') {
            // `genSalt(cb)` (callback first) also uses the default cost.
            const first = args[0];
            const isCallback = first && (first.type === AST_NODE_TYPES.ArrowFunctionExpression || first.type === AST_NODE_TYPES.FunctionExpression);
            checkBcryptCost(node, fn, isCallback ? undefined : first, true);
          }
          return;
        }
        if (ref.source === '@node-rs/bcrypt' && (fn === 'hash' || fn === 'hashSync')) {
          checkBcryptCost(node, fn, args[1], false);
          return;
        }

        if (ref.source === 'crypto' && (fn === 'pbkdf2' || fn === 'pbkdf2Sync')) {
          const iterArg = args[2];
          const iterations = getStaticNumber(sourceCode, iterArg);
          if (iterArg && iterations !== null && iterations < minIter) {
            context.report({ node: iterArg, messageId: 'pbkdf2Iterations', data: { iterations, min: minIter } });
          }
          return;
        }

        if (ARGON2.includes(ref.source) && (fn === 'hash' || fn === 'hashRaw' || fn === 'hashSync')) {
          const opts = getObjectLiteral(sourceCode, args[1]);
          if (!opts) return;
          const typeNode = getProperty(sourceCode, opts, 'type') ?? getProperty(sourceCode, opts, 'algorithm');
          const type = typeNode && argon2TypeName(typeNode);
          if (typeNode && (type === 'argon2i' || type === 'argon2d')) {
            const why = type === 'argon2d' ? 'data-dependent memory access leaks timing side channels' : 'weaker against GPU/tradeoff attacks than argon2id';
            context.report({ node: typeNode, messageId: 'argon2Type', data: { type, why } });
          }
          const memNode = getProperty(sourceCode, opts, 'memoryCost');
          const memory = memNode ? getStaticNumber(sourceCode, memNode) : null;
          if (memNode && memory !== null && memory < minMem) {
            context.report({ node: memNode, messageId: 'argon2Memory', data: { memory, min: minMem } });
          }
        }
      },
    };
  },
});

export default defineRule({
  id,
  category: 'security',
  description: 'Require a slow password hash (bcrypt cost >= 12, PBKDF2 >= 600000 iterations, argon2id with >= 19 MiB) instead of fast digests.',
  recommended: 'error',
  strict: 'error',
  eslint,
});
