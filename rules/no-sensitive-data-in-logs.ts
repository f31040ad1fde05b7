/**
 * no-sensitive-data-in-logs: passwords, tokens, secrets, credentials and whole request parts stay
 * out of logs. Logs are copied to log shippers, dashboards and support tickets, and are kept far
 * longer and read by far more people than the data they came from.
 *
 * Recognition of logger calls and of sensitive reads lives in src/analysis/logging.ts; words in
 * message strings never count (`'invalid password'` is a message, not a password).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { maskedExcerpt } from '../src/analysis/secrets.js';
import { getImportTracker } from '../src/analysis/imports.js';
import { importsLogger, isLoggerCall, sensitiveRead } from '../src/analysis/logging.js';

type MessageIds = 'sensitiveValue' | 'wholeRequestPart';

const MAX_SHOWN = 40;

function onlyLiterals(args: readonly TSESTree.CallExpressionArgument[]): boolean {
  for (const a of args) if (a.type !== AST_NODE_TYPES.Literal) return false;
  return true;
}

export default defineRule({
  id: 'no-sensitive-data-in-logs',
  category: 'security',
  description: 'Disallow logging passwords, secrets, tokens, authorization headers, cookies, card data, or whole request bodies, headers and cookies.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-sensitive-data-in-logs',
    meta: {
      type: 'problem',
      docs: {
        description:
          'Disallow logging passwords, secrets, tokens, authorization headers, cookies, card data, or whole request bodies, headers and cookies.',
      },
      schema: [],
      messages: {
        sensitiveValue:
          '`{{expr}}` ({{what}}) is written to the log. Log a non-secret identifier or a masked form instead, or configure redaction in the logger.',
        wholeRequestPart:
          '`{{expr}}` writes {{what}} to the log, which can carry passwords, tokens and personal data. Log only the specific fields you need, or configure redaction in the logger.',
      },
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      const tracker = getImportTracker(context);
      const fileImportsLogger = importsLogger(tracker);
      return {
        CallExpression(call) {
          if (call.arguments.length === 0) return;
          // A bare-function callee is judged by resolving its binding. A literal argument is a
          // message, never data (sensitiveRead says so too), so a call passing only literals
          // (`require('x')`, `debug('starting')`) is skipped before that.
          if (call.callee.type === AST_NODE_TYPES.Identifier && onlyLiterals(call.arguments)) return;
          if (!isLoggerCall(sourceCode, tracker, call, fileImportsLogger)) return;
          for (const arg of call.arguments) {
            const found = sensitiveRead(sourceCode, arg);
            if (!found) continue;
            const expr = maskedExcerpt(sourceCode.getText(found.node).replace(/\s+/g, ' '), MAX_SHOWN);
            context.report({
              node: found.node,
              messageId: found.whole ? 'wholeRequestPart' : 'sensitiveValue',
              data: { expr, what: found.what },
            });
          }
        },
      };
    },
  }),
});
