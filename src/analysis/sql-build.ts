/**
 * How SQL text is built: the non-constant pieces spliced into a query string (concatenation,
 * template interpolation, `.concat()`, `.join()`, `format()`, `.replace()`), followed through
 * bindings and `+=`; escapers, numbers and same-file constant-only helper parameters are safe.
 * Shared by require-parameterized-queries and the project model's parameter summaries (a
 * `run(sql)` helper is judged where the SQL text is built).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from './imports.js';
import { looksLikeSql, sqlTextOf } from './sql.js';
import { getObjectLiteral, getProperty, getStaticString, getStaticValue, NOT_STATIC, unwrap } from './values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

const MAX_DEPTH = 8;

/** How a string got its dynamic part, for the message. */
export type How = 'concatenation' | 'template interpolation' | '.concat()' | '.join()' | 'format()' | '.replace()';

export interface DynamicPart {
  node: Node;
  how: How;
}

// Calls whose result is safe to splice: escapers/quoters and numeric coercions.
const ESCAPERS = new Set([
  'escape', 'escapeId', 'escapeIdentifier', 'escapeLiteral', 'quoteIdentifier', 'quoteLiteral', 'quote', 'ident', 'literal',
  'name', 'alias', // pg-promise `pgp.as.name()` / `as.alias()`
  'ref', // knex `knex.ref('col')` quotes an identifier
]);
const NUMERIC = new Set(['Number', 'parseInt', 'parseFloat', 'Math', 'BigInt']);
// Members/methods whose result is a number or a date string; `push` returns the new length, as in
// the pg idiom `` `$${values.push(v)}` ``.
const NUMERIC_METHODS = new Set(['toFixed', 'length', 'size', 'getTime', 'valueOf', 'toISOString', 'push', 'unshift', 'indexOf']);

export function calleeName(call: TSESTree.CallExpression): string | null {
  const c = unwrap(call.callee);
  if (c.type === AST_NODE_TYPES.Identifier) return c.name;
  if (c.type === AST_NODE_TYPES.MemberExpression) return propertyName(c);
  return null;
}

function calleeRoot(call: TSESTree.CallExpression): string | null {
  let c: Node = unwrap(call.callee);
  while (c.type === AST_NODE_TYPES.MemberExpression) c = c.object;
  return c.type === AST_NODE_TYPES.Identifier ? c.name : null;
}

/**
 * Format strings: which arguments land unescaped. pg-format `%I`/`%L` escape, `%s` does not;
 * mysql/sqlstring `format(sql, values)` fills `?` with escaped values.
 */
function unsafeFormatArgs(sourceCode: SourceCode, call: TSESTree.CallExpression): Node[] | null {
  const fmt = getStaticString(sourceCode, call.arguments[0]);
  if (fmt === null) return null;
  const args = call.arguments.slice(1);
  if (!fmt.includes('%')) return []; // `?` placeholders: escaped by the library
  const out: Node[] = [];
  let i = 0;
  for (const m of fmt.matchAll(/%(\d+\$)?([%sdifjoOILQ])/g)) {
    if (m[2] === '%') continue;
    const arg = m[1] ? args[Number(m[1].slice(0, -1)) - 1] : args[i++];
    if (arg && (m[2] === 's' || m[2] === 'j' || m[2] === 'o' || m[2] === 'O')) out.push(arg);
  }
  return out;
}

export class SqlBuildAnalysis {
  private readonly seen = new Set<Node>();
  constructor(private readonly sourceCode: SourceCode) {}

