import type { Rule } from 'eslint';
import rule from '../../rules/no-sync-io-in-handler.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (what: string, where: string, alternative: string) =>
  `\`${what}\` blocks the event loop inside ${where}: every other request waits until it returns. Use ${alternative} and await it, or do the work once at startup.`;

ruleTester.run('no-sync-io-in-handler', eslintRule, {
  valid: [
    // at startup, outside any handler
    `import fs from 'fs';\nimport express from 'express';\nconst config = JSON.parse(fs.readFileSync('config.json', 'utf8'));\nconst app = express();\napp.get('/config', (req, res) => res.json(config));`,
    // async alternatives
    `import { readFile } from 'fs/promises';\nimport express from 'express';\nconst app = express();\napp.get('/a', async (req, res) => res.send(await readFile('a.txt')));`,
    // crypto calls that are not key derivation
    `import crypto from 'crypto';\nimport express from 'express';\nconst app = express();\napp.get('/id', (req, res) => res.send(crypto.randomBytes(8).toString('hex')));`,
    // a *Sync method of something else
    `import express from 'express';\nconst app = express();\napp.get('/a', (req, res) => { res.json(store.getSync('a')); });`,
    // a non-handler function that happens to take two arguments
    `import fs from 'fs';\nexport function copy(src, dest) { fs.copyFileSync(src, dest); }`,
    // a module named after an Object.prototype member is not in the table of blocking modules
    `import { readFileSync } from 'toString';\nimport express from 'express';\nconst app = express();\napp.get('/a', (req, res) => res.send(readFileSync('a')));`,
  ],
  invalid: [
    {
      // Express, default import
      code: `import fs from 'fs';\nimport express from 'express';\nconst app = express();\napp.get('/report', (req, res) => {\n  res.send(fs.readFileSync('report.html', 'utf8'));\n});`,
      errors: [{ message: msg('fs.readFileSync', 'the GET /report handler', 'fs.promises.readFile'), line: 5, column: 12 }],
    },
    {
      // a same-file helper reached from the handler; named CommonJS import
      code: `const { execSync } = require('child_process');\nconst express = require('express');\nconst router = express.Router();\nfunction version() {\n  return execSync('git rev-parse HEAD').toString();\n}\nrouter.get('/version', (req, res) => res.send(version()));`,
      errors: [{ message: msg('child_process.execSync', 'the GET /version handler', 'exec (async, or util.promisify)'), line: 5, column: 10 }],
    },
    {
      // Fastify + crypto key derivation
      code: `import crypto from 'node:crypto';\nimport Fastify from 'fastify';\nconst app = Fastify();\napp.post('/login', async (request, reply) => {\n  const key = crypto.pbkdf2Sync(request.body.password, salt, 600000, 32, 'sha256');\n  return { ok: key.length > 0 };\n});`,
      errors: [{ message: msg('crypto.pbkdf2Sync', 'the POST /login handler', 'crypto.pbkdf2 (callback or util.promisify)'), line: 5, column: 15 }],
    },
    {
      // zlib in a Koa route
      code: `import zlib from 'zlib';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.get('/dump', (ctx) => {\n  ctx.body = zlib.gzipSync(JSON.stringify(data));\n});`,
      errors: [{ message: msg('zlib.gzipSync', 'the GET /dump handler', 'zlib.gzip (callback or util.promisify)'), line: 5, column: 14 }],
    },
    {
      // a controller in a file without route declarations: handler by signature
      code: `import fs from 'fs-extra';\nexport async function upload(req, res) {\n  fs.writeFileSync(dest, req.body);\n  res.sendStatus(201);\n}`,
      errors: [{ message: msg('fs.writeFileSync', 'a request handler', 'fs.promises.writeFile'), line: 3, column: 3 }],
    },
    {
      // NestJS controller method
      code: `import { Controller, Get } from '@nestjs/common';\nimport { existsSync } from 'fs';\n@Controller('health')\nexport class HealthController {\n  @Get()\n  check() {\n    return { disk: existsSync('/data') };\n  }\n}`,
      errors: [{ message: msg('fs.existsSync', 'the GET /health handler', 'fs.promises.access'), line: 7, column: 20 }],
    },
  ],
});
