/**
 * Parameter summaries: which parameter of a function reaches a security sink, and which error
 * details it returns of its arguments — transitively, across the files of a project — so that a
 * helper is judged where it is called: `hash(data)` hashing with MD5 where a controller passes a
 * password, `decodeToken(token)` where middleware trusts it, `run(sql)` where a handler builds
 * the SQL from request data, `getErrorMessage(e)` where a response sends what it returns.
 *
 * Sinks are the per-file analysis's (src/analysis: password-hash, jwt, sql-build, data-access,
 * error-details), asked with the callee file's own context: one recognition, whichever file a
 * call is in. Each sink says whether its own file's rule already judges it (`judgedWhereWritten`:
 * the helper's own argument is a password, the helper's own SQL text is built there), so a caller
 * never reports the same problem again.
 *
 * Conventions follow summaries.ts: memoised per function node and, for files on disk, by path,
 * version and position (plain data only: no tree is kept alive by a summary); calls followed
 * MAX_SUMMARY_DEPTH deep; cycle-safe (a function met again while its own summary is being
 * computed contributes nothing).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getSqlSink } from '../analysis/data-access.js';
import { ERRORISH, findErrorDetails, type ErrorDetail, type ErrorDetailKind } from '../analysis/error-details.js';
import { getImportTracker, propertyName } from '../analysis/imports.js';
import { isAsymmetricKey, jwtCallKind, JWT_MODULES, mayVerifyJwt, usedForAuth } from '../analysis/jwt.js';
import { FAST_HASH_SOURCES, fastHashCall, isBreachCheckText, passwordArg } from '../analysis/password-hash.js';
import { calleeName, isBuiltString, SqlBuildAnalysis, sqlTextProblem } from '../analysis/sql-build.js';
import { unwrap } from '../analysis/values.js';
import { pushChildren } from '../analysis/walk.js';
import type { ProjectFile } from './files.js';
import type { FunctionNode, Project } from './modules.js';
import { callLabel, diskKey, type Hop } from './summaries.js';
import { SummaryMemo } from './summary-memo.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * - `weak-hash`: hashed with a fast digest (MD5, SHA-*);
 * - `jwt-decode`: the token of a `jwt.decode()` in a file that never verifies;
 * - `jwt-verify-options`: the options object of a `jwt.verify()` (algorithms, ignoreExpiration);
 * - `sql-text`: the whole SQL text of a raw query;
 * - `sql-splice`: spliced into SQL text built in the helper (its own file reports that).
 */
export type ParamSinkKind = 'weak-hash' | 'jwt-decode' | 'jwt-verify-options' | 'sql-text' | 'sql-splice';

export interface ParamSink {
  /** The parameter's position. */
  index: number;
  kind: ParamSinkKind;
  /** The sink as the message names it: `md5`, `jwt.decode`, `knex raw`. */
  what: string;
  /** Functions entered from the summarised function down to the sink (empty: in its own body). */
  hops: Hop[];
  /** A rule already reports it in a file of the chain: callers must not report it again. */
  judgedWhereWritten: boolean;
  /** weak-hash: the algorithm as the single-file message shows it, and `createHash`/the package. */
  alg?: string;
  fn?: string;
  module?: string;
  /** jwt-verify-options: the key is asymmetric (a missing algorithms list is then no finding). */
  asymmetricKey?: boolean;
  /** sql-text: the sink's library (`knex`, or `sql` for a driver's plain `query(text)`) and method. */
  library?: string;
  method?: string;
}

export interface ReturnedErrorDetail {
  /** The parameter whose details are returned. */
  index: number;
  kind: ErrorDetailKind;
  /** The expression returned, as written (`e.message`). */
  what: string;
  hops: Hop[];
}

export interface ParamSummary {
  /** At most one sink per parameter and kind: the shallowest. */
  sinks: readonly ParamSink[];
  /** At most one detail per parameter and kind. */
  errorDetails: readonly ReturnedErrorDetail[];
}

