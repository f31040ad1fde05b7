/**
 * Internal error details in a value: stack traces, error objects and error messages, shared by
 * no-leaked-error-details (what a response body carries) and the project model's parameter
 * summaries (what a helper like `getErrorMessage(e)` returns of its argument).
 *
 * `findErrorDetails(sourceCode, value, errorOf, out)` searches a value (object literals, arrays,
 * templates, concatenations, const bindings, `String(e)`, `JSON.stringify(e)`) for `x.stack`, an
 * error, or an error's `.message`; which identifiers are errors is the caller's question
 * (`errorOf`: a caught error in a response, a parameter in a helper). `viaCall` lets the caller
 * answer for other calls (a helper of another file that returns its argument's details).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { escapeRegExp } from '../regex.js';
import { propertyName } from './imports.js';
import type { ResponseSite } from './responses.js';
import { resolveConstInit, unwrap } from './values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type ErrorDetailKind = 'stack' | 'object' | 'message';

export interface ErrorDetail {
  node: TSESTree.Node;
  kind: ErrorDetailKind;
  /** The error the detail belongs to, when `errorOf` named it. */
  error: TSESTree.Identifier | null;
  /** For details found through `viaCall`: what it answered (a chain description). */
  via?: string;
}

export interface DetailSearch {
  /** The error an expression is, or null. */
  errorOf: (n: TSESTree.Node) => TSESTree.Identifier | null;
  /** Details a call yields that the search cannot see into (a helper of another file), or null. */
  viaCall?: (call: TSESTree.CallExpression, asText: boolean) => ErrorDetail | null;
}

/** Names that hold an error whatever their binding: `x.stack` on these is a stack trace. */
export const ERRORISH = /^(err|error|e|ex|exc|exception|cause)$|(Error|Err|Exception)$/;
const VALIDATION_CALL = /^(parse|parseAsync|safeParse|validate|validateAsync|validateSync|validateOrReject|assert)$/;
const MAX_DEPTH = 5;
const ERROR_TEXT_FIELDS = new Set(['message', 'path', 'sql']);

const VIEW_RESPONSE = /^_?(res|response)$/;
const FLASH_REQUEST = /^_?(req|request)$/;

/**
 * Sinks that show a value to the user without being a response body: `res.render(view, locals)`
 * (the template prints what it is given) and `req.flash(type, message)` (shown on the next page).
 * Answers the value to search and whether it is shown as text, or null.
 */
export function viewDetailSink(call: TSESTree.CallExpression): { value: TSESTree.Node; asText: boolean } | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  // `res.status(500).render(…)`: the chain's root is the response.
  let root: TSESTree.Node = unwrap(callee.object);
  while (root.type === AST_NODE_TYPES.CallExpression && root.callee.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.callee.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  const method = propertyName(callee);
  const value = call.arguments[1];
  if (!value || value.type === AST_NODE_TYPES.SpreadElement) return null;
  if (method === 'render' && VIEW_RESPONSE.test(root.name)) return { value, asText: false };
  if (method === 'flash' && FLASH_REQUEST.test(root.name) && root === unwrap(callee.object)) return { value, asText: true };
  return null;
}

