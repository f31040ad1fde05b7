/**
 * Sanitisers that work by control flow: an allow-list test guarding the sink (`ALLOWED.has(x)`,
 * `x === 'pdf'`, a `switch` over literals, an early `return` when the test fails), a regular
 * expression or `is*` check of the value, a validator run on the request part earlier in the
 * handler. A substring test of the value itself (`url.includes('example.com')`) is not one: it
 * passes `https://evil.test/?example.com`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { getProperty, getStaticValue, memberChainName, NOT_STATIC, unwrap } from '../values.js';
import { pushChildren } from '../walk.js';
import { isFunctionNode, type Context, type Flow } from './flow.js';
import {
  EXPRESS_VALIDATOR_CHAINS, MEMBERSHIP_METHODS, NEST_PIPE_DECORATORS, PREFIX_CHECKS, TYPE_CHECK_CALLS, TYPE_CHECK_METHODS, VALIDATOR_METHODS, VALIDATOR_WORD,
  type TaintSinkKind,
} from './tables.js';

type Texts = ReadonlySet<string>;

function textOf(context: Context, node: TSESTree.Node): string {
  return context.sourceCode.getText(unwrap(node));
}

function isConstant(context: Context, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Literal || (n.type === AST_NODE_TYPES.TemplateLiteral && n.expressions.length === 0)) return true;
  return getStaticValue(context.sourceCode, n) !== NOT_STATIC;
}

/** True when `test` being truthy means the value is one we allow. */
function allows(context: Context, test: TSESTree.Node, texts: Texts, kind: TaintSinkKind): boolean {
  const t = unwrap(test);
  switch (t.type) {
    case AST_NODE_TYPES.LogicalExpression:
      return t.operator === '&&' ? allows(context, t.left, texts, kind) || allows(context, t.right, texts, kind) : t.operator === '||' && allows(context, t.left, texts, kind) && allows(context, t.right, texts, kind);
    case AST_NODE_TYPES.UnaryExpression:
      return t.operator === '!' && rejects(context, t.argument, texts, kind);
    case AST_NODE_TYPES.BinaryExpression: {
      if (t.operator === '===' || t.operator === '==') return equalsConstant(context, t, texts, kind);
      if (['!==', '!=', '>', '>='].includes(t.operator)) return indexOfFound(context, t, texts);
      return false;
    }
    case AST_NODE_TYPES.CallExpression:
      return checksValue(context, t, texts, kind);
    default:
      return false;
  }
}

/** True when `test` being truthy means the value is not one we allow (so exiting on it guards). */
function rejects(context: Context, test: TSESTree.Node, texts: Texts, kind: TaintSinkKind): boolean {
  const t = unwrap(test);
  switch (t.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return t.operator === '!' && allows(context, t.argument, texts, kind);
    case AST_NODE_TYPES.LogicalExpression:
      return t.operator === '||' ? rejects(context, t.left, texts, kind) || rejects(context, t.right, texts, kind) : t.operator === '&&' && rejects(context, t.left, texts, kind) && rejects(context, t.right, texts, kind);
    case AST_NODE_TYPES.BinaryExpression:
      if (t.operator === '!==' || t.operator === '!=') return equalsConstant(context, t, texts, kind);
      if (t.operator === '===' || t.operator === '==' || t.operator === '<') return indexOfFound(context, t, texts);
      return false;
    default:
      return false;
  }
}

function equalsConstant(context: Context, t: TSESTree.BinaryExpression, texts: Texts, kind: TaintSinkKind): boolean {
  const left = unwrap(t.left as TSESTree.Node);
  const right = unwrap(t.right);
  for (const [a, b] of [[left, right], [right, left]] as const) {
    if (a.type === AST_NODE_TYPES.UnaryExpression && a.operator === 'typeof') {
      // `typeof x === 'string'`: no operator object can pass (only what NoSQL fears).
      if (kind === 'nosql-injection' && texts.has(textOf(context, a.argument)) && b.type === AST_NODE_TYPES.Literal && b.value !== 'object') return true;
      continue;
    }
    if (texts.has(textOf(context, a)) && b.type === AST_NODE_TYPES.Literal && b.value !== null) return true;
    if (texts.has(textOf(context, a)) && isConstant(context, b) && b.type === AST_NODE_TYPES.MemberExpression) return true;
  }
  return false;
}

/** `LIST.indexOf(x) !== -1`, `LIST.indexOf(x) >= 0` — membership in a list, with `x` the argument. */
function indexOfFound(context: Context, t: TSESTree.BinaryExpression, texts: Texts): boolean {
  const left = unwrap(t.left as TSESTree.Node);
  if (left.type !== AST_NODE_TYPES.CallExpression || left.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(left.callee) !== 'indexOf') return false;
  const arg = left.arguments[0];
  return !!arg && texts.has(textOf(context, arg)) && !texts.has(textOf(context, left.callee.object));
}

