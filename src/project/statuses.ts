/**
 * Status summaries: the HTTP statuses calling a function sends (`res.status(404)`,
 * `reply.code(201)`) or makes errors for (`throw new NotFoundException()`, `new HttpError(403)`,
 * `createError(409)`), transitively across the files of a project — for a drift check between
 * what a handler answers and what its OpenAPI operation documents.
 *
 * Recognition is src/analysis/http-errors.ts (over the response model), asked with the callee
 * file's own context. Conventions follow summaries.ts: memoised per node and by path, version and
 * position (plain data only), MAX_SUMMARY_DEPTH calls deep, cycle-safe.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { errorStatusOf, sentStatusOf } from '../analysis/http-errors.js';
import { pushChildren } from '../analysis/walk.js';
import type { ProjectFile } from './files.js';
import type { FunctionNode, Project } from './modules.js';
import { detached } from './params.js';
import { calleeSummary, callLabel, diskKey, isLazyInitializer, type Hop } from './summaries.js';
import { SummaryMemo } from './summary-memo.js';

export interface StatusCode {
  status: number;
  /** `sent`: written to the response; `thrown`: an error made with that status (thrown, passed to `next`, returned). */
  how: 'sent' | 'thrown';
  /** The call as written (`res.status`, `new NotFoundException`), shortened. */
  what: string;
  /** Line of that call in the file of the last hop (or of the summarised function). */
  line: number;
  hops: Hop[];
}

export interface StatusSummary {
  /** One entry per status and way, the shallowest; in source order within one function. */
  codes: readonly StatusCode[];
}

const MAX_NODES_PER_FUNCTION = 50_000;
const EMPTY: StatusSummary = { codes: [] };
const memo = new SummaryMemo<StatusSummary>(EMPTY);

function add(out: StatusCode[], code: StatusCode): void {
  const i = out.findIndex((c) => c.status === code.status && c.how === code.how);
  if (i < 0) out.push(code);
  else if (code.hops.length < out[i]!.hops.length) out[i] = code;
}

function label(file: ProjectFile, node: TSESTree.Node): string {
  const target = node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression ? callLabel(file, node) : file.sourceCode.getText(node).slice(0, 60);
  return detached(node.type === AST_NODE_TYPES.NewExpression ? `new ${target}` : target);
}

/** The statuses calling `fn` (defined in `file`) answers with, transitively. */
export function summarizeStatuses(project: Project, file: ProjectFile, fn: FunctionNode, depth = 0): StatusSummary {
  return memo.summarize(fn, diskKey(file, fn), depth, () => {
    if (isLazyInitializer(file, fn)) return EMPTY;
    const out: StatusCode[] = [];
    try {
      const sc = file.sourceCode;
      const keys = sc.visitorKeys;
      const stack: TSESTree.Node[] = [];
      pushChildren(stack, fn.body, keys);
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) stack.push(fn.body);
      // Source order: pop from the end of a reversed frontier.
      stack.reverse();
      let visited = 0;
      while (stack.length > 0 && visited++ < MAX_NODES_PER_FUNCTION) {
        const node = stack.pop()!;
        let own = false;
        if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
          const thrown = errorStatusOf(sc, node);
          if (thrown !== null) {
            add(out, { status: thrown, how: 'thrown', what: label(file, node), line: node.loc.start.line, hops: [] });
            own = true;
          }
        }
        if (!own && (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.AssignmentExpression || node.type === AST_NODE_TYPES.Decorator)) {
          const sent = sentStatusOf(file.context, node);
          if (sent !== null) {
            add(out, { status: sent, how: 'sent', what: label(file, node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node), line: node.loc.start.line, hops: [] });
            own = true;
          }
        }
        if (!own && (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression)) {
          const sub = calleeSummary(project, file, node, fn, (k) => memo.cached(k, depth + 1), (t) => summarizeStatuses(project, t.file, t.node, depth + 1));
          if (sub && sub.summary.codes.length > 0) {
            const hop: Hop = { label: detached(callLabel(file, node)), file: sub.file, line: sub.line };
            for (const c of sub.summary.codes) add(out, { ...c, hops: [hop, ...c.hops] });
          }
        }
        const children: TSESTree.Node[] = [];
        pushChildren(children, node, keys);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    } catch {
      // intentionally ignored: a construct the analysis does not expect ends this summary, not the lint
    }
    return out.length === 0 ? EMPTY : { codes: out };
  });
}
