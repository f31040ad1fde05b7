/**
 * require-operation-docs: every operation carries what generated docs and SDKs are built from — a
 * unique `operationId`, a `summary` or `description`, and `tags`.
 */
import { defineRule } from '../src/rule.js';
import { indexFunction, type DocumentIndex, type SpectralResult } from '../src/openapi/index.js';

function nonEmptyString(v: unknown): boolean {
  return typeof v === 'string' && v.trim().length > 0;
}

export function checkOperationDocs(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  const firstById = new Map<string, string>();
  for (const op of index.operations) {
    const { operation } = op;
    const label = `${op.method.toUpperCase()} ${op.path}`;
    const id = operation.operationId;
    // Webhooks (OAS 3.1) are requests this API sends: no client method is generated for them.
    if (!nonEmptyString(id) && !op.isWebhook) {
      results.push({
        message: `${label} has no operationId; add a unique operationId (SDK generators and docs links use it).`,
        path: op.jsonPath,
      });
    } else if (nonEmptyString(id)) {
      const first = firstById.get(id as string);
      if (first !== undefined) {
        results.push({
          message: `operationId "${id as string}" of ${label} is already used by ${first}; operationIds must be unique.`,
          path: [...op.jsonPath, 'operationId'],
        });
      } else {
        firstById.set(id as string, label);
      }
    }
    if (!nonEmptyString(operation.summary) && !nonEmptyString(operation.description)) {
      results.push({
        message: `${label} has neither a summary nor a description; say what the operation does.`,
        path: op.jsonPath,
      });
    }
    const tags = operation.tags;
    if (!Array.isArray(tags) || !tags.some(nonEmptyString)) {
      results.push({
        message: `${label} has no tags; tag it so documentation groups it with its resource.`,
        path: Array.isArray(tags) ? [...op.jsonPath, 'tags'] : op.jsonPath,
      });
    }
  }
  return results;
}

export default defineRule({
  id: 'require-operation-docs',
  category: 'api-contract',
  description: 'Every operation has a unique operationId, a summary or description, and tags.',
  recommended: 'warn',
  strict: 'warn',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(checkOperationDocs) },
  }),
});
