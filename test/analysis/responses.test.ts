import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { responseAt, statusSiteAt } from '../../src/analysis/responses.js';
import { probe } from './probe.js';

function responses(code: string, filename?: string): string[] {
  const out: string[] = [];
  probe(
    code,
    (context) => {
      const seen = new Set<TSESTree.Node>();
      const visit = (node: TSESTree.Node) => {
        if (seen.has(node)) return;
        seen.add(node);
        const r = responseAt(context, node);
        if (r) {
          const body = r.body ? context.sourceCode.getText(r.body) : '-';
          out.push(`${r.framework} ${r.status ?? '?'}${r.statusExplicit ? '' : '(implicit)'} ${body} L${node.loc.start.line}`);
        }
      };
      return {
        CallExpression: visit,
        NewExpression: visit,
        AssignmentExpression: visit,
        ReturnStatement: visit,
        ThrowStatement: visit,
        'ArrowFunctionExpression > .body': visit,
      };
    },
    filename,
  );
  return out;
}

function statuses(code: string): string[] {
  const out: string[] = [];
  probe(code, (context) => {
    const visit = (node: TSESTree.Node) => {
      const s = statusSiteAt(context, node);
      if (s) out.push(`${String(s.value)}→${s.status ?? '?'} L${node.loc.start.line}`);
    };
    return { CallExpression: visit, NewExpression: visit, AssignmentExpression: visit, Decorator: visit };
  });
  return out;
}

describe('responseAt', () => {
  it('Express forms', () => {
    expect(
      responses(`
        import express from 'express';
        import { StatusCodes } from 'http-status-codes';
        const CREATED = 201;
        const app = express();
        app.post('/a', async (req, res) => {
          res.status(CREATED).json({ id: 1 });
          res.sendStatus(StatusCodes.NO_CONTENT);
          res.json({ ok: true });
          res.status(404);
          res.send({ error: 'x' });
          res.status(204).end();
          const r = await fetch('/x'); await r.json(); await res.json();
        });
      `),
    ).toEqual([
      'express 201 { id: 1 } L7',
      'express 204 - L8',
      'express 200(implicit) { ok: true } L9',
      'express 404 { error: \'x\' } L11',
      'express 204 - L12',
    ]);
  });

  it('Fastify, Koa, Hono, Nest, Next', () => {
    expect(
      responses(`
        import Fastify from 'fastify';
        const f = Fastify();
        f.get('/a', async (request, reply) => { reply.code(201).send({ a: 1 }); return { b: 2 }; });
        f.get('/b', async () => ({ c: 3 }));
      `),
    ).toEqual(['fastify 201 { a: 1 } L4', 'fastify 200(implicit) { b: 2 } L4', 'fastify 200(implicit) { c: 3 } L5']);
    expect(
      responses(`
        import Router from '@koa/router';
        const r = new Router();
        r.post('/a', async (ctx) => { ctx.body = { id: 1 }; ctx.status = 201; });
      `),
    ).toEqual(['koa 201 { id: 1 } L4']);
    expect(
      responses(`
        import { Hono } from 'hono';
        const app = new Hono();
        app.post('/a', (c) => c.json({ id: 1 }, 201));
        app.get('/b', (c) => { return c.text('hi'); });
      `),
    ).toEqual(['hono 201 { id: 1 } L4', 'hono 200(implicit) \'hi\' L5']);
    expect(
      responses(`
        import { Controller, Post, Delete, HttpCode, NotFoundException, HttpException, HttpStatus } from '@nestjs/common';
        @Controller('users')
        class C {
          @Post() create() { return { id: 1 }; }
          @Delete(':id') @HttpCode(HttpStatus.NO_CONTENT) remove() {
            if (x) throw new NotFoundException('nope');
            throw new HttpException('gone', 410);
          }
        }
      `),
    ).toEqual(['nest 201(implicit) { id: 1 } L5', 'nest 404 \'nope\' L7', 'nest 410 \'gone\' L8']);
    expect(
      responses(
        `import { NextResponse } from 'next/server';
         export async function POST() {
           if (x) return NextResponse.json({ error: 'bad' }, { status: 400 });
           return new Response(null, { status: 204 });
         }`,
        'app/api/x/route.ts',
      ),
    ).toEqual(["next 400 { error: 'bad' } L3", 'next 204 null L4']);
  });
});

describe('statusSiteAt', () => {
  it('finds every written status once', () => {
    expect(
      statuses(`
        app.get('/a', (req, res) => {
          res.status(299).json({});
          res.statusCode = '200';
          res.sendStatus(600);
        });
        const x = new Response('', { status: 420 });
        @HttpCode(201) class A {}
      `),
    ).toEqual(['299→299 L3', '200→? L4', '600→600 L5', '420→420 L7', '201→201 L8']);
  });
});
