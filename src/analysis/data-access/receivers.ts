/**
 * Receiver resolution: what the object of a call is — the library module, a client, a model, a
 * repository, a collection, a prepared statement — followed through imports, const bindings,
 * class fields and (through the project model's hook) other project modules. When a receiver is
 * untracked, the naming conventions of tables/names.ts decide whether it looks like one.
 *
 * Also the per-file state every question shares: answers are memoised per node, and a file that
 * imports no DB library (nor a project module that might export a client) is ruled out at once.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { type ImportTracker, type ModuleRef, getImportTracker, propertyName, requiredSource } from '../imports.js';
import { resolveConstInit, unwrap } from '../values.js';
import { sqlTextOf } from '../sql.js';
import type { Instance } from './instances.js';
import { HTTP_REQUEST_FUNCTION_MODULES } from './tables/io.js';
import { CALLED_VALUES, CLIENT_METHOD_VALUES, CONSTRUCTED_VALUES, type ModuleExportValues } from './tables/clients.js';
import { DB_MODULE_LIBRARIES, DB_MODULE_PREFIXES } from './tables/modules.js';
import { BUILTIN_CLASSES, DB_HANDLE_NAMES, DOMAIN_PATH, INJECTED_MODEL_NAME, KNEX_CLIENT_NAMES, MODEL_BASES, MODEL_PATH, MODELS_OBJECT_NAME, PASCAL_CASE, PRISMA_CLIENT_NAME, REPOSITORY_NAME } from './tables/names.js';
import type { Context, DbLibrary, DbOperation, DbValue, Node, SourceCode } from './types.js';
import { MODEL_RECORD_FINDERS } from './tables/orms.js';

/** True when `source` is a database library's module (`knex`, `pg`, `@prisma/client`…). */
export function isDbModule(source: string): boolean {
  return libraryOfModule(source) !== null;
}

export function libraryOfModule(source: string): DbLibrary | null {
  const library = DB_MODULE_LIBRARIES.get(source);
  if (library) return library;
  for (const [prefix, lib] of DB_MODULE_PREFIXES) {
    if (source.startsWith(prefix)) return lib;
  }
  return null;
}

export interface State {
  sourceCode: SourceCode;
  tracker: ImportTracker;
  values: Map<Node, DbValue | null>;
  ops: Map<Node, DbOperation | null>;
  sqlArguments: Map<Node, boolean>;
  usesDb: boolean;
  /** A project model is present and the file imports project modules (which may export DB clients). */
  importsProjectModules: boolean;
  context: Context;
  /** The file imports sequelize or Prisma: a directly called `literal(…)`/`raw(…)` import can be a sink. */
  usesSinkFunctions: boolean;
  /** The file imports an HTTP client that is called as a function (`axios({ method: 'POST' })`). */
  usesHttpRequestFunction: boolean;
  instances: Map<Node, Instance | null>;
  /**
   * What each project import resolves to, by specifier, export path and depth: a file naming
   * `models.Post` fifty times resolves it once (the files it leads to do not change while one
   * file is linted).
   */
  imported: Map<string, DbValue | null | undefined>;
  /** ORMs with records (INSTANCE_ORMS, MikroORM) the file imports: they name an untracked model's library. */
  ormImports: Set<DbLibrary>;
}

const states = new WeakMap<object, State>();

export function stateOf(context: Context): State {
  const sourceCode = context.sourceCode;
  let s = states.get(sourceCode.ast);
  if (!s) {
    const tracker = getImportTracker(context);
    s = {
      sourceCode,
      tracker,
      values: new Map(),
      ops: new Map(),
      sqlArguments: new Map(),
      usesDb: false,
      importsProjectModules: false,
      context,
      usesSinkFunctions: false,
      usesHttpRequestFunction: false,
      instances: new Map(),
      imported: new Map(),
      ormImports: new Set(),
    };
    for (const src of tracker.sources) {
      const orm = src === 'objection' ? 'objection' : src.startsWith('@mikro-orm/') ? 'mikro-orm' : null;
      if (orm) s.ormImports.add(orm);
      const lib = libraryOfModule(src);
      if (lib === 'sequelize' || lib === 'mongoose' || lib === 'typeorm') s.ormImports.add(lib);
      if (lib !== null) s.usesDb = true;
      else if (moduleValueResolver && isProjectSpecifier(src)) s.importsProjectModules = true;
      if (lib === 'sequelize' || lib === 'prisma') s.usesSinkFunctions = true;
      if (HTTP_REQUEST_FUNCTION_MODULES.includes(src)) s.usesHttpRequestFunction = true;
    }
    states.set(sourceCode.ast, s);
  }
  return s;
}

export function lastName(node: Node): string | null {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) return propertyName(n);
  if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return null;
}

