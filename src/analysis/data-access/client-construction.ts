/**
 * dbClientConstruction: where a DB client, pool or connection is built, with the options
 * argument require-query-timeout judges.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { getObjectLiteral, unwrap } from '../values.js';
import { dbValueOf, isPrismaLikeName, stateOf } from './receivers.js';
import type { Context, DbLibrary, DbValue, Node } from './types.js';
import { CALLED_CLIENT_CONSTRUCTORS, NEW_CLIENT_CONSTRUCTORS, type ClientConstructor, type ClientConstructors } from './tables/clients.js';

export interface DbClientConstruction {
  library: DbLibrary;
  /** `new Pool`, `createPool`, `knex`, `$transaction`… for messages. */
  what: string;
  /** The options argument judged for timeouts, or null when there is none. */
  options: Node | null;
  /** A connection-string argument (its query string may carry timeouts). */
  uri: Node | null;
  node: TSESTree.CallExpression | TSESTree.NewExpression;
}

/** The construction of a DB client/pool/connection (see the header), or null. */
export function dbClientConstruction(node: TSESTree.CallExpression | TSESTree.NewExpression, context: Context): DbClientConstruction | null {
  const s = stateOf(context);
  const callee = unwrap(node.callee);
  const transaction = callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === '$transaction';
  // Clients are only ever built from a tracked import; Prisma transactions may use an untracked client.
  if (!s.usesDb && !transaction) return null;
  if (node.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return null;
  const cv = dbValueOf(s, callee);
  // Everything but a transaction is built by a call on (or `new` of) the library module itself.
  if (cv?.role !== 'module' && !transaction) return null;
  const args = node.arguments as TSESTree.Expression[]; // no spreads: ruled out above
  const build = (library: DbLibrary, what: string, options: Node | null, uri: Node | null = null): DbClientConstruction => ({ library, what, options, uri, node });

  if (node.type === AST_NODE_TYPES.NewExpression) {
    if (cv?.role !== 'module') return null;
    const last = cv.path?.[cv.path.length - 1];
    if (cv.library === 'sequelize' && (last === 'Sequelize' || cv.path?.length === 0)) {
      const opts = args.length > 1 || (args[0] && getObjectLiteral(s.sourceCode, args[0])) ? args[args.length - 1]! : null;
      return build('sequelize', 'new Sequelize()', opts, args.length > 0 && opts !== args[0] ? args[0]! : null);
    }
    const c = constructorOf(NEW_CLIENT_CONSTRUCTORS, cv);
    return c ? build(cv.library, c.what, args[c.options] ?? null, c.uri !== undefined ? args[c.uri] ?? null : null) : null;
  }
  if (cv?.role === 'module') {
    const c = constructorOf(CALLED_CLIENT_CONSTRUCTORS, cv);
    return c ? build(cv.library, c.what, args[c.options] ?? null, c.uri !== undefined ? args[c.uri] ?? null : null) : null;
  }
  if (transaction && callee.type === AST_NODE_TYPES.MemberExpression) {
    const recv = dbValueOf(s, callee.object);
    const isPrisma = (recv?.role === 'client' && recv.library === 'prisma') || (!recv && isPrismaLikeName(callee.object));
    const fn = args[0] ? unwrap(args[0]) : null;
    // Only interactive transactions take a timeout option.
    if (isPrisma && fn && (fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression)) {
      return build('prisma', '$transaction()', args[1] ?? null);
    }
  }
  return null;
}

/** The table entry for a call or `new` of a library module's export (see tables/clients.ts), or null. */
function constructorOf(table: Readonly<Partial<Record<DbLibrary, ClientConstructors>>>, module: DbValue): ClientConstructor | null {
  const made = table[module.library];
  if (!made) return null;
  const p = module.path ?? [];
  const c = p.length === 0 ? made.module : made.exports?.get(p[p.length - 1]!);
  return c && (c.pathLength === undefined || c.pathLength === p.length) ? c : null;
}
