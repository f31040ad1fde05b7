/**
 * http-status-semantics: the status says what happened. A POST that creates a record answers
 * 201 Created, and 204 No Content / 304 Not Modified never carry a body.
 *
 * ESLint face: responses from the shared response model; "creates a record" from the shared
 * data-access model (create/insert/save of a new record — upserts excluded), attributed to the
 * POST routes whose handler (or a same-file function it calls) makes the call.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { createEslintRule, defineRule } from '../src/rule.js';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { classifyDbNode, describeDbOperation } from '../src/analysis/data-access.js';
import { crossFileCallEffects, describeChain } from '../src/project/index.js';
import { errorContextOf, responseAt, statusFix, type ResponseSite } from '../src/analysis/responses.js';
import { getRouteModel, handlerContext, type Route } from '../src/analysis/routes.js';
import { unwrap } from '../src/analysis/values.js';
import { indexFunction, type OperationInfo, type SpectralResult } from '../src/openapi/index.js';

type MessageIds = 'createdWith200' | 'bodyWithNoContent' | 'useStatus';

function hasBody(body: TSESTree.Node | null): boolean {
  if (!body) return false;
  const b = unwrap(body);
  if (b.type === 'Literal' && (b.value === null || b.value === '')) return false;
  if (b.type === 'Identifier' && b.name === 'undefined') return false;
  return true;
}

export default defineRule({
  id: 'http-status-semantics',
  category: 'api-design',
  description: 'Statuses match what happened: 201 for a POST that creates a record, no body with 204/304.',
  recommended: 'warn',
  strict: 'warn',
  spectral: httpStatusSemanticsSpectral,
  eslint: createEslintRule<[{ requireLocationHeader?: boolean }], MessageIds>({
    name: 'http-status-semantics',
    meta: {
      type: 'suggestion',
      docs: { description: 'A POST that creates answers 201; 204 and 304 responses have no body.' },
      hasSuggestions: true,
      // `requireLocationHeader` belongs to the OpenAPI face; accepted here so one backlint
      // config can set it for both engines (code responses are not judged on headers).
      schema: [{ type: 'object', properties: { requireLocationHeader: { type: 'boolean' } }, additionalProperties: false }],
      messages: {
        createdWith200:
          'This POST handler creates a record ({{what}}) but answers {{status}}{{how}}: answer 201 Created, with a Location header pointing at the new resource.',
        bodyWithNoContent:
          'Status {{status}} is sent with a body: {{status}} responses must not carry one — drop the body, or answer 200 if the body matters.',
        useStatus: 'Answer {{code}} instead.',
      },
    },
    defaultOptions: [{}],
    create(context) {
      const sc = context.sourceCode;
      const seen = new Set<TSESTree.Node>();
      const creates = new Map<Route, TSESTree.Node[]>();
      /** Creates reached through other files: the chain to name in the message. */
      const createdVia = new Map<TSESTree.Node, string>();
      const candidates: { site: ResponseSite; routes: Route[] }[] = [];

      // Creates only matter in files that declare POST routes: skip DB classification elsewhere.
      let postRoutes: boolean | null = null;
      const onDbNode = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void => {
        postRoutes ??= getRouteModel(context).routes.some((r) => r.methods.includes('POST'));
        if (!postRoutes) return;
        const op = classifyDbNode(node, context);
        if (op?.kind !== 'create') {
          // A service or repository of another file that inserts: `await usersService.create(dto)`.
          if (op || node.type !== AST_NODE_TYPES.CallExpression) return;
          const routes = handlerContext(context, node).filter((r) => r.methods.includes('POST'));
          const created = routes.length ? crossFileCallEffects(context, node)?.effects.get('db-create') : undefined;
          if (!created) return;
          createdVia.set(node, `${describeChain(context, created.hops)}: ${created.what}`);
          for (const route of routes) {
            const list = creates.get(route) ?? [];
            list.push(node);
            creates.set(route, list);
          }
          return;
        }
        for (const route of handlerContext(context, node)) {
          if (!route.methods.includes('POST')) continue;
          const list = creates.get(route) ?? [];
          list.push(node);
          creates.set(route, list);
        }
      };

      const onResponse = (node: TSESTree.Node): void => {
        const site = responseAt(context, node);
        if (!site || site.status === null) return;
        // An arrow's expression body is also visited as the call it is.
        if (seen.has(node)) return;
        seen.add(node);
        if ((site.status === 204 || site.status === 304) && hasBody(site.body)) {
          const fix = statusFix(sc, site, 200);
          context.report({
            node: site.node,
            messageId: 'bodyWithNoContent',
            data: { status: String(site.status) },
            suggest: fix ? [{ messageId: 'useStatus', data: { code: '200' }, fix }] : [],
          });
          return;
        }
        if (site.status !== 200 || errorContextOf(site.node)) return;
        const routes = handlerContext(context, site.node).filter((r) => r.methods.includes('POST'));
        if (routes.length) candidates.push({ site, routes });
      };

      return {
        CallExpression(node) {
          onDbNode(node);
          onResponse(node);
        },
        TaggedTemplateExpression: onDbNode,
        NewExpression: onResponse,
        AssignmentExpression: onResponse,
        ReturnStatement: onResponse,
        // The arrow's expression body, without a field selector (those are tested on every node).
        ArrowFunctionExpression(node) {
          onResponse(node.body);
        },
        'Program:exit'() {
          for (const { site, routes } of candidates) {
            const created = routes.flatMap((r) => creates.get(r) ?? []);
            // The answer must come after the create it reports on (an early "already exists" 200 is not it).
            const before = created.filter((c) => c.range[0] < site.node.range[0] || !sameFunction(c, site.node));
            if (!before.length) continue;
            const op = classifyDbNode(before[0] as TSESTree.CallExpression, context);
            const fix = statusFix(sc, site, 201);
            context.report({
              node: site.node,
              messageId: 'createdWith200',
              data: { what: op ? describeDbOperation(op) : (createdVia.get(before[0]!) ?? 'insert'), status: '200', how: site.statusExplicit ? '' : ' (implicitly)' },
              suggest: fix ? [{ messageId: 'useStatus', data: { code: '201' }, fix }] : [],
            });
          }
        },
      };
    },
  }),
});

