/**
 * What a name or expression refers to across the files of a project: the function, class,
 * instance, object literal or module behind `users.list`, `new UsersService().find`,
 * `this.usersService.findAll` (a NestJS provider injected by constructor type) or
 * `require('./repo').touch`.
 *
 * Exports understood: ESM `export function/class/const`, `export { a as b }`, `export default …`,
 * `export { x } from`, `export * from`, `export * as ns from`; CommonJS `module.exports = X`,
 * `module.exports = { a, b }`, `exports.x = …`, `module.exports.x = …`; TypeScript `export =`.
 * Imports come through the per-file import tracker (ESM, `require`, destructuring, aliases), so
 * this module only maps a `{ source, path }` onto the target file's exports.
 *
 * Every step is bounded (MAX_DEPTH) and cycle-safe; anything not understood is `null`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getImportTracker, propertyName } from '../analysis/imports.js';
import { functionsReturnedBy } from '../analysis/routes.js';
import { loadProjectFile, onProjectFilesCleared, projectFileCached, projectFileVersion, type ProjectFile } from './files.js';
import { resolveModule } from './resolve.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export type Value =
  | { kind: 'function'; file: ProjectFile; node: FunctionNode }
  | { kind: 'class'; file: ProjectFile; node: ClassNode }
  | { kind: 'instance'; file: ProjectFile; node: ClassNode }
  | { kind: 'object'; file: ProjectFile; node: TSESTree.ObjectExpression }
  | { kind: 'module'; file: ProjectFile };

/** Steps of resolution one question may take (aliases, re-exports, members, factories). */
const MAX_DEPTH = 12;

/**
 * Where a resolved value lives, as plain data: what an export resolves to outlives the parsed
 * trees of the files it went through. Barrel files (`export * from` over fifty services) make one
 * question touch more files than the file cache keeps; without this, every later question through
 * the same barrel parsed them all again (@directus/api: 5,508 parses of 214 files with a window
 * of 32).
 */
type Address = { kind: Value['kind']; path: string; start: number; end: number; type: string };

interface ExportMemo {
  value: Address | null;
  /** Every file the resolution read, with the version it read (`''`: absent or unreadable). */
  deps: Map<string, string>;
}

const MAX_EXPORT_MEMOS = 50_000;
const exportMemos = new Map<string, ExportMemo>();
/** The names each module exports and its `export *` sources, by path: plain data, as the memos. */
const exportNames = new Map<string, { version: string; named: Set<string>; stars: string[] }>();
/** Modules one `export *` search looks through at most. */
const MAX_STAR_MODULES = 500;
onProjectFilesCleared(() => {
  exportMemos.clear();
  exportNames.clear();
});

/** Where a function lives on disk: the key of its summaries (see summaries.ts `diskKey`). */
export interface Located {
  path: string;
  version: string;
  start: number;
}

/** Values answered from a memo whose file is not parsed now: loaded when first touched. */
const lazyValues = new WeakMap<object, Address & { version: string }>();

/**
 * Where a value lives, without parsing its file when it came from a memo: a question that only
 * needs an already-known summary of the function does not parse the file it is in.
 */
export function locate(v: Value): Located | null {
  const lazy = lazyValues.get(v);
  if (lazy) return { path: lazy.path, version: lazy.version, start: lazy.start };
  return v.kind !== 'module' && v.file.version ? { path: v.file.path, version: v.file.version, start: v.node.range[0] } : null;
}

function addressOf(v: Value | null): Address | null {
  if (!v) return null;
  const lazy = lazyValues.get(v);
  if (lazy) return { kind: lazy.kind, path: lazy.path, start: lazy.start, end: lazy.end, type: lazy.type };
  if (v.kind === 'module') return { kind: 'module', path: v.file.path, start: 0, end: 0, type: '' };
  return { kind: v.kind, path: v.file.path, start: v.node.range[0], end: v.node.range[1], type: v.node.type };
}

/** The node of `file` with exactly this range and type (descending only into nodes that contain it). */
function nodeAt(file: ProjectFile, start: number, end: number, type: string): Node | null {
  const keys = file.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
  let node: Node = file.sourceCode.ast;
  for (let steps = 0; steps < 10_000; steps++) {
    if (node.range[0] === start && node.range[1] === end && node.type === type) return node;
    let next: Node | null = null;
    for (const field of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[field];
      for (const c of Array.isArray(child) ? child : [child]) {
        const n = c as Node | null;
        if (n && typeof n === 'object' && typeof n.type === 'string' && n.range[0] <= start && n.range[1] >= end) {
          next = n;
          break;
        }
      }
      if (next) break;
    }
    if (!next) return null;
    node = next;
  }
  return null;
}

