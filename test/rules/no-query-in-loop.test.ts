import type { Rule } from 'eslint';
import rule from '../../rules/no-query-in-loop.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const inLoop = (what: string, loop: string) =>
  `${what} is awaited inside a \`${loop}\` loop: one database round trip per iteration (N+1). Load the rows in one query (\`WHERE id IN (…)\`, \`whereIn\`, \`$in\`, \`findMany({ where: { id: { in } } })\`) or batch the writes.`;
const inCallback = (what: string, method: string) =>
  `${what} runs once per element in a \`.${method}()\` callback: one database round trip per element (N+1). Load the rows in one query (\`WHERE id IN (…)\`, \`whereIn\`, \`$in\`) or batch the writes.`;

const prisma = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;

ruleTester.run('no-query-in-loop', eslintRule, {
  valid: [
    // events handled as they arrive from a subscription are not rows loaded one by one
    `${prisma}for await (const event of bus.subscribe('orders')) { await prisma.audit.create({ data: event }); }`,
    `${prisma}for await (const change of collection.watch()) { await prisma.user.findUnique({ where: { id: change.id } }); }`,
    // one set-based query
    `${prisma}const users = await prisma.user.findMany({ where: { id: { in: ids } } });`,
    // the loop source runs once
    `${prisma}for (const u of await prisma.user.findMany({ take: 10 })) console.log(u);`,
    // Promise.all over a bounded batch
    `${prisma}for (const batch of batches) { await Promise.all(batch.map((id) => prisma.user.findUnique({ where: { id } }))); }`,
    `${prisma}await Promise.all(ids.slice(0, 10).map((id) => prisma.user.findUnique({ where: { id } })));`,
    `${prisma}await Promise.all([prisma.user.count(), prisma.post.count()]);`,
    // retry loop bounded by a small constant
    `${prisma}for (let attempt = 0; attempt < 3; attempt++) { try { await prisma.user.create({ data }); break; } catch (e) { log(e); } }`,
    // fixed small list of tables
    `export async function wipe(knex) { for (const t of ['a', 'b']) { await knex(t).where('x', 1).del(); } }`,
    // a concurrency limiter decides how many run at once
    `${prisma}await Promise.all(ids.map((id) => limit(() => prisma.user.findUnique({ where: { id } }))));`,
    // a sync callback that does not wait
    `${prisma}items.forEach((i) => { prisma.log.create({ data: i }).catch(report); });`,
    // not a DB call
    `for (const u of urls) { await fetch(u); }`,
    `for (const k of keys) { await cache.get(k); }`,
    // batches, constant lists, a domain factory that is not a model
    `export async function f(trx) { for (const chunk of chunkArray(rows, 500)) { await trx('events').insert(chunk); } }`,
    `const TYPES = ['post', 'page'];\nexport async function f(knex) { await Promise.all(TYPES.map(async (t) => { await knex('posts').where({ type: t }).select('id'); })); }`,
    `const SLUGS = { free: 'a', paid: 'b' };\nexport async function f(knex) { for (const [k, slug] of Object.entries(SLUGS)) { await knex('automations').where({ slug }).first(); } }`,
    `import Tier from './tier.js';\nawait Promise.all(models.map(async (m) => { await Tier.create(m); }));`,
    `import { SLUGS_BY_STATUS } from './constants.js';\nexport async function f(knex) { for (const [k, slug] of Object.entries(SLUGS_BY_STATUS)) { await knex('automations').where({ slug }).first(); } }`,
    `export async function f(trx) { for (let from = 0; from < rows.length; from += CHUNK) { await trx('v').insert(rows.slice(from, from + CHUNK)); } }`,
    // paging through a table in bounded batches
    `export async function drain(knex) { let last = 0; while (true) { const rows = await knex('events').where('id', '>', last).orderBy('id').limit(500); if (!rows.length) break; last = rows[rows.length - 1].id; } }`,
    // a query in a function merely defined in a loop body
    `${prisma}for (const u of users) { handlers.push(async () => { await prisma.user.delete({ where: { id: u.id } }); }); }`,
    // migrations and seeders run once per deploy
    { code: "import knex from 'knex';\nconst db = knex({});\nexport async function up() {\n  for (const row of await db('posts').select('id')) { await db('posts').update({ html: render(row) }).where('id', row.id); }\n}", filename: '/app/data/migrations/versions/5.0/2022-05-21-regenerate.js' },
    { code: "import knex from 'knex';\nconst db = knex({});\nfor (const u of users) { await db('users').insert(u); }", filename: '/app/prisma/seed.ts' },
    { code: "import knex from 'knex';\nconst db = knex({});\nfor (const p of products) { await db('products').insert(p); }", filename: '/app/src/services/stripe/stripe-migrations.js' },
    // start-up hooks and seed/migrate functions in ordinary files
    { code: "import knex from 'knex';\nconst db = knex({});\nclass Roles { async onModuleInit() { for (const r of this.defaults) { await db('roles').insert(r).onConflict().ignore(); } } }" },
    { code: "import knex from 'knex';\nconst db = knex({});\nexport async function seedDatabase(users) { for (const u of users) { await db('users').insert(u); } }" },
    // a small const list iterated directly
    { code: "import knex from 'knex';\nconst db = knex({});\nconst kinds = ['a', 'b'];\nexport async function f() { for (const k of kinds) { await db('t').where({ k }).first(); } }" },
    // Promise.all over a const list, whatever its length
    { code: "import knex from 'knex';\nconst db = knex({});\nconst SETTINGS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];\nexport async function load() { return Promise.all(SETTINGS.map((key) => db('settings').where({ key }).first())); }" },
    { code: "import knex from 'knex';\nconst db = knex({});\nconst defaults = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11 };\nexport async function load() { await Promise.all(Object.entries(defaults).map(([key, value]) => db('settings').insert({ key, value }))); }" },
  ],
  invalid: [
    {
      // a const list that grows below its literal is not fixed data
      code: "import knex from 'knex';\nconst db = knex({});\nconst ids = ['a'];\nids.push(...req.body.ids);\nexport async function load() { return Promise.all(ids.map((id) => db('users').where({ id }).first())); }",
      errors: [{ message: inCallback('knex first', 'map'), line: 5, column: 67 }],
    },
    {
      // an ordinary service file with a function that only mentions "init"
      code: "import knex from 'knex';\nconst db = knex({});\nexport async function initCheckout(items) {\n  for (const i of items) { await db('items').where({ id: i.id }).first(); }\n}",
      errors: [{ message: inLoop('knex first', 'for…of'), line: 4, column: 34 }],
      filename: '/app/src/services/checkout.js',
    },
    {
      // a write on each record of a finder result (instance save), Sequelize
      code: `import { User } from '../models/index.js';\nexport async function touchAll(ids) {\n  const users = await User.findAll({ where: { id: ids }, limit: 100 });\n  for (const user of users) {\n    user.seenAt = new Date();\n    await user.save();\n  }\n}`,
      errors: [{ message: inLoop('model instance save', 'for…of'), line: 6, column: 11 }],
    },
    {
      code: `${prisma}for (const id of ids) {\n  const u = await prisma.user.findUnique({ where: { id } });\n}`,
      errors: [{ message: inLoop('prisma.user.findUnique', 'for…of'), line: 4, column: 19 }],
    },
    {
      // raw SQL on a tracked pg pool, classic for loop
      code: `import { Pool } from 'pg';\nconst pool = new Pool();\nfor (let i = 0; i < rows.length; i++) {\n  await pool.query('UPDATE t SET a = $1 WHERE id = $2', [rows[i].a, rows[i].id]);\n}`,
      errors: [{ message: inLoop('UPDATE query', 'for'), line: 4, column: 9 }],
    },
    {
      // knex chain on an untracked knex, while loop
      code: `export async function drain(knex) {\n  while (queue.length) {\n    await knex('jobs').where({ id: queue.pop() }).update({ done: true });\n  }\n}`,
      errors: [{ message: inLoop('knex update', 'while'), line: 3, column: 11 }],
    },
    {
      // awaited Promise.all over an unbounded map
      code: `${prisma}const posts = await Promise.all(users.map((u) => prisma.post.findMany({ where: { authorId: u.id }, take: 5 })));`,
      errors: [{ message: inCallback('prisma.post.findMany', 'map'), line: 3, column: 50 }],
    },
    {
      // async map callback awaiting a Mongoose model
      code: `import mongoose from 'mongoose';\nconst Order = mongoose.model('Order', s);\nawait Promise.all(users.map(async (u) => {\n  u.orders = await Order.find({ user: u._id }).limit(10);\n}));`,
      errors: [{ message: inCallback('Order.find', 'map'), line: 4, column: 20 }],
    },
    {
      // async forEach callback (clarification: counts)
      code: `${prisma}ids.forEach(async (id) => {\n  await prisma.user.delete({ where: { id } });\n});`,
      errors: [{ message: inCallback('prisma.user.delete', 'forEach'), line: 4, column: 9 }],
    },
    {
      // for await over a stream, Sequelize model by name
      code: `import { Invoice } from './models/index.js';\nfor await (const row of stream) {\n  await Invoice.create({ number: row.n });\n}`,
      errors: [{ message: inLoop('Invoice.create', 'for…of'), line: 3, column: 9 }],
    },
    {
      // an empty const array filled later is not a small constant list
      code: `export async function f(knex, prices) {\n  const found = [];\n  for (const p of prices) found.push(p);\n  for (const p of found) {\n    await knex('prices').insert(p);\n  }\n}`,
      errors: [{ message: inLoop('knex insert', 'for…of'), line: 5, column: 11 }],
    },
    {
      // postgres.js tagged template
      code: `import postgres from 'postgres';\nconst sql = postgres(url);\nfor (const id of ids) {\n  await sql\`SELECT * FROM users WHERE id = \${id}\`;\n}`,
      errors: [{ message: inLoop('SELECT query', 'for…of'), line: 4, column: 9 }],
    },
  ],
});
