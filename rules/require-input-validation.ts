/**
 * require-input-validation: whatever a client sends — wrong types, extra fields, `{ "$ne": null }`
 * — must be checked before it is written to the database. A handler that stores `req.body` as is
 * lets the client decide what ends up in the table.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifyDbNode, describeDbOperation } from '../src/analysis/data-access.js';
import { enclosingRequestHandler, handlerContext, isRequestHandler } from '../src/analysis/routes.js';
import { validatedOnTheWay } from '../src/project/index.js';
import { requestPayloadOf, type Context, type FunctionNode } from '../src/analysis/taint/flow.js';
import { hasValidationStep, routeValidates, validationStepBefore } from '../src/analysis/taint/guards.js';
import { taintReportedAt } from '../src/taint-rule.js';
import { unwrap } from '../src/analysis/values.js';

type MessageIds = 'unvalidatedWrite';

/** The calls of a write's chain (`knex('t').insert(req.body).returning('*')`), outermost first. */
function chainCalls(node: TSESTree.Node): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  let n: TSESTree.Node = node;
  for (let i = 0; i < 30 && n.type === AST_NODE_TYPES.CallExpression; i++) {
    out.push(n);
    const callee = unwrap(n.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    n = unwrap(callee.object);
  }
  return out;
}

export default defineRule({
  id: 'require-input-validation',
  category: 'reliability',
  description: 'Require request data to be validated before a handler writes it to the database.',
  recommended: false,
  strict: 'warn',
  eslint: createEslintRule<[], MessageIds>({
    name: 'require-input-validation',
    meta: {
      type: 'problem',
      docs: { description: 'Require request data to be validated before a handler writes it to the database.' },
      messages: {
        unvalidatedWrite:
          'Request data (`{{source}}`) reaches a database write ({{what}}) without a validation step. Validate it first: zod `parse`/`safeParse`, joi/yup `validate`, ajv, a class-validator DTO with `ValidationPipe`, express-validator, or a Fastify route `schema`.',
      },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const ctx = context as unknown as Context;
      const requestParam = (fn: FunctionNode, index: number): boolean => index === 0 && isRequestHandler(ctx, fn);

      function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
        const op = classifyDbNode(node, context);
        if (!op || op.operation !== 'write') return;
        const routes = handlerContext(context, op.node);
        const enclosing = enclosingRequestHandler(context, op.node);
        if (routes.length === 0 && !enclosing) return;
        if (routes.some((r) => routeValidates(ctx, r))) return;

        // The request payload (body, query string: the shared request taint) in the write's arguments.
        const calls = op.node.type === AST_NODE_TYPES.CallExpression ? chainCalls(op.node) : [];
        const args = op.node.type === AST_NODE_TYPES.CallExpression ? calls.flatMap((c) => c.arguments) : op.node.quasi.expressions;
        let source: string | null = null;
        for (const arg of args) {
          source = requestPayloadOf(ctx, arg, { requestParam })?.read ?? null;
          if (source) break;
        }
        if (!source) return;

        // A validation step earlier in the function that holds the write (or inside its own
        // arguments: `data: schema.parse(req.body)`), or anywhere in a handler that reaches it.
        if (validationStepBefore(ctx, op.node)) return;
        for (const r of routes) for (const fn of r.handlers) if (hasValidationStep(ctx, fn)) return;
        // The whole body stored by `Model.create(req.body)` is no-mass-assignment's finding: one flaw, one report.
        if (calls.some((c) => taintReportedAt(context, c, 'mass-assignment'))) return;
        // Validation where the route is mounted or declared, possibly in other files (asked last:
        // it may read the files that import this one).
        if (validatedOnTheWay(context, routes, enclosing)) return;

        context.report({ node: op.node, messageId: 'unvalidatedWrite', data: { source, what: describeDbOperation(op) } });
      }
      return { CallExpression: check, TaggedTemplateExpression: check };
    },
  }),
});