type ExportEntry = { node: Node } | { local: string } | { from: string; name: string } | { module: string };

interface ExportTable {
  named: Map<string, ExportEntry>;
  stars: string[];
}

const exportTables = new WeakMap<object, ExportTable>();

function isModuleExports(node: Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'module' &&
    propertyName(node) === 'exports'
  );
}

/** `exports.x` / `module.exports.x` → 'x'. */
function cjsExportName(node: Node): string | null {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const obj = node.object;
  if ((obj.type === AST_NODE_TYPES.Identifier && obj.name === 'exports') || isModuleExports(obj)) return propertyName(node);
  return null;
}

function exportTable(file: ProjectFile): ExportTable {
  const ast = file.sourceCode.ast;
  let table = exportTables.get(ast);
  if (table) return table;
  table = { named: new Map(), stars: [] };
  const named = table.named;
  for (const stmt of ast.body) {
    switch (stmt.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const decl = stmt.declaration;
        if (decl) {
          if ((decl.type === AST_NODE_TYPES.FunctionDeclaration || decl.type === AST_NODE_TYPES.ClassDeclaration) && decl.id) {
            named.set(decl.id.name, { node: decl });
          } else if (decl.type === AST_NODE_TYPES.VariableDeclaration) {
            for (const d of decl.declarations) if (d.id.type === AST_NODE_TYPES.Identifier && d.init) named.set(d.id.name, { node: d.init });
          }
        }
        for (const spec of stmt.specifiers) {
          if (spec.type !== AST_NODE_TYPES.ExportSpecifier) continue;
          const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : String(spec.exported.value);
          const local = spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : String((spec.local as TSESTree.StringLiteral).value);
          named.set(exported, stmt.source ? { from: stmt.source.value, name: local } : { local });
        }
        break;
      }
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (stmt.exported) {
          const exported = stmt.exported as TSESTree.Identifier | TSESTree.StringLiteral;
          const name = exported.type === AST_NODE_TYPES.Identifier ? exported.name : String(exported.value);
          named.set(name, { module: stmt.source.value });
        } else {
          table.stars.push(stmt.source.value);
        }
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        named.set('default', { node: stmt.declaration });
        break;
      case AST_NODE_TYPES.TSExportAssignment:
        named.set('default', { node: stmt.expression });
        break;
      case AST_NODE_TYPES.ExpressionStatement: {
        const e = stmt.expression;
        if (e.type !== AST_NODE_TYPES.AssignmentExpression || e.operator !== '=') break;
        if (isModuleExports(e.left)) {
          named.set('default', { node: e.right });
          if (e.right.type === AST_NODE_TYPES.ObjectExpression) {
            for (const p of e.right.properties) {
              if (p.type !== AST_NODE_TYPES.Property) continue;
              const name = propertyName(p);
              if (name !== null && !named.has(name)) named.set(name, { node: p.value });
            }
          }
        } else {
          const name = cjsExportName(e.left);
          if (name !== null) named.set(name, { node: e.right });
        }
        break;
      }
      default:
        break;
    }
  }
  exportTables.set(ast, table);
  return table;
}

function findVariable(file: ProjectFile, node: Node, name: string): Variable | null {
  for (let s: TSESLint.Scope.Scope | null = file.sourceCode.getScope(node); s; s = s.upper) {
    const v = s.set.get(name);
    if (v) return v;
  }
  return null;
}

function topLevelVariable(file: ProjectFile, name: string): Variable | null {
  const manager = file.sourceCode.scopeManager;
  if (!manager) return null;
  for (const scope of manager.scopes) {
    if (scope.type !== 'module' && scope.type !== 'global') continue;
    const v = scope.set.get(name);
    if (v) return v;
  }
  return null;
}

function unwrapExpression(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}

/** The class a `this` inside `node` refers to (methods, constructors, field initialisers). */
function enclosingClass(node: Node): ClassNode | null {
  for (let p: Node | undefined = node.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.ClassBody) {
      const cls = p.parent;
      return cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression ? cls : null;
    }
    // A plain function rebinds `this`; arrow functions keep the class's.
    if (p.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (p.type === AST_NODE_TYPES.FunctionExpression && p.parent?.type !== AST_NODE_TYPES.MethodDefinition) return null;
  }
  return null;
}


