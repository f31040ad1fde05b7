/**
 * require-jwt-expiry: a signed JWT without `exp` is a bearer credential that never dies; a leaked
 * access token stays valid until the signing key is rotated. Access tokens should be short-lived
 * (minutes), with longer sessions carried by refresh tokens that the server can revoke.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { tooLongToJudge } from '../src/regex.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import { getObjectLiteral, getProperty, getStaticValue, hasUnknownSpread, NOT_STATIC, splitWords } from '../src/analysis/values.js';

type Options = [{ maxAccessTokenLifetime?: number | string }];
type MessageIds = 'missingExpiry' | 'missingExpiryJose' | 'longAccessToken';

const id = 'require-jwt-expiry';

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001, msec: 0.001, msecs: 0.001, millisecond: 0.001, milliseconds: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, week: 604800, weeks: 604800,
  y: 31557600, yr: 31557600, yrs: 31557600, year: 31557600, years: 31557600,
};

/**
 * Seconds in a lifetime: a number is seconds (both jsonwebtoken and jose); a string uses the
 * `ms`/jose vocabulary ('15m', '2 hours'). A unit-less string is milliseconds in jsonwebtoken.
 */
export function lifetimeSeconds(value: unknown, unitlessStringIsMs = true): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || tooLongToJudge(value, 'shortValue')) return null;
  // trim() strips exactly what `\s` matches; the adjacent `\s*` runs it replaces made the
  // pattern cubic on a string of spaces.
  const m = /^\+?\s*(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (!m[2]) return unitlessStringIsMs ? n / 1000 : n;
  const unit = UNIT_SECONDS[m[2].toLowerCase()];
  return unit === undefined ? null : n * unit;
}

function formatSeconds(s: number): string {
  if (s % 86400 === 0) return `${s / 86400} day${s === 86400 ? '' : 's'}`;
  if (s % 3600 === 0) return `${s / 3600} hour${s === 3600 ? '' : 's'}`;
  if (s % 60 === 0) return `${s / 60} minutes`;
  return `${s} seconds`;
}

function functionName(fn: TSESTree.Node): string | null {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const p = fn.parent;
  if (!p) return null;
  if (p.type === AST_NODE_TYPES.VariableDeclarator && p.id.type === AST_NODE_TYPES.Identifier) return p.id.name;
  if ((p.type === AST_NODE_TYPES.Property || p.type === AST_NODE_TYPES.MethodDefinition || p.type === AST_NODE_TYPES.PropertyDefinition) && !p.computed) {
    return p.key.type === AST_NODE_TYPES.Identifier ? p.key.name : null;
  }
  if (p.type === AST_NODE_TYPES.AssignmentExpression && p.left.type === AST_NODE_TYPES.MemberExpression) return propertyName(p.left);
  return null;
}

/**
 * The name the code gives the token: the first binding it lands in (variable, property,
 * assignment target) or, when it is returned directly, the enclosing function's name.
 */
function tokenName(node: TSESTree.Node): string | null {
  let cur: TSESTree.Node = node;
  for (let p = cur.parent; p; cur = p, p = p.parent) {
    if (p.type === AST_NODE_TYPES.VariableDeclarator) return p.id.type === AST_NODE_TYPES.Identifier ? p.id.name : null;
    if (p.type === AST_NODE_TYPES.Property && p.value === cur) return propertyName(p);
    if (p.type === AST_NODE_TYPES.AssignmentExpression) {
      return p.left.type === AST_NODE_TYPES.Identifier ? p.left.name : p.left.type === AST_NODE_TYPES.MemberExpression ? propertyName(p.left) : null;
    }
    if (
      p.type === AST_NODE_TYPES.FunctionDeclaration ||
      p.type === AST_NODE_TYPES.FunctionExpression ||
      p.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return functionName(p);
    }
  }
  return null;
}

function isAccessTokenName(name: string): boolean {
  const words = splitWords(name);
  return words.includes('access') && (words.includes('token') || words.includes('jwt') || words.includes('tokens'));
}

