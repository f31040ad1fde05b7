/**
 * Data-access model: which calls read or write a database, which calls run raw SQL (SQL sinks),
 * which calls have other side effects (fs writes, mutating HTTP, mail/queue publishing), and where
 * DB clients are constructed.
 *
 * PUBLIC API (used by the rules; keep stable):
 *
 *   classifyDbCall(call, context) → DbOperation | null
 *     A DB operation, reported ONCE per chain: only the outermost call of a builder chain answers
 *     (`knex('t').where(…).limit(10)` → the `.limit(10)` call; `User.find().sort().lean()` → `.lean()`).
 *     Calls inside the chain and `.then()` after it return null.
 *     { library, operation: 'read'|'write'|'unknown', kind: 'create'|'upsert'|'update'|'delete'|'ddl'
 *       |'list'|'single'|'aggregate'|'other', bounded, sql (static text or null), method, node,
 *       chained (builder-style query that runs when awaited), instance (set for a method of a model
 *       record: what the ORM calls it, `instance`/`document`/`entity`) }
 *     Model records: a value traced in this file (const / never-reassigned let, await, array
 *     destructuring, `for…of`, `forEach`/`map`/`.then` callbacks, `users[0]`) to a finder or
 *     constructor of a recognised model (INSTANCE_ORMS: Sequelize, Mongoose, TypeORM active records
 *     and repository entities, Objection) has its writes (`save`, `update`, `destroy`, `deleteOne`,
 *     `$query().patch()`…) and reads (`reload`) classified; `x.save()` on an untraced value is not.
 *     MikroORM `em.flush()`/`persistAndFlush()`… are writes in files that import `@mikro-orm/*`.
 *
 *   getSqlSink(call, context) → { library, sqlArg, hasBoundValues } | null
 *     The call passes raw SQL text to a driver/ORM: pg/pg-promise, mysql/mysql2, sqlite3,
 *     better-sqlite3, mssql, oracledb, sequelize `query`/`literal`, knex `raw`/`*Raw`, TypeORM `query`
 *     and string `where`/`andWhere`/`orWhere`/`having` on query builders, Prisma `$queryRawUnsafe`/
 *     `$executeRawUnsafe`/`Prisma.raw`, drizzle `sql.raw`, postgres.js `sql.unsafe`. Tagged templates
 *     (`sql\`…\``, `$queryRaw\`…\``) are NOT sinks. `sqlArg` is the node carrying the SQL text;
 *     `hasBoundValues` is true when values travel separately (a values array/object argument,
 *     Sequelize `replacements`/`bind`, pg `{ text, values }`).
 *     Untracked receivers (a `db` passed in from another file) count when the method is a driver
 *     method and the argument's leading static text is SQL (`db.query('SELECT … ' + id)`).
 *
 *   classifySideEffect(call, context) → SideEffect | null
 *     { kind: 'db-write'|'fs-write'|'http'|'message', what: string (for messages), node }.
 *
 *   dbClientConstruction(node, context) → { library, what, options, node } | null
 *     `new Pool(cfg)`, `mysql.createPool(cfg)`, `knex(cfg)`, `new Sequelize(…)`, `mongoose.connect(uri, opts)`,
 *     `new MongoClient(uri, opts)`, `prisma.$transaction(fn, opts)` — for require-query-timeout.
 *
 *   isRequestDataExpression etc. are NOT here (route/response models own request shapes).
 *
 * Receivers are followed through import tracking and const bindings (`const pool = new Pool()`,
 * `const db = knex(cfg)`, `const User = mongoose.model(…)`, class fields `this.pool = new Pool()`),
 * and recognised by shape when untracked: knex-style chains on `knex`/`trx`/`db`/`*.knex`, Prisma
 * delegates on `prisma`/`this.prisma`, model classes (`User.findAll`, `db.User.create`,
 * `this.userModel.find`), TypeORM repositories named `*Repository`/`*Repo`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { getImportTracker, propertyName, requiredSource, type ImportTracker, type ModuleRef } from './imports.js';
import { getObjectLiteral, getProperty, getStaticString, hasUnknownSpread, resolveConstInit, unwrap } from './values.js';
import { classifySql, looksLikeSql, sqlTextOf, type DbKind } from './sql.js';

export { classifySql, looksLikeSql, sqlTextOf, topLevelSql, type DbKind, type SqlInfo, type SqlText } from './sql.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type Call = TSESTree.CallExpression;

export type DbLibrary =
  | 'pg'
  | 'pg-promise'
  | 'mysql'
  | 'mysql2'
  | 'sqlite3'
  | 'better-sqlite3'
  | 'mssql'
  | 'oracledb'
  | 'sequelize'
  | 'knex'
  | 'typeorm'
  | 'prisma'
  | 'mongoose'
  | 'mongodb'
  | 'drizzle'
  | 'postgres'
  | 'objection'
  | 'mikro-orm'
  /** An ORM model whose library is not visible in this file (`User.findAll`, `models.Post.findOne`). */
  | 'model'
  /** Raw SQL through a driver whose library is not visible in this file (`db.query('SELECT …')`). */
  | 'sql';

export interface DbOperation {
  library: DbLibrary;
  operation: 'read' | 'write' | 'unknown';
  kind: DbKind;
  /** Reads: a row bound is present (take/limit/.limit()/LIMIT), or cannot be ruled out. */
  bounded: boolean;
  /** Static SQL text when the operation runs raw SQL (dynamic parts as `?`). */
  sql: string | null;
  /** The method that decides the operation (`findMany`, `insert`, `query`…). */
  method: string;
  /** The outermost call of the chain: report here. */
  node: Call | TSESTree.TaggedTemplateExpression;
  /** Builder-style query (knex, drizzle, TypeORM query builder, mongoose Query) that runs when awaited. */
  chained: boolean;
  /** A method of a model instance (`user.save()`): what the ORM calls a record (`instance`, `document`, `entity`). */
  instance?: string;
}

export interface SqlSink {
  library: DbLibrary;
  sqlArg: Node;
  hasBoundValues: boolean;
}

// ---------------------------------------------------------------------------------------------
// Library tables
// ---------------------------------------------------------------------------------------------

export const DB_MODULES: readonly string[] = [
  'pg', 'pg-pool', 'pg-promise', 'mysql', 'mysql2', 'mysql2/promise', 'sqlite3', 'sqlite', 'better-sqlite3', 'mssql',
  'oracledb', 'sequelize', 'sequelize-typescript', 'knex', 'typeorm', '@prisma/client', 'mongoose', 'mongodb',
  'drizzle-orm', 'postgres', '@nestjs/typeorm', '@nestjs/mongoose', '@nestjs/sequelize',
];

/** True when `source` is a database library's module (`knex`, `pg`, `@prisma/client`…). */
export function isDbModule(source: string): boolean {
  return libraryOfModule(source) !== null;
}

function libraryOfModule(source: string): DbLibrary | null {
  if (source === 'pg' || source === 'pg-pool') return 'pg';
  if (source === 'mysql2' || source === 'mysql2/promise') return 'mysql2';
  if (source === 'sqlite') return 'sqlite3';
  if (source === 'sequelize-typescript' || source === '@nestjs/sequelize') return 'sequelize';
  if (source === '@nestjs/typeorm') return 'typeorm';
  if (source === '@nestjs/mongoose') return 'mongoose';
  if (source === '@prisma/client' || source.startsWith('@prisma/client/')) return 'prisma';
  if (source === 'drizzle-orm' || source.startsWith('drizzle-orm/')) return 'drizzle';
  if (
    source === 'pg-promise' || source === 'mysql' || source === 'sqlite3' || source === 'better-sqlite3' ||
    source === 'mssql' || source === 'oracledb' || source === 'sequelize' || source === 'knex' ||
    source === 'typeorm' || source === 'mongoose' || source === 'mongodb' || source === 'postgres'
  ) {
    return source;
  }
  return null;
}

type Role =
  | 'module' // the library module or a path inside it
  | 'factory' // pg-promise's pgp
  | 'client' // a connection, pool, database handle
  | 'model' // ORM model / Prisma delegate
  | 'repository' // TypeORM repository / entity manager
  | 'collection' // MongoDB collection
  | 'statement' // prepared statement (better-sqlite3 / sqlite3)
  | 'request' // mssql Request
  | 'document'; // a model instance (`new User()`, a found record)

interface DbValue {
  library: DbLibrary;
  role: Role;
  /** For role 'module': export path inside the module. */
  path?: string[];
  /** For role 'statement': the prepare call's SQL. */
  sql?: string | null;
  /** For role 'document': created with `new` (a new record) vs read from the DB. */
  fresh?: boolean;
}

const PRISMA_MODEL_READS: Record<string, DbKind> = {
  findMany: 'list', findFirst: 'single', findFirstOrThrow: 'single', findUnique: 'single',
  findUniqueOrThrow: 'single', count: 'aggregate', aggregate: 'aggregate', groupBy: 'list',
};
const PRISMA_MODEL_WRITES: Record<string, DbKind> = {
  create: 'create', createMany: 'create', createManyAndReturn: 'create', update: 'update',
  updateMany: 'update', updateManyAndReturn: 'update', upsert: 'upsert', delete: 'delete', deleteMany: 'delete',
};

