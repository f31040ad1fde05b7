/**
 * Tables: naming conventions that make an untracked receiver look like an ORM model (a PascalCase
 * class, a models-like module path or base class) and the well-known classes that are never models.
 */
export const BUILTIN_CLASSES = new Set([
  'Object', 'Array', 'Promise', 'Reflect', 'Math', 'JSON', 'Date', 'Buffer', 'Number', 'String', 'Boolean',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Error', 'URL', 'URLSearchParams', 'Intl', 'BigInt', 'Proxy',
  'RegExp', 'Function', 'Atomics', 'Iterator', 'Response', 'Request', 'Headers', 'Blob', 'File', 'FormData',
  'Crypto', 'Event', 'EventEmitter', 'Stream', 'Readable', 'Writable', 'Transform', 'Worker', 'Intl', 'Temporal',
  'Joi', 'Yup', 'React', 'Vue', 'Ember', 'Bluebird', 'Sentry', 'Stripe', 'Handlebars', 'DataLoader', 'Redis',
  'Queue', 'Bull', 'Logger', 'Handler', 'Component', 'Vuex', 'Immutable', 'Moment', 'DateTime', 'Duration',
  'Effect', 'Layer', 'Option', 'Either', 'Chain', 'Schema', 'Type', 'Types', 'Errors', 'Utils', 'Helpers',
  'Lodash', 'Cache', 'Storage', 'Config', 'Settings', 'Array', 'Collection', 'List', 'Stack', 'Record', 'Seq',
]);
export const PASCAL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;

export const MODEL_PATH = /(?:^|[/\\._-])(?:models?|schemas?|entit(?:y|ies)|db|database|orm|dao|collections?)(?:$|[/\\._-])/i;
export const MODEL_BASES = new Set(['Model', 'BaseModel', 'Document', 'Entity', 'BaseEntity']);

/** Receivers named like a knex instance passed in from another file (`knex('t')`, `trx.insert()`). */
export const KNEX_CLIENT_NAMES: ReadonlySet<string> = new Set(['knex', 'trx', 'Knex']);
/** Generic DB handle names: a knex root only when called with a table (`db('users')`). */
export const DB_HANDLE_NAMES: ReadonlySet<string> = new Set(['db', 'database']);
/** Receivers named like a Prisma client (`prisma.user.findMany()`, `this.prismaService.$queryRaw`). */
export const PRISMA_CLIENT_NAME = /^(?:prisma|prismaClient|prismaService|db)$/i;
/** TypeORM repositories by name (`this.userRepository.find()`). */
export const REPOSITORY_NAME = /^[a-z]\w*(?:Repository|Repo)$/;
/** The NestJS `@InjectModel` convention: `this.userModel`. */
export const INJECTED_MODEL_NAME = /^[a-z]\w*Model$/;
/** Objects that hold models: `db.User`, `models.Post`, `sequelize.Tag`. */
export const MODELS_OBJECT_NAME = /^(?:db|models?|database|orm|sequelize)$/i;
/** DDD code keeps entities and value objects under `domain/models/`: `OfferStatus.create('archived')` is not a model call. */
export const DOMAIN_PATH = /(?:^|[/\\])domain(?:[/\\]|$)/;
/** MikroORM entity managers by name. */
export const ENTITY_MANAGER_NAMES: ReadonlySet<string> = new Set(['em', 'entityManager']);
/** Receivers of `literal(…)` that are Sequelize when untracked. */
export const SEQUELIZE_NAME = /^(?:Sequelize|sequelize)$/;
/** Receivers of `unsafe(…)` that are postgres.js when untracked. */
export const POSTGRES_SQL_NAME = /^(?:sql|db|pg|postgres)$/;
