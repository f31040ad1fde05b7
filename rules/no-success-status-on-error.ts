/**
 * no-success-status-on-error: a failure is answered with a failure status. A 2xx sent from a catch
 * block, from an error branch with an error body, or any 2xx whose body says `error` tells
 * clients, caches, retries and monitoring that the request worked.
 *
 * Responses come from the shared response model (every framework); the error situation from
 * `errorContextOf` (catch clauses, rejection callbacks, `if (err)`, `if (!x)`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { maskedExcerpt } from '../src/analysis/secrets.js';
import { errorContextOf, isErrorShapedBody, responseAt, statusFix, type ResponseSite } from '../src/analysis/responses.js';

type MessageIds = 'inCatch' | 'inErrorBranch' | 'errorBody' | 'useStatus';

function mentions(node: TSESTree.Node | null, name: string | null): boolean {
  if (!node || !name) return false;
  const stack: TSESTree.Node[] = [node];
  let budget = 200;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    if (n.type === AST_NODE_TYPES.Identifier && n.name === name) return true;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'parent') continue;
      if (Array.isArray(v)) for (const c of v) if (c && typeof c.type === 'string') stack.push(c);
      if (v && typeof (v as TSESTree.Node).type === 'string') stack.push(v as TSESTree.Node);
    }
  }
  return false;
}

export default defineRule({
  id: 'no-success-status-on-error',
  category: 'error-responses',
  description: 'Errors are answered with a 4xx/5xx status: no 2xx from a catch block or error branch, and no 2xx body carrying an error.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-success-status-on-error',
    meta: {
      type: 'problem',
      docs: { description: 'Errors are answered with an error status, not 2xx.' },
      hasSuggestions: true,
      schema: [],
      messages: {
        inCatch:
          'This response inside a catch block answers {{status}}{{how}}: report the failure with an error status — 4xx when the request was wrong, 5xx when the server failed.',
        inErrorBranch:
          'This response in the error branch `{{test}}` answers {{status}}{{how}} with an error body: use an error status ({{suggest}}).',
        errorBody:
          'This response carries an error body but answers {{status}}{{how}}: clients, retries and monitoring read 2xx as success — use a 4xx/5xx status.',
        useStatus: 'Answer {{code}} instead.',
      },
    },
    defaultOptions: [],
    create(context) {
      const sc = context.sourceCode;
      const seen = new Set<TSESTree.Node>();
      const suggestions = (site: ResponseSite, codes: number[]) =>
        codes.flatMap((code) => {
          const fix = statusFix(sc, site, code);
          return fix ? [{ messageId: 'useStatus' as const, data: { code: String(code) }, fix }] : [];
        });
      const check = (node: TSESTree.Node): void => {
        const site = responseAt(context, node);
        if (!site || site.status === null || site.status < 200 || site.status > 299) return;
        // An arrow's expression body is also visited as the call it is.
        if (seen.has(node)) return;
        seen.add(node);
        const data = { status: String(site.status), how: site.statusExplicit ? '' : ' (implicitly)' };
        const ctx = errorContextOf(site.node);
        if (ctx?.kind === 'catch') {
          context.report({ node: site.node, messageId: 'inCatch', data, suggest: suggestions(site, [500]) });
          return;
        }
        const errorBody = isErrorShapedBody(sc, site.body);
        if (ctx && (errorBody || (ctx.kind === 'error-branch' && mentions(site.body, ctx.errorName)))) {
          const test = sc.getText((ctx.node as TSESTree.IfStatement | TSESTree.ConditionalExpression).test);
          const codes = ctx.kind === 'missing-branch' ? [404, 400] : [500, 400];
          context.report({
            node: site.node,
            messageId: 'inErrorBranch',
            data: { ...data, test: maskedExcerpt(test, 40, '...'), suggest: codes.join(' or ') },
            suggest: suggestions(site, codes),
          });
          return;
        }
        if (errorBody) {
          context.report({ node: site.node, messageId: 'errorBody', data, suggest: suggestions(site, [400, 500]) });
        }
      };
      return {
        CallExpression: check,
        NewExpression: check,
        AssignmentExpression: check,
        ReturnStatement: check,
        // The arrow's expression body, without a field selector (those are tested on every node).
        ArrowFunctionExpression(node) {
          check(node.body);
        },
      };
    },
  }),
});
