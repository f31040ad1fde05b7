/**
 * Method-name sets derived from the tables. classifyDbCall runs for every call of every file
 * and most calls are not DB operations: one Set lookup on the outermost call's name rules them out
 * before any chain is built or any state is touched. Derived, never edited: change the tables.
 */
import { INSTANCE_ORMS } from './tables/instances.js';
import { MIKRO_ORM_EM_WRITES, MODEL_READS, MODEL_WRITES, MONGO_COLLECTION_READS, MONGO_COLLECTION_WRITES, PRISMA_MODEL_READS, PRISMA_MODEL_WRITES, TYPEORM_REPO_READS, TYPEORM_REPO_WRITES } from './tables/orms.js';
import { DRIZZLE_METHODS, DRIZZLE_STARTS, KNEX_METHODS, KNEX_STARTS, PREPARED_CONTINUATIONS, QUERY_CONTINUATIONS, TYPEORM_QB_METHODS, TYPEORM_QB_TERMINALS } from './tables/query-builders.js';
import { DRIVER_SQL_METHODS, GENERIC_SQL_METHODS, KNEX_RAW_METHODS, TYPEORM_WHERE_METHODS } from './tables/sql-clients.js';

/** Every method name a member-call SQL sink can have (see getSqlSink): other calls are ruled out by name. */
export const SINK_METHODS: ReadonlySet<string> = new Set([
  '$queryRawUnsafe', '$executeRawUnsafe', 'raw', 'literal', 'unsafe', 'query', ...KNEX_RAW_METHODS, ...TYPEORM_WHERE_METHODS,
  ...GENERIC_SQL_METHODS, ...Object.values(DRIVER_SQL_METHODS).flatMap((m) => [...m!]),
]);

/** Every method name a record method can have (writes, reads, and the writes of record queries). */
export const INSTANCE_METHODS: ReadonlySet<string> = new Set(
  INSTANCE_ORMS.flatMap((o) => [...Object.keys(o.writes), ...Object.keys(o.reads), ...Object.keys(o.recordQueries?.writes ?? {})]),
);
/** Every model method that hands out records. */
export const RECORD_SOURCES: ReadonlySet<string> = new Set(
  INSTANCE_ORMS.flatMap((o) => [...Object.keys(o.finders), ...o.builders, ...o.passThrough, ...o.queryContinuations, ...(o.modelQueries?.chain ?? []), ...(o.modelQueries?.starts ?? [])]),
);

/** Every method name that can start (or be) a DB operation. */
export const START_NAMES: ReadonlySet<string> = new Set([
  ...KNEX_STARTS, ...DRIZZLE_STARTS, 'findMany', 'findFirst', ...Object.keys(PRISMA_MODEL_READS), ...Object.keys(PRISMA_MODEL_WRITES),
  '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'createQueryBuilder', ...Object.keys(TYPEORM_REPO_READS),
  ...Object.keys(TYPEORM_REPO_WRITES), ...Object.keys(MONGO_COLLECTION_READS), ...Object.keys(MONGO_COLLECTION_WRITES),
  ...Object.keys(MODEL_READS), ...Object.keys(MODEL_WRITES), 'save', 'destroy', 'remove', 'deleteOne', 'update', 'run', 'get',
  'all', 'iterate', 'each', ...GENERIC_SQL_METHODS, 'query', ...INSTANCE_METHODS, ...Object.keys(MIKRO_ORM_EM_WRITES),
]);

// Method names per family, as sets: a Set lookup is cheaper than `in` on the kind tables.
export const PRISMA_MODEL_METHODS: ReadonlySet<string> = new Set([...Object.keys(PRISMA_MODEL_READS), ...Object.keys(PRISMA_MODEL_WRITES)]);
export const TYPEORM_REPO_METHODS: ReadonlySet<string> = new Set([...Object.keys(TYPEORM_REPO_READS), ...Object.keys(TYPEORM_REPO_WRITES)]);
export const MONGO_COLLECTION_METHODS: ReadonlySet<string> = new Set([...Object.keys(MONGO_COLLECTION_READS), ...Object.keys(MONGO_COLLECTION_WRITES)]);
export const MODEL_METHODS: ReadonlySet<string> = new Set([...Object.keys(MODEL_READS), ...Object.keys(MODEL_WRITES)]);

export const TYPEORM_QB_ALL: ReadonlySet<string> = new Set([...TYPEORM_QB_METHODS, ...Object.keys(TYPEORM_QB_TERMINALS)]);

/**
 * Every method name the outermost call of an operation can have: a start, or a continuation of
 * some chain. Any other member call (and any direct call) is never an operation, which rules out
 * most calls before a chain is built.
 */
export const TOP_NAMES: ReadonlySet<string> = new Set([
  ...START_NAMES, ...KNEX_METHODS, ...DRIZZLE_METHODS, ...QUERY_CONTINUATIONS, ...TYPEORM_QB_ALL, ...PREPARED_CONTINUATIONS,
]);
