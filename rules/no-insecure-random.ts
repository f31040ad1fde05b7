/**
 * no-insecure-random: `Math.random()` never produces a security value. Its generator is
 * predictable (a few outputs reveal the state), so tokens, ids, OTPs, salts or passwords built
 * from it can be guessed.
 *
 * The rule follows the random value forward, syntactically, through arithmetic, `Math.floor`,
 * `.toString(36)`-style method chains, charset indexing (`chars[...]`), template literals,
 * accumulation into a local (`result += ...`) and `return`, and asks the name it ends up under:
 * a variable, property, array it is pushed onto, or the function that returns it. Names are
 * judged by their last word (`sessionId`, `backupCodes`, `generateToken` count; `tokenLength`,
 * `retryDelay` do not). Picking an existing element by a collection size
 * (`Math.floor(Math.random() * users.length)`) chooses, it does not mint an identifier.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { propertyName } from '../src/analysis/imports.js';
import { boundName, endsWithTerm, functionName, nameWords, targetName, vocabulary } from '../src/analysis/names.js';
import { getStaticValue, NOT_STATIC } from '../src/analysis/values.js';

type MessageIds = 'insecureRandom';

/** Security values, judged on the last word(s) of a name after splitting and singularising. */
const SECURITY_VALUES = vocabulary([
  'token',
  'id',
  'identifier',
  'uuid',
  'guid',
  'password',
  'passwd',
  'passcode',
  'passphrase',
  'pin',
  'secret',
  'salt',
  'nonce',
  'otp',
  'code',
  'csrf',
  'xsrf',
  'verifier',
  'api key',
  'secret key',
  'private key',
  'access key',
  'session key',
  'signing key',
  'encryption key',
]);

const VALUE_METHODS_ON_ARGUMENT = new Set(['floor', 'round', 'ceil', 'trunc', 'abs']);
const WRAPPERS = new Set(['String', 'Number', 'parseInt', 'parseFloat', 'BigInt']);
/** Methods whose argument becomes part of their result (`chars.charAt(i)`, `hash.update(v)`). */
const ARGUMENT_INTO_RESULT = new Set(['charAt', 'at', 'update', 'concat', 'padStart', 'padEnd', 'from']);
const COLLECTORS = new Set(['push', 'unshift', 'add']);
/** A callback whose return value becomes the call's result. */
const CALLBACK_INTO_RESULT = new Set(['map', 'flatMap', 'replace', 'replaceAll', 'from', 'fill']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '|', '&', '^', '<<', '>>', '>>>', '**']);
const SIZE_WORDS = /(length|count|size|total|len)$/i;

const MAX_VARIABLE_HOPS = 3;

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

function isSecurityName(name: string | null): name is string {
  if (!name) return false;
  // The head noun decides: `tokenLength` is a length, `userToken` is a token.
  return endsWithTerm(nameWords(name), SECURITY_VALUES);
}

function isSizeLike(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression) return SIZE_WORDS.test(propertyName(node) ?? '');
  if (node.type === AST_NODE_TYPES.Identifier) return SIZE_WORDS.test(node.name);
  return false;
}