const MAX_NODES_PER_FUNCTION = 50_000;
const MAX_FLOW_DEPTH = 4;
const MAX_WHAT = 60;

const EMPTY: ParamSummary = { sinks: [], errorDetails: [] };
const memo = new SummaryMemo<ParamSummary>(EMPTY);

/**
 * A copy of a piece of source text owning its characters: a slice of the file's text may keep the
 * whole text alive, and summaries outlive the parsed file.
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function short(text: string): string {
  const t = text.slice(0, MAX_WHAT * 4).replace(/\s+/g, ' ');
  return detached(t.length > MAX_WHAT ? `${t.slice(0, MAX_WHAT - 1)}…` : t);
}

/** The position of the parameter `id` names, when `id` is a plain (or defaulted) parameter of `fn`. */
function paramIndexOf(sc: SourceCode, fn: FunctionNode, id: TSESTree.Identifier): number {
  let variable: TSESLint.Scope.Variable | null = null;
  for (let s: TSESLint.Scope.Scope | null = sc.getScope(id); s && !variable; s = s.upper) variable = s.set.get(id.name) ?? null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || def.node !== fn) return -1;
  // A reassigned parameter no longer holds the argument.
  if (variable!.references.some((r) => r.isWrite() && r.init !== true)) return -1;
  return fn.params.findIndex(
    (p) =>
      (p.type === AST_NODE_TYPES.Identifier && p.name === id.name) ||
      (p.type === AST_NODE_TYPES.AssignmentPattern && p.left.type === AST_NODE_TYPES.Identifier && p.left.name === id.name),
  );
}

function constInit(sc: SourceCode, id: TSESTree.Identifier): TSESTree.Expression | null {
  let variable: TSESLint.Scope.Variable | null = null;
  for (let s: TSESLint.Scope.Scope | null = sc.getScope(id); s && !variable; s = s.upper) variable = s.set.get(id.name) ?? null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
  if (def.parent?.kind !== 'const' && variable!.references.some((r) => r.isWrite() && r.init !== true)) return null;
  return def.node.init;
}

/** The parameter an expression is (directly or through const aliases and `await`), or -1. */
function directParam(sc: SourceCode, fn: FunctionNode, expr: TSESTree.Node | undefined, depth = 0): number {
  if (!expr || depth > MAX_FLOW_DEPTH) return -1;
  const n = unwrap(expr);
  if (n.type === AST_NODE_TYPES.AwaitExpression) return directParam(sc, fn, n.argument, depth + 1);
  if (n.type !== AST_NODE_TYPES.Identifier) return -1;
  const i = paramIndexOf(sc, fn, n);
  if (i >= 0) return i;
  const init = constInit(sc, n);
  return init ? directParam(sc, fn, init, depth + 1) : -1;
}

const TEXT_METHODS = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase', 'normalize', 'concat']);

/**
 * The parameters whose value an expression carries whole or as text (`p`, `` `${salt}${p}` ``,
 * `salt + p`, `String(p)`, `Buffer.from(p)`, `p.trim()`), not a property of them.
 */
