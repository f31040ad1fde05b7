/**
 * Tables: the methods of builder-style query APIs — which start a chain, which continue it, which
 * run it. A chain is one operation only while every link is a known method of its family.
 */
import type { DbKind } from '../../sql.js';

// Methods on a mongoose Query / MongoDB cursor that keep the chain going.
export const QUERY_CONTINUATIONS = new Set([
  'sort', 'limit', 'skip', 'lean', 'populate', 'select', 'exec', 'where', 'equals', 'gt', 'gte', 'lt', 'lte',
  'in', 'nin', 'ne', 'or', 'and', 'regex', 'elemMatch', 'size', 'slice', 'toArray', 'project', 'projection',
  'hint', 'batchSize', 'collation', 'session', 'maxTimeMS', 'read', 'cursor', 'orFail', 'setOptions', 'comment',
  'allowDiskUse', 'explain', 'transform', 'map', 'limit', 'countDocuments', 'next', 'forEach', 'tailable',
]);

export const TYPEORM_QB_METHODS = new Set([
  'select', 'addSelect', 'from', 'where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy',
  'addOrderBy', 'groupBy', 'addGroupBy', 'leftJoin', 'leftJoinAndSelect', 'innerJoin', 'innerJoinAndSelect',
  'rightJoin', 'take', 'skip', 'limit', 'offset', 'insert', 'into', 'values', 'update', 'set', 'delete',
  'softDelete', 'restore', 'returning', 'orIgnore', 'orUpdate', 'setParameter', 'setParameters', 'withDeleted',
  'relation', 'of', 'cache', 'setLock', 'useTransaction', 'distinct', 'distinctOn', 'whereInIds',
  'andWhereInIds', 'leftJoinAndMapOne', 'leftJoinAndMapMany', 'loadRelationCountAndMap', 'subQuery',
]);
export const TYPEORM_QB_TERMINALS: Record<string, DbKind> = {
  getMany: 'list', getManyAndCount: 'list', getRawMany: 'list', getRawAndEntities: 'list', getOne: 'single',
  getOneOrFail: 'single', getRawOne: 'single', getCount: 'aggregate', getExists: 'single', execute: 'other',
  stream: 'list',
};
export const KNEX_METHODS = new Set([
  'select', 'columns', 'column', 'from', 'into', 'table', 'where', 'andWhere', 'orWhere', 'whereNot',
  'andWhereNot', 'orWhereNot', 'whereIn', 'orWhereIn', 'whereNotIn', 'orWhereNotIn', 'whereNull', 'orWhereNull',
  'whereNotNull', 'orWhereNotNull', 'whereBetween', 'orWhereBetween', 'whereNotBetween', 'whereExists',
  'orWhereExists', 'whereNotExists', 'whereLike', 'whereILike', 'whereRaw', 'orWhereRaw', 'andWhereRaw',
  'whereJsonPath', 'whereJsonObject', 'whereJsonSupersetOf', 'whereJsonSubsetOf', 'join', 'innerJoin',
  'leftJoin', 'leftOuterJoin', 'rightJoin', 'rightOuterJoin', 'fullOuterJoin', 'crossJoin', 'joinRaw', 'orderBy',
  'orderByRaw', 'groupBy', 'groupByRaw', 'having', 'havingIn', 'havingRaw', 'orHaving', 'orHavingRaw', 'limit',
  'offset', 'first', 'pluck', 'count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct',
  'distinct', 'distinctOn', 'insert', 'update', 'del', 'delete', 'increment', 'decrement', 'truncate', 'returning',
  'onConflict', 'merge', 'ignore', 'upsert', 'forUpdate', 'forShare', 'forNoKeyUpdate', 'forKeyShare',
  'skipLocked', 'noWait', 'transacting', 'timeout', 'with', 'withRecursive', 'withMaterialized', 'union',
  'unionAll', 'intersect', 'except', 'modify', 'clearSelect', 'clearWhere', 'clearOrder', 'clearGroup',
  'clearHaving', 'clearCounters', 'clear', 'as', 'options', 'connection', 'debug', 'hintComment', 'jsonExtract',
  'jsonSet', 'jsonInsert', 'jsonRemove', 'queryContext', 'paginate', 'andWhereBetween', 'whereNotLike',
]);
// A member call on a knex client that starts a builder (`knex.select(…)`, `trx.insert(…)`).
export const KNEX_STARTS = new Set([
  'select', 'from', 'table', 'into', 'insert', 'update', 'del', 'delete', 'count', 'first', 'pluck', 'with',
  'withRecursive', 'distinct', 'queryBuilder', 'min', 'max', 'sum', 'avg', 'truncate', 'upsert', 'columns',
  'column', 'countDistinct', 'union',
]);
export const DRIZZLE_METHODS = new Set([
  'from', 'where', 'limit', 'offset', 'orderBy', 'groupBy', 'having', 'leftJoin', 'rightJoin', 'innerJoin',
  'fullJoin', 'values', 'set', 'returning', 'onConflictDoNothing', 'onConflictDoUpdate', 'onDuplicateKeyUpdate',
  'for', 'prepare', 'execute', 'all', 'get', 'run', '$dynamic', 'as', 'crossJoin', 'with',
]);
export const DRIZZLE_STARTS = new Set(['select', 'selectDistinct', 'selectDistinctOn', 'insert', 'update', 'delete']);

export const NO_CONTINUATIONS: ReadonlySet<string> = new Set();
export const PREPARED_CONTINUATIONS: ReadonlySet<string> = new Set(['run', 'get', 'all', 'iterate', 'each', 'bind', 'pluck', 'raw', 'expand']);

/** Prepared-statement methods that run it (better-sqlite3, sqlite3). */
export const PREPARED_RUNNERS: ReadonlySet<string> = new Set(['run', 'get', 'all', 'iterate', 'each']);
/** knex methods that make a query an aggregate (unless grouped). */
export const KNEX_AGGREGATES: readonly string[] = ['count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct'];
/** Methods that consume a query's result (promises, mongoose `exec`, knex `asCallback`). */
export const RESULT_CONSUMERS: ReadonlySet<string> = new Set(['then', 'catch', 'finally', 'exec', 'asCallback']);
