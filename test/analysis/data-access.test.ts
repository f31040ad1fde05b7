/**
 * The data-access model, exercised through a probe rule on real ESLint: every call the model
 * classifies is reported with its classification, so each case asserts exactly what was seen.
 */
import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { classifyDbCall, classifyDbTaggedTemplate, classifySideEffect, dbClientConstruction, describeDbOperation, getSqlSink } from '../../src/analysis/data-access.js';
import { classifySql } from '../../src/analysis/sql.js';
import { createEslintRule } from '../../src/rule.js';

const probe = createEslintRule({
  name: 'probe',
  meta: { type: 'problem', docs: { description: 'probe' }, messages: { m: '{{d}}' }, schema: [] },
  defaultOptions: [],
  create(context) {
    const out = (node: TSESTree.Node, d: string) => context.report({ node, messageId: 'm', data: { d } });
    return {
      CallExpression(node) {
        const op = classifyDbCall(node, context);
        if (op) out(node, `db ${op.library} ${op.operation} ${op.kind}${op.kind === 'list' ? (op.bounded ? ' bounded' : ' unbounded') : ''}${op.instance ? ` (${describeDbOperation(op)})` : ''}`);
        const sink = getSqlSink(node, context);
        if (sink) out(node, `sink ${sink.library} ${context.sourceCode.getText(sink.sqlArg)}${sink.hasBoundValues ? ' bound' : ''}`);
        const fx = classifySideEffect(node, context);
        if (fx && fx.kind !== 'db-write') out(node, `effect ${fx.kind} ${fx.what}`);
        const c = dbClientConstruction(node, context);
        if (c) out(node, `client ${c.library} ${c.options ? 'opts' : 'noopts'}`);
      },
      NewExpression(node) {
        const c = dbClientConstruction(node, context);
        if (c) out(node, `client ${c.library} ${c.options ? 'opts' : 'noopts'}`);
      },
      TaggedTemplateExpression(node) {
        const op = classifyDbTaggedTemplate(node, context);
        if (op) out(node, `db ${op.library} ${op.operation} ${op.kind}${op.kind === 'list' ? (op.bounded ? ' bounded' : ' unbounded') : ''}`);
      },
    };
  },
});

function run(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { t: { rules: { probe: probe as never } } },
      rules: { 't/probe': 'error' },
    },
  ]);
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => `${m.line}: ${m.message}`);
}

describe('classifySql', () => {
  it.each([
    ['SELECT * FROM users', 'read list false'],
    ['select * from users limit 10', 'read list true'],
    ['SELECT TOP 10 * FROM users', 'read list true'],
    ['SELECT * FROM users OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY', 'read list true'],
    ['SELECT COUNT(*) FROM users', 'read aggregate true'],
    ['SELECT count(*)::int AS n, max(created_at) FROM users WHERE x = $1', 'read aggregate true'],
    ['SELECT status, COUNT(*) FROM orders GROUP BY status', 'read list false'],
    ['SELECT * FROM users WHERE id = $1', 'read single true'],
    ['SELECT * FROM orders WHERE user_id = $1', 'read list false'],
    ['SELECT NOW()', 'read single true'],
    ['  -- comment\n  WITH x AS (SELECT * FROM a) SELECT * FROM x', 'read list false'],
    ['WITH x AS (SELECT * FROM a) SELECT * FROM x LIMIT 5', 'read list true'],
    ['WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved', 'write delete true'],
    ['INSERT INTO users (name) VALUES ($1)', 'write create true'],
    ['INSERT INTO users (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET id = excluded.id', 'write upsert true'],
    ['update users set last_seen = now()', 'write update true'],
    ['DELETE FROM sessions', 'write delete true'],
    ['MERGE INTO t USING s ON t.id = s.id', 'write upsert true'],
    ['REPLACE INTO t VALUES (1)', 'write upsert true'],
    ['TRUNCATE users', 'write delete true'],
    ['DROP TABLE users', 'write ddl true'],
    ['(SELECT * FROM a) UNION (SELECT * FROM b)', 'read list false'],
  ])('%s', (sql, expected) => {
    const info = classifySql(sql)!;
    expect(`${info.operation} ${info.kind} ${info.bounded}`).toBe(expected);
  });
  it('is null for non-SQL', () => {
    expect(classifySql('hello world')).toBeNull();
    expect(classifySql('orderBy')).toBeNull();
  });
});

