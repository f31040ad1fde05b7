/**
 * no-get-side-effects: GET and HEAD are safe methods — clients, crawlers, prefetchers and caches
 * call them freely and repeat them at will, so they must not change state.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { defineRule, createEslintRule } from '../src/rule.js';
import { classifyDbTaggedTemplate, classifySideEffect, describeDbOperation, type SideEffect } from '../src/analysis/data-access.js';
import { getRouteModel, handlerContext, type Route } from '../src/analysis/routes.js';
import { crossFileCallEffects, describeChain, externalHandlerEffects, firstEffect, type CrossFileEffects } from '../src/project/index.js';
import { effectiveSchema, indexFunction, isObject, type OperationInfo, type SpectralResult } from '../src/openapi/index.js';
import { splitSegmentWords } from '../src/analysis/paths.js';

type MessageIds = 'sideEffect';

const KIND_TEXT: Record<SideEffect['kind'], string> = {
  'db-write': 'writes to the database',
  'fs-write': 'writes to the file system',
  http: 'sends a state-changing HTTP request',
  message: 'sends a message (mail/queue)',
};

/**
 * Endpoints that are GETs by protocol, not by choice: OAuth/SSO redirects land on a callback, and
 * links in emails (verify, confirm, unsubscribe, magic links) can only be followed with a GET.
 * Their handlers are expected to write (exchange a code, mark an address verified).
 */
const LINK_TARGET_SEGMENTS = /^(?:callbacks?|oauth2?|sso|verify(?:-email)?|verification|confirm(?:ation)?|unsubscribe|magic(?:-link)?|activate|activation)$/i;

type Options = [{ allow?: string[] }];

const SIDE_EFFECT_KINDS = ['db-write', 'fs-write', 'http', 'message'] as const;

function isAllowed(route: Route, allow: readonly string[]): boolean {
  const path = route.path ?? route.localPath;
  if (!path) return false;
  if (allow.includes(path)) return true;
  const segments = path.split('/').filter((s) => s && !s.startsWith(':') && !s.startsWith('{') && !s.startsWith('['));
  return segments.some((s) => LINK_TARGET_SEGMENTS.test(s) || allow.includes(s));
}

function safeRoute(routes: readonly Route[], allow: readonly string[]): { route: Route; method: string } | null {
  for (const route of routes) {
    if (isAllowed(route, allow)) continue;
    for (const m of route.methods) if (m === 'GET' || m === 'HEAD') return { route, method: m };
  }
  return null;
}

export default defineRule({
  id: 'no-get-side-effects',
  category: 'api-design',
  description: 'GET and HEAD operations must be safe: no database writes, file writes, mutating outbound requests, mail or queue messages, and no request body.',
  recommended: 'error',
  strict: 'error',
  spectral: noGetSideEffectsSpectral,
  eslint: createEslintRule<Options, MessageIds>({
    name: 'no-get-side-effects',
    meta: {
      type: 'problem',
      docs: { description: 'GET and HEAD operations must be safe: no database writes, file writes, mutating outbound requests, mail or queue messages, and no request body.' },
      messages: {
        sideEffect:
          'The {{method}} {{path}} handler {{kind}} ({{what}}). {{method}} must be safe — clients, crawlers and caches repeat it freely: move the change to a POST, PUT, PATCH or DELETE route.',
      },
      schema: [
        {
          type: 'object',
          properties: {
            allow: { type: 'array', items: { type: 'string' }, description: 'Route paths, or static path segments, whose GET handlers may change state.' },
          },
          additionalProperties: false,
        },
      ],
    },
    defaultOptions: [{ allow: [] }],
    create(context, [options]) {
      // Only handlers of routes declared in this file are judged: no routes, nothing to do.
      if (getRouteModel(context).routes.length === 0) return {};
      const allow = options.allow ?? [];
      function reportAt(node: TSESTree.Node, hit: { route: Route; method: string }, kind: SideEffect['kind'], what: string): void {
        const path = hit.route.path ?? hit.route.localPath ?? '(dynamic path)';
        context.report({ node, messageId: 'sideEffect', data: { method: hit.method, path, kind: KIND_TEXT[kind], what } });
      }
      function report(node: TSESTree.Node, kind: SideEffect['kind'], what: string): void {
        const hit = safeRoute(handlerContext(context, node), allow);
        if (hit) reportAt(node, hit, kind, what);
      }
      /** A call into another file (or a handler that lives there): the first side effect it leads to. */
      function reportCrossFile(node: TSESTree.Node, hit: { route: Route; method: string }, cross: CrossFileEffects): void {
        const effect = firstEffect(cross, SIDE_EFFECT_KINDS);
        if (effect) reportAt(node, hit, effect.kind as SideEffect['kind'], `${describeChain(context, effect.hops)}: ${effect.what}`);
      }
      return {
        Program() {
          for (const route of getRouteModel(context).routes) {
            const hit = safeRoute([route], allow);
            if (!hit) continue;
            for (const handler of externalHandlerEffects(context, route)) reportCrossFile(handler.node, hit, handler);
          }
        },
        CallExpression(node) {
          const effect = classifySideEffect(node, context);
          if (effect) {
            report(node, effect.kind, effect.what);
            return;
          }
          const hit = safeRoute(handlerContext(context, node), allow);
          if (!hit) return;
          const cross = crossFileCallEffects(context, node);
          if (cross) reportCrossFile(node, hit, cross);
        },
        TaggedTemplateExpression(node) {
          const op = classifyDbTaggedTemplate(node, context);
          if (op?.operation === 'write') report(node, 'db-write', describeDbOperation(op));
        },
      };
    },
  }),
});

