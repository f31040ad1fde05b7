/**
 * classifySideEffect: what a call changes outside the process — DB writes, fs writes, mutating
 * HTTP requests, mail and queue messages (no-get-side-effects, the project model's summaries) —
 * and describeDbOperation, the short name messages give an operation.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { getObjectLiteral, getProperty, getStaticString, resolveConstInit, unwrap } from '../values.js';
import { chainLinks } from './chains.js';
import { classifyDbCall } from './operations.js';
import { type State, lastName, stateOf } from './receivers.js';
import { FETCH_MODULES, FS_MODULES, FS_WRITES, HTTP_CLIENT_MODULES, HTTP_CLIENT_NAME, HTTP_MUTATING, HTTP_REQUEST_FUNCTION_MODULES, MAILER_NAME, MESSAGE_METHODS, MUTATING_HTTP_METHODS, PRODUCER_NAME, PUBLISHER_NAME, QUEUE_COMMANDS, QUEUE_NAME, SQS_NAME } from './tables/io.js';
import type { Call, Context, DbOperation, Node } from './types.js';

export interface SideEffect {
  kind: 'db-write' | 'fs-write' | 'http' | 'message';
  /** Short description for messages: `prisma.user.update`, `fs.writeFile`, `POST request`, `sendMail`. */
  what: string;
  node: Node;
  db?: DbOperation;
}

function staticMethodOf(s: State, options: Node | undefined): string | null {
  if (!options || options.type === AST_NODE_TYPES.SpreadElement) return null;
  const obj = getObjectLiteral(s.sourceCode, options);
  if (!obj) return null;
  const m = getProperty(s.sourceCode, obj, 'method');
  const str = m ? getStaticString(s.sourceCode, m) : null;
  return str ? str.toUpperCase() : null;
}

function describeCallee(node: Node): string {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    const base = unwrap(n.object);
    const baseText =
      base.type === AST_NODE_TYPES.Identifier ? base.name :
      base.type === AST_NODE_TYPES.ThisExpression ? 'this' :
      base.type === AST_NODE_TYPES.MemberExpression ? describeCallee(base) :
      base.type === AST_NODE_TYPES.CallExpression ? `${describeCallee(base.callee)}(…)` : '…';
    return `${baseText}.${name ?? '[…]'}`;
  }
  return '…';
}