// Mongoose models, Sequelize models and other ORM model classes share most method names.
const MODEL_READS: Record<string, DbKind> = {
  find: 'list', findAll: 'list', findAndCountAll: 'list', findOne: 'single', findById: 'single',
  findByPk: 'single', exists: 'single', countDocuments: 'aggregate', estimatedDocumentCount: 'aggregate',
  count: 'aggregate', distinct: 'aggregate', aggregate: 'aggregate', max: 'aggregate', min: 'aggregate',
  sum: 'aggregate',
};
const MODEL_WRITES: Record<string, DbKind> = {
  create: 'create', insertMany: 'create', bulkCreate: 'create', updateOne: 'update', updateMany: 'update',
  findOneAndUpdate: 'update', findByIdAndUpdate: 'update', replaceOne: 'update', findOneAndReplace: 'update',
  update: 'update', increment: 'update', decrement: 'update', deleteOne: 'delete', deleteMany: 'delete',
  findOneAndDelete: 'delete', findByIdAndDelete: 'delete', findOneAndRemove: 'delete', findByIdAndRemove: 'delete',
  destroy: 'delete', truncate: 'delete', upsert: 'upsert', findOrCreate: 'upsert', bulkWrite: 'update',
};
// Model method names also common on non-ORM classes (factories, domain objects, caches).
const GENERIC_MODEL_METHODS = new Set([
  'find', 'findOne', 'create', 'update', 'destroy', 'count', 'aggregate', 'exists', 'distinct', 'max', 'min',
  'sum', 'upsert', 'truncate', 'increment', 'decrement', 'findAll',
]);
// Methods on a mongoose Query / MongoDB cursor that keep the chain going.
const QUERY_CONTINUATIONS = new Set([
  'sort', 'limit', 'skip', 'lean', 'populate', 'select', 'exec', 'where', 'equals', 'gt', 'gte', 'lt', 'lte',
  'in', 'nin', 'ne', 'or', 'and', 'regex', 'elemMatch', 'size', 'slice', 'toArray', 'project', 'projection',
  'hint', 'batchSize', 'collation', 'session', 'maxTimeMS', 'read', 'cursor', 'orFail', 'setOptions', 'comment',
  'allowDiskUse', 'explain', 'transform', 'map', 'limit', 'countDocuments', 'next', 'forEach', 'tailable',
]);
const MONGO_COLLECTION_READS: Record<string, DbKind> = {
  find: 'list', findOne: 'single', countDocuments: 'aggregate', estimatedDocumentCount: 'aggregate',
  aggregate: 'aggregate', distinct: 'aggregate', count: 'aggregate',
};
const MONGO_COLLECTION_WRITES: Record<string, DbKind> = {
  insertOne: 'create', insertMany: 'create', updateOne: 'update', updateMany: 'update', replaceOne: 'update',
  findOneAndUpdate: 'update', findOneAndReplace: 'update', deleteOne: 'delete', deleteMany: 'delete',
  findOneAndDelete: 'delete', bulkWrite: 'update', drop: 'ddl', createIndex: 'ddl', dropIndex: 'ddl',
};
const TYPEORM_REPO_READS: Record<string, DbKind> = {
  find: 'list', findBy: 'list', findAndCount: 'list', findAndCountBy: 'list', findOne: 'single',
  findOneBy: 'single', findOneOrFail: 'single', findOneByOrFail: 'single', findByIds: 'list', count: 'aggregate',
  countBy: 'aggregate', sum: 'aggregate', average: 'aggregate', minimum: 'aggregate', maximum: 'aggregate',
  exist: 'single', exists: 'single', existsBy: 'single',
};
const TYPEORM_REPO_WRITES: Record<string, DbKind> = {
  save: 'create', insert: 'create', update: 'update', upsert: 'upsert', delete: 'delete', remove: 'delete',
  softDelete: 'delete', softRemove: 'delete', restore: 'update', recover: 'update', increment: 'update',
  decrement: 'update', clear: 'delete',
};
const TYPEORM_QB_METHODS = new Set([
  'select', 'addSelect', 'from', 'where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy',
  'addOrderBy', 'groupBy', 'addGroupBy', 'leftJoin', 'leftJoinAndSelect', 'innerJoin', 'innerJoinAndSelect',
  'rightJoin', 'take', 'skip', 'limit', 'offset', 'insert', 'into', 'values', 'update', 'set', 'delete',
  'softDelete', 'restore', 'returning', 'orIgnore', 'orUpdate', 'setParameter', 'setParameters', 'withDeleted',
  'relation', 'of', 'cache', 'setLock', 'useTransaction', 'distinct', 'distinctOn', 'whereInIds',
  'andWhereInIds', 'leftJoinAndMapOne', 'leftJoinAndMapMany', 'loadRelationCountAndMap', 'subQuery',
]);
const TYPEORM_QB_TERMINALS: Record<string, DbKind> = {
  getMany: 'list', getManyAndCount: 'list', getRawMany: 'list', getRawAndEntities: 'list', getOne: 'single',
  getOneOrFail: 'single', getRawOne: 'single', getCount: 'aggregate', getExists: 'single', execute: 'other',
  stream: 'list',
};
const KNEX_METHODS = new Set([
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
const KNEX_STARTS = new Set([
  'select', 'from', 'table', 'into', 'insert', 'update', 'del', 'delete', 'count', 'first', 'pluck', 'with',
  'withRecursive', 'distinct', 'queryBuilder', 'min', 'max', 'sum', 'avg', 'truncate', 'upsert', 'columns',
  'column', 'countDistinct', 'union',
]);
const DRIZZLE_METHODS = new Set([
  'from', 'where', 'limit', 'offset', 'orderBy', 'groupBy', 'having', 'leftJoin', 'rightJoin', 'innerJoin',
  'fullJoin', 'values', 'set', 'returning', 'onConflictDoNothing', 'onConflictDoUpdate', 'onDuplicateKeyUpdate',
  'for', 'prepare', 'execute', 'all', 'get', 'run', '$dynamic', 'as', 'crossJoin', 'with',
]);
const DRIZZLE_STARTS = new Set(['select', 'selectDistinct', 'selectDistinctOn', 'insert', 'update', 'delete']);

// Driver methods that take SQL text as their first argument.
const DRIVER_SQL_METHODS: Partial<Record<DbLibrary, ReadonlySet<string>>> = {
  pg: new Set(['query']),
  'pg-promise': new Set(['query', 'none', 'one', 'many', 'any', 'oneOrNone', 'manyOrNone', 'result', 'multi', 'multiResult', 'each', 'map', 'stream']),
  mysql: new Set(['query', 'execute']),
  mysql2: new Set(['query', 'execute']),
  sqlite3: new Set(['run', 'get', 'all', 'each', 'exec', 'prepare']),
  'better-sqlite3': new Set(['prepare', 'exec']),
  mssql: new Set(['query', 'batch']),
  oracledb: new Set(['execute', 'executeMany', 'queryStream']),
  sequelize: new Set(['query']),
  typeorm: new Set(['query']),
  postgres: new Set(['unsafe']),
  drizzle: new Set(['execute', 'run', 'all', 'get', 'values']),
  knex: new Set(['raw']),
  prisma: new Set(['$queryRawUnsafe', '$executeRawUnsafe']),
};
// For untracked receivers: a call with one of these names whose first argument is SQL text.
const GENERIC_SQL_METHODS = new Set([
  'query', 'execute', 'raw', 'none', 'one', 'many', 'any', 'oneOrNone', 'manyOrNone', 'result', 'multi',
  'run', 'get', 'all', 'each', 'exec', 'prepare', 'unsafe', 'batch', 'executeMany', 'map',
  '$queryRawUnsafe', '$executeRawUnsafe',
]);
const SINGLE_ROW_SQL_METHODS = new Set(['one', 'oneOrNone', 'get', 'result']);
const KNEX_RAW_METHODS = new Set([
  'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'joinRaw', 'groupByRaw',
  'selectRaw', 'fromRaw', 'onRaw', 'andOnRaw', 'orOnRaw', 'whereNotRaw', 'columnsRaw', 'updateRaw',
]);
const TYPEORM_WHERE_METHODS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);
/** Every method name a member-call SQL sink can have (see getSqlSink): other calls are ruled out by name. */
const SINK_METHODS: ReadonlySet<string> = new Set([
  '$queryRawUnsafe', '$executeRawUnsafe', 'raw', 'literal', 'unsafe', 'query', ...KNEX_RAW_METHODS, ...TYPEORM_WHERE_METHODS,
  ...GENERIC_SQL_METHODS, ...Object.values(DRIVER_SQL_METHODS).flatMap((m) => [...m!]),
]);

const BUILTIN_CLASSES = new Set([
  'Object', 'Array', 'Promise', 'Reflect', 'Math', 'JSON', 'Date', 'Buffer', 'Number', 'String', 'Boolean',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Error', 'URL', 'URLSearchParams', 'Intl', 'BigInt', 'Proxy',
  'RegExp', 'Function', 'Atomics', 'Iterator', 'Response', 'Request', 'Headers', 'Blob', 'File', 'FormData',
  'Crypto', 'Event', 'EventEmitter', 'Stream', 'Readable', 'Writable', 'Transform', 'Worker', 'Intl', 'Temporal',
  'Joi', 'Yup', 'React', 'Vue', 'Ember', 'Bluebird', 'Sentry', 'Stripe', 'Handlebars', 'DataLoader', 'Redis',
  'Queue', 'Bull', 'Logger', 'Handler', 'Component', 'Vuex', 'Immutable', 'Moment', 'DateTime', 'Duration',
  'Effect', 'Layer', 'Option', 'Either', 'Chain', 'Schema', 'Type', 'Types', 'Errors', 'Utils', 'Helpers',
  'Lodash', 'Cache', 'Storage', 'Config', 'Settings', 'Array', 'Collection', 'List', 'Stack', 'Record', 'Seq',
]);
const PASCAL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;

/**
 * How each ORM hands out records and which record methods touch the database. A record is
 * recognised only when it comes from a recognised model (see isModelLike): `x.save()` on anything
 * else is not classified.
 */
interface InstanceOrm {
  library: DbLibrary;
  /** What the ORM calls a record, for messages: `sequelize instance save`. */
  noun: string;
  /** Static model methods that resolve to stored records: one, or a list. */
  finders: Readonly<Record<string, 'one' | 'many'>>;
  /** Static model methods that build a record in memory (its `save()` inserts it). */
  builders: ReadonlySet<string>;
  /** Finders and builders no other common ORM has: they name the ORM (`findByPk` → Sequelize; `findAll` does not: Bookshelf has it too). */
  distinctive: ReadonlySet<string>;
  /** `new Model(attrs)` builds a record. */
  constructible: boolean;
  /** Record methods that write. `save` is an update of a stored record, an insert of a built one. */
  writes: Readonly<Record<string, DbKind>>;
  /** Record methods that read. */
  reads: Readonly<Record<string, DbKind>>;
  /** Record methods that return the record itself (`user.set(attrs).save()`). */
  passThrough: ReadonlySet<string>;
  /** Finder results are queries whose chain keeps yielding records (mongoose `findOne().populate()`). */
  queryContinuations: ReadonlySet<string>;
  /** Record methods that start a query on the record (`$query()`) and the writes that query can run. */
  recordQueries?: { starts: ReadonlySet<string>; writes: Readonly<Record<string, DbKind>> };
  /** Model methods that start a query builder (`Model.query()`), the chain methods that narrow it, and the ones that pick one row. */
  modelQueries?: { starts: ReadonlySet<string>; chain: ReadonlySet<string>; one: ReadonlySet<string> };
}

const NONE: ReadonlySet<string> = new Set();

export const INSTANCE_ORMS: readonly InstanceOrm[] = [
  {
    library: 'sequelize',
    noun: 'instance',
    finders: { findByPk: 'one', findOne: 'one', create: 'one', findAll: 'many', bulkCreate: 'many' },
    builders: new Set(['build']),
    distinctive: new Set(['findByPk']),
    constructible: true,
    writes: { save: 'update', update: 'update', destroy: 'delete', restore: 'update', increment: 'update', decrement: 'update' },
    reads: { reload: 'single' },
    passThrough: new Set(['set']),
    queryContinuations: NONE,
  },
  {
    library: 'mongoose',
    noun: 'document',
    finders: { findById: 'one', findOne: 'one', create: 'one', find: 'many' },
    builders: new Set(['hydrate']),
    distinctive: new Set(['findById', 'hydrate']),
    constructible: true,
    writes: { save: 'update', deleteOne: 'delete', updateOne: 'update', remove: 'delete' },
    reads: {},
    passThrough: new Set(['set']),
    // `lean()` is missing on purpose: it yields plain objects, not documents.
    queryContinuations: new Set(['sort', 'limit', 'skip', 'populate', 'select', 'exec', 'where', 'session', 'orFail', 'collation', 'hint', 'comment', 'maxTimeMS', 'read', 'setOptions']),
  },
  {
    // Active-record entities (`class User extends BaseEntity`); repository finders hand out the same entities.
    library: 'typeorm',
    noun: 'entity',
    finders: { findOne: 'one', findOneBy: 'one', findOneOrFail: 'one', findOneByOrFail: 'one', find: 'many', findBy: 'many' },
    builders: new Set(['create']),
    distinctive: new Set(['findOneBy', 'findOneByOrFail', 'findBy']),
    constructible: true,
    writes: { save: 'update', remove: 'delete', softRemove: 'delete', recover: 'update' },
    reads: { reload: 'single' },
    passThrough: NONE,
    queryContinuations: NONE,
  },
  {
    library: 'objection',
    noun: 'model instance',
    finders: {},
    builders: new Set(['fromJson']),
    distinctive: new Set(['fromJson']),
    constructible: true,
    writes: {},
    reads: {},
    passThrough: NONE,
    queryContinuations: NONE,
    recordQueries: {
      starts: new Set(['$query', '$relatedQuery']),
      writes: { patch: 'update', patchAndFetch: 'update', update: 'update', updateAndFetch: 'update', delete: 'delete', insert: 'create', insertAndFetch: 'create', relate: 'update', unrelate: 'update', upsertGraph: 'upsert' },
    },
    modelQueries: {
      starts: new Set(['query']),
      chain: new Set(['where', 'andWhere', 'orWhere', 'whereIn', 'whereNot', 'whereNull', 'whereNotNull', 'orderBy', 'limit', 'offset', 'select', 'withGraphFetched', 'withGraphJoined', 'joinRelated', 'modify', 'skipUndefined', 'throwIfNotFound', 'first', 'findById', 'findOne', 'findByIds', 'forUpdate', 'transacting']),
      one: new Set(['first', 'findById', 'findOne']),
    },
  },
];

/** MikroORM's EntityManager writes the records it tracks on flush. */
const MIKRO_ORM_EM_WRITES: Readonly<Record<string, DbKind>> = {
  flush: 'update', persistAndFlush: 'update', removeAndFlush: 'delete', nativeUpdate: 'update', nativeDelete: 'delete',
  insert: 'create', insertMany: 'create', upsert: 'upsert', upsertMany: 'upsert',
};

/** Every method name a record method can have (writes, reads, and the writes of record queries). */
const INSTANCE_METHODS: ReadonlySet<string> = new Set(
  INSTANCE_ORMS.flatMap((o) => [...Object.keys(o.writes), ...Object.keys(o.reads), ...Object.keys(o.recordQueries?.writes ?? {})]),
);
/** Every model method that hands out records. */
const RECORD_SOURCES: ReadonlySet<string> = new Set(
  INSTANCE_ORMS.flatMap((o) => [...Object.keys(o.finders), ...o.builders, ...o.passThrough, ...o.queryContinuations, ...(o.modelQueries?.chain ?? []), ...(o.modelQueries?.starts ?? [])]),
);
/** Builders with names common outside ORMs: like GENERIC_MODEL_METHODS, they need a models-like receiver. */
const GENERIC_RECORD_SOURCES = new Set(['build', 'hydrate', 'fromJson', 'query']);

/** Every method name that can start (or be) a DB operation. */
const START_NAMES: ReadonlySet<string> = new Set([
  ...KNEX_STARTS, ...DRIZZLE_STARTS, 'findMany', 'findFirst', ...Object.keys(PRISMA_MODEL_READS), ...Object.keys(PRISMA_MODEL_WRITES),
  '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'createQueryBuilder', ...Object.keys(TYPEORM_REPO_READS),
  ...Object.keys(TYPEORM_REPO_WRITES), ...Object.keys(MONGO_COLLECTION_READS), ...Object.keys(MONGO_COLLECTION_WRITES),
  ...Object.keys(MODEL_READS), ...Object.keys(MODEL_WRITES), 'save', 'destroy', 'remove', 'deleteOne', 'update', 'run', 'get',
  'all', 'iterate', 'each', ...GENERIC_SQL_METHODS, 'query', ...INSTANCE_METHODS, ...Object.keys(MIKRO_ORM_EM_WRITES),
]);

// Method names per family, as sets: a Set lookup is cheaper than `in` on the kind tables.
const PRISMA_MODEL_METHODS: ReadonlySet<string> = new Set([...Object.keys(PRISMA_MODEL_READS), ...Object.keys(PRISMA_MODEL_WRITES)]);
const TYPEORM_REPO_METHODS: ReadonlySet<string> = new Set([...Object.keys(TYPEORM_REPO_READS), ...Object.keys(TYPEORM_REPO_WRITES)]);
const MONGO_COLLECTION_METHODS: ReadonlySet<string> = new Set([...Object.keys(MONGO_COLLECTION_READS), ...Object.keys(MONGO_COLLECTION_WRITES)]);
const MODEL_METHODS: ReadonlySet<string> = new Set([...Object.keys(MODEL_READS), ...Object.keys(MODEL_WRITES)]);

const NO_CONTINUATIONS: ReadonlySet<string> = new Set();
const PREPARED_CONTINUATIONS: ReadonlySet<string> = new Set(['run', 'get', 'all', 'iterate', 'each', 'bind', 'pluck', 'raw', 'expand']);
const TYPEORM_QB_ALL: ReadonlySet<string> = new Set([...TYPEORM_QB_METHODS, ...Object.keys(TYPEORM_QB_TERMINALS)]);

/**
 * Every method name the outermost call of an operation can have: a start, or a continuation of
 * some chain. Any other member call (and any direct call) is never an operation, which rules out
 * most calls before a chain is built.
 */
const TOP_NAMES: ReadonlySet<string> = new Set([
  ...START_NAMES, ...KNEX_METHODS, ...DRIZZLE_METHODS, ...QUERY_CONTINUATIONS, ...TYPEORM_QB_ALL, ...PREPARED_CONTINUATIONS,
]);

// ---------------------------------------------------------------------------------------------
// Receiver resolution
// ---------------------------------------------------------------------------------------------

interface State {
  sourceCode: SourceCode;
  tracker: ImportTracker;
  values: Map<Node, DbValue | null>;
  ops: Map<Node, DbOperation | null>;
  sqlArguments: Map<Node, boolean>;
  usesDb: boolean;
  /** A project model is present and the file imports project modules (which may export DB clients). */
  importsProjectModules: boolean;
  context: Context;
  /** The file imports sequelize or Prisma: a directly called `literal(…)`/`raw(…)` import can be a sink. */
  usesSinkFunctions: boolean;
  /** The file imports an HTTP client that is called as a function (`axios({ method: 'POST' })`). */
  usesHttpRequestFunction: boolean;
  instances: Map<Node, Instance | null>;
  /** ORMs with records (INSTANCE_ORMS, MikroORM) the file imports: they name an untracked model's library. */
  ormImports: Set<DbLibrary>;
}

const states = new WeakMap<object, State>();

function stateOf(context: Context): State {
  const sourceCode = context.sourceCode;
  let s = states.get(sourceCode.ast);
  if (!s) {
    const tracker = getImportTracker(context);
    s = {
      sourceCode,
      tracker,
      values: new Map(),
      ops: new Map(),
      sqlArguments: new Map(),
      usesDb: false,
      importsProjectModules: false,
      context,
      usesSinkFunctions: false,
      usesHttpRequestFunction: false,
      instances: new Map(),
      ormImports: new Set(),
    };
    for (const src of tracker.sources) {
      const orm = src === 'objection' ? 'objection' : src.startsWith('@mikro-orm/') ? 'mikro-orm' : null;
      if (orm) s.ormImports.add(orm);
      const lib = libraryOfModule(src);
      if (lib === 'sequelize' || lib === 'mongoose' || lib === 'typeorm') s.ormImports.add(lib);
      if (lib !== null) s.usesDb = true;
      else if (moduleValueResolver && isProjectSpecifier(src)) s.importsProjectModules = true;
      if (lib === 'sequelize' || lib === 'prisma') s.usesSinkFunctions = true;
      if (HTTP_REQUEST_FUNCTION_MODULES.includes(src)) s.usesHttpRequestFunction = true;
    }
    states.set(sourceCode.ast, s);
  }
  return s;
}

function lastName(node: Node): string | null {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) return propertyName(n);
  if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return null;
}

