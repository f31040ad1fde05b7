/**
 * classifyDbCall and friends: which calls (and tagged templates) read or write a database,
 * reported once per chain at its outermost call. Each library family is recognised from its
 * tables; the code here only decides where a chain starts, whether it ends at this call, and how
 * bounded a read is.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { getStaticString, resolveConstInit, unwrap } from '../values.js';
import { type DbKind, classifySql, looksLikeSql, sqlTextOf } from '../sql.js';
import { type Link, calledName, chainLinks, hasOption, isSqlArgument, isUpsertOption, nextInChain, op, sqlLibraryOf, sqlOp } from './chains.js';
import { INSTANCE_METHODS, MODEL_METHODS, MONGO_COLLECTION_METHODS, PRISMA_MODEL_METHODS, START_NAMES, TOP_NAMES, TYPEORM_QB_ALL, TYPEORM_REPO_METHODS } from './indexes.js';
import { instanceOp, isTypeormActiveRecord } from './instances.js';
import { type State, dbValueOf, isKnexLikeName, isModelLike, isPrismaLikeName, isRepositoryLike, lastName, stateOf } from './receivers.js';
import { GENERIC_MODEL_METHODS, MIKRO_ORM_EM_WRITES, MODEL_READS, MODEL_WRITES, MONGO_COLLECTION_READS, MONGO_COLLECTION_WRITES, PRISMA_MODEL_READS, PRISMA_MODEL_WRITES, SINGLE_RECORD_FINDER, TYPEORM_REPO_READS, TYPEORM_REPO_WRITES } from './tables/orms.js';
import { DRIZZLE_METHODS, DRIZZLE_STARTS, KNEX_AGGREGATES, KNEX_METHODS, KNEX_STARTS, NO_CONTINUATIONS, PREPARED_CONTINUATIONS, PREPARED_RUNNERS, QUERY_CONTINUATIONS, RESULT_CONSUMERS, TYPEORM_QB_TERMINALS } from './tables/query-builders.js';
import { GENERIC_SQL_METHODS } from './tables/sql-clients.js';
import type { Call, Context, DbLibrary, DbOperation, Node } from './types.js';
import { ENTITY_MANAGER_NAMES } from './tables/names.js';

/** The DB operation performed by `call`, or null. See the header for the reporting convention. */
export function classifyDbCall(call: Call, context: Context): DbOperation | null {
  // Most calls cannot end an operation: answer those before any state or cache work.
  const name = calledName(call);
  if (name === null || !TOP_NAMES.has(name)) return null;
  const s = stateOf(context);
  let result = s.ops.get(call);
  if (result === undefined) {
    result = computeOp(s, call);
    s.ops.set(call, result);
  }
  return result;
}

function computeOp(s: State, top: Call): DbOperation | null {
  const links = chainLinks(top);
  if (links.length === 0) return null;
  for (let i = 0; i < links.length; i++) {
    const r = tryStart(s, links, i, top);
    if (r !== undefined) return r;
  }
  return null;
}

/**
 * Try to recognise an operation starting at links[i]. Returns the operation (when links[i..] is a
 * valid chain ending at `top` and nothing continues it), null (recognised start but `top` is not
 * the operation's outermost call), or undefined (no start here).
 */
