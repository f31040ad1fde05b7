/**
 * valid-examples: every example a document shows validates against the schema it illustrates —
 * media-type `example`/`examples`, parameter and header examples, Swagger 2.0 response `examples`,
 * and a schema's own `example` (3.1: `examples`); and that request examples show no readOnly
 * property and response examples no writeOnly one (src/openapi/read-write-only.ts). Replaces
 * Spectral's `oas*-valid-*-example` rules, which dominate `spectral:oas`'s run time: here
 * validators are compiled once per schema and shared components once per document (see
 * src/openapi/example-validator.ts).
 */
import { defineRule } from '../src/rule.js';
import {
  indexFunction,
  isJsonMediaType,
  isObject,
  type DocumentIndex,
  type JsonPath,
  type MediaInfo,
  type Obj,
  type SpectralResult,
} from '../src/openapi/index.js';
import { ExampleValidator, type ExampleContext, type SchemaDialect } from '../src/openapi/example-validator.js';
import { documentSchemaNodes } from '../src/openapi/schemas.js';
import { MisplacedProperties } from '../src/openapi/read-write-only.js';

const DIALECTS: Record<string, SchemaDialect> = { '2.0': 'oas2', '3.0': 'oas3.0', '3.1': 'oas3.1' };

function pointerTokens(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function checkExamples(index: DocumentIndex): SpectralResult[] {
  const dialect = index.version ? DIALECTS[index.version] : undefined;
  if (!dialect) return [];
  const { root } = index;
  const components = index.version === '2.0' ? root.definitions : isObject(root.components) ? root.components.schemas : undefined;
  const validator = new ExampleValidator(dialect, isObject(components) ? components : undefined, root);
  const misplaced = new MisplacedProperties(root);
  const results: SpectralResult[] = [];
  // A shared example (`components/examples`) checked against the same schema from several
  // operations is one finding, reported where it is written.
  const done = new WeakMap<object, Map<string, Set<unknown>>>();
  // The same for misplaced properties, per place in the example: a shared example shown in the
  // requests of two operations is reported once, and one shown in a request and a response can
  // be wrong in each.
  const placed = new WeakMap<object, Map<string, Set<string>>>();

  /** `holder[slot]` is the example (slot: `example`, `value`, a mime type or an index). */
  const check = (schema: unknown, holder: Obj, slot: string | number, context: ExampleContext, where: JsonPath | (() => JsonPath), what: string) => {
    const value = Array.isArray(holder) ? (holder as unknown[])[slot as number] : holder[slot];
    if (schema === undefined || value === undefined) return;
    const pathOf = () => (typeof where === 'function' ? where() : where);
    if (context !== 'any') checkPlacement(schema, value, holder, String(slot), context, pathOf, what);
    let slots = done.get(holder);
    if (!slots) done.set(holder, (slots = new Map()));
    let schemas = slots.get(String(slot));
    if (!schemas) slots.set(String(slot), (schemas = new Set()));
    if (schemas.has(schema)) return;
    schemas.add(schema);
    const error = validator.validate(schema, value, context);
    if (!error) return;
    const at = error.instancePath ? ` at ${error.instancePath}` : '';
    results.push({
      message: `${what} does not match its schema: the value${at} ${error.message}.`,
      path: [...pathOf(), ...pointerTokens(error.instancePath)],
    });
  };

  /** readOnly properties in a request example, writeOnly ones in a response example. */
  const checkPlacement = (schema: unknown, value: unknown, holder: Obj, slot: string, context: 'request' | 'response', pathOf: () => JsonPath, what: string) => {
    if (value === null || typeof value !== 'object') return;
    const found = misplaced.find(schema, value, context);
    if (found.length === 0) return;
    let slots = placed.get(holder);
    if (!slots) placed.set(holder, (slots = new Map()));
    let seen = slots.get(slot);
    if (!seen) slots.set(slot, (seen = new Set()));
    for (const { tokens, name, role } of found) {
      const pointer = tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
      const key = `${context}\u0000${pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const why = role === 'readOnly'
        ? 'the server sets it and does not accept it in a request'
        : 'the server accepts it and never returns it in a response';
      results.push({
        message: `${what} shows ${role} property "${name}"${tokens.length > 1 ? ` at ${pointer}` : ''}: ${why}.`,
        path: [...pathOf(), ...tokens],
      });
    }
  };

  /** OAS3 `example` / `examples` of a media type, parameter or header. */
  const checkHolder = (holder: Obj, schema: unknown, context: ExampleContext, path: JsonPath, what: string) => {
    if (holder.example !== undefined) check(schema, holder, 'example', context, [...path, 'example'], `The example of ${what}`);
    if (isObject(holder.examples)) {
      for (const [name, ex] of Object.entries(holder.examples)) {
        if (!isObject(ex) || !('value' in ex)) continue;
        check(schema, ex, 'value', context, [...path, 'examples', name, 'value'], `Example "${name}" of ${what}`);
      }
    }
  };

  const checkMedia = (m: MediaInfo, context: ExampleContext, what: string) => {
    if (!isJsonMediaType(m.mediaType)) return;
    checkHolder(m.media, m.schema, context, m.jsonPath, what);
  };

  for (const op of index.operations) {
    const label = `${op.method.toUpperCase()} ${op.path}`;
    if (index.version !== '2.0') {
      for (const p of op.parameters) {
        checkHolder(p.param, p.schema, 'request', p.jsonPath, `${p.in} parameter "${p.name}" of ${label}`);
        if (isObject(p.param.content)) {
          for (const [mt, media] of Object.entries(p.param.content)) {
            if (isObject(media) && isJsonMediaType(mt)) {
              checkHolder(media, media.schema, 'request', [...p.jsonPath, 'content', mt], `${p.in} parameter "${p.name}" of ${label}`);
            }
          }
        }
      }
      for (const m of op.requestBody?.media ?? []) checkMedia(m, 'request', `the ${m.mediaType} request body of ${label}`);
    }
    for (const r of op.responses) {
      const what = `the ${r.status} response of ${label}`;
      if (index.version === '2.0') {
        if (isObject(r.response.examples)) {
          const examples = r.response.examples;
          for (const mt of Object.keys(examples)) {
            if (isJsonMediaType(mt)) check(r.response.schema, examples, mt, 'response', [...r.jsonPath, 'examples', mt], `The ${mt} example of ${what}`);
          }
        }
      } else {
        for (const m of r.media) checkMedia(m, 'response', `the ${m.mediaType} ${r.status} response of ${label}`);
        if (isObject(r.response.headers)) {
          for (const [name, header] of Object.entries(r.response.headers)) {
            if (isObject(header)) checkHolder(header, header.schema, 'any', [...r.jsonPath, 'headers', name], `header "${name}" of ${what}`);
          }
        }
      }
    }
  }

  // A schema's own example: its use (request or response) is unknown, so both readOnly and
  // writeOnly properties may be absent.
  for (const { schema: node, path: p, via } of documentSchemaNodes(index)) {
    if (node.example === undefined && node.examples === undefined) continue;
    const what = via.kind === 'property' ? `The example of property "${via.name}"` : 'The schema example';
    if (dialect !== 'oas3.1') check(node, node, 'example', 'any', () => [...p(), 'example'], what);
    else {
      const list = node.examples;
      if (Array.isArray(list)) list.forEach((_ex, i) => check(node, list as unknown as Obj, i, 'any', () => [...p(), 'examples', i], what));
      else check(node, node, 'example', 'any', () => [...p(), 'example'], what);
    }
  }
  return results;
}

export default defineRule({
  id: 'valid-examples',
  category: 'api-contract',
  description: 'Examples validate against their schemas (readOnly/writeOnly respected; OAS 3.0 null needs nullable); request examples show no readOnly property, response examples no writeOnly one.',
  recommended: 'error',
  strict: 'error',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(checkExamples) },
  }),
});
