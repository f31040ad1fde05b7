/**
 * Model records (`user.save()` on a record found by `User.findByPk(id)`): a value is traced in
 * this file to a finder or constructor of a recognised model, and only then are its record methods
 * DB operations — `x.save()` on anything else is not classified (precision first). What each ORM's
 * records can do is the table tables/instances.ts.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { resolveConstInit, unwrap } from '../values.js';
import type { DbKind } from '../sql.js';
import { type Link, chainLinks, op } from './chains.js';
import { RECORD_SOURCES } from './indexes.js';
import { type State, dbValueOf, isModelLike, isRepositoryLike, libraryOfModule } from './receivers.js';
import { GENERIC_RECORD_SOURCES, INSTANCE_ORMS, type InstanceOrm } from './tables/instances.js';
import { GENERIC_MODEL_METHODS } from './tables/orms.js';
import type { Call, DbLibrary, DbOperation, Node } from './types.js';

/** A value traced to records of a recognised model. */
export interface Instance {
  /** The ORMs the records can belong to (the model's library when tracked, else every ORM whose API fits). */
  orms: readonly InstanceOrm[];
  /** The ORMs in which it is built in memory, not stored yet: there `save()` inserts it. */
  fresh: readonly InstanceOrm[];
  /** A list of records (`findAll`): its elements are records. */
  many: boolean;
  /** The library is known (tracked model, repository, a distinctive finder), not guessed from method names. */
  pinned: boolean;
}

const MAX_INSTANCE_DEPTH = 8;

function instanceOf(s: State, node: Node, depth = 0): Instance | null {
  if (depth > MAX_INSTANCE_DEPTH) return null;
  const n = unwrap(node);
  let v = s.instances.get(n);
  if (v === undefined) {
    s.instances.set(n, null); // cycle guard
    v = computeInstance(s, n, depth);
    s.instances.set(n, v);
  }
  return v;
}

function elementOf(i: Instance | null): Instance | null {
  return i?.many ? { ...i, many: false } : null;
}

function computeInstance(s: State, n: Node, depth: number): Instance | null {
  switch (n.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return instanceOf(s, n.argument, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return instanceOf(s, n.expression, depth + 1);
    case AST_NODE_TYPES.Identifier:
      return identifierInstance(s, n, depth);
    case AST_NODE_TYPES.MemberExpression:
      // `users[0]`
      return n.computed && n.property.type === AST_NODE_TYPES.Literal && typeof n.property.value === 'number'
        ? elementOf(instanceOf(s, n.object, depth + 1))
        : null;
    case AST_NODE_TYPES.NewExpression: {
      const model = modelOf(s, n.callee, true);
      if (!model) return null;
      const orms = model.orms.filter((o) => o.constructible);
      return orms.length ? { orms, fresh: orms, many: false, pinned: model.pinned } : null;
    }
    case AST_NODE_TYPES.CallExpression:
      return callInstance(s, n, depth);
    default:
      return null;
  }
}

/** The ORMs a model expression can belong to: its tracked library, else every ORM with records. */
function modelOf(s: State, node: Node, generic: boolean): { orms: readonly InstanceOrm[]; pinned: boolean } | null {
  const v = dbValueOf(s, node);
  const library = v ? (v.role === 'model' ? v.library : null) : localModelLibrary(s, node);
  if (library) return { orms: INSTANCE_ORMS.filter((o) => o.library === library), pinned: true };
  if (v) return null;
  return isModelLike(s, node, generic) ? { orms: INSTANCE_ORMS, pinned: false } : null;
}

/** The ORM of a local `class X extends Base` whose base is imported from it (`BaseEntity` from typeorm, `Model` from objection). */
function localModelLibrary(s: State, node: Node): DbLibrary | null {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.Identifier) return null;
  const def = findVariable(s, n)?.defs[0];
  if (def?.type !== 'ClassName') return null;
  const sup = (def.node as TSESTree.ClassDeclaration).superClass;
  const ref = sup ? s.tracker.resolve(sup) : null;
  if (!ref) return null;
  if (ref.source === 'objection') return 'objection';
  const lib = libraryOfModule(ref.source);
  return lib === 'sequelize' || lib === 'typeorm' || lib === 'mongoose' ? lib : null;
}

function callInstance(s: State, call: Call, depth: number): Instance | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = propertyName(callee);
  if (!name || !RECORD_SOURCES.has(name)) return null;
  const recv = callee.object;

  // A record method that returns the record, or a query continuation that keeps yielding records.
  const inner = instanceOf(s, recv, depth + 1);
  if (inner) {
    const orms = inner.orms.filter((o) => (!inner.many && o.passThrough.has(name)) || o.queryContinuations.has(name));
    if (orms.length) return { ...inner, orms };
  }

  // A model query builder: `Person.query().findById(id)`, `Person.query().where(…)`.
  const query = modelQueryInstance(s, call);
  if (query) return query;

  // A finder or builder on a model: `User.findByPk(id)`, `User.build(attrs)`, `new User()` (above).
  const first = call.arguments[0];
  const generic = GENERIC_MODEL_METHODS.has(name) || GENERIC_RECORD_SOURCES.has(name);
  // ORM finders take objects and ids; `X.create('archived')` builds a value object.
  if (generic && first?.type === AST_NODE_TYPES.Literal) return null;
  const repo = dbValueOf(s, recv);
  if ((repo?.role === 'repository' && repo.library === 'typeorm') || (!repo && isRepositoryLike(recv))) {
    // Entities a TypeORM repository hands out (`repo.findOneBy(…)`, `repo.create(dto)`).
    return recordsFrom(INSTANCE_ORMS.filter((o) => o.library === 'typeorm'), name, true);
  }
  const model = modelOf(s, recv, generic);
  return model ? recordsFrom(model.orms, name, model.pinned) : null;
}

