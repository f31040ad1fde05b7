import { Linter, type Rule } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-input-validation.js';
import massAssignment from '../../rules/no-mass-assignment.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (source: string, what: string) =>
  `Request data (\`${source}\`) reaches a database write (${what}) without a validation step. Validate it first: zod \`parse\`/\`safeParse\`, joi/yup \`validate\`, ajv, a class-validator DTO with \`ValidationPipe\`, express-validator, or a Fastify route \`schema\`.`;

const express = `import express from 'express';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = express();\n`;

/**
 * The whole body stored by create/insert: no-mass-assignment's finding, so this rule stays silent
 * there (one flaw, one report). Each is checked below with both rules on.
 */
const wholeBodyWrites: { name: string; code: string; line: number }[] = [
  { name: 'Express + Prisma', code: `${express}app.post('/users', async (req, res) => {\n  const user = await prisma.user.create({ data: req.body });\n  res.status(201).json(user);\n});`, line: 6 },
  { name: 'Koa + Mongoose', code: `import Router from '@koa/router';\nimport { Post } from '../models/post.js';\nconst router = new Router();\nrouter.post('/posts', async (ctx) => {\n  ctx.body = await Post.create(ctx.request.body);\n});`, line: 5 },
  { name: 'Hono c.req.json()', code: `import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/todos', async (c) => {\n  const input = await c.req.json();\n  await prisma.todo.create({ data: input });\n  return c.json({ ok: true }, 201);\n});`, line: 5 },
  { name: 'Next request.json()', code: `export async function POST(request: Request) {\n  const body = await request.json();\n  await prisma.note.create({ data: body });\n  return Response.json({ ok: true }, { status: 201 });\n}`, line: 3 },
  { name: 'NestJS untyped @Body()', code: `import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly userRepository: Repository<User>) {}\n  @Post()\n  create(@Body() body: any, @Req() req) {\n    return this.userRepository.insert(req.body);\n  }\n}`, line: 7 },
];

