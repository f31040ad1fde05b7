/**
 * no-swallowed-errors: an error caught and dropped leaves no trace — the request "succeeds", the
 * data is half-written, and nobody learns why. Every catch must rethrow, answer with an error, log,
 * or hand the error on (`next(err)`), or say in a comment why ignoring it is right.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { maskedExcerpt } from '../src/analysis/secrets.js';
import { propertyName } from '../src/analysis/imports.js';
import { memberChainName, unwrap } from '../src/analysis/values.js';
import { pushChildren } from '../src/analysis/walk.js';
import { isPredicateName } from '../src/analysis/names.js';

type MessageIds = 'swallowedCatch' | 'swallowedPromiseCatch';

const INTENTIONAL = /intentionally\s+ignored\s*:\s*\S/i;
// A call whose name says it reports or records the error counts as logging.
const LOGGING_NAME = /^(?:log|logs|logger|logging|console|debug|trace|warn|warning|error|errors|fatal|info|report|reporter|capture|captureException|captureError|captureMessage|notify|notifier|alert|sentry|bugsnag|rollbar|newrelic|honeybadger|track|emit|fail|reject|abort|exit|kill|onError|handleError|errorHandler|handle)$/i;
const LOGGING_WORDS = /(?:^|[a-z])(?:log|Log|report|Report|capture|Capture|notify|Notify|warn|Warn|error|Error|fail|Fail)/;
// Handing the error (or anything) to the framework's continuation passes it on.
const CONTINUATIONS = new Set(['next', 'done', 'cb', 'callback', 'reject', 'fail']);
const RESPONSE_ROOTS = new Set(['res', 'response', 'reply', 'ctx', 'c', 'h', 'context', 'rep']);

type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(n: TSESTree.Node): boolean {
  return (
    n.type === AST_NODE_TYPES.FunctionDeclaration ||
    n.type === AST_NODE_TYPES.FunctionExpression ||
    n.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

function rootName(node: TSESTree.Node): string | null {
  let n = unwrap(node);
  for (;;) {
    if (n.type === AST_NODE_TYPES.Identifier) return n.name;
    if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
    if (n.type === AST_NODE_TYPES.MemberExpression) n = unwrap(n.object);
    else if (n.type === AST_NODE_TYPES.CallExpression) n = unwrap(n.callee);
    else if (n.type === AST_NODE_TYPES.ChainExpression) n = n.expression;
    else return null;
  }
}

/** Is this call logging, reporting, responding or passing the error on? */
function isHandlingCall(call: TSESTree.CallExpression, errorNames: ReadonlySet<string>): boolean {
  const callee = unwrap(call.callee);
  // Cheapest signals first: the called name, then the receiver root, then the whole chain.
  if (callee.type === AST_NODE_TYPES.Identifier && CONTINUATIONS.has(callee.name)) return true;
  const last = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (last && (LOGGING_NAME.test(last) || LOGGING_WORDS.test(last))) return true;
  const root = rootName(callee);
  if (root && RESPONSE_ROOTS.has(root)) return true; // res.status(500).json(…), ctx.throw(…), reply.send(…)
  const chain = memberChainName(callee);
  if (chain && chain.split('.').some((p) => LOGGING_NAME.test(p))) return true;
  // Anything the error itself is handed to (`errors.push(err)`, `span.recordException(err)`).
  return call.arguments.some((a) => mentions(a, errorNames));
}

function mentions(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.Identifier:
      return names.has(n.name);
    case AST_NODE_TYPES.MemberExpression:
      return mentions(n.object, names);
    case AST_NODE_TYPES.ChainExpression:
      return mentions(n.expression, names);
    case AST_NODE_TYPES.ObjectExpression:
      return n.properties.some((p) => (p.type === AST_NODE_TYPES.Property ? mentions(p.value, names) : mentions(p.argument, names)));
    case AST_NODE_TYPES.ArrayExpression:
      return n.elements.some((e) => !!e && mentions(e.type === AST_NODE_TYPES.SpreadElement ? e.argument : e, names));
    case AST_NODE_TYPES.TemplateLiteral:
      return n.expressions.some((e) => mentions(e, names));
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return (n.left.type !== AST_NODE_TYPES.PrivateIdentifier && mentions(n.left, names)) || mentions(n.right, names);
    case AST_NODE_TYPES.ConditionalExpression:
      return mentions(n.consequent, names) || mentions(n.alternate, names);
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
      return n.arguments.some((a) => mentions(a, names)) || mentions(n.callee, names);
    case AST_NODE_TYPES.AwaitExpression:
      return mentions(n.argument, names);
    default:
      return false;
  }
}

