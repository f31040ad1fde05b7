/**
 * require-examples: JSON request bodies and success responses show an example, so documentation,
 * mock servers and contract tests have a concrete payload.
 */
import { defineRule } from '../src/rule.js';
import {
  effectiveSchema,
  indexFunction,
  isJsonMediaType,
  isObject,
  resolve,
  type DocumentIndex,
  type JsonPath,
  type MediaInfo,
  type Obj,
  type SpectralResult,
} from '../src/openapi/index.js';

function ownExample(s: Obj | undefined): boolean {
  return !!s && (s.example !== undefined || (Array.isArray(s.examples) && s.examples.length > 0));
}

function schemaHasExample(root: Obj, schema: unknown): boolean {
  const s = effectiveSchema(root, schema);
  if (!s) return false;
  if (ownExample(s)) return true;
  // `allOf: [{$ref: User}]`: the member's example is what documentation tools show.
  const raw = resolve(root, schema);
  if (isObject(raw) && Array.isArray(raw.allOf) && raw.allOf.some((m) => ownExample(effectiveSchema(root, m)))) return true;
  // An array of exemplified items: doc tools show `[item]`.
  if (s.items !== undefined) {
    if (ownExample(effectiveSchema(root, s.items))) return true;
  }
  return false;
}

function mediaHasExample(index: DocumentIndex, m: MediaInfo, oas2Response: Obj | undefined): boolean {
  if (index.version === '2.0') {
    // Swagger 2.0: response `examples` keyed by mime type; body parameters only have schema examples.
    if (oas2Response && isObject(oas2Response.examples) && oas2Response.examples[m.mediaType] !== undefined) return true;
  } else {
    if (m.media.example !== undefined) return true;
    if (isObject(m.media.examples) && Object.keys(m.media.examples).length > 0) return true;
  }
  return schemaHasExample(index.root, m.schema);
}

export function checkExamples(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  const seen = new Set<string>();
  const report = (path: JsonPath, message: string) => {
    const key = path.join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    results.push({ message, path });
  };
  for (const op of index.operations) {
    const label = `${op.method.toUpperCase()} ${op.path}`;
    for (const m of op.requestBody?.media ?? []) {
      if (!isJsonMediaType(m.mediaType) || mediaHasExample(index, m, undefined)) continue;
      report(m.jsonPath, `The ${m.mediaType} request body of ${label} has no example; add \`example\`/\`examples\` to the media type or an example to its schema.`);
    }
    if (op.isWebhook) continue;
    for (const r of op.responses) {
      if (!/^2(\d\d|XX)$/i.test(r.status)) continue;
      for (const m of r.media) {
        if (!isJsonMediaType(m.mediaType) || mediaHasExample(index, m, r.response)) continue;
        report(m.jsonPath, `The ${m.mediaType} ${r.status} response of ${label} has no example; add \`example\`/\`examples\` to the media type or an example to its schema.`);
      }
    }
  }
  return results;
}

export default defineRule({
  id: 'require-examples',
  category: 'api-contract',
  description: 'JSON request bodies and 2XX JSON responses carry an example (on the media type or on its schema).',
  recommended: 'warn',
  strict: 'warn',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(checkExamples) },
  }),
});
