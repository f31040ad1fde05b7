/**
 * HTTP status codes registered with IANA (HTTP Status Code Registry). Shared by the ESLint and the
 * Spectral faces of `no-invalid-status-code` and by the status rules.
 *
 * API
 * - `REGISTERED_STATUS_CODES`: the set of registered codes (306 and 418 are listed by IANA as
 *   "unused" but reserved, and 418 is in wide use: they are accepted, precision first).
 * - `isRegisteredStatus(code: number)`.
 * - `isStatusRange(key)`: `1XX`–`5XX` (OpenAPI's range keys, upper or lower case `x`).
 */
export const REGISTERED_STATUS_CODES: ReadonlySet<number> = new Set([
  100, 101, 102, 103, 104,
  200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
  300, 301, 302, 303, 304, 305, 306, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
  421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

export function isRegisteredStatus(code: number): boolean {
  return REGISTERED_STATUS_CODES.has(code);
}

export function isStatusRange(key: string): boolean {
  return /^[1-5][xX][xX]$/.test(key);
}