/** The value a `this.x` member refers to when the class assigns it once (field or constructor). */
function classFieldInit(node: TSESTree.MemberExpression): Node | null {
  if (node.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = propertyName(node);
  if (!name) return null;
  let p: Node | undefined = node.parent;
  while (p && p.type !== AST_NODE_TYPES.ClassBody) p = p.parent;
  if (!p) return null;
  let found: Node | null = null;
  for (const member of p.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && propertyName(member as unknown as TSESTree.Property) === name && member.value) {
      if (found) return null;
      found = member.value;
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const stmt of member.value.body?.body ?? []) {
        if (
          stmt.type === AST_NODE_TYPES.ExpressionStatement &&
          stmt.expression.type === AST_NODE_TYPES.AssignmentExpression &&
          stmt.expression.left.type === AST_NODE_TYPES.MemberExpression &&
          stmt.expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
          propertyName(stmt.expression.left) === name
        ) {
          if (found) return null;
          found = stmt.expression.right;
        }
      }
    }
  }
  return found;
}

/**
 * Set by the project model (src/project): the expression a project module exports under a
 * tracker reference, with that module's own context, so that `const db = require('./db')` and
 * `import { sql } from '../lib/db'` are known as the DB client the module creates.
 */
export type ModuleValueResolver = (context: Context, ref: ModuleRef) => { context: Context; node: Node } | null;
let moduleValueResolver: ModuleValueResolver | null = null;
export function setModuleValueResolver(resolver: ModuleValueResolver | null): void {
  moduleValueResolver = resolver;
}

