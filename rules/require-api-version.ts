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
import { DOCUMENT_VERSION_PATTERN, getIndex, isObject, versioningDeclaredBy, type DocumentIndex, type OperationInfo } from '../src/openapi/index.js';
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
function serverPath(server: unknown): string {
  if (!isObject(server) || typeof server.url !== 'string') return '';
  let resolved = server.url;
  if (isObject(server.variables)) {
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

/** OAS2 has one server (host + basePath); OAS3 root servers. */
function rootServers(index: DocumentIndex): unknown[] {
  if (index.version === '2.0') return typeof index.root.basePath === 'string' ? [{ url: index.root.basePath }] : [];
  return Array.isArray(index.root.servers) ? index.root.servers : [];
}

/** The servers an operation is served from: its own, its path item's, else the document's (OAS3). */
function effectiveServers(index: DocumentIndex, op: OperationInfo): unknown[] {
  for (const holder of [op.operation, op.pathItem]) {
    if (Array.isArray(holder.servers) && holder.servers.length > 0) return holder.servers;
  }
  return rootServers(index);
}

function serverKey(servers: unknown[]): string {
  return servers.map((s) => (isObject(s) && typeof s.url === 'string' ? s.url : '')).join(' ');
}

interface ApiVersionOptions {
  pattern: RegExp;
  allow: string[];
  versioning: string;
}

function apiVersionResults(index: DocumentIndex, options: ApiVersionOptions): IFunctionResult[] {
  if (index.operations.length === 0) return [];
  const versionedServer = (servers: unknown[]) => servers.some((s) => versionOf(serverPath(s), options.pattern) !== undefined);
  const judged = [...index.operationsByPath.keys()].filter((p) => !exempt(p, options.allow));
  // Operations served from other servers (another host, set on the path item or operation) are
  // another API as far as versions go: `/v1/…` of an inference host beside `/v2/…` is not a mix.
  const versionsByServer = new Map<string, Map<string, number>>();
  let unversioned = 0;
  let anyVersionedPath = false;
  let anyVersionedServer = versionedServer(rootServers(index));
  for (const p of judged) {
    const v = versionOf(p, options.pattern);
    const ops = index.operationsByPath.get(p) ?? [];
    const servers = ops.length > 0 ? effectiveServers(index, ops[0]!) : rootServers(index);
    if (!anyVersionedServer && versionedServer(servers)) anyVersionedServer = true;
    if (!v) {
      unversioned++;
      continue;
    }
    anyVersionedPath = true;
    const key = serverKey(servers);
    const versions = versionsByServer.get(key) ?? new Map<string, number>();
    versions.set(v, (versions.get(v) ?? 0) + 1);
    versionsByServer.set(key, versions);
  }
  const out: IFunctionResult[] = [];
  const serverOk = options.versioning !== 'path' && anyVersionedServer;
  const pathsOk = options.versioning !== 'server' && anyVersionedPath;
  // A version header or a versioned media type is a versioning scheme too, when any is accepted.
  const declared = options.versioning === 'any' ? versioningDeclaredBy(index) : undefined;
  if (!serverOk && !pathsOk && !declared && judged.length > 0) {
    const where = options.versioning === 'path' ? 'in its paths' : options.versioning === 'server' ? 'in its server URLs' : 'in its paths or server URLs, nor by a version header or media type';
    out.push({
      message: `The document declares no API version ${where} (${unversioned} unversioned path${unversioned === 1 ? '' : 's'}): version the API, e.g. a server URL ending in /v1 or paths under /v1, so breaking changes can ship as a new version.`,
      path: [],
    });
  }
  for (const versions of versionsByServer.values()) {
    if (versions.size < 2) continue;
    const list = [...versions.entries()].map(([v, n]) => `${v} on ${n} path${n === 1 ? '' : 's'}`).join(', ');
    out.push({ message: `Paths mix API versions (${list}): describe each version in its own document.`, path: [] });
  }
  return out;
}

function requireApiVersionSpectral(options: Record<string, unknown>) {
  // Documents spell versions more ways than route code does (`/2.0`, `/v2.1`, `/2010-04-01`).
  const pattern = typeof options.pattern === 'string' ? new RegExp(options.pattern) : DOCUMENT_VERSION_PATTERN;
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