/** A returned value that carries the failure on (not a silent fallback such as `false`/`null`). */
function isErrorReturn(arg: TSESTree.Node, errorNames: ReadonlySet<string>): boolean {
  const n = unwrap(arg);
  if (mentions(n, errorNames)) return true;
  if (n.type === AST_NODE_TYPES.NewExpression) return true; // `return new HttpError(…)`
  if (n.type === AST_NODE_TYPES.CallExpression) {
    const chain = memberChainName(n.callee) ?? '';
    if (/^Promise\.reject$/.test(chain)) return true;
    return isHandlingCall(n, errorNames);
  }
  if (n.type === AST_NODE_TYPES.ObjectExpression) {
    return n.properties.some((p) => {
      if (p.type !== AST_NODE_TYPES.Property) return false;
      const key = propertyName(p);
      if (key === 'error' || key === 'errors' || key === 'err') return true;
      if ((key === 'success' || key === 'ok') && p.value.type === AST_NODE_TYPES.Literal && p.value.value === false) return true;
      return false;
    });
  }
  return false;
}

/**
 * Walk a handler body (not into nested functions except callbacks it passes on) and decide
 * whether it handles the error.
 */
function handles(body: TSESTree.Node, errorNames: ReadonlySet<string>, keys: TSESLint.SourceCode.VisitorKeys): boolean {
  const stack: TSESTree.Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case AST_NODE_TYPES.ThrowStatement:
        return true;
      case AST_NODE_TYPES.ReturnStatement:
        if (node.argument && isErrorReturn(node.argument, errorNames)) return true;
        break;
      case AST_NODE_TYPES.CallExpression:
        if (isHandlingCall(node, errorNames)) return true;
        break;
      case AST_NODE_TYPES.NewExpression:
        // `new Promise(…)` etc. is neutral; a constructed error that is not thrown is still not handling.
        break;
      case AST_NODE_TYPES.AssignmentExpression: {
        // Storing the error (`this.lastError = err`), or setting an error status (`ctx.status = 500`).
        if (mentions(node.right, errorNames)) return true;
        const root = rootName(node.left);
        if (root && RESPONSE_ROOTS.has(root)) return true;
        if (node.left.type === AST_NODE_TYPES.MemberExpression && /^(?:exitCode|statusCode|status)$/.test(propertyName(node.left) ?? '')) return true;
        break;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.init && mentions(node.init, errorNames)) return true;
        break;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.SwitchStatement:
        // Inspecting the error (`if (err.code === 'ENOENT')`) is a deliberate, selective handling.
        if (mentions(node.type === AST_NODE_TYPES.SwitchStatement ? node.discriminant : node.test, errorNames)) return true;
        if (node.type === AST_NODE_TYPES.IfStatement && node.test.type === AST_NODE_TYPES.BinaryExpression && node.test.operator === 'instanceof' && mentions(node.test.left as TSESTree.Node, errorNames)) return true;
        break;
      default:
        break;
    }
    pushChildren(stack, node, keys);
  }
  return false;
}

function paramNames(param: TSESTree.Node | null | undefined): Set<string> {
  const out = new Set<string>();
  const visit = (p: TSESTree.Node | null | undefined): void => {
    if (!p) return;
    if (p.type === AST_NODE_TYPES.Identifier) out.add(p.name);
    else if (p.type === AST_NODE_TYPES.ObjectPattern) {
      for (const prop of p.properties) visit(prop.type === AST_NODE_TYPES.Property ? prop.value : prop.argument);
    } else if (p.type === AST_NODE_TYPES.ArrayPattern) p.elements.forEach((e) => visit(e));
    else if (p.type === AST_NODE_TYPES.AssignmentPattern) visit(p.left);
    else if (p.type === AST_NODE_TYPES.RestElement) visit(p.argument);
  };
  visit(param);
  return out;
}

function enclosingFunctionName(node: TSESTree.Node): string | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.FunctionDeclaration || p.type === AST_NODE_TYPES.FunctionExpression || p.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      if (p.type !== AST_NODE_TYPES.ArrowFunctionExpression && p.id) return p.id.name;
      const q = p.parent;
      if (q?.type === AST_NODE_TYPES.VariableDeclarator && q.id.type === AST_NODE_TYPES.Identifier) return q.id.name;
      if ((q?.type === AST_NODE_TYPES.Property || q?.type === AST_NODE_TYPES.MethodDefinition || q?.type === AST_NODE_TYPES.PropertyDefinition) && q.key.type === AST_NODE_TYPES.Identifier) return q.key.name;
      return null;
    }
  }
  return null;
}

/**
 * `isValidUrl(s) { try { new URL(s); return true; } catch { return false; } }`: in a function whose
 * name asks a yes/no question, the error *is* the answer "no" (or "yes": `hasExpired`), so
 * answering a boolean from the catch handles it. Only a catch that does nothing but return a
 * boolean literal, in a function named as a predicate.
 */
function isPredicateAnswer(clause: TSESTree.CatchClause): boolean {
  const body = clause.body.body.filter((s) => s.type !== AST_NODE_TYPES.EmptyStatement);
  if (body.length !== 1) return false;
  const only = body[0]!;
  if (only.type !== AST_NODE_TYPES.ReturnStatement || !only.argument) return false;
  const arg = unwrap(only.argument);
  if (arg.type !== AST_NODE_TYPES.Literal || typeof arg.value !== 'boolean') return false;
  return isPredicateName(enclosingFunctionName(clause));
}