  /** Whether an expression's value is constant or safe to splice into SQL text. */
  private isSafeValue(node: Node, depth: number): boolean {
    const n = unwrap(node);
    if (getStaticValue(this.sourceCode, n) !== NOT_STATIC) return true;
    if (n.type === AST_NODE_TYPES.TaggedTemplateExpression) return true;
    if (n.type === AST_NODE_TYPES.UnaryExpression && (n.operator === '+' || n.operator === '-')) return true;
    if (n.type === AST_NODE_TYPES.BinaryExpression && ['-', '*', '/', '%', '**'].includes(n.operator)) return true;
    if (n.type === AST_NODE_TYPES.MemberExpression && NUMERIC_METHODS.has(propertyName(n) ?? '')) return true;
    // TypeScript enum members are compile-time constants (`Table.Users`).
    if (n.type === AST_NODE_TYPES.MemberExpression && n.object.type === AST_NODE_TYPES.Identifier) {
      const v = this.variableOf(n.object);
      if (v?.defs[0]?.type === 'TSEnumName') return true;
    }
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(n);
      const root = calleeRoot(n);
      if (name && ESCAPERS.has(name) && n.callee.type === AST_NODE_TYPES.MemberExpression) return true;
      if (name === 'escapeId' || name === 'escapeIdentifier' || name === 'escapeLiteral') return true;
      if (root && NUMERIC.has(root)) return true;
      if (name && NUMERIC_METHODS.has(name)) return true;
      if (name === 'format') {
        const unsafe = unsafeFormatArgs(this.sourceCode, n);
        // util.format is plain replacement; pg-format / mysql format escape.
        return unsafe !== null && unsafe.every((a) => this.isSafeValue(a, depth + 1));
      }
      // `ids.map(() => '?').join(',')`, `ids.map((_, i) => '$' + (i + 1)).join(', ')`, `Array(n).fill('?').join()`.
      if (name === 'join' && n.callee.type === AST_NODE_TYPES.MemberExpression) {
        return this.isPlaceholderList(n.callee.object, depth + 1);
      }
    }
    return false;
  }

  private isPlaceholderList(node: Node, depth: number): boolean {
    const n = unwrap(node);
    if (n.type !== AST_NODE_TYPES.CallExpression || n.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = propertyName(n.callee);
    if (name === 'fill') return n.arguments[0] !== undefined && this.isSafeValue(n.arguments[0], depth + 1);
    if (name !== 'map') return false;
    const cb = n.arguments[0];
    if (!cb || (cb.type !== AST_NODE_TYPES.ArrowFunctionExpression && cb.type !== AST_NODE_TYPES.FunctionExpression)) return false;
    const indexParam = cb.params[1]?.type === AST_NODE_TYPES.Identifier ? cb.params[1].name : null;
    const ret = cb.body.type === AST_NODE_TYPES.BlockStatement
      ? cb.body.body.find((s): s is TSESTree.ReturnStatement => s.type === AST_NODE_TYPES.ReturnStatement)?.argument
      : cb.body;
    if (!ret) return false;
    // The returned string may only mix constants with the index.
    const parts = this.dynamicParts(ret, depth + 1);
    return parts.every((p) => {
      const pn = unwrap(p.node);
      if (pn.type === AST_NODE_TYPES.Identifier && pn.name === indexParam) return true;
      return pn.type === AST_NODE_TYPES.BinaryExpression && this.sourceCode.getText(pn).includes(indexParam ?? '\u0000');
    });
  }

  /** `xs.map((x, i) => `…${x}…`)`: the pieces the callback splices in (the index is a number). */
  private mappedParts(node: Node, depth: number): DynamicPart[] | null {
    const n = unwrap(node);
    if (n.type !== AST_NODE_TYPES.CallExpression || n.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(n.callee) !== 'map') return null;
    const cb = n.arguments[0];
    if (!cb || (cb.type !== AST_NODE_TYPES.ArrowFunctionExpression && cb.type !== AST_NODE_TYPES.FunctionExpression)) return null;
    const indexParam = cb.params[1]?.type === AST_NODE_TYPES.Identifier ? cb.params[1].name : null;
    const ret = cb.body.type === AST_NODE_TYPES.BlockStatement
      ? cb.body.body.find((st): st is TSESTree.ReturnStatement => st.type === AST_NODE_TYPES.ReturnStatement)?.argument
      : cb.body;
    if (!ret) return null;
    return this.dynamicParts(ret, depth + 1, '.join()').filter((p) => {
      const pn = unwrap(p.node);
      return !(indexParam && (pn.type === AST_NODE_TYPES.Identifier ? pn.name === indexParam : this.sourceCode.getText(pn).includes(indexParam)));
    });
  }

  /**
   * The non-constant pieces spliced into a string expression. An identifier is followed through
   * its declaration and every later assignment (`sql += …`) in scope.
   */
  dynamicParts(node: Node, depth = 0, how: How = 'concatenation'): DynamicPart[] {
    if (depth > MAX_DEPTH) return [];
    const n = unwrap(node);
    switch (n.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return [];
      case AST_NODE_TYPES.TemplateLiteral:
        return n.expressions.flatMap((e) => this.partOf(e, depth, 'template interpolation'));
      case AST_NODE_TYPES.BinaryExpression:
        if (n.operator !== '+') return this.isSafeValue(n, depth) ? [] : [{ node: n, how }];
        return [...this.partOf(n.left as Node, depth, 'concatenation'), ...this.partOf(n.right, depth, 'concatenation')];
      case AST_NODE_TYPES.ConditionalExpression:
        return [...this.dynamicParts(n.consequent, depth + 1, how), ...this.dynamicParts(n.alternate, depth + 1, how)];
      case AST_NODE_TYPES.LogicalExpression:
        return [...this.dynamicParts(n.left, depth + 1, how), ...this.dynamicParts(n.right, depth + 1, how)];
      case AST_NODE_TYPES.Identifier:
        return this.identifierParts(n, depth, how);
      case AST_NODE_TYPES.MemberExpression: {
        if (this.isSafeValue(n, depth)) return [];
        // `scope.sql` where `const scope = { sql: … }` in the file: judge the property's value.
        const obj = n.object.type === AST_NODE_TYPES.Identifier ? getObjectLiteral(this.sourceCode, n.object) : null;
        const name = propertyName(n);
        const value = obj && name ? getProperty(this.sourceCode, obj, name) : null;
        return value ? this.dynamicParts(value, depth + 1, how) : [{ node: n, how }];
      }
      case AST_NODE_TYPES.CallExpression: {
        if (this.isSafeValue(n, depth)) return [];
        const name = calleeName(n);
        const callee = n.callee;
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          if (name === 'concat') {
            return [...this.dynamicParts(callee.object, depth + 1, how), ...n.arguments.flatMap((a) => this.partOf(a, depth, '.concat()'))];
          }
          if (name === 'join') {
            let arr = unwrap(callee.object);
            // `[…].filter(Boolean).join(' ')`: the elements are still the array's.
            while (
              arr.type === AST_NODE_TYPES.CallExpression &&
              arr.callee.type === AST_NODE_TYPES.MemberExpression &&
              ['filter', 'slice', 'reverse', 'sort', 'flat'].includes(propertyName(arr.callee) ?? '')
            ) {
              arr = unwrap(arr.callee.object);
            }
            const mapped = this.mappedParts(arr, depth);
            if (mapped) return mapped;
            if (arr.type === AST_NODE_TYPES.ArrayExpression) {
              return arr.elements.flatMap((e) => (e && e.type !== AST_NODE_TYPES.SpreadElement ? this.partOf(e, depth, '.join()') : []));
            }
            const resolved = arr.type === AST_NODE_TYPES.Identifier ? this.arrayParts(arr, depth) : null;
            if (resolved) return resolved;
            return [{ node: n, how: '.join()' }];
          }
          if (name === 'replace' || name === 'replaceAll') {
            return [...this.dynamicParts(callee.object, depth + 1, how), ...(n.arguments[1] ? this.partOf(n.arguments[1], depth, '.replace()') : [])];
          }
          if (name === 'trim' || name === 'toUpperCase' || name === 'toLowerCase' || name === 'toString') {
            return this.dynamicParts(callee.object, depth + 1, how);
          }
        }
        if (name === 'format') {
          const unsafe = unsafeFormatArgs(this.sourceCode, n);
          // A template we cannot read may well be pg-format's escaping `%L`/`%I`: not judged.
          return unsafe ? unsafe.flatMap((a) => this.partOf(a, depth, 'format()')) : [];
        }
        return [{ node: n, how }];
      }
      default:
        return this.isSafeValue(n, depth) ? [] : [{ node: n, how }];
    }
  }

  /** A piece inside a string being built: safe, a nested string build, or a dynamic part. */
  private partOf(node: Node, depth: number, how: How): DynamicPart[] {
    const n = unwrap(node);
    if (this.isSafeValue(n, depth + 1)) return [];
    if (
      n.type === AST_NODE_TYPES.TemplateLiteral ||
      (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') ||
      n.type === AST_NODE_TYPES.ConditionalExpression ||
      n.type === AST_NODE_TYPES.Identifier ||
      n.type === AST_NODE_TYPES.MemberExpression ||
      n.type === AST_NODE_TYPES.CallExpression
    ) {
      const inner = this.dynamicParts(n, depth + 1, how);
      // An identifier we cannot see into is itself the dynamic part.
      return inner;
    }
    return [{ node: n, how }];
  }

  private variableOf(node: TSESTree.Identifier): TSESLint.Scope.Variable | null {
    for (let s: TSESLint.Scope.Scope | null = this.sourceCode.getScope(node); s; s = s.upper) {
      const v = s.set.get(node.name);
      if (v) return v;
    }
    return null;
  }

  private identifierParts(n: TSESTree.Identifier, depth: number, how: How): DynamicPart[] {
    const variable = this.variableOf(n);
    const def = variable?.defs[0];
    if (variable && def?.type === 'Parameter' && this.parameterAlwaysConstant(variable, def.node)) return [];
    if (!variable || !def || def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) {
      return [{ node: n, how }];
    }
    // `let q; q = 'SELECT …'; q += …`: without an initializer the assignments below are the value.
    if (!def.node.init && !variable.references.some((r) => r.isWrite() && r.writeExpr)) return [{ node: n, how }];
    if (this.seen.has(def.node)) return [];
    this.seen.add(def.node);
    const out = def.node.init ? this.dynamicParts(def.node.init, depth + 1, how) : [];
    for (const ref of variable.references) {
      if (!ref.isWrite() || ref.init === true || !ref.writeExpr) continue;
      const assign = ref.writeExpr.parent;
      out.push(...this.dynamicParts(ref.writeExpr, depth + 1, assign?.type === AST_NODE_TYPES.AssignmentExpression && assign.operator === '+=' ? 'concatenation' : how));
    }
    this.seen.delete(def.node);
    return out;
  }

  /**
   * A parameter of a same-file, non-exported helper whose every call passes a constant there
   * (`const bindTo = (alias) => …; bindTo('name_binding')`): as constant as an inline literal.
   */
  private parameterAlwaysConstant(variable: TSESLint.Scope.Variable, fn: Node): boolean {
    if (variable.references.some((r) => r.isWrite())) return false;
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) return false;
    const index = fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === variable.name);
    if (index < 0) return false;
    let binding: TSESTree.Identifier | null = null;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) binding = fn.id;
    else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier) binding = fn.parent.id;
    if (!binding) return false;
    const decl = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent?.parent;
    if (decl?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || decl?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return false;
    const fnVar = this.variableOf(binding);
    if (!fnVar || fnVar.references.length === 0) return false;
    return fnVar.references.every((ref) => {
      if (ref.init) return true;
      const call = ref.identifier.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier) return false;
      const arg = call.arguments[index];
      return !!arg && arg.type !== AST_NODE_TYPES.SpreadElement && getStaticValue(this.sourceCode, arg) !== NOT_STATIC;
    });
  }

  /** `const parts = ['a', x]; … parts.push(y); parts.join(' ')`: the elements and pushed values. */
  private arrayParts(n: TSESTree.Identifier, depth: number): DynamicPart[] | null {
    const variable = this.variableOf(n);
    const def = variable?.defs[0];
    if (!variable || !def || def.type !== 'Variable' || !def.node.init) return null;
    const init = unwrap(def.node.init);
    if (init.type !== AST_NODE_TYPES.ArrayExpression) return null;
    const out: DynamicPart[] = init.elements.flatMap((e) => (e && e.type !== AST_NODE_TYPES.SpreadElement ? this.partOf(e, depth, '.join()') : []));
    for (const ref of variable.references) {
      const member = ref.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) continue;
      const call = member.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
      const m = propertyName(member);
      if (m === 'push' || m === 'unshift') out.push(...call.arguments.flatMap((a) => this.partOf(a, depth, '.join()')));
    }
    return out;
  }
}

