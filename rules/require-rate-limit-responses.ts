/**
 * require-rate-limit-responses: clients of a rate-limited API need to know the limit exists and
 * when to come back. Operations worth limiting (authenticated ones and writes) document a 429, and
 * every 429 says when to retry through `Retry-After`.
 */
import { defineRule } from '../src/rule.js';
import { isIgnoredAt } from '../src/spectral/ignore.js';
import { indexFunction, isObject, rateLimitReason, type DocumentIndex, type SpectralResult } from '../src/openapi/index.js';

const CODE = 'backlint/require-rate-limit-responses';

export function requireRateLimitResponses(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  const reported = new Set<object>();
  for (const op of index.operations) {
    if (op.isWebhook || !isObject(op.operation.responses)) continue;
    const tooMany = op.responses.find((r) => r.status === '429');
    if (!tooMany) {
      const why = rateLimitReason(op);
      if (!why) continue;
      results.push({
        message: `${op.method.toUpperCase()} ${op.path} is ${why} but documents no 429 response; document 429 Too Many Requests with a Retry-After header.`,
        path: [...op.jsonPath, 'responses'],
      });
      continue;
    }
    // One finding per response object: uses of a shared component all map to the component. A use
    // suppressed by x-backlint-ignore must not stand in for the uses that are not.
    if (!tooMany.headers.has('retry-after') && !reported.has(tooMany.response) && !isIgnoredAt(index.root, tooMany.jsonPath, CODE)) {
      reported.add(tooMany.response);
      const written = isObject(tooMany.response.headers) ? Object.keys(tooMany.response.headers) : [];
      const reset = written.find((h) => /^(x-)?rate-?limit-?reset$/i.test(h));
      results.push({
        message: reset
          ? `429 response declares ${reset} but no Retry-After header; declare Retry-After, the header HTTP clients honour to know when to retry.`
          : '429 response declares no Retry-After header; declare it so clients know when to retry.',
        path: tooMany.jsonPath,
      });
    }
  }
  return results;
}

export default defineRule({
  id: 'require-rate-limit-responses',
  category: 'api-contract',
  description: 'Secured and write operations document a 429 response, and every 429 declares a `Retry-After` header.',
  recommended: 'warn',
  strict: 'warn',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(requireRateLimitResponses) },
  }),
});