/** The value a `this.x` member refers to when the class assigns it once (field or constructor). */
function classFieldInit(node: TSESTree.MemberExpression): Node | null {
  if (node.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = propertyName(node);
  if (!name) return null;
  let p: Node | undefined = node.parent;
  while (p && p.type !== AST_NODE_TYPES.ClassBody) p = p.parent;
  if (!p) return null;
  let found: Node | null = null;
  for (const member of p.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && propertyName(member as unknown as TSESTree.Property) === name && member.value) {
      if (found) return null;
      found = member.value;
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const stmt of member.value.body?.body ?? []) {
        if (
          stmt.type === AST_NODE_TYPES.ExpressionStatement &&
          stmt.expression.type === AST_NODE_TYPES.AssignmentExpression &&
          stmt.expression.left.type === AST_NODE_TYPES.MemberExpression &&
          stmt.expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
          propertyName(stmt.expression.left) === name
        ) {
          if (found) return null;
          found = stmt.expression.right;
        }
      }
    }
  }
  return found;
}

/**
 * Set by the project model (src/project): the expression a project module exports under a
 * tracker reference, with that module's own context, so that `const db = require('./db')` and
 * `import { sql } from '../lib/db'` are known as the DB client the module creates.
 */
export type ModuleValueResolver = (context: Context, ref: ModuleRef) => { context: Context; node: Node } | null;
let moduleValueResolver: ModuleValueResolver | null = null;
export function setModuleValueResolver(resolver: ModuleValueResolver | null): void {
  moduleValueResolver = resolver;
}

/** A DB value exported by another project module, or undefined when `n` is not such an import. */
function importedDbValue(s: State, n: Node, depth: number): DbValue | null | undefined {
  if (!moduleValueResolver || !s.importsProjectModules) return undefined;
  const ref = s.tracker.resolve(n);
  if (!ref || libraryOfModule(ref.source) !== null || !isProjectSpecifier(ref.source)) return undefined;
  const key = `${depth}\0${ref.source}\0${ref.path.join('\0')}`;
  if (s.imported.has(key)) return s.imported.get(key);
  const target = moduleValueResolver(s.context, ref);
  // Not a DB value there: the name-based conventions below (`prisma.x`, `*Repository`) still apply.
  const value = (target && dbValueOf(stateOf(target.context), target.node, depth + 1)) ?? undefined;
  s.imported.set(key, value);
  return value;
}

/** Specifiers that can name a project file (relative, absolute, `#imports`, common path aliases). */
function isProjectSpecifier(source: string): boolean {
  const c = source.charCodeAt(0);
  return c === 46 /* . */ || c === 47 /* / */ || c === 35 /* # */ || c === 126 /* ~ */ || source.startsWith('@/') || source.startsWith('src/');
}

export function dbValueOf(s: State, node: Node | null | undefined, depth = 0): DbValue | null {
  // Every DB value starts at an import or require of a DB library (here or in a project module
  // this file imports): without one, nothing to resolve.
  if ((!s.usesDb && !s.importsProjectModules) || !node || depth > 10) return null;
  const n = unwrap(node);
  if (s.values.has(n)) return s.values.get(n)!;
  s.values.set(n, null); // cycle guard
  const v = computeDbValue(s, n, depth);
  s.values.set(n, v);
  return v;
}