function paramsCarried(sc: SourceCode, fn: FunctionNode, expr: TSESTree.Node | undefined | null, out: Set<number>, depth = 0): void {
  if (!expr || depth > MAX_FLOW_DEPTH) return;
  const n = unwrap(expr);
  switch (n.type) {
    case AST_NODE_TYPES.Identifier: {
      const i = paramIndexOf(sc, fn, n);
      if (i >= 0) out.add(i);
      else {
        const init = constInit(sc, n);
        if (init) paramsCarried(sc, fn, init, out, depth + 1);
      }
      return;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      for (const e of n.expressions) paramsCarried(sc, fn, e, out, depth + 1);
      return;
    case AST_NODE_TYPES.BinaryExpression:
      if (n.operator === '+') {
        paramsCarried(sc, fn, n.left as TSESTree.Node, out, depth + 1);
        paramsCarried(sc, fn, n.right, out, depth + 1);
      }
      return;
    case AST_NODE_TYPES.LogicalExpression:
      paramsCarried(sc, fn, n.left, out, depth + 1);
      paramsCarried(sc, fn, n.right, out, depth + 1);
      return;
    case AST_NODE_TYPES.ConditionalExpression:
      paramsCarried(sc, fn, n.consequent, out, depth + 1);
      paramsCarried(sc, fn, n.alternate, out, depth + 1);
      return;
    case AST_NODE_TYPES.AwaitExpression:
      paramsCarried(sc, fn, n.argument, out, depth + 1);
      return;
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(n.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String') paramsCarried(sc, fn, n.arguments[0], out, depth + 1);
      else if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(callee);
        const obj = unwrap(callee.object);
        if (name === 'from' && obj.type === AST_NODE_TYPES.Identifier && obj.name === 'Buffer') paramsCarried(sc, fn, n.arguments[0], out, depth + 1);
        else if (name && TEXT_METHODS.has(name)) paramsCarried(sc, fn, callee.object, out, depth + 1);
      }
      return;
    }
    default:
      return;
  }
}

function carried(sc: SourceCode, fn: FunctionNode, expr: TSESTree.Node | undefined): Set<number> {
  const out = new Set<number>();
  paramsCarried(sc, fn, expr, out);
  return out;
}

/** Kinds that need the parameter itself at the sink (an options object, a whole token, the whole SQL text). */
function needsWholeValue(kind: ParamSinkKind): boolean {
  return kind === 'jwt-decode' || kind === 'jwt-verify-options' || kind === 'sql-text';
}

function addSink(out: ParamSink[], sink: ParamSink): void {
  const i = out.findIndex((s) => s.index === sink.index && s.kind === sink.kind);
  if (i < 0) out.push(sink);
  else if (sink.hops.length < out[i]!.hops.length) out[i] = sink;
}

function addDetail(out: ReturnedErrorDetail[], d: ReturnedErrorDetail): void {
  const i = out.findIndex((x) => x.index === d.index && x.kind === d.kind);
  if (i < 0) out.push(d);
  else if (d.hops.length < out[i]!.hops.length) out[i] = d;
}

/**
 * Whether the rule of `kind` reports this call of a function of another file with `arg` at the
 * sink's position: then the problem is judged here, and callers further up must not repeat it.
 */
export function reportedAtCall(file: ProjectFile, call: TSESTree.CallExpression | TSESTree.NewExpression, arg: TSESTree.Node | undefined, sink: ParamSink): boolean {
  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return false;
  switch (sink.kind) {
    case 'weak-hash':
      return passwordArg(arg) !== null;
    case 'jwt-decode':
      return usedForAuth(call, false) && !mayVerifyJwt(file.sourceCode.text);
    case 'sql-text':
      return isBuiltString(file.sourceCode, arg) && sqlTextProblem(file.sourceCode, arg, true) !== null;
    default:
      return false;
  }
}

interface FileGates {
  hashes: boolean;
  jwt: boolean;
  breachCheck: boolean;
  verifies: boolean;
}

const fileGates = new WeakMap<object, FileGates>();

/** Asked once per parsed file (the text tests scan it whole). */
function gatesOf(file: ProjectFile): FileGates {
  let gates = fileGates.get(file.sourceCode.ast);
  if (!gates) {
    const tracker = getImportTracker(file.context);
    const text = file.sourceCode.text;
    gates = {
      hashes: tracker.usesAny(FAST_HASH_SOURCES),
      jwt: tracker.usesAny(JWT_MODULES),
      breachCheck: isBreachCheckText(text),
      verifies: mayVerifyJwt(text),
    };
    fileGates.set(file.sourceCode.ast, gates);
  }
  return gates;
}

