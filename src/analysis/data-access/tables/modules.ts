/**
 * Table: the modules of the DB libraries backlint knows, and the library each one is (a wrapper or
 * a framework integration counts as the library it wraps). Plain data; the logic is receivers.ts.
 */
import type { DbLibrary } from '../types.js';

export const DB_MODULE_LIBRARIES: ReadonlyMap<string, DbLibrary> = new Map<string, DbLibrary>([
  ['pg', 'pg'],
  ['pg-pool', 'pg'],
  ['pg-promise', 'pg-promise'],
  ['mysql', 'mysql'],
  ['mysql2', 'mysql2'],
  ['mysql2/promise', 'mysql2'],
  ['sqlite3', 'sqlite3'],
  ['sqlite', 'sqlite3'],
  ['better-sqlite3', 'better-sqlite3'],
  ['mssql', 'mssql'],
  ['oracledb', 'oracledb'],
  ['sequelize', 'sequelize'],
  ['sequelize-typescript', 'sequelize'],
  ['knex', 'knex'],
  ['typeorm', 'typeorm'],
  ['@prisma/client', 'prisma'],
  ['mongoose', 'mongoose'],
  ['mongodb', 'mongodb'],
  ['drizzle-orm', 'drizzle'],
  ['postgres', 'postgres'],
  ['@nestjs/typeorm', 'typeorm'],
  ['@nestjs/mongoose', 'mongoose'],
  ['@nestjs/sequelize', 'sequelize'],
]);

/** Packages whose every subpath is the same library (`@prisma/client/runtime`, `drizzle-orm/pg-core`). */
export const DB_MODULE_PREFIXES: readonly (readonly [prefix: string, library: DbLibrary])[] = [
  ['@prisma/client/', 'prisma'],
  ['drizzle-orm/', 'drizzle'],
];

export const DB_MODULES: readonly string[] = [...DB_MODULE_LIBRARIES.keys()];
