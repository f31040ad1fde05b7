import type { Rule } from 'eslint';
import rule from '../../rules/require-secure-cookies.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const msg = (cookie: string, problems: string, fix: string) =>
  `${cookie} is set ${problems}. Set ${fix}: httpOnly keeps it away from scripts, secure keeps it off plain HTTP, sameSite stops cross-site requests from carrying it.`;
const ALL = "`httpOnly: true`, `secure: true`, `sameSite: 'lax'`";

ruleTester.run('require-secure-cookies', eslintRule, {
  valid: [
    // Express, all three set
    `app.post('/login', (req, res) => { res.cookie('sid', token, { httpOnly: true, secure: true, sameSite: 'strict' }); });`,
    // decided at run time
    `res.cookie('sid', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });`,
    // options defined elsewhere are not judged
    `res.cookie('sid', token, cookieOptions);`,
    `res.cookie('sid', token, this.cookieOptions);`,
    // unknown spread: only explicit false would count
    `res.cookie('sid', token, { ...baseCookie, maxAge: 1000 });`,
    // clearing and deleting are not sinks
    `res.clearCookie('sid');`,
    `res.cookie('sid', '', { expires: new Date(0) });`,
    `res.cookie('sid', token, { maxAge: 0 });`,
    `ctx.cookies.set('sid', null);`,
    `import { deleteCookie } from 'hono/cookie'; deleteCookie(c, 'sid');`,
    `import { cookies } from 'next/headers'; cookies().delete('sid');`,
    // CSRF double-submit cookie must be readable by scripts
    `res.cookie('XSRF-TOKEN', req.csrfToken(), { secure: true, sameSite: 'strict' });`,
    // not a response object
    `$.cookie('theme', 'dark');`,
    `cache.set('sid', value, 60);`,
    `map.set('cookie', value);`,
    // Koa / cookies module default httpOnly: true
    `router.post('/login', async (ctx) => { ctx.cookies.set('sid', token, { secure: true, sameSite: 'lax' }); });`,
    `const Cookies = require('cookies'); const jar = new Cookies(req, res); jar.set('sid', token, { secure: true, sameSite: 'lax' });`,
    // express-session: httpOnly defaults to true
    `import session from 'express-session'; app.use(session({ secret, cookie: { secure: true, sameSite: 'lax' } }));`,
    `import session from 'express-session'; app.use(session({ secret, cookie: { secure: 'auto', sameSite: 'lax' } }));`,
    `import session from 'express-session'; app.use(session(sessionConfig));`,
    // Ghost's admin session: every attribute decided at run time
    `const session = require('express-session');
     session({ secret, name: 'ghost-admin-api-session', cookie: { maxAge: config.get('admin:sessionMaxAgeMs'), httpOnly: true, sameSite: isSSL ? 'none' : 'lax', secure: isSSL } });`,
    `res.cookie('sid', token, { maxAge: ttl(), httpOnly: true, secure: true, sameSite: 'lax' });`,
    `import cookieSession from 'cookie-session'; app.use(cookieSession({ name: 's', keys, secure: true, sameSite: 'strict' }));`,
    // Hono and Next with the attributes
    `import { setCookie } from 'hono/cookie'; setCookie(c, 'sid', token, { httpOnly: true, secure: true, sameSite: 'Lax' });`,
    `import { cookies } from 'next/headers'; cookies().set('sid', token, { httpOnly: true, secure: true, sameSite: 'lax' });`,
    // Fastify with the attributes via a const
    `const opts = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' }; fastify.post('/login', (req, reply) => reply.setCookie('sid', t, opts));`,
    // raw Set-Cookie headers with every attribute, deletions, attributes built at run time
    `res.setHeader('Set-Cookie', 'sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax');`,
    'res.setHeader(\'Set-Cookie\', `sid=${token}; Path=/; HttpOnly; Secure; SameSite=Strict`);',
    `res.setHeader('Set-Cookie', 'sid=; Path=/; Max-Age=0');`,
    'res.setHeader(\'Set-Cookie\', `sid=${token}; Path=/${secureFlag}`);',
    'res.setHeader(\'Set-Cookie\', `sid=${token}; ${attributes}`);',
    `res.setHeader('Set-Cookie', serializedCookies);`,
    `res.setHeader('Set-Cookie', 'sid=' + token + cookieAttributes);`,
    `import { serialize } from 'cookie'; res.setHeader('Set-Cookie', serialize('sid', token, { httpOnly: true, secure: true, sameSite: 'lax' }));`,
    // @fastify/cookie defaults registered in the same file
    `import Fastify from 'fastify';
     import cookie from '@fastify/cookie';
     const fastify = Fastify();
     fastify.register(cookie, { secret: process.env.COOKIE_SECRET, parseOptions: { httpOnly: true, secure: true, sameSite: 'lax' } });
     fastify.post('/login', async (request, reply) => { reply.setCookie('sid', token, { path: '/' }); });`,
    // sameSite: 'none' is a deliberate cross-site cookie (it requires secure)
    `res.cookie('embed', v, { httpOnly: true, secure: true, sameSite: 'none' });`,
    // Object.assign / spread of const objects that together set all three
    `const base = { httpOnly: true, secure: true };\nres.cookie('sid', token, Object.assign({}, base, { sameSite: 'lax' }));`,
    `const base = { httpOnly: true, secure: true };\nconst opts = Object.assign({}, base, { sameSite: 'strict', maxAge: 3600 });\nres.cookie('sid', token, opts);`,
    `const base = { httpOnly: true, secure: true, sameSite: 'lax' };\nres.cookie('sid', token, { ...base, maxAge: 60000 });`,
    // a part we cannot see: only explicit false would count
    `res.cookie('sid', token, Object.assign({}, config.cookie, { maxAge: 60000 }));`,
    // options extended below their literal
    `const opts = { httpOnly: true };\nif (prod) { opts.secure = true; opts.sameSite = 'lax'; }\nres.cookie('sid', token, opts);`,
    `const opts = { httpOnly: true };\nObject.assign(opts, secureDefaults);\nres.cookie('sid', token, opts);`,
    // csurf: session-backed (no cookie), or a cookie with all three
    `import csurf from 'csurf';\napp.use(csurf());`,
    `import csurf from 'csurf';\napp.use(csurf({ cookie: false }));`,
    `import csurf from 'csurf';\napp.use(csurf({ cookie: { httpOnly: true, secure: true, sameSite: 'strict' } }));`,
    `import csurf from 'csurf';\napp.use(csurf({ cookie: cookieOptionsFromConfig }));`,
  ],
  invalid: [
    {
      // Object.assign: the later source wins, the base lacks sameSite
      code: `const base = { httpOnly: true };\nres.cookie('sid', token, Object.assign({}, base, { secure: true }));`,
      errors: [{ message: msg("Cookie 'sid'", 'without `sameSite`', "`sameSite: 'lax'`"), line: 2, column: 1 }],
    },
    {
      // a later source turns secure off again
      code: `const base = { httpOnly: true, secure: true, sameSite: 'lax' };\nconst opts = Object.assign({}, base, { secure: false });\nres.cookie('sid', token, opts);`,
      errors: [{ message: msg("Cookie 'sid'", 'with `secure: false`', '`secure: true`'), line: 3, column: 1 }],
    },
    {
      // explicit false counts even beside an unknown source
      code: `res.cookie('sid', token, Object.assign({}, config.cookie, { httpOnly: false }));`,
      errors: [{ message: msg("Cookie 'sid'", 'with `httpOnly: false`', '`httpOnly: true`'), line: 1, column: 1 }],
    },
    {
      // spread of a const base that lacks secure
      code: `const base = { httpOnly: true, sameSite: 'lax' };\nres.cookie('sid', token, { ...base, maxAge: 60000 });`,
      errors: [{ message: msg("Cookie 'sid'", 'without `secure`', '`secure: true`'), line: 2, column: 1 }],
    },
    {
      // csurf keeps its secret in a cookie with none of the attributes
      code: `import csurf from 'csurf';\napp.use(csurf({ cookie: true }));`,
      errors: [{ message: msg('The csurf secret cookie', 'without `httpOnly`, `secure`, `sameSite`', ALL), line: 2, column: 17 }],
    },
    {
      code: `const csrf = require('csurf');\nconst csrfProtection = csrf({ cookie: { key: '_csrf', httpOnly: true } });`,
      errors: [{ message: msg('The csurf secret cookie', 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`"), line: 2, column: 31 }],
    },
    {
      // Express, no options at all
      code: `app.post('/login', (req, res) => {\n  res.cookie('sid', token);\n});`,
      errors: [{ message: msg("Cookie 'sid'", 'without `httpOnly`, `secure`, `sameSite`', ALL), line: 2, column: 3 }],
    },
    {
      // Express, partial options
      code: `res.cookie('sid', token, { httpOnly: true });`,
      errors: [{ message: msg("Cookie 'sid'", 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`"), line: 1, column: 1 }],
    },
    {
      // explicit false values, const options object
      code: `const cookieOpts = { httpOnly: false, secure: false, sameSite: 'lax' };\nresponse.cookie('refresh', rt, cookieOpts);`,
      errors: [{ message: msg("Cookie 'refresh'", 'with `httpOnly: false`, `secure: false`', '`httpOnly: true`, `secure: true`'), line: 2, column: 1 }],
    },
    {
      // explicit false counts even inside an unknown spread
      code: `res.cookie('sid', token, { ...base, secure: false });`,
      errors: [{ message: msg("Cookie 'sid'", 'with `secure: false`', '`secure: true`'), line: 1, column: 1 }],
    },
    {
      // CSRF cookie still needs secure and sameSite
      code: `res.cookie('XSRF-TOKEN', t);`,
      errors: [{ message: msg("Cookie 'XSRF-TOKEN'", 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`") }],
    },
    {
      // Fastify
      code: `fastify.post('/login', async (request, reply) => {\n  reply.setCookie('session', token, { path: '/' });\n});`,
      errors: [{ message: msg("Cookie 'session'", 'without `httpOnly`, `secure`, `sameSite`', ALL), line: 2, column: 3 }],
    },
    {
      // @fastify/cookie defaults cover only what they set
      code: `import cookie from '@fastify/cookie';\nfastify.register(cookie, { parseOptions: { httpOnly: true } });\nfastify.post('/login', async (request, reply) => {\n  reply.setCookie('sid', token, { path: '/', secure: false });\n});`,
      errors: [{ message: msg("Cookie 'sid'", 'without `sameSite` and with `secure: false`', "`secure: true`, `sameSite: 'lax'`"), line: 4, column: 3 }],
    },
    {
      // Koa: httpOnly defaults to true, secure/sameSite do not
      code: `router.post('/login', async (ctx) => {\n  ctx.cookies.set('sid', token);\n});`,
      errors: [{ message: msg("Cookie 'sid'", 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`"), line: 2, column: 3 }],
    },
    {
      code: `ctx.cookies.set('sid', token, { httpOnly: false, secure: true, sameSite: 'lax' });`,
      errors: [{ message: msg("Cookie 'sid'", 'with `httpOnly: false`', '`httpOnly: true`') }],
    },
    {
      // Hono
      code: `import { setCookie } from 'hono/cookie';\napp.post('/login', (c) => {\n  setCookie(c, 'sid', token, { secure: true });\n  return c.text('ok');\n});`,
      errors: [{ message: msg("Cookie 'sid'", 'without `httpOnly`, `sameSite`', "`httpOnly: true`, `sameSite: 'lax'`"), line: 3, column: 3 }],
    },
    {
      code: `import { setSignedCookie } from 'hono/cookie';\nawait setSignedCookie(c, 'sid', token, secret);`,
      errors: [{ messageId: 'insecureCookie', line: 2, column: 7 }],
    },
    {
      // Next.js App Router
      code: `import { cookies } from 'next/headers';\nexport async function POST() {\n  cookies().set('sid', token);\n}`,
      errors: [{ message: msg("Cookie 'sid'", 'without `httpOnly`, `secure`, `sameSite`', ALL), line: 3, column: 3 }],
    },
    {
      code: `import { cookies } from 'next/headers';\nexport async function POST() {\n  const store = await cookies();\n  store.set({ name: 'sid', value: token, httpOnly: true });\n}`,
      errors: [{ message: msg("Cookie 'sid'", 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`"), line: 4, column: 3 }],
    },
    {
      // NextResponse cookies have no httpOnly default
      code: `import { NextResponse } from 'next/server';\nconst response = NextResponse.json({ ok: true });\nresponse.cookies.set('sid', token, { secure: true, sameSite: 'lax' });`,
      errors: [{ message: msg("Cookie 'sid'", 'without `httpOnly`', '`httpOnly: true`'), line: 3, column: 1 }],
    },
    {
      // raw Set-Cookie header (Node http, Express, fetch Headers)
      code: 'res.setHeader(\'Set-Cookie\', `sid=${token}; Path=/; HttpOnly`);',
      errors: [{ message: msg("Cookie 'sid'", 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`"), line: 1, column: 29 }],
    },
    {
      code: `export async function POST() {\n  const headers = new Headers();\n  headers.append('Set-Cookie', 'session=' + token + '; Path=/');\n  return new Response(null, { headers: { 'Set-Cookie': ['a=1; Secure; SameSite=Lax; HttpOnly', 'b=2; Secure'] } });\n}`,
      errors: [
        { message: msg("Cookie 'session'", 'without `httpOnly`, `secure`, `sameSite`', ALL), line: 3, column: 32 },
        { message: msg("Cookie 'b'", 'without `httpOnly`, `sameSite`', "`httpOnly: true`, `sameSite: 'lax'`"), line: 4, column: 96 },
      ],
    },
    {
      // cookie.serialize
      code: `const cookie = require('cookie');\nres.setHeader('Set-Cookie', cookie.serialize('sid', token, { httpOnly: true }));`,
      errors: [{ message: msg("Cookie 'sid'", 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`"), line: 2, column: 29 }],
    },
    {
      // express-session without a cookie block
      code: `import session from 'express-session';\napp.use(session({ secret: process.env.S, name: 'sid', resave: false }));`,
      errors: [{ message: msg("The express-session cookie 'sid'", 'without `secure`, `sameSite`', "`secure: true`, `sameSite: 'lax'`"), line: 2, column: 17 }],
    },
    {
      // express-session cookie block with explicit falses, CommonJS
      code: `const session = require('express-session');\napp.use(session({\n  secret: process.env.S,\n  cookie: { httpOnly: false, secure: false, sameSite: 'lax' },\n}));`,
      errors: [{ message: msg('The express-session cookie', 'with `httpOnly: false`, `secure: false`', '`httpOnly: true`, `secure: true`'), line: 4, column: 3 }],
    },
    {
      // cookie-session
      code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [k1, k2], sameSite: false }));`,
      errors: [{ message: msg("The cookie-session cookie 'session'", 'without `secure` and with `sameSite: false`', "`secure: true`, `sameSite: 'lax'`"), line: 2, column: 23 }],
    },
  ],
});
