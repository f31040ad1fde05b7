import rule from '../../rules/no-command-injection.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: command injection. Run a fixed program with an argument array and no shell (execFile/spawn), or map the input to a fixed command.`;

ruleTester.run('no-command-injection', rule.eslint!, {
  valid: [
    { code: "const { exec } = require('child_process');\napp.get('/a', (req, res) => { exec('ls ' + Number(req.query.n)); });", filename: 'file.ts' },
    { code: "const { exec } = require('child_process');\nconst ALLOWED = new Set(['a']);\napp.get('/a', (req, res) => { const d = req.query.d; if (ALLOWED.has(d)) exec('ls ' + d); });", filename: 'file.ts' },
    { code: "const { exec } = require('child_process');\napp.get('/a', (req, res) => { const d = req.query.d; if (!['a', 'b'].includes(d)) return res.sendStatus(400); exec('ls ' + d); });", filename: 'file.ts' },
    { code: "import { spawn } from 'node:child_process';\napp.get('/a', (req, res) => { spawn('ls', [req.query.dir]); });", filename: 'file.ts' },
    { code: "import { exec } from 'child_process';\nexec('ls ' + dir);", filename: 'file.ts' },
    { code: "import { exec } from 'child_process';\napp.get('/a', (req, res) => { exec('ls ' + lookup(req.query.dir)); });", filename: 'file.ts' },
    { code: "const exec = (x) => x;\napp.get('/a', (req, res) => { exec(req.query.dir); });", filename: 'file.ts' },
    { code: "import { exec } from 'child_process';\nimport { z } from 'zod';\napp.post('/a', (req, res) => { const body = schema.parse(req.body); exec('ls ' + body.dir); });", filename: 'file.ts' },
  ],
  invalid: [
    { code: "const { exec } = require('child_process');\napp.get('/a', (req, res) => { exec('ls ' + req.query.dir); });", filename: 'file.ts', errors: [{ message: msg("req.query.dir", 2, "GET /a", "child_process exec()"), line: 2 }] },
    { code: "import cp from 'node:child_process';\nimport express from 'express';\nconst app = express();\napp.post('/b', ({ body }, res) => {\n  const { cmd } = body;\n  cp.execSync(cmd);\n});", filename: 'file.ts', errors: [{ message: msg("body.cmd", 4, "POST /b", "child_process execSync()"), line: 6 }] },
    { code: "import { spawn } from 'child_process';\nconst opts = { shell: true };\nrouter.get('/c', (req, res) => { spawn('tar', ['-xf', req.query.file], opts); });", filename: 'file.ts', errors: [{ message: msg("req.query.file", 3, "GET /c", "child_process spawn()"), line: 3 }] },
    { code: "import { exec as run } from 'child_process';\nfunction git(ref) { return run(`git show ${ref}`); }\napp.get('/d', (req, res) => { git(req.params.ref); });", filename: 'file.ts', errors: [{ message: msg("req.params.ref", 3, "GET /d", "child_process exec()"), line: 2 }] },
    { code: "import shell from 'shelljs';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.get('/k', async (ctx) => { shell.exec(`convert ${ctx.request.body.file}`); });", filename: 'file.ts', errors: [{ message: msg("ctx.request.body.file", 4, "GET /k", "shelljs exec()"), line: 4 }] },
    { code: "import { Hono } from 'hono';\nimport { execaCommand } from 'execa';\nconst app = new Hono();\napp.get('/h', async (c) => { await execaCommand(c.req.query('cmd')); });", filename: 'file.ts', errors: [{ message: msg("c.req.query('cmd')", 4, "GET /h", "execa execaCommand()"), line: 4 }] },
    { code: "import Fastify from 'fastify';\nimport { execSync } from 'child_process';\nconst fastify = Fastify();\nfastify.post('/f', async (request, reply) => { execSync('ping ' + request.body.host); });", filename: 'file.ts', errors: [{ message: msg("request.body.host", 4, "POST /f", "child_process execSync()"), line: 4 }] },
    { code: "import { Controller, Post, Body } from '@nestjs/common';\nimport { exec } from 'child_process';\n@Controller('jobs')\nexport class JobsController {\n  @Post()\n  run(@Body('cmd') cmd: string) { exec(cmd); }\n}", filename: 'file.ts', errors: [{ message: msg("@Body('cmd') cmd", 6, "POST /jobs", "child_process exec()"), line: 6 }] },
    { code: "import { exec } from 'child_process';\nexport async function POST(request: Request) {\n  const { cmd } = await request.json();\n  exec(cmd);\n}", filename: 'file.ts', errors: [{ message: msg("request.json().cmd", 3, null, "child_process exec()"), line: 4 }] },
  ],
});
