/**
 * Whether the flows into a sink make a finding: what each sink mode fears of a value (text, a URL's
 * host, an operator object, a whole request object, a deep-merged object), then the guards and
 * validators that end taint. The same judgement for request data at the sink and for a parameter
 * a summary records (which its callers judge again with the argument they pass).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getObjectLiteral, getStaticString, unwrap } from '../values.js';
import { mayBeObject, type Context, type Flow } from './flow.js';
import { guarded, validatedBefore } from './guards.js';
import { fixesHost, fixesLocalPath, leadingText, type SinkArg } from './sinks.js';
import { MONGO_CODE_OPERATORS, MONGO_LITERAL_OPERATORS, PARTS_NOT_ATTACKER_CHOSEN, type SinkMode, type TaintSinkKind } from './tables.js';

export type FlowsAt = (node: TSESTree.Node) => Flow[];

/** Does the value's shape matter to this mode (before asking where it came from)? */
export function shapeMatters(context: Context, mode: SinkMode, flow: Flow): boolean {
  const o = flow.origin;
  switch (mode) {
    case 'text':
    case 'url':
      return !flow.wrapped;
    case 'object':
      if (flow.wrapped || flow.stringified) return false;
      return o.kind === 'param' || flow.parsed || mayBeObject(context, o);
    case 'whole':
      if (flow.wrapped || flow.stringified) return false;
      return o.kind === 'param' ? o.path.length === 0 : o.whole;
    case 'deep':
      return !flow.stringified && (o.kind === 'param' || flow.parsed || mayBeObject(context, o) || o.whole);
  }
}

/** Whether an attacker chooses the value for this kind of sink (see PARTS_NOT_ATTACKER_CHOSEN). */
function attackerChosen(kind: TaintSinkKind, flow: Flow): boolean {
  return flow.origin.kind !== 'request' || !PARTS_NOT_ATTACKER_CHOSEN.get(kind)?.has(flow.origin.part);
}

/**
 * `'https://' + req.hostname + req.url`, `` `https://${req.headers.host}${req.originalUrl}` ``: a
 * fixed scheme, then the host the victim's own browser asked for; what follows is a path on it.
 */
function hostFromVictim(context: Context, node: TSESTree.Node, flowsAt: FlowsAt): boolean {
  const n = unwrap(node);
  let scheme: TSESTree.Node | string | undefined;
  let host: TSESTree.Node | undefined;
  if (n.type === AST_NODE_TYPES.TemplateLiteral) {
    scheme = n.quasis[0]?.value.cooked ?? undefined;
    host = n.expressions[0];
  } else if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
    // Left-associative: ((scheme + host) + path) + …; find the innermost `scheme + host`.
    let left: TSESTree.Node = n;
    while (left.type === AST_NODE_TYPES.BinaryExpression && left.operator === '+' && unwrap(left.left as TSESTree.Node).type === AST_NODE_TYPES.BinaryExpression) left = unwrap(left.left as TSESTree.Node);
    if (left.type !== AST_NODE_TYPES.BinaryExpression) return false;
    scheme = left.left as TSESTree.Node;
    host = left.right;
  }
  if (!host || scheme === undefined) return false;
  const text = typeof scheme === 'string' ? scheme : getStaticString(context.sourceCode, scheme);
  if (text === null || !/^[a-z][a-z0-9+.-]*:\/\/$/i.test(text)) return false;
  const flows = flowsAt(host);
  return flows.length > 0 && flows.every((f) => f.origin.kind === 'request' && !attackerChosen('open-redirect', f));
}

/** A URL sink whose scheme and host (or same-site path, for redirects) are fixed before the data. */
function prefixSafe(context: Context, kind: TaintSinkKind, node: TSESTree.Node): boolean {
  const prefix = leadingText(context, node);
  if (fixesHost(prefix)) return true;
  return kind === 'open-redirect' && fixesLocalPath(prefix);
}

/** The flows into a MongoDB filter that can inject operators or code. */
function filterFlows(context: Context, filter: TSESTree.Node, flowsAt: FlowsAt, depth = 0): Flow[] {
  const obj = getObjectLiteral(context.sourceCode, filter);
  if (!obj) return flowsAt(filter).filter((f) => shapeMatters(context, 'object', f));
  if (depth > 3) return [];
  const out: Flow[] = [];
  for (const p of obj.properties) {
    if (p.type === AST_NODE_TYPES.SpreadElement) {
      out.push(...flowsAt(p.argument).filter((f) => shapeMatters(context, 'object', f)));
      continue;
    }
    const key = p.computed ? null : p.key.type === AST_NODE_TYPES.Identifier ? p.key.name : p.key.type === AST_NODE_TYPES.Literal ? String(p.key.value) : null;
    if (key !== null && MONGO_CODE_OPERATORS.has(key)) {
      // `$where: \`this.owner == '${req.body.owner}'\``: JavaScript run by the server.
      out.push(...flowsAt(p.value).filter((f) => !f.wrapped));
      continue;
    }
    if (key !== null && MONGO_LITERAL_OPERATORS.has(key)) continue;
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (p.value.type === AST_NODE_TYPES.ArrayExpression) for (const e of p.value.elements) if (e && e.type !== AST_NODE_TYPES.SpreadElement) out.push(...filterFlows(context, e, flowsAt, depth + 1));
      continue;
    }
    const value = p.value as TSESTree.Node;
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      // `{ age: { $gt: x } }`: operators compare their value literally; `$where` inside still runs.
      for (const q of value.properties) {
        if (q.type === AST_NODE_TYPES.Property && !q.computed && q.key.type === AST_NODE_TYPES.Identifier && MONGO_CODE_OPERATORS.has(q.key.name)) out.push(...flowsAt(q.value).filter((f) => !f.wrapped));
      }
      continue;
    }
    out.push(...flowsAt(value).filter((f) => shapeMatters(context, 'object', f)));
  }
  return out;
}

/**
 * The flows that make `sink` a finding (request data) or a parameter sink (a summary's): shape,
 * prefix, guards and validators applied. Request flows first.
 */
export function judgeSink(context: Context, sink: SinkArg, flowsAt: FlowsAt): Flow[] {
  if (sink.mode === 'url' && prefixSafe(context, sink.kind, sink.node)) return [];
  if (sink.kind === 'open-redirect' && hostFromVictim(context, sink.node, flowsAt)) return [];
  const flows = sink.kind === 'nosql-injection' ? filterFlows(context, sink.node, flowsAt) : flowsAt(sink.node).filter((f) => shapeMatters(context, sink.mode, f));
  const out = flows.filter((f) => attackerChosen(sink.kind, f) && !guarded(context, sink.call, f, sink.kind) && !validatedBefore(context, sink.call, f));
  return out.sort((a, b) => (a.origin.kind === b.origin.kind ? 0 : a.origin.kind === 'request' ? -1 : 1));
}

/**
 * A caller's argument into a parameter sink: the flows of the argument that make the callee's
 * sink a finding (the sink's mode applied to what the caller passes).
 */
export function judgeArgument(context: Context, mode: SinkMode, kind: TaintSinkKind, arg: TSESTree.Node, call: TSESTree.Node, flowsAt: FlowsAt): Flow[] {
  if (mode === 'url' && prefixSafe(context, kind, arg)) return [];
  if (kind === 'open-redirect' && hostFromVictim(context, arg, flowsAt)) return [];
  return flowsAt(arg).filter((f) => attackerChosen(kind, f) && shapeMatters(context, mode === 'object' ? 'object' : mode, f) && !guarded(context, call, f, kind) && !validatedBefore(context, call, f));
}
