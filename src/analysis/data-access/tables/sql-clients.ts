/**
 * Tables: the methods that take raw SQL text, per driver or ORM, and for receivers whose library
 * is not visible in the file.
 */
import type { DbLibrary } from '../types.js';

// Driver methods that take SQL text as their first argument.
export const DRIVER_SQL_METHODS: Partial<Record<DbLibrary, ReadonlySet<string>>> = {
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
export const GENERIC_SQL_METHODS = new Set([
  'query', 'execute', 'raw', 'none', 'one', 'many', 'any', 'oneOrNone', 'manyOrNone', 'result', 'multi',
  'run', 'get', 'all', 'each', 'exec', 'prepare', 'unsafe', 'batch', 'executeMany', 'map',
  '$queryRawUnsafe', '$executeRawUnsafe',
]);
export const SINGLE_ROW_SQL_METHODS = new Set(['one', 'oneOrNone', 'get', 'result']);
export const KNEX_RAW_METHODS = new Set([
  'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'joinRaw', 'groupByRaw',
  'selectRaw', 'fromRaw', 'onRaw', 'andOnRaw', 'orOnRaw', 'whereNotRaw', 'columnsRaw', 'updateRaw',
]);
export const TYPEORM_WHERE_METHODS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);
