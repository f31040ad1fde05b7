import rule from '../../rules/no-ssrf.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: server-side request forgery. Fix the scheme and host in code and let request data fill only the path or query, or check the host against an allow-list.`;

ruleTester.run('no-ssrf', rule.eslint!, {
  valid: [
    { code: "app.get('/a', async (req, res) => { await fetch(`https://api.example.com/users/${req.query.id}`); });", filename: 'file.ts' },
    { code: "import axios from 'axios';\nconst BASE = 'https://api.example.com/';\napp.get('/a', async (req, res) => { await axios.get(BASE + req.params.id); });", filename: 'file.ts' },
    { code: "import axios from 'axios';\nconst HOSTS = new Set(['a.example.com']);\napp.get('/a', async (req, res) => { const u = req.query.url; if (!HOSTS.has(u)) return res.sendStatus(400); await axios.get(u); });", filename: 'file.ts' },
    { code: "app.get('/a', async (req, res) => { await fetch(config.url); });", filename: 'file.ts' },
  ],
  invalid: [
    { code: "app.get('/a', async (req, res) => { await fetch(req.query.url); });", filename: 'file.ts', errors: [{ message: msg("req.query.url", 1, "GET /a", "fetch()"), line: 1 }] },
    { code: "import axios from 'axios';\napp.post('/b', async (req, res) => { const { target } = req.body; await axios.post(target, {}); });", filename: 'file.ts', errors: [{ message: msg("req.body.target", 2, "POST /b", "axios post()"), line: 2 }] },
    { code: "import axios from 'axios';\napp.post('/c', async (req, res) => { const opts = { url: req.body.url, method: 'get' }; await axios(opts); });", filename: 'file.ts', errors: [{ message: msg("req.body.url", 2, "POST /c", "axios()"), line: 2 }] },
    { code: "import got from 'got';\nimport { Hono } from 'hono';\nconst app = new Hono();\napp.get('/h', async (c) => { await got(`https://${c.req.query('host')}/status`); });", filename: 'file.ts', errors: [{ message: msg("c.req.query('host')", 4, "GET /h", "got()"), line: 4 }] },
    { code: "import https from 'node:https';\nimport Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/f', async (request) => { https.get(request.query.url); });", filename: 'file.ts', errors: [{ message: msg("request.query.url", 4, "GET /f", "https get()"), line: 4 }] },
    { code: "import { request as undiciRequest } from 'undici';\nexport async function GET(request: Request) {\n  const target = new URL(request.url).searchParams.get('u');\n  await undiciRequest(target);\n}", filename: 'file.ts', errors: [{ message: msg("request.url.searchParams", 3, null, "undici request()"), line: 4 }] },
  ],
});
