/**
 * Path templates and matching between routes in code and operations in an OpenAPI document.
 *
 * Both sides become a list of segments: a literal (compared case-insensitively, as Express and
 * most routers do by default) or a parameter (`:id`, `{userId}`, `[id]` — matched by position, the
 * names never compared). A path that routes by pattern — a wildcard, a regex, an optional or
 * catch-all parameter, a segment mixing text and parameters — is `dynamic`: it may match, so it
 * may suppress a report, but it is never reported itself (when unsure, never report).
 *
 * Matching is two-level:
 * - `exact`: same length, parameter against parameter, equal literals;
 * - `covers`: same length, and every pair is equal literals or has a parameter on either side —
 *   `/users/me` in code is served by an operation `/users/{id}` as far as a client can tell, so it
 *   is not "undocumented", and `/users/{id}` is not "unimplemented" while `/users/:id` exists.
 * Parameter-count drift is a `covers` pair that is not `exact` and differs in parameter count.
 */

export type Segment = { param: false; text: string } | { param: true };

export interface PathTemplate {
  segments: Segment[];
  /** Routes by pattern somewhere: may match more than its segments say. */
  dynamic: boolean;
}

export const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function splitSegments(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('/')) if (part !== '') out.push(part);
  return out;
}

const PARAM_START = new Set([':', '{', '[']);

/** One segment of a route path as code writes it (Express/Fastify/Koa/Hono/Nest `:id`, Next `[id]`). */
function codeSegment(raw: string): { segment: Segment; dynamic: boolean } {
  // A wildcard segment (`*`, `*path`) matches anything, this segment included.
  if (raw.startsWith('*')) return { segment: { param: true }, dynamic: true };
  if (raw.startsWith(':')) {
    // `:id`, `:id(\\d+)` (Express/Koa regex), `:id{[0-9]+}` (Hono) are one parameter; `:id?` is optional.
    const dynamic = raw.endsWith('?') || raw.endsWith('*') || raw.endsWith('+') || raw.slice(1).includes(':');
    return { segment: { param: true }, dynamic };
  }
  if (raw.startsWith('[') && raw.endsWith(']')) {
    // Next.js: `[...slug]` and `[[...slug]]` are catch-alls.
    return { segment: { param: true }, dynamic: raw.startsWith('[...') || raw.startsWith('[[') };
  }
  if (raw.startsWith('{') && raw.endsWith('}') && raw.indexOf('{', 1) < 0) return { segment: { param: true }, dynamic: false };
  let dynamic = false;
  for (const ch of raw) {
    if (ch === '*' || ch === '(' || ch === ')' || ch === '?' || ch === '+' || PARAM_START.has(ch)) {
      dynamic = true;
      break;
    }
  }
  return { segment: { param: false, text: raw.toLowerCase() }, dynamic };
}

/** A route path as written in code. */
export function codeTemplate(path: string): PathTemplate {
  const segments: Segment[] = [];
  let dynamic = false;
  for (const raw of splitSegments(path)) {
    const s = codeSegment(raw);
    segments.push(s.segment);
    dynamic ||= s.dynamic;
  }
  return { segments, dynamic };
}

/** An OpenAPI path template (`/users/{id}`); a segment like `{id}.json` is dynamic. */
export function documentTemplate(path: string): PathTemplate {
  const segments: Segment[] = [];
  let dynamic = false;
  for (const raw of splitSegments(path)) {
    const open = raw.indexOf('{');
    if (open < 0) {
      segments.push({ param: false, text: raw.toLowerCase() });
    } else {
      segments.push({ param: true });
      if (open !== 0 || raw.indexOf('}') !== raw.length - 1) dynamic = true;
    }
  }
  return { segments, dynamic };
}

export function paramCount(t: PathTemplate): number {
  let n = 0;
  for (const s of t.segments) if (s.param) n++;
  return n;
}

export function exactMatch(a: PathTemplate, b: PathTemplate): boolean {
  if (a.segments.length !== b.segments.length) return false;
  return a.segments.every((s, i) => {
    const o = b.segments[i]!;
    return s.param ? o.param : !o.param && o.text === s.text;
  });
}

export function covers(a: PathTemplate, b: PathTemplate): boolean {
  if (a.segments.length !== b.segments.length) return false;
  return a.segments.every((s, i) => {
    const o = b.segments[i]!;
    return s.param || o.param || s.text === o.text;
  });
}

/**
 * Whether a dynamic (or prefix-unknown) route could serve `doc`: its literal segments, aligned at
 * the end (an unknown prefix hides the start), never contradict the document's. Deliberately loose:
 * it only ever stops a report.
 */
export function mayServe(route: PathTemplate, doc: PathTemplate, prefixKnown: boolean): boolean {
  if (route.dynamic) {
    // A pattern route may match any length; only a literal first segment that differs rules it out.
    const first = route.segments[0];
    const docFirst = doc.segments[0];
    if (!prefixKnown || !first || first.param || !docFirst || docFirst.param) return true;
    return first.text === docFirst.text;
  }
  if (prefixKnown) return covers(route, doc);
  if (route.segments.length > doc.segments.length) return false;
  const offset = doc.segments.length - route.segments.length;
  return route.segments.every((s, i) => {
    const o = doc.segments[offset + i]!;
    return s.param || o.param || s.text === o.text;
  });
}

/** Does a route declared for `routeMethod` answer a request with `method`? */
export function methodServes(routeMethod: string, method: string): boolean {
  if (routeMethod === 'all' || routeMethod === '*') return true;
  if (routeMethod === method) return true;
  // HEAD is answered by the GET route in Express, Koa, Fastify (exposeHeadRoutes), Hono and Nest.
  return method === 'head' && routeMethod === 'get';
}

/** `/users/{}/posts` — for messages and for grouping. */
export function templateText(t: PathTemplate): string {
  return '/' + t.segments.map((s) => (s.param ? '{}' : s.text)).join('/');
}

/** Joins path prefixes the way routers do: one slash between parts, none trailing. */
export function joinPaths(...parts: string[]): string {
  const segs: string[] = [];
  for (const p of parts) segs.push(...splitSegments(p));
  return '/' + segs.join('/');
}
