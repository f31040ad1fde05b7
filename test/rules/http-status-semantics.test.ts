import type { Rule } from 'eslint';
import rule from '../../rules/http-status-semantics.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const created = (what: string, implicit: boolean) =>
  `This POST handler creates a record (${what}) but answers 200${implicit ? ' (implicitly)' : ''}: answer 201 Created, with a Location header pointing at the new resource.`;
const noContent = (status: string) =>
  `Status ${status} is sent with a body: ${status} responses must not carry one — drop the body, or answer 200 if the body matters.`;
const use = (code: number) => `Answer ${code} instead.`;

ruleTester.run('http-status-semantics', eslintRule, {
  valid: [
    // creates with 201
    `import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient();
     app.post('/users', async (req, res) => { const u = await prisma.user.create({ data: req.body }); res.status(201).json(u); });`,
    // upserts do not count as creates
    `import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient();
     app.post('/users', async (req, res) => { const u = await prisma.user.upsert({ where: {}, create: {}, update: {} }); res.json(u); });`,
    // a POST that does not create (search, login)
    `import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient();
     app.post('/search', async (req, res) => { res.json(await prisma.user.findMany({ take: 10 })); });`,
    // a 200 before the create ("already exists") is not the create's answer
    `import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient();
     app.post('/users', async (req, res) => { const found = await prisma.user.findUnique({ where: { id: 1 } }); if (found) { return res.json(found); } await prisma.user.create({ data: {} }); res.sendStatus(201); });`,
    // error answers are another rule's business
    `import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient();
     app.post('/users', async (req, res) => { try { await prisma.user.create({ data: {} }); res.status(201).end(); } catch (e) { res.status(200).json({ ok: false }); } });`,
    // 204 without a body
    `app.delete('/users/:id', (req, res) => { res.status(204).end(); });`,
    // the OpenAPI face's option is accepted (one config for both engines)
    { code: `app.delete('/users/:id', (req, res) => { res.status(204).end(); });`, options: [{ requireLocationHeader: true }] },
    `app.delete('/users/:id', (req, res) => { res.status(204).send(); });`,
    `export function DELETE() { return new Response(null, { status: 204 }); }`,
    // NestJS: POST defaults to 201
    `import { Controller, Post } from '@nestjs/common'; import { Repository } from 'typeorm';
     @Controller('users') class U { constructor(private usersRepository: Repository<User>) {} @Post() create(dto) { return this.usersRepository.save(dto); } }`,
    `import { Controller, Delete, HttpCode } from '@nestjs/common';
     @Controller('users') class U { @Delete(':id') @HttpCode(204) async remove() { await x(); } }`,
    // @Res(): the return value is not the response
    `import { Controller, Delete, HttpCode, Res } from '@nestjs/common';
     @Controller('users') class U { @Delete(':id') @HttpCode(204) remove(@Res() res) { res.status(204).end(); return { ignored: true }; } }`,
  ],
  invalid: [
    {
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.post('/users', async (req, res) => {
  const user = await prisma.user.create({ data: req.body });
  res.json(user);
});`,
      errors: [
        {
          message: created('prisma.user.create', true),
          line: 5,
          suggestions: [{ desc: use(201), output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.post('/users', async (req, res) => {
  const user = await prisma.user.create({ data: req.body });
  res.status(201).json(user);
});` }],
        },
      ],
    },
    {
      // through a same-file helper
      code: `import knex from 'knex';
const db = knex({});
async function addOrder(o) { return db('orders').insert(o); }
app.post('/orders', async (req, res) => { const id = await addOrder(req.body); res.status(200).send({ id }); });`,
      errors: [
        {
          message: created('knex insert', false),
          line: 4,
          suggestions: [{ desc: use(201), output: `import knex from 'knex';
const db = knex({});
async function addOrder(o) { return db('orders').insert(o); }
app.post('/orders', async (req, res) => { const id = await addOrder(req.body); res.status(201).send({ id }); });` }],
        },
      ],
    },
    {
      code: `app.delete('/users/:id', (req, res) => { res.status(204).json({ deleted: true }); });`,
      errors: [{ message: noContent('204'), suggestions: [{ desc: use(200), output: `app.delete('/users/:id', (req, res) => { res.status(200).json({ deleted: true }); });` }] }],
    },
    {
      code: `fastify.get('/a', async (request, reply) => reply.code(304).send(cached));`,
      errors: [{ message: noContent('304'), suggestions: [{ desc: use(200), output: `fastify.get('/a', async (request, reply) => reply.code(200).send(cached));` }] }],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.delete('/a/:id', (c) => c.json({ ok: true }, 204));`,
      errors: [{ message: noContent('204'), line: 3, suggestions: [{ desc: use(200), output: `import { Hono } from 'hono';
const app = new Hono();
app.delete('/a/:id', (c) => c.json({ ok: true }, 200));` }] }],
    },
    {
      // NestJS: @HttpCode(204) on a method that returns a value
      code: `import { Controller, Delete, HttpCode } from '@nestjs/common';
@Controller('users') class U { @Delete(':id') @HttpCode(204) remove() { return { removed: 1 }; } }`,
      errors: [{ message: noContent('204'), line: 2, suggestions: [{ desc: use(200), output: `import { Controller, Delete, HttpCode } from '@nestjs/common';
@Controller('users') class U { @Delete(':id') @HttpCode(200) remove() { return { removed: 1 }; } }` }] }],
    },
    {
      code: `import { NextResponse } from 'next/server';
export async function DELETE() { return NextResponse.json({ ok: true }, { status: 204 }); }`,
      filename: 'app/api/a/[id]/route.ts',
      errors: [{ message: noContent('204'), line: 2, suggestions: [{ desc: use(200), output: `import { NextResponse } from 'next/server';
export async function DELETE() { return NextResponse.json({ ok: true }, { status: 200 }); }` }] }],
    },
  ],
});