/** Sinks of the node itself (not of functions it calls); true when the call is a sink. */
function ownSinks(file: ProjectFile, fn: FunctionNode, call: TSESTree.CallExpression, gates: FileGates, out: ParamSink[]): boolean {
  const sc = file.sourceCode;
  if (gates.hashes) {
    const tracker = getImportTracker(file.context);
    const digest = fastHashCall(tracker, sc, call);
    if (digest && digest !== 'other') {
      if (digest.data && !(/^sha-?1$/i.test(digest.alg) && gates.breachCheck)) {
        const judged = passwordArg(digest.data) !== null;
        for (const index of carried(sc, fn, digest.data)) {
          addSink(out, { index, kind: 'weak-hash', what: detached(digest.alg.toLowerCase()), hops: [], judgedWhereWritten: judged, alg: detached(digest.alg), ...(digest.fn ? { fn: digest.fn } : {}), ...(digest.module ? { module: digest.module } : {}) });
        }
      }
      return true;
    }
    if (digest === 'other') return true;
  }
  if (gates.jwt) {
    const kind = jwtCallKind(getImportTracker(file.context), call);
    if (kind === 'decode') {
      const index = directParam(sc, fn, call.arguments[0]);
      // A file that verifies somewhere is not judged (the single-file rule's own condition).
      if (index >= 0 && !gates.verifies) {
        addSink(out, { index, kind: 'jwt-decode', what: short(sc.getText(call.callee)), hops: [], judgedWhereWritten: usedForAuth(call) });
      }
      return true;
    }
    if (kind === 'verify') {
      const [, key, options] = call.arguments;
      const index = directParam(sc, fn, options);
      if (index >= 0) {
        const asymmetricKey = !key || key.type === AST_NODE_TYPES.SpreadElement || isAsymmetricKey(sc, key);
        addSink(out, { index, kind: 'jwt-verify-options', what: short(sc.getText(call.callee)), hops: [], judgedWhereWritten: false, asymmetricKey });
      }
      return true;
    }
    if (kind) return true;
  }
  const sink = getSqlSink(call, file.context);
  if (sink) {
    const arg = sink.sqlArg;
    const library = sink.library;
    const method = calleeName(call) ?? 'query';
    const what = detached(library === 'sql' ? `${method}()` : `${library} ${method}()`);
    const index = directParam(sc, fn, arg);
    if (index >= 0) {
      addSink(out, { index, kind: 'sql-text', what, hops: [], judgedWhereWritten: false, library, method: detached(method) });
    } else if (sqlTextProblem(sc, arg, library === 'sql')) {
      // The helper's own file reports SQL built from its parameter; recorded for the question, judged there.
      for (const part of new SqlBuildAnalysis(sc).dynamicParts(arg)) {
        const i = directParam(sc, fn, part.node);
        if (i >= 0) addSink(out, { index: i, kind: 'sql-splice', what, hops: [], judgedWhereWritten: true, library, method });
      }
    }
    return true;
  }
  return false;
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.FunctionDeclaration || p.type === AST_NODE_TYPES.FunctionExpression || p.type === AST_NODE_TYPES.ArrowFunctionExpression) return p;
  }
  return null;
}

/** Error details of its parameters that a returned value carries, through calls into other functions too. */
function returnedDetails(project: Project, file: ProjectFile, fn: FunctionNode, value: TSESTree.Node, depth: number, out: ReturnedErrorDetail[]): void {
  const sc = file.sourceCode;
  const hopsOf = new Map<ErrorDetail, { hops: Hop[]; what: string; index: number }>();
  const found: ErrorDetail[] = [];
  findErrorDetails(
    sc,
    value,
    {
      errorOf: (n) => (n.type === AST_NODE_TYPES.Identifier && paramIndexOf(sc, fn, n) >= 0 ? n : null),
      viaCall: (call, asText) => {
        const params = call.arguments.map((a) => (a.type === AST_NODE_TYPES.SpreadElement ? -1 : directParam(sc, fn, a)));
        if (params.every((p) => p < 0)) return null;
        const target = project.callee(file, call);
        if (!target || target.kind !== 'function' || target.node === fn) return null;
        const sub = summarizeParams(project, target.file, target.node, depth + 1);
        for (const d of sub.errorDetails) {
          const index = params[d.index] ?? -1;
          if (index < 0) continue;
          const detail: ErrorDetail = { node: call, kind: asText && d.kind === 'object' ? 'message' : d.kind, error: null };
          hopsOf.set(detail, { hops: [{ label: detached(callLabel(file, call)), file: target.file.path, line: target.node.loc.start.line }, ...d.hops], what: d.what, index });
          return detail;
        }
        return null;
      },
    },
    found,
  );
  for (const d of found) {
    const via = hopsOf.get(d);
    if (via) {
      addDetail(out, { index: via.index, kind: d.kind, what: via.what, hops: via.hops });
      continue;
    }
    if (!d.error) continue;
    const index = paramIndexOf(sc, fn, d.error);
    if (index < 0) continue;
    // A function handing back its argument untouched is not an error formatter unless the
    // argument is named as an error (`return err`), not any value (`return x`).
    if (d.kind === 'object' && !ERRORISH.test(d.error.name)) continue;
    addDetail(out, { index, kind: d.kind, what: short(sc.getText(d.node)), hops: [] });
  }
}

