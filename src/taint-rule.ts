/**
 * The ESLint face the eight request-taint rules share (no-command-injection, no-code-injection,
 * no-ssrf, no-nosql-injection, no-open-redirect, no-path-traversal, no-mass-assignment,
 * no-prototype-pollution): each is one sink kind of the shared taint model
 * (src/analysis/taint/, src/project/taint.ts), reported at the sink's argument, in whichever file
 * the sink is, naming the request read (file:line) and the route.
 *
 * The sink's own function is asked first (request data read there, or a same-file caller passing
 * it in); only a sink fed by a parameter asks the project-wide index, so files without such
 * sinks never build it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, type AnyEslintRule } from './rule.js';
import { flowsOf, isFunctionNode, setFrameworkResolver, type Context, type Flow, type FunctionNode } from './analysis/taint/flow.js';
import { judgeArgument, judgeSink } from './analysis/taint/judge.js';
import { routeValidates } from './analysis/taint/guards.js';
import { mayBeSink, taintSinksOf, type SinkArg } from './analysis/taint/sinks.js';
import type { TaintSinkKind } from './analysis/taint/tables.js';
import { enclosingRequestHandler, getRouteModel, handlerContext, isRequestHandler } from './analysis/routes.js';
import { callsProjectFunction, describeChain, requestTaintReaching, routeFullPaths, routesHandledBy, validatedOnTheWay } from './project/index.js';
import { displayPath } from './project/files.js';

setFrameworkResolver((context) => getRouteModel(context).framework);

export interface TaintRuleSpec {
  id: string;
  kind: TaintSinkKind;
  description: string;
  /** What the flaw is called and how to fix it: `… reaches {{what}}: <risk>. <fix>` */
  risk: string;
  fix: string;
}

const MAX_CALLERS = 20;

function place(root: string, file: string, line: number): string {
  return `${displayPath(root, file)}:${line}`;
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return null;
}

/** The name a same-file function is called by (`function run(…)`, `const run = (…) =>`). */
function bindingOf(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id;
  const p = fn.parent;
  return p?.type === AST_NODE_TYPES.VariableDeclarator && p.id.type === AST_NODE_TYPES.Identifier ? p.id : null;
}

type RequestParam = (fn: FunctionNode, index: number) => boolean;

/**
 * A sink judged in its own function: the request flow reported there (`direct`), or the
 * parameters whose callers are asked next; null when the call is followed into a function of the
 * project instead, or the request data was validated on the way (see `validatedOnTheWay`).
 */
function judgeHere(ctx: Context, node: TSESTree.CallExpression | TSESTree.NewExpression, sink: SinkArg, fn: FunctionNode | null, requestParam: RequestParam): { direct: Flow | null; params: Flow[] } | null {
  const flows = judgeSink(ctx, sink, (x) => flowsOf(ctx, x, { fn, requestParam }));
  // A receiver recognised by name that is a function of the project is followed there, not judged here (asked last: it resolves).
  if (flows.length > 0 && sink.byName && callsProjectFunction(ctx, node)) return null;
  const direct = flows.find((f) => f.origin.kind === 'request') ?? null;
  if (direct) {
    const routes = handlerContext(ctx, node);
    if (routes.some((r) => routeValidates(ctx, r))) return null;
    // Middleware where the route is mounted, in other files: asked last, it reads them.
    if (validatedOnTheWay(ctx, routes, enclosingRequestHandler(ctx, node))) return null;
    return { direct, params: [] };
  }
  return { direct: null, params: flows.filter((f) => f.origin.kind === 'param') };
}

/**
 * Whether the taint rule of `kind` reports request data at a sink of this call read in the call's
 * own function — what another rule asks so that one flaw is reported once (require-input-validation
 * leaves the whole body stored by `Model.create(req.body)` to no-mass-assignment).
 */
export function taintReportedAt(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, node: TSESTree.CallExpression, kind: TaintSinkKind): boolean {
  const ctx = context as unknown as Context;
  if (!mayBeSink(ctx, node)) return false;
  const requestParam: RequestParam = (fn, index) => index === 0 && isRequestHandler(ctx, fn);
  return taintSinksOf(ctx, node).some((sink) => sink.kind === kind && !!judgeHere(ctx, node, sink, enclosingFunction(node), requestParam)?.direct);
}