describe('classifyDbCall', () => {
  it('tracks pg pools and classifies raw SQL', () => {
    expect(
      run(`import { Pool } from 'pg';
const pool = new Pool({ statement_timeout: 1000 });
await pool.query('SELECT * FROM users');
await pool.query('SELECT * FROM users LIMIT $1', [n]);
await pool.query({ text: 'INSERT INTO users (a) VALUES ($1)', values: [a] });
const client = await pool.connect();
await client.query('UPDATE users SET a = 1 WHERE id = ' + id);
`),
    ).toEqual([
      '2: client pg opts',
      "3: db pg read list unbounded",
      "3: sink pg 'SELECT * FROM users'",
      '4: db pg read list bounded',
      "4: sink pg 'SELECT * FROM users LIMIT $1' bound",
      '5: db pg write create',
      "5: sink pg 'INSERT INTO users (a) VALUES ($1)' bound",
      "7: db pg write update",
      "7: sink pg 'UPDATE users SET a = 1 WHERE id = ' + id",
    ]);
  });

  it('recognises untracked drivers only with SQL text', () => {
    expect(
      run(`export async function f(db, cache) {
  await db.query('SELECT * FROM t WHERE a = ' + a);
  await cache.get('key');
  await db.query(sqlText);
  await db.one('SELECT * FROM t WHERE a = $1', [a]);
}`),
    ).toEqual([
      '2: db sql read list bounded',
      "2: sink sql 'SELECT * FROM t WHERE a = ' + a",
      '5: db sql read single',
      "5: sink sql 'SELECT * FROM t WHERE a = $1' bound",
    ]);
  });

  it('classifies Prisma delegates, tracked and by name', () => {
    expect(
      run(`import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
await prisma.user.findMany();
await prisma.user.findMany({ take: limit });
await prisma.user.findUnique({ where: { id } });
await prisma.user.create({ data });
await prisma.user.upsert({ where, create, update });
await this.prisma.post.update({ where, data });
await prisma.$queryRawUnsafe('SELECT * FROM t WHERE id = ' + id);
await prisma.$queryRaw\`SELECT * FROM users\`;
`),
    ).toEqual([
      '3: db prisma read list unbounded',
      '4: db prisma read list bounded',
      '5: db prisma read single',
      '6: db prisma write create',
      '7: db prisma write upsert',
      '8: db prisma write update',
      '9: db prisma read single',
      "9: sink prisma 'SELECT * FROM t WHERE id = ' + id",
      '10: db prisma read list unbounded',
    ]);
  });

  it('classifies knex chains once, at the outermost call', () => {
    expect(
      run(`import knexFactory from 'knex';
const db = knexFactory({ client: 'pg' });
await db('users').where({ a }).select('*');
await db('users').where({ a }).limit(10);
await db('users').where({ id }).first();
await db('users').insert(row).returning('id');
await db('users').insert(row).onConflict('id').merge();
await db('users').where({ id }).update({ seen: now }).then(() => 1);
await db('users').count('id');
const q = db('users');
export async function g(knex, trx) {
  await knex('posts').whereIn('id', ids).del();
  await trx('posts').select('id');
  await knex.raw('SELECT * FROM x WHERE a = ' + a);
  await knex('posts').whereRaw('a = ' + a).limit(1);
}
`),
    ).toEqual([
      '2: client knex opts',
      '3: db knex read list unbounded',
      '4: db knex read list bounded',
      '5: db knex read single',
      '6: db knex write create',
      '7: db knex write upsert',
      '8: db knex write update',
      '9: db knex read aggregate',
      '12: db knex write delete',
      '13: db knex read list unbounded',
      '14: db knex read list bounded',
      "14: sink knex 'SELECT * FROM x WHERE a = ' + a",
      '15: db knex read list bounded',
      "15: sink knex 'a = ' + a",
    ]);
  });

  it('classifies mongoose models, mongodb collections and documents', () => {
    expect(
      run(`import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';
import { Order, Tier } from '../models/index.js';
const User = mongoose.model('User', schema);
await User.find({ a });
await User.find({ a }).sort({ b: 1 }).limit(20).lean();
await User.findById(id);
await User.updateOne({ _id: id }, { $set: { seen: now } });
await User.updateOne({ _id: id }, { $set: x }, { upsert: true });
const u = new User({ name });
await u.save();
const client = new MongoClient(uri);
const coll = client.db('app').collection('users');
await coll.find({}).toArray();
await coll.insertOne(doc);
await Order.findAll({ where: { a } });
await Order.findAll({ where: { a }, limit: 10 });
await Order.create({ a });
await Object.create(proto);
await db.collection('events').find({}).limit(5).toArray();
await Entity.create(props);
await Entity.findById(id);
import OfferStatus from '../domain/models/offer-status.js';
await OfferStatus.create(input);
await Order.create('draft');
class Post extends Model {}
await Post.update({ a }, { where });
`),
    ).toEqual([
      '5: db mongoose read list unbounded',
      '6: db mongoose read list bounded',
      '7: db mongoose read single',
      '8: db mongoose write update',
      '9: db mongoose write upsert',
      '11: db mongoose write create (mongoose document save)',
      '12: client mongodb noopts',
      '14: db mongodb read list unbounded',
      '15: db mongodb write create',
      '16: db model read list unbounded',
      '17: db model read list bounded',
      '18: db model write create',
      '20: db mongodb read list bounded',
      '22: db model read single',
      '27: db model write update',
    ]);
  });

  it('classifies TypeORM repositories and query builders', () => {
    expect(
      run(`export class S {
  constructor(private readonly userRepository) {}
  async a() {
    await this.userRepository.find();
    await this.userRepository.find({ take: 10 });
    await this.userRepository.findOneBy({ id });
    await this.userRepository.save(entity);
    this.userRepository.create(dto);
    await this.userRepository.createQueryBuilder('u').where('u.name = ' + name).getMany();
    await this.userRepository.createQueryBuilder('u').where('u.name = :n', { n }).take(5).getMany();
    await ds.createQueryBuilder().insert().into(User).values(v).execute();
  }
}`),
    ).toEqual([
      '4: db typeorm read list unbounded',
      '5: db typeorm read list bounded',
      '6: db typeorm read single',
      '7: db typeorm write create',
      '9: db typeorm read list unbounded',
      "9: sink typeorm 'u.name = ' + name",
      '10: db typeorm read list bounded',
      "10: sink typeorm 'u.name = :n' bound",
      '11: db typeorm write create',
    ]);
  });

  it('covers the remaining drivers and sinks', () => {
    expect(
      run(`import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { Sequelize } from 'sequelize';
const conn = await mysql.createConnection({ host });
await conn.execute('SELECT * FROM t WHERE id = ?', [id]);
const lite = new Database('a.db');
lite.prepare('SELECT * FROM t').all();
lite.prepare('DELETE FROM t WHERE id = ?').run(id);
const db = drizzle(pool);
await db.select().from(users).where(eq(users.id, id));
await db.insert(users).values(v);
db.execute(sql.raw('SELECT 1 ' + x));
const pg = postgres(url);
await pg\`SELECT * FROM users LIMIT 10\`;
await pg.unsafe('SELECT ' + col + ' FROM users');
const seq = new Sequelize(url);
await seq.query('SELECT * FROM a WHERE b = :b', { replacements: { b } });
`),
    ).toEqual([
      '7: client mysql2 opts',
      '8: db mysql2 read single',
      "8: sink mysql2 'SELECT * FROM t WHERE id = ?' bound",
      '10: db better-sqlite3 read list unbounded',
      "10: sink better-sqlite3 'SELECT * FROM t'",
      '11: db better-sqlite3 write delete',
      "11: sink better-sqlite3 'DELETE FROM t WHERE id = ?'",
      '13: db drizzle read list unbounded',
      '14: db drizzle write create',
      '15: db drizzle unknown other',
      "15: sink drizzle 'SELECT 1 ' + x",
      '17: db postgres read list bounded',
      '18: db postgres read list bounded',
      "18: sink postgres 'SELECT ' + col + ' FROM users'",
      '19: client sequelize noopts',
      '20: db sequelize read list unbounded',
      "20: sink sequelize 'SELECT * FROM a WHERE b = :b' bound",
    ]);
  });
});

