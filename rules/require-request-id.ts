/**
 * require-request-id: every response — errors first of all — declares the request-id header, so a
 * client can quote the id of a failed call and the operator can find it in the logs.
 */
import { defineRule } from '../src/rule.js';
import { indexFunction, type DocumentIndex, type SpectralResult } from '../src/openapi/index.js';

export const DEFAULT_REQUEST_ID_HEADERS = ['X-Request-ID', 'Request-Id', 'X-Correlation-ID'];

export interface RequireRequestIdOptions {
  /** Header names that carry the request id (case-insensitive). */
  headers?: string[];
}

export function checkRequestId(index: DocumentIndex, options: RequireRequestIdOptions = {}): SpectralResult[] {
  const names = (options.headers?.length ? options.headers : DEFAULT_REQUEST_ID_HEADERS).map((h) => h.toLowerCase());
  const wanted = options.headers?.length ? options.headers[0]! : 'X-Request-ID';
  const results: SpectralResult[] = [];
  const seen = new Set<object>();
  for (const op of index.operations) {
    // Webhook responses are written by the subscriber, not by this API.
    if (op.isWebhook) continue;
    for (const response of op.responses) {
      // A shared (`$ref`) response is one finding, reported on the component.
      if (seen.has(response.response)) continue;
      seen.add(response.response);
      if (names.some((n) => response.headers.has(n))) continue;
      results.push({
        message: `Response ${response.status} of ${op.method.toUpperCase()} ${op.path} declares no ${wanted} header; declare it so clients can quote the request id when something fails.`,
        path: response.jsonPath,
      });
    }
  }
  return results;
}

export default defineRule({
  id: 'require-request-id',
  category: 'api-contract',
  description: 'Every response, errors included, declares an X-Request-ID header.',
  recommended: false,
  strict: 'warn',
  options: [{ type: 'object', properties: { headers: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
  spectral: (options) => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction((index) => checkRequestId(index, options as RequireRequestIdOptions)) },
  }),
});