/**
 * One project: the lint root (files outside it are never read) and the questions asked about it.
 * Answers are cheap to recompute per question; the expensive parts (parsing, export tables,
 * summaries) are cached by the file cache and per AST.
 */
export class Project {
  constructor(readonly root: string) {}

  /** Inside a factory's return values: imported values are not looked up (see value()). */
  private sameFileOnly = 0;

  /** Files read by the export resolutions in progress (innermost last), for their memos. */
  private readonly recorders: { deps: Map<string, string>; memoisable: boolean }[] = [];

  file(abs: string): ProjectFile | null {
    const file = loadProjectFile(abs, this.root);
    for (const r of this.recorders) {
      if (file && !file.version) r.memoisable = false;
      else r.deps.set(abs, file?.version ?? '');
    }
    return file;
  }

  private cut(): null {
    // An answer cut short by the depth limit depends on where the question started: not memoised.
    for (const r of this.recorders) r.memoisable = false;
    return null;
  }

  /** A memoised resolution, still valid when every file it read is unchanged on disk. */
  private fromMemo(memo: ExportMemo): Value | null | undefined {
    for (const [dep, version] of memo.deps) if ((projectFileVersion(dep, this.root) ?? '') !== version) return undefined;
    let value: Value | null = null;
    if (memo.value && memo.value.kind !== 'module' && !projectFileCached(memo.value.path, memo.deps.get(memo.value.path) ?? '')) {
      value = this.lazyValue(memo.value, memo.deps.get(memo.value.path) ?? '');
    } else if (memo.value) {
      const a = memo.value;
      const file = loadProjectFile(a.path, this.root);
      if (!file || file.version !== memo.deps.get(a.path)) return undefined;
      if (a.kind === 'module') value = { kind: 'module', file };
      else {
        const node = nodeAt(file, a.start, a.end, a.type);
        if (!node) return undefined;
        value = { kind: a.kind, file, node } as Value;
      }
    }
    for (const r of this.recorders) for (const [dep, version] of memo.deps) r.deps.set(dep, version);
    return value;
  }

  /**
   * A value whose file and node are read when first touched. Its versions were checked a moment
   * ago; a file changing in between leaves a value that cannot be read, which throws (the rules'
   * cross-file questions end quietly on it).
   */
  private lazyValue(a: Address, version: string): Value {
    const root = this.root;
    let loaded: { file: ProjectFile; node: Node } | undefined;
    const load = () => {
      if (!loaded) {
        const file = loadProjectFile(a.path, root);
        const node = file && file.version === version ? nodeAt(file, a.start, a.end, a.type) : null;
        if (!file || !node) throw new Error(`backlint: ${a.path} changed during a question`);
        loaded = { file, node };
      }
      return loaded;
    };
    const value = {
      kind: a.kind,
      get file() {
        return load().file;
      },
      get node() {
        return load().node;
      },
    } as unknown as Value;
    lazyValues.set(value, { ...a, version });
    return value;
  }

  /** The project file a module specifier names from `from`, parsed, or null. */
  module(from: ProjectFile | string, specifier: string): ProjectFile | null {
    const fromPath = typeof from === 'string' ? from : from.path;
    const target = resolveModule(fromPath, specifier, this.root);
    return target ? this.file(target) : null;
  }

  /** What `name` exported from `file` is. */
  exported(file: ProjectFile, name: string, depth = 0): Value | null {
    if (depth > MAX_DEPTH) return this.cut();
    const key = file.version ? `${file.path}\0${name}` : null;
    const memo = key ? exportMemos.get(key) : undefined;
    if (memo) {
      const hit = this.fromMemo(memo);
      if (hit !== undefined) return hit;
    }
    return this.exportedUnmemoised(file, key, name, depth);
  }

  /** `exported` for a module by path: a memoised answer does not parse the module itself. */
  private exportedAt(abs: string, name: string, depth: number): Value | null {
    const memo = exportMemos.get(`${abs}\0${name}`);
    if (memo) {
      const hit = this.fromMemo(memo);
      if (hit !== undefined) return hit;
    }
    const file = this.file(abs);
    if (!file) return null;
    return this.exportedUnmemoised(file, file.version ? `${file.path}\0${name}` : null, name, depth);
  }