ruleTester.run('require-input-validation', eslintRule, {
  valid: [
    // zod parse before the write
    `${express}app.post('/users', async (req, res) => { const data = UserSchema.parse(req.body); res.status(201).json(await prisma.user.create({ data })); });`,
    // zod inside the write's arguments
    `${express}app.post('/users', async (req, res) => { res.status(201).json(await prisma.user.create({ data: UserSchema.parse(req.body) })); });`,
    // joi validate with early return
    `${express}app.post('/users', async (req, res) => { const { error, value } = schema.validate(req.body); if (error) return res.status(400).json({ error }); await prisma.user.create({ data: value }); res.sendStatus(201); });`,
    // express-validator middleware
    `${express}import { body, validationResult } from 'express-validator';\napp.post('/users', body('email').isEmail(), async (req, res) => { await prisma.user.create({ data: req.body }); res.sendStatus(201); });`,
    // validation middleware by name
    `${express}app.post('/users', validateBody(userSchema), async (req, res) => { await prisma.user.create({ data: req.body }); res.sendStatus(201); });`,
    // a hand-written guard clause
    `import express from 'express';\nconst router = express.Router();\nrouter.post('/', async (req, res) => { const { displayName, email } = req.body; if (typeof displayName !== 'string' || typeof email !== 'string') { return res.status(400).json({ error: 'invalid' }); } await db('customers').insert({ display_name: displayName, email }); res.sendStatus(201); });`,
    // Fastify route schema
    `import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/items', { schema: { body: itemSchema } }, async (request) => { await db('items').insert(request.body); return { ok: true }; });`,
    // Nest DTO (class-validator with ValidationPipe)
    `import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly userRepository: Repository<User>) {}\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.userRepository.save(dto);\n  }\n}`,
    // req.user is set by the server; path params used as keys are not judged
    `${express}app.post('/me/seen', async (req, res) => { await prisma.user.update({ where: { id: req.user.id }, data: { seenAt: new Date() } }); res.sendStatus(204); });`,
    `${express}app.delete('/users/:id', async (req, res) => { await prisma.user.delete({ where: { id: req.params.id } }); res.sendStatus(204); });`,
    // only the size of a request array is stored
    `${express}app.post('/audits', async (req, res) => { const ids = req.body.ids; await prisma.audit.create({ data: { count: ids.length } }); res.sendStatus(201); });`,
    // a read, not a write
    `${express}app.get('/users', async (req, res) => { res.json(await prisma.user.findMany({ where: { name: req.query.name }, take: 10 })); });`,
    // not in a handler
    `${express}export async function seed(body) { await prisma.user.create({ data: body }); }`,
    // the whole body into create/insert: no-mass-assignment reports it
    ...wholeBodyWrites.map((c) => ({ code: c.code, filename: c.name.startsWith('Next') ? 'app/api/notes/route.ts' : 'file.ts' })),
    // validation recognised by the shared model: celebrate, zValidator, an express-validator list, Nest @UsePipes, a DTO-typed @Query()
    `${express}app.post('/users', celebrate({ body: userSchema }), async (req, res) => { await prisma.user.create({ data: { name: req.body.name } }); res.sendStatus(201); });`,
    `import { Hono } from 'hono';\nimport { zValidator } from '@hono/zod-validator';\nconst app = new Hono();\napp.post('/todos', zValidator('json', todo), async (c) => { const { title } = await c.req.json(); await prisma.todo.create({ data: { title } }); return c.json({}, 201); });`,
    `${express}import { body, check } from 'express-validator';\napp.post('/users', [body('email').isEmail(), check('name').isLength({ max: 100 })], async (req, res) => { await prisma.user.create({ data: { email: req.body.email } }); res.sendStatus(201); });`,
    `import { Body, Controller, Post, UsePipes } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  @UsePipes(new ZodValidationPipe(createUserSchema))\n  create(@Body() body: any) {\n    return this.userRepository.insert({ name: body.name });\n  }\n}`,
    `import { Controller, Post, Query } from '@nestjs/common';\n@Controller('events')\nexport class EventsController {\n  @Post()\n  track(@Query() q: TrackQuery) {\n    return this.eventRepository.insert({ kind: q.kind });\n  }\n}`,
    // an inline middleware that validates, however long it is before it does
    `${express}app.post('/users', (req, res, next) => { if (!req.body) return next(new Error('empty body')); const started = Date.now(); res.locals.started = started; res.locals.route = 'users'; res.locals.kind = 'create'; res.locals.note = 'checked below'; if (!isValidUser(req.body)) return res.sendStatus(400); next(); }, async (req, res) => { await prisma.user.create({ data: { name: req.body.name } }); res.sendStatus(201); });`,
    // a hand-written type check that leaves
    `${express}app.post('/tags', async (req, res) => { const { ids } = req.body; if (!Array.isArray(ids)) throw new HttpError(400); await prisma.tag.create({ data: { ids } }); res.sendStatus(201); });`,
  ],
  invalid: [
    {
      // destructured body through a variable, knex
      code: `import express from 'express';\nconst router = express.Router();\nrouter.put('/posts/:id', async (req, res) => {\n  const { title, body } = req.body;\n  await knex('posts').where({ id: req.params.id }).update({ title, body });\n  res.sendStatus(204);\n});`,
      errors: [{ message: msg('req.body', 'knex update'), line: 5, column: 9 }],
    },
    {
      // Fastify without a schema, raw SQL with the query string
      code: `import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/events', async (request) => {\n  await db.query('INSERT INTO events (kind) VALUES ($1)', [request.query.kind]);\n  return { ok: true };\n});`,
      errors: [{ message: msg('request.query.kind', 'INSERT query'), line: 4, column: 9 }],
    },
    {
      // Express + Prisma, picked fields of an unvalidated body (not mass assignment: this rule's)
      code: `${express}app.post('/users', async (req, res) => {\n  const user = await prisma.user.create({ data: { name: req.body.name, email: req.body.email } });\n  res.status(201).json(user);\n});`,
      errors: [{ message: msg('req.body.name', 'prisma.user.create'), line: 6, column: 22 }],
    },
    {
      // Express, the request parameter named otherwise (the route model knows the handler)
      code: `${express}app.post('/users', async (r, s) => {\n  await prisma.user.create({ data: { name: r.body.name } });\n  s.sendStatus(201);\n});`,
      errors: [{ message: msg('r.body.name', 'prisma.user.create'), line: 6, column: 9 }],
    },
    {
      // Koa: fields of ctx.request.body, and of the query string
      code: `import Router from '@koa/router';\nimport { Post } from '../models/post.js';\nconst router = new Router();\nrouter.post('/posts', async (ctx) => {\n  ctx.body = await Post.create({ title: ctx.request.body.title, tag: ctx.query.tag });\n});`,
      errors: [{ message: msg('ctx.request.body.title', 'Post.create'), line: 5, column: 20 }],
    },
    {
      // Hono: a field of c.req.json()
      code: `import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/todos', async (c) => {\n  const { title } = await c.req.json();\n  await prisma.todo.create({ data: { title } });\n  return c.json({ ok: true }, 201);\n});`,
      errors: [{ message: msg('c.req.json()', 'prisma.todo.create'), line: 5, column: 9 }],
    },
    {
      // Next.js: request.nextUrl.searchParams
      filename: 'app/api/search/route.ts',
      code: `import type { NextRequest } from 'next/server';\nexport async function POST(request: NextRequest) {\n  const q = request.nextUrl.searchParams.get('q');\n  await prisma.search.create({ data: { q } });\n  return Response.json({ ok: true }, { status: 201 });\n}`,
      errors: [{ message: msg("request.nextUrl.searchParams.get('q')", 'prisma.search.create'), line: 4, column: 9 }],
    },
    {
      // NestJS: a field of an untyped @Body() (a DTO class would be validated by ValidationPipe)
      code: `import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly userRepository: Repository<User>) {}\n  @Post()\n  create(@Body() body: any) {\n    return this.userRepository.insert({ name: body.name });\n  }\n}`,
      errors: [{ message: msg('@Body() body', 'this.userRepository.insert'), line: 7, column: 12 }],
    },
    {
      // Next.js: request.json()
      filename: 'app/api/notes/route.ts',
      code: `export async function POST(request: Request) {\n  const body = await request.json();\n  await prisma.note.create({ data: { text: body.text } });\n  return Response.json({ ok: true }, { status: 201 });\n}`,
      errors: [{ message: msg('request.json()', 'prisma.note.create'), line: 3, column: 9 }],
    },
  ],
});