/** A short name for a DB operation (`prisma.user.update`, `knex insert`, `INSERT query`). */
export function describeDbOperation(dbOp: DbOperation): string {
  if (dbOp.sql) {
    const kw = /^\s*(?:\(\s*)?([A-Za-z]+)/.exec(dbOp.sql)?.[1]?.toUpperCase();
    if (kw) return `${kw} query`;
  }
  if (dbOp.node.type === AST_NODE_TYPES.CallExpression) {
    if (dbOp.library === 'knex' || dbOp.library === 'drizzle' || (dbOp.chained && dbOp.library === 'typeorm')) {
      return `${dbOp.library} ${dbOp.method}`;
    }
    if (dbOp.instance) return `${dbOp.library === 'model' ? 'model' : dbOp.library} ${dbOp.instance} ${dbOp.method}`;
    return `${describeCallee(findMethodCallee(dbOp))}`;
  }
  return `${dbOp.library} query`;
}

function findMethodCallee(dbOp: DbOperation): Node {
  if (dbOp.node.type !== AST_NODE_TYPES.CallExpression) return dbOp.node;
  for (const l of chainLinks(dbOp.node)) {
    if (l.name === dbOp.method) return unwrap(l.call.callee);
  }
  return unwrap(dbOp.node.callee);
}

/** See the header. */
export function classifySideEffect(call: Call, context: Context): SideEffect | null {
  const s = stateOf(context);
  const dbOp = classifyDbCall(call, context);
  if (dbOp?.operation === 'write') return { kind: 'db-write', what: describeDbOperation(dbOp), node: call, db: dbOp };
  if (dbOp) return null;

  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (!name) return null;

  // fs writes
  if (FS_WRITES.has(name)) {
    const ref = s.tracker.resolve(callee);
    if (ref && FS_MODULES.includes(ref.source)) {
      const p = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
      const last = p[p.length - 1];
      if (last === name && (p.length === 1 || (p.length === 2 && p[0] === 'promises'))) {
        return { kind: 'fs-write', what: `fs.${name}`, node: call };
      }
    }
  }

  // Mutating HTTP
  if (name === 'fetch' && callee.type === AST_NODE_TYPES.Identifier) {
    const ref = s.tracker.resolve(callee);
    const isFetch = ref ? FETCH_MODULES.includes(ref.source) : !isShadowed(s, callee);
    const method = staticMethodOf(s, call.arguments[1]);
    if (isFetch && method && MUTATING_HTTP_METHODS.includes(method)) {
      return { kind: 'http', what: `fetch ${method}`, node: call };
    }
    return null;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && HTTP_MUTATING.has(name)) {
    const recv = unwrap(callee.object);
    const ref = s.tracker.resolve(recv);
    const fromClient = ref ? HTTP_CLIENT_MODULES.includes(ref.source) && (ref.path.length === 0 || (ref.path.length === 1 && ref.path[0] === 'default')) : false;
    const instance = !ref && isHttpClientInstance(s, recv);
    const named = !ref && recv.type === AST_NODE_TYPES.Identifier && HTTP_CLIENT_NAME.test(recv.name) && !resolveConstInit(s.sourceCode, recv);
    if (fromClient || instance || named) return { kind: 'http', what: `${describeCallee(callee)}`, node: call };
  }
  if (s.usesHttpRequestFunction && (callee.type === AST_NODE_TYPES.Identifier || (callee.type === AST_NODE_TYPES.MemberExpression && (name === 'request')))) {
    const target = callee.type === AST_NODE_TYPES.Identifier ? callee : unwrap(callee.object);
    const ref = s.tracker.resolve(target);
    if (ref && HTTP_REQUEST_FUNCTION_MODULES.includes(ref.source)) {
      const isDefault = ref.path.length === 0 || ref.path[0] === 'default' || ref.path[0] === 'request';
      if (isDefault) {
        const method = staticMethodOf(s, call.arguments[call.arguments.length - 1]);
        if (method && MUTATING_HTTP_METHODS.includes(method)) return { kind: 'http', what: `${ref.source} ${method}`, node: call };
      }
    }
  }

  // Mail and queues
  if (!MESSAGE_METHODS.has(name)) return null;
  if (name === 'sendMail' && callee.type === AST_NODE_TYPES.MemberExpression) return { kind: 'message', what: describeCallee(callee), node: call };
  if (name === 'sendToQueue' && callee.type === AST_NODE_TYPES.MemberExpression) return { kind: 'message', what: describeCallee(callee), node: call };
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const recvName = lastName(callee.object);
    if (name === 'publish' && recvName && PUBLISHER_NAME.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    // Bull/BullMQ `queue.add(name, data)`; p-queue's in-process `queue.add(() => task())` is not publishing.
    const firstArg = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    const isTask = !!firstArg && (firstArg.type === AST_NODE_TYPES.ArrowFunctionExpression || firstArg.type === AST_NODE_TYPES.FunctionExpression || (firstArg.type === AST_NODE_TYPES.Identifier && call.arguments.length === 1));
    if (name === 'add' && recvName && QUEUE_NAME.test(recvName) && firstArg && !isTask) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    if ((name === 'send' || name === 'sendBatch') && recvName && PRODUCER_NAME.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    if (name === 'send') {
      const arg = call.arguments[0];
      if (arg && arg.type === AST_NODE_TYPES.NewExpression && arg.callee.type === AST_NODE_TYPES.Identifier && QUEUE_COMMANDS.has(arg.callee.name)) {
        return { kind: 'message', what: `${describeCallee(callee)}(new ${arg.callee.name})`, node: call };
      }
    }
    if ((name === 'sendMessage' || name === 'sendMessageBatch') && recvName && SQS_NAME.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
    if ((name === 'send' || name === 'sendMultiple') && recvName && MAILER_NAME.test(recvName)) {
      return { kind: 'message', what: describeCallee(callee), node: call };
    }
  }
  return null;
}

function isShadowed(s: State, id: TSESTree.Identifier): boolean {
  for (let scope: TSESLint.Scope.Scope | null = s.sourceCode.getScope(id); scope; scope = scope.upper) {
    const v = scope.set.get(id.name);
    if (v && v.defs.length > 0) return true;
  }
  return false;
}

function isHttpClientInstance(s: State, node: Node): boolean {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.Identifier) return false;
  const init = resolveConstInit(s.sourceCode, n);
  if (!init || init.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(init.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = propertyName(callee);
  const ref = s.tracker.resolve(callee.object);
  return !!ref && HTTP_CLIENT_MODULES.includes(ref.source) && (name === 'create' || name === 'extend');
}