  private exportedUnmemoised(file: ProjectFile, key: string | null, name: string, depth: number): Value | null {
    if (!key) {
      for (const r of this.recorders) r.memoisable = false;
      return this.resolveExport(file, name, depth);
    }
    const rec = { deps: new Map([[file.path, file.version!]]), memoisable: true };
    this.recorders.push(rec);
    let value: Value | null;
    try {
      value = this.resolveExport(file, name, depth);
    } finally {
      this.recorders.pop();
    }
    for (const r of this.recorders) {
      for (const [dep, version] of rec.deps) r.deps.set(dep, version);
      if (!rec.memoisable) r.memoisable = false;
    }
    if (rec.memoisable) {
      if (exportMemos.size >= MAX_EXPORT_MEMOS) exportMemos.delete(exportMemos.keys().next().value!);
      exportMemos.set(key, { value: addressOf(value), deps: rec.deps });
    }
    return value;
  }

  private resolveExport(file: ProjectFile, name: string, depth: number): Value | null {
    const table = exportTable(file);
    const entry = table.named.get(name);
    if (entry) {
      if ('node' in entry) return this.value(file, entry.node, depth + 1);
      if ('local' in entry) {
        const v = topLevelVariable(file, entry.local);
        return v ? this.variableValue(file, v, depth + 1) : null;
      }
      if ('module' in entry) {
        const target = this.module(file, entry.module);
        return target ? { kind: 'module', file: target } : null;
      }
      const target = this.module(file, entry.from);
      return target ? this.exported(target, entry.name, depth + 1) : null;
    }
    if (name === 'default') return null;
    for (const star of table.stars) {
      const target = this.starTarget(file, star, name);
      const v = target ? this.exported(target, name, depth + 1) : null;
      if (v) return v;
    }
    return null;
  }

  /**
   * The module behind `export * from star` when it may export `name` (by its names, kept as plain
   * data): a barrel's fifty other modules are not parsed to find where one name comes from.
   */
  private starTarget(file: ProjectFile, star: string, name: string): ProjectFile | null {
    const abs = resolveModule(file.path, star, this.root);
    return abs && this.mayExport(abs, name, new Set()) ? this.file(abs) : null;
  }

  private mayExport(abs: string, name: string, seen: Set<string>): boolean {
    if (seen.has(abs) || seen.size > MAX_STAR_MODULES) return false;
    seen.add(abs);
    const version = projectFileVersion(abs, this.root) ?? '';
    for (const r of this.recorders) r.deps.set(abs, version);
    let names = exportNames.get(abs);
    if (!names || names.version !== version) {
      const file = this.file(abs);
      if (!file?.version) return !!file;
      const table = exportTable(file);
      names = { version: file.version, named: new Set(table.named.keys()), stars: [...table.stars] };
      exportNames.set(abs, names);
    }
    if (names.named.has(name)) return true;
    for (const star of names.stars) {
      const target = resolveModule(abs, star, this.root);
      if (target && this.mayExport(target, name, seen)) return true;
    }
    return false;
  }

  /**
   * The expression a module exports under `path` (`[]`: the module's default / `module.exports`),
   * with the file it is in: for questions the value model does not answer itself, such as "is
   * this the DB client `knex(config)` creates".
   */
  exportedNode(file: ProjectFile, path: readonly string[], depth = 0): { file: ProjectFile; node: Node } | null {
    if (depth > MAX_DEPTH) return this.cut();
    const [head, ...rest] = path.length === 0 ? ['default'] : path;
    const entry = exportTable(file).named.get(head!);
    let found: { file: ProjectFile; node: Node } | null = null;
    if (entry && 'node' in entry) found = { file, node: entry.node };
    else if (entry && 'local' in entry) {
      const v = topLevelVariable(file, entry.local);
      const def = v?.defs.length === 1 ? v.defs[0] : undefined;
      if (def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) found = { file, node: def.node.init };
    } else if (entry && 'from' in entry) {
      const target = this.module(file, entry.from);
      found = target ? this.exportedNode(target, [entry.name], depth + 1) : null;
    } else if (!entry && head !== 'default') {
      for (const star of exportTable(file).stars) {
        const target = this.starTarget(file, star, head!);
        found = target ? this.exportedNode(target, [head!], depth + 1) : null;
        if (found) break;
      }
      // `module.exports = { knex }` without a named entry, or an ESM default object.
      if (!found) {
        const def = this.exported(file, 'default', depth + 1);
        if (def?.kind === 'object') {
          for (const p of def.node.properties) {
            if (p.type === AST_NODE_TYPES.Property && propertyName(p) === head) found = { file: def.file, node: p.value };
          }
        }
      }
    }
    if (!found || rest.length === 0) return found;
    const obj = unwrapExpression(found.node);
    if (obj.type !== AST_NODE_TYPES.ObjectExpression) return null;
    for (const p of obj.properties) {
      if (p.type === AST_NODE_TYPES.Property && propertyName(p) === rest[0]) {
        return rest.length === 1 ? { file: found.file, node: p.value } : null;
      }
    }
    return null;
  }

