/**
 * Table: how each ORM hands out records and which record methods touch the database. Plain
 * data; the tracing of records is instances.ts.
 */
import type { DbKind } from '../../sql.js';
import type { DbLibrary } from '../types.js';

/**
 * How each ORM hands out records and which record methods touch the database. A record is
 * recognised only when it comes from a recognised model (see isModelLike in receivers.ts): `x.save()` on anything
 * else is not classified.
 */
export interface InstanceOrm {
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

/** Builders with names common outside ORMs: like GENERIC_MODEL_METHODS, they need a models-like receiver. */
export const GENERIC_RECORD_SOURCES = new Set(['build', 'hydrate', 'fromJson', 'query']);