const eslint = createEslintRule<Options, MessageIds>({
  name: id,
  meta: {
    type: 'problem',
    docs: { description: 'Require signed JWTs to expire, and access tokens to be short-lived.' },
    schema: [
      {
        type: 'object',
        properties: { maxAccessTokenLifetime: { anyOf: [{ type: 'number', minimum: 1 }, { type: 'string' }] } },
        additionalProperties: false,
      },
    ],
    messages: {
      missingExpiry:
        'jwt.sign() without expiresIn (and no exp claim in the payload) creates a token that never expires. Set expiresIn, e.g. { expiresIn: \'15m\' } for access tokens.',
      missingExpiryJose:
        "new SignJWT() signed without setExpirationTime() (and no exp claim) creates a token that never expires. Call .setExpirationTime('15m').",
      longAccessToken:
        "Access token '{{name}}' lives {{lifetime}}, longer than {{max}}. Keep access tokens short-lived and use a revocable refresh token for long sessions.",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const tracker = getImportTracker(context);
    if (!tracker.usesAny(['jsonwebtoken', 'jose'])) return {};
    const sourceCode = context.sourceCode;
    const maxSeconds = lifetimeSeconds(options.maxAccessTokenLifetime ?? 3600, false) ?? 3600;

    function checkLifetime(node: TSESTree.Node, valueNode: TSESTree.Node, unitlessStringIsMs: boolean): void {
      const v = getStaticValue(sourceCode, valueNode);
      if (v === NOT_STATIC) return;
      // jose reads a number as an absolute timestamp, not a lifetime.
      if (!unitlessStringIsMs && typeof v === 'number') return;
      const seconds = lifetimeSeconds(v, unitlessStringIsMs);
      if (seconds === null || seconds <= maxSeconds) return;
      const name = tokenName(node);
      if (!name || !isAccessTokenName(name)) return;
      context.report({ node: valueNode, messageId: 'longAccessToken', data: { name, lifetime: formatSeconds(seconds), max: formatSeconds(maxSeconds) } });
    }

    /** Whether a payload certainly lacks `exp`: only decidable for object literals without unknown spreads. */
    function payloadLacksExp(payload: TSESTree.Node | undefined): boolean {
      const obj = getObjectLiteral(sourceCode, payload);
      if (!obj || hasUnknownSpread(sourceCode, obj)) return false;
      return getProperty(sourceCode, obj, 'exp') === null;
    }

    return {
      CallExpression(node) {
        if (!tracker.matches(node.callee, 'jsonwebtoken', ['sign'])) return;
        const [payload, , optionsArg] = node.arguments;
        if (!payload || payload.type === AST_NODE_TYPES.SpreadElement) return;
        const payloadObj = getObjectLiteral(sourceCode, payload);
        if (payloadObj) {
          const exp = getProperty(sourceCode, payloadObj, 'exp');
          if (exp) return; // absolute expiry set by hand
        }
        // A callback in the options slot means there are no options.
        const opts =
          optionsArg && optionsArg.type !== AST_NODE_TYPES.ArrowFunctionExpression && optionsArg.type !== AST_NODE_TYPES.FunctionExpression
            ? optionsArg
            : undefined;
        if (opts) {
          const obj = getObjectLiteral(sourceCode, opts);
          if (!obj) return; // options we cannot see may set expiresIn
          const expiresIn = getProperty(sourceCode, obj, 'expiresIn');
          if (expiresIn) {
            checkLifetime(node, expiresIn, true);
            return;
          }
          if (hasUnknownSpread(sourceCode, obj)) return;
        }
        if (payloadLacksExp(payload)) context.report({ node, messageId: 'missingExpiry' });
      },
      NewExpression(node) {
        if (!tracker.matches(node.callee, 'jose', ['SignJWT'])) return;
        // Follow the builder chain up to `.sign(...)`; a chain split across statements is not judged.
        let cur: TSESTree.Node = node;
        let expiryArg: TSESTree.Node | null = null;
        let hasExpiry = false;
        let signed = false;
        for (;;) {
          const member: TSESTree.Node | undefined = cur.parent;
          if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== cur) break;
          const call: TSESTree.Node | undefined = member.parent;
          if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
          const method = propertyName(member);
          if (method === 'setExpirationTime') {
            hasExpiry = true;
            expiryArg = call.arguments[0] ?? null;
          }
          if (method === 'sign') {
            signed = true;
            if (expiryArg) checkLifetime(call, expiryArg, false);
            break;
          }
          cur = call;
        }
        if (!signed || hasExpiry) return;
        const payload = node.arguments[0];
        if (payload && payload.type !== AST_NODE_TYPES.SpreadElement && payloadLacksExp(payload)) {
          context.report({ node, messageId: 'missingExpiryJose' });
        } else if (!payload) {
          context.report({ node, messageId: 'missingExpiryJose' });
        }
      },
    };
  },
});

export default defineRule({
  id,
  category: 'security',
  description: 'Require signed JWTs to expire, and access tokens to be short-lived.',
  recommended: 'error',
  strict: 'error',
  eslint,
});
