import type { Rule } from 'eslint';
import rule from '../../rules/no-leaked-error-details.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const stack = (expr: string) =>
  `The response sends a stack trace (\`${expr}\`): it reveals file paths, dependencies and code structure — log it on the server and answer with a generic message and an error id.`;
const object = (expr: string) =>
  `The response sends the caught error object (\`${expr}\`): its message, stack and driver fields (SQL, hosts, paths) reach the client — log it and answer with a generic message or a known error code.`;
const message = (expr: string, where: string) =>
  `The response sends \`${expr}\` of a caught error ${where}: messages of unexpected errors reveal queries, hosts and paths — log it and answer with a generic message (map known client errors to 4xx messages).`;

const view = (sink: string, what: string, expr: string) =>
  `The ${sink} is given ${what} (\`${expr}\`), which the page then shows: it reveals queries, hosts and paths — log it and show a generic message.`;
const devHandler =
  "`errorhandler()` answers every error with its stack trace and is meant for development only; here it is mounted whatever the environment. Mount it under a check such as `if (process.env.NODE_ENV === 'development')`.";

ruleTester.run('no-leaked-error-details', eslintRule, {
  valid: [
    // generic messages, logged errors
    `app.get('/a', async (req, res) => { try { x(); } catch (err) { logger.error(err); res.status(500).json({ error: 'Internal error' }); } });`,
    // validation errors answered with an explicit 4xx
    `import { z, ZodError } from 'zod';
     app.post('/a', (req, res) => { try { schema.parse(req.body); } catch (err) { return res.status(400).json({ error: err.message }); } });`,
    `app.post('/a', async (req, res) => { try { await save(); } catch (err) { if (err instanceof ValidationError) return res.status(422).json(err); throw err; } });`,
    // joi result: not a caught error
    `app.post('/a', (req, res) => { const { error } = schema.validate(req.body); if (error) return res.status(400).json({ error: error.message }); });`,
    // a status decided by the error itself (errors that carry their own HTTP meaning)
    `app.use((err, req, res, next) => { res.status(err.statusCode || 500).json({ message: err.message }); });`,
    // err.message outside a catch and not 5xx
    `app.use((err, req, res, next) => { res.status(404).json({ message: err.message }); });`,
    // field-level details, codes
    `app.get('/a', async (req, res) => { try { x(); } catch (err) { res.status(500).json({ code: err.code }); } });`,
    // not a response
    `try { x(); } catch (err) { logger.error({ err, stack: err.stack }); }`,
    // Nest: generic messages
    `import { Controller, Get, InternalServerErrorException } from '@nestjs/common';
     @Controller('a') class A { @Get() async g() { try { return await x(); } catch (e) { throw new InternalServerErrorException('Could not load'); } } }`,
    // views and flash messages without error details
    `app.get('/v', async (req, res) => { try { x(); } catch (err) { logger.error(err); res.status(500).render('error', { message: 'Something went wrong' }); } });`,
    `app.post('/f', async (req, res) => { try { x(); } catch (err) { req.flash('error', 'Could not save'); res.redirect('/'); } });`,
    // a message outside the catch of its own error
    `app.get('/v', (req, res) => { const e = lastError(); res.render('status', { message: e.message }); });`,
    // not a view or a flash: other objects' render/flash
    `app.get('/v', async (req, res) => { try { x(); } catch (err) { template.render('x', { err }); bulb.flash(1, err); res.sendStatus(500); } });`,
    // err.path outside a catch, and a path that is not an error's
    `app.get('/p', (req, res) => res.json({ path: req.path }));`,
    // errorhandler under an environment guard, early return, or a condition
    `import errorhandler from 'errorhandler';\nif (process.env.NODE_ENV === 'development') app.use(errorhandler());`,
    `const errorhandler = require('errorhandler');\nfunction setup(app) {\n  if (app.get('env') === 'production') return;\n  app.use(errorhandler());\n}`,
    `import errorhandler from 'errorhandler';\nconst dev = config.dev;\ndev && app.use(errorhandler());`,
    `import errorhandler from 'errorhandler';\napp.use(errorhandler);`,
  ],
  invalid: [
    {
      // the caught error handed to a view, a flash message built from it
      code: `app.get('/v', async (req, res) => {\n  try { x(); } catch (err) {\n    res.render('error', { error: err });\n  }\n});`,
      errors: [{ message: view('rendered view', 'the caught error object', 'err'), line: 3, column: 34 }],
    },
    {
      code: `app.post('/f', async (req, res) => {\n  try { x(); } catch (err) {\n    req.flash('error', err);\n    req.flash('error', 'Could not save: ' + err.message);\n    res.redirect('/');\n  }\n});`,
      errors: [
        { message: view('flash message', 'the message of a caught error', 'err'), line: 3, column: 24 },
        { message: view('flash message', 'the message of a caught error', 'err.message'), line: 4, column: 45 },
      ],
    },
    {
      code: `app.get('/v', async (req, res) => {\n  try { x(); } catch (e) {\n    res.status(500).render('error', { trace: e.stack });\n  }\n});`,
      errors: [{ message: view('rendered view', 'a stack trace', 'e.stack'), line: 3, column: 46 }],
    },
    {
      // a file path or the SQL of a caught error, and text built from the error
      code: `app.get('/p', async (req, res) => {\n  try { x(); } catch (err) {\n    res.status(500).json({ file: err.path, sql: err.sql });\n  }\n});`,
      errors: [
        { message: message('err.path', 'in a 500 response'), line: 3, column: 34 },
        { message: message('err.sql', 'in a 500 response'), line: 3, column: 49 },
      ],
    },
    {
      code: `app.get('/t', async (req, res) => {\n  try { x(); } catch (err) {\n    res.status(500).send('Failed: ' + err);\n  }\n});`,
      errors: [{ message: message('err', 'in a 500 response'), line: 3, column: 39 }],
    },
    {
      // Fastify serialises a sent error as { statusCode, error, message }
      code: `import Fastify from 'fastify';\nconst f = Fastify();\nf.get('/a', async (request, reply) => {\n  try { return await x(); } catch (err) { reply.send(err); }\n});`,
      errors: [{ message: "Fastify answers `reply.send(err)` with the error's `statusCode` (or 500) and a body carrying its `message`: messages of unexpected errors reveal queries, hosts and paths — log it and send a generic error (`reply.code(500).send({ error: 'Internal error' })`) or an error made for the client.", line: 4, column: 54 }],
    },
    {
      // errorhandler mounted whatever the environment
      code: `import errorhandler from 'errorhandler';\nimport express from 'express';\nconst app = express();\napp.use(errorhandler());`,
      errors: [{ message: devHandler, line: 4, column: 9 }],
    },
    {
      code: `const errorHandler = require('errorhandler');\nmodule.exports = (app) => {\n  app.use(errorHandler({ log: true }));\n};`,
      errors: [{ messageId: 'devErrorHandler', line: 3, column: 11 }],
    },
    {
      code: `app.get('/a', async (req, res) => { try { x(); } catch (err) { res.status(500).json({ error: err.message, stack: err.stack }); } });`,
      errors: [
        { message: message('err.message', 'in a 500 response'), line: 1, column: 94 },
        { message: stack('err.stack'), line: 1, column: 114 },
      ],
    },
    {
      // the caught error itself, also as { error: err } / { cause: err }
      code: `app.get('/a', (req, res) => { load().then((r) => res.json(r)).catch((error) => res.status(500).send(error)); });`,
      errors: [{ message: object('error') }],
    },
    {
      code: `app.get('/a', async (req, res) => { try { x(); } catch (e) { res.status(502).json({ message: 'upstream', cause: e }); } });`,
      errors: [{ message: object('e') }],
    },
    {
      // Express error middleware
      code: `app.use((err, req, res, next) => { res.status(500).json({ message: \`Failed: \${err.message}\` }); });`,
      errors: [{ message: message('err.message', 'in a 500 response') }],
    },
    {
      // a catch block, 4xx, but nothing says the error is a client error
      code: `app.post('/a', async (req, res) => { try { await db.insert(req.body); } catch (err) { res.status(400).json({ error: err.message }); } });`,
      errors: [{ message: message('err.message', 'from a catch block') }],
    },
    {
      // through a const body
      code: `app.get('/a', async (req, res) => { try { x(); } catch (err) { const payload = { error: err }; res.status(500).json(payload); } });`,
      errors: [{ message: object('err') }],
    },
    {
      // Fastify, Koa, Hono
      code: `fastify.get('/a', async (request, reply) => { try { return await x(); } catch (err) { reply.code(500).send({ error: String(err) }); } });`,
      errors: [{ message: message('err', 'in a 500 response') }],
    },
    {
      code: `router.get('/a', async (ctx) => { try { ctx.body = await x(); } catch (err) { ctx.status = 500; ctx.body = { error: err.stack }; } });`,
      errors: [{ message: stack('err.stack') }],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/a', async (c) => { try { return c.json(await x()); } catch (err) { return c.json({ error: err.message }, 500); } });`,
      errors: [{ message: message('err.message', 'in a 500 response'), line: 3 }],
    },
    {
      // NestJS exception built from an internal error
      code: `import { Controller, Get, InternalServerErrorException } from '@nestjs/common';
@Controller('a') class A { @Get() async g() { try { return await x(); } catch (err) { throw new InternalServerErrorException(err.message); } } }`,
      errors: [{ message: message('err.message', 'in a 500 response'), line: 2 }],
    },
    {
      code: `import { NextResponse } from 'next/server';
export async function GET() { try { return NextResponse.json(await x()); } catch (error) { return NextResponse.json({ error }, { status: 500 }); } }`,
      filename: 'app/api/a/route.ts',
      errors: [{ message: object('error'), line: 2 }],
    },
  ],
});