/** A retry loop: the catch sits directly in a loop whose try block returns or breaks on success. */
function isRetryCatch(clause: TSESTree.CatchClause): boolean {
  const tryStmt = clause.parent;
  if (tryStmt?.type !== AST_NODE_TYPES.TryStatement) return false;
  let p: TSESTree.Node | undefined = tryStmt.parent;
  if (p?.type === AST_NODE_TYPES.BlockStatement) p = p.parent;
  if (
    !p ||
    (p.type !== AST_NODE_TYPES.ForStatement && p.type !== AST_NODE_TYPES.WhileStatement && p.type !== AST_NODE_TYPES.DoWhileStatement && p.type !== AST_NODE_TYPES.ForOfStatement)
  ) {
    return false;
  }
  return tryStmt.block.body.some((s) => s.type === AST_NODE_TYPES.ReturnStatement || s.type === AST_NODE_TYPES.BreakStatement);
}

export default defineRule({
  id: 'no-swallowed-errors',
  category: 'reliability',
  description: 'Disallow catch blocks and .catch() callbacks that drop the error without rethrowing, answering with an error, logging or passing it on.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-swallowed-errors',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow catch blocks and .catch() callbacks that drop the error without rethrowing, answering with an error, logging or passing it on.' },
      messages: {
        swallowedCatch:
          'This catch block swallows the error{{fallback}}: it neither rethrows, answers with an error, logs, nor passes it on (`next(err)`). Handle it, or document why with `// intentionally ignored: <reason>`.',
        swallowedPromiseCatch:
          'This `.catch()` callback swallows the rejection{{fallback}}: it neither rethrows, answers with an error, logs, nor passes it on (`next(err)`). Handle it, or document why with `// intentionally ignored: <reason>`.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      const keys = sourceCode.visitorKeys as TSESLint.SourceCode.VisitorKeys;

      /** Whether the file holds the marker at all (any comment's text is part of it); asked once, lazily. */
      let markerInFile: boolean | undefined;

      function documented(node: TSESTree.Node): boolean {
        markerInFile ??= INTENTIONAL.test(sourceCode.text);
        if (!markerInFile) return false;
        // The comment may sit inside the handler or on the line that opens it.
        const comments = sourceCode.getCommentsInside(node);
        if (comments.some((c) => INTENTIONAL.test(c.value))) return true;
        const before = sourceCode.getCommentsBefore(node);
        if (before.some((c) => INTENTIONAL.test(c.value))) return true;
        const line = node.loc.start.line;
        return sourceCode.getAllComments().some((c) => (c.loc.start.line === line || c.loc.end.line === line - 1) && INTENTIONAL.test(c.value));
      }

      function fallbackText(body: TSESTree.Node): string {
        // Name the silent fallback so the finding is concrete: `catch { return false }`.
        if (body.type !== AST_NODE_TYPES.BlockStatement) {
          return ` (it resolves to \`${maskedExcerpt(sourceCode.getText(body), 40, '')}\`)`;
        }
        const ret = body.body.find((s): s is TSESTree.ReturnStatement => s.type === AST_NODE_TYPES.ReturnStatement);
        if (ret?.argument) return ` (it returns \`${maskedExcerpt(sourceCode.getText(ret.argument), 40, '')}\` instead)`;
        return body.body.length === 0 ? ' (the block is empty)' : '';
      }

      return {
        CatchClause(node) {
          const names = paramNames(node.param);
          if (handles(node.body, names, keys)) return;
          if (documented(node)) return;
          if (isRetryCatch(node)) return;
          if (isPredicateAnswer(node)) return;
          const catchToken = sourceCode.getFirstToken(node)!;
          context.report({
            loc: catchToken.loc,
            messageId: 'swallowedCatch',
            data: { fallback: fallbackText(node.body) },
          });
        },
        // A plain listener rather than the selector `CallExpression > MemberExpression.callee[property.name="catch"]`,
        // which ESLint would match attribute by attribute against every member expression.
        CallExpression(call) {
          const callee = call.callee;
          if (callee.type !== AST_NODE_TYPES.MemberExpression || (callee.property as { name?: string }).name !== 'catch') return;
          const cb = call.arguments[0];
          if (!cb || (cb.type !== AST_NODE_TYPES.ArrowFunctionExpression && cb.type !== AST_NODE_TYPES.FunctionExpression)) return;
          const fn = cb as FunctionNode;
          const names = paramNames(fn.params[0]);
          const body = fn.body;
          if (body.type !== AST_NODE_TYPES.BlockStatement) {
            // `.catch(() => null)`: an expression body is a returned value.
            if (isErrorReturn(body, names) || (body.type === AST_NODE_TYPES.CallExpression && isHandlingCall(body, names))) return;
            if (body.type === AST_NODE_TYPES.AssignmentExpression && handles(body, names, keys)) return;
          } else if (handles(body, names, keys)) {
            return;
          }
          if (documented(fn)) return;
          context.report({ node: fn, messageId: 'swallowedPromiseCatch', data: { fallback: fallbackText(body) } });
        },
      };
    },
  }),
});
