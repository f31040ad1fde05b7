/**
 * http-status-semantics: the status says what happened. A POST that creates a record answers
 * 201 Created, and 204 No Content / 304 Not Modified never carry a body.
 *
 * ESLint face: responses from the shared response model; "creates a record" from the shared
 * data-access model (create/insert/save of a new record — upserts excluded), attributed to the
 * POST routes whose handler (or a same-file function it calls) makes the call.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { createEslintRule, defineRule } from '../src/rule.js';
import { classifyDbNode, describeDbOperation } from '../src/analysis/data-access.js';
import { errorContextOf, responseAt, statusFix, type ResponseSite } from '../src/analysis/responses.js';
import { handlerContext, type Route } from '../src/analysis/routes.js';
import { unwrap } from '../src/analysis/values.js';

type MessageIds = 'createdWith200' | 'bodyWithNoContent' | 'useStatus';

function hasBody(body: TSESTree.Node | null): boolean {
  if (!body) return false;
  const b = unwrap(body);
  if (b.type === 'Literal' && (b.value === null || b.value === '')) return false;
  if (b.type === 'Identifier' && b.name === 'undefined') return false;
  return true;
}

export default defineRule({
  id: 'http-status-semantics',
  category: 'api-design',
  description: 'Statuses match what happened: 201 for a POST that creates a record, no body with 204/304.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'http-status-semantics',
    meta: {
      type: 'suggestion',
      docs: { description: 'A POST that creates answers 201; 204 and 304 responses have no body.' },
      hasSuggestions: true,
      schema: [],
      messages: {
        createdWith200:
          'This POST handler creates a record ({{what}}) but answers {{status}}{{how}}: answer 201 Created, with a Location header pointing at the new resource.',
        bodyWithNoContent:
          'Status {{status}} is sent with a body: {{status}} responses must not carry one — drop the body, or answer 200 if the body matters.',
        useStatus: 'Answer {{code}} instead.',
      },
    },
    defaultOptions: [],
    create(context) {
      const sc = context.sourceCode;
      const seen = new Set<TSESTree.Node>();
      const creates = new Map<Route, TSESTree.Node[]>();
      const candidates: { site: ResponseSite; routes: Route[] }[] = [];

      const onDbNode = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void => {
        const op = classifyDbNode(node, context);
        if (op?.kind !== 'create') return;
        for (const route of handlerContext(context, node)) {
          if (!route.methods.includes('POST')) continue;
          const list = creates.get(route) ?? [];
          list.push(node);
          creates.set(route, list);
        }
      };

      const onResponse = (node: TSESTree.Node): void => {
        if (seen.has(node)) return;
        seen.add(node);
        const site = responseAt(context, node);
        if (!site || site.status === null) return;
        if ((site.status === 204 || site.status === 304) && hasBody(site.body)) {
          const fix = statusFix(sc, site, 200);
          context.report({
            node: site.node,
            messageId: 'bodyWithNoContent',
            data: { status: String(site.status) },
            suggest: fix ? [{ messageId: 'useStatus', data: { code: '200' }, fix }] : [],
          });
          return;
        }
        if (site.status !== 200 || errorContextOf(site.node)) return;
        const routes = handlerContext(context, site.node).filter((r) => r.methods.includes('POST'));
        if (routes.length) candidates.push({ site, routes });
      };

      return {
        CallExpression(node) {
          onDbNode(node);
          onResponse(node);
        },
        TaggedTemplateExpression: onDbNode,
        NewExpression: onResponse,
        AssignmentExpression: onResponse,
        ReturnStatement: onResponse,
        'ArrowFunctionExpression > .body': onResponse,
        'Program:exit'() {
          for (const { site, routes } of candidates) {
            const created = routes.flatMap((r) => creates.get(r) ?? []);
            // The answer must come after the create it reports on (an early "already exists" 200 is not it).
            const before = created.filter((c) => c.range[0] < site.node.range[0] || !sameFunction(c, site.node));
            if (!before.length) continue;
            const op = classifyDbNode(before[0] as TSESTree.CallExpression, context);
            const fix = statusFix(sc, site, 201);
            context.report({
              node: site.node,
              messageId: 'createdWith200',
              data: { what: op ? describeDbOperation(op) : 'insert', status: '200', how: site.statusExplicit ? '' : ' (implicitly)' },
              suggest: fix ? [{ messageId: 'useStatus', data: { code: '201' }, fix }] : [],
            });
          }
        },
      };
    },
  }),
});

function enclosingFn(node: TSESTree.Node): TSESTree.Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return n;
  }
  return null;
}

function sameFunction(a: TSESTree.Node, b: TSESTree.Node): boolean {
  return enclosingFn(a) === enclosingFn(b);
}