/** A DB value exported by another project module, or undefined when `n` is not such an import. */
function importedDbValue(s: State, n: Node, depth: number): DbValue | null | undefined {
  if (!moduleValueResolver || !s.importsProjectModules) return undefined;
  const ref = s.tracker.resolve(n);
  if (!ref || libraryOfModule(ref.source) !== null || !isProjectSpecifier(ref.source)) return undefined;
  const target = moduleValueResolver(s.context, ref);
  // Not a DB value there: the name-based conventions below (`prisma.x`, `*Repository`) still apply.
  return (target && dbValueOf(stateOf(target.context), target.node, depth + 1)) ?? undefined;
}

/** Specifiers that can name a project file (relative, absolute, `#imports`, common path aliases). */
function isProjectSpecifier(source: string): boolean {
  const c = source.charCodeAt(0);
  return c === 46 /* . */ || c === 47 /* / */ || c === 35 /* # */ || c === 126 /* ~ */ || source.startsWith('@/') || source.startsWith('src/');
}

function dbValueOf(s: State, node: Node | null | undefined, depth = 0): DbValue | null {
  // Every DB value starts at an import or require of a DB library (here or in a project module
  // this file imports): without one, nothing to resolve.
  if ((!s.usesDb && !s.importsProjectModules) || !node || depth > 10) return null;
  const n = unwrap(node);
  if (s.values.has(n)) return s.values.get(n)!;
  s.values.set(n, null); // cycle guard
  const v = computeDbValue(s, n, depth);
  s.values.set(n, v);
  return v;
}

