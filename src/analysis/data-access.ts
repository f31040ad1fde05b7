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
 *   Request data is NOT recognised here (the shared request taint, ./taint/flow.ts, owns request shapes).
 *
 * Receivers are followed through import tracking and const bindings (`const pool = new Pool()`,
 * `const db = knex(cfg)`, `const User = mongoose.model(…)`, class fields `this.pool = new Pool()`),
 * and recognised by shape when untracked: knex-style chains on `knex`/`trx`/`db`/`*.knex`, Prisma
 * delegates on `prisma`/`this.prisma`, model classes (`User.findAll`, `db.User.create`,
 * `this.userModel.find`), TypeORM repositories named `*Repository`/`*Repo`.
 *
 * LAYOUT: this file is the entry every importer uses. The classification logic lives in
 * data-access/, and what each library looks like (its modules, its method names and what they do,
 * how its records behave) in data-access/tables/ as plain data: teaching backlint a library or a
 * method is a table edit, not a logic change.
 *   tables/modules.ts         DB library modules → library
 *   tables/clients.ts         what library exports and client methods hand out (clients, models,
 *                             repositories, collections, statements)
 *   tables/orms.ts            model, repository and collection methods (Prisma, Mongoose/Sequelize,
 *                             TypeORM, MongoDB, MikroORM)
 *   tables/instances.ts       how each ORM hands out records and what record methods do
 *   tables/query-builders.ts  builder chains (knex, drizzle, TypeORM query builder, Mongoose
 *                             queries, prepared statements)
 *   tables/sql-clients.ts     driver methods that take SQL text, raw-SQL builder methods
 *   tables/names.ts           naming conventions for untracked clients, models and repositories
 *   tables/io.ts              fs, HTTP clients, mail/queue publishing, blocking `*Sync` modules
 *   receivers.ts              per-file state; what a receiver is (a tracked client, model, repository…)
 *   chains.ts                 call chains and the operation records built from them
 *   indexes.ts                method-name sets derived from the tables, to rule calls out cheaply
 *   operations.ts             classifyDbCall, classifyDbTaggedTemplate, isExecuted
 *   instances.ts              model records (`user.save()`)
 *   sql-sinks.ts, side-effects.ts, client-construction.ts, sync-io.ts: the other questions above
 */
export { classifySql, looksLikeSql, sqlTextOf, topLevelSql, type DbKind, type SqlInfo, type SqlText } from './sql.js';
export type { DbLibrary, DbOperation, SqlSink } from './data-access/types.js';
export { DB_MODULES } from './data-access/tables/modules.js';
export { INSTANCE_ORMS } from './data-access/tables/instances.js';
export { isDbModule, setModuleValueResolver, type ModuleValueResolver } from './data-access/receivers.js';
export { classifyDbCall, classifyDbNode, classifyDbTaggedTemplate, fileUsesDbLibrary, isExecuted } from './data-access/operations.js';
export { getSqlSink } from './data-access/sql-sinks.js';
export { classifySideEffect, describeDbOperation, type SideEffect } from './data-access/side-effects.js';
export { dbClientConstruction, type DbClientConstruction } from './data-access/client-construction.js';
export { classifySyncIo, type SyncIo } from './data-access/sync-io.js';
