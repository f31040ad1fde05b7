/**
 * require-idempotency-key: a create (POST on a collection) accepts an `Idempotency-Key` header, so
 * a client that times out can retry without creating the record twice. "Create" is the shared
 * classifier's verdict (src/openapi/operations.ts), which asks for evidence, as
 * http-status-semantics does.
 */
import { defineRule } from '../src/rule.js';
import { indexFunction, type DocumentIndex, type SpectralResult } from '../src/openapi/index.js';

export const DEFAULT_IDEMPOTENCY_HEADERS = ['Idempotency-Key', 'X-Idempotency-Key'];

export interface RequireIdempotencyKeyOptions {
  /** Header names accepted as the idempotency key (case-insensitive). */
  headers?: string[];
}

export function checkIdempotencyKey(index: DocumentIndex, options: RequireIdempotencyKeyOptions = {}): SpectralResult[] {
  const names = new Set((options.headers?.length ? options.headers : DEFAULT_IDEMPOTENCY_HEADERS).map((h) => h.toLowerCase()));
  const results: SpectralResult[] = [];
  for (const op of index.operations) {
    if (op.isWebhook || op.method !== 'post' || op.kind !== 'create') continue;
    if (op.parameters.some((p) => p.in.toLowerCase() === 'header' && names.has(p.name.toLowerCase()))) continue;
    results.push({
      message: `POST ${op.path} creates a resource (${op.createEvidence ?? 'a collection POST'}) but accepts no Idempotency-Key header; add an \`Idempotency-Key\` header parameter so clients can retry safely.`,
      path: op.jsonPath,
    });
  }
  return results;
}

export default defineRule({
  id: 'require-idempotency-key',
  category: 'api-contract',
  description: 'A POST that creates a resource accepts an Idempotency-Key header parameter.',
  recommended: false,
  strict: 'warn',
  options: [{ type: 'object', properties: { headers: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
  spectral: (options) => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction((index) => checkIdempotencyKey(index, options as RequireIdempotencyKeyOptions)) },
  }),
});
