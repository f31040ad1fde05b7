/**
 * Request taint across files: which parameter of a function reaches which taint sink (a summary,
 * as params.ts does for hashes and SQL), and the project-wide index the sink's file asks — from
 * the routes of the files that import the sink's file (transitively), through their handlers and
 * the calls passing request data, to the sinks they reach — so a sink in a service file is reported there, naming the route
 * and the request read that feed it.
 *
 * Conventions follow summaries.ts and params.ts: summaries are memoised per function (SummaryMemo:
 * MAX_SUMMARY_DEPTH calls deep, cycle-safe, order-independent) and are plain data (paths, offsets,
 * texts); each route file's hits are remembered by its version with the reads they made (reads.ts),
 * so `--cache` re-lints a sink's file when a route file or a file on the way changes.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { flowsOf, isFunctionNode, nestRequestParam, type Context, type Flow } from '../analysis/taint/flow.js';
import { judgeArgument, judgeSink } from '../analysis/taint/judge.js';
import { routeValidates } from '../analysis/taint/guards.js';
import { mayBeSink, taintSinksOf, type SinkArg } from '../analysis/taint/sinks.js';
import type { SinkMode, TaintSinkKind } from '../analysis/taint/tables.js';
import { getRouteModel, isRequestHandler, type Route } from '../analysis/routes.js';
import { pushChildren } from '../analysis/walk.js';
import { displayPath, projectFileVersion, type ProjectFile } from './files.js';
import { importerIndex, type ImporterIndex } from './mounts.js';
import type { FunctionNode, Project } from './modules.js';
import { detached } from './params.js';
import { recorded, replay, type FileReads } from './reads.js';
import { fullPathsOf, mayDeclareRoutes } from './route-table.js';
import { callLabel, diskKey, type Hop } from './summaries.js';
import { MAX_SUMMARY_DEPTH, SummaryMemo } from './summary-memo.js';

export interface TaintParamSink {
  index: number;
  kind: TaintSinkKind;
  mode: SinkMode;
  /** The sink as messages name it. */
  what: string;
  /** Where the sink's argument is: its file, offset and line. */
  file: string;
  start: number;
  line: number;
  /** Functions entered from the summarised one down to the sink (empty: in its own body). */
  hops: Hop[];
}

interface TaintSummary {
  sinks: readonly TaintParamSink[];
}

const MAX_NODES_PER_FUNCTION = 50_000;
const EMPTY: TaintSummary = { sinks: [] };
const memo = new SummaryMemo<TaintSummary>(EMPTY);

function addSink(out: TaintParamSink[], s: TaintParamSink): void {
  const i = out.findIndex((o) => o.index === s.index && o.file === s.file && o.start === s.start && o.kind === s.kind);
  if (i < 0) out.push(s);
  else if (s.hops.length < out[i]!.hops.length) out[i] = s;
}

/** Calls in a function's body, nested callbacks included, in source order. */
function callsIn(file: ProjectFile, fn: FunctionNode): (TSESTree.CallExpression | TSESTree.NewExpression)[] {
  const out: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
  const stack: TSESTree.Node[] = [fn.body];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_NODES_PER_FUNCTION) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) out.push(node);
    pushChildren(stack, node, file.sourceCode.visitorKeys);
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * The taint sinks of a call, less those recognised by a receiver's name that the project model
 * resolves to a function of the project (`usersRepository.insert(input)` is that function, whose
 * own sinks its summary holds).
 */
export function ownSinks(project: Project, file: ProjectFile, call: TSESTree.CallExpression | TSESTree.NewExpression, carries: (n: TSESTree.Node) => boolean): readonly SinkArg[] {
  const sinks = taintSinksOf(file.context as Context, call);
  // Only a sink something flows into is worth resolving.
  if (!sinks.some((s) => s.byName && carries(s.node))) return sinks.filter((s) => !s.byName || carries(s.node));
  let target = null;
  try {
    target = project.callee(file, call);
  } catch {
    // intentionally ignored: unresolved, the sink stands
  }
  return target?.kind === 'function' ? sinks.filter((s) => !s.byName) : sinks;
}

