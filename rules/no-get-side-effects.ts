/**
 * no-get-side-effects: GET and HEAD are safe methods — clients, crawlers, prefetchers and caches
 * call them freely and repeat them at will, so they must not change state.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifyDbTaggedTemplate, classifySideEffect, describeDbOperation, type SideEffect } from '../src/analysis/data-access.js';
import { handlerContext, type Route } from '../src/analysis/routes.js';

type MessageIds = 'sideEffect';

const KIND_TEXT: Record<SideEffect['kind'], string> = {
  'db-write': 'writes to the database',
  'fs-write': 'writes to the file system',
  http: 'sends a state-changing HTTP request',
  message: 'sends a message (mail/queue)',
};

function safeRoute(routes: readonly Route[]): { route: Route; method: string } | null {
  for (const route of routes) {
    for (const m of route.methods) if (m === 'GET' || m === 'HEAD') return { route, method: m };
  }
  return null;
}

export default defineRule({
  id: 'no-get-side-effects',
  category: 'api-design',
  description: 'GET and HEAD operations must be safe: no database writes, file writes, mutating outbound requests, mail or queue messages, and no request body.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-get-side-effects',
    meta: {
      type: 'problem',
      docs: { description: 'GET and HEAD operations must be safe: no database writes, file writes, mutating outbound requests, mail or queue messages, and no request body.' },
      messages: {
        sideEffect:
          'The {{method}} {{path}} handler {{kind}} ({{what}}). {{method}} must be safe — clients, crawlers and caches repeat it freely: move the change to a POST, PUT, PATCH or DELETE route.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      function report(node: TSESTree.Node, kind: SideEffect['kind'], what: string): void {
        const hit = safeRoute(handlerContext(context, node));
        if (!hit) return;
        const path = hit.route.path ?? hit.route.localPath ?? '(dynamic path)';
        context.report({ node, messageId: 'sideEffect', data: { method: hit.method, path, kind: KIND_TEXT[kind], what } });
      }
      return {
        CallExpression(node) {
          const effect = classifySideEffect(node, context);
          if (effect) report(node, effect.kind, effect.what);
        },
        TaggedTemplateExpression(node) {
          const op = classifyDbTaggedTemplate(node, context);
          if (op?.operation === 'write') report(node, 'db-write', describeDbOperation(op));
        },
      };
    },
  }),
});
