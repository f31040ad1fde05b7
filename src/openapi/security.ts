/**
 * What the OpenAPI rules know about authentication, as data.
 *
 * API
 * - `PUBLIC_SEGMENTS`: path segments (lower case) naming an endpoint that is public by nature: the
 *   catalog's well-known set (health, docs, login, token…) plus the OAuth authorization endpoint,
 *   which the browser reaches before the caller has any credential.
 */
import { WELL_KNOWN_SEGMENTS } from '../analysis/paths.js';

export const PUBLIC_SEGMENTS: ReadonlySet<string> = new Set([...WELL_KNOWN_SEGMENTS, 'authorize']);
