/**
 * Light, syntactic data-flow within one function: what an expression is built from.
 *
 * - `expressionNames`: the identifier and property names an expression reads (`user.password.trim()`
 *   → password, user), so rules can ask "is this derived from a password/token/…".
 * - `requestDataSource`: whether request data (`req.*`, `request.*`, `ctx.request.*`, `ctx.query`,
 *   `c.req.*`) flows into an expression, following `const`/`let` bindings declared in the same
 *   function (`const id = req.params.id; … id …`).
 *
 * No type checker and no second tree walk: bindings are followed through the scope manager.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from './imports.js';
import { memberChainName, unwrap } from './values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
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

export interface RequestSource {
  /** The request expression as written, e.g. `req.query.id`, `ctx.request.body`. */
  text: string;
}

const REQUEST_ROOTS = new Set(['req', 'request']);

/** Is this member chain a read of request data? `req.body.x`, `request.query`, `ctx.request.body`, `ctx.query`, `c.req.param('id')`. */
export function isRequestDataExpression(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  let chain: string | null = null;
  if (n.type === AST_NODE_TYPES.MemberExpression) chain = memberChainName(n);
  else if (n.type === AST_NODE_TYPES.CallExpression) chain = memberChainName(n.callee);
  if (!chain) return false;
  const parts = chain.split('.');
  if (parts.length < 2) return false;
  const [root, second, third] = parts;
  // `req.user` / `req.session` are set by the server itself, not by the client.
  if (REQUEST_ROOTS.has(root!)) {
    return ['body', 'query', 'params', 'param', 'headers', 'header', 'get', 'cookies', 'url', 'originalUrl', 'path', 'json', 'text', 'formData', 'nextUrl'].includes(second!);
  }
  if (root === 'ctx' || root === 'context') {
    if (second === 'request') return third === undefined || ['body', 'query', 'headers', 'url', 'path'].includes(third);
    return ['query', 'params', 'headers', 'querystring', 'url', 'path', 'get'].includes(second!);
  }
  if (root === 'c' && second === 'req') return true;
  return false;
}

/**
 * The first request-data read that flows into `node` (directly or through same-function
 * `const`/`let` bindings and their initialisers), or null.
 */
export function requestDataSource(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): RequestSource | null {
  const seen = new Set<TSESTree.Node>();
  function visit(expr: TSESTree.Node | null | undefined, depth: number): RequestSource | null {
    if (!expr || depth > MAX_DEPTH || seen.has(expr)) return null;
    seen.add(expr);
    const n = unwrap(expr);
    if ((n.type === AST_NODE_TYPES.MemberExpression || n.type === AST_NODE_TYPES.CallExpression) && isRequestDataExpression(n)) {
      return { text: sourceCode.getText(n) };
    }
    switch (n.type) {
      case AST_NODE_TYPES.Identifier: {
        const scope = sourceCode.getScope(n);
        let variable: TSESLint.Scope.Variable | null = null;
        for (let s: TSESLint.Scope.Scope | null = scope; s && !variable; s = s.upper) variable = s.set.get(n.name) ?? null;
        if (!variable) return null;
        for (const def of variable.defs) {
          if (def.type === 'Variable' && def.node.init) {
            // `const { id } = req.params` — the destructured value comes from the init.
            const r = visit(def.node.init, depth + 1);
            if (r) return r;
          }
        }
        // Later assignments (`sql = sql + req.query.x`) count too.
        for (const ref of variable.references) {
          if (ref.isWrite() && ref.writeExpr && ref.init !== true) {
            const r = visit(ref.writeExpr, depth + 1);
            if (r) return r;
          }
        }
        return null;
      }
      case AST_NODE_TYPES.MemberExpression:
        return visit(n.object, depth + 1);
      case AST_NODE_TYPES.ChainExpression:
        return visit(n.expression, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        if (n.callee.type === AST_NODE_TYPES.MemberExpression) {
          const r = visit(n.callee.object, depth + 1);
          if (r) return r;
        }
        for (const a of n.arguments) {
          const r = visit(a, depth + 1);
          if (r) return r;
        }
        return null;
      }
      case AST_NODE_TYPES.TemplateLiteral:
        for (const e of n.expressions) {
          const r = visit(e, depth + 1);
          if (r) return r;
        }
        return null;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return visit(n.left, depth + 1) ?? visit(n.right, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return visit(n.consequent, depth + 1) ?? visit(n.alternate, depth + 1);
      case AST_NODE_TYPES.AwaitExpression:
        return visit(n.argument, depth + 1);
      case AST_NODE_TYPES.ArrayExpression:
        for (const e of n.elements) {
          const r = e && e.type !== AST_NODE_TYPES.SpreadElement ? visit(e, depth + 1) : visit(e?.argument, depth + 1);
          if (r) return r;
        }
        return null;
      default:
        return null;
    }
  }
  return visit(node, 0);
}
