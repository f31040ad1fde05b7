/**
 * no-leaked-error-details: internal error details stay on the server. Stack traces, caught error
 * objects and the messages of unexpected errors reveal queries, hosts, file paths and libraries.
 *
 * Responses come from the shared response model (every framework, plus NestJS exceptions); the
 * body is searched (object literals, arrays, templates, concatenations, const bindings) for
 * `x.stack`, a caught error, or a caught error's `.message`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { createEslintRule, defineRule } from '../src/rule.js';
import { maskedExcerpt } from '../src/analysis/secrets.js';
import { escapeRegExp } from '../src/regex.js';
import { propertyName } from '../src/analysis/imports.js';
import { errorContextOf, isCaughtError, responseAt, type ResponseSite } from '../src/analysis/responses.js';
import { resolveConstInit, unwrap } from '../src/analysis/values.js';

type MessageIds = 'stack' | 'errorObject' | 'message';

interface Leak {
  node: TSESTree.Node;
  kind: 'stack' | 'object' | 'message';
  error: TSESTree.Identifier | null;
}

const ERRORISH = /^(err|error|e|ex|exc|exception|cause)$|(Error|Err|Exception)$/;
const VALIDATION_CALL = /^(parse|parseAsync|safeParse|validate|validateAsync|validateSync|validateOrReject|assert)$/;

export default defineRule({
  id: 'no-leaked-error-details',
  category: 'error-responses',
  description: 'Responses do not expose internal error details: no stack traces, caught error objects, or messages of unexpected errors.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-leaked-error-details',
    meta: {
      type: 'problem',
      docs: { description: 'Responses do not send stack traces, caught errors or internal error messages.' },
      schema: [],
      messages: {
        stack:
          'The response sends a stack trace (`{{expr}}`): it reveals file paths, dependencies and code structure — log it on the server and answer with a generic message and an error id.',
        errorObject:
          'The response sends the caught error object (`{{expr}}`): its message, stack and driver fields (SQL, hosts, paths) reach the client — log it and answer with a generic message or a known error code.',
        message:
          'The response sends `{{expr}}` of a caught error {{where}}: messages of unexpected errors reveal queries, hosts and paths — log it and answer with a generic message (map known client errors to 4xx messages).',
      },
    },
    defaultOptions: [],
    create(context) {
      const sc = context.sourceCode;
      const seen = new Set<TSESTree.Node>();
      const reported = new Set<TSESTree.Node>();

      const caught = (n: TSESTree.Node): TSESTree.Identifier | null => {
        const u = unwrap(n);
        return u.type === AST_NODE_TYPES.Identifier && isCaughtError(sc, u) ? u : null;
      };

      /** Leaks inside a response body. `asText` = the value is stringified (template, concat, String()). */
      const scan = (node: TSESTree.Node | null | undefined, out: Leak[], depth = 0, asText = false): void => {
        if (!node || depth > 5) return;
        const n = unwrap(node);
        switch (n.type) {
          case AST_NODE_TYPES.Identifier: {
            const err = caught(n);
            if (err) {
              out.push({ node: n, kind: asText ? 'message' : 'object', error: err });
              return;
            }
            const init = resolveConstInit(sc, n);
            if (init) scan(init, out, depth + 1, asText);
            return;
          }
          case AST_NODE_TYPES.MemberExpression: {
            const name = propertyName(n);
            const obj = unwrap(n.object);
            if (name === 'stack') {
              const objName = obj.type === AST_NODE_TYPES.Identifier ? obj.name : obj.type === AST_NODE_TYPES.MemberExpression ? propertyName(obj) ?? '' : '';
              if (caught(obj) || ERRORISH.test(objName)) out.push({ node: n, kind: 'stack', error: caught(obj) });
              return;
            }
            if (name === 'message') {
              const err = caught(obj);
              if (err) out.push({ node: n, kind: 'message', error: err });
            }
            return;
          }
          case AST_NODE_TYPES.ObjectExpression:
            for (const p of n.properties) {
              if (p.type === AST_NODE_TYPES.SpreadElement) scan(p.argument, out, depth + 1, asText);
              else scan(p.value, out, depth + 1, asText);
            }
            return;
          case AST_NODE_TYPES.ArrayExpression:
            for (const e of n.elements) if (e) scan(e.type === AST_NODE_TYPES.SpreadElement ? e.argument : e, out, depth + 1, asText);
            return;
          case AST_NODE_TYPES.TemplateLiteral:
            for (const e of n.expressions) scan(e, out, depth + 1, true);
            return;
          case AST_NODE_TYPES.BinaryExpression:
            if (n.operator === '+') {
              scan(n.left as TSESTree.Node, out, depth + 1, true);
              scan(n.right, out, depth + 1, true);
            }
            return;
          case AST_NODE_TYPES.LogicalExpression:
            scan(n.left, out, depth + 1, asText);
            scan(n.right, out, depth + 1, asText);
            return;
          case AST_NODE_TYPES.ConditionalExpression:
            scan(n.consequent, out, depth + 1, asText);
            scan(n.alternate, out, depth + 1, asText);
            return;
          case AST_NODE_TYPES.CallExpression: {
            // String(err), err.toString(), JSON.stringify(err)
            const callee = unwrap(n.callee);
            if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String') scan(n.arguments[0], out, depth + 1, true);
            else if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'toString') scan(callee.object, out, depth + 1, true);
            else if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'stringify') scan(n.arguments[0], out, depth + 1, false);
            return;
          }
          default:
            return;
        }
      };

      /** A catch whose error is a validation error: the try block validates, or a branch tests the error's type. */
      const knownClientError = (site: ResponseSite, err: TSESTree.Identifier): boolean => {
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
      };

      const containsValidationCall = (st: TSESTree.Node): boolean => {
        const stack: TSESTree.Node[] = [st];
        let budget = 300;
        while (stack.length && budget-- > 0) {
          const n = stack.pop()!;
          if (
            n.type === AST_NODE_TYPES.CallExpression &&
            n.callee.type === AST_NODE_TYPES.MemberExpression &&
            VALIDATION_CALL.test(propertyName(n.callee) ?? '')
          ) {
            return true;
          }
          for (const [k, v] of Object.entries(n)) {
            if (k === 'parent') continue;
            if (Array.isArray(v)) for (const c of v) if (c && typeof c.type === 'string') stack.push(c);
            if (v && typeof (v as TSESTree.Node).type === 'string') stack.push(v as TSESTree.Node);
          }
        }
        return false;
      };

      const check = (node: TSESTree.Node): void => {
        const site = responseAt(context, node);
        if (!site?.body) return;
        // An arrow's expression body is also visited as the call it is.
        if (seen.has(node)) return;
        seen.add(node);
        const leaks: Leak[] = [];
        scan(site.body, leaks);
        if (!leaks.length) return;
        const status = site.status;
        const explicit4xx = site.statusExplicit && status !== null && status >= 400 && status < 500;
        const ctx = errorContextOf(site.node);
        for (const leak of leaks) {
          if (reported.has(leak.node)) continue;
          const expr = sc.getText(leak.node);
          const data = { expr: maskedExcerpt(expr, 40, '...'), where: '' };
          if (leak.kind === 'stack') {
            reported.add(leak.node);
            context.report({ node: leak.node, messageId: 'stack', data });
            continue;
          }
          const clientError = explicit4xx && leak.error !== null && knownClientError(site, leak.error);
          if (clientError) continue;
          if (leak.kind === 'object') {
            reported.add(leak.node);
            context.report({ node: leak.node, messageId: 'errorObject', data });
            continue;
          }
          // message: in a 5xx response, or from a catch block (status known) whose error is not a known client error
          if (status !== null && status >= 500) {
            data.where = `in a ${status} response`;
          } else if (ctx?.kind === 'catch' && ctx.errorName === leak.error?.name && status !== null) {
            data.where = 'from a catch block';
          } else {
            continue;
          }
          reported.add(leak.node);
          context.report({ node: leak.node, messageId: 'message', data });
        }
      };
      return {
        CallExpression: check,
        NewExpression: check,
        AssignmentExpression: check,
        ReturnStatement: check,
        ThrowStatement: check,
        // The arrow's expression body, without a field selector (those are tested on every node).
        ArrowFunctionExpression(node) {
          check(node.body);
        },
      };
    },
  }),
});
