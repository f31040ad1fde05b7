/**
 * require-response-envelope: success bodies come wrapped as `{ data, meta? }`, so metadata
 * (pagination, request ids, deprecations) can be added later without breaking clients; a
 * collection is `{ data: [...], meta }`.
 */
import { defineRule } from '../src/rule.js';
import { isIgnoredAt } from '../src/spectral/ignore.js';
import {
  effectiveSchema,
  indexFunction,
  isArraySchema,
  isObject,
  schemaTypes,
  successJsonMedia,
  type DocumentIndex,
  type SpectralResult,
} from '../src/openapi/index.js';

const CODE = 'backlint/require-response-envelope';

function describeProperties(props: Record<string, unknown>): string {
  const names = Object.keys(props);
  const shown = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${shown}, …` : shown;
}

export function requireResponseEnvelope(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  // A `$ref`'d schema is one object in the resolved document and one finding after Spectral maps
  // it to its component: judge and report it once (list and non-list uses are told apart).
  const seen = { list: new Set<object>(), other: new Set<object>() };
  for (const op of index.operations) {
    // HEAD answers headers only; a body declared on it is never sent.
    if (op.isWebhook || op.method === 'head') continue;
    const isList = op.kind === 'list';
    for (const { media } of successJsonMedia(op)) {
      const path = [...media.jsonPath, 'schema'];
      if (isObject(media.schema)) {
        const done = isList ? seen.list : seen.other;
        if (done.has(media.schema)) continue;
        // A use suppressed by x-backlint-ignore must not stand in for the uses that are not.
        if (isIgnoredAt(index.root, path, CODE)) continue;
        done.add(media.schema);
      }
      const schema = effectiveSchema(index.root, media.schema);
      if (!schema) continue;
      if (isArraySchema(index.root, schema)) {
        results.push({
          message: 'Success body is a bare JSON array; wrap it as { data: [...], meta } so pagination and metadata have a place.',
          path,
        });
        continue;
      }
      const props = isObject(schema.properties) ? schema.properties : undefined;
      if (!props) {
        const types = schemaTypes(schema);
        // A primitive body is definitely not an envelope; a free-form object or `{}` may be one.
        if (types.length > 0 && types.every((t) => t !== 'object' && t !== 'null')) {
          results.push({
            message: `Success body is a bare ${types.join(' | ')}; wrap it as { data, meta? }.`,
            path,
          });
        }
        continue;
      }
      if (props.data === undefined) {
        results.push({
          message: `Success body is not a { data, meta? } envelope (its properties are ${describeProperties(props)}); move the payload under "data".`,
          path,
        });
        continue;
      }
      if (!isList) continue;
      const dataIsArray = isArraySchema(index.root, props.data);
      if (!dataIsArray) continue; // a list answering an envelope of a non-array is classified 'list' by items/results
      if (props.meta === undefined) {
        results.push({
          message: 'Collection body has "data" but no "meta"; add meta (total, page or cursor) beside the data array.',
          path,
        });
      }
    }
  }
  return results;
}

export default defineRule({
  id: 'require-response-envelope',
  category: 'api-contract',
  description: '2XX JSON bodies are `{ data, meta? }` envelopes; collections are a `data` array plus `meta`.',
  recommended: false,
  strict: 'warn',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(requireResponseEnvelope) },
  }),
});
