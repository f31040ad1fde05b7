import type { Rule } from 'eslint';
import rule from '../../rules/require-pagination.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (path: string, what: string, hint: string) =>
  `The GET ${path} handler runs an unbounded list query (${what}): it returns every matching row, however many there are. Add ${hint} taken from a capped page-size parameter.`;

const express = `import express from 'express';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst app = express();\n`;
const pg = `import express from 'express';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nconst app = express();\n`;

ruleTester.run('require-pagination', eslintRule, {
  valid: [
    // bounded, including by a variable
    `${express}app.get('/users', async (req, res) => { const take = Math.min(Number(req.query.limit) || 20, 100); res.json(await prisma.user.findMany({ take })); });`,
    // single-row reads never count
    `${express}app.get('/users/:id', async (req, res) => { res.json(await prisma.user.findUnique({ where: { id: req.params.id } })); });`,
    `${pg}app.get('/users/:id', async (req, res) => { const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]); res.json(rows[0]); });`,
    // aggregate-only SQL is not a list
    `${pg}app.get('/users/count', async (req, res) => { res.json((await pool.query('SELECT COUNT(*) AS n FROM users')).rows[0]); });`,
    // LIMIT / FETCH / TOP
    `${pg}app.get('/users', async (req, res) => { res.json((await pool.query('SELECT * FROM users ORDER BY id LIMIT $1 OFFSET $2', [l, o])).rows); });`,
    `${pg}app.get('/users', async (req, res) => { res.json((await pool.query('SELECT * FROM users OFFSET $1 ROWS FETCH NEXT 20 ROWS ONLY', [o])).rows); });`,
    // knex with .limit() anywhere in the chain; a builder finished later
    `import express from 'express';\nconst app = express();\napp.get('/posts', async (req, res) => { res.json(await knex('posts').limit(20).where({ published: true }).select('*')); });`,
    `import express from 'express';\nconst app = express();\napp.get('/posts', async (req, res) => { const q = knex('posts').where({ published: true }); res.json(await q.limit(20)); });`,
    // Mongoose .limit()
    `import express from 'express';\nimport { Post } from '../models/post.js';\nconst app = express();\napp.get('/posts', async (req, res) => { res.json(await Post.find({}).sort({ _id: -1 }).limit(20)); });`,
    // Sequelize limit
    `import express from 'express';\nimport { Order } from '../models/index.js';\nconst app = express();\napp.get('/orders', async (req, res) => { res.json(await Order.findAll({ where: {}, limit: 50, offset })); });`,
    // options built elsewhere: cannot tell
    `${express}app.get('/users', async (req, res) => { res.json(await prisma.user.findMany(buildQuery(req.query))); });`,
    // not a GET
    `${express}app.post('/users/search', async (req, res) => { res.json(await prisma.user.findMany({ where: req.body })); });`,
    // not in a handler
    `${express}export async function all() { return prisma.user.findMany(); }`,
  ],
  invalid: [
    {
      code: `${express}app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany({ where: { active: true } }));\n});`,
      errors: [{ message: msg('/users', 'prisma.user.findMany', '`take` (with `skip` or a `cursor`)'), line: 6, column: 18 }],
    },
    {
      // raw SELECT without LIMIT; GROUP BY without LIMIT is a list
      code: `${pg}app.get('/users', async (req, res) => {\n  const { rows } = await pool.query('SELECT id, name FROM users ORDER BY name');\n  const stats = await pool.query('SELECT status, COUNT(*) FROM orders GROUP BY status');\n  res.json({ rows, stats: stats.rows });\n});`,
      errors: [
        { message: msg('/users', 'SELECT query', 'a `LIMIT` (or `FETCH FIRST … ROWS ONLY` / `TOP`)'), line: 6, column: 26 },
        { messageId: 'unboundedList', line: 7, column: 23 },
      ],
    },
    {
      // Fastify + knex on an untracked receiver
      code: `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/posts', async (request) => {\n  return knex('posts').where({ status: request.query.status }).orderBy('id');\n});`,
      errors: [{ message: msg('/posts', 'knex select', '`.limit()` (with `.offset()`)'), line: 4, column: 10 }],
    },
    {
      // Koa + Mongoose model
      code: `import Router from '@koa/router';\nimport { Comment } from '../models/comment.js';\nconst router = new Router();\nrouter.get('/comments', async (ctx) => {\n  ctx.body = await Comment.find({ post: ctx.query.post }).sort({ createdAt: -1 });\n});`,
      errors: [{ message: msg('/comments', 'Comment.find', 'a limit (`limit`/`take`/`.limit()`)'), line: 5, column: 20 }],
    },
    {
      // Hono + Sequelize model by path
      code: `import { Hono } from 'hono';\nimport { Order } from './db/models.js';\nconst app = new Hono();\napp.get('/orders', async (c) => c.json(await Order.findAll({ where: { userId: c.req.query('u') } })));`,
      errors: [{ message: msg('/orders', 'Order.findAll', 'a limit (`limit`/`take`/`.limit()`)'), line: 4, column: 46 }],
    },
    {
      // NestJS + TypeORM repository findBy (no paging options at all)
      code: `import { Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly userRepository: Repository<User>) {}\n  @Get()\n  list() {\n    return this.userRepository.findBy({ active: true });\n  }\n}`,
      errors: [{ message: msg('/users', 'this.userRepository.findBy', '`take` (with `skip`)'), line: 7, column: 12 }],
    },
    {
      // Next.js App Router + drizzle
      filename: 'app/api/products/route.ts',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';\nconst db = drizzle(pool);\nexport async function GET() {\n  const rows = await db.select().from(products);\n  return Response.json(rows);\n}`,
      errors: [{ message: msg('/api/products', 'drizzle select', '`.limit()` (with `.offset()`)'), line: 4, column: 22 }],
    },
    {
      // inside Promise.all, a same-file helper
      code: `${express}async function loadAll() {\n  return Promise.all([prisma.tag.findMany(), prisma.user.count()]);\n}\napp.get('/meta', async (req, res) => { res.json(await loadAll()); });`,
      errors: [{ message: msg('/meta', 'prisma.tag.findMany', '`take` (with `skip` or a `cursor`)'), line: 6, column: 23 }],
    },
  ],
});
