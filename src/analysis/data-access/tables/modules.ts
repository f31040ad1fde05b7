/**
 * Table: the modules of the DB libraries backlint knows. Plain data; the logic is receivers.ts.
 */
export const DB_MODULES: readonly string[] = [
  'pg', 'pg-pool', 'pg-promise', 'mysql', 'mysql2', 'mysql2/promise', 'sqlite3', 'sqlite', 'better-sqlite3', 'mssql',
  'oracledb', 'sequelize', 'sequelize-typescript', 'knex', 'typeorm', '@prisma/client', 'mongoose', 'mongodb',
  'drizzle-orm', 'postgres', '@nestjs/typeorm', '@nestjs/mongoose', '@nestjs/sequelize',
];