function computeDbValue(s: State, n: Node, depth: number): DbValue | null {
  if (n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression) {
    const imported = importedDbValue(s, n, depth);
    if (imported !== undefined) return imported;
  }
  switch (n.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return dbValueOf(s, n.argument, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return dbValueOf(s, n.expression, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const ref = s.tracker.resolve(n);
      if (ref) {
        const lib = libraryOfModule(ref.source);
        return lib ? { library: lib, role: 'module', path: ref.path[0] === 'default' ? ref.path.slice(1) : ref.path } : null;
      }
      const init = resolveConstInit(s.sourceCode, n);
      return init ? dbValueOf(s, init, depth + 1) : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(n);
      if (name === null) return null;
      if (n.object.type === AST_NODE_TYPES.ThisExpression) {
        const init = classFieldInit(n);
        return init ? dbValueOf(s, init, depth + 1) : null;
      }
      const base = dbValueOf(s, n.object, depth + 1);
      if (!base) return null;
      if (base.role === 'module') {
        if (base.path?.[0] === '__models') return { library: 'sequelize', role: 'model' };
        const path = [...(base.path ?? []), name];
        if (base.library === 'mongoose' && path.length === 1 && (name === 'connection' || name === 'connections')) {
          return { library: 'mongoose', role: 'client' };
        }
        return { library: base.library, role: 'module', path };
      }
      if (base.role === 'client') {
        if (base.library === 'prisma' && !name.startsWith('$')) return { library: 'prisma', role: 'model' };
        if (base.library === 'sequelize' && name === 'models') return { library: 'sequelize', role: 'module', path: ['__models'] };
        if (base.library === 'typeorm' && name === 'manager') return { library: 'typeorm', role: 'repository' };
        if (base.library === 'drizzle' && name === 'query') return { library: 'drizzle', role: 'module', path: ['__query'] };
        if (base.library === 'mysql2' && name === 'promise') return null;
        return null;
      }
      return null;
    }
    case AST_NODE_TYPES.NewExpression: {
      const callee = dbValueOf(s, n.callee, depth + 1);
      if (callee?.role === 'module') {
        const p = callee.path ?? [];
        const last = p[p.length - 1];
        switch (callee.library) {
          case 'pg':
            if (last === 'Pool' || last === 'Client' || p.length === 0) return { library: 'pg', role: 'client' };
            break;
          case 'sequelize':
            if (last === 'Sequelize' || p.length === 0) return { library: 'sequelize', role: 'client' };
            break;
          case 'prisma':
            if (last === 'PrismaClient') return { library: 'prisma', role: 'client' };
            break;
          case 'sqlite3':
            if (last === 'Database') return { library: 'sqlite3', role: 'client' };
            break;
          case 'better-sqlite3':
            return { library: 'better-sqlite3', role: 'client' };
          case 'mssql':
            if (last === 'ConnectionPool') return { library: 'mssql', role: 'client' };
            if (last === 'Request') return { library: 'mssql', role: 'request' };
            break;
          case 'typeorm':
            if (last === 'DataSource' || last === 'Connection') return { library: 'typeorm', role: 'client' };
            break;
          case 'mongodb':
            if (last === 'MongoClient') return { library: 'mongodb', role: 'client' };
            break;
          case 'mongoose':
            if (last === 'Mongoose') return { library: 'mongoose', role: 'client' };
            break;
          default:
            break;
        }
        return null;
      }
      if (callee?.role === 'model') return { library: callee.library, role: 'document', fresh: true };
      if (callee?.role === 'request') return null;
      if (callee?.role === 'client' && callee.library === 'mssql') return null;
      // `new Request(pool)` where Request came from `sql.Request`
      return null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const required = requiredSource(n);
      if (required !== null) {
        const lib = libraryOfModule(required);
        return lib ? { library: lib, role: 'module', path: [] } : null;
      }
      const callee = unwrap(n.callee);
      const calleeValue = dbValueOf(s, callee, depth + 1);
      if (calleeValue?.role === 'module') {
        const p = calleeValue.path ?? [];
        const last = p[p.length - 1];
        switch (calleeValue.library) {
          case 'knex':
            if (p.length === 0 || last === 'knex' || last === 'Knex') return { library: 'knex', role: 'client' };
            break;
          case 'pg-promise':
            if (p.length === 0) return { library: 'pg-promise', role: 'factory' };
            break;
          case 'mysql':
          case 'mysql2':
            if (last === 'createPool' || last === 'createConnection' || last === 'createPoolCluster') {
              return { library: calleeValue.library, role: 'client' };
            }
            break;
          case 'drizzle':
            if (last === 'drizzle') return { library: 'drizzle', role: 'client' };
            break;
          case 'postgres':
            if (p.length === 0) return { library: 'postgres', role: 'client' };
            break;
          case 'mssql':
            if (last === 'connect') return { library: 'mssql', role: 'client' };
            break;
          case 'oracledb':
            if (last === 'getConnection' || last === 'createPool' || last === 'getPool') return { library: 'oracledb', role: 'client' };
            break;
          case 'mongodb':
            if (last === 'connect') return { library: 'mongodb', role: 'client' };
            break;
          case 'mongoose':
            if (last === 'model') return { library: 'mongoose', role: 'model' };
            if (last === 'connect' || last === 'createConnection') return { library: 'mongoose', role: 'client' };
            break;
          case 'typeorm':
            if (last === 'getRepository' || last === 'getManager' || last === 'getCustomRepository' || last === 'getMongoRepository' || last === 'getTreeRepository') {
              return { library: 'typeorm', role: 'repository' };
            }
            if (last === 'getConnection' || last === 'createConnection') return { library: 'typeorm', role: 'client' };
            break;
          case 'sqlite3':
            if (last === 'open') return { library: 'sqlite3', role: 'client' }; // `sqlite` wrapper
            break;
          default:
            break;
        }
        return null;
      }
      if (calleeValue?.role === 'factory') return { library: 'pg-promise', role: 'client' };
      if (calleeValue?.role === 'client' && calleeValue.library === 'postgres') return null;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(callee);
        const recv = dbValueOf(s, callee.object, depth + 1);
        if (!recv || !name) return null;
        if (recv.role === 'client') {
          switch (name) {
            case 'connect':
            case 'getConnection':
            case 'acquire':
            case 'reserve':
              return recv.library === 'mongoose' ? null : { library: recv.library, role: 'client' };
            case 'promise':
              return recv.library === 'mysql2' || recv.library === 'mysql' ? { library: 'mysql2', role: 'client' } : null;
            case 'db':
              return recv.library === 'mongodb' ? { library: 'mongodb', role: 'client' } : null;
            case 'collection':
              return recv.library === 'mongodb' || recv.library === 'mongoose' ? { library: 'mongodb', role: 'collection' } : null;
            case 'getRepository':
            case 'getTreeRepository':
            case 'getMongoRepository':
              return { library: 'typeorm', role: 'repository' };
            case 'model':
              return recv.library === 'mongoose' ? { library: 'mongoose', role: 'model' } : null;
            case 'define':
              return recv.library === 'sequelize' ? { library: 'sequelize', role: 'model' } : null;
            case 'request':
              return recv.library === 'mssql' ? { library: 'mssql', role: 'request' } : null;
            case 'prepare': {
              if (recv.library !== 'better-sqlite3' && recv.library !== 'sqlite3') return null;
              const text = sqlTextOf(s.sourceCode, n.arguments[0]);
              return { library: recv.library, role: 'statement', sql: text?.text ?? null };
            }
            default:
              return null;
          }
        }
        if (recv.role === 'repository' && name === 'getRepository') return { library: 'typeorm', role: 'repository' };
        if (recv.role === 'model' && (name === 'findOne' || name === 'findById' || name === 'findByPk' || name === 'findOneBy')) {
          return { library: recv.library, role: 'document', fresh: false };
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** Identifier chain names that strongly suggest a knex instance passed in from elsewhere. */
function isKnexLikeName(node: Node, allowDb: boolean): boolean {
  const n = unwrap(node);
  const name = lastName(n);
  if (!name) return false;
  if (name === 'knex' || name === 'trx' || name === 'Knex') return true;
  if (allowDb && (name === 'db' || name === 'database')) return n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression;
  return false;
}

function isPrismaLikeName(node: Node): boolean {
  const name = lastName(node);
  return !!name && /^(?:prisma|prismaClient|prismaService|db)$/i.test(name);
}

function moduleOfIdentifier(s: State, node: Node): string | null {
  const ref = s.tracker.resolve(node);
  return ref ? ref.source : null;
}

const MODEL_PATH = /(?:^|[/\\._-])(?:models?|schemas?|entit(?:y|ies)|db|database|orm|dao|collections?)(?:$|[/\\._-])/i;
const MODEL_BASES = new Set(['Model', 'BaseModel', 'Document', 'Entity', 'BaseEntity']);

/** A local `class X extends Model` (Sequelize/Objection/TypeORM active record). */
function isLocalModelClass(s: State, id: TSESTree.Identifier): boolean {
  for (let scope: TSESLint.Scope.Scope | null = s.sourceCode.getScope(id); scope; scope = scope.upper) {
    const v = scope.set.get(id.name);
    if (!v) continue;
    const def = v.defs[0];
    if (def?.type !== 'ClassName') return false;
    const sup = (def.node as TSESTree.ClassDeclaration).superClass;
    const name = sup ? lastName(sup) : null;
    return !!name && MODEL_BASES.has(name);
  }
  return false;
}

/**
 * An ORM model reached by name: `User`, `models.User`, `db.User`, `this.userModel`. For method
 * names that are common outside ORMs (`create`, `update`, `find`…) a bare `User` must also come
 * from a models-like module (`../models/user`, `require('../models').User`) or be a local
 * `class User extends Model`: domain classes with a static `create` factory are everywhere.
 */
function isModelLike(s: State, node: Node, generic: boolean): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) {
    if (!PASCAL_CASE.test(n.name) || BUILTIN_CLASSES.has(n.name)) return false;
    const src = moduleOfIdentifier(s, n);
    // Imported from a package that is not a DB library: a class of that package, not a model.
    if (src && !src.startsWith('.') && !src.startsWith('/') && !src.startsWith('@/') && !src.startsWith('~') && libraryOfModule(src) === null) {
      return false;
    }
    if (!generic) return true;
    // DDD code keeps entities and value objects under `domain/models/`: `OfferStatus.create('archived')`.
    if (src) return (MODEL_PATH.test(src) && !/(?:^|[/\\])domain(?:[/\\]|$)/.test(src)) || libraryOfModule(src) !== null;
    return isLocalModelClass(s, n);
  }
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    if (!name) return false;
    if (/^[a-z]\w*Model$/.test(name)) return true; // Nest @InjectModel convention: this.userModel
    if (PASCAL_CASE.test(name) && !BUILTIN_CLASSES.has(name)) {
      const base = lastName(n.object);
      return !!base && /^(?:db|models?|database|orm|sequelize)$/i.test(base);
    }
  }
  return false;
}

function isRepositoryLike(node: Node): boolean {
  const name = lastName(node);
  return !!name && /^[a-z]\w*(?:Repository|Repo)$/.test(name);
}

// ---------------------------------------------------------------------------------------------
// Chains
// ---------------------------------------------------------------------------------------------

interface Link {
  call: Call;
  /** Member name for `x.name(...)`, null for a direct call `x(...)`. */
  name: string | null;
  /** Receiver of a member call, or the callee of a direct call. */
  object: Node;
}

/** Links of a call chain from the innermost call (root side) to `top`. */
function chainLinks(top: Call): Link[] {
  const links: Link[] = [];
  let n: Node = top;
  for (let i = 0; i < 30 && n.type === AST_NODE_TYPES.CallExpression; i++) {
    const callee = unwrap(n.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      links.push({ call: n, name: propertyName(callee), object: callee.object });
      n = unwrap(callee.object);
      if (n.type === AST_NODE_TYPES.ChainExpression) n = n.expression;
    } else {
      links.push({ call: n, name: null, object: callee });
      break;
    }
  }
  return links.reverse();
}

/** The member name `call` is made with (`x.name(…)`), null for a direct call. */
function calledName(call: Call): string | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
}

/** The method name of the call that continues the chain after `call`, if any. */
function nextInChain(call: Call): string | null {
  let child: Node = call;
  let p = call.parent;
  if (p?.type === AST_NODE_TYPES.ChainExpression) {
    child = p;
    p = p.parent;
  }
  if (p?.type === AST_NODE_TYPES.MemberExpression && p.object === child) {
    const gp = p.parent;
    if (gp?.type === AST_NODE_TYPES.CallExpression && gp.callee === p) return propertyName(p);
  }
  return null;
}

function objectArg(s: State, node: Node | undefined): TSESTree.ObjectExpression | null | 'unknown' {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
  const obj = getObjectLiteral(s.sourceCode, node);
  if (obj) return obj;
  return 'unknown';
}

/** An option is present (or cannot be ruled out). */
function hasOption(s: State, node: Node | undefined, names: readonly string[]): boolean {
  const obj = objectArg(s, node);
  if (obj === null) return false;
  if (obj === 'unknown') return true;
  if (hasUnknownSpread(s.sourceCode, obj)) return true;
  return names.some((n) => getProperty(s.sourceCode, obj, n) !== null);
}

function isUpsertOption(s: State, node: Node | undefined): boolean {
  const obj = node && node.type !== AST_NODE_TYPES.SpreadElement ? getObjectLiteral(s.sourceCode, node) : null;
  if (!obj) return false;
  const v = getProperty(s.sourceCode, obj, 'upsert');
  return !!v && v.type === AST_NODE_TYPES.Literal && v.value === true;
}

function readKind(kind: DbKind): 'read' | 'write' {
  return kind === 'list' || kind === 'single' || kind === 'aggregate' ? 'read' : 'write';
}

function op(
  library: DbLibrary,
  kind: DbKind,
  method: string,
  node: DbOperation['node'],
  extra: Partial<DbOperation> = {},
): DbOperation {
  return {
    library,
    operation: kind === 'other' ? 'unknown' : readKind(kind),
    kind,
    bounded: kind !== 'list',
    sql: null,
    method,
    node,
    chained: false,
    ...extra,
  };
}

function sqlOp(s: State, library: DbLibrary, method: string, node: DbOperation['node'], arg: Node | undefined, defaultKind: DbKind = 'other'): DbOperation | null {
  let sqlNode = arg;
  if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) {
    const obj = getObjectLiteral(s.sourceCode, arg);
    if (obj) sqlNode = getProperty(s.sourceCode, obj, 'text') ?? getProperty(s.sourceCode, obj, 'sql') ?? undefined;
  }
  const text = sqlTextOf(s.sourceCode, sqlNode);
  const info = text ? classifySql(text.text, text.complete) : null;
  if (!info) return op(library, defaultKind, method, node, { bounded: true, sql: text?.text ?? null });
  let kind = info.kind;
  if (info.operation === 'read' && SINGLE_ROW_SQL_METHODS.has(method) && kind === 'list') kind = 'single';
  return {
    library,
    operation: info.operation,
    kind,
    bounded: kind === 'list' ? info.bounded : true,
    sql: text!.text,
    method,
    node,
    chained: false,
  };
}

