import rule from '../../rules/no-open-redirect.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: open redirect. Redirect to a fixed path, or check the target against an allow-list (Set.has, ===); a substring test is not one.`;

ruleTester.run('no-open-redirect', rule.eslint!, {
  valid: [
    { code: "app.get('/a', (req, res) => { res.redirect('/home/' + req.query.p); });", filename: 'file.ts' },
    { code: "app.get('/a', (req, res) => { res.redirect(`https://app.example.com/${req.query.p}`); });", filename: 'file.ts' },
    { code: "app.get('/a', (req, res) => { const n = req.query.next; if (n === '/dashboard') return res.redirect(n); res.redirect('/'); });", filename: 'file.ts' },
    { code: "const OK = new Set(['/a', '/b']);\napp.get('/a', (req, res) => { const n = req.query.next; res.redirect(OK.has(n) ? n : '/'); });", filename: 'file.ts' },
    // The upgrade to HTTPS: the Host header is the site the victim's browser opened (node-red's editor does this).
    { code: "app.use((req, res, next) => { if (req.secure) return next(); res.redirect('https://' + req.hostname + req.originalUrl); });", filename: 'file.ts' },
    { code: "app.use((req, res, next) => { res.redirect(301, `https://${req.headers.host}${req.url}`); });", filename: 'file.ts' },
    { code: "app.use((req, res, next) => { res.redirect('https://' + req.get('Host') + req.url); });", filename: 'file.ts' },
    { code: "app.use((req, res, next) => { res.redirect('https://' + req.header('x-forwarded-host') + req.url); });", filename: 'file.ts' },
  ],
  invalid: [
    { code: "app.get('/a', (req, res) => { res.redirect(req.query.next); });", filename: 'file.ts', errors: [{ message: msg("req.query.next", 1, "GET /a", "res.redirect()"), line: 1 }] },
    { code: "app.get('/a', (req, res) => { const n = req.query.next; if (n.includes('example.com')) res.redirect(302, n); });", filename: 'file.ts', errors: [{ message: msg("req.query.next", 1, "GET /a", "res.redirect()"), line: 1 }] },
    // A host the link chooses is not the Host header: still an open redirect.
    { code: "app.use((req, res) => { res.redirect('https://' + req.query.host + req.url); });", filename: 'file.ts', errors: [{ message: msg("req.query.host", 1, null, "res.redirect()"), line: 1 }] },
    { code: "app.get('/b', (req, res) => { res.set('Location', req.query.to); res.sendStatus(302); });", filename: 'file.ts', errors: [{ message: msg("req.query.to", 1, "GET /b", "res.set('Location')"), line: 1 }] },
    { code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.get('/f', async (request, reply) => reply.redirect(request.query.url));", filename: 'file.ts', errors: [{ message: msg("request.query.url", 3, "GET /f", "reply.redirect()"), line: 3 }] },
    { code: "import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/k', async (ctx) => { ctx.redirect(ctx.query.returnTo); });", filename: 'file.ts', errors: [{ message: msg("ctx.query.returnTo", 3, "GET /k", "ctx.redirect()"), line: 3 }] },
    { code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/h', (c) => c.redirect(c.req.query('next')));", filename: 'file.ts', errors: [{ message: msg("c.req.query('next')", 3, "GET /h", "c.redirect()"), line: 3 }] },
    { code: "import { NextResponse } from 'next/server';\nexport function GET(request) {\n  return NextResponse.redirect(request.nextUrl.searchParams.get('to'));\n}", filename: 'file.ts', errors: [{ message: msg("request.nextUrl.searchParams.get('to')", 3, null, "NextResponse.redirect()"), line: 3 }] },
  ],
});

// The Host header stays request data where the attacker sends the request: a server-side fetch of it is SSRF.
import ssrf from '../../rules/no-ssrf.js';

ruleTester.run('no-ssrf (the Host header)', ssrf.eslint!, {
  valid: [],
  invalid: [
    {
      code: "app.get('/p', async (req, res) => { await fetch('http://' + req.hostname + '/internal'); res.end(); });",
      filename: 'file.ts',
      errors: [{ messageId: 'tainted', line: 1 }],
    },
  ],
});
