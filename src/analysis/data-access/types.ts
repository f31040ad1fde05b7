/**
 * The data-access model's types: what an operation, a SQL sink and a tracked DB value are.
 * Shared by the logic modules and the tables (which name libraries and operation kinds).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { DbKind } from '../sql.js';

export type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
export type SourceCode = Readonly<TSESLint.SourceCode>;
export type Node = TSESTree.Node;
export type Call = TSESTree.CallExpression;

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

export type Role =
  | 'module' // the library module or a path inside it
  | 'factory' // pg-promise's pgp
  | 'client' // a connection, pool, database handle
  | 'model' // ORM model / Prisma delegate
  | 'repository' // TypeORM repository / entity manager
  | 'collection' // MongoDB collection
  | 'statement' // prepared statement (better-sqlite3 / sqlite3)
  | 'request' // mssql Request
  | 'document'; // a model instance (`new User()`, a found record)

export interface DbValue {
  library: DbLibrary;
  role: Role;
  /** For role 'module': export path inside the module. */
  path?: string[];
  /** For role 'statement': the prepare call's SQL. */
  sql?: string | null;
  /** For role 'document': created with `new` (a new record) vs read from the DB. */
  fresh?: boolean;
}
