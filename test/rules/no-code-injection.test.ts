import rule from '../../rules/no-code-injection.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: code injection. Never evaluate request data; parse it as data (JSON.parse, a parser for the expected format) or pick from fixed templates.`;

ruleTester.run('no-code-injection', rule.eslint!, {
  valid: [
    { code: "app.post('/a', (req, res) => { setTimeout(() => done(req.body.x), 10); });", filename: 'file.ts' },
    { code: "app.post('/a', (req, res) => { eval('1 + 1'); });", filename: 'file.ts' },
    { code: "app.post('/a', (req, res) => { const eval = (x) => x; eval(req.body.x); });", filename: 'file.ts' },
    { code: "import { evaluate } from 'mathjs';\napp.post('/a', (req, res) => { evaluate(String(Number(req.body.x)) + ' * 2'); });", filename: 'file.ts' },
  ],
  invalid: [
    { code: "app.post('/a', (req, res) => { res.json(eval(req.body.expr)); });", filename: 'file.ts', errors: [{ message: msg("req.body.expr", 1, "POST /a", "eval()"), line: 1 }] },
    { code: "app.post('/a', (req, res) => { const fn = new Function('x', req.body.code); });", filename: 'file.ts', errors: [{ message: msg("req.body.code", 1, "POST /a", "new Function()"), line: 1 }] },
    { code: "import vm from 'node:vm';\napp.post('/a', (req, res) => { vm.runInNewContext(req.body.script, {}); });", filename: 'file.ts', errors: [{ message: msg("req.body.script", 2, "POST /a", "vm runInNewContext()"), line: 2 }] },
    { code: "import { evaluate as calc } from 'mathjs';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.post('/calc', async (ctx) => { ctx.body = calc(ctx.request.body.expr); });", filename: 'file.ts', errors: [{ message: msg("ctx.request.body.expr", 4, "POST /calc", "mathjs evaluate()"), line: 4 }] },
    { code: "const _ = require('lodash');\napp.post('/t', (req, res) => { const t = _.template(req.body.tpl); res.send(t({})); });", filename: 'file.ts', errors: [{ message: msg("req.body.tpl", 2, "POST /t", "lodash template()"), line: 2 }] },
    { code: "app.get('/s', (req, res) => { setTimeout('tick(' + req.query.n + ')', 10); });", filename: 'file.ts', errors: [{ message: msg("req.query.n", 1, "GET /s", "setTimeout()"), line: 1 }] },
  ],
});
