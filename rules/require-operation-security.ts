/**
 * require-operation-security: every operation states how callers authenticate. The only way to
 * publish an unauthenticated operation is to say so (`security: []` on the operation) on a path
 * that is a well-known public endpoint (health, login, token, docs…).
 */
import { defineRule } from '../src/rule.js';
import { lastLineStart } from '../src/regex.js';
import { parsePath, WELL_KNOWN_SEGMENTS } from '../src/analysis/paths.js';
import { indexFunction, isObject, type DocumentIndex, type OperationInfo, type SpectralResult } from '../src/openapi/index.js';

/**
 * True when the requirements demand nothing: `[]`, or only empty alternatives (`[{}]`, anonymous
 * access). A list mixing `{}` with a real scheme is optional authentication: a requirement exists.
 */
function requiresNothing(security: readonly unknown[]): boolean {
  return security.every((req) => isObject(req) && Object.keys(req).length === 0);
}

/**
 * Public endpoints are recognised by a well-known segment. Two real-world spellings are folded in:
 * a version suffix on the segment (`/oauth2/token` → oauth) and a `#fragment` some documents append
 * to path keys to tell duplicates apart (`/oauth2/token#refresh`).
 */
function isPublicPath(path: string): boolean {
  // `/#.*$/` restarted at every `#`: cut at the first `#` after the last line break instead.
  const hash = path.indexOf('#', lastLineStart(path));
  return parsePath(hash === -1 ? path : path.slice(0, hash)).some(
    (s) => s.kind === 'wellknown' || (s.kind === 'static' && WELL_KNOWN_SEGMENTS.has(withoutVersionSuffix(s.text.toLowerCase()))),
  );
}

/** `oauth2` → `oauth`, `tokenv1` → `token`: what `.replace(/v?\d+$/, '')` did, without its restarts. */
export function withoutVersionSuffix(word: string): string {
  let digits = word.length;
  while (digits > 0 && word.charCodeAt(digits - 1) >= 48 && word.charCodeAt(digits - 1) <= 57) digits--;
  if (digits === word.length) return word;
  return word.slice(0, digits > 0 && word[digits - 1] === 'v' ? digits - 1 : digits);
}

function label(op: OperationInfo): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

export function requireOperationSecurity(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  for (const op of index.operations) {
    // Webhooks are requests the API sends; their authentication is the receiver's business.
    if (op.isWebhook) continue;
    if (op.security === undefined) {
      results.push({
        message: `${label(op)} has no security requirement (neither the operation nor the document root declares "security"); declare the scheme that protects it.`,
        path: op.jsonPath,
      });
      continue;
    }
    if (!requiresNothing(op.security)) continue;
    if (op.securitySource === 'operation') {
      if (isPublicPath(op.path)) continue;
      results.push({
        message: `${label(op)} opts out of authentication with an empty "security", but its path is not a well-known public endpoint (health, login, signup, token, docs…); require a security scheme.`,
        path: [...op.jsonPath, 'security'],
      });
    } else {
      results.push({
        message: `${label(op)} inherits an empty root "security", so it requires no authentication; declare a security requirement (public endpoints opt out on the operation).`,
        path: op.jsonPath,
      });
    }
  }
  return results;
}

export default defineRule({
  id: 'require-operation-security',
  category: 'api-contract',
  description:
    'Every operation has an effective security requirement, unless it is a well-known public endpoint that opts out with `security: []`.',
  recommended: 'error',
  strict: 'error',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(requireOperationSecurity) },
  }),
});