/** Details inside a value. `asText` = the value is stringified (template, concat, String()). */
export function findErrorDetails(sc: SourceCode, node: TSESTree.Node | null | undefined, search: DetailSearch, out: ErrorDetail[], depth = 0, asText = false): void {
  if (!node || depth > MAX_DEPTH) return;
  const n = unwrap(node);
  const { errorOf } = search;
  switch (n.type) {
    case AST_NODE_TYPES.Identifier: {
      const err = errorOf(n);
      if (err) {
        out.push({ node: n, kind: asText ? 'message' : 'object', error: err });
        return;
      }
      const init = resolveConstInit(sc, n);
      if (init) findErrorDetails(sc, init, search, out, depth + 1, asText);
      return;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(n);
      const obj = unwrap(n.object);
      if (name === 'stack') {
        const objName = obj.type === AST_NODE_TYPES.Identifier ? obj.name : obj.type === AST_NODE_TYPES.MemberExpression ? propertyName(obj) ?? '' : '';
        if (errorOf(obj) || ERRORISH.test(objName)) out.push({ node: n, kind: 'stack', error: errorOf(obj) });
        return;
      }
      // `.path` (a file path on fs/system errors) and `.sql` (the statement, on driver and ORM
      // errors) are as internal as the message.
      if (name !== null && ERROR_TEXT_FIELDS.has(name)) {
        const err = errorOf(obj);
        if (err) out.push({ node: n, kind: 'message', error: err });
      }
      return;
    }
    case AST_NODE_TYPES.ObjectExpression:
      for (const p of n.properties) {
        if (p.type === AST_NODE_TYPES.SpreadElement) findErrorDetails(sc, p.argument, search, out, depth + 1, asText);
        else findErrorDetails(sc, p.value, search, out, depth + 1, asText);
      }
      return;
    case AST_NODE_TYPES.ArrayExpression:
      for (const e of n.elements) if (e) findErrorDetails(sc, e.type === AST_NODE_TYPES.SpreadElement ? e.argument : e, search, out, depth + 1, asText);
      return;
    case AST_NODE_TYPES.TemplateLiteral:
      for (const e of n.expressions) findErrorDetails(sc, e, search, out, depth + 1, true);
      return;
    case AST_NODE_TYPES.BinaryExpression:
      if (n.operator === '+') {
        findErrorDetails(sc, n.left as TSESTree.Node, search, out, depth + 1, true);
        findErrorDetails(sc, n.right, search, out, depth + 1, true);
      }
      return;
    case AST_NODE_TYPES.LogicalExpression:
      findErrorDetails(sc, n.left, search, out, depth + 1, asText);
      findErrorDetails(sc, n.right, search, out, depth + 1, asText);
      return;
    case AST_NODE_TYPES.ConditionalExpression:
      findErrorDetails(sc, n.consequent, search, out, depth + 1, asText);
      findErrorDetails(sc, n.alternate, search, out, depth + 1, asText);
      return;
    case AST_NODE_TYPES.CallExpression: {
      // String(err), err.toString(), JSON.stringify(err)
      const callee = unwrap(n.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String') findErrorDetails(sc, n.arguments[0], search, out, depth + 1, true);
      else if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'toString') findErrorDetails(sc, callee.object, search, out, depth + 1, true);
      else if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'stringify') findErrorDetails(sc, n.arguments[0], search, out, depth + 1, false);
      else if (search.viaCall) {
        const found = search.viaCall(n, asText);
        if (found) out.push(found);
      }
      return;
    }
    default:
      return;
  }
}

/** A catch whose error is a validation error: the try block validates, or a branch tests the error's type. */
export function isKnownClientError(sc: SourceCode, site: ResponseSite, err: TSESTree.Identifier): boolean {
  for (let n: TSESTree.Node | undefined = site.node.parent; n; n = n.parent) {
    if (n.type === AST_NODE_TYPES.IfStatement) {
      const test = sc.getText(n.test);
      // Identifiers may hold `$` (a regex anchor, and no word character for `\b`): the name
      // is matched literally, and must not continue an identifier on its left.
      if (new RegExp(`(?<![\\w$])${escapeRegExp(err.name)}\\s+instanceof\\s+(?!Error\\b)\\w+`).test(test)) return true;
      if (new RegExp(`(?<![\\w$])${escapeRegExp(err.name)}\\.(name|isJoi|code|type)\\b`).test(test)) return true;
    }
    if (n.type === AST_NODE_TYPES.CatchClause) {
      return n.parent.block.body.some((st) => containsValidationCall(st));
    }
    if (n.type === AST_NODE_TYPES.FunctionDeclaration || n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      return false;
    }
  }
  return false;
}

function containsValidationCall(st: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [st];
  let budget = 300;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    if (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression && VALIDATION_CALL.test(propertyName(n.callee) ?? '')) {
      return true;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'parent') continue;
      if (Array.isArray(v)) for (const c of v) if (c && typeof c.type === 'string') stack.push(c);
      if (v && typeof (v as TSESTree.Node).type === 'string') stack.push(v as TSESTree.Node);
    }
  }
  return false;
}
