/**
 * Import tracking: which module (and which export path inside it) an expression comes from.
 *
 * Handles ESM default/named/namespace imports, `import { x as y }`, CommonJS `require` with or
 * without destructuring, `require('m').a.b`, `await import('m')`, and const aliases
 * (`const j = jwt; j.sign()`). `node:` prefixes are dropped so `node:fs` and `fs` are one module.
 *
 * Default, namespace and whole-module `require` all resolve to the module object (path []),
 * because for the CommonJS libraries backends use, `import x from 'm'` *is* `module.exports`.
 * A named ESM import `import { sign } from 'jsonwebtoken'` resolves to path ['sign'].
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

export interface ModuleRef {
  /** Module specifier without `node:` prefix, e.g. `jsonwebtoken`, `fs`, `@prisma/client`. */
  source: string;
  /** Export path inside the module: [] is the module itself, ['sign'], ['promises','writeFile']. */
  path: string[];
}

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

export function normalizeSource(source: string): string {
  return source.startsWith('node:') ? source.slice(5) : source;
}

function findVariable(scope: Scope | null, name: string): Variable | null {
  for (let s: Scope | null = scope; s; s = s.upper) {
    const v = s.set.get(name);
    if (v) return v;
  }
  return null;
}

/** `require('m')` or `await import('m')` → 'm'. */
export function requiredSource(node: TSESTree.Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.AwaitExpression) return requiredSource(node.argument);
  if (node.type === AST_NODE_TYPES.ImportExpression) {
    return node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string'
      ? normalizeSource(node.source.value)
      : null;
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0]!.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0]!.value === 'string'
  ) {
    return normalizeSource(node.arguments[0]!.value);
  }
  return null;
}

export function propertyName(node: TSESTree.MemberExpression | TSESTree.Property): string | null {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return null;
  return null;
}

/** Path from an ObjectPattern root down to `target` (`const { a: { b } } = x` → ['a','b']). */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): string[] | null {
  if (pattern === target) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternPath(pattern.left, target);
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const prop of pattern.properties) {
      if (prop.type !== AST_NODE_TYPES.Property) continue;
      const name = propertyName(prop);
      if (name === null) continue;
      const rest = patternPath(prop.value, target);
      if (rest) return [name, ...rest];
    }
  }
  return null;
}

// Compiler interop helpers wrapping `require('m')`: `__importDefault(require('m'))` and friends.
const INTEROP_HELPERS = new Set(['__importDefault', '__importStar', '_interopRequireDefault', '_interopRequireWildcard', '__toESM']);

/** `__importDefault(require('m'))` → the `require('m')` call, else null. */
function interopRequire(node: TSESTree.Node): TSESTree.Node | null {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    INTEROP_HELPERS.has(node.callee.name) &&
    node.arguments.length >= 1 &&
    requiredSource(node.arguments[0]) !== null
  ) {
    return node.arguments[0]!;
  }
  return null;
}