function enclosingFn(node: TSESTree.Node): TSESTree.Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return n;
  }
  return null;
}

function sameFunction(a: TSESTree.Node, b: TSESTree.Node): boolean {
  return enclosingFn(a) === enclosingFn(b);
}

// ---- Spectral face -------------------------------------------------------------------------------

function statusResults(op: OperationInfo, requireLocation: boolean): SpectralResult[] {
  const out: SpectralResult[] = [];
  const label = `${op.method.toUpperCase()} ${op.path}`;
  const byStatus = new Map(op.responses.map((r) => [r.status.toUpperCase(), r]));
  const has = (s: string) => byStatus.has(s);
  const successKeys = op.responses.map((r) => r.status.toUpperCase()).filter((s) => /^2(\d\d|XX)$/.test(s));
  const responsesPath = [...op.jsonPath, 'responses'];

  // A range (2XX) says "some success": too vague to judge which one.
  if (op.kind === 'create' && !has('2XX') && !has('201') && !has('202')) {
    const given = successKeys.length > 0 ? `answers ${successKeys.join('/')}` : 'declares no success response';
    out.push({
      message: `${label} creates a resource (${op.createEvidence ?? 'a collection POST'}) but ${given}: declare 201 Created (with a Location header), or 202 Accepted when creation completes later.`,
      path: successKeys.length > 0 ? [...responsesPath, op.responses.find((r) => r.status.toUpperCase() === successKeys[0])!.status] : responsesPath,
    });
  }
  // Only POST: a 201 to a PUT without Location means the target URI itself was created (RFC 9110).
  if (requireLocation && op.method === 'post' && has('201') && !byStatus.get('201')!.headers.has('location')) {
    out.push({
      message: `${label} answers 201 Created without a Location header: declare \`Location\` with the URL of the new resource.`,
      path: byStatus.get('201')!.jsonPath,
    });
  }
  if (op.method === 'delete' && !has('2XX') && !has('200') && !has('202') && !has('204')) {
    out.push({
      message: `${label} declares no 204, 200 or 202 response: answer 204 No Content (or 200 with a body, 202 if deletion completes later).`,
      path: responsesPath,
    });
  }
  for (const code of ['204', '304']) {
    const r = byStatus.get(code);
    if (!r) continue;
    const content = r.response.content;
    if (content !== null && typeof content === 'object' && Object.keys(content).length > 0) {
      out.push({ message: `${label} declares a body for ${code}: a ${code} response has no content; remove \`content\` (or use 200).`, path: [...r.jsonPath, 'content'] });
    } else if (r.response.schema !== undefined) {
      out.push({ message: `${label} declares a body for ${code}: a ${code} response has no content; remove \`schema\` (or use 200).`, path: [...r.jsonPath, 'schema'] });
    }
  }
  if (has('202')) {
    const sync = ['200', '201'].filter(has);
    if (sync.length > 0) {
      out.push({
        message: `${label} declares 202 Accepted together with ${sync.join(' and ')}: an operation either completes now (${sync.join('/')}) or accepts work for later (202); split it or pick one.`,
        path: byStatus.get('202')!.jsonPath,
      });
    }
  }
  return out;
}

function httpStatusSemanticsSpectral(options: Record<string, unknown>, context?: { preset: 'recommended' | 'strict' }) {
  // The catalog asks for Location on 201 in the strict preset only; `requireLocationHeader` overrides.
  const requireLocation = typeof options.requireLocationHeader === 'boolean' ? options.requireLocationHeader : context?.preset === 'strict';
  return {
    given: '$',
    then: {
      function: indexFunction((index) => index.operations.filter((op) => !op.isWebhook).flatMap((op) => statusResults(op, requireLocation))),
    },
  };
}
