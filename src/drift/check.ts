/**
 * The drift check proper: one document's operations against the routes of the code it describes.
 * Pure: no files, no parsing — the pipeline (CLI) and the ESLint rule feed it and place the results.
 *
 * Four kinds of finding (see rules/spec-drift.md):
 * 1. `undocumented-route`: a route no operation covers (same method, `covers` path);
 * 2. `unimplemented-operation`: an operation no route may serve — exact or covering routes, and
 *    any dynamic route or route with an unknown prefix that `mayServe` it, all stop the report;
 * 3. `undocumented-status`: a status a route's handler sends that its operation does not list
 *    and no `default` or range covers;
 * 4. `param-count`: a route and an operation that cover each other but are not the same template
 *    and differ in how many path parameters they have (reported instead of 1 and 2 for the pair).
 * Nothing is reported for a route whose full path is unknown or dynamic.
 */
import { statusDocumented, type DocOperation } from './document.js';
import { codeTemplate, covers, documentTemplate, exactMatch, mayServe, methodServes, paramCount, templateText, type PathTemplate, type Segment } from './match.js';

export interface StatusSite {
  code: number;
  file: string;
  line: number;
  column: number;
  /** How the status is set, for the message: `res.status(404)`, `throw new NotFoundException()`. */
  how: string;
}

export interface CodeRoute {
  /** Lower case; `all` for Express `app.all`. */
  method: string;
  /** Full path from the application root; null when a prefix is unknown. */
  fullPath: string | null;
  /** The path as declared at the route itself (for matching when the prefix is unknown). */
  ownPath: string;
  file: string;
  line: number;
  column: number;
  statuses: StatusSite[];
}

export type DriftKind = 'undocumented-route' | 'unimplemented-operation' | 'undocumented-status' | 'param-count';

export interface DriftFinding {
  kind: DriftKind;
  /** Which side the finding is placed on. */
  side: 'code' | 'document';
  file: string;
  line: number;
  column: number;
  /** For document-side findings: the operation's JSON path (the pipeline locates it). */
  jsonPath?: (string | number)[];
  /** For code-side findings: the file declaring the route concerned. */
  routeFile?: string;
  message: string;
}

export interface DriftInput {
  documentFile: string;
  /** Locates an operation in the document for messages: `openapi.yaml:12`. */
  locate: (op: DocOperation) => { line: number; column: number };
  operations: DocOperation[];
  routes: CodeRoute[];
  /**
   * The document's paths are partly elsewhere (`$ref` to other files) or the code's routes are not
   * all known: absence on that side proves nothing, so kinds 1 and 4 (or 2) are not reported.
   */
  documentIncomplete?: boolean;
  /**
   * The routes of the project's other files (outside the pair), asked only for an operation about
   * to be reported unimplemented: a route there whose full path is known (or anchored) may serve
   * it — `/signalk` answered by a server file beside the API folders. Never reported themselves;
   * routes there of unknown mount are not asked (a wildcard anywhere would silence every report).
   */
  elsewhere?: (op: DocOperation) => readonly CodeRoute[];
}

interface Prepared {
  route: CodeRoute;
  template: PathTemplate;
  known: boolean;
}

/**
 * The literal segments every operation's full path (its last segment aside) begins with, when the
 * document has two or more paths: a document served at the root whose paths all start with
 * `/signalk/v2/api/vessels/self/radars` anchors routes by that as a server prefix would.
 */
function commonPrefix(operations: readonly DocOperation[]): PathTemplate | null {
  let common: Segment[] | null = null;
  const paths = new Set<string>();
  for (const op of operations) {
    paths.add(op.path);
    for (const t of op.templates) {
      if (!t.prefixKnown) return null;
      const segs = t.template.segments.slice(0, -1);
      if (common === null) {
        common = [];
        for (const s of segs) {
          if (s.param) break;
          common.push(s);
        }
        continue;
      }
      let n = 0;
      while (n < common.length && n < segs.length && !segs[n]!.param && (segs[n] as { text: string }).text === (common[n] as { text: string }).text) n++;
      common.length = n;
    }
  }
  return common && common.length > 0 && paths.size >= 2 ? { segments: common, dynamic: false } : null;
}

/**
 * The document's server prefixes (`/signalk/v2/api`) as segment lists: the known, non-root ones,
 * and the prefix all its paths share. The root prefix `/` anchors nothing — every path starts with it.
 */
