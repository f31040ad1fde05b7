/**
 * require-api-version: every route's full URL carries a major version segment (`/v1/…`), so a
 * breaking change can ship as a new version next to the old one.
 *
 * Judged only where the full URL is known, as the project's route table has it: prefixes from
 * mount points in other files (`app.use('/v1/users', usersRouter)`, Fastify `register`, Hono
 * `route`/`basePath`, `configureApp(app)`), NestJS global prefix and URI versioning, Next.js route
 * files. A route whose prefix is unknown, or that nothing mounts, is not judged: its version may
 * be in the part we cannot see. Reported once per router (per file for NestJS/Next.js).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { DEFAULT_VERSION_PATTERN, hasVersionSegment, parsePath } from '../src/analysis/paths.js';
import { getRouteModel, type Route } from '../src/analysis/routes.js';
import { routeFullPaths } from '../src/project/index.js';
import { getIndex, isObject, type DocumentIndex } from '../src/openapi/index.js';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { replaceBraced, trimEnd } from '../src/regex.js';

type Options = [{ pattern?: string; allow?: string[]; versioning?: 'any' | 'path' | 'server' }];
type MessageIds = 'unversioned';

/** Health checks, docs, auth callbacks… live outside API versions. */
function exempt(path: string, allow: readonly string[]): boolean {
  const segs = parsePath(path).filter((s) => s.kind !== 'api');
  if (!segs.length) return true; // '/' or '/api'
  const first = segs[0]!;
  if (first.kind === 'wellknown' || (first.kind === 'param' && segs.length === 1)) return true;
  const lower = path.toLowerCase();
  return allow.some((a) => {
    const p = trimEnd(a.toLowerCase(), '/');
    return lower === p || lower.startsWith(`${p}/`) || segs.some((s) => s.text.toLowerCase() === p);
  });
}

/** NestJS: the `@Controller(...)` decorator of the route's class. */
function controllerDecorator(route: Route): TSESTree.Node | null {
  return (
    route.decorators.find((d) => {
      const e = d.expression;
      const callee = e.type === AST_NODE_TYPES.CallExpression ? e.callee : e;
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Controller';
    }) ?? null
  );
}

export default defineRule({
  id: 'require-api-version',
  category: 'api-design',
  description: 'API routes carry a version segment in their path (e.g. /v1), so breaking changes can ship as a new version.',
  recommended: false,
  strict: 'warn',
  spectral: requireApiVersionSpectral,
  eslint: createEslintRule<Options, MessageIds>({
    name: 'require-api-version',
    meta: {
      type: 'suggestion',
      docs: { description: 'Route paths include a version segment such as /v1.' },
      schema: [
        {
          type: 'object',
          properties: {
            pattern: { type: 'string' },
            allow: { type: 'array', items: { type: 'string' } },
            versioning: { type: 'string', enum: ['any', 'path', 'server'] },
          },
          additionalProperties: false,
        },
      ],
      messages: {
        unversioned:
          'Route {{route}}{{more}} has no version segment (matching {{pattern}}): mount the API under a major version such as /v1 so breaking changes can ship as /v2 beside it.',
      },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      const pattern = options.pattern ? new RegExp(options.pattern) : DEFAULT_VERSION_PATTERN;
      const allow = options.allow ?? [];
      // Versioned by host/server URL only: the code's paths are not expected to carry it.
      if (options.versioning === 'server') return {};
      return {
        'Program:exit'() {
          const groups = new Map<unknown, { route: Route; path: string }[]>();
          for (const route of getRouteModel(context).routes) {
            // Judged when every complete path is unversioned: a router also served under /v1 has a
            // versioned URL, whatever legacy alias sits beside it.
            const complete = routeFullPaths(context, route).filter((p) => p.complete && p.path !== null);
            const unversioned = complete.find((p) => !hasVersionSegment(p.path!, pattern) && !exempt(p.path!, allow));
            if (!unversioned || complete.some((p) => hasVersionSegment(p.path!, pattern))) continue;
            const key = route.router ?? route.framework;
            const list = groups.get(key) ?? [];
            list.push({ route, path: unversioned.path! });
            groups.set(key, list);
          }
          for (const routes of groups.values()) {
            const first = routes[0]!.route;
            const router = first.router;
            const node = router?.mount ?? router?.creation ?? controllerDecorator(first) ?? first.pathNode;
            const more = routes.length > 1 ? ` (and ${routes.length - 1} more route${routes.length > 2 ? 's' : ''} of this ${router ? 'router' : 'file'})` : '';
            context.report({
              node,
              messageId: 'unversioned',
              data: { route: `${first.methods.join('/')} ${routes[0]!.path}`, more, pattern: String(pattern) },
            });
          }
        },
      };
    },
  }),
});

