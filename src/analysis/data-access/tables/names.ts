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
