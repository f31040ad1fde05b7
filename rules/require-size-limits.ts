/**
 * require-size-limits: what a client sends (request bodies and parameters) has declared bounds —
 * strings a `maxLength`, arrays a `maxItems`, numbers a `maximum` — so generated validators and
 * gateways reject oversized input before it reaches the service.
 */
import { defineRule } from '../src/rule.js';
import {
  indexFunction,
  isObject,
  schemaTypes,
  type DocumentIndex,
  type JsonPath,
  type Obj,
  type SpectralResult,
} from '../src/openapi/index.js';
import { walkSchema, type SchemaVia } from '../src/openapi/schemas.js';

/** Formats whose values have an inherent length (`password` is deliberately not here). */
export const BOUNDED_STRING_FORMATS = new Set(['date', 'date-time', 'time', 'uuid', 'email', 'uri', 'ipv4', 'ipv6']);

function describe(via: SchemaVia, fallback: string): string {
  if (via.kind === 'property' && via.name !== undefined) return `property "${via.name}"`;
  if (via.kind === 'items') return 'array item';
  if (via.kind === 'additionalProperties') return 'map value';
  return fallback;
}

/** The missing bound for a leaf schema, or undefined when it is bounded or not judged. */
function missingBound(schema: Obj): { type: string; keyword: string } | undefined {
  if (schema.enum !== undefined || schema.const !== undefined) return undefined;
  // Composites are judged through their members.
  if (schema.allOf !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined) return undefined;
  const types = schemaTypes(schema).filter((t) => t !== 'null');
  if (types.length !== 1) return undefined;
  const type = types[0]!;
  if (type === 'string') {
    if (typeof schema.maxLength === 'number') return undefined;
    if (typeof schema.format === 'string' && BOUNDED_STRING_FORMATS.has(schema.format)) return undefined;
    // File content: its size is capped by the upload limit, which JSON Schema cannot express.
    if (schema.format === 'binary') return undefined;
    return { type, keyword: 'maxLength' };
  }
  if (type === 'array') return typeof schema.maxItems === 'number' ? undefined : { type, keyword: 'maxItems' };
  if (type === 'integer' || type === 'number') {
    if (typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number') return undefined;
    return { type, keyword: 'maximum' };
  }
  return undefined;
}

export function checkSizeLimits(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  const visited = new Set<object>();
  const check = (schema: unknown, path: JsonPath, where: string, fallback: string) => {
    walkSchema(
      schema,
      path,
      (node, p, via) => {
        // Read-only properties are answered by the server, never sent.
        if (node.readOnly === true) return false;
        const missing = missingBound(node);
        if (missing) {
          results.push({
            message: `${capitalise(describe(via, fallback))} (${missing.type}) in ${where} has no ${missing.keyword}; declare one so oversized input is rejected.`,
            path: p(),
          });
        }
        return undefined;
      },
      visited,
    );
  };
  for (const op of index.operations) {
    if (op.isWebhook) continue;
    const label = `${op.method.toUpperCase()} ${op.path}`;
    for (const p of op.parameters) {
      if (p.in === 'body' || p.in === 'formData' && p.param.type === 'file' || !p.schema) continue;
      const path = index.version === '2.0' ? p.jsonPath : [...p.jsonPath, 'schema'];
      check(p.schema, path, `${p.in} parameter "${p.name}" of ${label}`, 'value');
    }
    for (const m of op.requestBody?.media ?? []) {
      if (!isObject(m.schema)) continue;
      check(m.schema, [...m.jsonPath, 'schema'], `the request body of ${label}`, 'value');
    }
  }
  return results;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export default defineRule({
  id: 'require-size-limits',
  category: 'api-contract',
  description: 'Request-body and parameter schemas bound their size: maxLength on strings, maxItems on arrays, maximum on numbers.',
  recommended: 'warn',
  strict: 'warn',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(checkSizeLimits) },
  }),
});
