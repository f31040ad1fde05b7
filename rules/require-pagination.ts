/**
 * require-pagination: a list endpoint without a bound returns every row it matches — fine with the
 * seed data, an outage once the table grows. Both faces look for the same thing: a collection GET
 * with no page size.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifyDbNode, describeDbOperation, isExecuted, type DbOperation } from '../src/analysis/data-access.js';
import { getRouteModel, handlerContext, type Route } from '../src/analysis/routes.js';
import { propertyName } from '../src/analysis/imports.js';
import { crossFileCallEffects, describeChain, externalHandlerEffects, firstEffect, type CrossFileEffects } from '../src/project/index.js';
import { unwrap } from '../src/analysis/values.js';
import { collectionOf, effectiveSchema, indexFunction, successJsonMedia, type OperationInfo, type ParameterInfo, type SpectralResult } from '../src/openapi/index.js';

type MessageIds = 'unboundedList';

function boundHint(op: Pick<DbOperation, 'sql' | 'chained'> & { library: string }): string {
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
  spectral: requirePaginationSpectral,
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
      // Only handlers of routes declared in this file are judged: no routes, nothing to do.
      if (getRouteModel(context).routes.length === 0) return {};
      function reportCrossFile(node: TSESTree.Node, route: Route, cross: CrossFileEffects): void {
        const list = firstEffect(cross, ['unbounded-list']);
        if (!list) return;
        const path = route.path ?? route.localPath ?? '(dynamic path)';
        const what = `${describeChain(context, list.hops)}: ${list.what}`;
        context.report({ node, messageId: 'unboundedList', data: { path, what, hint: boundHint({ library: list.library ?? '', sql: null, chained: false }) } });
      }
      function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
        const op = classifyDbNode(node, context);
        if (!op && node.type === AST_NODE_TYPES.CallExpression) {
          // A call into a service or repository of another file that runs the list query.
          if (!isExecuted(node) && !isAwaitedInCombinator(node)) return;
          const route = getRoute(handlerContext(context, node));
          const cross = route ? crossFileCallEffects(context, node) : null;
          if (route && cross) reportCrossFile(node, route, cross);
          return;
        }
        if (!op || op.operation !== 'read' || op.kind !== 'list' || op.bounded) return;
        // A builder that is not run here (`const q = knex('t').where(…)`) may get its limit later.
        if (op.chained && !isExecuted(op.node) && !isAwaitedInCombinator(op.node)) return;
        const route = getRoute(handlerContext(context, op.node));
        if (!route) return;
        const path = route.path ?? route.localPath ?? '(dynamic path)';
        context.report({ node: op.node, messageId: 'unboundedList', data: { path, what: describeDbOperation(op), hint: boundHint(op) } });
      }
      return {
        Program() {
          for (const route of getRouteModel(context).routes) {
            if (!route.methods.includes('GET')) continue;
            for (const handler of externalHandlerEffects(context, route)) reportCrossFile(handler.node, route, handler);
          }
        },
        CallExpression: check,
        TaggedTemplateExpression: check,
      };
    },
  }),
});

// ---- Spectral face -------------------------------------------------------------------------------

/** Query parameter names compared without case, `_`, `-`, `[`, `]`, `$` (`page[size]` → pagesize). */
function normaliseParam(name: string): string {
  return name.toLowerCase().replace(/[-_[\]$.]/g, '');
}

/** Parameters that set how many items a page holds: these need a `maximum`. */
const SIZE_PARAMS = new Set(['limit', 'perpage', 'pagesize', 'top', 'maxresults', 'first', 'last']);
/** Parameters that select a page: with a size parameter or alone (`page` alone counts). */
const POSITION_PARAMS = new Set([
  'page', 'offset', 'cursor', 'after', 'before', 'pagetoken', 'nextpagetoken', 'startingafter', 'endingbefore',
  'pagenumber', 'pagecursor', 'pageafter', 'pagebefore', 'pageoffset', 'skip', 'marker', 'continuationtoken', 'since',
]);

function hasMaximum(index: { root: unknown }, p: ParameterInfo): boolean {
  const schema = effectiveSchema(index.root, p.schema);
  if (!schema) return false;
  if (typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number') return true;
  return Array.isArray(schema.enum) && schema.enum.length > 0;
}

function paginationResults(index: { root: unknown }, op: OperationInfo, extra: ReadonlySet<string>): SpectralResult[] {
  const shape = successJsonMedia(op)
    .map(({ media }) => collectionOf(index.root, media.schema))
    .find((s) => s !== undefined);
  if (!shape) return [];
  const label = `GET ${op.path}`;
  const what = shape.kind === 'array' ? 'an array' : `an envelope whose \`${shape.property}\` is an array`;
  const query = op.parameters.filter((p) => p.in === 'query');
  const size = query.filter((p) => SIZE_PARAMS.has(normaliseParam(p.name)));
  const position = query.filter((p) => POSITION_PARAMS.has(normaliseParam(p.name)) || extra.has(normaliseParam(p.name)));
  if (size.length === 0 && position.length === 0) {
    return [{
      message: `${label} returns a collection (${what}) but has no pagination query parameter: add a page size (\`limit\`, \`per_page\`, \`page_size\`) with a \`maximum\`, and a page position (\`page\`, \`offset\`, \`cursor\`).`,
      path: op.jsonPath,
    }];
  }
  return size
    .filter((p) => !hasMaximum(index, p))
    .map((p) => ({
      message: `Page-size parameter \`${p.name}\` of ${label} has no \`maximum\`: cap it (e.g. \`maximum: 100\`) so one request cannot ask for the whole collection.`,
      path: p.jsonPath,
    }));
}

function requirePaginationSpectral(options: Record<string, unknown>) {
  // `parameters`: extra query parameter names a team uses for pagination (they count as positions).
  const extra = new Set(Array.isArray(options.parameters) ? options.parameters.filter((x): x is string => typeof x === 'string').map(normaliseParam) : []);
  return {
    given: '$',
    then: {
      function: indexFunction((index) =>
        index.operations.filter((op) => !op.isWebhook && op.method === 'get' && op.kind === 'list').flatMap((op) => paginationResults(index, op, extra)),
      ),
    },
  };
}
