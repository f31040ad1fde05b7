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
  ],
  invalid: [
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
