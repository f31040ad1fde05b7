/**
 * How an OpenAPI document says which version of the API it describes, as data: the forms
 * require-api-version accepts.
 *
 * API
 * - `DOCUMENT_VERSION_PATTERN`: a path or server-URL segment that is a version: `v1`, `v2.1`,
 *   `2.0`, `1.2.3`, and release dates `2010-04-01` (Twilio) or `2024-01` (monthly releases).
 * - `versioningDeclaredBy(index)` → how the document declares a version outside its URLs, or
 *   undefined: a version header parameter (`Stripe-Version`, `X-API-Version`, `Accept-Version`…)
 *   or a versioned media type (`application/vnd.github.v3+json`, `application/json; version=2`).
 */
import type { DocumentIndex } from './operations.js';
import { isObject, resolve } from './document.js';
import { tooLongToJudge } from '../regex.js';

export const DOCUMENT_VERSION_PATTERN = /^(?:[vV]\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)?|\d{4}-\d{2}(?:-\d{2})?)$/;

/**
 * A header naming the API version: `Version`, `API-Version`, `X-API-Version`, `Accept-Version`, or a
 * vendor's `<Vendor>-Version` / `<Vendor>-API-Version`. The words before `version` that name some
 * other thing's version (the client app, the SDK) do not count.
 */
const VERSION_HEADER = /^(?:x-)?(?:([a-z0-9]+)-)?(?:api-?)?version$/i;
const NOT_API_VERSION = new Set(['client', 'app', 'sdk', 'os', 'build', 'browser', 'device', 'library', 'firmware', 'software', 'schema']);

export function isVersionHeaderName(name: string): boolean {
  if (tooLongToJudge(name, 'identifier')) return false;
  const m = VERSION_HEADER.exec(name);
  return m !== null && !(m[1] !== undefined && NOT_API_VERSION.has(m[1].toLowerCase()));
}

/** `vnd.<vendor>.v3+json`, `…; version=2`, `…; v=2`. */
const VERSIONED_MEDIA_TYPE = /\.v\d+(?:\.\d+)*(?:\+|;|$)|;\s*(?:api-)?(?:version|v)\s*=/i;

export function isVersionedMediaType(mediaType: string): boolean {
  return !tooLongToJudge(mediaType, 'shortValue') && VERSIONED_MEDIA_TYPE.test(mediaType);
}

export type VersioningDeclaration = { by: 'header'; name: string } | { by: 'media-type'; name: string };

const cache = new WeakMap<DocumentIndex, VersioningDeclaration | null>();

export function versioningDeclaredBy(index: DocumentIndex): VersioningDeclaration | undefined {
  let found = cache.get(index);
  if (found === undefined) {
    found = findDeclaration(index) ?? null;
    cache.set(index, found);
  }
  return found ?? undefined;
}

function findDeclaration(index: DocumentIndex): VersioningDeclaration | undefined {
  for (const op of index.operations) {
    const header = op.parameters.find((p) => p.in.toLowerCase() === 'header' && isVersionHeaderName(p.name));
    if (header) return { by: 'header', name: header.name };
  }
  // Parameters declared once for reuse (OAS3 components, Swagger root parameters).
  const components = isObject(index.root.components) ? index.root.components.parameters : index.root.parameters;
  if (isObject(components)) {
    for (const raw of Object.values(components)) {
      const p = resolve(index.root, raw);
      if (isObject(p) && typeof p.name === 'string' && String(p.in).toLowerCase() === 'header' && isVersionHeaderName(p.name)) {
        return { by: 'header', name: p.name };
      }
    }
  }
  for (const op of index.operations) {
    const media = [...(op.requestBody?.media ?? []), ...op.responses.flatMap((r) => r.media)];
    const versioned = media.find((m) => isVersionedMediaType(m.mediaType));
    if (versioned) return { by: 'media-type', name: versioned.mediaType };
    // Swagger 2.0 lists media types in produces/consumes rather than per response.
    for (const key of ['produces', 'consumes'] as const) {
      const list = op.operation[key] ?? index.root[key];
      if (Array.isArray(list)) {
        const mt = list.find((x): x is string => typeof x === 'string' && isVersionedMediaType(x));
        if (mt) return { by: 'media-type', name: mt };
      }
    }
  }
  return undefined;
}
