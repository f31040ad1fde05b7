/**
 * The code side of the drift check: the routes of a project file as `CodeRoute`s — one per method
 * and full path (the project route table's `fullPathsOf`), each with the statuses its handlers
 * answer, wherever they are written:
 * - explicit statuses and the statuses of errors made, transitively through calls into other files
 *   (the project model's status summaries: `res.status(409)` in a controller, `throw new
 *   ConflictException()` in a service);
 * - NestJS `@HttpCode(n)` on the method, else Nest's implicit 201 for POST and 200 otherwise;
 * - the implicit 200 of a response written without a status (`res.json(x)`, `c.json(x)`, a value
 *   returned by a Fastify handler), in the handler itself.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getRouteModel, type FunctionNode, type Route } from '../analysis/routes.js';
import { responseAt, statusSiteAt } from '../analysis/responses.js';
import { pushChildren } from '../analysis/walk.js';
import { displayPath, type ProjectFile } from '../project/files.js';
import type { Project } from '../project/modules.js';
import { fullPathsOf } from '../project/route-table.js';
import { summarizeStatuses } from '../project/statuses.js';
import type { CodeRoute, StatusSite } from './check.js';

const MAX_WALK_NODES = 20_000;

function isFunction(n: TSESTree.Node): n is FunctionNode {
  return n.type === AST_NODE_TYPES.FunctionDeclaration || n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

/** The handler functions of a route, with the file each is written in. */
function handlerFunctions(project: Project, file: ProjectFile, route: Route): { file: ProjectFile; fn: FunctionNode }[] {
  const out: { file: ProjectFile; fn: FunctionNode }[] = [];
  for (const fn of route.handlers) out.push({ file, fn });
  for (const node of route.handlerNodes) {
    if (isFunction(node) || route.handlers.some((fn) => node.range[0] <= fn.range[0] && fn.range[1] <= node.range[1])) continue;
    let v;
    try {
      v = project.value(file, node);
    } catch {
      // intentionally ignored: an unresolvable handler answers nothing we can see
      continue;
    }
    if (v?.kind === 'function') out.push({ file: v.file, fn: v.node as FunctionNode });
  }
  return out;
}

/** Responses written without a status in `fn` itself: the framework answers 200. */
function implicitStatuses(root: string, file: ProjectFile, fn: FunctionNode): StatusSite[] {
  const out: StatusSite[] = [];
  const stack: TSESTree.Node[] = [fn.body];
  let seen = 0;
  while (stack.length > 0 && seen++ < MAX_WALK_NODES) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.AssignmentExpression) {
      const site = responseAt(file.context, node);
      if (site && !site.statusExplicit && site.status !== null && site.framework !== 'nest') {
        out.push({ code: site.status, file: displayPath(root, file.path), line: node.loc.start.line, column: node.loc.start.column + 1, how: file.sourceCode.getText(node).slice(0, 40).split('(')[0]! + '(…)' });
      }
    }
    pushChildren(stack, node, file.sourceCode.visitorKeys);
  }
  return out;
}

function nestStatus(root: string, file: ProjectFile, route: Route, method: string): StatusSite[] {
  for (const d of route.decorators) {
    const site = statusSiteAt(file.context, d);
    if (site?.status != null) return [{ code: site.status, file: displayPath(root, file.path), line: d.loc.start.line, column: d.loc.start.column + 1, how: file.sourceCode.getText(d) }];
  }
  const code = method === 'post' ? 201 : 200;
  return [{ code, file: displayPath(root, file.path), line: route.node.loc.start.line, column: route.node.loc.start.column + 1, how: `@${method[0]!.toUpperCase()}${method.slice(1)}() without @HttpCode (Nest's default)` }];
}

function statusesOf(project: Project, file: ProjectFile, route: Route, method: string): StatusSite[] {
  const root = project.root;
  const out: StatusSite[] = [];
  if (route.framework === 'nest') out.push(...nestStatus(root, file, route, method));
  for (const h of handlerFunctions(project, file, route)) {
    for (const c of summarizeStatuses(project, h.file, h.fn, 0).codes) {
      const last = c.hops[c.hops.length - 1];
      const where = last ? last.file : h.file.path;
      out.push({ code: c.status, file: displayPath(root, where), line: c.line, column: 1, how: c.what });
    }
    if (route.framework !== 'nest') out.push(...implicitStatuses(root, h.file, h.fn));
  }
  const seen = new Set<string>();
  return out.filter((s) => {
    const key = `${s.code}\0${s.file}\0${s.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const METHOD_ALIASES: Record<string, string> = { del: 'delete' };

/**
 * The routes `file` declares, one per method and full path; with the statuses their handlers answer
 * unless `statuses` is false (enough to decide whether a document describes this code at all).
 */
export function codeRoutesOf(project: Project, file: ProjectFile, statuses = true): CodeRoute[] {
  let routes: readonly Route[];
  try {
    routes = getRouteModel(file.context).routes;
  } catch {
    // intentionally ignored: a file the route model cannot read declares no routes we know
    return [];
  }
  const out: CodeRoute[] = [];
  for (const route of routes) {
    let paths;
    try {
      paths = fullPathsOf(project, file, route);
    } catch {
      // intentionally ignored: an unexpected shape leaves the route unknown (it only stops reports)
      paths = [{ path: null, known: null }];
    }
    for (const raw of route.methods) {
      const lower = raw.toLowerCase();
      const method = METHOD_ALIASES[lower] ?? lower;
      // Statuses are summarised on first read: the check reads them only for a route it matched
      // to an operation, so unmatched routes (and the paths-only overlap check) never pay for them.
      let sites: StatusSite[] | undefined;
      const statusesOfRoute = (): StatusSite[] => (sites ??= statuses ? statusesOf(project, file, route, method) : []);
      for (const p of paths) {
        const base = {
          method,
          fullPath: p.path,
          ownPath: p.known ?? '/*',
          file: displayPath(project.root, file.path),
          line: route.node.loc.start.line,
          column: route.node.loc.start.column + 1,
        };
        // Without statuses, plain data: nothing keeps the parsed file alive.
        out.push(
          statuses
            ? {
                ...base,
                get statuses() {
                  return statusesOfRoute();
                },
              }
            : { ...base, statuses: [] },
        );
      }
    }
  }
  return out;
}
