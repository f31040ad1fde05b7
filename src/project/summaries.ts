/**
 * Function summaries: what calling a function does, transitively, across the files of a project —
 * database writes, unbounded list reads, any query (for N+1 questions), blocking I/O, mutating
 * outbound HTTP, mail and queue messages. Each effect carries the chain of calls that leads to it,
 * one hop per function entered, so a finding can say how the handler reaches the problem.
 *
 * The classification of each call is the per-file analysis's (src/analysis/data-access.ts), asked
 * with the callee file's own context: there is one recognition, whichever file a call is in.
 *
 * Summaries are memoised per function node (a file edited on disk is re-parsed into new nodes, so
 * the memo follows the file cache's invalidation), computed to MAX_SUMMARY_DEPTH calls deep, and
 * cycle-safe: a function met again while its own summary is being computed contributes nothing
 * (summary-memo.ts: the answer never depends on which question came first).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { classifyDbNode, classifyDbTaggedTemplate, classifySideEffect, classifySyncIo, describeDbOperation, isExecuted } from '../analysis/data-access.js';
import { enclosingRequestHandler, handlerContext, isRequestHandler } from '../analysis/routes.js';
import { pushChildren } from '../analysis/walk.js';
import type { ProjectFile } from './files.js';
import { locate, type FunctionNode, type Project, type Value } from './modules.js';
import { SummaryMemo } from './summary-memo.js';

export type EffectKind = 'db-write' | 'db-create' | 'fs-write' | 'http' | 'message' | 'unbounded-list' | 'query' | 'sync-io';

export interface Hop {
  /** The call as written (`usersService.getAndMarkSeen`), shortened. */
  label: string;
  /** Absolute path of the file that defines the function entered. */
  file: string;
  /** Line of the function's definition. */
  line: number;
}

export interface Effect {
  kind: EffectKind;
  /** The per-file analysis's description (`knex update`, `fs.readFileSync`, `prisma.user.findMany`). */
  what: string;
  /** Functions entered from the summarised function down to the effect (empty: in its own body). */
  hops: Hop[];
  /** Library-specific hint for unbounded reads (`limit`, `take`…): the library name. */
  library?: string;
  /**
   * Blocking I/O inside a function that is itself a request handler where it is written: the
   * per-file rule already reports it there, so a caller must not report it again.
   */
  inHandler?: boolean;
}

export interface FunctionSummary {
  /** At most one effect per kind: the first found in source order, shallowest first. */
  effects: ReadonlyMap<EffectKind, Effect>;
}

export { MAX_SUMMARY_DEPTH } from './summary-memo.js';
/** Nodes one function body is walked over at most (a 1 MB file holds far fewer per function). */
const MAX_NODES_PER_FUNCTION = 50_000;

const EMPTY: FunctionSummary = { effects: new Map() };
/**
 * By node, and by path, version and position for functions in files on disk: summaries hold only
 * strings, so they survive the file cache dropping the parsed tree, and a later question about the
 * same function does not parse the file again. A new version of the file starts a new entry.
 * See summary-memo.ts for why an answer does not depend on the order of questions.
 */
const memo = new SummaryMemo<FunctionSummary>(EMPTY);
/** Facts about functions on disk are kept for as many as the memo keeps summaries. */
const MAX_DISK_SUMMARIES = 50_000;

export function diskKey(file: ProjectFile, fn: FunctionNode): string | null {
  return file.version ? `${file.path}\0${file.version}\0${fn.range[0]}` : null;
}
/** Per function on disk (as the memo keeps summaries): its line and whether its own file judges it a handler. */
const calleeFacts = new Map<string, { line: number; handler?: boolean }>();

type FunctionValue = Extract<Value, { kind: 'function' }>;

/**
 * The summary of the function `call` runs (from `known`, by the function's place on disk, when it
 * was summarised before: its file is then not parsed again, and a value read lazily from a memo
 * stays unread), with where that function is. null when the call runs no project function, or
 * `fn` itself. One lookup for every kind of summary (effects here, statuses, parameters).
 */