/** `ALLOWED.has(x)`, `LIST.includes(x)`, `/^[\w-]+$/.test(x)`, `isValidObjectId(x)`, `p.startsWith(root)` (paths, redirects). */
function checksValue(context: Context, call: TSESTree.CallExpression, texts: Texts, kind: TaintSinkKind): boolean {
  const callee = unwrap(call.callee);
  const argIsValue = call.arguments.some((a) => texts.has(textOf(context, a)));
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(callee) ?? '';
    const receiverIsValue = texts.has(textOf(context, callee.object));
    if (MEMBERSHIP_METHODS.has(name)) return argIsValue && !receiverIsValue;
    if (name === 'test' || name === 'match') return argIsValue || (name === 'match' && receiverIsValue);
    if (PREFIX_CHECKS.has(name)) return receiverIsValue && (kind === 'path-traversal' || kind === 'open-redirect');
    if (/^(?:is[A-Z]|valid|isValid)/.test(name)) return argIsValue;
    return false;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return argIsValue && /^(?:is[A-Z]|valid|isValid|isSafe|isAllowed)/.test(callee.name);
  return false;
}

function exits(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (node.type === AST_NODE_TYPES.BlockStatement) return node.body.some((s) => s.type === AST_NODE_TYPES.ReturnStatement || s.type === AST_NODE_TYPES.ThrowStatement);
  if (node.type === AST_NODE_TYPES.ExpressionStatement && node.expression.type === AST_NODE_TYPES.CallExpression) {
    // `return next(err)` is written without `return` sometimes; only real exits count.
    return false;
  }
  return false;
}

/** The texts a flow's value goes by: its bindings and reads, and the request read itself. */
export function flowTexts(flow: Flow): Set<string> {
  const out = new Set(flow.via);
  if (flow.origin.kind === 'request') out.add(flow.origin.text);
  return out;
}

/** An allow-list or check of the value guards the sink: it only runs for values the check lets through. */
export function guarded(context: Context, sink: TSESTree.Node, flow: Flow, kind: TaintSinkKind): boolean {
  const texts = flowTexts(flow);
  let child: TSESTree.Node = sink;
  for (let p = sink.parent; p; child = p, p = p.parent) {
    if (p.type === AST_NODE_TYPES.IfStatement) {
      if (p.consequent === child && allows(context, p.test, texts, kind)) return true;
      if (p.alternate === child && rejects(context, p.test, texts, kind)) return true;
    }
    if (p.type === AST_NODE_TYPES.ConditionalExpression) {
      if (p.consequent === child && allows(context, p.test, texts, kind)) return true;
      if (p.alternate === child && rejects(context, p.test, texts, kind)) return true;
    }
    if (p.type === AST_NODE_TYPES.LogicalExpression && p.operator === '&&' && p.right === child && allows(context, p.left, texts, kind)) return true;
    if (p.type === AST_NODE_TYPES.SwitchCase && p.test && p.test.type === AST_NODE_TYPES.Literal && p.parent.type === AST_NODE_TYPES.SwitchStatement && texts.has(textOf(context, p.parent.discriminant))) return true;
    if (p.type === AST_NODE_TYPES.BlockStatement || p.type === AST_NODE_TYPES.Program) {
      for (const stmt of p.body) {
        if (stmt === child || stmt.range[0] >= sink.range[0]) break;
        if (stmt.type === AST_NODE_TYPES.IfStatement && exits(stmt.consequent) && rejects(context, stmt.test, texts, kind)) return true;
      }
    }
    if (isFunctionNode(p) && p.parent?.type !== AST_NODE_TYPES.CallExpression) break;
  }
  return false;
}

/** The words of a callee: `userSchema.parse` → ['userSchema','parse']; a computed receiver leaves the method's name alone. */
function calleeWords(node: TSESTree.Node): string[] {
  const n = unwrap(node);
  const chain = memberChainName(n);
  if (chain) return chain.split('.');
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    return name ? [name] : [];
  }
  // `validate(schema)(req.body)`: the factory names it.
  if (n.type === AST_NODE_TYPES.CallExpression) return calleeWords(n.callee);
  return [];
}

/**
 * A call that validates, parses or sanitises input: a validator method, or a validator word
 * anywhere in the callee's chain (`userSchema.strict()`, `validator.isEmail(x)`, `this.validationService.run(b)`).
 */
export function isValidatorCall(call: TSESTree.CallExpression): boolean {
  const words = calleeWords(call.callee);
  const last = words[words.length - 1];
  if (last !== undefined && VALIDATOR_METHODS.has(last)) return true;
  return words.some((w) => VALIDATOR_WORD.test(w));
}

/** A type check in a test: `typeof`, `instanceof`, `Array.isArray(x)`, `Number.isInteger(x)`, `/^\d+$/.test(x)` (nested callbacks included). */
function testsType(context: Context, test: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [test];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === AST_NODE_TYPES.UnaryExpression && n.operator === 'typeof') return true;
    if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === 'instanceof') return true;
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const c = unwrap(n.callee);
      if (c.type === AST_NODE_TYPES.Identifier && TYPE_CHECK_CALLS.has(c.name)) return true;
      if (c.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(c);
        if (name !== null && (TYPE_CHECK_CALLS.has(name) || TYPE_CHECK_METHODS.has(name))) return true;
      }
    }
    pushChildren(stack, n, context.sourceCode.visitorKeys);
  }
  return false;
}