function computeDbValue(s: State, n: Node, depth: number): DbValue | null {
  if (n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression) {
    const imported = importedDbValue(s, n, depth);
    if (imported !== undefined) return imported;
  }
  switch (n.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return dbValueOf(s, n.argument, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return dbValueOf(s, n.expression, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const ref = s.tracker.resolve(n);
      if (ref) {
        const lib = libraryOfModule(ref.source);
        return lib ? { library: lib, role: 'module', path: ref.path[0] === 'default' ? ref.path.slice(1) : ref.path } : null;
      }
      const init = resolveConstInit(s.sourceCode, n);
      return init ? dbValueOf(s, init, depth + 1) : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(n);
      if (name === null) return null;
      if (n.object.type === AST_NODE_TYPES.ThisExpression) {
        const init = classFieldInit(n);
        return init ? dbValueOf(s, init, depth + 1) : null;
      }
      const base = dbValueOf(s, n.object, depth + 1);
      if (!base) return null;
      if (base.role === 'module') {
        if (base.path?.[0] === '__models') return { library: 'sequelize', role: 'model' };
        const path = [...(base.path ?? []), name];
        if (base.library === 'mongoose' && path.length === 1 && (name === 'connection' || name === 'connections')) {
          return { library: 'mongoose', role: 'client' };
        }
        return { library: base.library, role: 'module', path };
      }
      if (base.role === 'client') {
        if (base.library === 'prisma' && !name.startsWith('$')) return { library: 'prisma', role: 'model' };
        if (base.library === 'sequelize' && name === 'models') return { library: 'sequelize', role: 'module', path: ['__models'] };
        if (base.library === 'typeorm' && name === 'manager') return { library: 'typeorm', role: 'repository' };
        if (base.library === 'drizzle' && name === 'query') return { library: 'drizzle', role: 'module', path: ['__query'] };
        if (base.library === 'mysql2' && name === 'promise') return null;
        return null;
      }
      return null;
    }
    case AST_NODE_TYPES.NewExpression: {
      const callee = dbValueOf(s, n.callee, depth + 1);
      if (callee?.role === 'module') return exportValue(CONSTRUCTED_VALUES, callee);
      if (callee?.role === 'model') return { library: callee.library, role: 'document', fresh: true };
      if (callee?.role === 'request') return null;
      if (callee?.role === 'client' && callee.library === 'mssql') return null;
      // `new Request(pool)` where Request came from `sql.Request`
      return null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const required = requiredSource(n);
      if (required !== null) {
        const lib = libraryOfModule(required);
        return lib ? { library: lib, role: 'module', path: [] } : null;
      }
      const callee = unwrap(n.callee);
      const calleeValue = dbValueOf(s, callee, depth + 1);
      if (calleeValue?.role === 'module') return exportValue(CALLED_VALUES, calleeValue);
      if (calleeValue?.role === 'factory') return { library: 'pg-promise', role: 'client' };
      if (calleeValue?.role === 'client' && calleeValue.library === 'postgres') return null;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(callee);
        const recv = dbValueOf(s, callee.object, depth + 1);
        if (!recv || !name) return null;
        if (recv.role === 'client') {
          const made = CLIENT_METHOD_VALUES.get(name);
          if (!made || (made.on && !made.on.includes(recv.library)) || made.notOn?.includes(recv.library)) return null;
          if (made.role === 'statement') {
            const text = sqlTextOf(s.sourceCode, n.arguments[0]);
            return { library: recv.library, role: 'statement', sql: text?.text ?? null };
          }
          return { library: made.library ?? recv.library, role: made.role };
        }
        if (recv.role === 'repository' && name === 'getRepository') return { library: 'typeorm', role: 'repository' };
        if (recv.role === 'model' && MODEL_RECORD_FINDERS.has(name)) {
          return { library: recv.library, role: 'document', fresh: false };
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** The value a call or `new` of a library module's export makes (see tables/clients.ts), or null. */
function exportValue(table: Readonly<Partial<Record<DbLibrary, ModuleExportValues>>>, module: DbValue): DbValue | null {
  const made = table[module.library];
  if (!made) return null;
  const p = module.path ?? [];
  const role = made.any ?? (p.length === 0 ? made.module : made.exports?.get(p[p.length - 1]!));
  return role ? { library: module.library, role } : null;
}

/** Identifier chain names that strongly suggest a knex instance passed in from elsewhere. */
export function isKnexLikeName(node: Node, allowDb: boolean): boolean {
  const n = unwrap(node);
  const name = lastName(n);
  if (!name) return false;
  if (KNEX_CLIENT_NAMES.has(name)) return true;
  if (allowDb && DB_HANDLE_NAMES.has(name)) return n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression;
  return false;
}

export function isPrismaLikeName(node: Node): boolean {
  const name = lastName(node);
  return !!name && PRISMA_CLIENT_NAME.test(name);
}

function moduleOfIdentifier(s: State, node: Node): string | null {
  const ref = s.tracker.resolve(node);
  return ref ? ref.source : null;
}

/** A local `class X extends Model` (Sequelize/Objection/TypeORM active record). */
function isLocalModelClass(s: State, id: TSESTree.Identifier): boolean {
  for (let scope: TSESLint.Scope.Scope | null = s.sourceCode.getScope(id); scope; scope = scope.upper) {
    const v = scope.set.get(id.name);
    if (!v) continue;
    const def = v.defs[0];
    if (def?.type !== 'ClassName') return false;
    const sup = (def.node as TSESTree.ClassDeclaration).superClass;
    const name = sup ? lastName(sup) : null;
    return !!name && MODEL_BASES.has(name);
  }
  return false;
}

/**
 * An ORM model reached by name: `User`, `models.User`, `db.User`, `this.userModel`. For method
 * names that are common outside ORMs (`create`, `update`, `find`…) a bare `User` must also come
 * from a models-like module (`../models/user`, `require('../models').User`) or be a local
 * `class User extends Model`: domain classes with a static `create` factory are everywhere.
 */
export function isModelLike(s: State, node: Node, generic: boolean): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) {
    if (!PASCAL_CASE.test(n.name) || BUILTIN_CLASSES.has(n.name)) return false;
    const src = moduleOfIdentifier(s, n);
    // Imported from a package that is not a DB library: a class of that package, not a model.
    if (src && !src.startsWith('.') && !src.startsWith('/') && !src.startsWith('@/') && !src.startsWith('~') && libraryOfModule(src) === null) {
      return false;
    }
    if (!generic) return true;
    // DDD code keeps entities and value objects under `domain/models/`: `OfferStatus.create('archived')`.
    if (src) return (MODEL_PATH.test(src) && !DOMAIN_PATH.test(src)) || libraryOfModule(src) !== null;
    return isLocalModelClass(s, n);
  }
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    if (!name) return false;
    if (INJECTED_MODEL_NAME.test(name)) return true;
    if (PASCAL_CASE.test(name) && !BUILTIN_CLASSES.has(name)) {
      const base = lastName(n.object);
      return !!base && MODELS_OBJECT_NAME.test(base);
    }
  }
  return false;
}

export function isRepositoryLike(node: Node): boolean {
  const name = lastName(node);
  return !!name && REPOSITORY_NAME.test(name);
}
