import rule from '../../rules/no-path-traversal.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: path traversal. Use path.basename, or resolve the path and check it starts with the allowed directory; send files with { root }.`;

ruleTester.run('no-path-traversal', rule.eslint!, {
  valid: [
    { code: "app.get('/f/:name', (req, res) => { res.sendFile(req.params.name, { root: 'public' }); });", filename: 'file.ts' },
    { code: "import fs from 'fs';\nimport path from 'path';\napp.get('/f', (req, res) => { fs.readFileSync(path.join('/srv', path.basename(req.query.f))); });", filename: 'file.ts' },
    { code: "import fs from 'fs';\nimport path from 'path';\nconst ROOT = '/srv/files';\napp.get('/f', (req, res) => { const p = path.resolve(ROOT, req.query.f); if (!p.startsWith(ROOT)) return res.sendStatus(403); fs.createReadStream(p).pipe(res); });", filename: 'file.ts' },
  ],
  invalid: [
    { code: "app.get('/f/:name', (req, res) => { res.sendFile(req.params.name); });", filename: 'file.ts', errors: [{ message: msg("req.params.name", 1, "GET /f/:name", "res.sendFile()"), line: 1 }] },
    { code: "const fs = require('fs');\nconst path = require('path');\napp.get('/f', (req, res) => { res.send(fs.readFileSync(path.join(__dirname, 'files', req.query.name))); });", filename: 'file.ts', errors: [{ message: msg("req.query.name", 3, "GET /f", "fs readFileSync()"), line: 3 }] },
    { code: "import { readFile } from 'node:fs/promises';\nimport Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/f', async (request) => readFile(`uploads/${request.query.file}`));", filename: 'file.ts', errors: [{ message: msg("request.query.file", 4, "GET /f", "fs/promises readFile()"), line: 4 }] },
    { code: "import fs from 'fs';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.get('/k', async (ctx) => { ctx.body = fs.createReadStream('data/' + ctx.params.file); });", filename: 'file.ts', errors: [{ message: msg("ctx.params.file", 4, "GET /k", "fs createReadStream()"), line: 4 }] },
    { code: "app.get('/d', (req, res) => { res.download(req.query.path); });", filename: 'file.ts', errors: [{ message: msg("req.query.path", 1, "GET /d", "res.download()"), line: 1 }] },
  ],
});