/** The top-level SQL argument is a string *being built here* (not a parameter we cannot see). */
export function isBuiltString(sourceCode: SourceCode, node: Node, depth = 0): boolean {
  if (depth > 4) return false;
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.TemplateLiteral:
      return n.expressions.length > 0;
    case AST_NODE_TYPES.BinaryExpression:
      return n.operator === '+';
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(n);
      return name === 'concat' || name === 'join' || name === 'format' || name === 'replace' || name === 'replaceAll';
    }
    case AST_NODE_TYPES.Identifier: {
      let variable: TSESLint.Scope.Variable | null = null;
      for (let s: TSESLint.Scope.Scope | null = sourceCode.getScope(n); s && !variable; s = s.upper) variable = s.set.get(n.name) ?? null;
      const def = variable?.defs[0];
      if (!variable || def?.type !== 'Variable') return false;
      if (def.node.init && isBuiltString(sourceCode, def.node.init, depth + 1)) return true;
      // `let sql = 'SELECT …'; sql += …`
      return variable.references.some((r) => r.isWrite() && r.init !== true && r.writeExpr && isBuiltAssignment(sourceCode, r.writeExpr, depth));
    }
    default:
      return false;
  }
}

function isBuiltAssignment(sourceCode: SourceCode, writeExpr: Node, depth: number): boolean {
  const assign = writeExpr.parent;
  if (assign?.type === AST_NODE_TYPES.AssignmentExpression && assign.operator === '+=') return true;
  return isBuiltString(sourceCode, writeExpr, depth + 1);
}