describe('classifyDbCall: model instances', () => {
  it('Sequelize: records from finders, builders and constructors, through const, await, destructuring, loops and then', () => {
    expect(
      run(`import { Model } from 'sequelize';
import { User } from '../models/index.js';
const user = await User.findByPk(id);
user.name = name;
await user.save();
await user.update({ name });
await user.destroy();
await user.increment('visits');
await user.reload();
const draft = User.build({ name });
await draft.save();
const [first] = await User.findAll({ where, limit: 1 });
await first.restore();
const all = await User.findAll({ where, limit: 10 });
for (const u of all) await u.decrement('credits');
all.forEach((u) => u.destroy());
all[0].set({ a: 1 }).save();
User.findOne({ where }).then((u) => u.save());
let later = await User.findByPk(1);
later = other;
await later.save();
`),
    ).toEqual([
      '3: db model read single',
      '5: db sequelize write update (sequelize instance save)',
      '6: db sequelize write update (sequelize instance update)',
      '7: db sequelize write delete (sequelize instance destroy)',
      '8: db sequelize write update (sequelize instance increment)',
      '9: db sequelize read single (sequelize instance reload)',
      '11: db sequelize write create (sequelize instance save)',
      '12: db model read list bounded',
      '13: db sequelize write update (sequelize instance restore)',
      '14: db model read list bounded',
      '15: db sequelize write update (sequelize instance decrement)',
      '16: db sequelize write delete (sequelize instance destroy)',
      '17: db sequelize write update (sequelize instance save)',
      '18: db model read single',
      '18: db sequelize write update (sequelize instance save)',
      '19: db model read single',
    ]);
  });
  it('Mongoose documents: finders, query chains, new, create; lean() yields plain objects', () => {
    expect(
      run(`import mongoose from 'mongoose';
const Post = mongoose.model('Post', schema);
const post = await Post.findById(id);
await post.deleteOne();
const doc = await Post.findOne({ slug }).populate('author').exec();
await doc.updateOne({ $inc: { views: 1 } });
const fresh = new Post({ title });
await fresh.save();
const plain = await Post.findOne({ slug }).lean();
await plain.save();
import { Order } from '../models/order.js';
const order = await Order.findById(id);
await order.save();
await order.remove();
await order.destroy();
`),
    ).toEqual([
      '3: db mongoose read single',
      '4: db mongoose write delete (mongoose document deleteOne)',
      '5: db mongoose read single',
      '6: db mongoose write update (mongoose document updateOne)',
      '8: db mongoose write create (mongoose document save)',
      '9: db mongoose read single',
      '12: db model read single',
      '13: db mongoose write update (mongoose document save)',
      '14: db mongoose write delete (mongoose document remove)',
    ]);
  });

  it('TypeORM: BaseEntity active records and entities from repositories', () => {
    expect(
      run(`import { BaseEntity, Entity } from 'typeorm';
@Entity() class User extends BaseEntity {}
const user = await User.findOneBy({ id });
user.name = name;
await user.save();
const created = User.create({ name });
await created.save();
await (await User.findOneOrFail({ where: { id } })).remove();
export class S {
  constructor(private readonly postRepository) {}
  async touch(id) {
    const post = await this.postRepository.findOneBy({ id });
    await post.softRemove();
    await this.postRepository.save(post);
  }
}
`),
    ).toEqual([
      '5: db typeorm write update (typeorm entity save)',
      '7: db typeorm write create (typeorm entity save)',
      '8: db typeorm write delete (typeorm entity remove)',
      '12: db typeorm read single',
      '13: db typeorm write delete (typeorm entity softRemove)',
      '14: db typeorm write update',
    ]);
  });

  it('Objection record queries and MikroORM flushes', () => {
    expect(
      run(`import { Model } from 'objection';
import { EntityManager } from '@mikro-orm/core';
class Person extends Model {}
const person = await Person.query().findById(id);
await person.$query().patch({ seenAt: now });
await person.$relatedQuery('pets').insert({ name });
const people = await Person.query().where('age', '>', 18);
for (const p of people) await p.$query().delete();
await someone.$query().patch({ a });
export async function show(em: EntityManager, id) {
  const user = await em.findOne(User, id);
  user.visits++;
  await em.flush();
  await em.persist(user).flush();
  await this.em.persistAndFlush(user);
  logger.flush();
}
`),
    ).toEqual([
      '5: db objection write update (objection model instance patch)',
      '6: db objection write create (objection model instance insert)',
      '8: db objection write delete (objection model instance delete)',
      '13: db mikro-orm write update',
      '14: db mikro-orm write update',
      '15: db mikro-orm write update',
    ]);
  });

  it('stays silent on receivers not traced to a model', () => {
    expect(
      run(`import { User } from '../models/user.js';
import { Form } from 'some-ui-kit';
export async function f(foo, cache, form, req) {
  await foo.save();
  cache.update(key, value);
  form.reset();
  await req.user.save();
  const thing = await fetchThing(id);
  await thing.save();
  const widget = new Form();
  await widget.save();
  const users = await User.findAll({ limit: 5 });
  await users.save();
  const status = OfferStatus.create('archived');
  await status.save();
  let u = await User.findByPk(id);
  u = await cache.get(id);
  await u.save();
  const [, created] = await User.findOrCreate({ where });
  await created.save();
  await em.flush();
}
`),
    ).toEqual(['12: db model read list bounded', '16: db model read single', '19: db model write upsert']);
  });

  it('names the ORM only when the model, the imports or the finder tell it', () => {
    expect(
      run(`const models = require('../models');
const post = await models.Post.findOne({ id });
await post.save();
await post.destroy();
const member = await models.Member.findByPk(id);
await member.save();
`),
    ).toEqual([
      '2: db model read single',
      '3: db model write update (model instance save)',
      '4: db model write delete (model instance destroy)',
      '5: db model read single',
      '6: db sequelize write update (sequelize instance save)',
    ]);
  });
});

