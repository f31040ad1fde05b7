import type { Rule } from 'eslint';
import rule from '../../rules/no-get-side-effects.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (method: string, path: string, kind: string, what: string) =>
  `The ${method} ${path} handler ${kind} (${what}). ${method} must be safe — clients, crawlers and caches repeat it freely: move the change to a POST, PUT, PATCH or DELETE route.`;
const DB = 'writes to the database';

const express = `import express from 'express';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = express();\n`;

ruleTester.run('no-get-side-effects', eslintRule, {
  valid: [
    // reads in GET
    `${express}app.get('/users', async (req, res) => { res.json(await prisma.user.findMany({ take: 20 })); });`,
    // writes in POST/PUT/DELETE
    `${express}app.post('/users', async (req, res) => { res.status(201).json(await prisma.user.create({ data: req.body })); });`,
    `${express}app.delete('/users/:id', async (req, res) => { await prisma.user.delete({ where: { id: req.params.id } }); res.sendStatus(204); });`,
    // a write in a function that no GET handler calls
    `${express}async function touch(id) { await prisma.user.update({ where: { id }, data: { seenAt: new Date() } }); }\napp.post('/seen', async (req, res) => { await touch(req.user.id); res.sendStatus(204); });`,
    // fs reads, non-mutating HTTP, a GET fetch
    `${express}import fs from 'fs';\napp.get('/file', async (req, res) => { res.send(fs.readFileSync('a.txt')); await fetch(url); });`,
    // TypeORM repository.create builds an entity in memory: not a write
    `${express}app.get('/draft', (req, res) => { res.json(userRepository.create({ name: 'x' })); });`,
    // not in a route handler at all
    `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function migrate() { await pool.query('CREATE TABLE t (id int)'); }`,
    // link targets that can only be GETs: OAuth callbacks, email verification / unsubscribe links
    `${express}app.get('/auth/github/callback', async (req, res) => { await fetch(tokenUrl, { method: 'POST', body }); await prisma.session.create({ data }); res.redirect('/'); });`,
    `${express}app.get('/newsletters/:id/unsubscribe', async (req, res) => { await prisma.subscription.delete({ where: { id: req.params.id } }); res.send('bye'); });`,
    // the allow option
    { code: `${express}app.get('/track/:id', async (req, res) => { await prisma.hit.create({ data: { id: req.params.id } }); res.end(); });`, options: [{ allow: ['track'] }] },
    { code: `${express}app.get('/pixel.gif', async (req, res) => { await prisma.hit.create({ data: {} }); res.end(); });`, options: [{ allow: ['/pixel.gif'] }] },
    // Array/Set .add is not a queue
    `${express}app.get('/x', (req, res) => { const seen = new Set(); seen.add(req.query.a); res.json([...seen]); });`,
    // save/update/reset on values not traced to a model: unknown receivers, caches, forms, plain objects
    `import express from 'express';\nimport { User } from '../models/user.js';\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  await foo.save();\n  cache.update(req.params.id, Date.now());\n  form.reset();\n  await req.session.save();\n  const user = await User.findByPk(req.params.id);\n  await user.reload();\n  const plain = await User.findOne({ where: { id: req.params.id }, raw: true }).then((u) => ({ ...u }));\n  await plain.save();\n  res.json(user);\n});`,
    // a factory's own body runs once, at startup, not per request
    `import express from 'express';\nimport { Setting } from '../models/setting.js';\nconst app = express();\nfunction makeHandler(key) {\n  const setting = Setting.build({ key });\n  setting.save();\n  return (req, res) => res.json({ key });\n}\napp.get('/settings/:key', makeHandler('theme'));`,
  ],
  invalid: [
    {
      // Express + Prisma: a "touch" write counts
      code: `${express}app.get('/users/:id', async (req, res) => {\n  const user = await prisma.user.update({ where: { id: req.params.id }, data: { lastSeenAt: new Date() } });\n  res.json(user);\n});`,
      errors: [{ message: msg('GET', '/users/:id', DB, 'prisma.user.update'), line: 6, column: 22 }],
    },
    {
      // a same-file helper called by the handler; knex on a tracked client
      code: `import express from 'express';\nimport knex from 'knex';\nconst db = knex({ client: 'pg' });\nconst router = express.Router();\nasync function logView(id) {\n  await db('views').insert({ post_id: id });\n}\nrouter.get('/posts/:id', async (req, res) => {\n  await logView(req.params.id);\n  res.json(await db('posts').where({ id: req.params.id }).first());\n});`,
      errors: [{ message: msg('GET', '/posts/:id', DB, 'knex insert'), line: 6, column: 9 }],
    },
    {
      // raw SQL write on an untracked client, Fastify
      code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/stats', async (request, reply) => {\n  await db.query('UPDATE counters SET hits = hits + 1 WHERE name = $1', ['stats']);\n  return { ok: true };\n});`,
      errors: [{ message: msg('GET', '/stats', DB, 'UPDATE query'), line: 4, column: 9 }],
    },
    {
      // fs write, Koa router
      code: `import Router from '@koa/router';\nimport fs from 'node:fs/promises';\nconst router = new Router({ prefix: '/api' });\nrouter.get('/export', async (ctx) => {\n  await fs.writeFile('/tmp/export.csv', data);\n  ctx.body = 'ok';\n});`,
      errors: [{ message: msg('GET', '/api/export', 'writes to the file system', 'fs.writeFile'), line: 5, column: 9 }],
    },
    {
      // mutating outbound HTTP with an options const, Hono
      code: `import { Hono } from 'hono';\nconst app = new Hono();\nconst opts = { method: 'POST', body: '{}' };\napp.get('/sync', async (c) => {\n  await fetch('https://api.example.com/sync', opts);\n  return c.json({ ok: true });\n});`,
      errors: [{ message: msg('GET', '/sync', 'sends a state-changing HTTP request', 'fetch POST'), line: 5, column: 9 }],
    },
    {
      // axios + mail, HEAD route
      code: `import express from 'express';\nimport axios from 'axios';\nconst app = express();\napp.head('/ping', async (req, res) => {\n  await axios.post(hook, {});\n  await transporter.sendMail({ to });\n  res.end();\n});`,
      errors: [
        { message: msg('HEAD', '/ping', 'sends a state-changing HTTP request', 'axios.post'), line: 5, column: 9 },
        { message: msg('HEAD', '/ping', 'sends a message (mail/queue)', 'transporter.sendMail'), line: 6, column: 9 },
      ],
    },
    {
      // NestJS: @Get method writing through a repository
      code: `import { Controller, Get, Param } from '@nestjs/common';\n@Controller('orders')\nexport class OrdersController {\n  constructor(private readonly orderRepository: Repository<Order>) {}\n  @Get(':id')\n  async findOne(@Param('id') id: string) {\n    await this.orderRepository.update(id, { viewedAt: new Date() });\n    return this.orderRepository.findOneBy({ id });\n  }\n}`,
      errors: [{ message: msg('GET', '/orders/:id', DB, 'this.orderRepository.update'), line: 7, column: 11 }],
    },
    {
      // Next.js App Router: GET export, Mongoose model from a models module
      filename: 'app/api/users/[id]/route.ts',
      code: `import { User } from '@/models/user';\nexport async function GET(request: Request, { params }) {\n  await User.findByIdAndUpdate(params.id, { $inc: { views: 1 } });\n  return Response.json({ ok: true });\n}`,
      errors: [{ message: msg('GET', '/api/users/[id]', DB, 'User.findByIdAndUpdate'), line: 3, column: 9 }],
    },
    {
      // queue publishing
      code: `import express from 'express';\nconst app = express();\napp.get('/reports/:id', async (req, res) => {\n  await reportQueue.add('build', { id: req.params.id });\n  res.json({ queued: true });\n});`,
      errors: [{ message: msg('GET', '/reports/:id', 'sends a message (mail/queue)', 'reportQueue.add'), line: 4, column: 9 }],
    },
    {
      // Sequelize: a record read by a finder, changed and saved
      code: `import express from 'express';\nimport { Model } from 'sequelize';\nimport { User } from '../models/index.js';\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  const user = await User.findByPk(req.params.id);\n  user.lastSeenAt = new Date();\n  await user.save();\n  res.json(user);\n});`,
      errors: [{ message: msg('GET', '/users/:id', DB, 'sequelize instance save'), line: 8, column: 9 }],
    },
    {
      // Mongoose: a tracked model's document, through .then
      code: `import express from 'express';\nimport mongoose from 'mongoose';\nconst Post = mongoose.model('Post', postSchema);\nconst router = express.Router();\nrouter.get('/posts/:id', (req, res) => {\n  Post.findById(req.params.id).then((post) => post.updateOne({ $inc: { views: 1 } })).then(() => res.end());\n});`,
      errors: [{ message: msg('GET', '/posts/:id', DB, 'mongoose document updateOne'), line: 6, column: 47 }],
    },
    {
      // TypeORM BaseEntity: a found entity removed, in every element of a list
      code: `import express from 'express';\nimport { BaseEntity, Entity } from 'typeorm';\n@Entity() class Session extends BaseEntity {}\nconst app = express();\napp.get('/sessions/expired', async (req, res) => {\n  const sessions = await Session.findBy({ expired: true });\n  for (const s of sessions) await s.remove();\n  res.json({ ok: true });\n});`,
      errors: [{ message: msg('GET', '/sessions/expired', DB, 'typeorm entity remove'), line: 7, column: 35 }],
    },
    {
      // a handler returned by a same-file factory
      code: `${express}function makeTouch(field) {\n  return async (req, res) => {\n    await prisma.user.update({ where: { id: req.params.id }, data: { [field]: new Date() } });\n    res.end();\n  };\n}\nconst makeShow = () => async function show(req, res) {\n  await prisma.view.create({ data: { id: req.params.id } });\n  res.end();\n};\napp.get('/users/:id/touch', makeTouch('seenAt'));\napp.get('/posts/:id', makeShow());`,
      errors: [
        { message: msg('GET', '/users/:id/touch', DB, 'prisma.user.update'), line: 7, column: 11 },
        { message: msg('GET', '/posts/:id', DB, 'prisma.view.create'), line: 12, column: 9 },
      ],
    },
  ],
});