/** Which parameters of `fn` (defined in `file`) reach a taint sink, transitively. */
export function summarizeTaint(project: Project, file: ProjectFile, fn: FunctionNode, depth = 0): TaintSummary {
  if (fn.params.length === 0) return EMPTY;
  return memo.summarize(fn, diskKey(file, fn), depth, () => {
    const sinks: TaintParamSink[] = [];
    try {
      const context = file.context as Context;
      const flowsAt = (n: TSESTree.Node): Flow[] => flowsOf(context, n, { fn });
      for (const call of callsIn(file, fn)) {
        if (mayBeSink(context, call)) {
          const own = ownSinks(project, file, call, (n) => flowsAt(n).length > 0 || n.type === AST_NODE_TYPES.ObjectExpression);
          for (const sink of own) {
            for (const f of judgeSink(context, sink, flowsAt)) {
              if (f.origin.kind !== 'param') continue;
              addSink(sinks, { index: f.origin.index, kind: sink.kind, mode: sink.mode, what: detached(sink.what), file: file.path, start: sink.node.range[0], line: sink.node.loc.start.line, hops: [] });
            }
          }
          if (own.length > 0) continue;
        }
        // Only a call passing a parameter on can lead one to a sink: resolve nothing else.
        const carries = call.arguments.some((a) => a.type !== AST_NODE_TYPES.SpreadElement && flowsAt(a).some((f) => f.origin.kind === 'param'));
        if (!carries) continue;
        const target = project.callee(file, call);
        if (!target || target.kind !== 'function' || target.node === fn) continue;
        const sub = summarizeTaint(project, target.file, target.node, depth + 1);
        if (sub.sinks.length === 0) continue;
        const hop: Hop = { label: detached(callLabel(file, call)), file: target.file.path, line: target.node.loc.start.line };
        for (const s of sub.sinks) {
          const arg = call.arguments[s.index];
          if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
          for (const f of judgeArgument(context, s.mode, s.kind, arg, call, flowsAt)) {
            if (f.origin.kind === 'param') addSink(sinks, { ...s, index: f.origin.index, hops: [hop, ...s.hops] });
          }
        }
      }
    } catch {
      // intentionally ignored: a construct the analysis does not expect ends this summary, not the lint
    }
    return sinks.length === 0 ? EMPTY : { sinks };
  });
}

// ---------------------------------------------------------------- the project-wide index

export interface TaintHit {
  kind: TaintSinkKind;
  /** The request read, as written, and where. */
  source: string;
  sourceFile: string;
  sourceLine: number;
  /** `POST /v1/run`, or null when the route's path is not known. */
  route: string | null;
  hops: Hop[];
}

/** Per route file: the sinks its routes' handlers reach, by sink file, and what computing it read. */
interface RouteFileHits {
  version: string;
  hits: Map<string, Map<string, TaintHit>>;
  reads: FileReads | null;
}

const hitsByRouteFile = new Map<string, RouteFileHits>();
const MAX_ROUTE_FILES_MEMO = 5_000;
/** Files searched upward from a sink's file for the route files that import it (transitively). */
const MAX_IMPORTERS = 300;

/** The handler functions of a route: inline ones, and those its arguments name in other files. */
function handlerFunctions(project: Project, file: ProjectFile, route: Route): { file: ProjectFile; fn: FunctionNode }[] {
  const out: { file: ProjectFile; fn: FunctionNode }[] = route.handlers.map((fn) => ({ file, fn }));
  for (const node of route.handlerNodes) {
    if (route.handlers.some((fn) => node.range[0] <= fn.range[0] && fn.range[1] <= node.range[1])) continue;
    try {
      const v = project.value(file, node);
      if (v?.kind === 'function' && !out.some((o) => o.fn === v.node)) out.push({ file: v.file, fn: v.node });
    } catch {
      // intentionally ignored: an unresolvable handler adds nothing
    }
  }
  return out;
}

function routeLabelOf(project: Project, file: ProjectFile, route: Route): string | null {
  let path: string | null = null;
  try {
    const paths = fullPathsOf(project, file, route);
    path = paths[0]?.path ?? paths[0]?.known ?? null;
  } catch {
    // intentionally ignored: the route's own path stands in
  }
  path ??= route.path ?? route.localPath;
  return path === null ? null : `${route.methods.map((m) => m.toUpperCase()).join('/')} ${path}`;
}

