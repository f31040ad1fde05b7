/**
 * consistent-error-schema: clients handle errors with one code path only if every error body has
 * one shape. Two findings, kept apart because they ask for different work:
 * - "inconsistent": a body that is not of the shape the document mostly uses (or the configured one);
 * - "not a standard shape": the document's one shape is its vendor's own, neither the
 *   `{ error: { code, message, details? } }` envelope nor RFC 9457 problem details — reported once.
 * Shapes a protocol mandates (SCIM's RFC 7644 error, OAuth 2.0's RFC 6749 error) are standard for
 * the endpoints that speak that protocol. Shapes are compared after `$ref` and `allOf` resolution.
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

/** `other` is a vendor's own shape, told apart by its property names. */
type Shape = 'envelope' | 'problem' | 'scim' | 'oauth2' | 'other';

const SHAPE_TEXT: Record<Shape, string> = {
  envelope: 'the { error: { code, message } } envelope',
  problem: 'RFC 9457 problem details (type, title, status, detail)',
  scim: 'the SCIM error of RFC 7644 (schemas, status, scimType, detail)',
  oauth2: 'the OAuth 2.0 error of RFC 6749 (error, error_description)',
  other: 'neither the { error: { code, message } } envelope nor RFC 9457 problem details',
};

const PROBLEM_MEDIA = /^application\/problem\+json\b/i;
const SCIM_MEDIA = /^application\/scim\+json\b/i;
const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'instance'] as const;

function properties(schema: Obj | undefined): Obj | undefined {
  return schema && isObject(schema.properties) ? schema.properties : undefined;
}

interface Judged {
  shape: Shape;
  /** Property names of a vendor shape (sorted), for grouping bodies into one shape. */
  props: string[];
}

// Error bodies are mostly a handful of shared components: judge each schema object once.
const shapeCache = new WeakMap<object, Judged | null>();

/** The shape of one error body; undefined when the schema says too little to judge. */
function shapeOf(root: unknown, schema: unknown, depth = 0): Judged | undefined {
  if (!isObject(schema)) return undefined;
  const cached = shapeCache.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  const shape = computeShape(root, schema, depth);
  shapeCache.set(schema, shape ?? null);
  return shape;
}

function computeShape(root: unknown, schema: unknown, depth: number): Judged | undefined {
  const s = effectiveSchema(root, schema);
  if (!s) return undefined;
  const props = properties(s);
  if (!props) {
    // Alternatives that all have the same shape have that shape; mixed ones are not judged.
    const alternatives = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
    if (alternatives && alternatives.length > 0 && depth < 4) {
      const shapes = alternatives.map((a) => shapeOf(root, a, depth + 1));
      const first = shapes[0];
      return first && shapes.every((x) => x && x.shape === first.shape && x.props.join() === first.props.join()) ? first : undefined;
    }
    // An array, a string or a free-form object is a shape we can name; `{}` is not.
    const named = s.type !== undefined && !(s.type === 'object' && s.additionalProperties !== false);
    return named ? { shape: 'other', props: [`(${String(s.type)})`] } : undefined;
  }
  // RFC 9457 makes every member optional; three of them, one being title or detail, is the shape.
  const members = PROBLEM_MEMBERS.filter((m) => props[m] !== undefined).length;
  // RFC 7644 §3.12: `schemas` (the error URN), `status`, `detail`, `scimType`.
  if (props.schemas !== undefined && props.status !== undefined && (props.detail !== undefined || props.scimType !== undefined)) {
    return { shape: 'scim', props: [] };
  }
  if (members >= 3 && (props.title !== undefined || props.detail !== undefined)) return { shape: 'problem', props: [] };
  const inner = properties(effectiveSchema(root, props.error));
  if (inner && inner.code !== undefined && inner.message !== undefined) return { shape: 'envelope', props: [] };
  // RFC 6749 §5.2: a string `error` code with an optional description (token and authorize endpoints).
  const errorProp = effectiveSchema(root, props.error);
  if (errorProp?.type === 'string' && props.error_description !== undefined) {
    return { shape: 'oauth2', props: [] };
  }
  return { shape: 'other', props: Object.keys(props).sort() };
}

interface ErrorBody extends Judged {
  path: JsonPath;
  /** The schema object (shared by every use of a `$ref`'d component in the resolved document). */
  node: unknown;
  /** The shape family this body belongs to: the shape, or `other:` and the family's properties. */
  family: string;
}

function isErrorStatus(status: string): boolean {
  return /^[45](\d\d|XX)$/i.test(status);
}

/**
 * Vendor shapes are one shape when one's property names contain the other's, with two names at
 * least in common: `ConflictError` extends `ClientError` with `context_info`. The most used set of
 * names founds a family; the rest join it or found their own.
 */
