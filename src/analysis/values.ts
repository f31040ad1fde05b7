/**
 * Static values: what a syntactic linter can know about an expression without a type checker.
 * Follows `const` bindings (option objects declared above the call, `const SALT_ROUNDS = 10`),
 * folds constant concatenations and template literals, and reads object-literal properties
 * including spreads of const objects.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from './imports.js';
import { memoByName } from './memo.js';
import { tooLongToJudge } from '../regex.js';

type Scope = TSESLint.Scope.Scope;
type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX_DEPTH = 8;

function findVariable(scope: Scope | null, name: string): TSESLint.Scope.Variable | null {
  for (let s: Scope | null = scope; s; s = s.upper) {
    const v = s.set.get(name);
    if (v) return v;
  }
  return null;
}

/** Strip TS-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    if (
      n.type === AST_NODE_TYPES.TSAsExpression ||
      n.type === AST_NODE_TYPES.TSNonNullExpression ||
      n.type === AST_NODE_TYPES.TSTypeAssertion ||
      n.type === AST_NODE_TYPES.TSSatisfiesExpression
    ) {
      n = n.expression;
    } else {
      return n;
    }
  }
}

/**
 * The initializer of a `const` (or never-reassigned `let`) identifier declared as `id = init`,
 * or null. Destructured bindings return null: their value is not the whole init.
 */
export function resolveConstInit(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Expression | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(sourceCode.getScope(node), node.name);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable') return null;
  const declarator = def.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  if (declarator.parent.kind !== 'const' && variable.references.some((r) => r.isWrite() && r.init !== true)) {
    return null;
  }
  return declarator.init;
}

/**
 * Could the object a binding holds gain properties after its literal? True when `node` is an
 * identifier whose variable is also used other than as a plain call argument or a property read:
 * `opts.origin = …`, `Object.assign(opts, …)`, `opts[k] = …`, `delete opts.x`, `list.push(x)`. A rule that reports
 * an option's absence asks this first, since the option may be added below the literal.
 */
export function mayBeExtended(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(n), n.name);
  if (!variable) return true;
  return variable.references.some((r) => {
    if (r.init === true) return false;
    const id = r.identifier as TSESTree.Node;
    // The use being asked about (`for (const x of list)`, `cors(opts)`) is a read.
    if (id === n) return false;
    const parent = id.parent;
    if (!parent) return true;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(id as TSESTree.CallExpressionArgument)) {
      const callee = parent.callee;
      // `Object.assign(opts, …)`, `_.merge(opts, …)`, `extend(opts, …)` write into their first argument.
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
      return parent.arguments[0] === id && (name === null || EXTENDERS.has(name));
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === id) {
      const up = parent.parent;
      const written =
        (up?.type === AST_NODE_TYPES.AssignmentExpression && up.left === parent) ||
        (up?.type === AST_NODE_TYPES.UnaryExpression && up.operator === 'delete') ||
        up?.type === AST_NODE_TYPES.UpdateExpression ||
        // `list.push(x)`: an array literal that grows below it.
        (up?.type === AST_NODE_TYPES.CallExpression && up.callee === parent && ARRAY_GROWERS.has(propertyName(parent) ?? ''));
      return written;
    }
    return true;
  });
}

const ARRAY_GROWERS = new Set(['push', 'unshift', 'splice']);
const EXTENDERS = new Set(['assign', 'merge', 'extend', 'defaults', 'defaultsDeep', 'set', 'defineProperty', 'defineProperties']);

/**
 * A string variable that is only ever extended after its first value: `let q = 'SELECT …'` (or
 * `let q; q = 'SELECT …'`) followed by `q += …`, `q = q + …`, `` q = `${q} …` `` or
 * `q = q.concat(…)`, in any order of branches. Answers the first value, whose leading text every
 * later value keeps, and whether any extension exists; null when some write replaces the value
 * outright (its start is then unknown) or the binding is not a single plain declaration.
 */
export function extendedStringStart(
  sourceCode: SourceCode,
  node: TSESTree.Node,
): { start: TSESTree.Expression; extended: boolean } | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(sourceCode.getScope(node), node.name);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || def.node.parent.kind === 'const') return null;
  let start: TSESTree.Expression | null = def.node.init;
  let extended = false;
  // References come in source order; without an initializer the first plain assignment starts it.
  for (const r of variable.references) {
    if (!r.isWrite() || r.init === true) continue;
    const assign = r.identifier.parent;
    if (assign?.type !== AST_NODE_TYPES.AssignmentExpression || assign.left !== r.identifier) return null;
    if (assign.operator === '+=') {
      extended = true;
      continue;
    }
    if (assign.operator !== '=') return null;
    if (startsWithSelf(assign.right, variable.name)) {
      extended = true;
      continue;
    }
    if (start) return null;
    // A first value assigned inside a loop or a branch may be replaced again: only top-level flow.
    if (assign.parent?.type !== AST_NODE_TYPES.ExpressionStatement || assign.parent.parent !== def.node.parent.parent) return null;
    start = assign.right;
  }
  return start ? { start, extended } : null;
}

