import rule from '../../rules/require-parameterized-queries.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const dyn = (how: string, part: string, library: string, method: string) => ({ messageId: 'dynamicSql' as const, data: { how, part, library, method } });
const req = (source: string, how: string, library: string, method: string) => ({ messageId: 'requestDataSql' as const, data: { source, how, library, method } });

ruleTester.run('require-parameterized-queries', rule.eslint!, {
  valid: [
    // placeholders with bound values
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nawait pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);" },
    { code: "import mysql from 'mysql2/promise';\nconst conn = await mysql.createConnection({});\nawait conn.execute('SELECT * FROM users WHERE id = ?', [id]);" },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nawait pool.query({ text: 'SELECT * FROM users WHERE id = $1', values: [id] });" },
    // tagged templates
    { code: "import { sql } from 'drizzle-orm';\nawait db.execute(sql`SELECT * FROM users WHERE id = ${id}`);" },
    { code: "import { PrismaClient, Prisma } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`;" },
    { code: "import { PrismaClient, Prisma } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.$queryRaw(Prisma.sql`SELECT * FROM users WHERE id = ${id}`);" },
    { code: "import postgres from 'postgres';\nconst sql = postgres();\nawait sql`SELECT * FROM users WHERE id = ${id}`;" },
    { code: "import sql from 'mssql';\nawait sql.query`SELECT * FROM t WHERE id = ${id}`;" },
    { code: "import sql from 'mssql';\nconst request = new sql.Request();\nrequest.input('id', sql.Int, id);\nawait request.query('SELECT * FROM t WHERE id = @id');" },
    // constant-only concatenation, incl. consts declared in the file
    { code: "import knex from 'knex';\nconst db = knex({});\nconst TABLE = 'users';\nconst LIMIT = 50;\nawait db.raw(`SELECT * FROM ${TABLE} LIMIT ${LIMIT}`);" },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nconst COLS = 'id, name';\nawait pool.query('SELECT ' + COLS + ' FROM users WHERE id = $1', [id]);" },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nlet q = 'SELECT * FROM users WHERE 1 = 1';\nif (active) q += ' AND active = true';\nawait pool.query(q);" },
    // dynamically generated placeholders
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nconst ph = ids.map((_, i) => '$' + (i + 1)).join(', ');\nawait pool.query(`SELECT * FROM users WHERE id IN (${ph})`, ids);" },
    { code: "import mysql from 'mysql2';\nconst conn = mysql.createConnection({});\nconn.query(`SELECT * FROM users WHERE id IN (${ids.map(() => '?').join(',')})`, ids);" },
    // escaped identifiers and values
    { code: "import mysql from 'mysql';\nconst conn = mysql.createConnection({});\nconn.query('SELECT * FROM ' + mysql.escapeId(table) + ' WHERE id = ' + conn.escape(id));" },
    { code: "import knex from 'knex';\nconst db = knex({});\nawait db.raw(`SELECT ${db.ref(column)} FROM t WHERE id = ?`, [id]);" },
    { code: "import format from 'pg-format';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nawait pool.query(format('SELECT * FROM %I WHERE name = %L', table, name));" },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nawait pool.query(`SELECT * FROM users LIMIT ${Number(limit)} OFFSET ${parseInt(offset, 10)}`);" },
    // placeholders numbered by values.push()
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nconst values = [];\nlet sql = 'SELECT * FROM t WHERE 1 = 1';\nif (name) sql += ` AND name = $${values.push(name)}`;\nif (ids.length) sql += ' LIMIT ' + ids.length;\nawait pool.query(sql, values);" },
    // TypeScript enum members and const maps are constants
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nenum Table { Users = 'users' }\nconst COLS = { name: 'display_name' };\nawait pool.query(`SELECT ${COLS.name} FROM ${Table.Users} WHERE id = $1`, [id]);" },
    // fragments kept in a const object, arrays filtered then joined
    { code: "import knex from 'knex';\nconst db = knex({});\nconst scope = { sql: ['AND a = ?', ids.length ? `AND id IN (${ids.map(() => '?').join(',')})` : ''].filter(Boolean).join(' '), bindings: ids };\nawait db.raw(`SELECT * FROM t WHERE 1 = 1 ${scope.sql}`, scope.bindings);" },
    // a same-file helper only ever called with constants
    { code: "import knex from 'knex';\nconst db = knex({});\nconst bindTo = (alias, port) => db.raw(`${alias}.port = ?`, [port]);\nbindTo('name_binding', 1);\nbindTo('email_binding', 2);" },
    // a SQL string we cannot see is not judged
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport function run(sql, params) { return pool.query(sql, params); }" },
    // not SQL
    { code: 'logger.query(`fetching ${id}`);' },
    // a variable extended across statements with constants, placeholders or escapers only (any receiver)
    { code: "async function f(db, name, x) {\n  let q = 'SELECT * FROM users WHERE 1 = 1';\n  if (x) q = q + ' AND name = ?';\n  if (name) q = `${q} ORDER BY ${db.escapeId(name)}`;\n  return db.query(q, [x]);\n}" },
    // a start we cannot read: the first value is replaced in a branch, or comes from a call
    { code: "async function f(db, name, x) {\n  let q;\n  if (x) q = 'SELECT * FROM a';\n  else q = buildQuery();\n  q = q + ' WHERE name = ' + name;\n  return db.query(q);\n}" },
    { code: "async function f(db, name) {\n  let q = base();\n  q += \" AND name = '\" + name + \"'\";\n  return db.query(q);\n}" },
    // a message extended across statements is not SQL
    { code: "async function f(db, name) {\n  let msg = 'hello';\n  if (name) msg = msg + ' ' + name;\n  return db.query(msg);\n}" },
  ],
  invalid: [
    // pg
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\napp.get('/u', async (req, res) => {\n  await pool.query(`SELECT * FROM users WHERE id = ${req.query.id}`);\n});",
      errors: [
        {
          message: 'Request data (req.query.id) is spliced into SQL by template interpolation and reaches pg query(): SQL injection. Pass it as a bound parameter (placeholder) instead.',
          line: 4,
          column: 20,
        },
      ],
    },
    {
      code: "import pg from 'pg';\nconst client = new pg.Client();\nasync function find(name) { return client.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\"); }",
      errors: [{ message: "SQL built by concatenation of 'name' reaches pg query(). Pass values as bound parameters (placeholders) or use a tagged sql`…` template; escape identifiers with escapeId/format('%I').", line: 3 }],
    },
    // a SQL string built in a variable and passed later
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nasync function h(req) {\n  const { sort } = req.query;\n  let sql = 'SELECT * FROM users';\n  sql += ' ORDER BY ' + sort;\n  return pool.query(sql);\n}",
      errors: [req('req.query', 'concatenation', 'pg', 'query')],
    },
    // SQL kept in a variable and extended across statements, reaching a receiver we do not know
    {
      code: "async function search(db, name, x) {\n  let q = 'SELECT * FROM users WHERE 1=1';\n  if (x) q = q + \" AND name = '\" + name + \"'\";\n  return db.query(q);\n}",
      errors: [{ message: "SQL built by concatenation of 'name' reaches the SQL driver query(). Pass values as bound parameters (placeholders) or use a tagged sql`…` template; escape identifiers with escapeId/format('%I').", line: 4, column: 19 }],
    },
    {
      // declared without a value, started on the next line
      code: "async function search(db, name, x) {\n  let q;\n  q = 'SELECT * FROM users WHERE 1=1';\n  if (x) q += \" AND name = '\" + name + \"'\";\n  return db.query(q);\n}",
      errors: [{ message: "SQL built by concatenation of 'name' reaches the SQL driver query(). Pass values as bound parameters (placeholders) or use a tagged sql`…` template; escape identifiers with escapeId/format('%I').", line: 5, column: 19 }],
    },
    {
      // extended by a template that starts with the variable; request data named
      code: "app.get('/u', async (req, res) => {\n  var q = 'SELECT * FROM users WHERE 1=1';\n  if (req.query.name) { q = `${q} AND name = '${req.query.name}'`; }\n  res.json(await req.db.query(q));\n});",
      errors: [{ message: 'Request data (req.query.name) is spliced into SQL by template interpolation and reaches the SQL driver query(): SQL injection. Pass it as a bound parameter (placeholder) instead.', line: 4, column: 31 }],
    },
    // pg-promise
    { code: "import pgPromise from 'pg-promise';\nconst pgp = pgPromise();\nconst db = pgp('postgres://localhost/db');\nawait db.any('SELECT * FROM t WHERE name = ' + name);", errors: [dyn('concatenation', 'name', 'pg-promise', 'any')] },
    // mysql / mysql2 query and execute
    { code: "import mysql from 'mysql';\nconst conn = mysql.createConnection({});\nconn.query('SELECT * FROM users WHERE email = \"' + email + '\"', cb);", errors: [dyn('concatenation', 'email', 'mysql', 'query')] },
    { code: "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\nawait pool.execute(`DELETE FROM sessions WHERE token = '${token}'`);", errors: [dyn('template interpolation', 'token', 'mysql2', 'execute')] },
    // sqlite3 / better-sqlite3
    { code: "import sqlite3 from 'sqlite3';\nconst db = new sqlite3.Database(':memory:');\ndb.all(`SELECT * FROM t WHERE id = ${id}`, cb);", errors: [dyn('template interpolation', 'id', 'sqlite3', 'all')] },
    { code: "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\ndb.prepare(`SELECT * FROM t WHERE name = '${name}'`).get();", errors: [dyn('template interpolation', 'name', 'better-sqlite3', 'prepare')] },
    // mssql
    { code: "import sql from 'mssql';\nawait sql.query('SELECT * FROM t WHERE id = ' + id);", errors: [dyn('concatenation', 'id', 'mssql', 'query')] },
    { code: "import sql from 'mssql';\nconst request = new sql.Request();\nawait request.query(`SELECT * FROM t WHERE name = '${name}'`);", errors: [dyn('template interpolation', 'name', 'mssql', 'query')] },
    // oracledb
    { code: "import oracledb from 'oracledb';\nconst conn = await oracledb.getConnection({});\nawait conn.execute(`SELECT * FROM t WHERE id = ${id}`);", errors: [dyn('template interpolation', 'id', 'oracledb', 'execute')] },
    // sequelize query / literal
    { code: "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('sqlite::memory:');\nawait sequelize.query(`SELECT * FROM users WHERE name = '${name}'`);", errors: [dyn('template interpolation', 'name', 'sequelize', 'query')] },
    { code: "import { Sequelize } from 'sequelize';\nUser.findAll({ where: Sequelize.literal(`age > ${age}`) });", errors: [dyn('template interpolation', 'age', 'sequelize', 'literal')] },
    // knex raw / *Raw
    { code: "import knex from 'knex';\nconst db = knex({});\nawait db.raw(`SELECT * FROM users WHERE id = ${id}`);", errors: [dyn('template interpolation', 'id', 'knex', 'raw')] },
    { code: "import knex from 'knex';\nconst db = knex({});\nawait db('users').whereRaw('name = \\'' + name + '\\'');", errors: [dyn('concatenation', 'name', 'knex', 'whereRaw')] },
    // TypeORM query / string where
    { code: "import { DataSource } from 'typeorm';\nconst ds = new DataSource({});\nawait ds.query(`SELECT * FROM users WHERE id = ${id}`);", errors: [dyn('template interpolation', 'id', 'typeorm', 'query')] },
    { code: "import { DataSource } from 'typeorm';\nconst ds = new DataSource({});\nawait ds.getRepository(User).createQueryBuilder('u').where(`u.name = '${name}'`).getMany();", errors: [dyn('template interpolation', 'name', 'typeorm', 'where')] },
    // Prisma unsafe + Prisma.raw
    { code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.$queryRawUnsafe(`SELECT * FROM users WHERE id = ${id}`);", errors: [dyn('template interpolation', 'id', 'prisma', '$queryRawUnsafe')] },
    { code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.$executeRawUnsafe('DELETE FROM users WHERE id = ' + id);", errors: [dyn('concatenation', 'id', 'prisma', '$executeRawUnsafe')] },
    { code: "import { Prisma } from '@prisma/client';\nconst q = Prisma.raw(`SELECT * FROM ${table}`);", errors: [dyn('template interpolation', 'table', 'prisma', 'raw')] },
    // drizzle sql.raw
    { code: "import { sql } from 'drizzle-orm';\nawait db.execute(sql.raw(`SELECT * FROM users ORDER BY ${col}`));", errors: [dyn('template interpolation', 'col', 'drizzle', 'raw')] },
    // postgres.js unsafe
    { code: "import postgres from 'postgres';\nconst sql = postgres();\nawait sql.unsafe(`SELECT * FROM users WHERE id = ${id}`);", errors: [dyn('template interpolation', 'id', 'postgres', 'unsafe')] },
    // .concat, .join, format-style replacement
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nawait pool.query('SELECT * FROM users WHERE id = '.concat(id));", errors: [dyn('.concat()', 'id', 'pg', 'query')] },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nawait pool.query(['SELECT * FROM users WHERE name =', `'${name}'`].join(' '));", errors: [dyn('template interpolation', 'name', 'pg', 'query')] },
    { code: "import util from 'util';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nawait pool.query(util.format(\"SELECT * FROM users WHERE name = '%s'\", name));", errors: [dyn('format()', 'name', 'pg', 'query')] },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nconst TEMPLATE = 'SELECT * FROM users WHERE id = :id';\nawait pool.query(TEMPLATE.replace(':id', id));", errors: [dyn('.replace()', 'id', 'pg', 'query')] },
    // Koa and Hono request data
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nrouter.get('/u', async (ctx) => { ctx.body = await pool.query(`SELECT * FROM t WHERE id = ${ctx.query.id}`); });", errors: [req('ctx.query.id', 'template interpolation', 'pg', 'query')] },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\napp.get('/u', async (c) => { const id = c.req.param('id'); return c.json(await pool.query('SELECT * FROM t WHERE id = ' + id)); });", errors: [req("c.req.param('id')", 'concatenation', 'pg', 'query')] },
    // the same helper once called with a variable, or exported
    { code: "import knex from 'knex';\nconst db = knex({});\nconst bindTo = (alias) => db.raw(`${alias}.port = 1`);\nbindTo('a');\nbindTo(userAlias);", errors: [dyn('template interpolation', 'alias', 'knex', 'raw')] },
    { code: "import knex from 'knex';\nconst db = knex({});\nexport function bindTo(alias) { return db.raw(`${alias}.port = 1`); }\nbindTo('a');", errors: [dyn('template interpolation', 'alias', 'knex', 'raw')] },
    // values spliced through a mapped, joined list
    {
      code: "import knex from 'knex';\nconst db = knex({});\nconst cases = updates.map(([id, ts]) => `WHEN '${id}' THEN '${ts}'`).join(' ');\nawait db.raw(`UPDATE t SET at = CASE id ${cases} END`);",
      errors: [dyn('template interpolation', 'id', 'knex', 'raw')],
    },
    // clauses pushed into an array and joined
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nconst where = ['deleted_at IS NULL'];\nif (q) where.push(`name LIKE '%${q}%'`);\nawait pool.query('SELECT * FROM t WHERE ' + where.join(' AND '));",
      errors: [dyn('template interpolation', 'q', 'pg', 'query')],
    },
    // Fastify and Next.js request data
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nfastify.get('/u', async (request) => pool.query(`SELECT * FROM t WHERE id = ${request.params.id}`));", errors: [req('request.params.id', 'template interpolation', 'pg', 'query')] },
    // Request data is named as the shared request taint follows it: a call it does not know ends it
    // (still spliced text, so still reported, not as injection); a destructured request parameter carries it.
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\napp.get('/u', async (req, res) => res.json(await pool.query(\"SELECT * FROM t WHERE name = '\" + clean(req.query.name) + \"'\")));", errors: [dyn('concatenation', 'clean(req.query.name)', 'pg', 'query')] },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\napp.get('/u', async ({ query }, res) => res.json(await pool.query(`SELECT * FROM t WHERE name = '${query.name}'`)));", errors: [req('query', 'template interpolation', 'pg', 'query')] },
    { code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function GET(request) {\n  const id = request.nextUrl.searchParams.get('id');\n  return Response.json(await pool.query('SELECT * FROM t WHERE id = ' + id));\n}", errors: [req("request.nextUrl.searchParams.get('id')", 'concatenation', 'pg', 'query')] },
    // Koa body, sqlite3 run
    { code: "import sqlite3 from 'sqlite3';\nconst db = new sqlite3.Database('app.db');\nrouter.post('/n', (ctx) => { db.run(`INSERT INTO notes (body) VALUES ('${ctx.request.body.text}')`); });", errors: [req('ctx.request.body.text', 'template interpolation', 'sqlite3', 'run')] },
    // mysql query object form
    { code: "import mysql from 'mysql2';\nconst conn = mysql.createConnection({});\nconn.query({ sql: 'SELECT * FROM t WHERE id = ' + id });", errors: [dyn('concatenation', 'id', 'mysql2', 'query')] },
    // a driver client passed in from elsewhere
    { code: 'export async function byName(db, name) { return db.query(`SELECT * FROM users WHERE name = \'${name}\'`); }', errors: [dyn('template interpolation', 'name', 'the SQL driver', 'query')] },
  ],
});
