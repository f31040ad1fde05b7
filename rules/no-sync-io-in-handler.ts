/**
 * no-sync-io-in-handler: Node serves every request on one thread. A synchronous file read, child
 * process or key derivation inside a handler stops that thread — every other request in flight
 * waits until it finishes.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifySyncIo } from '../src/analysis/data-access.js';
import { enclosingRequestHandler, getRouteModel, handlerContext, type Route } from '../src/analysis/routes.js';
import { crossFileCallEffects, describeChain, externalHandlerEffects, firstEffect, type CrossFileEffects } from '../src/project/index.js';

type MessageIds = 'syncIo' | 'syncIoVia';

export default defineRule({
  id: 'no-sync-io-in-handler',
  category: 'reliability',
  description: 'Disallow blocking *Sync calls of fs, child_process, crypto and zlib inside request handlers and the functions they call.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-sync-io-in-handler',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow blocking *Sync calls of fs, child_process, crypto and zlib inside request handlers and the functions they call.' },
      messages: {
        syncIo:
          '`{{what}}` blocks the event loop inside {{where}}: every other request waits until it returns. Use {{alternative}} and await it, or do the work once at startup.',
        syncIoVia:
          'The call {{chain}} blocks the event loop with `{{what}}` inside {{where}}: every other request waits until it returns. Make that function asynchronous, or do the work once at startup.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      function whereOf(routes: readonly Route[], node: TSESTree.Node): string | null {
        if (routes.length > 0) {
          const r = routes[0]!;
          return `the ${r.methods.join('/')} ${r.path ?? r.localPath ?? '(dynamic path)'} handler`;
        }
        return enclosingRequestHandler(context, node) ? 'a request handler' : null;
      }
      /** Blocking I/O reached through another file, unless that file's own report covers it. */
      function reportCrossFile(node: TSESTree.Node, where: string, cross: CrossFileEffects): void {
        const io = firstEffect(cross, ['sync-io']);
        if (!io || io.inHandler) return;
        context.report({ node, messageId: 'syncIoVia', data: { chain: describeChain(context, io.hops), what: io.what, where } });
      }
      return {
        Program() {
          for (const route of getRouteModel(context).routes) {
            const where = whereOf([route], route.node);
            if (!where) continue;
            for (const handler of externalHandlerEffects(context, route)) reportCrossFile(handler.node, where, handler);
          }
        },
        CallExpression(node: TSESTree.CallExpression) {
          const io = classifySyncIo(node, context);
          if (!io) {
            const where = whereOf(handlerContext(context, node), node);
            const cross = where ? crossFileCallEffects(context, node) : null;
            if (cross) reportCrossFile(node, where!, cross);
            return;
          }
          const where = whereOf(handlerContext(context, node), node);
          if (!where) return;
          context.report({ node, messageId: 'syncIo', data: { what: io.what, where, alternative: io.alternative } });
        },
      };
    },
  }),
});
