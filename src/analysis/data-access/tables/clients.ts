/**
 * Tables: how a DB library hands out the values its operations run on — which exports of its
 * module build a client with `new` or with a call, and which client methods hand out another
 * client, a repository, a collection, a model or a prepared statement. Plain data; receivers.ts
 * follows the values through the code.
 */
import type { DbLibrary, Role } from '../types.js';

/** What calling (or `new`-ing) a library's exports makes; the value keeps the library. */
export interface ModuleExportValues {
  /** By the export's name: `new Pool()`, `mysql.createPool()`. */
  exports?: ReadonlyMap<string, Role>;
  /** The module itself: `new Sequelize()` from `require('sequelize')`, `knex(cfg)`, `pgp()`. */
  module?: Role;
  /** Any export, and the module itself. */
  any?: Role;
}

/** `new X(…)` of a library export. */
export const CONSTRUCTED_VALUES: Readonly<Partial<Record<DbLibrary, ModuleExportValues>>> = {
  pg: { exports: new Map<string, Role>([['Pool', 'client'], ['Client', 'client']]), module: 'client' },
  sequelize: { exports: new Map<string, Role>([['Sequelize', 'client']]), module: 'client' },
  prisma: { exports: new Map<string, Role>([['PrismaClient', 'client']]) },
  sqlite3: { exports: new Map<string, Role>([['Database', 'client']]) },
  'better-sqlite3': { any: 'client' },
  mssql: { exports: new Map<string, Role>([['ConnectionPool', 'client'], ['Request', 'request']]) },
  typeorm: { exports: new Map<string, Role>([['DataSource', 'client'], ['Connection', 'client']]) },
  mongodb: { exports: new Map<string, Role>([['MongoClient', 'client']]) },
  mongoose: { exports: new Map<string, Role>([['Mongoose', 'client']]) },
};

/** A call of a library export (or of the module itself). */
export const CALLED_VALUES: Readonly<Partial<Record<DbLibrary, ModuleExportValues>>> = {
  knex: { exports: new Map<string, Role>([['knex', 'client'], ['Knex', 'client']]), module: 'client' },
  'pg-promise': { module: 'factory' },
  mysql: { exports: new Map<string, Role>([['createPool', 'client'], ['createConnection', 'client'], ['createPoolCluster', 'client']]) },
  mysql2: { exports: new Map<string, Role>([['createPool', 'client'], ['createConnection', 'client'], ['createPoolCluster', 'client']]) },
  drizzle: { exports: new Map<string, Role>([['drizzle', 'client']]) },
  postgres: { module: 'client' },
  mssql: { exports: new Map<string, Role>([['connect', 'client']]) },
  oracledb: { exports: new Map<string, Role>([['getConnection', 'client'], ['createPool', 'client'], ['getPool', 'client']]) },
  mongodb: { exports: new Map<string, Role>([['connect', 'client']]) },
  mongoose: { exports: new Map<string, Role>([['model', 'model'], ['connect', 'client'], ['createConnection', 'client']]) },
  typeorm: {
    exports: new Map<string, Role>([
      ['getRepository', 'repository'], ['getManager', 'repository'], ['getCustomRepository', 'repository'],
      ['getMongoRepository', 'repository'], ['getTreeRepository', 'repository'],
      ['getConnection', 'client'], ['createConnection', 'client'],
    ]),
  },
  // The `sqlite` wrapper's `open()`.
  sqlite3: { exports: new Map<string, Role>([['open', 'client']]) },
};

/** A client method that hands out a value (`pool.connect()`, `client.db()`, `dataSource.getRepository(E)`). */
export interface ClientMethodValue {
  role: Role;
  /** Only on clients of these libraries (any, when absent). */
  on?: readonly DbLibrary[];
  /** Not on clients of these libraries. */
  notOn?: readonly DbLibrary[];
  /** The library of the value handed out; the client's own when absent. */
  library?: DbLibrary;
}

export const CLIENT_METHOD_VALUES: ReadonlyMap<string, ClientMethodValue> = new Map<string, ClientMethodValue>([
  // A connection from a pool is a client too (a mongoose connection is not a query API).
  ['connect', { role: 'client', notOn: ['mongoose'] }],
  ['getConnection', { role: 'client', notOn: ['mongoose'] }],
  ['acquire', { role: 'client', notOn: ['mongoose'] }],
  ['reserve', { role: 'client', notOn: ['mongoose'] }],
  ['promise', { role: 'client', on: ['mysql2', 'mysql'], library: 'mysql2' }],
  ['db', { role: 'client', on: ['mongodb'] }],
  ['collection', { role: 'collection', on: ['mongodb', 'mongoose'], library: 'mongodb' }],
  ['getRepository', { role: 'repository', library: 'typeorm' }],
  ['getTreeRepository', { role: 'repository', library: 'typeorm' }],
  ['getMongoRepository', { role: 'repository', library: 'typeorm' }],
  ['model', { role: 'model', on: ['mongoose'] }],
  ['define', { role: 'model', on: ['sequelize'] }],
  ['request', { role: 'request', on: ['mssql'] }],
  // Its SQL is read from the `prepare` call's argument.
  ['prepare', { role: 'statement', on: ['better-sqlite3', 'sqlite3'] }],
]);

/**
 * Where a client construction takes its options (require-query-timeout judges them for timeouts):
 * the argument positions of the options object and of a connection string, and the name messages
 * give the construction.
 */
export interface ClientConstructor {
  what: string;
  options: number;
  uri?: number;
  /** Only at this depth inside the module (`MongoClient.connect`, not `mongodb.connect`). */
  pathLength?: number;
}

export interface ClientConstructors {
  exports?: ReadonlyMap<string, ClientConstructor>;
  module?: ClientConstructor;
}

/** `new X(…)`. Sequelize's `new Sequelize(uri?, options?)` takes either first: its own logic. */
export const NEW_CLIENT_CONSTRUCTORS: Readonly<Partial<Record<DbLibrary, ClientConstructors>>> = {
  pg: {
    exports: new Map<string, ClientConstructor>([
      ['Pool', { what: 'new Pool()', options: 0 }],
      ['Client', { what: 'new Client()', options: 0 }],
    ]),
  },
  mongodb: { exports: new Map<string, ClientConstructor>([['MongoClient', { what: 'new MongoClient()', options: 1, uri: 0 }]]) },
};

/** A call of a library export (or of the module itself). */
export const CALLED_CLIENT_CONSTRUCTORS: Readonly<Partial<Record<DbLibrary, ClientConstructors>>> = {
  knex: { module: { what: 'knex()', options: 0 }, exports: new Map<string, ClientConstructor>([['knex', { what: 'knex()', options: 0 }]]) },
  mysql: {
    exports: new Map<string, ClientConstructor>([
      ['createPool', { what: 'mysql.createPool()', options: 0 }],
      ['createConnection', { what: 'mysql.createConnection()', options: 0 }],
    ]),
  },
  mysql2: {
    exports: new Map<string, ClientConstructor>([
      ['createPool', { what: 'mysql2.createPool()', options: 0 }],
      ['createConnection', { what: 'mysql2.createConnection()', options: 0 }],
    ]),
  },
  mongoose: {
    exports: new Map<string, ClientConstructor>([
      ['connect', { what: 'mongoose.connect()', options: 1, uri: 0 }],
      ['createConnection', { what: 'mongoose.createConnection()', options: 1, uri: 0 }],
    ]),
  },
  mongodb: { exports: new Map<string, ClientConstructor>([['connect', { what: 'MongoClient.connect()', options: 1, uri: 0, pathLength: 2 }]]) },
};