describe('require-input-validation and no-mass-assignment', () => {
  // Both rules on, as in the strict preset: the whole body stored is reported once, by no-mass-assignment.
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { backlint: { rules: { 'require-input-validation': eslintRule, 'no-mass-assignment': massAssignment.eslint as unknown as Rule.RuleModule } } },
      rules: { 'backlint/require-input-validation': 'warn', 'backlint/no-mass-assignment': 'error' },
    },
  ];
  for (const c of wholeBodyWrites) {
    it(`reports ${c.name} once, as mass assignment`, () => {
      const filename = c.name.startsWith('Next') ? 'app/api/notes/route.ts' : 'file.ts';
      const found = new Linter({ configType: 'flat' }).verify(c.code, config, { filename }).map((m) => [m.ruleId, m.line]);
      expect(found).toEqual([['backlint/no-mass-assignment', c.line]]);
    });
  }
  it('leaves picked fields of an unvalidated body to require-input-validation', () => {
    const code = `${express}app.post('/users', async (req, res) => {\n  await prisma.user.create({ data: { name: req.body.name } });\n  res.sendStatus(201);\n});`;
    const found = new Linter({ configType: 'flat' }).verify(code, config, { filename: 'file.ts' }).map((m) => [m.ruleId, m.line]);
    expect(found).toEqual([['backlint/require-input-validation', 6]]);
  });
});