function recordHit(index: Map<string, Map<string, TaintHit>>, file: string, start: number, hit: TaintHit): void {
  let byFile = index.get(file);
  if (!byFile) index.set(file, (byFile = new Map()));
  const key = `${start}\0${hit.kind}`;
  const prev = byFile.get(key);
  if (!prev || hit.hops.length < prev.hops.length) byFile.set(key, hit);
}
/** The request flows into a handler's calls, and the sinks they reach (directly or through summaries). */
function walkHandler(project: Project, routeFile: ProjectFile, route: Route, hfile: ProjectFile, fn: FunctionNode, labelOf: () => string | null, out: Map<string, Map<string, TaintHit>>): void {
  const context = hfile.context as Context;
  // The handler's first parameter is the request (or Koa's context, Hono's `c`), however it is named or destructured.
  const requestParam = (f: FunctionNode, i: number): boolean => f === fn && i === 0 && route.framework !== 'nest' && !nestRequestParam(hfile.sourceCode, f.params[0]!);
  const flowsAt = (n: TSESTree.Node): Flow[] => flowsOf(context, n, { requestParam });
  const hitOf = (f: Flow, kind: TaintSinkKind, hops: Hop[]): TaintHit | null =>
    f.origin.kind === 'request' ? { kind, source: detached(f.origin.text.slice(0, 80)), sourceFile: hfile.path, sourceLine: f.origin.node.loc.start.line, route: labelOf(), hops } : null;
  void routeFile;
  for (const call of callsIn(hfile, fn)) {
    if (mayBeSink(context, call)) {
      const own = ownSinks(project, hfile, call, (n) => flowsAt(n).length > 0 || n.type === AST_NODE_TYPES.ObjectExpression);
      for (const sink of own) {
        const f = judgeSink(context, sink, flowsAt)[0];
        const hit = f ? hitOf(f, sink.kind, []) : null;
        if (hit) recordHit(out, hfile.path, sink.node.range[0], hit);
      }
      if (own.length > 0) continue;
    }
    const carries = call.arguments.some((a) => a.type !== AST_NODE_TYPES.SpreadElement && flowsAt(a).some((f) => f.origin.kind === 'request'));
    if (!carries) continue;
    let target;
    try {
      target = project.callee(hfile, call);
    } catch {
      // intentionally ignored: an unresolvable callee is no flow (precision first)
      continue;
    }
    if (!target || target.kind !== 'function' || target.node === fn) continue;
    const sub = summarizeTaint(project, target.file, target.node, 1);
    if (sub.sinks.length === 0) continue;
    const hop: Hop = { label: detached(callLabel(hfile, call)), file: target.file.path, line: target.node.loc.start.line };
    for (const s of sub.sinks) {
      const arg = call.arguments[s.index];
      if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
      const f = judgeArgument(context, s.mode, s.kind, arg, call, flowsAt)[0];
      const hit = f ? hitOf(f, s.kind, [hop, ...s.hops]) : null;
      if (hit) recordHit(out, s.file, s.start, hit);
    }
  }
}

/** The sinks the routes of one file reach, from its parse. */
function routeFileHits(project: Project, file: ProjectFile): Map<string, Map<string, TaintHit>> {
  const out = new Map<string, Map<string, TaintHit>>();
  let routes: readonly Route[];
  try {
    routes = getRouteModel(file.context).routes;
  } catch {
    // intentionally ignored: a file the route model cannot read declares no routes we can follow
    return out;
  }
  for (const route of routes) {
    // A route that validates its input (a Fastify schema, validator middleware) feeds no sink.
    if (routeValidates(file.context as Context, route)) continue;
    // The route's full path reads the files mounting it: only asked for a route that feeds a sink.
    let label: string | null | undefined;
    const labelOf = (): string | null => (label === undefined ? (label = routeLabelOf(project, file, route)) : label);
    for (const h of handlerFunctions(project, file, route)) {
      try {
        walkHandler(project, file, route, h.file, h.fn, labelOf, out);
      } catch {
        // intentionally ignored: one unreadable handler does not end the file
      }
    }
  }
  return out;
}

