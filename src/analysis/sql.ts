/**
 * Raw SQL text classification, shared by the data-access model and every rule that looks at SQL.
 *
 * `sqlTextOf(sourceCode, node)` reconstructs the text of a SQL argument (string literal, template
 * literal, `+` concatenation, const bindings), with `?` standing in for every non-static piece.
 * `classifySql(text)` reads the statement's leading keyword (after comments, parentheses and CTEs)
 * and answers read/write, the kind of operation and whether a read is bounded.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { extendedStringStart, resolveConstInit, unwrap } from './values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type DbKind =
  | 'create' // insert/create/save of a new record (upserts excluded)
  | 'upsert'
  | 'update'
  | 'delete'
  | 'ddl' // DROP/ALTER/CREATE TABLE…
  | 'list' // multi-row read
  | 'single' // single-row read
  | 'aggregate' // COUNT/SUM… without GROUP BY, or a scalar read
  | 'other';

export interface SqlInfo {
  operation: 'read' | 'write' | 'unknown';
  kind: DbKind;
  /** Leading statement keyword, upper case (`SELECT`, `INSERT`, `WITH`…). */
  keyword: string;
  /** For reads: LIMIT/FETCH/TOP present, or the text has dynamic parts that may add one. */
  bounded: boolean;
}

export interface SqlText {
  /** The text with `?` in place of every non-static part. */
  text: string;
  /** True when every part was static. */
  complete: boolean;
}

const MAX_DEPTH = 6;

/** Text of a SQL-carrying expression, or null when it has no static part to read. */
export function sqlTextOf(sourceCode: SourceCode, node: TSESTree.Node | null | undefined, depth = 0): SqlText | null {
  if (!node || depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  switch (n.type) {
    case AST_NODE_TYPES.Literal:
      return typeof n.value === 'string' ? { text: n.value, complete: true } : null;
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = '';
      let complete = true;
      for (let i = 0; i < n.quasis.length; i++) {
        text += n.quasis[i]!.value.cooked ?? n.quasis[i]!.value.raw;
        const expr = n.expressions[i];
        if (expr) {
          const inner = sqlTextOf(sourceCode, expr, depth + 1);
          if (inner) {
            text += inner.text;
            complete &&= inner.complete;
          } else {
            text += '?';
            complete = false;
          }
        }
      }
      return { text, complete };
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (n.operator !== '+') return null;
      const l = sqlTextOf(sourceCode, n.left, depth + 1);
      const r = sqlTextOf(sourceCode, n.right, depth + 1);
      if (!l && !r) return null;
      return {
        text: (l ? l.text : '?') + (r ? r.text : '?'),
        complete: !!l && !!r && l.complete && r.complete,
      };
    }
    case AST_NODE_TYPES.Identifier: {
      const init = resolveConstInit(sourceCode, n);
      if (init) return sqlTextOf(sourceCode, init, depth + 1);
      // `let q = 'SELECT …'; if (x) q += …`: the statement keeps the first value's leading text.
      const built = extendedStringStart(sourceCode, n);
      const start = built ? sqlTextOf(sourceCode, built.start, depth + 1) : null;
      if (!start) return null;
      return built!.extended ? { text: `${start.text} ?`, complete: false } : start;
    }
    default:
      return null;
  }
}