/** `q + …`, `` `${q}…` ``, `q.concat(…)`: an expression whose text begins with variable `name`. */
function startsWithSelf(node: TSESTree.Node, name: string): boolean {
  let n = unwrap(node);
  while (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') n = unwrap(n.left);
  if (n.type === AST_NODE_TYPES.TemplateLiteral) {
    const first = n.expressions[0];
    return n.quasis[0]?.value.cooked === '' && !!first && unwrap(first).type === AST_NODE_TYPES.Identifier && (unwrap(first) as TSESTree.Identifier).name === name;
  }
  if (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(n.callee) === 'concat') {
    n = unwrap(n.callee.object);
  }
  return n.type === AST_NODE_TYPES.Identifier && n.name === name;
}

/**
 * The object literals an options expression is assembled from, in the order they apply:
 * `{ … }` itself, or `Object.assign({}, base, { secure: true })` (through const bindings on both
 * sides). `unknown` is true when some part cannot be seen — a source that is not a literal, an
 * unknown spread, or a variable extended below its literal (`mayBeExtended`) — so a caller judges
 * only what the visible parts say. Null when the expression is neither.
 */
export function objectSources(
  sourceCode: SourceCode,
  node: TSESTree.Node | null | undefined,
): { objects: TSESTree.ObjectExpression[]; unknown: boolean } | null {
  if (!node) return null;
  const n = resolveExpression(sourceCode, node);
  const extended = mayBeExtended(sourceCode, node);
  if (n.type === AST_NODE_TYPES.ObjectExpression) return { objects: [n], unknown: extended || hasUnknownSpread(sourceCode, n) };
  if (
    n.type !== AST_NODE_TYPES.CallExpression ||
    n.callee.type !== AST_NODE_TYPES.MemberExpression ||
    memberChainName(n.callee) !== 'Object.assign'
  ) {
    return null;
  }
  const objects: TSESTree.ObjectExpression[] = [];
  let unknown = extended;
  for (const arg of n.arguments) {
    const obj = arg.type === AST_NODE_TYPES.SpreadElement ? null : getObjectLiteral(sourceCode, arg);
    if (!obj || mayBeExtended(sourceCode, arg)) unknown = true;
    if (obj) {
      objects.push(obj);
      if (hasUnknownSpread(sourceCode, obj)) unknown = true;
    }
  }
  return { objects, unknown };
}

/** `getProperty` across `objectSources`: the last source naming the property wins, as at run time. */
export function getSourcesProperty(sourceCode: SourceCode, objects: readonly TSESTree.ObjectExpression[], name: string): TSESTree.Node | null {
  for (let i = objects.length - 1; i >= 0; i--) {
    const found = getProperty(sourceCode, objects[i]!, name);
    if (found) return found;
  }
  return null;
}

/** Follow identifiers through const bindings to the expression they stand for. */
export function resolveExpression(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): TSESTree.Node {
  let n = unwrap(node);
  for (let i = depth; i < MAX_DEPTH && n.type === AST_NODE_TYPES.Identifier; i++) {
    const init = resolveConstInit(sourceCode, n);
    if (!init) break;
    n = unwrap(init);
  }
  return n;
}

export type StaticValue = string | number | boolean | null | undefined;

/**
 * The compile-time value of an expression, or `NOT_STATIC`. Folds literals, const identifiers,
 * `+` concatenation, template literals with static parts, unary minus/not, and member access on
 * const object literals (`config.rounds` where `const config = { rounds: 10 }`).
 */
export const NOT_STATIC: unique symbol = Symbol('not-static');

export function getStaticValue(sourceCode: SourceCode, node: TSESTree.Node | null | undefined, depth = 0): StaticValue | typeof NOT_STATIC {
  if (!node || depth > MAX_DEPTH) return NOT_STATIC;
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.Literal:
      if (n.value instanceof RegExp || typeof n.value === 'bigint') return NOT_STATIC;
      return n.value as StaticValue;
    case AST_NODE_TYPES.Identifier: {
      if (n.name === 'undefined') return undefined;
      const init = resolveConstInit(sourceCode, n);
      return init ? getStaticValue(sourceCode, init, depth + 1) : NOT_STATIC;
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      let out = '';
      for (let i = 0; i < n.quasis.length; i++) {
        out += n.quasis[i]!.value.cooked ?? n.quasis[i]!.value.raw;
        const expr = n.expressions[i];
        if (expr) {
          const v = getStaticValue(sourceCode, expr, depth + 1);
          if (v === NOT_STATIC) return NOT_STATIC;
          out += String(v);
        }
      }
      return out;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (n.left.type === AST_NODE_TYPES.PrivateIdentifier) return NOT_STATIC;
      const l = getStaticValue(sourceCode, n.left, depth + 1);
      if (l === NOT_STATIC) return NOT_STATIC;
      const r = getStaticValue(sourceCode, n.right, depth + 1);
      if (r === NOT_STATIC) return NOT_STATIC;
      switch (n.operator) {
        case '+':
          return typeof l === 'number' && typeof r === 'number' ? l + r : String(l) + String(r);
        case '*':
          return Number(l) * Number(r);
        case '-':
          return Number(l) - Number(r);
        case '/':
          return Number(l) / Number(r);
        case '**':
          return Number(l) ** Number(r);
        default:
          return NOT_STATIC;
      }
    }
    case AST_NODE_TYPES.UnaryExpression: {
      const v = getStaticValue(sourceCode, n.argument, depth + 1);
      if (v === NOT_STATIC) return NOT_STATIC;
      if (n.operator === '-') return -Number(v);
      if (n.operator === '+') return Number(v);
      if (n.operator === '!') return !v;
      return NOT_STATIC;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const obj = getObjectLiteral(sourceCode, n.object);
      const name = propertyName(n);
      if (!obj || name === null) return NOT_STATIC;
      const prop = getProperty(sourceCode, obj, name);
      return prop ? getStaticValue(sourceCode, prop, depth + 1) : NOT_STATIC;
    }
    default:
      return NOT_STATIC;
  }
}