export class ImportTracker {
  private readonly cache = new WeakMap<Variable, ModuleRef | null>();
  private readonly inProgress = new WeakSet<Variable>();
  /** Every module the file imports/requires (for cheap "does this file use X at all" gates). */
  readonly sources = new Set<string>();

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {
    const program = sourceCode.ast;
    for (const stmt of program.body) {
      if (stmt.type === AST_NODE_TYPES.ImportDeclaration) this.sources.add(normalizeSource(stmt.source.value));
    }
    // require() can appear anywhere; the token scan is cheaper than a tree walk.
    const text = sourceCode.text;
    const re = /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) this.sources.add(normalizeSource(m[1]!));
  }

  /** True when the file imports any of the given modules (exact names or `prefix/*`). */
  usesAny(modules: readonly string[]): boolean {
    for (const m of modules) {
      if (this.sources.has(m)) return true;
      if (m.endsWith('/*')) {
        const prefix = m.slice(0, -1);
        for (const s of this.sources) if (s.startsWith(prefix)) return true;
      }
    }
    return false;
  }

  /**
   * Top-level answers per node: many rules resolve the same callees. Only answers computed while
   * no variable is being resolved are stored (an answer inside an alias cycle can be partial); a
   * top-level answer depends only on the per-variable cache, so it never changes. Refs are read-only.
   */
  private readonly resolved = new Map<TSESTree.Node, ModuleRef | null>();
  private resolving = 0;

  /** Resolve an expression (identifier, member chain, `require(...)`) to the module it comes from. */
  resolve(node: TSESTree.Node | null | undefined): ModuleRef | null {
    if (!node) return null;
    if (this.resolving > 0) return this.compute(node);
    let ref = this.resolved.get(node);
    if (ref === undefined) {
      ref = this.compute(node);
      this.resolved.set(node, ref);
    }
    return ref;
  }

  private compute(node: TSESTree.Node): ModuleRef | null {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(this.sourceCode.getScope(node), node.name);
        return variable ? this.resolveVariable(variable) : null;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(node);
        if (name === null) return null;
        const base = this.resolve(node.object);
        return base ? { source: base.source, path: [...base.path, name] } : null;
      }
      case AST_NODE_TYPES.ChainExpression:
        return this.resolve(node.expression);
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
        return this.resolve(node.expression);
      // TypeScript/Babel CommonJS output calls imports as `(0, m.fn)(…)` so `this` is unbound.
      case AST_NODE_TYPES.SequenceExpression:
        return this.resolve(node.expressions[node.expressions.length - 1]);
      default: {
        const interop = interopRequire(node);
        if (interop) return this.resolve(interop);
        const source = requiredSource(node);
        return source ? { source, path: [] } : null;
      }
    }
  }

  /**
   * Resolve a callee and test it against a module and an export path suffix: `matches(callee,
   * 'jsonwebtoken', ['sign'])` is true for `jwt.sign`, `sign` (named import) and `j.sign` aliases.
   */
  matches(node: TSESTree.Node | null | undefined, source: string | readonly string[], path: readonly string[]): boolean {
    const ref = this.resolve(node);
    if (!ref) return false;
    if (typeof source === 'string' ? ref.source !== source : !source.includes(ref.source)) return false;
    // Tolerate a leading `default` (ESM interop: `import * as m` then `m.default.sign`).
    const skip = ref.path[0] === 'default' ? 1 : 0;
    if (ref.path.length - skip !== path.length) return false;
    for (let i = 0; i < path.length; i++) if (ref.path[i + skip] !== path[i]) return false;
    return true;
  }

  private resolveVariable(variable: Variable): ModuleRef | null {
    if (this.cache.has(variable)) return this.cache.get(variable)!;
    if (this.inProgress.has(variable)) return null; // alias cycle
    this.inProgress.add(variable);
    this.resolving++;
    let result: ModuleRef | null;
    try {
      result = this.computeVariable(variable);
    } finally {
      this.resolving--;
    }
    this.inProgress.delete(variable);
    this.cache.set(variable, result);
    return result;
  }

  private computeVariable(variable: Variable): ModuleRef | null {
    const def = variable.defs[0];
    if (!def || variable.defs.length > 1) return null;
    if (def.type === 'ImportBinding') {
      const spec = def.node;
      const decl = spec.parent as TSESTree.ImportDeclaration | TSESTree.TSImportEqualsDeclaration;
      if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const ref = spec.moduleReference;
        if (ref.type === AST_NODE_TYPES.TSExternalModuleReference && ref.expression.type === AST_NODE_TYPES.Literal) {
          return { source: normalizeSource(String(ref.expression.value)), path: [] };
        }
        return null;
      }
      if (decl.type !== AST_NODE_TYPES.ImportDeclaration) return null;
      const source = normalizeSource(decl.source.value);
      if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
        const imported =
          spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
        return { source, path: imported === 'default' ? [] : [imported] };
      }
      return { source, path: [] };
    }
    if (def.type === 'Variable') {
      const declarator = def.node;
      // Only trust bindings that are never reassigned: `let db = require('pg'); db = other` is unknown.
      if (declarator.parent.kind !== 'const' && variable.references.some((r) => r.isWrite() && r.init !== true)) {
        return null;
      }
      if (!declarator.init) return null;
      const base = this.resolve(declarator.init);
      if (!base) return null;
      const sub = patternPath(declarator.id, def.name);
      if (!sub) return null;
      return { source: base.source, path: [...base.path, ...sub] };
    }
    return null;
  }
}

const trackers = new WeakMap<object, ImportTracker>();

/** One tracker per file, shared by every rule that runs on it. */
export function getImportTracker(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ImportTracker {
  const sourceCode = context.sourceCode;
  let tracker = trackers.get(sourceCode.ast);
  if (!tracker) {
    tracker = new ImportTracker(sourceCode);
    trackers.set(sourceCode.ast, tracker);
  }
  return tracker;
}
