/**
 * Parameter summaries and status summaries across files, on small real file trees: which
 * parameter reaches a weak hash, a JWT decode or verify, or raw SQL text; which error details a
 * helper returns; which statuses a function sends or throws — and the rules reporting them at the
 * call in the handler file, with exact ids, lines and messages.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Linter, type Rule } from 'eslint';
import { lint } from '../../src/index.js';
import { crossFileStatusCodes } from '../../src/project/index.js';
import '../../src/project/index.js';
import { clearProjectFiles } from '../../src/project/files.js';
import { Project } from '../../src/project/modules.js';
import { summarizeParams } from '../../src/project/params.js';
import { clearResolutionCache } from '../../src/project/resolve.js';
import { summarizeStatuses } from '../../src/project/statuses.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
beforeEach(() => {
  clearProjectFiles();
  clearResolutionCache();
});

function tree(files: Record<string, string[]>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'backlint-params-'));
  dirs.push(root);
  for (const [rel, lines] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, lines.join('\n') + '\n');
  }
  return root;
}

const RULES = new Set([
  'backlint/require-strong-password-hash',
  'backlint/no-unsafe-jwt-verification',
  'backlint/require-parameterized-queries',
  'backlint/no-leaked-error-details',
]);

async function findings(root: string): Promise<string[]> {
  const report = await lint({ cwd: root, config: false });
  return report.files
    .flatMap((f) => f.findings.filter((x) => RULES.has(x.ruleId)).map((x) => ({ key: `${f.file}:${String(x.line).padStart(4, '0')}`, text: `${f.file}:${x.line} ${x.ruleId} ${x.message}` })))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.text);
}

function fnOf(root: string, rel: string, name: string) {
  const p = new Project(root);
  const v = p.exported(p.file(path.join(root, rel))!, name);
  expect(v?.kind).toBe('function');
  if (v?.kind !== 'function') throw new Error('not a function');
  return { p, v };
}

const hops = (root: string, list: readonly { label: string; file: string; line: number }[]) =>
  list.map((h) => `${h.label}@${path.relative(root, h.file)}:${h.line}`).join(' > ');

const app = {
  'src/lib/crypto.js': [
    "const crypto = require('crypto');",
    'function hash(data) {',
    "  return crypto.createHash('md5').update(data).digest('hex');",
    '}',
    'function hashPassword(password) {',
    "  return crypto.createHash('sha1').update(password).digest('hex');",
    '}',
    'module.exports = { hash, hashPassword };',
  ],
  'src/lib/digest.js': [
    "const { hash } = require('./crypto');",
    'function fingerprint(value) {',
    '  return hash(`v1:${value}`);',
    '}',
    'module.exports = { fingerprint };',
  ],
  // A cycle: ping → pong → ping …, with the digest at the end of one branch.
  'src/lib/ping.js': [
    "const pong = require('./pong');",
    'function ping(x, n) {',
    '  return n > 0 ? pong.pong(x, n - 1) : null;',
    '}',
    'module.exports = { ping };',
  ],
  'src/lib/pong.js': [
    "const crypto = require('crypto');",
    "const { ping } = require('./ping');",
    'function pong(x, n) {',
    "  if (n > 5) return crypto.createHash('sha256').update(x).digest('hex');",
    '  return ping(x, n);',
    '}',
    'module.exports = { pong };',
  ],
  'src/lib/jwt.js': [
    "const jwt = require('jsonwebtoken');",
    'function decodeToken(token) {',
    '  return jwt.decode(token);',
    '}',
    'module.exports = { decodeToken };',
  ],
  'src/lib/tokens.js': [
    "const jwt = require('jsonwebtoken');",
    'function checkToken(token, options) {',
    '  return jwt.verify(token, process.env.JWT_SECRET, options);',
    '}',
    'module.exports = { checkToken };',
  ],
  'src/lib/sql.js': [
    "const { Pool } = require('pg');",
    'const pool = new Pool();',
    'function query(text, params) {',
    '  return pool.query(text, params);',
    '}',
    'function findWhere(where) {',
    "  return pool.query('SELECT id FROM users WHERE ' + where);",
    '}',
    'module.exports = { query, findWhere };',
  ],
  'src/lib/errors.js': [
    'function getErrorMessage(error) {',
    '  if (error instanceof Error) return error.message;',
    '  return String(error);',
    '}',
    'function identity(x) {',
    '  return x;',
    '}',
    'module.exports = { getErrorMessage, identity };',
  ],
  'src/lib/http.js': [
    "const createError = require('http-errors');",
    "const { NotFoundException } = require('@nestjs/common');",
    'class HttpError extends Error { constructor(status) { super(); this.status = status; } }',
    'function notFound() { throw new NotFoundException(); }',
    'function forbid() { throw new HttpError(403); }',
    'function conflict(next) { next(createError(409)); }',
    'function created(res, body) { res.status(201).json(body); }',
    'function replyCreated(reply) { return reply.code(201).send(); }',
    'function guard(user, next) { if (!user) return notFound(); if (!user.admin) forbid(); conflict(next); }',
    'module.exports = { guard, created, replyCreated };',
  ],
  'src/controllers/users.js': [
    "const { hash, hashPassword } = require('../lib/crypto');",
    "const { fingerprint } = require('../lib/digest');",
    "const { ping } = require('../lib/ping');",
    "const { query, findWhere } = require('../lib/sql');",
    "const { getErrorMessage, identity } = require('../lib/errors');",
    "const { guard, created } = require('../lib/http');",
    "const { sha } = require('../lib/missing');",
    'exports.signup = async (req, res) => {',
    '  hash(req.body.password);',
    '  fingerprint(req.body.newPassword);',
    '  ping(req.body.password, 3);',
    '  hashPassword(req.body.password);',
    '  hash(req.body.email);',
    '  sha(req.body.password);',
    '  res.json({ ok: true });',
    '};',
    'exports.search = async (req, res) => {',
    '  try {',
    '    await query(`SELECT id FROM users WHERE name = ${req.query.name}`);',
    "    await query('SELECT id FROM users WHERE id = $1', [req.params.id]);",
    '    await findWhere(req.query.filter);',
    '    res.json({ ok: true });',
    '  } catch (err) {',
    '    res.status(500).json({ error: getErrorMessage(err), same: identity(err) });',
    '  }',
    '};',
    'exports.show = (req, res, next) => { guard(req.user, next); created(res, {}); };',
  ],
  'src/middleware/auth.js': [
    "const { decodeToken } = require('../lib/jwt');",
    "const { checkToken } = require('../lib/tokens');",
    'exports.authenticate = (req, res, next) => {',
    '  req.user = decodeToken(req.headers.authorization);',
    '  next();',
    '};',
    'exports.lenient = (req, res, next) => {',
    "  req.user = checkToken(req.get('authorization'), { ignoreExpiration: true, algorithms: ['HS256'] });",
    '  next();',
    '};',
    'exports.pinned = (req, res, next) => {',
    "  req.user = checkToken(req.get('authorization'), { algorithms: ['HS256'] });",
    '  next();',
    '};',
    'exports.fromCookie = (req, res, next) => {',
    '  const { cookie } = req.headers;',
    '  req.user = decodeToken(cookie.slice(6));',
    '  next();',
    '};',
  ],
};

describe('summarizeParams', () => {
  it('names the parameter that reaches each sink, through calls into other files and a cycle', () => {
    const root = tree(app);
    const sinks = (rel: string, name: string) => {
      const { p, v } = fnOf(root, rel, name);
      return summarizeParams(p, v.file, v.node).sinks.map((s) => `${s.index} ${s.kind} ${s.what}${s.judgedWhereWritten ? ' (judged)' : ''} [${hops(root, s.hops)}]`);
    };
    expect(sinks('src/lib/crypto.js', 'hash')).toEqual(['0 weak-hash md5 []']);
    expect(sinks('src/lib/crypto.js', 'hashPassword')).toEqual(['0 weak-hash sha1 (judged) []']);
    expect(sinks('src/lib/digest.js', 'fingerprint')).toEqual(['0 weak-hash md5 [hash@src/lib/crypto.js:2]']);
    expect(sinks('src/lib/ping.js', 'ping')).toEqual(['0 weak-hash sha256 [pong.pong@src/lib/pong.js:3]']);
    expect(sinks('src/lib/jwt.js', 'decodeToken')).toEqual(['0 jwt-decode jwt.decode []']);
    expect(sinks('src/lib/tokens.js', 'checkToken')).toEqual(['1 jwt-verify-options jwt.verify []']);
    expect(sinks('src/lib/sql.js', 'query')).toEqual(['0 sql-text pg query() []']);
    expect(sinks('src/lib/sql.js', 'findWhere')).toEqual(['0 sql-splice pg query() (judged) []']);
  });

  it('names the error details a helper returns of its parameters', () => {
    const root = tree(app);
    const { p, v } = fnOf(root, 'src/lib/errors.js', 'getErrorMessage');
    expect(summarizeParams(p, v.file, v.node).errorDetails.map((d) => `${d.index} ${d.kind} ${d.what}`)).toEqual(['0 message error.message']);
    // `return x` hands back any value: not an error formatter.
    const id = fnOf(root, 'src/lib/errors.js', 'identity');
    expect(summarizeParams(id.p, id.v.file, id.v.node).errorDetails).toEqual([]);
  });
});

describe('summarizeStatuses', () => {
  it('collects thrown and sent statuses transitively, each with its chain', () => {
    const root = tree(app);
    const codes = (name: string) => {
      const { p, v } = fnOf(root, 'src/lib/http.js', name);
      return summarizeStatuses(p, v.file, v.node).codes.map((c) => `${c.how} ${c.status} ${c.what}:${c.line} [${hops(root, c.hops)}]`);
    };
    expect(codes('guard')).toEqual([
      'thrown 404 new NotFoundException:4 [notFound@src/lib/http.js:4]',
      'thrown 403 new HttpError:5 [forbid@src/lib/http.js:5]',
      'thrown 409 createError:6 [conflict@src/lib/http.js:6]',
    ]);
    expect(codes('created')).toEqual(['sent 201 res.status:7 []']);
    expect(codes('replyCreated')).toEqual(['sent 201 reply.code:8 []']);
  });
});

describe('crossFileStatusCodes', () => {
  it('answers a call in a handler file with the statuses of the function it enters, chains from the call', () => {
    const root = tree(app);
    const file = path.join(root, 'src/controllers/users.js');
    const seen: string[] = [];
    const probe: Rule.RuleModule = {
      create(context) {
        return {
          CallExpression(node) {
            const codes = crossFileStatusCodes(context as never, node as never);
            if (codes?.length) seen.push(`${node.loc!.start.line}: ${codes.map((c) => `${c.how} ${c.status} [${hops(root, c.hops)}]`).join(', ')}`);
          },
        };
      },
    };
    const linter = new Linter({ cwd: root });
    const messages = linter.verify(readFileSync(file, 'utf8'), [{ files: ['**/*.js'], plugins: { t: { rules: { probe } } }, rules: { 't/probe': 'error' }, languageOptions: { sourceType: 'commonjs' } }], file);
    expect(messages).toEqual([]);
    expect(seen).toEqual([
      '27: thrown 404 [guard@src/lib/http.js:9 > notFound@src/lib/http.js:4], thrown 403 [guard@src/lib/http.js:9 > forbid@src/lib/http.js:5], thrown 409 [guard@src/lib/http.js:9 > conflict@src/lib/http.js:6]',
      '27: sent 201 [created@src/lib/http.js:7]',
    ]);
  });
});

