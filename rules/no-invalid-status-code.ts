import type { TSESTree } from '@typescript-eslint/utils';
import { createEslintRule, defineRule } from '../src/rule.js';
import { statusSiteAt } from '../src/analysis/responses.js';
import { NOT_STATIC } from '../src/analysis/values.js';
import { indexFunction, isRegisteredStatus, isStatusRange } from '../src/openapi/index.js';

/**
 * ESLint face: every place code writes a status (`res.status(n)`, `res.sendStatus(n)`,
 * `reply.code(n)`, `ctx.status = n`, `c.json(b, n)`, `@HttpCode(n)`, `new HttpException(b, n)`,
 * `{ status: n }` of a Response init), resolved through consts and status enums by the shared
 * response model. Non-static values are not judged.
 */
const eslintFace = createEslintRule<[], 'unregistered' | 'numericString' | 'useCode'>({
  name: 'no-invalid-status-code',
  meta: {
    type: 'problem',
    docs: { description: 'HTTP statuses written in code are registered integer codes.' },
    hasSuggestions: true,
    schema: [],
    messages: {
      unregistered:
        'Status {{value}} is not a registered HTTP status code: clients and proxies only understand registered codes — use one such as {{suggestion}}.',
      numericString:
        "Status '{{value}}' is a string: pass the number {{value}} (frameworks reject or mis-handle string statuses).",
      useCode: 'Use {{code}}.',
    },
  },
  defaultOptions: [],
  create(context) {
    const check = (node: TSESTree.Node): void => {
      const site = statusSiteAt(context, node);
      if (!site || site.value === NOT_STATIC) return;
      const v = site.value;
      const at = site.valueNode;
      if (typeof v === 'string') {
        if (!/^\d+$/.test(v.trim())) return;
        const n = Number(v);
        context.report({
          node: at,
          messageId: 'numericString',
          data: { value: v },
          suggest: isRegisteredStatus(n)
            ? [{ messageId: 'useCode', data: { code: String(n) }, fix: (fixer) => fixer.replaceText(at, String(n)) }]
            : [],
        });
        return;
      }
      if (typeof v !== 'number') return;
      if (Number.isInteger(v) && isRegisteredStatus(v)) return;
      const cls = Number.isInteger(v) && v >= 100 && v <= 599 ? Math.floor(v / 100) * 100 : null;
      const suggestion = cls ?? 500;
      context.report({
        node: at,
        messageId: 'unregistered',
        data: { value: String(v), suggestion: String(suggestion) },
        suggest:
          cls !== null && at.type === 'Literal'
            ? [{ messageId: 'useCode', data: { code: String(cls) }, fix: (fixer) => fixer.replaceText(at, String(cls)) }]
            : [],
      });
    };
    return {
      CallExpression: check,
      NewExpression: check,
      AssignmentExpression: check,
      Decorator: check,
    };
  },
});

export default defineRule({
  id: 'no-invalid-status-code',
  category: 'api-design',
  description: 'HTTP status codes must be integers registered with IANA (or, in OpenAPI, a range such as 4XX or default).',
  recommended: 'error',
  strict: 'error',
  eslint: eslintFace,
  spectral: () => ({
    given: '$',
    then: {
      function: indexFunction((index) =>
        index.operations.flatMap((op) =>
          op.responses
            .filter((r) => !isValidResponseKey(r.status))
            .map((r) => ({
              message: `Response key "${r.status}" of ${op.method.toUpperCase()} ${op.path} is not a registered HTTP status code: use a registered code (e.g. ${suggestion(r.status)}), an NXX range such as 4XX, or default.`,
              path: r.jsonPath,
            })),
        ),
      ),
    },
  }),
});

function isValidResponseKey(key: string): boolean {
  if (key === 'default' || isStatusRange(key)) return true;
  return /^[1-5]\d\d$/.test(key) && isRegisteredStatus(Number(key));
}

/** The class's generic code, so the message proposes something concrete. */
function suggestion(key: string): string {
  const cls = /^[1-5]/.test(key) ? key[0] : '';
  return cls ? `${cls}00` : '200';
}
