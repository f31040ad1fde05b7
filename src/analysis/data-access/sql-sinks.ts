/**
 * getSqlSink: calls that hand raw SQL text to a driver or ORM (require-parameterized-queries).
 * Tagged templates are not sinks: they are parameterised by construction.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { getObjectLiteral, getProperty, getStaticString, unwrap } from '../values.js';
import { isSqlArgument, sqlLibraryOf } from './chains.js';
import { SINK_METHODS } from './indexes.js';
import { type State, dbValueOf, isKnexLikeName, libraryOfModule, stateOf } from './receivers.js';
import { GENERIC_SQL_METHODS, KNEX_RAW_METHODS, TYPEORM_WHERE_METHODS } from './tables/sql-clients.js';
import type { Call, Context, DbLibrary, Node, SqlSink } from './types.js';
import { POSTGRES_SQL_NAME, SEQUELIZE_NAME } from './tables/names.js';

/** See the header. */
export function getSqlSink(call: Call, context: Context): SqlSink | null {
  const callee = unwrap(call.callee);
  const args = call.arguments;
  const first = args[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;

  if (callee.type === AST_NODE_TYPES.Identifier) {
    // Named imports: `import { literal } from 'sequelize'`, `import { raw } from '@prisma/client/runtime'`.
    const s = stateOf(context);
    if (!s.usesSinkFunctions) return null;
    const ref = s.tracker.resolve(callee);
    if (ref) {
      const lib = libraryOfModule(ref.source);
      const last = ref.path[ref.path.length - 1];
      if (lib === 'sequelize' && last === 'literal') return { library: 'sequelize', sqlArg: first, hasBoundValues: false };
      if (lib === 'prisma' && last === 'raw') return { library: 'prisma', sqlArg: first, hasBoundValues: false };
    }
    return null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = propertyName(callee);
  if (!name || !SINK_METHODS.has(name)) return null;
  const s = stateOf(context);
  const recv = unwrap(callee.object);

  // Prisma: distinctive names, any receiver.
  if (name === '$queryRawUnsafe' || name === '$executeRawUnsafe') {
    return { library: 'prisma', sqlArg: first, hasBoundValues: args.length > 1 };
  }
  if (name === 'raw' && recv.type === AST_NODE_TYPES.Identifier && recv.name === 'Prisma') {
    return { library: 'prisma', sqlArg: first, hasBoundValues: false };
  }
  // Knex *Raw builder methods: distinctive names.
  if (KNEX_RAW_METHODS.has(name)) {
    return { library: 'knex', sqlArg: first, hasBoundValues: args.length > 1 };
  }

  // TypeORM string where on query builders (no other sink has these names).
  if (TYPEORM_WHERE_METHODS.has(name)) {
    if (!inTypeormBuilder(call)) return null;
    const text = getStaticString(s.sourceCode, first);
    if (first.type === AST_NODE_TYPES.ObjectExpression || first.type === AST_NODE_TYPES.ArrowFunctionExpression || first.type === AST_NODE_TYPES.FunctionExpression) return null;
    if (text === null && !isStringish(first)) return null;
    return { library: 'typeorm', sqlArg: first, hasBoundValues: args.length > 1 };
  }

  const v = dbValueOf(s, recv);

  if (name === 'literal') {
    if (v?.library === 'sequelize' || (!v && recv.type === AST_NODE_TYPES.Identifier && SEQUELIZE_NAME.test(recv.name))) {
      return { library: 'sequelize', sqlArg: first, hasBoundValues: false };
    }
    return null;
  }
  if (name === 'raw') {
    if (v?.library === 'drizzle' || (!v && recv.type === AST_NODE_TYPES.Identifier && recv.name === 'sql' && !isKnexLikeName(recv, false))) {
      if (v && v.library !== 'drizzle') return null;
      return { library: 'drizzle', sqlArg: first, hasBoundValues: false };
    }
    if ((v?.role === 'client' && v.library === 'knex') || (!v && (isKnexLikeName(recv, true) || isSqlArgument(s, first)))) {
      return { library: 'knex', sqlArg: first, hasBoundValues: args.length > 1 };
    }
    if (v?.role === 'module' && v.library === 'knex') return { library: 'knex', sqlArg: first, hasBoundValues: args.length > 1 };
    return null;
  }
  if (name === 'unsafe') {
    if ((v?.role === 'client' && v.library === 'postgres') || (!v && recv.type === AST_NODE_TYPES.Identifier && POSTGRES_SQL_NAME.test(recv.name))) {
      return { library: 'postgres', sqlArg: first, hasBoundValues: args.length > 1 };
    }
    return null;
  }
  // Driver methods.
  let lib = sqlLibraryOf(s, v, name);
  if (!lib && v === null && GENERIC_SQL_METHODS.has(name) && isSqlArgument(s, first)) lib = 'sql';
  if (!lib && name === 'query' && v?.role === 'client') lib = v.library;
  if (!lib) return null;
  // A tagged template is parameterised by construction; drizzle's `execute(sql\`…\`)` takes SQL objects.
  const arg = unwrap(first);
  if (arg.type === AST_NODE_TYPES.TaggedTemplateExpression) return null;
  if (lib === 'drizzle' && arg.type === AST_NODE_TYPES.CallExpression) return null;
  return sinkFor(s, lib, name, args);
}

function isStringish(node: Node): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.TemplateLiteral || (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') || n.type === AST_NODE_TYPES.Identifier;
}

/** Some call of the chain that `call` ends is a `createQueryBuilder(…)` (the walk chainLinks makes, without building links). */
function inTypeormBuilder(call: Call): boolean {
  let n: Node = call;
  for (let i = 0; i < 30 && n.type === AST_NODE_TYPES.CallExpression; i++) {
    const callee = unwrap(n.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (propertyName(callee) === 'createQueryBuilder') return true;
    n = unwrap(callee.object);
    if (n.type === AST_NODE_TYPES.ChainExpression) n = n.expression;
  }
  return false;
}

function sinkFor(s: State, library: DbLibrary, method: string, args: Call['arguments']): SqlSink | null {
  const first = args[0]!;
  const obj = getObjectLiteral(s.sourceCode, first);
  if (obj) {
    // pg `query({ text, values })`, mysql `query({ sql, values })`
    const text = getProperty(s.sourceCode, obj, 'text') ?? getProperty(s.sourceCode, obj, 'sql');
    if (!text) return null;
    return { library, sqlArg: text, hasBoundValues: !!getProperty(s.sourceCode, obj, 'values') || args.length > 1 };
  }
  let bound = args.length > 1 && args[1]!.type !== AST_NODE_TYPES.ArrowFunctionExpression && args[1]!.type !== AST_NODE_TYPES.FunctionExpression;
  if (library === 'sequelize' || (library === 'sql' && args.length > 1 && getObjectLiteral(s.sourceCode, args[1]))) {
    const opts = getObjectLiteral(s.sourceCode, args[1]);
    if (opts) bound = !!getProperty(s.sourceCode, opts, 'replacements') || !!getProperty(s.sourceCode, opts, 'bind') || (library === 'sql' && bound);
    else if (library === 'sequelize') bound = false;
  }
  void method;
  return { library, sqlArg: first, hasBoundValues: bound };
}