/** The linted file's own answer, from the tree being linted (per tree: an editor's unsaved text has its own). */
const lintedHits = new WeakMap<object, { hits: Map<string, Map<string, TaintHit>>; reads: FileReads | null }>();

/**
 * The sinks the routes of one route file reach: the linted file from its own parse, any other
 * from the model's (memoised by the file's version, with the reads it made).
 */
function hitsOfRouteFile(project: Project, abs: string, linted: ProjectFile): Map<string, Map<string, TaintHit>> | null {
  if (abs === linted.path) {
    const ast = linted.sourceCode.ast;
    const memoed = lintedHits.get(ast);
    if (memoed) {
      replay(memoed.reads);
      return memoed.hits;
    }
    const { value: hits, reads } = recorded(() => routeFileHits(project, linted));
    lintedHits.set(ast, { hits, reads });
    return hits;
  }
  const version = projectFileVersion(abs, project.root);
  if (version === null) return null;
  const memoed = hitsByRouteFile.get(abs);
  if (memoed && memoed.version === version) {
    replay(memoed.reads);
    return memoed.hits;
  }
  const { value: hits, reads } = recorded(() => {
    const file = project.file(abs);
    return file ? routeFileHits(project, file) : new Map<string, Map<string, TaintHit>>();
  });
  if (hitsByRouteFile.size >= MAX_ROUTE_FILES_MEMO) hitsByRouteFile.delete(hitsByRouteFile.keys().next().value!);
  hitsByRouteFile.set(abs, { version, hits, reads });
  return hits;
}

/**
 * The route files that may send request data to `file`: itself and the files importing it,
 * transitively (as deep as summaries follow calls), that look like they declare routes.
 */
const reachingMemo = new WeakMap<object, Map<string, string[]>>();

function routeFilesReaching(project: Project, file: string): string[] {
  const importers = importerIndex(project.root);
  let memo = reachingMemo.get(importers);
  if (!memo) reachingMemo.set(importers, (memo = new Map()));
  const hit = memo.get(file);
  if (hit) return hit;
  const found = searchImporters(project, importers, file);
  memo.set(file, found);
  return found;
}

function searchImporters(project: Project, importers: ImporterIndex, file: string): string[] {
  const seen = new Set<string>([file]);
  let frontier = [file];
  for (let depth = 0; depth <= MAX_SUMMARY_DEPTH && frontier.length > 0 && seen.size < MAX_IMPORTERS; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const imp of importers.get(f) ?? []) {
        if (seen.has(imp) || seen.size >= MAX_IMPORTERS) continue;
        seen.add(imp);
        next.push(imp);
      }
    }
    frontier = next;
  }
  return [...seen].filter((f) => mayDeclareRoutes(f, project.root)).sort();
}

/** Drops the memos (tests; a long-lived process after files changed). */
export function clearTaintIndex(): void {
  hitsByRouteFile.clear();
}

/**
 * The request data that reaches the sink argument at `node` of the linted file from a route of a
 * file that imports it (transitively), through calls across files; null when none does (or the
 * model cannot tell). Only the route files that can reach the sink's file are read.
 */
export function requestTaintAt(project: Project, linted: ProjectFile, node: TSESTree.Node, kind: TaintSinkKind): TaintHit | null {
  try {
    const key = `${node.range[0]}\0${kind}`;
    let best: TaintHit | null = null;
    for (const routeFile of routeFilesReaching(project, linted.path)) {
      const hit = hitsOfRouteFile(project, routeFile, linted)?.get(linted.path)?.get(key);
      if (hit && (!best || hit.hops.length < best.hops.length)) best = hit;
    }
    return best;
  } catch {
    // intentionally ignored: an unexpected shape leaves the sink unjudged
    return null;
  }
}

/** `src/routes/run.js:12` for messages. */
export function sourcePlace(root: string, file: string, line: number): string {
  return `${displayPath(root, file)}:${line}`;
}

export { isFunctionNode, isRequestHandler };
