/**
 * require-pagination: a list endpoint without a bound returns every row it matches — fine with the
 * seed data, an outage once the table grows. Both faces look for the same thing: a collection GET
 * with no page size.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifyDbNode, describeDbOperation, isExecuted, type DbOperation } from '../src/analysis/data-access.js';
import { handlerContext, type Route } from '../src/analysis/routes.js';
import { propertyName } from '../src/analysis/imports.js';
import { unwrap } from '../src/analysis/values.js';

type MessageIds = 'unboundedList';

function boundHint(op: DbOperation): string {
  if (op.sql) return 'a `LIMIT` (or `FETCH FIRST … ROWS ONLY` / `TOP`)';
  switch (op.library) {
    case 'prisma':
      return '`take` (with `skip` or a `cursor`)';
    case 'sequelize':
      return '`limit` (with `offset`)';
    case 'typeorm':
      return op.chained ? '`.take()` (with `.skip()`)' : '`take` (with `skip`)';
    case 'mongoose':
    case 'mongodb':
      return '`.limit()` (with `.skip()` or a range filter)';
    case 'drizzle':
      return '`.limit()` (with `.offset()`)';
    case 'knex':
      return '`.limit()` (with `.offset()`)';
    default:
      return 'a limit (`limit`/`take`/`.limit()`)';
  }
}

/** Inside `Promise.all([...])` the query is awaited as part of the array. */
function isAwaitedInCombinator(node: TSESTree.Node): boolean {
  const p = node.parent;
  if (p?.type !== AST_NODE_TYPES.ArrayExpression) return false;
  const call = p.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && /^(?:all|allSettled)$/.test(propertyName(callee) ?? '');
}

function getRoute(routes: readonly Route[]): Route | null {
  return routes.find((r) => r.methods.includes('GET')) ?? null;
}

export default defineRule({
  id: 'require-pagination',
  category: 'api-design',
  description: 'Collection GET operations must be paginated: list queries need a bound, and collection responses need a bounded page-size parameter.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'require-pagination',
    meta: {
      type: 'suggestion',
      docs: { description: 'Collection GET operations must be paginated: list queries need a bound, and collection responses need a bounded page-size parameter.' },
      messages: {
        unboundedList:
          'The GET {{path}} handler runs an unbounded list query ({{what}}): it returns every matching row, however many there are. Add {{hint}} taken from a capped page-size parameter.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
        const op = classifyDbNode(node, context);
        if (!op || op.operation !== 'read' || op.kind !== 'list' || op.bounded) return;
        // A builder that is not run here (`const q = knex('t').where(…)`) may get its limit later.
        if (op.chained && !isExecuted(op.node) && !isAwaitedInCombinator(op.node)) return;
        const route = getRoute(handlerContext(context, op.node));
        if (!route) return;
        const path = route.path ?? route.localPath ?? '(dynamic path)';
        context.report({ node: op.node, messageId: 'unboundedList', data: { path, what: describeDbOperation(op), hint: boundHint(op) } });
      }
      return { CallExpression: check, TaggedTemplateExpression: check };
    },
  }),
});