function serverPrefixes(operations: readonly DocOperation[]): PathTemplate[] {
  const out: PathTemplate[] = [];
  const seen = new Set<string>();
  const shared = commonPrefix(operations);
  if (shared) {
    seen.add(templateText(shared));
    out.push(shared);
  }
  for (const op of operations) {
    const own = documentTemplate(op.path).segments.length;
    for (const t of op.templates) {
      if (!t.prefixKnown || t.template.segments.length <= own) continue;
      const prefix: PathTemplate = { segments: t.template.segments.slice(0, t.template.segments.length - own), dynamic: false };
      if (prefix.segments.some((s) => s.param)) continue;
      const key = templateText(prefix);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(prefix);
    }
  }
  return out;
}

function startsWith(path: PathTemplate, prefix: PathTemplate): boolean {
  if (path.segments.length < prefix.segments.length) return false;
  return prefix.segments.every((s, i) => {
    const o = path.segments[i]!;
    return !s.param && !o.param && s.text === o.text;
  });
}

/**
 * A route whose mount is unknown but whose own path already begins with a server prefix of the
 * document (`this.app.get('/signalk/v2/api/…')` on an app passed in from elsewhere) writes the
 * document's URL itself: its own path is taken as its full path. A router mounted under yet another
 * prefix would still be the endpoint the document describes there, so the pair holds either way.
 * The root prefix `/` anchors nothing.
 */
export function anchorRoutes(routes: readonly CodeRoute[], operations: readonly DocOperation[]): CodeRoute[] {
  let anchors: PathTemplate[] | undefined;
  return routes.map((route) => {
    if (route.fullPath !== null) return route;
    anchors ??= serverPrefixes(operations);
    if (anchors.length === 0) return route;
    const own = codeTemplate(route.ownPath);
    return !own.dynamic && anchors.some((a) => startsWith(own, a)) ? { ...route, fullPath: route.ownPath } : route;
  });
}

function prepare(route: CodeRoute): Prepared {
  const known = route.fullPath !== null;
  return { route, template: codeTemplate(route.fullPath ?? route.ownPath), known };
}