interface ValidationStep {
  start: number;
  /** The texts a validator call validates; null for a hand-written type-check guard clause. */
  args: string[] | null;
}

const validationMemo = new WeakMap<TSESTree.Node, ValidationStep[]>();

/**
 * Validation steps in a function (nested callbacks included), in one walk: validator calls (where,
 * and the texts they validate) and hand-written guard clauses that check types and leave
 * (`if (typeof name !== 'string') return res.status(400)…`).
 */
function validationsIn(context: Context, fn: TSESTree.Node): ValidationStep[] {
  let out = validationMemo.get(fn);
  if (out) return out;
  out = [];
  const stack: TSESTree.Node[] = [fn];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression && isValidatorCall(node)) out.push({ start: node.range[0], args: node.arguments.map((a) => textOf(context, a)) });
    if (node.type === AST_NODE_TYPES.IfStatement && exits(node.consequent) && testsType(context, node.test)) out.push({ start: node.range[0], args: null });
    pushChildren(stack, node, context.sourceCode.visitorKeys);
  }
  validationMemo.set(fn, out);
  return out;
}

/**
 * The request part was validated in the function that reads it, before the sink:
 * `schema.parse(req.body)`, `validate(req.query)`, express-validator's `validationResult(req)`.
 */
export function validatedBefore(context: Context, sink: TSESTree.Node, flow: Flow): boolean {
  if (flow.origin.kind !== 'request') return false;
  const text = flow.origin.text;
  for (let p = sink.parent; p; p = p.parent) {
    if (!isFunctionNode(p)) continue;
    for (const v of validationsIn(context, p)) {
      if (v.start >= sink.range[0] || v.args === null) continue;
      if (v.args.some((a) => a === text || text.startsWith(`${a}.`) || a.startsWith(`${text}.`) || flow.via.includes(a))) return true;
    }
  }
  return false;
}

/**
 * A validation step of any input before `node` ends, in a function holding it (a validator call,
 * its own arguments included: `data: schema.parse(req.body)`; a type-check guard clause): the
 * handler checks what it was sent, whichever value it names.
 */
export function validationStepBefore(context: Context, node: TSESTree.Node): boolean {
  const end = node.range[1];
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionNode(p) && validationsIn(context, p).some((v) => v.start < end)) return true;
  }
  return false;
}

/** Any validation step in a function (a route's handler). */
export function hasValidationStep(context: Context, fn: TSESTree.Node): boolean {
  return validationsIn(context, fn).length > 0;
}

/**
 * Middleware that validates: named like a validator (`validateBody(schema)`, `celebrate(…)`,
 * `zValidator('json', s)`), an express-validator chain (`body('email').isEmail()`) or a list of them.
 * Judged on the text's head; an inline function by the validation steps it holds, not by what its body mentions.
 */
export function middlewareValidates(sourceCode: Context['sourceCode'], mw: TSESTree.Node): boolean {
  const n = unwrap(mw);
  // An inline middleware function validates when it holds a validation step (`if (!isValid(req.body)) return …`).
  if (isFunctionNode(n)) return validationsIn({ sourceCode } as Context, n).length > 0;
  if (VALIDATOR_WORD.test(sourceCode.getText(mw).slice(0, 200))) return true;
  if (n.type === AST_NODE_TYPES.ArrayExpression) return n.elements.some((e) => !!e && e.type !== AST_NODE_TYPES.SpreadElement && startsValidatorChain(e));
  return startsValidatorChain(n);
}

/** `body('email')…`, `check('x').isInt()`: an express-validator chain, by its first call. */
function startsValidatorChain(node: TSESTree.Node): boolean {
  let n = unwrap(node);
  for (let i = 0; i < 30; i++) {
    if (n.type === AST_NODE_TYPES.CallExpression) n = unwrap(n.callee);
    else if (n.type === AST_NODE_TYPES.MemberExpression) n = unwrap(n.object);
    else break;
  }
  return n.type === AST_NODE_TYPES.Identifier && EXPRESS_VALIDATOR_CHAINS.has(n.name) && n.parent?.type === AST_NODE_TYPES.CallExpression && n.parent.callee === n;
}

/**
 * Validation declared on the route: a Fastify `schema`, middleware that validates (above), a Nest
 * `@UsePipes(…)` on the handler. (A Nest `@Body()` typed with a DTO class is validated per
 * parameter: ./flow.ts `nestRequestParam`.)
 */
export function routeValidates(context: Context, route: { options: TSESTree.ObjectExpression | null; middleware: readonly TSESTree.Node[]; decorators?: readonly TSESTree.Decorator[] }): boolean {
  if (route.options && getProperty(context.sourceCode, route.options, 'schema')) return true;
  if (route.middleware.some((mw) => middlewareValidates(context.sourceCode, mw))) return true;
  return (route.decorators ?? []).some((d) => {
    const e = unwrap(d.expression);
    const callee = e.type === AST_NODE_TYPES.CallExpression ? unwrap(e.callee) : e;
    return callee.type === AST_NODE_TYPES.Identifier && NEST_PIPE_DECORATORS.has(callee.name);
  });
}
