/**
 * spec-drift: the code and its OpenAPI document describe the same API — every route is documented,
 * every documented operation is implemented, every status a handler answers is listed for its
 * operation, and routes and operations agree on their path parameters.
 *
 * All of it is the drift check in src/drift (pairing, matching, the four kinds); this face reports
 * the code side for the file being linted: undocumented routes and parameter-count differences at
 * the route declaration, undocumented statuses at the status site (a service or helper file too,
 * when it is linted). Operations no route implements are document-side: the CLI reports them on the
 * document (src/pipeline), since ESLint lints code files only.
 */
import { createEslintRule, defineRule } from '../src/rule.js';
import { driftForLintedFile } from '../src/drift/index.js';
import type { DriftPairing } from '../src/config/schema.js';

type MessageIds = 'drift';
type Options = [{ pairs?: DriftPairing[]; baseDir?: string }];

export default defineRule({
  id: 'spec-drift',
  category: 'api-contract',
  description: 'Code and its OpenAPI document agree: routes documented, operations implemented, statuses listed, path parameters matching.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<Options, MessageIds>({
    name: 'spec-drift',
    meta: {
      type: 'problem',
      docs: { description: 'Code and its OpenAPI document agree: routes documented, operations implemented, statuses listed, path parameters matching.' },
      messages: { drift: '{{message}}' },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            pairs: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['spec', 'code'],
                properties: {
                  spec: { type: 'string', minLength: 1 },
                  code: { type: 'array', items: { type: 'string', minLength: 1 } },
                  prefix: { type: 'string', pattern: '^/' },
                },
              },
            },
            baseDir: { type: 'string' },
          },
        },
      ],
    },
    defaultOptions: [{}],
    create(context, [options]) {
      return {
        'Program:exit'() {
          let found;
          try {
            found = driftForLintedFile(context, {
              ...(options.pairs ? { pairs: options.pairs } : {}),
              ...(options.baseDir ? { baseDir: options.baseDir } : {}),
            });
          } catch {
            // intentionally ignored: a project the drift check cannot read reports nothing
            return;
          }
          for (const f of found) {
            context.report({
              loc: { start: { line: f.line, column: f.column - 1 }, end: { line: f.line, column: f.column - 1 } },
              messageId: 'drift',
              data: { message: f.message },
            });
          }
        },
      };
    },
  }),
});