  /** A member of a value: object property, static or instance method, injected provider, export. */
  member(base: Value, name: string, depth = 0): Value | null {
    if (depth > MAX_DEPTH) return this.cut();
    switch (base.kind) {
      case 'module':
        return this.exported(base.file, name, depth + 1) ?? this.memberOfDefault(base.file, name, depth + 1);
      case 'object': {
        for (const p of base.node.properties) {
          if (p.type !== AST_NODE_TYPES.Property || propertyName(p) !== name) continue;
          return this.value(base.file, p.value, depth + 1);
        }
        return null;
      }
      case 'class':
      case 'instance':
        return this.classMember(base.file, base.node, name, base.kind === 'class', depth + 1);
      default:
        return null;
    }
  }

  private memberOfDefault(file: ProjectFile, name: string, depth: number): Value | null {
    const def = this.exported(file, 'default', depth);
    return def && def.kind !== 'module' ? this.member(def, name, depth + 1) : null;
  }

  private classMember(file: ProjectFile, cls: ClassNode, name: string, isStatic: boolean, depth: number): Value | null {
    if (depth > MAX_DEPTH) return this.cut();
    for (const el of cls.body.body) {
      if (el.type === AST_NODE_TYPES.MethodDefinition) {
        if (el.static !== isStatic || el.kind !== 'method' || el.computed) continue;
        if (el.key.type === AST_NODE_TYPES.Identifier && el.key.name === name && el.value.type === AST_NODE_TYPES.FunctionExpression) {
          return { kind: 'function', file, node: el.value };
        }
      } else if (el.type === AST_NODE_TYPES.PropertyDefinition) {
        if (el.static !== isStatic || el.computed || el.key.type !== AST_NODE_TYPES.Identifier || el.key.name !== name) continue;
        if (el.value) return this.value(file, el.value, depth + 1);
        return this.typedInstance(file, el.typeAnnotation?.typeAnnotation, depth + 1);
      }
    }
    if (!isStatic) {
      // NestJS and other DI containers: `constructor(private readonly users: UsersService)`.
      const ctor = cls.body.body.find(
        (el): el is TSESTree.MethodDefinition => el.type === AST_NODE_TYPES.MethodDefinition && el.kind === 'constructor',
      );
      for (const param of ctor?.value.params ?? []) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const p = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (p.type === AST_NODE_TYPES.Identifier && p.name === name) return this.typedInstance(file, p.typeAnnotation?.typeAnnotation, depth + 1);
      }
    }
    if (cls.superClass) {
      const parent = this.value(file, cls.superClass, depth + 1);
      if (parent?.kind === 'class') return this.classMember(parent.file, parent.node, name, isStatic, depth + 1);
    }
    return null;
  }

  /** An instance of the class a type annotation names (`UsersService`), if it is a project class. */
  private typedInstance(file: ProjectFile, type: TSESTree.TypeNode | undefined, depth: number): Value | null {
    if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
    const cls = this.value(file, type.typeName, depth + 1);
    return cls?.kind === 'class' ? { kind: 'instance', file: cls.file, node: cls.node } : null;
  }

  private variableValue(file: ProjectFile, variable: Variable, depth: number): Value | null {
    if (depth > MAX_DEPTH) return this.cut();
    if (variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    switch (def.type) {
      case 'FunctionName':
        return def.node.type === AST_NODE_TYPES.FunctionDeclaration ? { kind: 'function', file, node: def.node } : null;
      case 'ClassName':
        return def.node.type === AST_NODE_TYPES.ClassDeclaration || def.node.type === AST_NODE_TYPES.ClassExpression
          ? { kind: 'class', file, node: def.node }
          : null;
      case 'Variable': {
        const declarator = def.node;
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
        if (declarator.parent.kind !== 'const' && variable.references.some((r) => r.isWrite() && r.init !== true)) return null;
        return this.value(file, declarator.init, depth + 1);
      }
      default:
        return null;
    }
  }

  /** What an expression in `file` evaluates to, as far as the model can tell. */
  value(file: ProjectFile, expr: Node, depth = 0): Value | null {
    if (depth > MAX_DEPTH) return this.cut();
    const node = unwrapExpression(expr);
    switch (node.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return { kind: 'function', file, node };
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return { kind: 'class', file, node };
      case AST_NODE_TYPES.ObjectExpression:
        return { kind: 'object', file, node };
      case AST_NODE_TYPES.NewExpression: {
        const cls = this.value(file, node.callee, depth + 1);
        return cls?.kind === 'class' ? { kind: 'instance', file: cls.file, node: cls.node } : null;
      }
      case AST_NODE_TYPES.ThisExpression: {
        const cls = enclosingClass(node);
        return cls ? { kind: 'instance', file, node: cls } : null;
      }
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.MemberExpression: {
        const imported = this.importedValue(file, node, depth);
        if (imported !== undefined) return imported;
        if (node.type === AST_NODE_TYPES.Identifier) {
          const variable = findVariable(file, node, node.name);
          return variable ? this.variableValue(file, variable, depth + 1) : null;
        }
        const name = propertyName(node);
        if (name === null) return null;
        const base = this.value(file, node.object, depth + 1);
        return base ? this.member(base, name, depth + 1) : null;
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrapExpression(node.callee);
        // `ctrl.show.bind(ctrl)` is `ctrl.show`.
        if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'bind') return this.value(file, callee.object, depth + 1);
        const imported = this.importedValue(file, node, depth);
        if (imported !== undefined) return imported;
        // A factory: the function it returns (`app.get('/x', makeHandler())`), found by the route
        // model's own helper, with returned names resolved in the factory's file.
        const fn = this.value(file, callee, depth + 1);
        if (fn?.kind !== 'function') return null;
        const returned = functionsReturnedBy(
          fn.node,
          (e) => {
            // Only the factory's own functions count: nothing imported is resolved for it.
            this.sameFileOnly++;
            try {
              const v = this.value(fn.file, e, depth + 2);
              return v?.kind === 'function' && v.file === fn.file ? [v.node] : [];
            } finally {
              this.sameFileOnly--;
            }
          },
          fn.file.sourceCode.visitorKeys,
        );
        return returned.length === 1 ? { kind: 'function', file: fn.file, node: returned[0]! } : null;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return node.argument.type === AST_NODE_TYPES.ImportExpression ? this.importedValue(file, node, depth) ?? null : null;
      default:
        return null;
    }
  }

  /**
   * An expression the import tracker traces to a module: the project file's export (a value or
   * null), or `undefined` when the expression does not come from an import at all.
   */
  private importedValue(file: ProjectFile, node: Node, depth: number): Value | null | undefined {
    const ref = getImportTracker(file.context).resolve(node);
    if (!ref) return undefined;
    if (this.sameFileOnly > 0) return null;
    const targetPath = resolveModule(file.path, ref.source, this.root);
    if (!targetPath) return null;
    let v: Value | null;
    let path = ref.path;
    if (path.length > 0) {
      // `import { x }` / `require('./m').x`: the export by path (its memo parses nothing).
      v = this.exportedAt(targetPath, path[0]!, depth + 1);
      if (!v && path[0] !== 'default') {
        const target = this.file(targetPath);
        v = target ? this.memberOfDefault(target, path[0]!, depth + 1) : null;
      }
      path = path.slice(1);
    } else {
      const target = this.file(targetPath);
      if (!target) return null;
      v = { kind: 'module', file: target };
    }
    for (const name of path) {
      if (!v) return null;
      v = this.member(v, name, depth + 1);
    }
    return v;
  }

  /** The function a call runs, when the model can name it (a module's default export when called). */
  callee(file: ProjectFile, call: TSESTree.CallExpression | TSESTree.NewExpression): Value | null {
    const v = this.value(file, call.callee);
    if (!v) return null;
    if (v.kind === 'module') {
      const def = this.exported(v.file, 'default');
      return def?.kind === 'function' ? def : null;
    }
    return v.kind === 'function' ? v : null;
  }
}
