/**
 * require-input-validation: whatever a client sends — wrong types, extra fields, `{ "$ne": null }`
 * — must be checked before it is written to the database. A handler that stores `req.body` as is
 * lets the client decide what ends up in the table.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifyDbNode, describeDbOperation } from '../src/analysis/data-access.js';
import { enclosingRequestHandler, handlerContext, type Route } from '../src/analysis/routes.js';
import { routeFullPaths, routesHandledBy, type FullPath } from '../src/project/index.js';
import { requestDataSource } from '../src/analysis/taint.js';
import { propertyName } from '../src/analysis/imports.js';
import { getObjectLiteral, getProperty, memberChainName, unwrap } from '../src/analysis/values.js';
import { pushChildren } from '../src/analysis/walk.js';

type MessageIds = 'unvalidatedWrite';

// Request payloads per the catalog: bodies and query strings. Path parameters used as keys are
// strings routed by the framework and are not judged; `req.user`/`req.session` are server-set.
const PAYLOAD_SOURCE = /^(?:req|request)\.(?:body|query|json\(|formData\(|nextUrl\.searchParams)|^ctx\.(?:request\.body|request\.query|query)\b|^c\.req\.(?:json|query|queries|parseBody|formData)\b/;

const VALIDATOR_CALL = /^(?:parse|safeParse|parseAsync|safeParseAsync|spa|validate|validateSync|validateAsync|validateOrReject|validateBody|validateRequest|validateInput|attempt|assert|assertValid|cast|check|checkSchema|validationResult|matchedData|plainToInstance|plainToClass|transformAndValidate|decode|is|conform|sanitize|valid)$/;
const VALIDATOR_WORD = /valid|sanitiz|schema|celebrate|zValidator|typebox|superstruct/i;

const TYPE_CHECK = /\btypeof\b|\bisArray\(|\bisInteger\(|\bisSafeInteger\(|\bisFinite\(|\bisNaN\(|\.test\(|\binstanceof\b/;

/** The branch leaves the handler (return or throw). */
function exits(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (node.type === AST_NODE_TYPES.BlockStatement) return node.body.some((s) => s.type === AST_NODE_TYPES.ReturnStatement || s.type === AST_NODE_TYPES.ThrowStatement);
  return false;
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(n: TSESTree.Node): n is FunctionNode {
  return n.type === AST_NODE_TYPES.FunctionDeclaration || n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

function calleeWords(node: TSESTree.Node): string[] {
  const n = unwrap(node);
  const chain = memberChainName(n);
  if (chain) return chain.split('.');
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(n);
    return name ? [name] : [];
  }
  if (n.type === AST_NODE_TYPES.CallExpression) return calleeWords(n.callee);
  return [];
}

/** A call that validates, parses or sanitises input. */
function isValidationCall(call: TSESTree.CallExpression): boolean {
  const words = calleeWords(call.callee);
  const last = words[words.length - 1];
  if (last && VALIDATOR_CALL.test(last)) return true;
  return words.some((w) => VALIDATOR_WORD.test(w));
}

/** Middleware named like a validator, or an express-validator chain. */
function middlewareValidates(sourceCode: Readonly<TSESLint.SourceCode>, mw: TSESTree.Node): boolean {
  const text = sourceCode.getText(mw);
  if (VALIDATOR_WORD.test(text)) return true;
  // express-validator: body('email').isEmail(), check('x'), param('id').isInt()
  if (/^(?:body|check|query|param|oneOf|checkSchema|checkExact)\s*\(/.test(text)) return true;
  return mw.type === AST_NODE_TYPES.ArrayExpression && /\b(?:body|check|query|param)\s*\(/.test(text);
}

/**
 * Validation on the way to the route: middleware at mount points in other files
 * (`app.use('/v1/users', validateBody(userSchema), usersRouter)`) or `router.use(validate)` before it.
 */
function chainValidates(paths: readonly FullPath[]): boolean {
  return paths.some((p) => p.middleware.some((m) => middlewareValidates(m.file.sourceCode, m.node)));
}

/** A route-level validation step: middleware named like a validator, express-validator chains, a Fastify `schema`. */
function routeValidates(sourceCode: Readonly<TSESLint.SourceCode>, route: Route): boolean {
  if (route.options && getProperty(sourceCode, route.options, 'schema')) return true;
  for (const mw of route.middleware) if (middlewareValidates(sourceCode, mw)) return true;
  // Nest: a typed @Body() DTO (class-validator + ValidationPipe), or @UsePipes on the route.
  for (const d of route.decorators) {
    if (/^@?UsePipes\b/.test(sourceCode.getText(d).replace(/^@/, ''))) return true;
  }
  for (const fn of route.handlers) {
    for (const p of fn.params) {
      const param = p.type === AST_NODE_TYPES.TSParameterProperty ? p.parameter : p;
      const decorators = 'decorators' in param ? (param.decorators ?? []) : [];
      const isBody = decorators.some((d) => /^(?:Body|Query)\b/.test(sourceCode.getText(d.expression)));
      if (!isBody) continue;
      const ann = 'typeAnnotation' in param ? param.typeAnnotation?.typeAnnotation : undefined;
      if (decorators.some((d) => /Pipe\b/.test(sourceCode.getText(d.expression)))) return true;
      if (ann?.type === AST_NODE_TYPES.TSTypeReference) return true;
    }
  }
  return false;
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
      const sourceCode = context.sourceCode;
      const keys = sourceCode.visitorKeys as TSESLint.SourceCode.VisitorKeys;
      const validationStarts = new WeakMap<TSESTree.Node, number[]>();

      /** Start offsets of validation calls in a function (nested callbacks included). */
      function validationsIn(fn: TSESTree.Node): number[] {
        let out = validationStarts.get(fn);
        if (out) return out;
        out = [];
        const stack: TSESTree.Node[] = [fn];
        while (stack.length) {
          const node = stack.pop()!;
          if (node.type === AST_NODE_TYPES.CallExpression && isValidationCall(node)) out.push(node.range[0]);
          // A hand-written guard clause: `if (typeof name !== 'string') return res.status(400)…`.
          if (node.type === AST_NODE_TYPES.IfStatement && TYPE_CHECK.test(sourceCode.getText(node.test)) && exits(node.consequent)) {
            out.push(node.range[0]);
          }
          pushChildren(stack, node, keys);
        }
        validationStarts.set(fn, out);
        return out;
      }

      /** Arguments of every call in the operation's chain (`knex('t').insert(req.body)`). */
      function chainArguments(node: TSESTree.Node): TSESTree.Node[] {
        const out: TSESTree.Node[] = [];
        let n: TSESTree.Node = node;
        for (let i = 0; i < 30 && n.type === AST_NODE_TYPES.CallExpression; i++) {
          out.push(...n.arguments);
          const callee = unwrap(n.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
          n = unwrap(callee.object);
        }
        return out;
      }

      /** Request payload flowing into an argument; object literals are searched property by property. */
      function payloadSource(arg: TSESTree.Node, depth = 0): string | null {
        if (depth > 4) return null;
        // The size of a request array is a number the server computed, not client-shaped data.
        const bare = unwrap(arg);
        if (bare.type === AST_NODE_TYPES.MemberExpression && propertyName(bare) === 'length') return null;
        const obj = getObjectLiteral(sourceCode, arg);
        if (obj) {
          for (const p of obj.properties) {
            const value = p.type === AST_NODE_TYPES.Property ? p.value : p.argument;
            const hit = payloadSource(value, depth + 1);
            if (hit) return hit;
          }
          return null;
        }
        const src = requestDataSource(sourceCode, arg);
        return src && PAYLOAD_SOURCE.test(src.text) ? src.text : null;
      }

      function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
        const op = classifyDbNode(node, context);
        if (!op || op.operation !== 'write') return;
        const routes = handlerContext(context, op.node);
        const enclosing = enclosingRequestHandler(context, op.node);
        if (routes.length === 0 && !enclosing) return;
        if (routes.some((r) => routeValidates(sourceCode, r))) return;

        let source: string | null = null;
        for (const arg of op.node.type === AST_NODE_TYPES.CallExpression ? chainArguments(op.node) : op.node.quasi.expressions) {
          source = payloadSource(arg);
          if (source) break;
        }
        if (!source) return;

        // A validation call earlier in the function that holds the write, or anywhere in a handler that reaches it.
        // (`data: schema.parse(req.body)` validates inside the write's own arguments.)
        const end = op.node.range[1];
        for (let p: TSESTree.Node | undefined = op.node.parent; p; p = p.parent) {
          if (isFunction(p) && validationsIn(p).some((s) => s < end)) return;
        }
        for (const r of routes) for (const fn of r.handlers) if (validationsIn(fn).length > 0) return;
        // Validation where the route is mounted or declared, possibly in other files (asked last:
        // it may read the files that import this one).
        if (routes.some((r) => chainValidates(routeFullPaths(context, r)))) return;
        if (routes.length === 0 && enclosing) {
          for (const elsewhere of routesHandledBy(context, enclosing)) {
            if (routeValidates(elsewhere.file.sourceCode, elsewhere.route) || chainValidates(elsewhere.paths)) return;
          }
        }

        context.report({ node: op.node, messageId: 'unvalidatedWrite', data: { source, what: describeDbOperation(op) } });
      }
      return { CallExpression: check, TaggedTemplateExpression: check };
    },
  }),
});
