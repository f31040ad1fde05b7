/**
 * Call chains (`knex('t').where(…).limit(10)`) split into links, and the DbOperation records
 * built from them. Shared by operations, instances and SQL sinks, which all read chains the same
 * way; SQL text arguments are judged here once for both classifyDbCall and getSqlSink.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { getObjectLiteral, getProperty, hasUnknownSpread, unwrap } from '../values.js';
import { type DbKind, classifySql, looksLikeSql, sqlTextOf } from '../sql.js';
import type { State } from './receivers.js';
import { DRIVER_SQL_METHODS, SINGLE_ROW_SQL_METHODS } from './tables/sql-clients.js';
import type { Call, DbLibrary, DbOperation, DbValue, Node } from './types.js';

export interface Link {
  call: Call;
  /** Member name for `x.name(...)`, null for a direct call `x(...)`. */
  name: string | null;
  /** Receiver of a member call, or the callee of a direct call. */
  object: Node;
}

/** Links of a call chain from the innermost call (root side) to `top`. */
export function chainLinks(top: Call): Link[] {
  const links: Link[] = [];
  let n: Node = top;
  for (let i = 0; i < 30 && n.type === AST_NODE_TYPES.CallExpression; i++) {
    const callee = unwrap(n.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      links.push({ call: n, name: propertyName(callee), object: callee.object });
      n = unwrap(callee.object);
      if (n.type === AST_NODE_TYPES.ChainExpression) n = n.expression;
    } else {
      links.push({ call: n, name: null, object: callee });
      break;
    }
  }
  return links.reverse();
}

/** The member name `call` is made with (`x.name(…)`), null for a direct call. */
export function calledName(call: Call): string | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
}

/** The method name of the call that continues the chain after `call`, if any. */
export function nextInChain(call: Call): string | null {
  let child: Node = call;
  let p = call.parent;
  if (p?.type === AST_NODE_TYPES.ChainExpression) {
    child = p;
    p = p.parent;
  }
  if (p?.type === AST_NODE_TYPES.MemberExpression && p.object === child) {
    const gp = p.parent;
    if (gp?.type === AST_NODE_TYPES.CallExpression && gp.callee === p) return propertyName(p);
  }
  return null;
}

function objectArg(s: State, node: Node | undefined): TSESTree.ObjectExpression | null | 'unknown' {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
  const obj = getObjectLiteral(s.sourceCode, node);
  if (obj) return obj;
  return 'unknown';
}

/** An option is present (or cannot be ruled out). */
export function hasOption(s: State, node: Node | undefined, names: readonly string[]): boolean {
  const obj = objectArg(s, node);
  if (obj === null) return false;
  if (obj === 'unknown') return true;
  if (hasUnknownSpread(s.sourceCode, obj)) return true;
  return names.some((n) => getProperty(s.sourceCode, obj, n) !== null);
}

export function isUpsertOption(s: State, node: Node | undefined): boolean {
  const obj = node && node.type !== AST_NODE_TYPES.SpreadElement ? getObjectLiteral(s.sourceCode, node) : null;
  if (!obj) return false;
  const v = getProperty(s.sourceCode, obj, 'upsert');
  return !!v && v.type === AST_NODE_TYPES.Literal && v.value === true;
}

function readKind(kind: DbKind): 'read' | 'write' {
  return kind === 'list' || kind === 'single' || kind === 'aggregate' ? 'read' : 'write';
}

export function op(
  library: DbLibrary,
  kind: DbKind,
  method: string,
  node: DbOperation['node'],
  extra: Partial<DbOperation> = {},
): DbOperation {
  return {
    library,
    operation: kind === 'other' ? 'unknown' : readKind(kind),
    kind,
    bounded: kind !== 'list',
    sql: null,
    method,
    node,
    chained: false,
    ...extra,
  };
}

export function sqlOp(s: State, library: DbLibrary, method: string, node: DbOperation['node'], arg: Node | undefined, defaultKind: DbKind = 'other'): DbOperation | null {
  let sqlNode = arg;
  if (arg && arg.type !== AST_NODE_TYPES.SpreadElement) {
    const obj = getObjectLiteral(s.sourceCode, arg);
    if (obj) sqlNode = getProperty(s.sourceCode, obj, 'text') ?? getProperty(s.sourceCode, obj, 'sql') ?? undefined;
  }
  const text = sqlTextOf(s.sourceCode, sqlNode);
  const info = text ? classifySql(text.text, text.complete) : null;
  if (!info) return op(library, defaultKind, method, node, { bounded: true, sql: text?.text ?? null });
  let kind = info.kind;
  if (info.operation === 'read' && SINGLE_ROW_SQL_METHODS.has(method) && kind === 'list') kind = 'single';
  return {
    library,
    operation: info.operation,
    kind,
    bounded: kind === 'list' ? info.bounded : true,
    sql: text!.text,
    method,
    node,
    chained: false,
  };
}

export function sqlLibraryOf(s: State, v: DbValue | null, method: string): DbLibrary | null {
  if (!v) return null;
  if (v.role === 'client' || v.role === 'request' || v.role === 'repository') {
    const methods = DRIVER_SQL_METHODS[v.library];
    if (methods?.has(method)) return v.library;
    if (v.role === 'request' && method === 'query') return 'mssql';
  }
  if (v.role === 'module' && v.library === 'mssql' && method === 'query') return 'mssql';
  return null;
}

/**
 * An argument that carries SQL text: its leading static part (through const bindings) is SQL.
 * Both classifyDbCall and getSqlSink ask it of the same first arguments (`config.get('key')`), and
 * the answer costs scope lookups, so it is kept per node.
 */
export function isSqlArgument(s: State, node: Node): boolean {
  let answer = s.sqlArguments.get(node);
  if (answer === undefined) {
    answer = computeIsSqlArgument(s, node);
    s.sqlArguments.set(node, answer);
  }
  return answer;
}

function computeIsSqlArgument(s: State, node: Node): boolean {
  if (node.type === AST_NODE_TYPES.SpreadElement) return false;
  const obj = getObjectLiteral(s.sourceCode, node);
  const target = obj ? getProperty(s.sourceCode, obj, 'text') ?? getProperty(s.sourceCode, obj, 'sql') : node;
  if (!target) return false;
  const text = sqlTextOf(s.sourceCode, target);
  return !!text && looksLikeSql(text.text);
}
