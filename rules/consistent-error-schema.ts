/**
 * consistent-error-schema: clients handle errors with one code path only if every error body has
 * one shape. Two shapes qualify: the `{ error: { code, message, details? } }` envelope and RFC 9457
 * problem details. Shapes are compared after `$ref` and `allOf` resolution.
 */
import { defineRule } from '../src/rule.js';
import { isIgnoredAt } from '../src/spectral/ignore.js';
import {
  effectiveSchema,
  indexFunction,
  isJsonMediaType,
  isObject,
  type DocumentIndex,
  type JsonPath,
  type Obj,
  type SpectralResult,
} from '../src/openapi/index.js';

export type ErrorFormat = 'envelope' | 'problem+json' | 'either';

export interface ConsistentErrorSchemaOptions {
  /** The required error shape; `either` (default) accepts whichever allowed shape the document uses most. */
  format?: ErrorFormat;
}

const CODE = 'backlint/consistent-error-schema';

type Shape = 'envelope' | 'problem' | 'other';

const SHAPE_TEXT: Record<Shape, string> = {
  envelope: 'the { error: { code, message } } envelope',
  problem: 'RFC 9457 problem details (type, title, status, detail)',
  other: 'neither the { error: { code, message } } envelope nor RFC 9457 problem details',
};

const PROBLEM_MEDIA = /^application\/problem\+json\b/i;
const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'instance'] as const;

function properties(schema: Obj | undefined): Obj | undefined {
  return schema && isObject(schema.properties) ? schema.properties : undefined;
}

// Error bodies are mostly a handful of shared components: judge each schema object once.
const shapeCache = new WeakMap<object, Shape | null>();

/** The shape of one error body; undefined when the schema says too little to judge. */
function shapeOf(root: unknown, schema: unknown, depth = 0): Shape | undefined {
  if (!isObject(schema)) return undefined;
  const cached = shapeCache.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  const shape = computeShape(root, schema, depth);
  shapeCache.set(schema, shape ?? null);
  return shape;
}

function computeShape(root: unknown, schema: unknown, depth: number): Shape | undefined {
  const s = effectiveSchema(root, schema);
  if (!s) return undefined;
  const props = properties(s);
  if (!props) {
    // Alternatives that all have the same shape have that shape; mixed ones are not judged.
    const alternatives = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
    if (alternatives && alternatives.length > 0 && depth < 4) {
      const shapes = new Set(alternatives.map((a) => shapeOf(root, a, depth + 1)));
      return shapes.size === 1 ? [...shapes][0] : undefined;
    }
    // An array, a string or a free-form object is a shape we can name; `{}` is not.
    return s.type !== undefined && !(s.type === 'object' && s.additionalProperties !== false) ? 'other' : undefined;
  }
  // RFC 9457 makes every member optional; three of them, one being title or detail, is the shape.
  const members = PROBLEM_MEMBERS.filter((m) => props[m] !== undefined).length;
  if (members >= 3 && (props.title !== undefined || props.detail !== undefined)) return 'problem';
  const inner = properties(effectiveSchema(root, props.error));
  if (inner && inner.code !== undefined && inner.message !== undefined) return 'envelope';
  return 'other';
}

interface ErrorBody {
  shape: Shape;
  path: JsonPath;
  /** The schema object (shared by every use of a `$ref`'d component in the resolved document). */
  node: unknown;
}

function isErrorStatus(status: string): boolean {
  return /^[45](\d\d|XX)$/i.test(status);
}

export function consistentErrorSchema(index: DocumentIndex, options: ConsistentErrorSchemaOptions): SpectralResult[] {
  const format: ErrorFormat = options.format ?? 'either';
  const bodies: ErrorBody[] = [];
  for (const op of index.operations) {
    if (op.isWebhook) continue;
    for (const response of op.responses) {
      // `default` may be a success fallback; the catalog judges only explicit 4XX/5XX.
      if (!isErrorStatus(response.status)) continue;
      for (const media of response.media) {
        if (!isJsonMediaType(media.mediaType)) continue;
        const schemaPath = [...media.jsonPath, 'schema'];
        // The media type itself declares RFC 9457, whatever the schema spells out.
        if (PROBLEM_MEDIA.test(media.mediaType)) {
          bodies.push({ shape: 'problem', path: media.schema === undefined ? media.jsonPath : schemaPath, node: media.schema });
          continue;
        }
        const shape = shapeOf(index.root, media.schema);
        if (shape) bodies.push({ shape, path: schemaPath, node: media.schema });
      }
    }
  }
  if (bodies.length === 0) return [];

  const envelopes = bodies.filter((b) => b.shape === 'envelope').length;
  const problems = bodies.filter((b) => b.shape === 'problem').length;
  let target: Shape;
  if (format === 'envelope') target = 'envelope';
  else if (format === 'problem+json') target = 'problem';
  // Ties go to the envelope: it is the shape the standards show.
  else target = problems > envelopes ? 'problem' : 'envelope';
  const targetCount = target === 'envelope' ? envelopes : problems;

  const allowed = `${SHAPE_TEXT.envelope} or ${SHAPE_TEXT.problem}`;
  const results: SpectralResult[] = [];
  const reported = new Set<unknown>();
  for (const body of bodies) {
    if (body.shape === target) continue;
    // Spectral maps every use of a `$ref`'d schema to the one component and drops the duplicates,
    // but only after paying for each: report each schema object once.
    if (body.node !== undefined) {
      if (reported.has(body.node)) continue;
      // A use suppressed by x-backlint-ignore must not stand in for the uses that are not.
      if (isIgnoredAt(index.root, body.path, CODE)) continue;
      reported.add(body.node);
    }
    const found = `Error response body is ${SHAPE_TEXT[body.shape]}`;
    let message: string;
    if (format !== 'either') {
      message = `${found}, but the configured error format is ${SHAPE_TEXT[target]}; use it for every 4XX/5XX JSON response.`;
    } else if (targetCount > 0) {
      message = `${found}, but ${targetCount} of the ${bodies.length} error responses in this document use ${SHAPE_TEXT[target]}; give every 4XX/5XX JSON response that schema.`;
    } else {
      message = `${found}, and no error response in this document uses an allowed shape; give every 4XX/5XX JSON response one error schema: ${allowed}.`;
    }
    results.push({ message, path: body.path });
  }
  return results;
}

export default defineRule({
  id: 'consistent-error-schema',
  category: 'api-contract',
  description:
    'All 4XX/5XX JSON error responses share one error shape: the `{ error: { code, message, details? } }` envelope or RFC 9457 problem details.',
  recommended: 'warn',
  strict: 'warn',
  spectral: (options) => ({
    given: '$',
    message: '{{error}}',
    then: {
      function: indexFunction((index) => consistentErrorSchema(index, options as ConsistentErrorSchemaOptions)),
    },
  }),
});
