/**
 * no-query-in-loop: one awaited query per loop iteration (the N+1 pattern) turns a request into N
 * round trips to the database; a single set-based query (or a batched write) does the same work.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifyDbNode, describeDbOperation, type DbOperation } from '../src/analysis/data-access.js';
import { crossFileCallEffects, describeChain, firstEffect } from '../src/project/index.js';
import { propertyName } from '../src/analysis/imports.js';
import { getStaticNumber, mayBeExtended, resolveExpression, unwrap } from '../src/analysis/values.js';
import { inStartupFunction, isOneOffFile } from '../src/analysis/one-off.js';

type MessageIds = 'queryInLoop' | 'queryInCallback';

const ITERATION_CALLBACKS = new Set(['map', 'forEach', 'reduce', 'reduceRight', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex']);
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
// Retry loops (`for (let i = 0; i < 3; i++)`) and small fixed iterations are not N+1.
const SMALL_LOOP = 10;

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(n: TSESTree.Node): n is FunctionNode {
  return (
    n.type === AST_NODE_TYPES.FunctionDeclaration ||
    n.type === AST_NODE_TYPES.FunctionExpression ||
    n.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The query's result is waited for in this function: `await q`, or the arrow returns it to an awaited combinator. */
function awaitKind(node: TSESTree.Node): 'await' | 'return' | null {
  let child: TSESTree.Node = node;
  let p = node.parent;
  while (p && (p.type === AST_NODE_TYPES.TSAsExpression || p.type === AST_NODE_TYPES.TSNonNullExpression || p.type === AST_NODE_TYPES.ChainExpression)) {
    child = p;
    p = p.parent;
  }
  if (!p) return null;
  if (p.type === AST_NODE_TYPES.AwaitExpression) return 'await';
  if (p.type === AST_NODE_TYPES.ReturnStatement) return 'return';
  if (p.type === AST_NODE_TYPES.ArrowFunctionExpression && p.body === child) return 'return';
  return null;
}

/** A loop over something visibly small: an array literal, or a counter bounded by a small constant. */
function isSmallLoop(context: Parameters<typeof classifyDbNode>[1], loop: TSESTree.Node): boolean {
  if (loop.type === AST_NODE_TYPES.ForOfStatement) {
    return isSmallCollection(context, loop.right) || isBatchIteration(loop) || isEventStream(loop);
  }
  // `for (let from = 0; from < rows.length; from += CHUNK)`: one query per chunk is batching.
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update?.type === AST_NODE_TYPES.AssignmentExpression && loop.update.operator === '+=') {
    const step = getStaticNumber(context.sourceCode, loop.update.right);
    if (step === null || step > 1) return true;
  }
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.test?.type === AST_NODE_TYPES.BinaryExpression) {
    const t = loop.test;
    if (t.operator === '<' || t.operator === '<=') {
      const n = getStaticNumber(context.sourceCode, t.right);
      return n !== null && n <= SMALL_LOOP;
    }
  }
  return false;
}

/**
 * Methods whose async iterables deliver events over time (subscriptions, change streams, watchers):
 * handling each event as it arrives is the point, not a batch of rows loaded one by one.
 */
const EVENT_SOURCE_METHODS = new Set(['subscribe', 'watch', 'listen', 'on', 'events', 'changes', 'changeStream']);