function opLabel(op: DocOperation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

function routeLabel(r: CodeRoute): string {
  return `${r.method === 'all' ? 'ALL' : r.method.toUpperCase()} ${r.fullPath ?? r.ownPath}`;
}

export function checkDrift(input: DriftInput): DriftFinding[] {
  const { operations, documentFile } = input;
  const routes = anchorRoutes(input.routes, operations).map(prepare);
  const out: DriftFinding[] = [];
  const where = (op: DocOperation) => {
    const at = input.locate(op);
    return `${documentFile}:${at.line} (${op.pointer})`;
  };
  const paramPairs = new Set<DocOperation>();
  // One finding per status site and code, naming every operation it is missing from.
  const statusFindings = new Map<string, { site: StatusSite; route: CodeRoute; ops: DocOperation[] }>();

  for (const p of routes) {
    const { route, template, known } = p;
    if (!known || template.dynamic) continue;
    const sameMethod = operations.filter((op) => methodServes(route.method, op.method) || (route.method === 'get' && op.method === 'head'));
    let match: DocOperation | undefined;
    let loose: DocOperation | undefined;
    // Paths of operations where a parameter of the route stands against a literal of the document.
    const spelledOut = new Set<string>();
    for (const op of sameMethod) {
      for (const t of op.templates) {
        if (t.prefixKnown && exactMatch(template, t.template)) match ??= op;
        else if (t.prefixKnown ? covers(template, t.template) : mayServe(t.template, template, false)) {
          loose ??= op;
          if (t.prefixKnown && paramCount(t.template) < paramCount(template)) spelledOut.add(op.path);
        }
      }
    }
    if (route.method === 'all') {
      // `app.all('/x')` documents itself through any of its methods: report only when none covers.
      if (!match && !loose && !input.documentIncomplete) out.push(undocumented(route, documentFile));
      continue;
    }
    const op = match ?? loose;
    if (!op) {
      if (!input.documentIncomplete) out.push(undocumented(route, documentFile));
      continue;
    }
    // A parameter the document spells out value by value (`/activeRoute/:action` against
    // `/activeRoute/nextPoint`, `/activeRoute/reverse`…): the route serves each of them, and the
    // count differs only because the document enumerates the values. A status is then drift only
    // when none of those operations lists it.
    const ops = match || spelledOut.size < 2 ? [] : sameMethod.filter((o) => spelledOut.has(o.path) && o.method === route.method);
    if (new Set(ops.map((o) => o.path)).size >= 2) {
      for (const s of route.statuses) {
        if (ops.some((o) => statusDocumented(o.statuses, s.code))) continue;
        const key = `${s.file}\0${s.line}\0${s.code}`;
        const group = statusFindings.get(key);
        if (!group) statusFindings.set(key, { site: s, route, ops: [...ops] });
        else for (const o of ops) if (!group.ops.includes(o)) group.ops.push(o);
      }
      continue;
    }
    if (!match && loose) {
      const t = loose.templates.find((x) => x.prefixKnown) ?? loose.templates[0]!;
      if (t.prefixKnown && paramCount(template) !== paramCount(t.template) && !input.documentIncomplete) {
        paramPairs.add(loose);
        out.push({
          kind: 'param-count',
          side: 'code',
          file: route.file,
          line: route.line,
          column: route.column,
          routeFile: route.file,
          message: `\`${routeLabel(route)}\` has ${paramCount(template)} path parameter(s) where its operation \`${opLabel(loose)}\` in ${where(loose)} has ${paramCount(t.template)}: one of them routes a segment the other treats as fixed.`,
        });
        continue;
      }
    }
    for (const s of route.statuses) {
      if (statusDocumented(op.statuses, s.code)) continue;
      const key = `${s.file}\0${s.line}\0${s.code}`;
      const group = statusFindings.get(key);
      if (!group) statusFindings.set(key, { site: s, route, ops: [op] });
      else if (!group.ops.includes(op)) group.ops.push(op);
    }
  }
  for (const { site: s, route, ops } of statusFindings.values()) {
    const op = ops[0]!;
    const more = ops.length > 1 ? ` (and ${ops.length - 1} more operation${ops.length > 2 ? 's' : ''} reached from here)` : '';
    out.push({
      kind: 'undocumented-status',
      side: 'code',
      file: s.file,
      line: s.line,
      column: s.column,
      routeFile: route.file,
      message: `\`${s.how}\` answers ${s.code} for \`${routeLabel(route)}\`, but its operation \`${opLabel(op)}\` in ${where(op)} does not list ${s.code}, a ${String(s.code)[0]}XX range or \`default\`${more}.`,
    });
  }

  for (const op of operations) {
    if (paramPairs.has(op)) continue;
    const served = routes.some(({ route, template, known }) => {
      if (!methodServes(route.method, op.method) && route.method !== 'use') return false;
      return op.templates.some((t) => (known && t.prefixKnown && !template.dynamic ? covers(template, t.template) : mayServe(template, t.template, known && t.prefixKnown)));
    });
    if (served) continue;
    if (input.elsewhere) {
      const others = anchorRoutes(input.elsewhere(op), operations)
        .filter((r) => r.fullPath !== null)
        .map(prepare);
      const servedElsewhere = others.some(({ route, template }) => {
        if (!methodServes(route.method, op.method)) return false;
        return op.templates.some((t) => t.prefixKnown && (template.dynamic ? mayServe(template, t.template, true) : covers(template, t.template)));
      });
      if (servedElsewhere) continue;
    }
    const at = input.locate(op);
    out.push({
      kind: 'unimplemented-operation',
      side: 'document',
      file: documentFile,
      line: at.line,
      column: at.column,
      jsonPath: op.jsonPath.map((x) => (typeof x === 'number' ? x : String(x))),
      message: `Operation \`${opLabel(op)}\` is described here but no route in the code implements it (full paths ${op.templates.map((t) => `\`${t.fullPath}\``).join(', ')}).`,
    });
  }
  return out;
}

function undocumented(route: CodeRoute, documentFile: string): DriftFinding {
  return {
    kind: 'undocumented-route',
    side: 'code',
    file: route.file,
    routeFile: route.file,
    line: route.line,
    column: route.column,
    message: `Route \`${routeLabel(route)}\` is not described in ${documentFile}: no operation with this method and path. Document it, or remove the route if it should not be public.`,
  };
}