// ---------------------------------------------------------------------------------------------
// classifyDbCall
// ---------------------------------------------------------------------------------------------

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
  if (name === 'run' || name === 'get' || name === 'all' || name === 'iterate' || name === 'each') {
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

// ---------------------------------------------------------------------------------------------
// Model instances
// ---------------------------------------------------------------------------------------------

/** A value traced to records of a recognised model. */
interface Instance {
  /** The ORMs the records can belong to (the model's library when tracked, else every ORM whose API fits). */
  orms: readonly InstanceOrm[];
  /** The ORMs in which it is built in memory, not stored yet: there `save()` inserts it. */
  fresh: readonly InstanceOrm[];
  /** A list of records (`findAll`): its elements are records. */
  many: boolean;
  /** The library is known (tracked model, repository, a distinctive finder), not guessed from method names. */
  pinned: boolean;
}

const MAX_INSTANCE_DEPTH = 8;

function instanceOf(s: State, node: Node, depth = 0): Instance | null {
  if (depth > MAX_INSTANCE_DEPTH) return null;
  const n = unwrap(node);
  let v = s.instances.get(n);
  if (v === undefined) {
    s.instances.set(n, null); // cycle guard
    v = computeInstance(s, n, depth);
    s.instances.set(n, v);
  }
  return v;
}

function elementOf(i: Instance | null): Instance | null {
  return i?.many ? { ...i, many: false } : null;
}

function computeInstance(s: State, n: Node, depth: number): Instance | null {
  switch (n.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return instanceOf(s, n.argument, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return instanceOf(s, n.expression, depth + 1);
    case AST_NODE_TYPES.Identifier:
      return identifierInstance(s, n, depth);
    case AST_NODE_TYPES.MemberExpression:
      // `users[0]`
      return n.computed && n.property.type === AST_NODE_TYPES.Literal && typeof n.property.value === 'number'
        ? elementOf(instanceOf(s, n.object, depth + 1))
        : null;
    case AST_NODE_TYPES.NewExpression: {
      const model = modelOf(s, n.callee, true);
      if (!model) return null;
      const orms = model.orms.filter((o) => o.constructible);
      return orms.length ? { orms, fresh: orms, many: false, pinned: model.pinned } : null;
    }
    case AST_NODE_TYPES.CallExpression:
      return callInstance(s, n, depth);
    default:
      return null;
  }
}

/** The ORMs a model expression can belong to: its tracked library, else every ORM with records. */
function modelOf(s: State, node: Node, generic: boolean): { orms: readonly InstanceOrm[]; pinned: boolean } | null {
  const v = dbValueOf(s, node);
  const library = v ? (v.role === 'model' ? v.library : null) : localModelLibrary(s, node);
  if (library) return { orms: INSTANCE_ORMS.filter((o) => o.library === library), pinned: true };
  if (v) return null;
  return isModelLike(s, node, generic) ? { orms: INSTANCE_ORMS, pinned: false } : null;
}

/** The ORM of a local `class X extends Base` whose base is imported from it (`BaseEntity` from typeorm, `Model` from objection). */
function localModelLibrary(s: State, node: Node): DbLibrary | null {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.Identifier) return null;
  const def = findVariable(s, n)?.defs[0];
  if (def?.type !== 'ClassName') return null;
  const sup = (def.node as TSESTree.ClassDeclaration).superClass;
  const ref = sup ? s.tracker.resolve(sup) : null;
  if (!ref) return null;
  if (ref.source === 'objection') return 'objection';
  const lib = libraryOfModule(ref.source);
  return lib === 'sequelize' || lib === 'typeorm' || lib === 'mongoose' ? lib : null;
}

function callInstance(s: State, call: Call, depth: number): Instance | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = propertyName(callee);
  if (!name || !RECORD_SOURCES.has(name)) return null;
  const recv = callee.object;

  // A record method that returns the record, or a query continuation that keeps yielding records.
  const inner = instanceOf(s, recv, depth + 1);
  if (inner) {
    const orms = inner.orms.filter((o) => (!inner.many && o.passThrough.has(name)) || o.queryContinuations.has(name));
    if (orms.length) return { ...inner, orms };
  }

  // A model query builder: `Person.query().findById(id)`, `Person.query().where(…)`.
  const query = modelQueryInstance(s, call);
  if (query) return query;

  // A finder or builder on a model: `User.findByPk(id)`, `User.build(attrs)`, `new User()` (above).
  const first = call.arguments[0];
  const generic = GENERIC_MODEL_METHODS.has(name) || GENERIC_RECORD_SOURCES.has(name);
  // ORM finders take objects and ids; `X.create('archived')` builds a value object.
  if (generic && first?.type === AST_NODE_TYPES.Literal) return null;
  const repo = dbValueOf(s, recv);
  if ((repo?.role === 'repository' && repo.library === 'typeorm') || (!repo && isRepositoryLike(recv))) {
    // Entities a TypeORM repository hands out (`repo.findOneBy(…)`, `repo.create(dto)`).
    return recordsFrom(INSTANCE_ORMS.filter((o) => o.library === 'typeorm'), name, true);
  }
  const model = modelOf(s, recv, generic);
  return model ? recordsFrom(model.orms, name, model.pinned) : null;
}

function recordsFrom(candidates: readonly InstanceOrm[], name: string, pinned: boolean): Instance | null {
  const orms = candidates.filter((o) => name in o.finders || o.builders.has(name));
  if (!orms.length) return null;
  // A name can find in one ORM and build in another (`create`): a list only when every ORM agrees.
  return {
    orms,
    fresh: orms.filter((o) => o.builders.has(name)),
    many: orms.every((o) => o.finders[name] === 'many'),
    pinned: pinned || (orms.length === 1 && orms[0]!.distinctive.has(name)),
  };
}

/** `Model.query()…` chains (Objection): records when awaited; one when the chain picks one. */
function modelQueryInstance(s: State, top: Call): Instance | null {
  const links = chainLinks(top);
  const start = links[0];
  if (!start?.name) return null;
  for (const orm of INSTANCE_ORMS) {
    const q = orm.modelQueries;
    if (!q || !q.starts.has(start.name) || !links.slice(1).every((l) => l.name !== null && q.chain.has(l.name))) continue;
    const model = modelOf(s, start.object, true);
    if (!model || !model.orms.includes(orm)) continue;
    return { orms: [orm], fresh: [], many: !links.some((l) => l.name !== null && q.one.has(l.name)), pinned: true };
  }
  return null;
}

/** A `const`/never-reassigned binding of a record: `const u = …`, `const [u] = …`, `for (const u of …)`, a callback parameter. */
function identifierInstance(s: State, id: TSESTree.Identifier, depth: number): Instance | null {
  const init = resolveConstInit(s.sourceCode, id);
  if (init) return instanceOf(s, init, depth + 1);
  const variable = findVariable(s, id);
  if (!variable || variable.defs.length !== 1 || variable.references.some((r) => r.isWrite() && r.init !== true)) return null;
  const def = variable.defs[0]!;
  if (def.type === 'Variable') {
    const decl = def.node;
    // `const [user] = await User.findAll(…)`
    if (decl.id.type === AST_NODE_TYPES.ArrayPattern && decl.init && decl.id.elements.includes(def.name)) {
      return elementOf(instanceOf(s, decl.init, depth + 1));
    }
    // `for (const user of users)`
    const loop = decl.parent.parent;
    if (decl.id === def.name && loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === decl.parent && !loop.await) {
      return elementOf(instanceOf(s, loop.right, depth + 1));
    }
    return null;
  }
  if (def.type === 'Parameter') {
    const fn = def.node;
    if (fn.params[0] !== def.name || (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)) return null;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = propertyName(callee);
    // `User.findByPk(id).then((user) => user.save())`
    if (method === 'then') return instanceOf(s, callee.object, depth + 1);
    // `users.forEach((u) => u.save())`
    if (method === 'forEach' || method === 'map') return elementOf(instanceOf(s, callee.object, depth + 1));
  }
  return null;
}