describe('cross-file findings at the call', () => {
  it('reports a chain once: where a file of it passes the password, not again at its callers', async () => {
    const root = tree({
      'src/lib/crypto.js': app['src/lib/crypto.js'],
      'src/services/accounts.js': [
        "const { hash } = require('../lib/crypto');",
        'exports.register = (email, password) => ({ email, digest: hash(password) });',
      ],
      'src/controllers/accounts.js': [
        "const accounts = require('../services/accounts');",
        'exports.signup = (req, res) => res.status(201).json(accounts.register(req.body.email, req.body.password));',
      ],
    });
    expect(await findings(root)).toEqual([
      "src/lib/crypto.js:6 backlint/require-strong-password-hash 'password' is hashed with SHA1 (createHash), a fast digest that offline attackers brute-force at billions of guesses per second. Use bcrypt (cost >= 12) or argon2id.",
      "src/services/accounts.js:2 backlint/require-strong-password-hash 'password' is hashed with a fast digest → hash (src/lib/crypto.js:2): md5. Offline attackers brute-force fast digests at billions of guesses per second. Use bcrypt (cost >= 12) or argon2id.",
    ]);
  });

  it('reports each problem once, at the call, with the chain; nothing for unresolvable imports', async () => {
    const root = tree(app);
    expect(await findings(root)).toEqual([
      "src/controllers/users.js:9 backlint/require-strong-password-hash 'password' is hashed with a fast digest → hash (src/lib/crypto.js:2): md5. Offline attackers brute-force fast digests at billions of guesses per second. Use bcrypt (cost >= 12) or argon2id.",
      "src/controllers/users.js:10 backlint/require-strong-password-hash 'newPassword' is hashed with a fast digest → fingerprint (src/lib/digest.js:2) → hash (src/lib/crypto.js:2): md5. Offline attackers brute-force fast digests at billions of guesses per second. Use bcrypt (cost >= 12) or argon2id.",
      "src/controllers/users.js:11 backlint/require-strong-password-hash 'password' is hashed with a fast digest → ping (src/lib/ping.js:2) → pong.pong (src/lib/pong.js:3): sha256. Offline attackers brute-force fast digests at billions of guesses per second. Use bcrypt (cost >= 12) or argon2id.",
      'src/controllers/users.js:19 backlint/require-parameterized-queries Request data (req.query.name) is spliced into SQL by template interpolation and passed to → query (src/lib/sql.js:3): pg query() runs it as raw SQL text — SQL injection. Pass it as a bound parameter (placeholder) instead.',
      'src/controllers/users.js:24 backlint/no-leaked-error-details The response sends the message of a caught error in a 500 response: `getErrorMessage(err)` returns it → getErrorMessage (src/lib/errors.js:1): error.message. Messages of unexpected errors reveal queries, hosts and paths — log it and answer with a generic message (map known client errors to 4xx messages).',
      "src/lib/crypto.js:6 backlint/require-strong-password-hash 'password' is hashed with SHA1 (createHash), a fast digest that offline attackers brute-force at billions of guesses per second. Use bcrypt (cost >= 12) or argon2id.",
      "src/lib/sql.js:7 backlint/require-parameterized-queries SQL built by concatenation of 'where' reaches pg query(). Pass values as bound parameters (placeholders) or use a tagged sql`…` template; escape identifiers with escapeId/format('%I').",
      'src/middleware/auth.js:4 backlint/no-unsafe-jwt-verification The token reaches → decodeToken (src/lib/jwt.js:2): jwt.decode() only parses it and checks no signature, and neither this file nor the helper verifies it, so its claims are attacker-controlled. Verify it with jwt.verify() before trusting them.',
      'src/middleware/auth.js:8 backlint/no-unsafe-jwt-verification The options passed here reach → checkToken (src/lib/tokens.js:2): jwt.verify() with ignoreExpiration: true, which accepts expired tokens forever. Remove it and let verification enforce exp.',
      // Request data under a name that says nothing of tokens, found by the shared request taint.
      'src/middleware/auth.js:17 backlint/no-unsafe-jwt-verification The token reaches → decodeToken (src/lib/jwt.js:2): jwt.decode() only parses it and checks no signature, and neither this file nor the helper verifies it, so its claims are attacker-controlled. Verify it with jwt.verify() before trusting them.',
    ]);
  });
});
