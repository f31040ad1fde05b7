/**
 * What the OpenAPI rules know about authentication, as data.
 *
 * API
 * - `PUBLIC_SEGMENTS`: path segments (lower case) naming an endpoint that is public by nature: the
 *   catalog's well-known set (health, docs, login, token…) plus the OAuth authorization endpoint,
 *   which the browser reaches before the caller has any credential.
 * - `isSecured(op)`: some alternative of the effective security names a scheme (optional
 *   authentication still authenticates callers).
 * - `rateLimitReason(op)`: why an operation is worth rate limiting — `'a secured write operation'`,
 *   `'a write operation'`, `'a secured operation'` — or undefined. require-rate-limit-responses asks
 *   these operations for a 429; require-error-responses leaves the 429 of exactly these to it, so a
 *   missing 429 is one finding, not two.
 * - `isCredentialParameterName(name)`: a query/path parameter name that carries a credential
 *   (`access_token`, `client_secret`, `api_key`…), compared without case, `-` or `_`. Names that
 *   only contain "token" (`page_token`, `next_token`) are pagination, not credentials, and
 *   `authorization` is left out: as a parameter it names a resource (Stripe's issuing
 *   authorizations), while the credential travels in the header of that name.
 */
import { WELL_KNOWN_SEGMENTS } from '../analysis/paths.js';
import { isObject } from './document.js';
import type { OperationInfo } from './operations.js';

export const PUBLIC_SEGMENTS: ReadonlySet<string> = new Set([...WELL_KNOWN_SEGMENTS, 'authorize']);

export function isSecured(op: OperationInfo): boolean {
  return Array.isArray(op.security) && op.security.some((req) => isObject(req) && Object.keys(req).length > 0);
}

const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

export function rateLimitReason(op: OperationInfo): string | undefined {
  const write = WRITE_METHODS.has(op.method);
  const secured = isSecured(op);
  if (!write && !secured) return undefined;
  return write && secured ? 'a secured write operation' : write ? 'a write operation' : 'a secured operation';
}

/** Credential parameter names, without case, `-` and `_` (`access_token`, `Access-Token`, `accessToken`). */
const CREDENTIAL_PARAMETER_NAMES: ReadonlySet<string> = new Set([
  'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'bearertoken', 'sessiontoken', 'apikey', 'apisecret', 'apitoken',
  'clientsecret', 'secretkey', 'privatekey', 'password', 'passwd',
]);

export function isCredentialParameterName(name: string): boolean {
  return name.length <= 64 && CREDENTIAL_PARAMETER_NAMES.has(name.toLowerCase().replace(/[-_]/g, ''));
}