export interface SqlTextProblem {
  /** The first dynamic piece (or the first carrying request data). */
  part: DynamicPart;
  /** The request read it carries (`req.query.id`), when it does. */
  source: string | null;
}

/**
 * The judgement of a SQL text argument: a string built here with a dynamic piece (request data
 * first), or null. `rawSql`: the sink takes plain text a log line could also be (a driver's
 * `query(text)`), so the text must read as SQL. `requestRead` names the request data a piece
 * carries (the shared request taint's answer, see src/analysis/taint/flow.ts `requestReadOf`);
 * without it no piece is labelled.
 */
export function sqlTextProblem(sourceCode: SourceCode, arg: Node, rawSql: boolean, requestRead?: (node: Node) => string | null): SqlTextProblem | null {
  if (!isBuiltString(sourceCode, arg)) return null;
  // Strings that are not SQL (`knex.raw` of a column expression is SQL; a log line is not).
  if (rawSql) {
    const text = sqlTextOf(sourceCode, arg);
    if (!text || !looksLikeSql(text.text)) return null;
  }
  const parts = new SqlBuildAnalysis(sourceCode).dynamicParts(arg);
  if (parts.length === 0) return null;
  if (requestRead) {
    for (const part of parts) {
      const source = requestRead(part.node);
      if (source) return { part, source };
    }
  }
  return { part: parts[0]!, source: null };
}
