/**
 * require-query-timeout: a query with no time limit can hold a pool connection forever; under load
 * a few slow queries exhaust the pool and every request queues behind them. Timeouts are set where
 * the client is built, so that is where this rule looks.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { dbClientConstruction, type DbClientConstruction, type DbLibrary } from '../src/analysis/data-access.js';
import { propertyName } from '../src/analysis/imports.js';
import { getObjectLiteral, getProperty, getStaticString, hasUnknownSpread } from '../src/analysis/values.js';

type MessageIds = 'missingTimeout';

/** Options that bound query (or connection-acquire) time, per library, and the hint for the message. */
const TIMEOUTS: Partial<Record<DbLibrary, { keys: string[]; hint: string }>> = {
  pg: { keys: ['statement_timeout', 'query_timeout'], hint: '`statement_timeout` (server side) or `query_timeout` (client side)' },
  mysql: { keys: ['connectTimeout'], hint: '`connectTimeout`, and a per-query `timeout`' },
  mysql2: { keys: ['connectTimeout'], hint: '`connectTimeout`, and a per-query `timeout`' },
  knex: { keys: ['acquireConnectionTimeout', 'statement_timeout', 'query_timeout', 'connectTimeout', 'requestTimeout'], hint: '`acquireConnectionTimeout` (and a statement timeout in `connection`/`pool.afterCreate`)' },
  sequelize: { keys: [], hint: 'a timeout in `dialectOptions` (`statement_timeout`, `connectTimeout`, `requestTimeout`…)' },
  mongoose: { keys: ['serverSelectionTimeoutMS', 'socketTimeoutMS', 'maxTimeMS'], hint: '`serverSelectionTimeoutMS`/`socketTimeoutMS` (or `maxTimeMS` per query)' },
  mongodb: { keys: ['serverSelectionTimeoutMS', 'socketTimeoutMS', 'maxTimeMS'], hint: '`serverSelectionTimeoutMS`/`socketTimeoutMS` (or `maxTimeMS` per query)' },
  prisma: { keys: ['timeout'], hint: 'a `timeout` (and `maxWait`) in the `$transaction` options' },
};

type Verdict = 'ok' | 'missing' | 'unknown';

function objectHasTimeoutKey(obj: TSESTree.ObjectExpression, keys: readonly string[], sourceCode: Parameters<typeof getProperty>[0], depth = 0): Verdict {
  if (hasUnknownSpread(sourceCode, obj)) return 'unknown';
  for (const k of keys) if (getProperty(sourceCode, obj, k)) return 'ok';
  if (depth > 2) return 'missing';
  // Timeouts nested one level down (`connection: { statement_timeout }`, `pool: { … }`, `options: '-c statement_timeout=…'`).
  let unknown = false;
  for (const p of obj.properties) {
    if (p.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyName(p);
    if (name === 'options' || name === 'connectionString' || name === 'uri' || name === 'url') {
      const s = getStaticString(sourceCode, p.value);
      if (s !== null && keys.some((k) => s.includes(k))) return 'ok';
    }
    if (name === 'connection' || name === 'pool' || name === 'dialectOptions' || name === 'options') {
      const inner = getObjectLiteral(sourceCode, p.value);
      if (inner) {
        const v = objectHasTimeoutKey(inner, keys, sourceCode, depth + 1);
        if (v === 'ok') return 'ok';
        if (v === 'unknown') unknown = true;
      } else if (name === 'connection' && !isConnectionString(sourceCode, p.value)) {
        // `connection: config.db` — the timeout may live there.
        unknown = true;
      }
    }
  }
  return unknown ? 'unknown' : 'missing';
}

/** A value that is a connection string (a literal or an environment variable), not an options object. */
function isConnectionString(sourceCode: Parameters<typeof getProperty>[0], node: TSESTree.Node): boolean {
  if (getStaticString(sourceCode, node) !== null) return true;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  const text = sourceCode.getText(node);
  return /^process\.env\b/.test(text);
}

function sequelizeVerdict(c: DbClientConstruction, sourceCode: Parameters<typeof getProperty>[0]): Verdict {
  if (!c.options) return 'missing';
  const obj = getObjectLiteral(sourceCode, c.options);
  if (!obj) return 'unknown';
  if (hasUnknownSpread(sourceCode, obj)) return 'unknown';
  const dialect = getProperty(sourceCode, obj, 'dialectOptions');
  if (!dialect) return 'missing';
  const d = getObjectLiteral(sourceCode, dialect);
  if (!d) return 'unknown';
  const text = sourceCode.getText(d);
  return /timeout/i.test(text) ? 'ok' : hasUnknownSpread(sourceCode, d) ? 'unknown' : 'missing';
}

function verdict(c: DbClientConstruction, sourceCode: Parameters<typeof getProperty>[0]): Verdict {
  const spec = TIMEOUTS[c.library];
  if (!spec) return 'ok';
  if (c.library === 'sequelize') return sequelizeVerdict(c, sourceCode);
  // A static connection string may carry the timeout (`?socketTimeoutMS=…`, `?statement_timeout=…`).
  const uri = c.uri ? getStaticString(sourceCode, c.uri) : null;
  if (uri && spec.keys.some((k) => uri.includes(k))) return 'ok';
  if (!c.options) return 'missing';
  const obj = getObjectLiteral(sourceCode, c.options);
  if (!obj) return 'unknown'; // options built elsewhere: cannot tell
  return objectHasTimeoutKey(obj, spec.keys, sourceCode);
}

export default defineRule({
  id: 'require-query-timeout',
  category: 'reliability',
  description: 'Require database clients, pools and interactive transactions to be configured with a query or connection timeout.',
  recommended: false,
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'require-query-timeout',
    meta: {
      type: 'suggestion',
      docs: { description: 'Require database clients, pools and interactive transactions to be configured with a query or connection timeout.' },
      messages: {
        missingTimeout:
          '{{what}} ({{library}}) is configured without a timeout, so a slow query can hold a connection indefinitely and exhaust the pool. Set {{hint}}.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const sourceCode = context.sourceCode;
      function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
        const c = dbClientConstruction(node, context);
        if (!c) return;
        if (verdict(c, sourceCode) !== 'missing') return;
        const spec = TIMEOUTS[c.library]!;
        const optionsLiteral = c.options ? getObjectLiteral(sourceCode, c.options) : null;
        // Report at the option object when it is written at the call, else at the call.
        const at = optionsLiteral && c.options === optionsLiteral ? optionsLiteral : node;
        context.report({ node: at, messageId: 'missingTimeout', data: { what: c.what, library: c.library, hint: spec.hint } });
      }
      return { CallExpression: check, NewExpression: check };
    },
  }),
});
