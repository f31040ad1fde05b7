import type { Rule } from 'eslint';
import rule from '../../rules/no-success-status-on-error.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const inCatch = (status: string, implicit: boolean) =>
  `This response inside a catch block answers ${status}${implicit ? ' (implicitly)' : ''}: report the failure with an error status — 4xx when the request was wrong, 5xx when the server failed.`;
const inBranch = (test: string, status: string, implicit: boolean, suggest: string) =>
  `This response in the error branch \`${test}\` answers ${status}${implicit ? ' (implicitly)' : ''} with an error body: use an error status (${suggest}).`;
const errorBody = (status: string, implicit: boolean) =>
  `This response carries an error body but answers ${status}${implicit ? ' (implicitly)' : ''}: clients, retries and monitoring read 2xx as success — use a 4xx/5xx status.`;
const use = (code: number) => `Answer ${code} instead.`;

ruleTester.run('no-success-status-on-error', eslintRule, {
  valid: [
    // error statuses from catch blocks and error branches
    `app.get('/a', async (req, res) => { try { res.json(await load()); } catch (err) { res.status(500).json({ error: 'internal' }); } });`,
    `app.get('/a', async (req, res) => { try { x(); } catch (err) { res.status(500); res.json({ error: 'internal' }); } });`,
    `app.get('/a', async (req, res, next) => { try { x(); } catch (err) { next(err); } });`,
    // non-static statuses are decided at run time
    `app.get('/a', async (req, res) => { try { x(); } catch (err) { res.status(err.status || 500).json({ error: err.code }); } });`,
    // an if (!x) branch only counts with an error-shaped body
    `app.get('/a', async (req, res) => { const items = await list(); if (!items) return res.json([]); res.json(items); });`,
    `app.get('/a', async (req, res) => { const u = await find(); if (!u) return res.status(404).json({ error: 'not found' }); res.json(u); });`,
    // success envelopes with an empty error
    `app.get('/a', (req, res) => res.json({ data: [], error: null }));`,
    `app.get('/a', (req, res) => res.json({ data: [], errors: [] }));`,
    // values that may be empty on success: a client library's { data, error }, a validator's list
    `app.get('/a', async (req, res) => { const { data, error } = await supabase.from('t').select(); res.json({ data, error }); });`,
    `app.post('/validate', (req, res) => { const errors = check(req.body); res.json({ valid: errors.length === 0, errors }); });`,
    // reading a fetch Response inside a catch is not a response
    `app.get('/a', async (req, res) => { try { x(); } catch (e) { const body = await res.json(); } });`,
    // Koa: the status set in the same catch block applies
    `router.get('/a', async (ctx) => { try { ctx.body = await load(); } catch (e) { ctx.status = 500; ctx.body = { error: 'internal' }; } });`,
    // Nest: a thrown exception is not a 2xx
    `import { Controller, Get, InternalServerErrorException } from '@nestjs/common';
     @Controller('a') class A { @Get() async get() { try { return await x(); } catch (e) { throw new InternalServerErrorException('failed'); } } }`,
    // Fastify answers a sent error with its statusCode, or 500
    `import Fastify from 'fastify'; const f = Fastify();
     f.get('/a', async (request, reply) => { try { return await x(); } catch (err) { reply.send(err); } });`,
    `import Fastify from 'fastify'; const f = Fastify();
     f.get('/a', async (request, reply) => { try { return await x(); } catch (e) { return reply.send(new createError.NotFound('no such item')); } });`,
    `import Fastify from 'fastify'; const f = Fastify();
     f.get('/a', async (request, reply) => { try { return await x(); } catch (e) { return reply.send(new Error('could not load')); } });`,
    // Fastify: returning the reply after sending is not a second response
    `import Fastify from 'fastify'; const f = Fastify();
     f.get('/a', async (request, reply) => { try { return await x(); } catch (e) { reply.code(500).send({ error: 'x' }); return reply; } });`,
    // not a response object
    `try { x(); } catch (e) { cache.send({ error: e }); }`,
  ],
  invalid: [
    {
      code: `app.get('/a', async (req, res) => { try { x(); } catch (err) { res.json({ message: 'failed' }); } });`,
      errors: [
        {
          message: inCatch('200', true),
          line: 1,
          column: 64,
          suggestions: [{ desc: use(500), output: `app.get('/a', async (req, res) => { try { x(); } catch (err) { res.status(500).json({ message: 'failed' }); } });` }],
        },
      ],
    },
    {
      code: `app.get('/a', (req, res) => { load().catch((err) => res.status(200).send({ error: 'x' })); });`,
      errors: [{ message: inCatch('200', false), suggestions: [{ desc: use(500), output: `app.get('/a', (req, res) => { load().catch((err) => res.status(500).send({ error: 'x' })); });` }] }],
    },
    {
      code: `app.get('/a', (req, res) => { db.get(1, (err, row) => { if (err) return res.send(err); res.json(row); }); });`,
      errors: [
        {
          message: inBranch('err', '200', true, '500 or 400'),
          suggestions: [
            { desc: use(500), output: `app.get('/a', (req, res) => { db.get(1, (err, row) => { if (err) return res.status(500).send(err); res.json(row); }); });` },
            { desc: use(400), output: `app.get('/a', (req, res) => { db.get(1, (err, row) => { if (err) return res.status(400).send(err); res.json(row); }); });` },
          ],
        },
      ],
    },
    {
      code: `app.get('/u/:id', async (req, res) => { const user = await find(); if (!user) return res.json({ error: 'User not found' }); res.json(user); });`,
      errors: [
        {
          message: inBranch('!user', '200', true, '404 or 400'),
          suggestions: [
            { desc: use(404), output: `app.get('/u/:id', async (req, res) => { const user = await find(); if (!user) return res.status(404).json({ error: 'User not found' }); res.json(user); });` },
            { desc: use(400), output: `app.get('/u/:id', async (req, res) => { const user = await find(); if (!user) return res.status(400).json({ error: 'User not found' }); res.json(user); });` },
          ],
        },
      ],
    },
    {
      // any 2xx whose body has an error key, anywhere
      code: `app.post('/a', (req, res) => { res.status(200).json({ errors: ['name is required'] }); });`,
      errors: [
        {
          message: errorBody('200', false),
          suggestions: [
            { desc: use(400), output: `app.post('/a', (req, res) => { res.status(400).json({ errors: ['name is required'] }); });` },
            { desc: use(500), output: `app.post('/a', (req, res) => { res.status(500).json({ errors: ['name is required'] }); });` },
          ],
        },
      ],
    },
    {
      // Fastify: reply.send and a returned value
      code: `import Fastify from 'fastify';
const f = Fastify();
f.get('/a', async (request, reply) => { try { return await x(); } catch (e) { return reply.send({ error: 'x' }); } });
f.post('/b', async () => { return { success: false }; });`,
      errors: [
        {
          message: inCatch('200', true),
          line: 3,
          suggestions: [{ desc: use(500), output: `import Fastify from 'fastify';
const f = Fastify();
f.get('/a', async (request, reply) => { try { return await x(); } catch (e) { return reply.code(500).send({ error: 'x' }); } });
f.post('/b', async () => { return { success: false }; });` }],
        },
        { message: errorBody('200', true), line: 4, suggestions: [] },
      ],
    },
    {
      code: `router.get('/a', async (ctx) => { try { ctx.body = await load(); } catch (e) { ctx.body = { error: e.code }; } });`,
      errors: [{ message: inCatch('200', true), suggestions: [] }],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/a', (c) => c.json({ error: 'bad input' }));`,
      errors: [
        {
          message: errorBody('200', true),
          line: 3,
          suggestions: [
            { desc: use(400), output: `import { Hono } from 'hono';
const app = new Hono();
app.get('/a', (c) => c.json({ error: 'bad input' }, 400));` },
            { desc: use(500), output: `import { Hono } from 'hono';
const app = new Hono();
app.get('/a', (c) => c.json({ error: 'bad input' }, 500));` },
          ],
        },
      ],
    },
    {
      code: `import { Controller, Post } from '@nestjs/common';
@Controller('a') class A { @Post() async create() { try { return await x(); } catch (e) { return { success: false }; } } }`,
      errors: [{ message: inCatch('201', true), line: 2, suggestions: [] }],
    },
    {
      code: `import { NextResponse } from 'next/server';
export async function POST() { try { return NextResponse.json(await x()); } catch { return NextResponse.json({ error: 'failed' }); } }`,
      filename: 'app/api/a/route.ts',
      errors: [
        {
          message: inCatch('200', true),
          line: 2,
          suggestions: [{ desc: use(500), output: `import { NextResponse } from 'next/server';
export async function POST() { try { return NextResponse.json(await x()); } catch { return NextResponse.json({ error: 'failed' }, { status: 500 }); } }` }],
        },
      ],
    },
  ],
});