function tryStart(s: State, links: Link[], i: number, top: Call): DbOperation | null | undefined {
  const link = links[i]!;
  const name = link.name;
  // Cheap gates first: this runs for every call of every file.
  if (name !== null && !START_NAMES.has(name)) return undefined;
  if (name === null) {
    const next = links[i + 1];
    if (!next || next.name === null || !KNEX_METHODS.has(next.name)) return undefined;
  }
  const rest = links.slice(i + 1);
  const recv = link.object;

  const finish = (continuations: ReadonlySet<string>, build: () => DbOperation | null): DbOperation | null => {
    if (!rest.every((l) => l.name !== null && continuations.has(l.name))) return null;
    const next = nextInChain(top);
    if (next !== null && continuations.has(next)) return null;
    return build();
  };

  // ---- knex: `knex('t')…`, `knex.select()…`, `trx('t')…`
  if (name === null) {
    const v = dbValueOf(s, recv);
    const knexRoot = v?.role === 'client' && v.library === 'knex';
    const heuristicRoot = !v && isKnexLikeName(recv, true) && rest.length > 0 && isTableArg(s, link.call.arguments[0]);
    if (knexRoot || heuristicRoot) {
      if (rest.length === 0) return null; // a bare `knex('t')` is a builder passed on, not a query
      return finish(KNEX_METHODS, () => knexOp(s, links.slice(i), top));
    }
    if (v?.role === 'client' && v.library === 'pg-promise') return undefined;
    return undefined;
  }

  const v = dbValueOf(s, recv);

  // ---- knex member start
  if (KNEX_STARTS.has(name) && ((v?.role === 'client' && v.library === 'knex') || (!v && isKnexLikeName(recv, false)))) {
    return finish(KNEX_METHODS, () => knexOp(s, links.slice(i), top));
  }

  // ---- drizzle
  if (DRIZZLE_STARTS.has(name)) {
    const tracked = v?.role === 'client' && v.library === 'drizzle';
    const shaped = !v && lastName(recv) === 'db' && rest.some((l) => l.name === 'from' || l.name === 'values' || l.name === 'set');
    if (tracked || shaped) return finish(DRIZZLE_METHODS, () => drizzleOp(links.slice(i), top));
  }
  if ((name === 'findMany' || name === 'findFirst') && recv.type === AST_NODE_TYPES.MemberExpression) {
    const q = unwrap(recv.object);
    if (q.type === AST_NODE_TYPES.MemberExpression && propertyName(q) === 'query') {
      const base = dbValueOf(s, q.object);
      if ((base?.role === 'client' && base.library === 'drizzle') || (!base && lastName(q.object) === 'db')) {
        return finish(NO_CONTINUATIONS, () =>
          op('drizzle', name === 'findMany' ? 'list' : 'single', name, top, {
            bounded: name === 'findFirst' || hasOption(s, link.call.arguments[0], ['limit']),
          }),
        );
      }
    }
  }

  // ---- Prisma
  if (PRISMA_MODEL_METHODS.has(name)) {
    const prismaModel =
      (v?.role === 'model' && v.library === 'prisma') ||
      (!v && recv.type === AST_NODE_TYPES.MemberExpression && isPrismaLikeName(recv.object) && !dbValueOf(s, recv.object));
    if (prismaModel) {
      return finish(NO_CONTINUATIONS, () => {
        const kind = PRISMA_MODEL_READS[name] ?? PRISMA_MODEL_WRITES[name]!;
        return op('prisma', kind, name, top, {
          bounded: kind !== 'list' || hasOption(s, link.call.arguments[0], ['take']),
        });
      });
    }
  }
  if (name === '$queryRaw' || name === '$executeRaw' || name === '$queryRawUnsafe' || name === '$executeRawUnsafe') {
    if ((v?.role === 'client' && v.library === 'prisma') || (!v && isPrismaLikeName(recv))) {
      return finish(NO_CONTINUATIONS, () => sqlOp(s, 'prisma', name, top, link.call.arguments[0], name.startsWith('$execute') ? 'update' : 'other'));
    }
  }

  // ---- TypeORM query builder
  if (name === 'createQueryBuilder') {
    const terminal = rest.length > 0 ? rest[rest.length - 1]!.name : null;
    if (!terminal || !(terminal in TYPEORM_QB_TERMINALS)) return rest.every((l) => l.name && TYPEORM_QB_ALL.has(l.name)) ? null : undefined;
    return finish(TYPEORM_QB_ALL, () => typeormQbOp(links.slice(i), top));
  }

  // ---- TypeORM repository / entity manager
  if (TYPEORM_REPO_METHODS.has(name)) {
    const repo = (v?.role === 'repository' && v.library === 'typeorm') || (!v && isRepositoryLike(recv));
    if (repo) {
      return finish(NO_CONTINUATIONS, () => {
        let kind = TYPEORM_REPO_READS[name] ?? TYPEORM_REPO_WRITES[name]!;
        if (name === 'save' && isFoundRecord(s, link.call.arguments[0])) kind = 'update';
        return op('typeorm', kind, name, top, {
          // `findBy(where)` / `findAndCountBy(where)` take no paging options at all.
          bounded: kind !== 'list' || name === 'findByIds' || (!name.endsWith('By') && hasOption(s, link.call.arguments[0], ['take', 'limit'])),
        });
      });
    }
    if (name === 'query' && v?.library === 'typeorm') {
      return finish(NO_CONTINUATIONS, () => sqlOp(s, 'typeorm', name, top, link.call.arguments[0]));
    }
  }

  // ---- MongoDB collection
  if (MONGO_COLLECTION_METHODS.has(name)) {
    const coll =
      (v?.role === 'collection') ||
      (!v && recv.type === AST_NODE_TYPES.CallExpression && isCollectionCall(recv));
    if (coll) {
      return finish(QUERY_CONTINUATIONS, () => {
        let kind = MONGO_COLLECTION_READS[name] ?? MONGO_COLLECTION_WRITES[name]!;
        const args = link.call.arguments;
        if (kind === 'update' && isUpsertOption(s, args[2] ?? args[1])) kind = 'upsert';
        const chainLimit = rest.some((l) => l.name === 'limit' || l.name === 'next');
        return op(v?.library === 'mongoose' ? 'mongoose' : 'mongodb', kind, name, top, {
          bounded: kind !== 'list' || chainLimit || hasOption(s, args[1], ['limit']),
          chained: rest.length > 0,
        });
      });
    }
  }

  // ---- Models: Mongoose, Sequelize, generic ORM classes
  if (MODEL_METHODS.has(name)) {
    const tracked = v?.role === 'model';
    const firstArg = link.call.arguments[0];
    // ORM writes and queries take objects; `X.create('archived')` builds a value object.
    const scalarArg = !!firstArg && firstArg.type === AST_NODE_TYPES.Literal && GENERIC_MODEL_METHODS.has(name);
    if (tracked || (!v && !scalarArg && isModelLike(s, recv, GENERIC_MODEL_METHODS.has(name)))) {
      // A TypeORM active record's static `create` builds an entity in memory; `save()` stores it.
      if (name === 'create' && !tracked && isTypeormActiveRecord(s, recv)) return undefined;
      return finish(QUERY_CONTINUATIONS, () => {
        let kind = MODEL_READS[name] ?? MODEL_WRITES[name]!;
        const args = link.call.arguments;
        if (kind === 'update' && isUpsertOption(s, args[2] ?? args[1])) kind = 'upsert';
        const chainLimit = rest.some((l) => l.name === 'limit');
        const lib: DbLibrary = tracked ? v!.library : 'model';
        let bounded = kind !== 'list' || chainLimit;
        if (!bounded) {
          // Sequelize `findAll({ limit })`; Mongoose `find(filter, projection, { limit })`.
          bounded = name === 'find' ? hasOption(s, args[2], ['limit']) : hasOption(s, args[0], ['limit']);
        }
        return op(lib, kind, name, top, { bounded, chained: rest.length > 0 || lib === 'mongoose' });
      });
    }
  }

  // ---- Model instances: `user.save()`, `doc.deleteOne()`, `person.$query().patch()`
  if (INSTANCE_METHODS.has(name)) {
    const r = instanceOp(s, link, top);
    if (r) return finish(NO_CONTINUATIONS, () => r);
  }

  // ---- MikroORM: `em.flush()`, `em.persistAndFlush(user)`, `em.persist(user).flush()`
  if (name in MIKRO_ORM_EM_WRITES && s.ormImports.has('mikro-orm') && isEntityManager(recv)) {
    return finish(NO_CONTINUATIONS, () => op('mikro-orm', MIKRO_ORM_EM_WRITES[name]!, name, top));
  }

  // ---- Prepared statements: `db.prepare(sql).all()`, `stmt.run()`
  if (PREPARED_RUNNERS.has(name)) {
    if (v?.role === 'statement') {
      return finish(NO_CONTINUATIONS, () => {
        const info = v.sql ? classifySql(v.sql) : null;
        let kind: DbKind = info?.kind ?? (name === 'run' ? 'update' : 'other');
        if (name === 'get' && kind === 'list') kind = 'single';
        return op(v.library, kind, name, top, { sql: v.sql ?? null, bounded: kind !== 'list' || !!info?.bounded, operation: info?.operation ?? (name === 'run' ? 'write' : 'read') });
      });
    }
    if (!v && recv.type === AST_NODE_TYPES.CallExpression) {
      const inner = unwrap(recv.callee);
      if (inner.type === AST_NODE_TYPES.MemberExpression && propertyName(inner) === 'prepare') return undefined; // handled at `prepare`
    }
  }

  // ---- Raw SQL through a driver (tracked or by shape)
  if (GENERIC_SQL_METHODS.has(name)) {
    const lib = sqlLibraryOf(s, v, name);
    const arg = link.call.arguments[0];
    if (lib) {
      if (name === 'prepare') {
        return finish(PREPARED_CONTINUATIONS, () => preparedOp(s, lib, links.slice(i), top));
      }
      return finish(NO_CONTINUATIONS, () => sqlOp(s, lib, name, top, arg));
    }
    if (!v && arg && isSqlArgument(s, arg)) {
      if (name === 'prepare') {
        return finish(PREPARED_CONTINUATIONS, () => preparedOp(s, 'sql', links.slice(i), top));
      }
      return finish(NO_CONTINUATIONS, () => sqlOp(s, name === 'raw' ? 'knex' : 'sql', name, top, arg));
    }
  }

  // ---- Sequelize client `sequelize.query`
  if (name === 'query' && v?.role === 'client') {
    return finish(NO_CONTINUATIONS, () => sqlOp(s, v.library, name, top, link.call.arguments[0]));
  }

  return undefined;
}

