/**
 * require-parameterized-queries: SQL text must never be assembled from values. A value spliced
 * into the text is parsed as SQL; a placeholder is sent separately and can only ever be data.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { maskedExcerpt } from '../src/analysis/secrets.js';
import { getSqlSink } from '../src/analysis/data-access.js';
import { calleeName, isBuiltString, sqlTextProblem } from '../src/analysis/sql-build.js';
import { looksLikeSql, mayHoldSqlText, sqlTextOf } from '../src/analysis/sql.js';
import { describeChain, paramSinksAt } from '../src/project/index.js';
import { requestReadOf } from '../src/analysis/taint/flow.js';

type MessageIds = 'dynamicSql' | 'requestDataSql' | 'dynamicSqlVia' | 'requestDataSqlVia';

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
      dynamicSqlVia:
        "SQL built by {{how}} of '{{part}}' is passed to {{chain}}: {{what}} runs it as raw SQL text. Pass values as bound parameters (placeholders) or use a tagged sql`…` template.",
      requestDataSqlVia:
        'Request data ({{source}}) is spliced into SQL by {{how}} and passed to {{chain}}: {{what}} runs it as raw SQL text — SQL injection. Pass it as a bound parameter (placeholder) instead.',
      requestDataSql:
        "Request data ({{source}}) is spliced into SQL by {{how}} and reaches {{library}} {{method}}(): SQL injection. Pass it as a bound parameter (placeholder) instead.",
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const requestRead = (node: TSESTree.Node): string | null => requestReadOf(context, node);
    /**
     * SQL text built here and passed to a function of another file that runs that parameter as
     * raw SQL (`run(\`SELECT … ${id}\`)` → `pool.query(sql)` in src/lib): reported at the argument.
     * A helper that builds the text from its parameter itself is reported in its own file.
     */
    const crossFile = (node: TSESTree.CallExpression): void => {
      // Cheapest first: a file that can hold SQL text, then an argument that is SQL text being built here.
      if (!mayHoldSqlText(sourceCode)) return;
      const index = node.arguments.findIndex((a) => {
        if (a.type === AST_NODE_TYPES.SpreadElement || !isBuiltString(sourceCode, a)) return false;
        const text = sqlTextOf(sourceCode, a);
        return !!text && looksLikeSql(text.text);
      });
      if (index < 0) return;
      for (const sink of paramSinksAt(context, node)) {
        if (sink.kind !== 'sql-text' || sink.judgedWhereWritten) continue;
        const arg = node.arguments[sink.index];
        if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
        const problem = sqlTextProblem(sourceCode, arg, true, requestRead);
        if (!problem) continue;
        const chain = describeChain(context, sink.hops);
        if (problem.source) {
          context.report({ node: arg, messageId: 'requestDataSqlVia', data: { source: problem.source, how: problem.part.how, chain, what: sink.what } });
        } else {
          const partText = sourceCode.getText(problem.part.node).replace(/\s+/g, ' ');
          context.report({ node: arg, messageId: 'dynamicSqlVia', data: { how: problem.part.how, part: maskedExcerpt(partText, 40, '...'), chain, what: sink.what } });
        }
        return;
      }
    };
    return {
      CallExpression(node) {
        const sink = getSqlSink(node, context);
        if (!sink) {
          crossFile(node);
          return;
        }
        const arg = sink.sqlArg;
        const problem = sqlTextProblem(sourceCode, arg, sink.library === 'sql', requestRead);
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
