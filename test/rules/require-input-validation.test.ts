import type { Rule } from 'eslint';
import rule from '../../rules/require-input-validation.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (source: string, what: string) =>
  `Request data (\`${source}\`) reaches a database write (${what}) without a validation step. Validate it first: zod \`parse\`/\`safeParse\`, joi/yup \`validate\`, ajv, a class-validator DTO with \`ValidationPipe\`, express-validator, or a Fastify route \`schema\`.`;

const express = `import express from 'express';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = express();\n`;

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
  ],
  invalid: [
    {
      // Express + Prisma, body straight in
      code: `${express}app.post('/users', async (req, res) => {\n  const user = await prisma.user.create({ data: req.body });\n  res.status(201).json(user);\n});`,
      errors: [{ message: msg('req.body', 'prisma.user.create'), line: 6, column: 22 }],
    },
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
      // Koa + Mongoose model
      code: `import Router from '@koa/router';\nimport { Post } from '../models/post.js';\nconst router = new Router();\nrouter.post('/posts', async (ctx) => {\n  ctx.body = await Post.create(ctx.request.body);\n});`,
      errors: [{ message: msg('ctx.request.body', 'Post.create'), line: 5, column: 20 }],
    },
    {
      // Hono: c.req.json()
      code: `import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/todos', async (c) => {\n  const input = await c.req.json();\n  await prisma.todo.create({ data: input });\n  return c.json({ ok: true }, 201);\n});`,
      errors: [{ message: msg('c.req.json()', 'prisma.todo.create'), line: 5, column: 9 }],
    },
    {
      // Next.js: request.json()
      filename: 'app/api/notes/route.ts',
      code: `export async function POST(request: Request) {\n  const body = await request.json();\n  await prisma.note.create({ data: { text: body.text } });\n  return Response.json({ ok: true }, { status: 201 });\n}`,
      errors: [{ message: msg('request.json()', 'prisma.note.create'), line: 3, column: 9 }],
    },
    {
      // NestJS with an untyped body
      code: `import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly userRepository: Repository<User>) {}\n  @Post()\n  create(@Body() body: any, @Req() req) {\n    return this.userRepository.insert(req.body);\n  }\n}`,
      errors: [{ message: msg('req.body', 'this.userRepository.insert'), line: 7, column: 12 }],
    },
  ],
});