/** `for await (const event of bus.subscribe(topic))`. */
function isEventStream(loop: TSESTree.ForOfStatement): boolean {
  if (!loop.await) return false;
  const right = unwrap(loop.right);
  if (right.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(right.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  return name !== null && EVENT_SOURCE_METHODS.has(name);
}

/** A loop without an element variable: `while`, `do…while`, `for (;;)`. */
function isPagingLoop(loop: TSESTree.Node): boolean {
  return (
    loop.type === AST_NODE_TYPES.WhileStatement ||
    loop.type === AST_NODE_TYPES.DoWhileStatement ||
    (loop.type === AST_NODE_TYPES.ForStatement && !loop.test)
  );
}

/** A literal array or object (through const bindings) with few elements, or `Object.entries(…)` of one. */
function isSmallCollection(context: Parameters<typeof classifyDbNode>[1], node: TSESTree.Node): boolean {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression && target.arguments.length === 1) {
    const callee = unwrap(target.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (name === 'entries' || name === 'keys' || name === 'values') target = unwrap(target.arguments[0]!);
  }
  // An imported UPPER_CASE constant is a fixed configuration list (`for (… of AUTOMATION_SLUGS)`).
  if (target.type === AST_NODE_TYPES.Identifier && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(target.name)) return true;
  const n = resolveExpression(context.sourceCode, target);
  const viaBinding = n !== target;
  // `const found = []` is filled later, and `ids.push(…)` grows any literal: its size says nothing.
  if (viaBinding && mayBeExtended(context.sourceCode, target)) return false;
  if (n.type === AST_NODE_TYPES.ArrayExpression) return n.elements.length <= SMALL_LOOP && (!viaBinding || n.elements.length > 0);
  if (n.type === AST_NODE_TYPES.ObjectExpression) return n.properties.length <= SMALL_LOOP && (!viaBinding || n.properties.length > 0);
  return false;
}

/**
 * A list fixed in the code, whatever its length: a `const` array or object literal (or
 * `Object.keys/values/entries` of one) that nothing pushes to or assigns into. Its size does not
 * grow with the data, so `Promise.all(DEFAULT_ROLES.map(…))` runs a known number of queries at once.
 */
function isStaticData(context: Parameters<typeof classifyDbNode>[1], node: TSESTree.Node): boolean {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression && target.arguments.length === 1) {
    const callee = unwrap(target.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (name === 'entries' || name === 'keys' || name === 'values') target = unwrap(target.arguments[0]!);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const n = resolveExpression(context.sourceCode, target);
  if (n === target || (n.type !== AST_NODE_TYPES.ArrayExpression && n.type !== AST_NODE_TYPES.ObjectExpression)) return false;
  const items = n.type === AST_NODE_TYPES.ArrayExpression ? n.elements : n.properties;
  // Elements must be data, not spreads of something else; an empty literal is filled later.
  if (items.length === 0 || items.some((e) => !e || e.type === AST_NODE_TYPES.SpreadElement)) return false;
  return !mayBeExtended(context.sourceCode, target);
}

/** `for (const chunk of chunkArray(rows, 500))`: one query per batch is the fix, not the problem. */
function isBatchIteration(loop: TSESTree.ForOfStatement): boolean {
  const BATCH = /(?:batch|chunk|page)(?:es|s)?$/i;
  const left = loop.left.type === AST_NODE_TYPES.VariableDeclaration ? loop.left.declarations[0]?.id : loop.left;
  if (left?.type === AST_NODE_TYPES.Identifier && BATCH.test(left.name)) return true;
  const right = unwrap(loop.right);
  if (right.type === AST_NODE_TYPES.Identifier && BATCH.test(right.name)) return true;
  if (right.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(right.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (name && /chunk|batch|paginat/i.test(name)) return true;
  }
  return false;
}

/**
 * The array a `.map` callback runs over is a bounded batch: a literal, `.slice(a, b)`, or a name
 * that says so (`batch`, `chunk`, `page`).
 */
function isBoundedBatch(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n.callee);
    if (name === 'slice' && n.arguments.length === 2) return true;
    if (name === 'splice' && n.arguments.length >= 2) return true;
  }
  const name = n.type === AST_NODE_TYPES.Identifier ? n.name : n.type === AST_NODE_TYPES.MemberExpression ? propertyName(n) : null;
  return !!name && /(?:batch|chunk|page|slice)(?:es|s)?$/i.test(name);
}

/** `Promise.all(x.map(cb))` or `await x.map(cb)` (rare, but awaited all the same). */
function isAwaitedMap(mapCall: TSESTree.CallExpression): boolean {
  let p: TSESTree.Node | undefined = mapCall.parent;
  if (p?.type === AST_NODE_TYPES.AwaitExpression) return true;
  if (p?.type === AST_NODE_TYPES.CallExpression && p.arguments.includes(mapCall as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(p.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_COMBINATORS.has(propertyName(callee) ?? '')) return true;
    if (callee.type === AST_NODE_TYPES.Identifier && /^(?:all|allSettled)$/.test(callee.name)) return true;
  }
  p = undefined;
  return false;
}

export default defineRule({
  id: 'no-query-in-loop',
  category: 'reliability',
  description: 'Disallow awaiting a database query inside a loop or an iteration callback (the N+1 query pattern).',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-query-in-loop',
    meta: {
      type: 'suggestion',
      docs: { description: 'Disallow awaiting a database query inside a loop or an iteration callback (the N+1 query pattern).' },
      messages: {
        queryInLoop:
          '{{what}} is awaited inside a `{{loop}}` loop: one database round trip per iteration (N+1). Load the rows in one query (`WHERE id IN (…)`, `whereIn`, `$in`, `findMany({ where: { id: { in } } })`) or batch the writes.',
        queryInCallback:
          '{{what}} runs once per element in a `.{{method}}()` callback: one database round trip per element (N+1). Load the rows in one query (`WHERE id IN (…)`, `whereIn`, `$in`) or batch the writes.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      // Migrations and seeders run once per deploy: a query per row there is not a per-request cost.
      if (isOneOffFile(context.physicalFilename ?? context.filename)) return {};
      function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
        const op: DbOperation | null = classifyDbNode(node, context);
        if (op) {
          checkQuery(op.node, () => describeDbOperation(op), op.operation === 'read' && op.kind === 'list' && op.bounded);
          return;
        }
        // A call into another file whose function (transitively) queries: the same N+1.
        if (node.type !== AST_NODE_TYPES.CallExpression || !awaitKind(node)) return;
        checkQuery(node, () => {
          const cross = crossFileCallEffects(context, node);
          const query = cross ? firstEffect(cross, ['query']) : null;
          return query ? `The query reached through ${describeChain(context, query.hops)} (${query.what})` : null;
        }, false);
      }
      /**
       * Reports `node` when it is awaited once per iteration. `describe` names the query (null: not a
       * query after all); it runs only once a loop is found, since following calls costs more.
       */
      function checkQuery(node: TSESTree.Node, describe: () => string | null, boundedPage: boolean): void {
        const how = awaitKind(node);
        if (!how) return;
        let startup: boolean | undefined;
        let child: TSESTree.Node = node;
        for (let p: TSESTree.Node | undefined = node.parent; p; child = p, p = p.parent) {
          switch (p.type) {
            case AST_NODE_TYPES.ForStatement:
            case AST_NODE_TYPES.ForOfStatement:
            case AST_NODE_TYPES.ForInStatement:
            case AST_NODE_TYPES.WhileStatement:
            case AST_NODE_TYPES.DoWhileStatement: {
              // Only the body runs per iteration; a `for … of await q` source runs once.
              if (p.body !== child || how !== 'await') break;
              if (isSmallLoop(context, p)) return;
              // `while (true) { const rows = await q.limit(1000) … }`: walking a table page by page.
              if (isPagingLoop(p) && boundedPage) return;
              const loop =
                p.type === AST_NODE_TYPES.ForOfStatement ? 'for…of' :
                p.type === AST_NODE_TYPES.ForInStatement ? 'for…in' :
                p.type === AST_NODE_TYPES.WhileStatement ? 'while' :
                p.type === AST_NODE_TYPES.DoWhileStatement ? 'do…while' : 'for';
              if ((startup ??= inStartupFunction(node))) return;
              const what = describe();
              if (what) context.report({ node, messageId: 'queryInLoop', data: { what, loop } });
              return;
            }
            default:
              break;
          }
          if (isFunction(p)) {
            const call = p.parent;
            if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== p) return;
            const callee = unwrap(call.callee);
            if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
            const method = propertyName(callee);
            if (!method || !ITERATION_CALLBACKS.has(method)) return;
            // A callback that neither awaits nor returns the query does not wait per element.
            if (how === 'await' && !p.async) return;
            if (isBoundedBatch(callee.object) || isSmallCollection(context, callee.object) || isStaticData(context, callee.object)) return;
            if (method === 'forEach' || method === 'reduce' || method === 'reduceRight') {
              // forEach fires every callback at once; an async reduce chains them one by one.
              if (!p.async) return;
            } else if (!isAwaitedMap(call)) {
              return;
            }
            if ((startup ??= inStartupFunction(node))) return;
            const what = describe();
            if (what) context.report({ node, messageId: 'queryInCallback', data: { what, method } });
            return;
          }
        }
      }
      return {
        CallExpression: check,
        TaggedTemplateExpression: check,
      };
    },
  }),
});