describe('getSqlSink: the rest of the catalog', () => {
  it('covers pg-promise, sqlite3, mssql, oracledb, mysql callbacks, Sequelize literal and Prisma.raw', () => {
    expect(
      run(`import pgPromise from 'pg-promise';
import sqlite3 from 'sqlite3';
import sql from 'mssql';
import oracledb from 'oracledb';
import mysql from 'mysql';
import { literal } from 'sequelize';
import { Prisma } from '@prisma/client';
const pgp = pgPromise();
const pdb = pgp(cn);
await pdb.any('SELECT * FROM t WHERE a = ' + a);
const lite = new sqlite3.Database(':memory:');
lite.all('SELECT * FROM t WHERE a = ?', [a], cb);
const pool = await sql.connect(cfg);
await pool.request().query('SELECT * FROM t WHERE a = ' + a);
const conn = await oracledb.getConnection(cfg);
await conn.execute('DELETE FROM t WHERE a = :a', { a });
const my = mysql.createConnection(cfg);
my.query('SELECT * FROM t WHERE a = ' + a, (err, rows) => {});
literal('(SELECT COUNT(*) FROM x WHERE y = ' + y + ')');
Prisma.raw('a = ' + a);
`),
    ).toEqual([
      '10: db pg-promise read list bounded',
      "10: sink pg-promise 'SELECT * FROM t WHERE a = ' + a",
      '12: db sqlite3 read list unbounded',
      "12: sink sqlite3 'SELECT * FROM t WHERE a = ?' bound",
      '14: db mssql read list bounded',
      "14: sink mssql 'SELECT * FROM t WHERE a = ' + a",
      '16: db oracledb write delete',
      "16: sink oracledb 'DELETE FROM t WHERE a = :a' bound",
      '17: client mysql opts',
      '18: db mysql read list bounded',
      "18: sink mysql 'SELECT * FROM t WHERE a = ' + a",
      "19: sink sequelize '(SELECT COUNT(*) FROM x WHERE y = ' + y + ')'",
      "20: sink prisma 'a = ' + a",
    ]);
  });
});

describe('classifySideEffect', () => {
  it('finds fs writes, mutating HTTP and publishing', () => {
    expect(
      run(`import fs from 'node:fs';
import { writeFile } from 'fs/promises';
import axios from 'axios';
const opts = { method: 'POST', body };
fs.writeFileSync('a', b);
await writeFile('a', b);
fs.readFileSync('a');
await fetch(url, opts);
await fetch(url);
await axios.post(url, body);
await axios.get(url);
await axios({ method: 'delete', url });
await transporter.sendMail(mail);
await channel.sendToQueue(q, buf);
await emailQueue.add('send', data);
await producer.send({ topic, messages });
await sqs.send(new SendMessageCommand(params));
list.add(x);
await taskQueue.add(() => work());
`),
    ).toEqual([
      '5: effect fs-write fs.writeFileSync',
      '6: effect fs-write fs.writeFile',
      '8: effect http fetch POST',
      '10: effect http axios.post',
      '12: effect http axios DELETE',
      '13: effect message transporter.sendMail',
      '14: effect message channel.sendToQueue',
      '15: effect message emailQueue.add',
      '16: effect message producer.send',
      '17: effect message sqs.send(new SendMessageCommand)',
    ]);
  });
});