function recordsFrom(candidates: readonly InstanceOrm[], name: string, pinned: boolean): Instance | null {
  const orms = candidates.filter((o) => name in o.finders || o.builders.has(name));
  if (!orms.length) return null;
  // A name can find in one ORM and build in another (`create`): a list only when every ORM agrees.
  return {
    orms,
    fresh: orms.filter((o) => o.builders.has(name)),
    many: orms.every((o) => o.finders[name] === 'many'),
    pinned: pinned || (orms.length === 1 && orms[0]!.distinctive.has(name)),
  };
}

/** `Model.query()…` chains (Objection): records when awaited; one when the chain picks one. */
function modelQueryInstance(s: State, top: Call): Instance | null {
  const links = chainLinks(top);
  const start = links[0];
  if (!start?.name) return null;
  for (const orm of INSTANCE_ORMS) {
    const q = orm.modelQueries;
    if (!q || !q.starts.has(start.name) || !links.slice(1).every((l) => l.name !== null && q.chain.has(l.name))) continue;
    const model = modelOf(s, start.object, true);
    if (!model || !model.orms.includes(orm)) continue;
    return { orms: [orm], fresh: [], many: !links.some((l) => l.name !== null && q.one.has(l.name)), pinned: true };
  }
  return null;
}

/** A `const`/never-reassigned binding of a record: `const u = …`, `const [u] = …`, `for (const u of …)`, a callback parameter. */
function identifierInstance(s: State, id: TSESTree.Identifier, depth: number): Instance | null {
  const init = resolveConstInit(s.sourceCode, id);
  if (init) return instanceOf(s, init, depth + 1);
  const variable = findVariable(s, id);
  if (!variable || variable.defs.length !== 1 || variable.references.some((r) => r.isWrite() && r.init !== true)) return null;
  const def = variable.defs[0]!;
  if (def.type === 'Variable') {
    const decl = def.node;
    // `const [user] = await User.findAll(…)`
    if (decl.id.type === AST_NODE_TYPES.ArrayPattern && decl.init && decl.id.elements.includes(def.name)) {
      return elementOf(instanceOf(s, decl.init, depth + 1));
    }
    // `for (const user of users)`
    const loop = decl.parent.parent;
    if (decl.id === def.name && loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === decl.parent && !loop.await) {
      return elementOf(instanceOf(s, loop.right, depth + 1));
    }
    return null;
  }
  if (def.type === 'Parameter') {
    const fn = def.node;
    if (fn.params[0] !== def.name || (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)) return null;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = propertyName(callee);
    // `User.findByPk(id).then((user) => user.save())`
    if (method === 'then') return instanceOf(s, callee.object, depth + 1);
    // `users.forEach((u) => u.save())`
    if (method === 'forEach' || method === 'map') return elementOf(instanceOf(s, callee.object, depth + 1));
  }
  return null;
}

function findVariable(s: State, id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = s.sourceCode.getScope(id); scope; scope = scope.upper) {
    const v = scope.set.get(id.name);
    if (v) return v;
  }
  return null;
}

/**
 * A record method call: a write or read of a traced record whose ORM has that method
 * (`user.save()`, `person.$query().patch(…)`), or null. The library is named when it is known:
 * a tracked model, the only candidate ORM the file imports, or a finder only one ORM has.
 */
export function instanceOp(s: State, link: Link, top: Call): DbOperation | null {
  const name = link.name!;
  let recv = unwrap(link.object);
  let viaQuery = false;
  if (recv.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(recv.callee);
    const qname = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
    if (qname && callee.type === AST_NODE_TYPES.MemberExpression && INSTANCE_ORMS.some((o) => o.recordQueries?.starts.has(qname))) {
      recv = callee.object;
      viaQuery = true;
    }
  }
  const inst = instanceOf(s, recv);
  if (!inst || inst.many) return null;
  const kindIn = (o: InstanceOrm): DbKind | undefined => (viaQuery ? o.recordQueries?.writes[name] : o.writes[name] ?? o.reads[name]);
  const orms = inst.orms.filter((o) => kindIn(o) !== undefined);
  if (!orms.length) return null;
  const imported = orms.filter((o) => s.ormImports.has(o.library));
  // The ORMs whose API fits narrow the kind; only the model's tracking, the file's imports or the
  // finder's name say which ORM it is (Bookshelf records have `save`/`destroy` too).
  const known = inst.pinned ? orms[0]! : imported.length === 1 ? imported[0]! : null;
  let kind = kindIn(known ?? orms[0]!)!;
  if (name === 'save' && (known ? inst.fresh.includes(known) : orms.every((o) => inst.fresh.includes(o)))) kind = 'create';
  return op(known?.library ?? 'model', kind, name, top, { instance: known?.noun ?? 'instance' });
}

/** A local `class X extends BaseEntity` (typeorm), or a model in a file whose only ORM import is typeorm. */
export function isTypeormActiveRecord(s: State, node: Node): boolean {
  const lib = localModelLibrary(s, node);
  if (lib) return lib === 'typeorm';
  return s.ormImports.has('typeorm') && s.ormImports.size === 1;
}
