/**
 * Light, syntactic data-flow within one function: what an expression is built from.
 *
 * - `expressionNames`: the identifier and property names an expression reads (`user.password.trim()`
 *   → password, user), so rules can ask "is this derived from a password/token/…".
 *
 * Where request data flows is the shared request taint's (./taint/flow.ts `requestReadOf`,
 * `flowsOf`): no request recognition lives here.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from './imports.js';
import { unwrap } from './values.js';

const MAX_DEPTH = 6;

/** Names read by an expression: identifiers, property names, through calls, templates, concatenation. */
export function expressionNames(node: TSESTree.Node | null | undefined, depth = 0): string[] {
  if (!node || depth > MAX_DEPTH) return [];
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.Identifier:
      return [n.name];
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(n);
      // `req.body.password` is about `password`; `password.length` is about `password`.
      if (name === 'length' || name === 'value') return expressionNames(n.object, depth + 1);
      return name ? [name, ...expressionNames(n.object, depth + 1)] : expressionNames(n.object, depth + 1);
    }
    case AST_NODE_TYPES.ChainExpression:
      return expressionNames(n.expression, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      const out: string[] = [];
      if (n.callee.type === AST_NODE_TYPES.MemberExpression) out.push(...expressionNames(n.callee.object, depth + 1));
      for (const a of n.arguments) out.push(...expressionNames(a, depth + 1));
      return out;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return n.expressions.flatMap((e) => expressionNames(e, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return [...expressionNames(n.left, depth + 1), ...expressionNames(n.right, depth + 1)];
    case AST_NODE_TYPES.AwaitExpression:
      return expressionNames(n.argument, depth + 1);
    default:
      return [];
  }
}