export function getStaticString(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): string | null {
  const v = getStaticValue(sourceCode, node);
  return typeof v === 'string' ? v : null;
}

export function getStaticNumber(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): number | null {
  const v = getStaticValue(sourceCode, node);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

/** The object literal an expression is or stands for (through const bindings), or null. */
export function getObjectLiteral(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): TSESTree.ObjectExpression | null {
  if (!node) return null;
  const n = resolveExpression(sourceCode, node);
  return n.type === AST_NODE_TYPES.ObjectExpression ? n : null;
}

/**
 * The value node of property `name` in an object literal; later properties win, as at run time.
 * Spreads of const object literals are searched too. Returns null when absent.
 * `undefined` (the JS value) is never returned: a computed/unknown spread makes the answer unknown,
 * which callers treat as "maybe present" via `hasUnknownSpread`.
 */
export function getProperty(sourceCode: SourceCode, obj: TSESTree.ObjectExpression, name: string, depth = 0): TSESTree.Node | null {
  if (depth > MAX_DEPTH) return null;
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i]!;
    if (p.type === AST_NODE_TYPES.Property) {
      if (propertyName(p) === name) return p.value;
    } else if (p.type === AST_NODE_TYPES.SpreadElement) {
      const inner = getObjectLiteral(sourceCode, p.argument);
      if (inner) {
        const found = getProperty(sourceCode, inner, name, depth + 1);
        if (found) return found;
      }
    }
  }
  return null;
}

/** True when the object has a spread we cannot see into (so an absent key may still be set). */
export function hasUnknownSpread(sourceCode: SourceCode, obj: TSESTree.ObjectExpression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  return obj.properties.some((p) => {
    if (p.type !== AST_NODE_TYPES.SpreadElement) return false;
    const inner = getObjectLiteral(sourceCode, p.argument);
    return !inner || hasUnknownSpread(sourceCode, inner, depth + 1);
  });
}

/** Dotted name of a callee/member chain: `res.status(500).json` → null, `app.get` → 'app.get'. */
export function memberChainName(node: TSESTree.Node): string | null {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    const base = memberChainName(n.object);
    return name !== null && base !== null ? `${base}.${name}` : null;
  }
  return null;
}

/** Split an identifier into lower-case words: `sessionId` → ['session','id'], `API_KEY` → ['api','key']. */
export const splitWords: (name: string) => readonly string[] = memoByName(
  (name) =>
    (tooLongToJudge(name, 'identifier') ? '' : name)
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase()),
  10_000,
);