export function createTaintRule(spec: TaintRuleSpec): AnyEslintRule {
  return createEslintRule<[], 'tainted' | 'taintedVia'>({
    name: spec.id,
    meta: {
      type: 'problem',
      docs: { description: spec.description },
      schema: [],
      messages: {
        tainted: `Request data ({{source}}, {{place}}{{route}}) reaches {{what}}: ${spec.risk}. ${spec.fix}`,
        taintedVia: `Request data ({{source}}, {{place}}{{route}}) reaches {{what}} {{chain}}: ${spec.risk}. ${spec.fix}`,
      },
    },
    defaultOptions: [],
    create(context) {
      const ctx = context as unknown as Context;
      const requestParam = (fn: FunctionNode, index: number): boolean => index === 0 && isRequestHandler(ctx, fn);
      const reported = new Set<TSESTree.Node>();

      const routeOf = (node: TSESTree.Node): string => {
        try {
          const routes = handlerContext(ctx, node);
          const r = routes[0];
          if (r) {
            const p = routeFullPaths(ctx, r)[0];
            const path = p?.path ?? p?.known ?? r.path ?? r.localPath;
            return path ? `, ${r.methods.map((m) => m.toUpperCase()).join('/')} ${path}` : '';
          }
          const fn = enclosingFunction(node);
          for (let f = fn; f; f = enclosingFunction(f)) {
            const elsewhere = routesHandledBy(ctx, f)[0];
            if (elsewhere) {
              const p = elsewhere.paths[0];
              const path = p?.path ?? p?.known ?? elsewhere.route.path ?? elsewhere.route.localPath;
              return path ? `, ${elsewhere.route.methods.map((m) => m.toUpperCase()).join('/')} ${path}` : '';
            }
          }
        } catch {
          // intentionally ignored: a finding without its route is still a finding
        }
        return '';
      };

      const report = (sink: SinkArg, f: Flow, at: TSESTree.Node): void => {
        if (f.origin.kind !== 'request' || reported.has(sink.node)) return;
        reported.add(sink.node);
        context.report({
          node: sink.node,
          messageId: 'tainted',
          data: { source: f.origin.text.slice(0, 80), place: place(context.cwd, context.filename, f.origin.node.loc.start.line), route: routeOf(at), what: sink.what },
        });
      };

      /** Same-file callers of the sink's function passing request data into the parameter. */
      const fromCallers = (sink: SinkArg, fn: FunctionNode, index: number): boolean => {
        const id = bindingOf(fn);
        if (!id) return false;
        const variable = context.sourceCode.getDeclaredVariables(id.parent!).find((v) => v.name === id.name);
        if (!variable) return false;
        let n = 0;
        for (const ref of variable.references) {
          const call = ref.identifier.parent;
          if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier || n++ > MAX_CALLERS) continue;
          const arg = call.arguments[index];
          if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
          const f = judgeArgument(ctx, sink.mode, sink.kind, arg, call, (x) => flowsOf(ctx, x, { requestParam })).find((g) => g.origin.kind === 'request');
          if (f) {
            report(sink, f, call);
            return true;
          }
        }
        return false;
      };

      const check = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
        if (!mayBeSink(ctx, node)) return;
        for (const sink of taintSinksOf(ctx, node)) {
          if (sink.kind !== spec.kind || reported.has(sink.node)) continue;
          const fn = enclosingFunction(node);
          const judged = judgeHere(ctx, node, sink, fn, requestParam);
          if (!judged) continue;
          if (judged.direct) {
            report(sink, judged.direct, node);
            continue;
          }
          const params = judged.params;
          if (params.length === 0 || !fn) continue;
          if (params.some((f) => f.origin.kind === 'param' && fromCallers(sink, fn, f.origin.index))) continue;
          const hit = requestTaintReaching(ctx, sink.node, spec.kind);
          if (!hit) continue;
          reported.add(sink.node);
          context.report({
            node: sink.node,
            messageId: hit.hops.length > 0 ? 'taintedVia' : 'tainted',
            data: {
              source: hit.source,
              place: place(context.cwd, hit.sourceFile, hit.sourceLine),
              route: hit.route ? `, ${hit.route}` : '',
              what: sink.what,
              chain: hit.hops.length > 0 ? `(from the route ${describeChain(ctx, hit.hops)})` : '',
            },
          });
        }
      };
      return { CallExpression: check, NewExpression: check };
    },
  }) as unknown as AnyEslintRule;
}