function assignFamilies(bodies: ErrorBody[]): void {
  const others = bodies.filter((b) => b.shape === 'other');
  const counts = new Map<string, { props: string[]; n: number }>();
  for (const b of others) {
    const key = b.props.join(',');
    const entry = counts.get(key) ?? { props: b.props, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  const founders: string[][] = [];
  for (const { props } of [...counts.values()].sort((a, b) => b.n - a.n)) {
    if (!founders.some((f) => related(f, props))) founders.push(props);
  }
  for (const b of bodies) {
    if (b.shape !== 'other') {
      b.family = b.shape;
      continue;
    }
    const founder = founders.find((f) => related(f, b.props)) ?? b.props;
    b.family = `other:${founder.join(',')}`;
  }
}

function related(a: string[], b: string[]): boolean {
  const common = a.filter((x) => b.includes(x)).length;
  return common >= 2 && (common === a.length || common === b.length);
}

/** `{ type, status, code, message, … }` for a message. */
function describeProps(family: string): string {
  const names = family.slice('other:'.length).split(',');
  if (names.length === 1 && names[0]!.startsWith('(')) return `(a ${names[0]!.slice(1, -1)})`;
  return names.length > 5 ? `{ ${names.slice(0, 5).join(', ')}, … }` : `{ ${names.join(', ')} }`;
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
        const path = media.schema === undefined ? media.jsonPath : schemaPath;
        // The media type itself declares the protocol's shape, whatever the schema spells out.
        if (PROBLEM_MEDIA.test(media.mediaType)) {
          bodies.push({ shape: 'problem', props: [], path, node: media.schema, family: '' });
          continue;
        }
        if (SCIM_MEDIA.test(media.mediaType) && media.schema === undefined) {
          bodies.push({ shape: 'scim', props: [], path, node: media.schema, family: '' });
          continue;
        }
        const judged = shapeOf(index.root, media.schema);
        if (judged) bodies.push({ ...judged, path: schemaPath, node: media.schema, family: '' });
      }
    }
  }
  if (bodies.length === 0) return [];
  assignFamilies(bodies);

  // OAuth 2.0 errors are mandated for the OAuth endpoints whatever the API's own shape: never judged.
  const judged = bodies.filter((b) => b.shape !== 'oauth2');
  if (judged.length === 0) return [];
  const counts = new Map<string, number>();
  for (const b of judged) counts.set(b.family, (counts.get(b.family) ?? 0) + 1);
  const standard = ['envelope', 'problem', 'scim'];
  let target: string;
  if (format === 'envelope') target = 'envelope';
  else if (format === 'problem+json') target = 'problem';
  else {
    // The family most bodies use; ties go to a standard shape, and among those to the envelope
    // (the shape the standards show).
    const rank = (f: string) => [counts.get(f) ?? 0, standard.includes(f) ? 1 : 0, f === 'envelope' ? 1 : 0];
    target = [...counts.keys()].sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return y[0]! - x[0]! || y[1]! - x[1]! || y[2]! - x[2]!;
    })[0]!;
  }
  const targetCount = counts.get(target) ?? 0;
  const targetText = target.startsWith('other:') ? `the document's own shape ${describeProps(target)}` : SHAPE_TEXT[target as Shape];

  const results: SpectralResult[] = [];
  const reported = new Set<unknown>();
  /** Once per schema object, and never through a use that suppresses the rule. */
  const claim = (body: ErrorBody): boolean => {
    if (body.node === undefined) return true;
    // Spectral maps every use of a `$ref`'d schema to the one component and drops the duplicates,
    // but only after paying for each: report each schema object once.
    if (reported.has(body.node)) return false;
    // A use suppressed by x-backlint-ignore must not stand in for the uses that are not.
    if (isIgnoredAt(index.root, body.path, CODE)) return false;
    reported.add(body.node);
    return true;
  };
  for (const body of judged) {
    if (body.family === target || !claim(body)) continue;
    const found = body.shape === 'other' ? `a shape of its own, ${describeProps(body.family)}` : SHAPE_TEXT[body.shape];
    const message = format !== 'either'
      ? `Inconsistent error shape: this body is ${found}, but the configured error format is ${SHAPE_TEXT[target as Shape]}; use it for every 4XX/5XX JSON response.`
      : `Inconsistent error shape: this body is ${found}, but ${targetCount} of the ${judged.length} error responses in this document use ${targetText}; give every 4XX/5XX JSON response that schema.`;
    results.push({ message, path: body.path });
  }
  // The document's one shape is its own: consistent, so one finding about the shape itself, at the
  // schema most of its error responses use.
  if (target.startsWith('other:')) {
    const uses = new Map<unknown, { body: ErrorBody; n: number }>();
    for (const b of judged) {
      if (b.family !== target) continue;
      const key = b.node ?? b;
      const entry = uses.get(key) ?? { body: b, n: 0 };
      entry.n++;
      uses.set(key, entry);
    }
    const main = [...uses.values()].sort((a, b) => b.n - a.n).map((u) => u.body).find((b) => !reported.has(b.node) && !isIgnoredAt(index.root, b.path, CODE));
    if (main) {
      const n = judged.length;
      const who = n === 1
        ? 'the only error response in this document uses'
        : targetCount === n ? `all ${n} error responses in this document share` : `${targetCount} of the ${n} error responses in this document share`;
      results.push({
        message: `Not a standard error shape: ${who} a shape of the document's own, ${describeProps(target)}, consistent but ${SHAPE_TEXT.other}; prefer one of those, which clients and tools already understand.`,
        path: main.path,
      });
    }
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
  options: [{ type: 'object', properties: { format: { enum: ['envelope', 'problem+json', 'either'] } }, additionalProperties: false }],
  spectral: (options) => ({
    given: '$',
    message: '{{error}}',
    then: {
      function: indexFunction((index) => consistentErrorSchema(index, options as ConsistentErrorSchemaOptions)),
    },
  }),
});
