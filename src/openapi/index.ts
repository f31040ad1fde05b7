/**
 * Shared OpenAPI analysis: import from here. See each module's header for its API:
 * `document.ts` (version, `$ref` resolution, `allOf` merging, media helpers), `operations.ts` (the
 * per-document index and the operation classifier), `status.ts` (registered HTTP status codes),
 * `rule-helpers.ts` (the pattern for efficient Spectral rule functions), `security.ts` (the public
 * endpoint set), `versioning.ts` (how a document declares its API version).
 */
export * from './document.js';
export * from './operations.js';
export * from './status.js';
export * from './rule-helpers.js';
export * from './security.js';
export * from './versioning.js';