function isEntityManager(node: Node): boolean {
  const n = unwrap(node);
  // `em.persist(user).flush()`
  if (n.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(n.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'persist' && isEntityManager(callee.object);
  }
  const name = lastName(n);
  return !!name && ENTITY_MANAGER_NAMES.has(name);
}

function isTableArg(s: State, node: Node | undefined): boolean {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return false;
  const n = unwrap(node);
  if (getStaticString(s.sourceCode, n) !== null) return true;
  // `knex(TABLE)`, `trx(tableName)`, `knex({ p: 'posts' })`
  return n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression || n.type === AST_NODE_TYPES.ObjectExpression;
}

function isCollectionCall(node: Node): boolean {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(n.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(callee) === 'collection' &&
    n.arguments.length >= 1 &&
    n.arguments[0]!.type === AST_NODE_TYPES.Literal
  );
}

function isFoundRecord(s: State, node: Node | undefined): boolean {
  if (!node || node.type !== AST_NODE_TYPES.Identifier) return false;
  const init = resolveConstInit(s.sourceCode, node);
  if (!init) return false;
  const inner = unwrap(init.type === AST_NODE_TYPES.AwaitExpression ? init.argument : init);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(inner.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  return !!name && SINGLE_RECORD_FINDER.test(name);
}

function preparedOp(s: State, library: DbLibrary, links: Link[], top: Call): DbOperation | null {
  const prep = links[0]!;
  const runner = links.length > 1 ? links[links.length - 1]!.name : null;
  if (!runner || !PREPARED_RUNNERS.has(runner)) return null;
  const r = sqlOp(s, library, runner, top, prep.call.arguments[0], runner === 'run' ? 'update' : 'other');
  if (r && runner === 'get' && r.kind === 'list') {
    r.kind = 'single';
    r.bounded = true;
  }
  return r;
}

function knexOp(s: State, links: Link[], top: Call): DbOperation {
  const names = new Set(links.map((l) => l.name).filter((n): n is string => n !== null));
  let kind: DbKind;
  let method = 'select';
  if (names.has('insert')) {
    kind = names.has('merge') ? 'upsert' : 'create';
    method = 'insert';
  } else if (names.has('upsert')) {
    kind = 'upsert';
    method = 'upsert';
  } else if (names.has('update') || names.has('increment') || names.has('decrement')) {
    kind = 'update';
    method = names.has('update') ? 'update' : names.has('increment') ? 'increment' : 'decrement';
  } else if (names.has('del') || names.has('delete') || names.has('truncate')) {
    kind = 'delete';
    method = names.has('truncate') ? 'truncate' : names.has('del') ? 'del' : 'delete';
  } else if (names.has('first')) {
    kind = 'single';
    method = 'first';
  } else if (
    !names.has('groupBy') &&
    KNEX_AGGREGATES.some((m) => names.has(m))
  ) {
    kind = 'aggregate';
    method = 'count';
  } else {
    kind = 'list';
    method = names.has('pluck') ? 'pluck' : 'select';
  }
  void s;
  return op('knex', kind, method, top, {
    bounded: kind !== 'list' || names.has('limit') || names.has('paginate'),
    chained: true,
  });
}

function drizzleOp(links: Link[], top: Call): DbOperation {
  const start = links[0]!.name!;
  const names = new Set(links.map((l) => l.name));
  let kind: DbKind;
  if (start === 'insert') kind = names.has('onConflictDoUpdate') || names.has('onDuplicateKeyUpdate') ? 'upsert' : 'create';
  else if (start === 'update') kind = 'update';
  else if (start === 'delete') kind = 'delete';
  else kind = names.has('get') ? 'single' : 'list';
  return op('drizzle', kind, start, top, { bounded: kind !== 'list' || names.has('limit'), chained: true });
}

function typeormQbOp(links: Link[], top: Call): DbOperation {
  const names = new Set(links.map((l) => l.name));
  const terminal = links[links.length - 1]!.name!;
  let kind = TYPEORM_QB_TERMINALS[terminal]!;
  if (terminal === 'execute') {
    if (names.has('insert')) kind = names.has('orUpdate') ? 'upsert' : 'create';
    else if (names.has('update') || names.has('restore')) kind = 'update';
    else if (names.has('delete') || names.has('softDelete')) kind = 'delete';
    else kind = 'list';
  }
  return op('typeorm', kind, terminal, top, {
    bounded: kind !== 'list' || names.has('take') || names.has('limit'),
    chained: true,
  });
}

/** DB operations written as tagged templates: postgres.js `sql\`…\``, Prisma `$queryRaw\`…\``. */
export function classifyDbTaggedTemplate(node: TSESTree.TaggedTemplateExpression, context: Context): DbOperation | null {
  const s = stateOf(context);
  const tag = unwrap(node.tag);
  let library: DbLibrary | null = null;
  let method = 'sql';
  if (tag.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(tag);
    if (name === '$queryRaw' || name === '$executeRaw') {
      const v = dbValueOf(s, tag.object);
      if ((v?.role === 'client' && v.library === 'prisma') || (!v && isPrismaLikeName(tag.object))) {
        library = 'prisma';
        method = name;
      }
    }
  } else {
    const v = dbValueOf(s, tag);
    if (v?.role === 'client' && v.library === 'postgres') library = 'postgres';
    else if (v?.role === 'module' && v.library === 'mssql' && v.path?.[0] === 'query') library = 'mssql';
  }
  if (!library) {
    // Untracked `sql\`SELECT …\``: only a complete statement, never a fragment (drizzle/Prisma.sql).
    if (tag.type !== AST_NODE_TYPES.Identifier || tag.name !== 'sql' || dbValueOf(s, tag)) return null;
    if (!isExecuted(node)) return null;
    library = 'postgres';
  }
  const text = sqlTextOf(s.sourceCode, node.quasi);
  if (!text || !looksLikeSql(text.text)) {
    return library === 'prisma' ? op(library, method === '$executeRaw' ? 'update' : 'other', method, node, { sql: text?.text ?? null }) : null;
  }
  const info = classifySql(text.text, true);
  if (!info) return null;
  return { library, operation: info.operation, kind: info.kind, bounded: info.kind === 'list' ? info.bounded : true, sql: text.text, method, node, chained: false };
}

/** The expression's value is consumed as a query result: awaited, returned, or `.then`-ed. */
export function isExecuted(node: Node): boolean {
  let p = node.parent;
  let child: Node = node;
  while (p && (p.type === AST_NODE_TYPES.TSAsExpression || p.type === AST_NODE_TYPES.TSNonNullExpression || p.type === AST_NODE_TYPES.ChainExpression)) {
    child = p;
    p = p.parent;
  }
  if (!p) return false;
  switch (p.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.YieldExpression:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return p.body === child;
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(p);
      return p.object === child && !!name && RESULT_CONSUMERS.has(name);
    }
    default:
      return false;
  }
}

/** DB operation of any node (call or tagged template). */
export function classifyDbNode(node: Node, context: Context): DbOperation | null {
  if (node.type === AST_NODE_TYPES.CallExpression) return classifyDbCall(node, context);
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return classifyDbTaggedTemplate(node, context);
  return null;
}

/** Cheap gate: does the file import a DB library (tracked operations possible)? */
export function fileUsesDbLibrary(context: Context): boolean {
  return stateOf(context).usesDb;
}
