/**
 * require-error-responses: an operation documents the errors its own shape makes possible. What is
 * required follows from the operation (inputs → validation error, path parameters → 404, security →
 * 401) and from the document (rate limiting declared anywhere → 429), plus a server error.
 */
import { defineRule } from '../src/rule.js';
import { effectiveSchema, indexFunction, isObject, rateLimitReason, type DocumentIndex, type OperationInfo, type SpectralResult } from '../src/openapi/index.js';

export type ValidationStatus = 400 | 422 | 'either';

export interface RequireErrorResponsesOptions {
  /** Which status answers invalid input: 400, 422, or either of them (default). */
  validationStatus?: ValidationStatus;
}

const RATE_LIMIT_HEADER = /^(x-)?rate-?limit/i;

const rateLimitCache = new WeakMap<DocumentIndex, boolean>();

/**
 * "The document declares rate limiting anywhere": some operation documents a 429 or a rate-limit
 * header (`RateLimit-*`, `X-RateLimit-*`). `Retry-After` alone is not enough: 503s carry it too.
 */
function declaresRateLimiting(index: DocumentIndex): boolean {
  let result = rateLimitCache.get(index);
  if (result === undefined) {
    result = index.operations.some((op) =>
      op.responses.some((r) => r.status === '429' || [...r.headers.keys()].some((h) => RATE_LIMIT_HEADER.test(h))),
    );
    rateLimitCache.set(index, result);
  }
  return result;
}

/** Security applies when every alternative names a scheme (a `{}` alternative allows anonymous calls). */
function requiresAuthentication(op: OperationInfo): boolean {
  const security = op.security;
  return (
    Array.isArray(security) &&
    security.length > 0 &&
    security.every((req) => isObject(req) && Object.keys(req).length > 0)
  );
}

/**
 * What the client sends that can be invalid: a request body, or query/header/cookie parameters.
 * Path parameters alone do not count: a malformed id is conventionally answered with the 404 this
 * rule already requires. A body that admits nothing (Stripe declares `{ properties: {},
 * additionalProperties: false }` bodies on its GETs) is no input either.
 */
function inputOf(index: DocumentIndex, op: OperationInfo): string | undefined {
  const body = op.requestBody;
  if (body && !(body.media.length > 0 && body.media.every((m) => isEmptyObjectSchema(index, m.schema)))) {
    // OAS2 formData parameters form the body too; OAS3 bodies without content still take input.
    return 'a request body';
  }
  if (op.parameters.some((p) => p.in !== 'path' && p.in !== 'body' && p.in !== 'formData')) return 'parameters';
  return undefined;
}

function isEmptyObjectSchema(index: DocumentIndex, schema: unknown): boolean {
  const s = effectiveSchema(index.root, schema);
  if (!s || s.additionalProperties !== false) return false;
  return !isObject(s.properties) || Object.keys(s.properties).length === 0;
}

function validationLabel(status: ValidationStatus): string {
  return status === 'either' ? '400 or 422' : String(status);
}

export function requireErrorResponses(index: DocumentIndex, options: RequireErrorResponsesOptions): SpectralResult[] {
  // Configs written in YAML/JSON may carry the status as a string.
  const raw = String(options.validationStatus ?? 'either');
  const validation: ValidationStatus = raw === '400' ? 400 : raw === '422' ? 422 : 'either';
  const rateLimited = declaresRateLimiting(index);
  const results: SpectralResult[] = [];
  for (const op of index.operations) {
    // A webhook's responses are the receiver's; structural rules already flag a missing `responses`.
    if (op.isWebhook || !isObject(op.operation.responses)) continue;
    const statuses = new Set(op.responses.map((r) => r.status.toUpperCase()));
    const anyClientError = statuses.has('4XX');
    const has = (code: string) => anyClientError || statuses.has(code);
    const missing: string[] = [];
    const input = inputOf(index, op);
    if (input) {
      const ok = validation === 'either' ? has('400') || has('422') : has(String(validation));
      if (!ok) missing.push(`${validationLabel(validation)} (it takes ${input})`);
    }
    if (op.segments.some((s) => s.isParam) && !has('404')) missing.push('404 (its path has parameters)');
    if (requiresAuthentication(op) && !has('401')) missing.push('401 (security applies)');
    // Secured and write operations get their 429 from require-rate-limit-responses: one finding.
    if (rateLimited && !has('429') && !rateLimitReason(op)) missing.push('429 (the document declares rate limiting)');
    if (!statuses.has('DEFAULT') && ![...statuses].some((s) => s.startsWith('5'))) missing.push('5XX or default');
    if (missing.length === 0) continue;
    results.push({
      message:
        missing.length === 1
          ? `${op.method.toUpperCase()} ${op.path} is missing an error response: ${missing[0]}; document it.`
          : `${op.method.toUpperCase()} ${op.path} is missing error responses: ${missing.join(', ')}; document them.`,
      path: [...op.jsonPath, 'responses'],
    });
  }
  return results;
}

export default defineRule({
  id: 'require-error-responses',
  category: 'api-contract',
  description:
    'Operations document the errors they can produce: 400/422 for input, 404 for path parameters, 401 when secured, 429 when the API rate-limits, and a 5XX or default.',
  recommended: 'warn',
  strict: 'warn',
  options: [{ type: 'object', properties: { validationStatus: { enum: [400, 422, '400', '422', 'either'] } }, additionalProperties: false }],
  spectral: (options) => ({
    given: '$',
    message: '{{error}}',
    then: {
      function: indexFunction((index) => requireErrorResponses(index, options as RequireErrorResponsesOptions)),
    },
  }),
});
