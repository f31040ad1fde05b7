/**
 * require-cache-headers: a GET 200 is the response caches and conditional requests are for; the
 * contract should say how it may be cached (`Cache-Control`) or revalidated (`ETag`,
 * `Last-Modified`).
 */
import { defineRule } from '../src/rule.js';
import { isIgnoredAt } from '../src/spectral/ignore.js';
import { indexFunction, type DocumentIndex, type SpectralResult } from '../src/openapi/index.js';

const CODE = 'backlint/require-cache-headers';
const CACHE_HEADERS = ['cache-control', 'etag', 'last-modified'] as const;

export function requireCacheHeaders(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  // A shared `components.responses` entry is one object here and one finding after Spectral maps
  // its uses to the component: report it once instead of once per operation.
  const seen = new Set<object>();
  for (const op of index.operations) {
    if (op.isWebhook || op.method !== 'get') continue;
    for (const response of op.responses) {
      if (response.status !== '200' || seen.has(response.response)) continue;
      // A use suppressed by x-backlint-ignore must not stand in for the uses that are not.
      if (isIgnoredAt(index.root, response.jsonPath, CODE)) continue;
      seen.add(response.response);
      if (CACHE_HEADERS.some((h) => response.headers.has(h))) continue;
      results.push({
        message:
          'GET 200 response declares neither Cache-Control nor ETag/Last-Modified; declare how it may be cached or revalidated (Cache-Control: no-store if it must not be).',
        path: response.jsonPath,
      });
    }
  }
  return results;
}

export default defineRule({
  id: 'require-cache-headers',
  category: 'api-contract',
  description: 'GET 200 responses declare `Cache-Control` or an `ETag`/`Last-Modified` validator.',
  recommended: false,
  strict: 'warn',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(requireCacheHeaders) },
  }),
});
