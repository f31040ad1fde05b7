/**
 * require-operation-security: every operation states how callers authenticate. An operation that
 * says `security: []` itself has made that statement (public on purpose) and is honoured; what is
 * reported is an operation about which the document says nothing, or one that only inherits an
 * empty root `security` without being a well-known public endpoint.
 */
import { defineRule } from '../src/rule.js';
import { lastLineStart } from '../src/regex.js';
import { isIgnoredAt } from '../src/spectral/ignore.js';
import { parsePath } from '../src/analysis/paths.js';
import { indexFunction, isObject, PUBLIC_SEGMENTS, type DocumentIndex, type OperationInfo, type SpectralResult } from '../src/openapi/index.js';

/**
 * True when the requirements demand nothing: `[]`, or only empty alternatives (`[{}]`, anonymous
 * access). A list mixing `{}` with a real scheme is optional authentication: a requirement exists.
 */
function requiresNothing(security: readonly unknown[]): boolean {
  return security.every((req) => isObject(req) && Object.keys(req).length === 0);
}

/**
 * Public endpoints are recognised by a segment of the public set (src/openapi/security.ts). Two real-world spellings are folded in:
 * a version suffix on the segment (`/oauth2/token` → oauth) and a `#fragment` some documents append
 * to path keys to tell duplicates apart (`/oauth2/token#refresh`).
 */
function isPublicPath(path: string): boolean {
  // `/#.*$/` restarted at every `#`: cut at the first `#` after the last line break instead.
  const hash = path.indexOf('#', lastLineStart(path));
  return parsePath(hash === -1 ? path : path.slice(0, hash)).some(
    (s) => s.kind === 'wellknown' || (s.kind === 'static' && PUBLIC_SEGMENTS.has(withoutVersionSuffix(s.text.toLowerCase()))),
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

const CODE = 'backlint/require-operation-security';
const OPT_OUT = 'mark a deliberately public operation with `security: []`';

export function requireOperationSecurity(index: DocumentIndex): SpectralResult[] {
  const results: SpectralResult[] = [];
  // Operations about which the document says nothing: no requirement of their own and none, or only
  // an empty one inherited from the root on a path that is not public by nature. An operation's own
  // `security: []` is a statement, and is honoured.
  const unstated = index.operations.filter(
    (op) =>
      !op.isWebhook &&
      (op.security === undefined || (op.securitySource === 'root' && requiresNothing(op.security) && !isPublicPath(op.path))),
  );
  if (unstated.length === 0) return results;
  // No scheme anywhere: one cause, so one finding, not one per operation (GitHub's description
  // would give 1,223).
  if (index.securitySchemes.length === 0) {
    // The one finding stands for operations that did not suppress it themselves; those that did
    // get their own finding, which the suppression wrapper records as suppressed.
    const counted = unstated.filter((op) => !isIgnoredAt(index.root, op.jsonPath, CODE));
    for (const op of unstated) if (!counted.includes(op)) results.push(unstatedFinding(op));
    if (counted.length === 0) return results;
    const n = index.operations.filter((op) => !op.isWebhook).length;
    const which = counted.length === n
      ? `none of its ${n} operation${n === 1 ? '' : 's'} states`
      : `${counted.length} of its ${n} operations ${counted.length === 1 ? 'does' : 'do'} not state`;
    const where = index.version === '2.0' ? '`securityDefinitions`' : '`components.securitySchemes`';
    results.push({
      message: `The document declares no security schemes, and ${which} how callers authenticate: declare the schemes (${where}) and a root \`security\` requirement, and ${OPT_OUT}.`,
      path: [],
    });
    return results;
  }
  return unstated.map(unstatedFinding);
}

function unstatedFinding(op: OperationInfo): SpectralResult {
  return op.security === undefined
    ? {
        message: `${label(op)} has no security requirement (neither the operation nor the document root declares "security"): declare the scheme that protects it, or ${OPT_OUT}.`,
        path: op.jsonPath,
      }
    : {
        message: `${label(op)} inherits an empty root "security", so it requires no authentication: declare a security requirement, or ${OPT_OUT}.`,
        path: op.jsonPath,
      };
}

export default defineRule({
  id: 'require-operation-security',
  category: 'api-contract',
  description:
    'Every operation has an effective security requirement, or opts out explicitly with its own `security: []`.',
  recommended: 'error',
  strict: 'error',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(requireOperationSecurity) },
  }),
});