export function calleeSummary<S>(
  project: Project,
  file: ProjectFile,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  fn: FunctionNode,
  known: (key: string) => S | undefined,
  summarizeCallee: (target: FunctionValue) => S,
  wantHandler = false,
): { summary: S; file: string; line: number; handler: boolean } | null {
  const target = project.callee(file, call);
  if (target?.kind !== 'function') return null;
  const at = locate(target);
  const atKey = at ? `${at.path}\0${at.version}\0${at.start}` : null;
  if (atKey !== null && atKey === diskKey(file, fn)) return null;
  const facts = atKey !== null ? calleeFacts.get(atKey) : undefined;
  // Asked only with the facts at hand: a summary found is accounted as used (summary-memo.ts).
  const cached = atKey !== null && facts ? known(atKey) : undefined;
  if (at && cached !== undefined && facts && (!wantHandler || facts.handler !== undefined)) {
    return { summary: cached, file: at.path, line: facts.line, handler: facts.handler ?? false };
  }
  if (target.node === fn) return null;
  const summary = summarizeCallee(target);
  const line = target.node.loc.start.line;
  const handler = wantHandler ? isHandlerWhereWritten(target.file, target.node) : undefined;
  const key = diskKey(target.file, target.node);
  if (key) {
    if (calleeFacts.size >= MAX_DISK_SUMMARIES) calleeFacts.delete(calleeFacts.keys().next().value!);
    calleeFacts.set(key, { line, handler: handler ?? calleeFacts.get(key)?.handler });
  }
  return { summary, file: target.file.path, line, handler: handler ?? false };
}

const MAX_LABEL = 60;

export function callLabel(file: ProjectFile, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const text = file.sourceCode.getText(call.callee).slice(0, MAX_LABEL * 4).replace(/\s+/g, ' ');
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function add(out: Map<EffectKind, Effect>, effect: Effect): void {
  const prev = out.get(effect.kind);
  if (!prev || effect.hops.length < prev.hops.length) out.set(effect.kind, effect);
}

/** Effects of the node itself (not of functions it calls). */
function ownEffects(file: ProjectFile, node: TSESTree.Node, out: Map<EffectKind, Effect>): boolean {
  const context = file.context;
  let found = false;
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    const op = classifyDbTaggedTemplate(node, context);
    if (!op) return false;
    add(out, { kind: 'query', what: describeDbOperation(op), hops: [] });
    if (op.operation === 'write') add(out, { kind: 'db-write', what: describeDbOperation(op), hops: [] });
    if (op.kind === 'create') add(out, { kind: 'db-create', what: describeDbOperation(op), hops: [] });
    return true;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const effect = classifySideEffect(node, context);
  if (effect) {
    add(out, { kind: effect.kind, what: effect.what, hops: [] });
    found = true;
  }
  const op = classifyDbNode(node, context);
  if (op) {
    add(out, { kind: 'query', what: describeDbOperation(op), hops: [] });
    if (op.kind === 'create') add(out, { kind: 'db-create', what: describeDbOperation(op), hops: [] });
    if (op.operation === 'read' && op.kind === 'list' && !op.bounded && (!op.chained || isExecuted(op.node))) {
      add(out, { kind: 'unbounded-list', what: describeDbOperation(op), hops: [], library: op.library });
    }
    found = true;
  }
  const sync = classifySyncIo(node, context);
  if (sync) {
    const inHandler = handlerContext(context, node).length > 0 || enclosingRequestHandler(context, node) !== null;
    add(out, { kind: 'sync-io', what: sync.what, hops: [], inHandler });
    found = true;
  }
  return found;
}

/**
 * A function its own file already judges as a request handler (by signature or route): what
 * happens inside it is reported there by the per-file rules, so callers must not repeat it.
 */
export function isHandlerWhereWritten(file: ProjectFile, fn: FunctionNode): boolean {
  try {
    return isRequestHandler(file.context, fn);
  } catch {
    // intentionally ignored: when in doubt, treat it as judged in place (never report twice)
    return true;
  }
}

/** `x`, `this.x`, `x !== undefined`, `x != null`, `x !== null`: the cached value a guard tests. */
function guardedValue(test: TSESTree.Expression): TSESTree.Expression | null {
  if (test.type === AST_NODE_TYPES.Identifier || test.type === AST_NODE_TYPES.MemberExpression) return test;
  if (
    test.type === AST_NODE_TYPES.BinaryExpression &&
    (test.operator === '!==' || test.operator === '!=') &&
    ((test.right.type === AST_NODE_TYPES.Identifier && test.right.name === 'undefined') ||
      (test.right.type === AST_NODE_TYPES.Literal && test.right.value === null))
  ) {
    return guardedValue(test.left as TSESTree.Expression);
  }
  return null;
}

/** `const cached = await cache.get(key)`-style: a local filled from a call that reads a cache. */
const CACHE_READ = /cache/i;

function cacheReadLocal(sc: Readonly<TSESLint.SourceCode>, v: TSESLint.Scope.Variable): boolean {
  const def = v.defs.length === 1 ? v.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init) return false;
  let init: TSESTree.Node = def.node.init;
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = sc.getText(init.callee);
  return callee.length <= 200 && CACHE_READ.test(callee);
}