function findVariable(s: State, id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = s.sourceCode.getScope(id); scope; scope = scope.upper) {
    const v = scope.set.get(id.name);
    if (v) return v;
  }
  return null;
}

/**
 * A record method call: a write or read of a traced record whose ORM has that method
 * (`user.save()`, `person.$query().patch(…)`), or null. The library is named when it is known:
 * a tracked model, the only candidate ORM the file imports, or a finder only one ORM has.
 */
function instanceOp(s: State, link: Link, top: Call): DbOperation | null {
  const name = link.name!;
  let recv = unwrap(link.object);
  let viaQuery = false;
  if (recv.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(recv.callee);
    const qname = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (qname && callee.type === AST_NODE_TYPES.MemberExpression && INSTANCE_ORMS.some((o) => o.recordQueries?.starts.has(qname))) {
      recv = callee.object;
      viaQuery = true;
    }
  }
  const inst = instanceOf(s, recv);
  if (!inst || inst.many) return null;
  const kindIn = (o: InstanceOrm): DbKind | undefined => (viaQuery ? o.recordQueries?.writes[name] : o.writes[name] ?? o.reads[name]);
  const orms = inst.orms.filter((o) => kindIn(o) !== undefined);
  if (!orms.length) return null;
  const imported = orms.filter((o) => s.ormImports.has(o.library));
  // The ORMs whose API fits narrow the kind; only the model's tracking, the file's imports or the
  // finder's name say which ORM it is (Bookshelf records have `save`/`destroy` too).
  const known = inst.pinned ? orms[0]! : imported.length === 1 ? imported[0]! : null;
  let kind = kindIn(known ?? orms[0]!)!;
  if (name === 'save' && (known ? inst.fresh.includes(known) : orms.every((o) => inst.fresh.includes(o)))) kind = 'create';
  return op(known?.library ?? 'model', kind, name, top, { instance: known?.noun ?? 'instance' });
}

/** A local `class X extends BaseEntity` (typeorm), or a model in a file whose only ORM import is typeorm. */
function isTypeormActiveRecord(s: State, node: Node): boolean {
  const lib = localModelLibrary(s, node);
  if (lib) return lib === 'typeorm';
  return s.ormImports.has('typeorm') && s.ormImports.size === 1;
}

function isEntityManager(node: Node): boolean {
  const n = unwrap(node);
  // `em.persist(user).flush()`
  if (n.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(n.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'persist' && isEntityManager(callee.object);
  }
  const name = lastName(n);
  return name === 'em' || name === 'entityManager';
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
  return !!name && /^find(?:One|OneBy|OneOrFail|ById|ByPk|First|Unique)/.test(name);
}

function sqlLibraryOf(s: State, v: DbValue | null, method: string): DbLibrary | null {
  if (!v) return null;
  if (v.role === 'client' || v.role === 'request' || v.role === 'repository') {
    const methods = DRIVER_SQL_METHODS[v.library];
    if (methods?.has(method)) return v.library;
    if (v.role === 'request' && method === 'query') return 'mssql';
  }
  if (v.role === 'module' && v.library === 'mssql' && method === 'query') return 'mssql';
  return null;
}

/**
 * An argument that carries SQL text: its leading static part (through const bindings) is SQL.
 * Both classifyDbCall and getSqlSink ask it of the same first arguments (`config.get('key')`), and
 * the answer costs scope lookups, so it is kept per node.
 */
function isSqlArgument(s: State, node: Node): boolean {
  let answer = s.sqlArguments.get(node);
  if (answer === undefined) {
    answer = computeIsSqlArgument(s, node);
    s.sqlArguments.set(node, answer);
  }
  return answer;
}

function computeIsSqlArgument(s: State, node: Node): boolean {
  if (node.type === AST_NODE_TYPES.SpreadElement) return false;
  const obj = getObjectLiteral(s.sourceCode, node);
  const target = obj ? getProperty(s.sourceCode, obj, 'text') ?? getProperty(s.sourceCode, obj, 'sql') : node;
  if (!target) return false;
  const text = sqlTextOf(s.sourceCode, target);
  return !!text && looksLikeSql(text.text);
}

function preparedOp(s: State, library: DbLibrary, links: Link[], top: Call): DbOperation | null {
  const prep = links[0]!;
  const runner = links.length > 1 ? links[links.length - 1]!.name : null;
  if (!runner || !['run', 'get', 'all', 'iterate', 'each'].includes(runner)) return null;
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
    ['count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct'].some((m) => names.has(m))
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
      return p.object === child && (name === 'then' || name === 'catch' || name === 'finally' || name === 'exec' || name === 'asCallback');
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

// ---------------------------------------------------------------------------------------------
// SQL sinks
// ---------------------------------------------------------------------------------------------

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
    if (v?.library === 'sequelize' || (!v && recv.type === AST_NODE_TYPES.Identifier && /^(?:Sequelize|sequelize)$/.test(recv.name))) {
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
    if ((v?.role === 'client' && v.library === 'postgres') || (!v && recv.type === AST_NODE_TYPES.Identifier && /^(?:sql|db|pg|postgres)$/.test(recv.name))) {
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

// ---------------------------------------------------------------------------------------------
// Other side effects
// ---------------------------------------------------------------------------------------------

export interface SideEffect {
  kind: 'db-write' | 'fs-write' | 'http' | 'message';
  /** Short description for messages: `prisma.user.update`, `fs.writeFile`, `POST request`, `sendMail`. */
  what: string;
  node: Node;
  db?: DbOperation;
}

const FS_MODULES = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'mz/fs'];
const FS_WRITES = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'rmdir',
  'rmdirSync', 'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync',
  'truncate', 'truncateSync', 'createWriteStream', 'chmod', 'chmodSync', 'chown', 'chownSync', 'symlink',
  'symlinkSync', 'link', 'linkSync', 'utimes', 'utimesSync', 'outputFile', 'outputFileSync', 'outputJson',
  'outputJsonSync', 'writeJson', 'writeJsonSync', 'writeJSON', 'remove', 'removeSync', 'move', 'moveSync',
  'ensureDir', 'ensureDirSync', 'ensureFile', 'ensureFileSync', 'emptyDir', 'emptyDirSync', 'mkdirp', 'mkdirs',
  'copy', 'copySync', 'mkdtemp', 'mkdtempSync',
]);
const HTTP_MUTATING = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_CLIENT_MODULES = ['axios', 'got', 'ky', 'superagent', 'node-fetch', 'undici', 'needle', 'cross-fetch'];
/** Modules whose default export (or `request`) is itself a request function: `axios(config)`, `got(url, opts)`. */
const HTTP_REQUEST_FUNCTION_MODULES = ['axios', 'got', 'undici', 'ky'];
/** Every method name a mail or queue publishing call can have (see classifySideEffect). */
const MESSAGE_METHODS = new Set(['sendMail', 'sendToQueue', 'publish', 'add', 'send', 'sendBatch', 'sendMessage', 'sendMessageBatch', 'sendMultiple']);
const QUEUE_COMMANDS = new Set([
  'SendMessageCommand', 'SendMessageBatchCommand', 'PublishCommand', 'PublishBatchCommand', 'PutRecordCommand',
  'PutRecordsCommand', 'PutEventsCommand', 'SendEmailCommand', 'SendRawEmailCommand', 'PutObjectCommand',
  'DeleteObjectCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'PutCommand', 'UpdateCommand',
  'DeleteCommand', 'BatchWriteItemCommand', 'BatchWriteCommand', 'TransactWriteItemsCommand',
]);

function staticMethodOf(s: State, options: Node | undefined): string | null {
  if (!options || options.type === AST_NODE_TYPES.SpreadElement) return null;
  const obj = getObjectLiteral(s.sourceCode, options);
  if (!obj) return null;
  const m = getProperty(s.sourceCode, obj, 'method');
  const str = m ? getStaticString(s.sourceCode, m) : null;
  return str ? str.toUpperCase() : null;
}

function describeCallee(node: Node): string {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    const base = unwrap(n.object);
    const baseText =
      base.type === AST_NODE_TYPES.Identifier ? base.name :
      base.type === AST_NODE_TYPES.ThisExpression ? 'this' :
      base.type === AST_NODE_TYPES.MemberExpression ? describeCallee(base) :
      base.type === AST_NODE_TYPES.CallExpression ? `${describeCallee(base.callee)}(…)` : '…';
    return `${baseText}.${name ?? '[…]'}`;
  }
  return '…';
}

