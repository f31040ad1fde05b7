import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { expressionNames } from '../../src/analysis/taint.js';
import { requestReadAsWritten, requestReadOf } from '../../src/analysis/taint/flow.js';
import { probe } from './probe.js';

/** The request source found for the first argument of every `sink(…)` call, in order. */
function sources(code: string): (string | null)[] {
  const out: (string | null)[] = [];
  probe(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type === 'Identifier' && node.callee.name === 'sink') out.push(requestReadOf(context, node.arguments[0]));
    },
  }));
  return out;
}

/** `requestReadAsWritten` of the first argument of every `sink(…)` call, in order. */
function written(code: string): (string | null)[] {
  const out: (string | null)[] = [];
  probe(code, () => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type === 'Identifier' && node.callee.name === 'sink') out.push(requestReadAsWritten(node.arguments[0]!));
    },
  }));
  return out;
}

function names(code: string): string[][] {
  const out: string[][] = [];
  probe(code, () => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type === 'Identifier' && node.callee.name === 'sink') out.push(expressionNames(node.arguments[0]));
    },
  }));
  return out;
}

describe('requestReadOf (the shared request taint, as SQL and serialisation messages name it)', () => {
  it('finds request data directly and through same-function bindings', () => {
    expect(
      sources(`
        app.get('/a', (req, res) => {
          sink(req.query.id);
          const { sort } = req.query;
          sink('ORDER BY ' + sort);
          let sql = 'SELECT 1';
          sql += req.body.filter;
          sink(sql);
        });
      `),
    ).toEqual(['req.query.id', 'req.query', 'req.body.filter']);
  });

  it('knows Koa, Hono, Fastify and Next request shapes', () => {
    expect(
      sources(`
        sink(ctx.request.body.name);
        sink(ctx.query.q);
        sink(c.req.param('id'));
        sink(request.params.id);
        sink(request.nextUrl.searchParams.get('q'));
      `),
    ).toEqual(['ctx.request.body.name', 'ctx.query.q', "c.req.param('id')", 'request.params.id', "request.nextUrl.searchParams.get('q')"]);
  });

  it('does not treat server-set request state or unrelated values as request data', () => {
    expect(
      sources(`
        sink(req.user.id);
        sink(req.session.userId);
        sink(ctx.state.user);
        const id = 42;
        sink(id);
        function f(x) { sink(x); }
      `),
    ).toEqual([null, null, null, null, null]);
  });
});

describe('expressionNames', () => {
  it('collects identifier and property names through calls, templates and concatenation', () => {
    expect(names('sink(user.password.trim()); sink(`${salt}${newPassword}`); sink(req.body.password + pepper);')).toEqual([
      ['password', 'user'],
      ['salt', 'newPassword'],
      ['password', 'body', 'req', 'pepper'],
    ]);
  });
});

describe('requestReadAsWritten (a request read spelled out, no binding followed)', () => {
  it('names reads of every shape, through text methods, and nothing bound elsewhere', () => {
    expect(
      written(`
        app.get('/a', (req, res) => {
          const { authorization } = req.headers;
          sink(req.headers.authorization.slice(7));
          sink(ctx.request.body.token);
          sink(c.req.query('t'));
          sink(authorization);
          sink(req.user.token);
          sink(user.headers.authorization);
        });
      `),
    ).toEqual(['req.headers.authorization', 'ctx.request.body.token', 'c.req.query()', null, null, null]);
  });
});