/** What `fn`'s parameters reach (defined in `file`), transitively. */
export function summarizeParams(project: Project, file: ProjectFile, fn: FunctionNode, depth = 0): ParamSummary {
  if (fn.params.length === 0) return EMPTY;
  return memo.summarize(fn, diskKey(file, fn), depth, () => {
    const sinks: ParamSink[] = [];
    const details: ReturnedErrorDetail[] = [];
    try {
      const sc = file.sourceCode;
      const gates = gatesOf(file);
      const keys = sc.visitorKeys;
      const stack: TSESTree.Node[] = [];
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
        stack.push(fn.body);
        returnedDetails(project, file, fn, fn.body, depth, details);
      } else pushChildren(stack, fn.body, keys);
      // Source order keeps "the first sink or detail" stable: pop from the end of a reversed frontier.
      stack.reverse();
      let visited = 0;
      while (stack.length > 0 && visited++ < MAX_NODES_PER_FUNCTION) {
        const node = stack.pop()!;
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && enclosingFunction(node) === fn) {
          returnedDetails(project, file, fn, node.argument, depth, details);
        }
        if (node.type === AST_NODE_TYPES.CallExpression && !ownSinks(file, fn, node, gates, sinks)) {
          // Only a call passing a parameter on can lead one to a sink: resolve nothing else.
          const flows = node.arguments.map((a) => (a.type === AST_NODE_TYPES.SpreadElement ? new Set<number>() : carried(sc, fn, a)));
          if (flows.some((f) => f.size > 0)) {
            const target = project.callee(file, node);
            if (target && target.kind === 'function' && target.node !== fn) {
              const sub = summarizeParams(project, target.file, target.node, depth + 1);
              if (sub.sinks.length > 0) {
                const hop: Hop = { label: detached(callLabel(file, node)), file: target.file.path, line: target.node.loc.start.line };
                const crossFile = target.file.path !== file.path;
                for (const s of sub.sinks) {
                  // A token that a file of the chain may verify is not judged (precision first).
                  if (s.kind === 'jwt-decode' && gates.verifies) continue;
                  const arg = node.arguments[s.index];
                  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
                  const indexes = needsWholeValue(s.kind) ? [directParam(sc, fn, arg)].filter((i) => i >= 0) : [...(flows[s.index] ?? [])];
                  if (indexes.length === 0) continue;
                  const judged = s.judgedWhereWritten || (crossFile && reportedAtCall(file, node, arg, s));
                  for (const index of indexes) addSink(sinks, { ...s, index, hops: [hop, ...s.hops], judgedWhereWritten: judged });
                }
              }
            }
          }
        }
        const children: TSESTree.Node[] = [];
        pushChildren(children, node, keys);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    } catch {
      // intentionally ignored: a construct the analysis does not expect ends this summary, not the lint
    }
    return sinks.length === 0 && details.length === 0 ? EMPTY : { sinks, errorDetails: details };
  });
}
