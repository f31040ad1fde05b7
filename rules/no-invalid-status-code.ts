import { defineRule } from '../src/rule.js';
import { indexFunction, isRegisteredStatus, isStatusRange } from '../src/openapi/index.js';

export default defineRule({
  id: 'no-invalid-status-code',
  category: 'api-design',
  description: 'HTTP status codes must be integers registered with IANA (or, in OpenAPI, a range such as 4XX or default).',
  recommended: 'error',
  strict: 'error',
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