/** A short name for a DB operation (`prisma.user.update`, `knex insert`, `INSERT query`). */
export function describeDbOperation(dbOp: DbOperation): string {
  if (dbOp.sql) {
    const kw = /^\s*(?:\(\s*)?([A-Za-z]+)/.exec(dbOp.sql)?.[1]?.toUpperCase();
    if (kw) return `${kw} query`;
  }
  if (dbOp.node.type === AST_NODE_TYPES.CallExpression) {
    if (dbOp.library === 'knex' || dbOp.library === 'drizzle' || (dbOp.chained && dbOp.library === 'typeorm')) {
      return `${dbOp.library} ${dbOp.method}`;
    }
    if (dbOp.instance) return `${dbOp.library === 'model' ? 'model' : dbOp.library} ${dbOp.instance} ${dbOp.method}`;
    return `${describeCallee(findMethodCallee(dbOp))}`;
  }
  return `${dbOp.library} query`;
}

function findMethodCallee(dbOp: DbOperation): Node {
  if (dbOp.node.type !== AST_NODE_TYPES.CallExpression) return dbOp.node;
  for (const l of chainLinks(dbOp.node)) {
    if (l.name === dbOp.method) return unwrap(l.call.callee);
  }
  return unwrap(dbOp.node.callee);
}

/** See the header. */
export function classifySideEffect(call: Call, context: Context): SideEffect | null {
  const s = stateOf(context);
  const dbOp = classifyDbCall(call, context);
  if (dbOp?.operation === 'write') return { kind: 'db-write', what: describeDbOperation(dbOp), node: call, db: dbOp };
  if (dbOp) return null;

  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (!name) return null;

  // fs writes
  if (FS_WRITES.has(name)) {
    const ref = s.tracker.resolve(callee);
    if (ref && FS_MODULES.includes(ref.source)) {
      const p = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
      const last = p[p.length - 1];
      if (last === name && (p.length === 1 || (p.length === 2 && p[0] === 'promises'))) {
        return { kind: 'fs-write', what: `fs.${name}`, node: call };
      }
    }
  }

  // Mutating HTTP
  if (name === 'fetch' && callee.type === AST_NODE_TYPES.Identifier) {
    const ref = s.tracker.resolve(callee);
    const isFetch = ref ? ['node-fetch', 'undici', 'cross-fetch'].includes(ref.source) : !isShadowed(s, callee);
    const method = staticMethodOf(s, call.arguments[1]);
    if (isFetch && method && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
      return { kind: 'http', what: `fetch ${method}`, node: call };
    }
    return null;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && HTTP_MUTATING.has(name)) {
    const recv = unwrap(callee.object);
    const ref = s.tracker.resolve(recv);
    const fromClient = ref ? HTTP_CLIENT_MODULES.includes(ref.source) && (ref.path.length === 0 || (ref.path.length === 1 && ref.path[0] === 'default')) : false;
    const instance = !ref && isHttpClientInstance(s, recv);
    const named = !ref && recv.type === AST_NODE_TYPES.Identifier && /^(?:axios|got|ky|superagent|needle)$/.test(recv.name) && !resolveConstInit(s.sourceCode, recv);
    if (fromClient || instance || named) return { kind: 'http', what: `${describeCallee(callee)}`, node: call };
  }
  if (s.usesHttpRequestFunction && (callee.type === AST_NODE_TYPES.Identifier || (callee.type === AST_NODE_TYPES.MemberExpression && (name === 'request')))) {
    const target = callee.type === AST_NODE_TYPES.Identifier ? callee : unwrap(callee.object);
    const ref = s.tracker.resolve(target);
    if (ref && HTTP_REQUEST_FUNCTION_MODULES.includes(ref.source)) {
      const isDefault = ref.path.length === 0 || ref.path[0] === 'default' || ref.path[0] === 'request';
      if (isDefault) {
        const method = staticMethodOf(s, call.arguments[call.arguments.length - 1]);
        if (method && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return { kind: 'http', what: `${ref.source} ${method}`, node: call };
      }
    }
  }

  // Mail and queues
  if (!MESSAGE_METHODS.has(name)) return null;
  if (name === 'sendMail' && callee.type === AST_NODE_TYPES.MemberExpression) return { kind: 'message', what: describeCallee(callee), node: call };
  if (name === 'sendToQueue' && callee.type === AST_NODE_TYPES.MemberExpression) return { kind: 'message', what: describeCallee(callee), node: call };
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const recvName = lastName(callee.object);
    if (name === 'publish' && recvName && /^(?:channel|ch|amqpChannel|publisher|pub|redis|redisClient|sns|pubsub|nats|nc|topic)$/i.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    // Bull/BullMQ `queue.add(name, data)`; p-queue's in-process `queue.add(() => task())` is not publishing.
    const firstArg = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    const isTask = !!firstArg && (firstArg.type === AST_NODE_TYPES.ArrowFunctionExpression || firstArg.type === AST_NODE_TYPES.FunctionExpression || (firstArg.type === AST_NODE_TYPES.Identifier && call.arguments.length === 1));
    if (name === 'add' && recvName && /(?:queue|Queue)$/.test(recvName) && firstArg && !isTask) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    if ((name === 'send' || name === 'sendBatch') && recvName && /^(?:producer|kafkaProducer)$/i.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    if (name === 'send') {
      const arg = call.arguments[0];
      if (arg && arg.type === AST_NODE_TYPES.NewExpression && arg.callee.type === AST_NODE_TYPES.Identifier && QUEUE_COMMANDS.has(arg.callee.name)) {
        return { kind: 'message', what: `${describeCallee(callee)}(new ${arg.callee.name})`, node: call };
      }
    }
    if ((name === 'sendMessage' || name === 'sendMessageBatch') && recvName && /^sqs$/i.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    if ((name === 'send' || name === 'sendMultiple') && recvName && /^(?:sgMail|sendgrid|mailer|transporter|mailgun|resend|postmark)$/i.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
  }
  return null;
}

function isShadowed(s: State, id: TSESTree.Identifier): boolean {
  for (let scope: TSESLint.Scope.Scope | null = s.sourceCode.getScope(id); scope; scope = scope.upper) {
    const v = scope.set.get(id.name);
    if (v && v.defs.length > 0) return true;
  }
  return false;
}

function isHttpClientInstance(s: State, node: Node): boolean {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.Identifier) return false;
  const init = resolveConstInit(s.sourceCode, n);
  if (!init || init.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(init.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = propertyName(callee);
  const ref = s.tracker.resolve(callee.object);
  return !!ref && HTTP_CLIENT_MODULES.includes(ref.source) && (name === 'create' || name === 'extend');
}

// ---------------------------------------------------------------------------------------------
// Client construction (require-query-timeout)
// ---------------------------------------------------------------------------------------------

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
    if (cv.library === 'pg' && (last === 'Pool' || last === 'Client')) return build('pg', `new ${last}()`, args[0] ?? null);
    if (cv.library === 'sequelize' && (last === 'Sequelize' || cv.path?.length === 0)) {
      const opts = args.length > 1 || (args[0] && getObjectLiteral(s.sourceCode, args[0])) ? args[args.length - 1]! : null;
      return build('sequelize', 'new Sequelize()', opts, args.length > 0 && opts !== args[0] ? args[0]! : null);
    }
    if (cv.library === 'mongodb' && last === 'MongoClient') return build('mongodb', 'new MongoClient()', args[1] ?? null, args[0] ?? null);
    return null;
  }
  if (cv?.role === 'module') {
    const p = cv.path ?? [];
    const last = p[p.length - 1];
    if (cv.library === 'knex' && (p.length === 0 || last === 'knex')) return build('knex', 'knex()', args[0] ?? null);
    if ((cv.library === 'mysql' || cv.library === 'mysql2') && (last === 'createPool' || last === 'createConnection')) {
      return build(cv.library, `${cv.library}.${last}()`, args[0] ?? null);
    }
    if (cv.library === 'mongoose' && (last === 'connect' || last === 'createConnection')) return build('mongoose', `mongoose.${last}()`, args[1] ?? null, args[0] ?? null);
    if (cv.library === 'mongodb' && last === 'connect' && p.length === 2) return build('mongodb', 'MongoClient.connect()', args[1] ?? null, args[0] ?? null);
    return null;
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

// ---------------------------------------------------------------------------------------------
// Blocking I/O (no-sync-io-in-handler)
// ---------------------------------------------------------------------------------------------

export interface SyncIo {
  /** `fs`, `child_process`, `crypto`, `zlib`. */
  module: string;
  /** `fs.readFileSync`. */
  what: string;
  /** The async alternative to suggest. */
  alternative: string;
}

const SYNC_MODULES: Record<string, string> = {
  fs: 'fs',
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  child_process: 'child_process',
  crypto: 'crypto',
  zlib: 'zlib',
};
const CRYPTO_SYNC = new Set(['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generatePrimeSync']);

/** A blocking `*Sync` call of fs, child_process, crypto (key derivation) or zlib, or null. */
export function classifySyncIo(call: Call, context: Context): SyncIo | null {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (!name || !name.endsWith('Sync')) return null;
  const s = stateOf(context);
  const ref = s.tracker.resolve(callee);
  if (!ref) return null;
  const mod = SYNC_MODULES[ref.source];
  if (!mod) return null;
  const p = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
  if (p.length !== 1 || p[0] !== name) return null;
  if (mod === 'crypto' && !CRYPTO_SYNC.has(name)) return null;
  const base = name.slice(0, -4);
  const alternative =
    mod === 'fs' ? (base === 'exists' ? 'fs.promises.access' : `fs.promises.${base}`) :
    mod === 'child_process' ? `${base === 'spawn' ? 'spawn' : base} (async, or util.promisify)` :
    `${mod}.${base} (callback or util.promisify)`;
  return { module: mod, what: `${mod}.${name}`, alternative };
}