// ---- Spectral face -------------------------------------------------------------------------------

/** First words that announce a state change; judged on an operationId or summary's first word. */
const MUTATING_VERBS = new Set([
  'create', 'update', 'delete', 'remove', 'add', 'set', 'insert', 'upsert', 'modify', 'edit', 'save',
  'destroy', 'erase', 'reset', 'patch', 'put', 'write', 'register', 'unregister', 'assign', 'unassign',
  'enable', 'disable', 'archive', 'unarchive', 'submit', 'cancel', 'approve', 'revoke', 'increment',
]);

/** The first word of an operationId's last `/` or `.` part (`repos/delete-x` → delete), or a summary. */
function firstWord(text: string, isOperationId: boolean): string | undefined {
  const part = isOperationId ? text.split(/[/.:]/).filter(Boolean).pop() ?? '' : text;
  return splitSegmentWords(part.trim().split(/\s+/)[0] ?? '')[0];
}

/**
 * A body that can hold nothing: optional, and every media type's schema is an object with no
 * properties that forbids others. Generators emit these on every operation (Stripe: 216 GETs).
 */
function isEmptyBody(root: unknown, body: NonNullable<OperationInfo['requestBody']>): boolean {
  if (body.body.required === true || body.media.length === 0) return false;
  return body.media.every((m) => {
    const s = effectiveSchema(root, m.schema);
    if (!s || s.additionalProperties !== false) return false;
    return !isObject(s.properties) || Object.keys(s.properties).length === 0;
  });
}

function getSideEffectResults(root: unknown, op: OperationInfo): SpectralResult[] {
  const out: SpectralResult[] = [];
  const label = `${op.method.toUpperCase()} ${op.path}`;
  if (op.requestBody && !isEmptyBody(root, op.requestBody)) {
    out.push({
      message: `${label} declares a request body: GET and HEAD must be safe and carry no body; pass the input as query parameters, or use POST if the operation changes state.`,
      path: op.requestBody.jsonPath,
    });
  }
  for (const key of ['operationId', 'summary'] as const) {
    const value = op.operation[key];
    if (typeof value !== 'string') continue;
    const word = firstWord(value, key === 'operationId');
    if (word && MUTATING_VERBS.has(word)) {
      out.push({
        message: `${label} has ${key} "${value}", which starts with the mutating verb "${word}": GET and HEAD must not change state; use POST/PUT/PATCH/DELETE for it, or rename the ${key} if the operation only reads.`,
        path: [...op.jsonPath, key],
      });
      break;
    }
  }
  return out;
}

function noGetSideEffectsSpectral() {
  return {
    given: '$',
    then: {
      function: indexFunction((index) =>
        index.operations.filter((op) => !op.isWebhook && (op.method === 'get' || op.method === 'head')).flatMap((op) => getSideEffectResults(index.root, op)),
      ),
    },
  };
}