const READ_KEYWORDS = new Set(['SELECT', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC', 'VALUES', 'TABLE']);
const WRITE_KEYWORDS: Record<string, DbKind> = {
  INSERT: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  MERGE: 'upsert',
  REPLACE: 'upsert',
  UPSERT: 'upsert',
  DROP: 'ddl',
  ALTER: 'ddl',
  TRUNCATE: 'delete',
  CREATE: 'ddl',
};
const OTHER_KEYWORDS = new Set([
  'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'SET', 'CALL', 'EXEC', 'EXECUTE', 'PRAGMA',
  'GRANT', 'REVOKE', 'ANALYZE', 'VACUUM', 'LOCK', 'USE', 'START', 'LISTEN', 'NOTIFY', 'DECLARE',
]);

const AGGREGATES = /^(?:count|sum|avg|min|max|bool_and|bool_or|every|bit_and|bit_or|stddev\w*|variance|var_\w+|array_agg|string_agg|json_agg|jsonb_agg|json_object_agg|group_concat|listagg|exists|not\s+exists)$/i;

/**
 * The statement with comments removed, string literals and the contents of parentheses blanked,
 * so keyword searches only see the top level.
 */
export function topLevelSql(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      out += ' ';
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
      out += ' ';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1);
      const stop = end === -1 ? text.length : end;
      // Identifiers in double quotes / backticks stay readable; string contents do not.
      out += depth === 0 ? (c === "'" ? "''" : text.slice(i, stop + 1)) : ' ';
      i = stop;
      continue;
    }
    if (c === '(') {
      if (depth === 0) out += '(';
      depth++;
      continue;
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) out += ')';
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

/**
 * A quote, then spaces or parentheses, then what SQL text can open with (see looksLikeSql and
 * topLevelSql: a statement keyword, or a comment before it). Linear: the spaces after one quote
 * end at the next character that is not one.
 */
const SQL_OPENING = /['"`][\s(]*(?:SELECT|WITH|INSERT|UPDATE|DELETE|MERGE|REPLACE|UPSERT|DROP|CREATE|ALTER|TRUNCATE|\/\*|--)/i;
const sqlOpenings = new WeakMap<object, boolean>();

/**
 * Whether some string or template of this file can open SQL text. Text that looksLikeSql starts
 * with a statement keyword, and sqlTextOf builds it from this file's own literals: a file without
 * such an opening builds no SQL, and asking about each argument of each call there (resolving
 * identifiers, which makes the engine analyse the file's scopes) is skipped.
 */
export function mayHoldSqlText(sourceCode: SourceCode): boolean {
  let v = sqlOpenings.get(sourceCode.ast);
  if (v === undefined) {
    v = SQL_OPENING.test(sourceCode.text);
    sqlOpenings.set(sourceCode.ast, v);
  }
  return v;
}

/** The leading keywords looksLikeSql accepts. */
const STATEMENT_KEYWORDS = new Set(['SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'REPLACE', 'UPSERT', 'DROP', 'CREATE', 'ALTER', 'TRUNCATE']);

/** Does a string look like the start of a SQL statement (used to recognise untracked drivers)? */
export function looksLikeSql(text: string): boolean {
  // Text that opens with a word opens its top level with that same word. Most strings asked about
  // are keys and names (`config.get('url')`), not statements: they stop here.
  const lead = /^\s*([A-Za-z]+)\b/.exec(text);
  if (lead && !STATEMENT_KEYWORDS.has(lead[1]!.toUpperCase())) return false;
  const top = topLevelSql(text).trimStart().replace(/^\(+\s*/, '');
  const m = /^([A-Za-z]+)\b/.exec(top);
  if (!m) return false;
  const kw = m[1]!.toUpperCase();
  switch (kw) {
    case 'SELECT':
      return /\bFROM\b/i.test(top) || /^SELECT\s+\S/i.test(top);
    case 'WITH':
      return /\bAS\s*\(/i.test(top) && /\b(SELECT|INSERT|UPDATE|DELETE)\b/i.test(top);
    case 'INSERT':
      return /^INSERT\s+(?:IGNORE\s+)?INTO\b/i.test(top);
    case 'UPDATE':
      return /^UPDATE\s+\S.*\bSET\b/is.test(top);
    case 'DELETE':
      return /^DELETE\s+FROM\b/i.test(top);
    case 'MERGE':
      return /^MERGE\s+INTO\b/i.test(top);
    case 'REPLACE':
      return /^REPLACE\s+INTO\b/i.test(top);
    case 'UPSERT':
      return /^UPSERT\s+INTO\b/i.test(top);
    case 'DROP':
    case 'CREATE':
    case 'ALTER':
      return /^(?:DROP|CREATE|ALTER)\s+(?:OR\s+REPLACE\s+)?(?:UNIQUE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:TABLE|INDEX|VIEW|SCHEMA|DATABASE|SEQUENCE|TRIGGER|FUNCTION|PROCEDURE|TYPE|EXTENSION|MATERIALIZED)\b/i.test(top);
    case 'TRUNCATE':
      return /^TRUNCATE\s+(?:TABLE\s+)?\S/i.test(top);
    default:
      return false;
  }
}

/**
 * `WHERE [t.]id = <value>` with no `OR` after it. The regex this replaces checked "no OR after"
 * with a `(?![^]*\bOR\b)` lookahead that rescans to the end from each candidate (quadratic): here
 * the last candidate's end is compared with the last `OR` once.
 */
export function isSingleRowWhere(top: string): boolean {
  let end = -1;
  for (const m of top.matchAll(/\bWHERE\s+["`]?(?:\w+["`]?\.["`]?)?(?:id|uuid)["`]?\s*=\s*(?:\$\d+|\?|:\w+|@\w+|''|\d+)/gi)) {
    end = m.index + m[0].length;
  }
  if (end === -1) return false;
  let lastOr = -1;
  for (const m of top.matchAll(/\bOR\b/gi)) lastOr = m.index;
  return lastOr < end;
}

/**
 * `ON DUPLICATE KEY UPDATE`, or `ON CONFLICT … DO UPDATE`. The conflict form is two searches from
 * the first `ON CONFLICT` rather than one `ON CONFLICT[\s\S]*DO UPDATE` regex, which rescans the
 * rest of the text from every `ON CONFLICT` (quadratic).
 */
function isUpsert(text: string): boolean {
  if (/\bON\s+DUPLICATE\s+KEY\s+UPDATE\b/i.test(text)) return true;
  const conflict = /\bON\s+CONFLICT\b/gi;
  if (!conflict.exec(text)) return false;
  const doUpdate = /\bDO\s+UPDATE\b/gi;
  doUpdate.lastIndex = conflict.lastIndex;
  return doUpdate.test(text);
}

/** Classify a SQL statement by its leading keyword, or null when the text is not SQL. */
export function classifySql(text: string, complete = true): SqlInfo | null {
  // `(SELECT …) UNION (SELECT …)`: drop leading parentheses before blanking nested ones.
  const stripped = text.replace(/^(?:\s|\()+/, '');
  const top = topLevelSql(stripped).trim();
  const m = /^([A-Za-z]+)\b/.exec(top);
  if (!m) return null;
  let keyword = m[1]!.toUpperCase();
  let body = top;
  if (keyword === 'WITH') {
    // The statement after the CTE list decides; a data-modifying CTE makes the whole thing a write.
    const inner = /\b(INSERT|UPDATE|DELETE|MERGE)\b/i.exec(text);
    if (inner) {
      return { operation: 'write', kind: WRITE_KEYWORDS[inner[1]!.toUpperCase()]!, keyword, bounded: true };
    }
    const sel = /\bSELECT\b/i.exec(top);
    if (!sel) return null;
    body = top.slice(sel.index);
    keyword = 'WITH';
  }
  const write = WRITE_KEYWORDS[keyword];
  if (write) {
    let kind = write;
    if (keyword === 'INSERT' && isUpsert(text)) kind = 'upsert';
    return { operation: 'write', kind, keyword, bounded: true };
  }
  if (OTHER_KEYWORDS.has(keyword)) return { operation: 'unknown', kind: 'other', keyword, bounded: true };
  if (!READ_KEYWORDS.has(keyword) && keyword !== 'WITH') return null;
  if (keyword !== 'SELECT' && keyword !== 'WITH') return { operation: 'read', kind: 'other', keyword, bounded: true };
  return { operation: 'read', ...classifySelect(body, complete), keyword };
}

function classifySelect(top: string, complete: boolean): { kind: DbKind; bounded: boolean } {
  const hasLimit = /\bLIMIT\b|\bFETCH\s+(?:FIRST|NEXT)\b|^SELECT\s+(?:DISTINCT\s+)?TOP\b|\bROWNUM\s*<=?/i.test(top);
  // A dynamic part (`'SELECT … ' + clause`) may carry the LIMIT: unknown counts as bounded.
  const bounded = hasLimit || !complete;
  const groupBy = /\bGROUP\s+BY\b/i.test(top);
  const fromIdx = top.search(/\bFROM\b/i);
  if (fromIdx === -1) return { kind: 'single', bounded: true };
  if (!groupBy) {
    const list = top.slice(top.search(/\bSELECT\b/i) + 6, fromIdx).replace(/^\s*DISTINCT\b/i, '');
    const items = list.split(',').map((s) => s.trim()).filter(Boolean);
    const aggregateOnly =
      items.length > 0 &&
      items.every((item) => {
        const fm = /^([A-Za-z_]+(?:\s+[A-Za-z_]+)?)\s*\(\s*\)(?:\s*::\s*\w+)?(?:\s+(?:AS\s+)?["`]?\w+["`]?)?$/i.exec(item);
        return !!fm && AGGREGATES.test(fm[1]!);
      });
    if (aggregateOnly) return { kind: 'aggregate', bounded: true };
  }
  if (!groupBy && isSingleRowWhere(top)) {
    return { kind: 'single', bounded: true };
  }
  return { kind: 'list', bounded };
}