/**
 * A memoising function: a top-level `if (cached) return cached;` (or `!== undefined`) on a value
 * that outlives the call (a module variable, `this.x`) or that was just read from a cache. What
 * follows runs once per process or on a cache miss, not per call: `getDatabase()` connecting on
 * first use, a template read once and kept, a schema answered from a cache. Its effects are not
 * counted as its callers' per-request effects (when unsure, don't report).
 */
export function isLazyInitializer(file: ProjectFile, fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const sc = file.sourceCode;
  for (const stmt of fn.body.body) {
    if (stmt.type !== AST_NODE_TYPES.IfStatement || stmt.alternate) continue;
    const value = guardedValue(stmt.test);
    if (!value) continue;
    const ret = stmt.consequent.type === AST_NODE_TYPES.BlockStatement && stmt.consequent.body.length === 1 ? stmt.consequent.body[0] : stmt.consequent;
    if (ret?.type !== AST_NODE_TYPES.ReturnStatement || !ret.argument || sc.getText(ret.argument) !== sc.getText(value)) continue;
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      if (value.object.type === AST_NODE_TYPES.ThisExpression) return true;
      continue;
    }
    if (value.type !== AST_NODE_TYPES.Identifier) continue;
    for (let scope: TSESLint.Scope.Scope | null = sc.getScope(stmt); scope; scope = scope.upper) {
      const v = scope.set.get(value.name);
      if (!v) continue;
      if (v.scope.block !== fn || cacheReadLocal(sc, v)) return true;
      break;
    }
  }
  return false;
}

/** What calling `fn` (defined in `file`) does, transitively. */
export function summarize(project: Project, file: ProjectFile, fn: FunctionNode, depth = 0): FunctionSummary {
  return memo.summarize(fn, diskKey(file, fn), depth, () => {
    if (isLazyInitializer(file, fn)) return EMPTY;
    const out = new Map<EffectKind, Effect>();
    try {
      const keys = file.sourceCode.visitorKeys;
      const stack: TSESTree.Node[] = [];
      pushChildren(stack, fn.body, keys);
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) stack.push(fn.body);
      let visited = 0;
      // Source order keeps "the first effect" stable: pop from the end of a reversed frontier.
      stack.reverse();
      while (stack.length > 0 && visited++ < MAX_NODES_PER_FUNCTION) {
        const node = stack.pop()!;
        const own = ownEffects(file, node, out);
        if (!own && (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression)) {
          const sub = calleeSummary(project, file, node, fn, (k) => memo.cached(k, depth + 1), (t) => summarize(project, t.file, t.node, depth + 1), true);
          if (sub && sub.summary.effects.size > 0) {
            const hop: Hop = { label: callLabel(file, node), file: sub.file, line: sub.line };
            for (const e of sub.summary.effects.values()) add(out, { ...e, hops: [hop, ...e.hops], ...(sub.handler ? { inHandler: true } : {}) });
          }
        }
        const children: TSESTree.Node[] = [];
        pushChildren(children, node, keys);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    } catch {
      // intentionally ignored: a construct the analysis does not expect ends this summary, not the lint
    }
    return out.size === 0 ? EMPTY : { effects: out };
  });
}
