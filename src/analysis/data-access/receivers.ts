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
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { type ImportTracker, type ModuleRef, getImportTracker, propertyName, requiredSource } from '../imports.js';
import { resolveConstInit, unwrap } from '../values.js';
import { sqlTextOf } from '../sql.js';
import type { Instance } from './instances.js';
import { HTTP_REQUEST_FUNCTION_MODULES } from './tables/io.js';
import { BUILTIN_CLASSES, MODEL_BASES, MODEL_PATH, PASCAL_CASE } from './tables/names.js';
import type { Context, DbLibrary, DbOperation, DbValue, Node, SourceCode } from './types.js';

/** True when `source` is a database library's module (`knex`, `pg`, `@prisma/client`…). */
export function isDbModule(source: string): boolean {
  return libraryOfModule(source) !== null;
}

export function libraryOfModule(source: string): DbLibrary | null {
  if (source === 'pg' || source === 'pg-pool') return 'pg';
  if (source === 'mysql2' || source === 'mysql2/promise') return 'mysql2';
  if (source === 'sqlite') return 'sqlite3';
  if (source === 'sequelize-typescript' || source === '@nestjs/sequelize') return 'sequelize';
  if (source === '@nestjs/typeorm') return 'typeorm';
  if (source === '@nestjs/mongoose') return 'mongoose';
  if (source === '@prisma/client' || source.startsWith('@prisma/client/')) return 'prisma';
  if (source === 'drizzle-orm' || source.startsWith('drizzle-orm/')) return 'drizzle';
  if (
    source === 'pg-promise' || source === 'mysql' || source === 'sqlite3' || source === 'better-sqlite3' ||
    source === 'mssql' || source === 'oracledb' || source === 'sequelize' || source === 'knex' ||
    source === 'typeorm' || source === 'mongoose' || source === 'mongodb' || source === 'postgres'
  ) {
    return source;
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
  const target = moduleValueResolver(s.context, ref);
  // Not a DB value there: the name-based conventions below (`prisma.x`, `*Repository`) still apply.
  return (target && dbValueOf(stateOf(target.context), target.node, depth + 1)) ?? undefined;
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
      if (callee?.role === 'module') {
        const p = callee.path ?? [];
        const last = p[p.length - 1];
        switch (callee.library) {
          case 'pg':
            if (last === 'Pool' || last === 'Client' || p.length === 0) return { library: 'pg', role: 'client' };
            break;
          case 'sequelize':
            if (last === 'Sequelize' || p.length === 0) return { library: 'sequelize', role: 'client' };
            break;
          case 'prisma':
            if (last === 'PrismaClient') return { library: 'prisma', role: 'client' };
            break;
          case 'sqlite3':
            if (last === 'Database') return { library: 'sqlite3', role: 'client' };
            break;
          case 'better-sqlite3':
            return { library: 'better-sqlite3', role: 'client' };
          case 'mssql':
            if (last === 'ConnectionPool') return { library: 'mssql', role: 'client' };
            if (last === 'Request') return { library: 'mssql', role: 'request' };
            break;
          case 'typeorm':
            if (last === 'DataSource' || last === 'Connection') return { library: 'typeorm', role: 'client' };
            break;
          case 'mongodb':
            if (last === 'MongoClient') return { library: 'mongodb', role: 'client' };
            break;
          case 'mongoose':
            if (last === 'Mongoose') return { library: 'mongoose', role: 'client' };
            break;
          default:
            break;
        }
        return null;
      }
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
      if (calleeValue?.role === 'module') {
        const p = calleeValue.path ?? [];
        const last = p[p.length - 1];
        switch (calleeValue.library) {
          case 'knex':
            if (p.length === 0 || last === 'knex' || last === 'Knex') return { library: 'knex', role: 'client' };
            break;
          case 'pg-promise':
            if (p.length === 0) return { library: 'pg-promise', role: 'factory' };
            break;
          case 'mysql':
          case 'mysql2':
            if (last === 'createPool' || last === 'createConnection' || last === 'createPoolCluster') {
              return { library: calleeValue.library, role: 'client' };
            }
            break;
          case 'drizzle':
            if (last === 'drizzle') return { library: 'drizzle', role: 'client' };
            break;
          case 'postgres':
            if (p.length === 0) return { library: 'postgres', role: 'client' };
            break;
          case 'mssql':
            if (last === 'connect') return { library: 'mssql', role: 'client' };
            break;
          case 'oracledb':
            if (last === 'getConnection' || last === 'createPool' || last === 'getPool') return { library: 'oracledb', role: 'client' };
            break;
          case 'mongodb':
            if (last === 'connect') return { library: 'mongodb', role: 'client' };
            break;
          case 'mongoose':
            if (last === 'model') return { library: 'mongoose', role: 'model' };
            if (last === 'connect' || last === 'createConnection') return { library: 'mongoose', role: 'client' };
            break;
          case 'typeorm':
            if (last === 'getRepository' || last === 'getManager' || last === 'getCustomRepository' || last === 'getMongoRepository' || last === 'getTreeRepository') {
              return { library: 'typeorm', role: 'repository' };
            }
            if (last === 'getConnection' || last === 'createConnection') return { library: 'typeorm', role: 'client' };
            break;
          case 'sqlite3':
            if (last === 'open') return { library: 'sqlite3', role: 'client' }; // `sqlite` wrapper
            break;
          default:
            break;
        }
        return null;
      }
      if (calleeValue?.role === 'factory') return { library: 'pg-promise', role: 'client' };
      if (calleeValue?.role === 'client' && calleeValue.library === 'postgres') return null;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(callee);
        const recv = dbValueOf(s, callee.object, depth + 1);
        if (!recv || !name) return null;
        if (recv.role === 'client') {
          switch (name) {
            case 'connect':
            case 'getConnection':
            case 'acquire':
            case 'reserve':
              return recv.library === 'mongoose' ? null : { library: recv.library, role: 'client' };
            case 'promise':
              return recv.library === 'mysql2' || recv.library === 'mysql' ? { library: 'mysql2', role: 'client' } : null;
            case 'db':
              return recv.library === 'mongodb' ? { library: 'mongodb', role: 'client' } : null;
            case 'collection':
              return recv.library === 'mongodb' || recv.library === 'mongoose' ? { library: 'mongodb', role: 'collection' } : null;
            case 'getRepository':
            case 'getTreeRepository':
            case 'getMongoRepository':
              return { library: 'typeorm', role: 'repository' };
            case 'model':
              return recv.library === 'mongoose' ? { library: 'mongoose', role: 'model' } : null;
            case 'define':
              return recv.library === 'sequelize' ? { library: 'sequelize', role: 'model' } : null;
            case 'request':
              return recv.library === 'mssql' ? { library: 'mssql', role: 'request' } : null;
            case 'prepare': {
              if (recv.library !== 'better-sqlite3' && recv.library !== 'sqlite3') return null;
              const text = sqlTextOf(s.sourceCode, n.arguments[0]);
              return { library: recv.library, role: 'statement', sql: text?.text ?? null };
            }
            default:
              return null;
          }
        }
        if (recv.role === 'repository' && name === 'getRepository') return { library: 'typeorm', role: 'repository' };
        if (recv.role === 'model' && (name === 'findOne' || name === 'findById' || name === 'findByPk' || name === 'findOneBy')) {
          return { library: recv.library, role: 'document', fresh: false };
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** Identifier chain names that strongly suggest a knex instance passed in from elsewhere. */
export function isKnexLikeName(node: Node, allowDb: boolean): boolean {
  const n = unwrap(node);
  const name = lastName(n);
  if (!name) return false;
  if (name === 'knex' || name === 'trx' || name === 'Knex') return true;
  if (allowDb && (name === 'db' || name === 'database')) return n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression;
  return false;
}

export function isPrismaLikeName(node: Node): boolean {
  const name = lastName(node);
  return !!name && /^(?:prisma|prismaClient|prismaService|db)$/i.test(name);
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
    if (src) return (MODEL_PATH.test(src) && !/(?:^|[/\\])domain(?:[/\\]|$)/.test(src)) || libraryOfModule(src) !== null;
    return isLocalModelClass(s, n);
  }
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    if (!name) return false;
    if (/^[a-z]\w*Model$/.test(name)) return true; // Nest @InjectModel convention: this.userModel
    if (PASCAL_CASE.test(name) && !BUILTIN_CLASSES.has(name)) {
      const base = lastName(n.object);
      return !!base && /^(?:db|models?|database|orm|sequelize)$/i.test(base);
    }
  }
  return false;
}

export function isRepositoryLike(node: Node): boolean {
  const name = lastName(node);
  return !!name && /^[a-z]\w*(?:Repository|Repo)$/.test(name);
}