export default defineRule({
  id: 'no-insecure-random',
  category: 'security',
  description: 'Disallow Math.random() for tokens, ids, passwords, secrets, salts, nonces, OTPs and codes.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-insecure-random',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow Math.random() for tokens, ids, passwords, secrets, salts, nonces, OTPs and codes.' },
      schema: [],
      messages: {
        insecureRandom:
          '`Math.random()` is predictable, and its value becomes `{{name}}`. Use `crypto.randomBytes()`, `crypto.randomUUID()` or `crypto.randomInt()` for security values.',
      },
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      if (!sourceCode.text.includes('Math.random')) return {};

      /** The variable an identifier write target refers to. */
      function variableOf(id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
        for (let s: TSESLint.Scope.Scope | null = sourceCode.getScope(id); s; s = s.upper) {
          const v = s.set.get(id.name);
          if (v) return v;
        }
        return null;
      }

      /**
       * Follow a value forward to the name it lands under; returns the first security name found.
       * `selection` is true once the value was scaled by a collection size (an index, not a token),
       * and false again once it indexes into a string or array (a character picked for a token).
       */
      function landingName(
        start: TSESTree.Node,
        hops: number,
        seen: Set<TSESLint.Scope.Variable>,
        selected = false,
      ): string | null {
        let node: TSESTree.Node = start;
        let selection = selected;
        for (;;) {
          const parent: TSESTree.Node | undefined = node.parent;
          if (!parent) return null;
          switch (parent.type) {
            case AST_NODE_TYPES.TSAsExpression:
            case AST_NODE_TYPES.TSNonNullExpression:
            case AST_NODE_TYPES.TSTypeAssertion:
            case AST_NODE_TYPES.TSSatisfiesExpression:
            case AST_NODE_TYPES.AwaitExpression:
            case AST_NODE_TYPES.ChainExpression:
            case AST_NODE_TYPES.TemplateLiteral:
            case AST_NODE_TYPES.ArrayExpression:
            case AST_NODE_TYPES.LogicalExpression:
              node = parent;
              continue;
            case AST_NODE_TYPES.UnaryExpression:
              if (parent.operator === '!' || parent.operator === 'typeof' || parent.operator === 'void') return null;
              node = parent;
              continue;
            case AST_NODE_TYPES.BinaryExpression: {
              if (!ARITHMETIC.has(parent.operator)) return null; // a comparison yields a boolean
              const other = parent.left === node ? parent.right : parent.left;
              if (parent.operator === '*' && getStaticValue(sourceCode, other) === NOT_STATIC && isSizeLike(other)) {
                selection = true;
              }
              node = parent;
              continue;
            }
            case AST_NODE_TYPES.ConditionalExpression:
              if (parent.test === node) return null;
              node = parent;
              continue;
            case AST_NODE_TYPES.MemberExpression:
              if (parent.property === node && parent.computed) {
                // `list[i]` is still one existing element; it becomes a token once several picks are
                // accumulated (`+=`, `push`, a callback of `Array.from`/`map`/`replace`).
                node = parent;
                continue;
              }
              if (parent.object === node && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
                node = parent.parent; // x.toString(36), x.slice(2), hash.digest('hex')
                continue;
              }
              return null;
            case AST_NODE_TYPES.CallExpression: {
              if (parent.callee === node) return null;
              const callee = parent.callee;
              if (callee.type === AST_NODE_TYPES.Identifier && WRAPPERS.has(callee.name)) {
                node = parent;
                continue;
              }
              if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
              const method = propertyName(callee);
              if (!method) return null;
              if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math') {
                if (!VALUE_METHODS_ON_ARGUMENT.has(method)) return null;
                node = parent;
                continue;
              }
              if (COLLECTORS.has(method)) {
                const name = targetName(callee.object);
                if (isSecurityName(name)) return name;
                // `chars.push(pick)` then `return chars.join('')`: follow the accumulator.
                return callee.object.type === AST_NODE_TYPES.Identifier ? fromVariable(callee.object, false, hops, seen) : null;
              }
              if (ARGUMENT_INTO_RESULT.has(method)) {
                node = parent;
                continue;
              }
              return null;
            }
            case AST_NODE_TYPES.VariableDeclarator: {
              if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return null;
              return fromVariable(parent.id, selection, hops, seen);
            }
            case AST_NODE_TYPES.AssignmentExpression: {
              if (parent.right !== node) return null;
              // `result += pick` accumulates picks into a new value.
              if (parent.operator === '+=') selection = false;
              if (parent.left.type === AST_NODE_TYPES.Identifier) return fromVariable(parent.left, selection, hops, seen);
              const name = targetName(parent.left);
              return !selection && isSecurityName(name) ? name : null;
            }
            case AST_NODE_TYPES.Property:
            case AST_NODE_TYPES.PropertyDefinition: {
              const name = boundName(node);
              return !selection && isSecurityName(name) ? name : null;
            }
            case AST_NODE_TYPES.ReturnStatement:
              return fromReturn(parent, selection, hops, seen);
            case AST_NODE_TYPES.ArrowFunctionExpression:
              if (parent.body !== node) return null;
              return fromFunctionResult(parent, selection, hops, seen);
            default:
              return null;
          }
        }
      }

      function fromVariable(
        id: TSESTree.Identifier,
        selection: boolean,
        hops: number,
        seen: Set<TSESLint.Scope.Variable>,
      ): string | null {
        if (isSecurityName(id.name)) return selection ? null : id.name;
        if (hops >= MAX_VARIABLE_HOPS) return null;
        const variable = variableOf(id);
        if (!variable || seen.has(variable)) return null;
        seen.add(variable);
        for (const ref of variable.references) {
          if (!ref.isRead()) continue;
          const found = landingName(ref.identifier, hops + 1, seen, selection);
          if (found) return found;
        }
        return null;
      }

      function fromReturn(ret: TSESTree.ReturnStatement, selection: boolean, hops: number, seen: Set<TSESLint.Scope.Variable>): string | null {
        for (let n: TSESTree.Node | undefined = ret.parent; n; n = n.parent) {
          if (isFunction(n)) return fromFunctionResult(n, selection, hops, seen);
        }
        return null;
      }

      function fromFunctionResult(fn: FunctionNode, selection: boolean, hops: number, seen: Set<TSESLint.Scope.Variable>): string | null {
        const name = functionName(fn);
        if (isSecurityName(name)) return selection ? null : name;
        const call = fn.parent;
        // A callback whose result becomes the call's result: `.replace(/x/g, () => ...)`, `Array.from({length}, () => ...)`.
        if (
          call?.type === AST_NODE_TYPES.CallExpression &&
          call.arguments.includes(fn as TSESTree.CallExpressionArgument) &&
          call.callee.type === AST_NODE_TYPES.MemberExpression &&
          CALLBACK_INTO_RESULT.has(propertyName(call.callee) ?? '')
        ) {
          // One pick per element or match: the result is built from many picks.
          return landingName(call, hops, seen, false);
        }
        return null;
      }

      return {
        "CallExpression[callee.type='MemberExpression'][callee.object.name='Math'][callee.property.name='random']"(
          node: TSESTree.CallExpression,
        ) {
          const name = landingName(node, 0, new Set());
          if (name) context.report({ node, messageId: 'insecureRandom', data: { name } });
        },
      };
    },
  }),
});
