/**
 * Tables: the methods of ORM models, repositories and collections, and the kind of operation
 * each performs (read: list/single/aggregate; write: create/update/upsert/delete/ddl). Plain data:
 * recognising the receiver is operations.ts's job.
 */
import type { DbKind } from '../../sql.js';

/** Prisma model delegates (`prisma.user.findMany()`). */
export const PRISMA_MODEL_READS: Record<string, DbKind> = {
  findMany: 'list', findFirst: 'single', findFirstOrThrow: 'single', findUnique: 'single',
  findUniqueOrThrow: 'single', count: 'aggregate', aggregate: 'aggregate', groupBy: 'list',
};
export const PRISMA_MODEL_WRITES: Record<string, DbKind> = {
  create: 'create', createMany: 'create', createManyAndReturn: 'create', update: 'update',
  updateMany: 'update', updateManyAndReturn: 'update', upsert: 'upsert', delete: 'delete', deleteMany: 'delete',
};

// Mongoose models, Sequelize models and other ORM model classes share most method names.
export const MODEL_READS: Record<string, DbKind> = {
  find: 'list', findAll: 'list', findAndCountAll: 'list', findOne: 'single', findById: 'single',
  findByPk: 'single', exists: 'single', countDocuments: 'aggregate', estimatedDocumentCount: 'aggregate',
  count: 'aggregate', distinct: 'aggregate', aggregate: 'aggregate', max: 'aggregate', min: 'aggregate',
  sum: 'aggregate',
};
export const MODEL_WRITES: Record<string, DbKind> = {
  create: 'create', insertMany: 'create', bulkCreate: 'create', updateOne: 'update', updateMany: 'update',
  findOneAndUpdate: 'update', findByIdAndUpdate: 'update', replaceOne: 'update', findOneAndReplace: 'update',
  update: 'update', increment: 'update', decrement: 'update', deleteOne: 'delete', deleteMany: 'delete',
  findOneAndDelete: 'delete', findByIdAndDelete: 'delete', findOneAndRemove: 'delete', findByIdAndRemove: 'delete',
  destroy: 'delete', truncate: 'delete', upsert: 'upsert', findOrCreate: 'upsert', bulkWrite: 'update',
};
// Model method names also common on non-ORM classes (factories, domain objects, caches).
export const GENERIC_MODEL_METHODS = new Set([
  'find', 'findOne', 'create', 'update', 'destroy', 'count', 'aggregate', 'exists', 'distinct', 'max', 'min',
  'sum', 'upsert', 'truncate', 'increment', 'decrement', 'findAll',
]);

/** MongoDB driver collections (`db.collection('users').find()`), also through mongoose's connection. */
export const MONGO_COLLECTION_READS: Record<string, DbKind> = {
  find: 'list', findOne: 'single', countDocuments: 'aggregate', estimatedDocumentCount: 'aggregate',
  aggregate: 'aggregate', distinct: 'aggregate', count: 'aggregate',
};
export const MONGO_COLLECTION_WRITES: Record<string, DbKind> = {
  insertOne: 'create', insertMany: 'create', updateOne: 'update', updateMany: 'update', replaceOne: 'update',
  findOneAndUpdate: 'update', findOneAndReplace: 'update', deleteOne: 'delete', deleteMany: 'delete',
  findOneAndDelete: 'delete', bulkWrite: 'update', drop: 'ddl', createIndex: 'ddl', dropIndex: 'ddl',
};
/** TypeORM repositories and the entity manager (`repo.findOneBy()`, `manager.save()`). */
export const TYPEORM_REPO_READS: Record<string, DbKind> = {
  find: 'list', findBy: 'list', findAndCount: 'list', findAndCountBy: 'list', findOne: 'single',
  findOneBy: 'single', findOneOrFail: 'single', findOneByOrFail: 'single', findByIds: 'list', count: 'aggregate',
  countBy: 'aggregate', sum: 'aggregate', average: 'aggregate', minimum: 'aggregate', maximum: 'aggregate',
  exist: 'single', exists: 'single', existsBy: 'single',
};
export const TYPEORM_REPO_WRITES: Record<string, DbKind> = {
  save: 'create', insert: 'create', update: 'update', upsert: 'upsert', delete: 'delete', remove: 'delete',
  softDelete: 'delete', softRemove: 'delete', restore: 'update', recover: 'update', increment: 'update',
  decrement: 'update', clear: 'delete',
};

/** MikroORM's EntityManager writes the records it tracks on flush. */
export const MIKRO_ORM_EM_WRITES: Readonly<Record<string, DbKind>> = {
  flush: 'update', persistAndFlush: 'update', removeAndFlush: 'delete', nativeUpdate: 'update', nativeDelete: 'delete',
  insert: 'create', insertMany: 'create', upsert: 'upsert', upsertMany: 'upsert',
};

/** Model methods that hand out one stored record (a document whose `save()` updates). */
export const MODEL_RECORD_FINDERS: ReadonlySet<string> = new Set(['findOne', 'findById', 'findByPk', 'findOneBy']);
/** Finders whose result is one stored record: a TypeORM `save(found)` is an update, not an insert. */
export const SINGLE_RECORD_FINDER = /^find(?:One|OneBy|OneOrFail|ById|ByPk|First|Unique)/;
