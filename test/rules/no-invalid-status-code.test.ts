import type { Rule } from 'eslint';
import rule from '../../rules/no-invalid-status-code.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const bad = (value: string, suggestion: string) =>
  `Status ${value} is not a registered HTTP status code: clients and proxies only understand registered codes — use one such as ${suggestion}.`;
const str = (value: string) => `Status '${value}' is a string: pass the number ${value} (frameworks reject or mis-handle string statuses).`;
const use = (code: string) => `Use ${code}.`;

ruleTester.run('no-invalid-status-code', eslintRule, {
  valid: [
    `app.get('/a', (req, res) => { res.status(201).json({}); res.sendStatus(204); res.statusCode = 404; });`,
    // registered through consts and enums
    `import { StatusCodes } from 'http-status-codes'; const GONE = 410;
     app.get('/a', (req, res) => { res.status(GONE).end(); res.status(StatusCodes.CREATED).json({}); });`,
    // 418 and 306 are reserved by IANA and accepted
    `app.get('/a', (req, res) => res.status(418).send('teapot'));`,
    // non-static statuses are not judged
    `app.use((err, req, res, next) => res.status(err.status || 500).json({}));`,
    // not a response object
    `order.status(7); job.code(999); const x = { status: 299 };`,
    // Hono/Next with registered statuses
    `import { Hono } from 'hono'; const app = new Hono(); app.post('/a', (c) => c.json({}, 201));`,
    `export function GET() { return Response.json({}, { status: 200 }); }`,
  ],
  invalid: [
    {
      code: `app.get('/a', (req, res) => res.status(299).json({}));`,
      errors: [{ message: bad('299', '200'), line: 1, column: 40, suggestions: [{ desc: use('200'), output: `app.get('/a', (req, res) => res.status(200).json({}));` }] }],
    },
    {
      code: `app.get('/a', (req, res) => res.sendStatus(600));`,
      errors: [{ message: bad('600', '500'), suggestions: [] }],
    },
    {
      code: `const LIMITED = 420; app.get('/a', (req, res) => { res.status(LIMITED).send('calm'); });`,
      errors: [{ message: bad('420', '400'), suggestions: [] }],
    },
    {
      code: `app.get('/a', (req, res) => { res.statusCode = '200'; res.end(); });`,
      errors: [{ message: str('200'), suggestions: [{ desc: use('200'), output: `app.get('/a', (req, res) => { res.statusCode = 200; res.end(); });` }] }],
    },
    {
      // Fastify
      code: `fastify.get('/a', async (request, reply) => reply.code(250).send({}));`,
      errors: [{ message: bad('250', '200'), suggestions: [{ desc: use('200'), output: `fastify.get('/a', async (request, reply) => reply.code(200).send({}));` }] }],
    },
    {
      // Koa
      code: `router.get('/a', async (ctx) => { ctx.status = 99; });`,
      errors: [{ message: bad('99', '500'), suggestions: [] }],
    },
    {
      code: `import { Hono } from 'hono'; const app = new Hono(); app.get('/a', (c) => c.json({}, 209));`,
      errors: [{ message: bad('209', '200'), suggestions: [{ desc: use('200'), output: `import { Hono } from 'hono'; const app = new Hono(); app.get('/a', (c) => c.json({}, 200));` }] }],
    },
    {
      code: `import { Controller, Post, HttpCode } from '@nestjs/common';
@Controller('a') class A { @Post() @HttpCode(2010) create() {} }`,
      errors: [{ message: bad('2010', '500'), line: 2, suggestions: [] }],
    },
    {
      code: `import { NextResponse } from 'next/server';
export function GET() { return NextResponse.json({}, { status: 430 }); }`,
      errors: [{ message: bad('430', '400'), line: 2, suggestions: [{ desc: use('400'), output: `import { NextResponse } from 'next/server';
export function GET() { return NextResponse.json({}, { status: 400 }); }` }] }],
    },
    {
      code: `export function DELETE() { return new Response(null, { status: 2.04 }); }`,
      errors: [{ message: bad('2.04', '500'), suggestions: [] }],
    },
  ],
});
