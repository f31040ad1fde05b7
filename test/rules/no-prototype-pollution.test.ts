import rule from '../../rules/no-prototype-pollution.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: prototype pollution. Validate the object first, merge only known keys, or use a merge that skips __proto__, constructor and prototype.`;

ruleTester.run('no-prototype-pollution', rule.eslint!, {
  valid: [
    { code: "import _ from 'lodash';\napp.post('/a', (req, res) => { _.merge({}, { name: String(req.body.name) }); });", filename: 'file.ts' },
    { code: "import _ from 'lodash';\napp.post('/a', (req, res) => { _.merge({}, schema.parse(req.body)); });", filename: 'file.ts' },
    { code: "function merge(t, s) { for (const k in s) { if (k === '__proto__' || k === 'constructor') continue; t[k] = typeof s[k] === 'object' ? merge(t[k] || {}, s[k]) : s[k]; } return t; }\napp.post('/a', (req, res) => { merge({}, req.body); });", filename: 'file.ts' },
  ],
  invalid: [
    { code: "import _ from 'lodash';\napp.post('/a', (req, res) => { _.merge(settings, req.body); });", filename: 'file.ts', errors: [{ message: msg("req.body", 2, "POST /a", "lodash merge()"), line: 2 }] },
    { code: "const set = require('lodash/set');\napp.post('/a', (req, res) => { set(config, req.body.path, req.body.value); });", filename: 'file.ts', errors: [{ message: msg("req.body.path", 2, "POST /a", "lodash/set()"), line: 2 }] },
    { code: "function merge(t, s) {\n  for (const k in s) {\n    if (typeof s[k] === 'object') t[k] = merge(t[k] || {}, s[k]);\n    else t[k] = s[k];\n  }\n  return t;\n}\napp.put('/prefs', (req, res) => { merge(prefs, req.body); });", filename: 'file.ts', errors: [{ message: msg("req.body", 8, "PUT /prefs", "merge() (a recursive merge without a __proto__/constructor check)"), line: 8 }] },
    { code: "import { defaultsDeep } from 'lodash';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.post('/k', async (ctx) => { defaultsDeep(ctx.state.cfg, ctx.request.body); });", filename: 'file.ts', errors: [{ message: msg("ctx.request.body", 4, "POST /k", "lodash defaultsDeep()"), line: 4 }] },
  ],
});