// ---- Spectral face -------------------------------------------------------------------------------

/** Server URL path with `{var}` replaced by the variable's default (`/{version}` → `/v1`). */
function serverPath(index: DocumentIndex, url: string, serverIndex: number | undefined): string {
  let resolved = url;
  const servers = Array.isArray(index.root.servers) ? index.root.servers : [];
  const server = serverIndex !== undefined ? servers[serverIndex] : undefined;
  if (isObject(server) && isObject(server.variables)) {
    const vars = server.variables;
    resolved = replaceBraced(resolved, (m, name) => {
      const v = vars[name];
      return isObject(v) && typeof v.default === 'string' ? v.default : m;
    });
  }
  const withoutScheme = resolved.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return withoutScheme.split(/[?#]/)[0] ?? '';
}

function versionOf(path: string, pattern: RegExp): string | undefined {
  return parsePath(path, { versionPattern: pattern })
    .filter((s) => s.kind === 'version')
    .map((s) => s.text)[0];
}

function apiVersionResults(index: DocumentIndex, options: { pattern: RegExp; allow: string[]; versioning: string }): IFunctionResult[] {
  if (index.operations.length === 0) return [];
  const versionedServer = index.servers.some((s) => {
    const i = typeof s.jsonPath[1] === 'number' ? s.jsonPath[1] : undefined;
    return versionOf(serverPath(index, s.url, s.jsonPath[0] === 'servers' ? i : undefined), options.pattern) !== undefined;
  });
  const judged = [...index.operationsByPath.keys()].filter((p) => !exempt(p, options.allow));
  const versions = new Map<string, number>();
  let unversioned = 0;
  for (const p of judged) {
    const v = versionOf(p, options.pattern);
    if (v) versions.set(v, (versions.get(v) ?? 0) + 1);
    else unversioned++;
  }
  const out: IFunctionResult[] = [];
  const serverOk = options.versioning !== 'path' && versionedServer;
  const pathsOk = options.versioning !== 'server' && versions.size > 0;
  if (!serverOk && !pathsOk && judged.length > 0) {
    const where = options.versioning === 'path' ? 'paths' : options.versioning === 'server' ? 'server URLs' : 'paths or server URLs';
    out.push({
      message: `The document has no API version in its ${where} (${unversioned} unversioned path${unversioned === 1 ? '' : 's'}): version the API, e.g. a server URL ending in /v1 or paths under /v1, so breaking changes can ship as a new version.`,
      path: [],
    });
  }
  if (versions.size > 1) {
    const list = [...versions.entries()].map(([v, n]) => `${v} on ${n} path${n === 1 ? '' : 's'}`).join(', ');
    out.push({ message: `Paths mix API versions (${list}): describe each version in its own document.`, path: [] });
  }
  return out;
}

function requireApiVersionSpectral(options: Record<string, unknown>) {
  const pattern = typeof options.pattern === 'string' ? new RegExp(options.pattern) : DEFAULT_VERSION_PATTERN;
  const allow = Array.isArray(options.allow) ? options.allow.filter((a): a is string => typeof a === 'string') : [];
  // `versioning`: where the version must be — `any` (default), `path` or `server`.
  const versioning = typeof options.versioning === 'string' ? options.versioning : 'any';
  return {
    given: '$',
    then: {
      function: (root: unknown) => {
        const results = apiVersionResults(getIndex(root), { pattern, allow, versioning });
        return results.length > 0 ? results : undefined;
      },
    },
  };
}
