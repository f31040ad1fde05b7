import type { Rule } from 'eslint';
import rule from '../../rules/require-query-timeout.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (what: string, library: string, hint: string) =>
  `${what} (${library}) is configured without a timeout, so a slow query can hold a connection indefinitely and exhaust the pool. Set ${hint}.`;
const PG = '`statement_timeout` (server side) or `query_timeout` (client side)';
const MONGO = '`serverSelectionTimeoutMS`/`socketTimeoutMS` (or `maxTimeMS` per query)';

ruleTester.run('require-query-timeout', eslintRule, {
  valid: [
    `import { Pool } from 'pg'; new Pool({ connectionString: url, statement_timeout: 5000 });`,
    `const { Client } = require('pg'); new Client({ query_timeout: 5000 });`,
    `import pg from 'pg'; const cfg = { max: 10, statement_timeout: 5000 }; new pg.Pool(cfg);`,
    `import { Pool } from 'pg'; new Pool({ options: '-c statement_timeout=5000' });`,
    // options built elsewhere: cannot tell
    `import { Pool } from 'pg'; new Pool(config.db);`,
    `import { Pool } from 'pg'; new Pool({ ...config.db });`,
    `import mysql from 'mysql2/promise'; mysql.createPool({ host, connectTimeout: 10000 });`,
    `import knex from 'knex'; knex({ client: 'pg', connection: url, acquireConnectionTimeout: 10000 });`,
    `import knex from 'knex'; knex({ client: 'pg', connection: { connectionString: url, statement_timeout: 5000 } });`,
    `import knex from 'knex'; knex({ client: 'pg', connection: config.connection });`,
    `import { Sequelize } from 'sequelize'; new Sequelize(url, { dialectOptions: { statement_timeout: 5000 } });`,
    `import { Sequelize } from 'sequelize'; new Sequelize('db', 'u', p, { dialect: 'mssql', dialectOptions: { options: { requestTimeout: 3000 } } });`,
    `import mongoose from 'mongoose'; mongoose.connect(uri, { serverSelectionTimeoutMS: 5000 });`,
    `import mongoose from 'mongoose'; mongoose.connect('mongodb://db/app?socketTimeoutMS=30000');`,
    `import { MongoClient } from 'mongodb'; new MongoClient(uri, { socketTimeoutMS: 30000 });`,
    `import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.$transaction(async (tx) => { await tx.user.create({ data }); }, { timeout: 5000 });`,
    // batch transactions take no timeout
    `import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.$transaction([prisma.user.create({ data })]);`,
    // not a DB client
    `import { Pool } from 'undici'; new Pool(origin);`,
    `new Pool({ max: 1 });`,
  ],
  invalid: [
    {
      code: `import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });`,
      errors: [{ message: msg('new Pool()', 'pg', PG), line: 2, column: 23 }],
    },
    {
      code: `const pg = require('pg');\nconst client = new pg.Client();`,
      errors: [{ message: msg('new Client()', 'pg', PG), line: 2, column: 16 }],
    },
    {
      code: `import mysql from 'mysql';\nmysql.createConnection({ host: 'db', user: 'app' });`,
      errors: [{ message: msg('mysql.createConnection()', 'mysql', '`connectTimeout`, and a per-query `timeout`'), line: 2, column: 24 }],
    },
    {
      code: `const knex = require('knex')({\n  client: 'pg',\n  connection: process.env.DATABASE_URL,\n});`,
      errors: [{ messageId: 'missingTimeout', line: 1, column: 30 }],
    },
    {
      code: `import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });`,
      errors: [{ message: msg('new Sequelize()', 'sequelize', 'a timeout in `dialectOptions` (`statement_timeout`, `connectTimeout`, `requestTimeout`…)'), line: 2, column: 66 }],
    },
    {
      code: `import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URL);`,
      errors: [{ message: msg('mongoose.connect()', 'mongoose', MONGO), line: 2, column: 7 }],
    },
    {
      code: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient(uri, { maxPoolSize: 10 });`,
      errors: [{ message: msg('new MongoClient()', 'mongodb', MONGO), line: 2, column: 37 }],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nawait prisma.$transaction(async (tx) => {\n  await tx.order.create({ data });\n});`,
      errors: [{ message: msg('$transaction()', 'prisma', 'a `timeout` (and `maxWait`) in the `$transaction` options'), line: 3, column: 7 }],
    },
  ],
});
