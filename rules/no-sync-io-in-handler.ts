/**
 * no-sync-io-in-handler: Node serves every request on one thread. A synchronous file read, child
 * process or key derivation inside a handler stops that thread — every other request in flight
 * waits until it finishes.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifySyncIo } from '../src/analysis/data-access.js';
import { enclosingRequestHandler, handlerContext } from '../src/analysis/routes.js';

type MessageIds = 'syncIo';

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
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const io = classifySyncIo(node, context);
          if (!io) return;
          const routes = handlerContext(context, node);
          let where: string | null = null;
          if (routes.length > 0) {
            const r = routes[0]!;
            where = `the ${r.methods.join('/')} ${r.path ?? r.localPath ?? '(dynamic path)'} handler`;
          } else if (enclosingRequestHandler(context, node)) {
            where = 'a request handler';
          }
          if (!where) return;
          context.report({ node, messageId: 'syncIo', data: { what: io.what, where, alternative: io.alternative } });
        },
      };
    },
  }),
});
