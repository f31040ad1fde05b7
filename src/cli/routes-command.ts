/**
 * `backlint routes [paths]`: the project's route table — method, full path, declaration, handler,
 * middleware chain and whether the path is complete — as text or JSON. The project root is the
 * working directory, as for `lint()`; only code files under `paths` are listed.
 */
import path from 'node:path';
import { discoverFiles } from '../pipeline/discover.js';
import { buildRouteTable, middlewareRefs, Project, type CodeRef, type RouteTableEntry } from '../project/index.js';
import { displayPath } from '../project/files.js';
import { sanitizeTerminal } from '../report/stylish.js';

import type { RoutesFormat } from './route-formats.js';

export { ROUTES_FORMATS, type RoutesFormat } from './route-formats.js';

export interface RouteRow {
  method: string;
  /** The URL path; null when a prefix on the way is unknown. */
  path: string | null;
  /** As much of the path as is known (the route's own part when the prefix is unknown). */
  known: string | null;
  complete: boolean;
  framework: string;
  file: string;
  line: number;
  handlers: CodeRef[];
  middleware: CodeRef[];
}

function rel(root: string, r: CodeRef): CodeRef {
  return { ...r, file: displayPath(root, r.file) };
}

/** One row per method and full path of every route declared under `paths`. */
export async function routeRows(paths: readonly string[], cwd: string): Promise<RouteRow[]> {
  const root = path.resolve(cwd);
  const { code } = await discoverFiles({ cwd: root, paths });
  const table: RouteTableEntry[] = buildRouteTable(new Project(root), code);
  const rows: RouteRow[] = [];
  for (const e of table) {
    for (const p of e.paths) {
      for (const method of e.methods) {
        rows.push({
          method,
          path: p.path,
          known: p.known,
          complete: p.complete,
          framework: e.framework,
          file: displayPath(root, e.file),
          line: e.line,
          handlers: e.handlers.map((h) => rel(root, h)),
          middleware: middlewareRefs(p).map((m) => rel(root, m)),
        });
      }
    }
  }
  return rows;
}

export function formatRoutes(rows: readonly RouteRow[], format: RoutesFormat): string {
  const complete = rows.filter((r) => r.complete).length;
  if (format === 'json') return `${JSON.stringify({ version: 1, routes: rows, summary: { routes: rows.length, complete } }, null, 2)}\n`;
  const lines = rows.map((r) => {
    const shown = r.path ?? `…${r.known ?? '(dynamic)'}`;
    const handlers = r.handlers.map((h) => `${h.name} (${h.file}:${h.line})`).join(', ');
    const mw = r.middleware.length > 0 ? `  [${r.middleware.map((m) => m.name).join(', ')}]` : '';
    return sanitizeTerminal(`${r.method.padEnd(7)} ${shown}  ${r.file}:${r.line}  → ${handlers}${mw}${r.complete ? '' : '  (incomplete)'}`);
  });
  return `${[...lines, `${rows.length} routes, ${complete} complete`].join('\n')}\n`;
}
