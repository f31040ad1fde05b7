/**
 * require-parameterized-queries: SQL text must never be assembled from values. A value spliced
 * into the text is parsed as SQL; a placeholder is sent separately and can only ever be data.
 */
import { createEslintRule, defineRule } from '../src/rule.js';
import { maskedExcerpt } from '../src/analysis/secrets.js';
import { getSqlSink } from '../src/analysis/data-access.js';
import { calleeName, sqlTextProblem } from '../src/analysis/sql-build.js';

type MessageIds = 'dynamicSql' | 'requestDataSql';

const id = 'require-parameterized-queries';

const eslint = createEslintRule<[], MessageIds>({
  name: id,
  meta: {
    type: 'problem',
    docs: { description: 'Require SQL to be parameterized: no values spliced into query text.' },
    schema: [],
    messages: {
      dynamicSql:
        "SQL built by {{how}} of '{{part}}' reaches {{library}} {{method}}(). Pass values as bound parameters (placeholders) or use a tagged sql`…` template; escape identifiers with escapeId/format('%I').",
      requestDataSql:
        "Request data ({{source}}) is spliced into SQL by {{how}} and reaches {{library}} {{method}}(): SQL injection. Pass it as a bound parameter (placeholder) instead.",
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const sink = getSqlSink(node, context);
        if (!sink) return;
        const arg = sink.sqlArg;
        const problem = sqlTextProblem(sourceCode, arg, sink.library === 'sql');
        if (!problem) return;
        const method = calleeName(node) ?? 'query';
        const library = sink.library === 'sql' ? 'the SQL driver' : sink.library;
        if (problem.source) {
          context.report({ node: arg, messageId: 'requestDataSql', data: { source: problem.source, how: problem.part.how, library, method } });
          return;
        }
        const partText = sourceCode.getText(problem.part.node).replace(/\s+/g, ' ');
        context.report({
          node: arg,
          messageId: 'dynamicSql',
          data: { how: problem.part.how, part: maskedExcerpt(partText, 40, '...'), library, method },
        });
      },
    };
  },
});

export default defineRule({
  id,
  category: 'security',
  description: 'Require SQL to be parameterized: no values spliced into query text.',
  recommended: 'error',
  strict: 'error',
  eslint,
});
