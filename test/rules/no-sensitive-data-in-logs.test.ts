import type { Rule } from 'eslint';
import rule from '../../rules/no-sensitive-data-in-logs.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const value = (expr: string, what: string) =>
  `\`${expr}\` (${what}) is written to the log. Log a non-secret identifier or a masked form instead, or configure redaction in the logger.`;
const whole = (expr: string, what: string) =>
  `\`${expr}\` writes ${what} to the log, which can carry passwords, tokens and personal data. Log only the specific fields you need, or configure redaction in the logger.`;

ruleTester.run('no-sensitive-data-in-logs', eslintRule, {
  valid: [
    // a message that merely contains the word
    `console.log('Invalid password for user', userId);`,
    `logger.warn('token expired');`,
    'logger.info(`password reset requested for ${email}`);',
    // names that only talk about a secret
    `console.log('has password', hasPassword);`,
    `logger.debug({ tokenCount, tokenExpiry, passwordLength: password.length });`,
    `logger.info({ password: '[REDACTED]', token: mask(token) });`,
    // the secret blanked out before logging
    `logger.info({ user: { ...user, password: undefined, resetToken: null } });`,
    `logger.info({ resetToken: user.resetToken ? 'set' : 'unset', hasSecret: !!process.env.SECRET });`,
    `console.log(token.length);`,
    // bookkeeping about tokens, not tokens (Ghost's clean-tokens job logs a delete count)
    'logging.info({ system: { deleted_count: deletedTokens } }, `removed ${deletedTokens} tokens`);',
    `logger.info('expired', expiredTokens, numPasswords);`,
    `console.log('token', token.slice(0, 4) + '…');`,
    // request data that is not sensitive
    `app.post('/x', (req, res) => { req.log.info({ id: req.params.id, ua: req.get('user-agent') }); });`,
    `console.log(req.body.email);`,
    // config getters are not request headers
    `logger.info(config.get('authorization'));`,
    // not a logger
    `dialog.error(password);`,
    `catalog.info(token);`,
    `res.json({ token });`,
    `someObject.log(password);`,
    // redact helpers
    `logger.info(redact(req.body));`,
    // names that only talk about a password (shouted or short)
    `logger.info({ pwLength: pw.length, hasPwd, passwordHashAlgorithm: 'bcrypt' });`,
    `console.log('HTTPServer', HTTPServer);`,
  ],
  invalid: [
    // password naming: a hash of one, shouted case, short forms
    {
      code: `logger.info('user created', { email, password_hash });`,
      errors: [{ message: value('password_hash', 'a password hash'), line: 1, column: 38 }],
    },
    {
      code: `console.log(user.passwordHash);`,
      errors: [{ message: value('user.passwordHash', 'a password hash'), line: 1, column: 13 }],
    },
    {
      code: `console.log('creds', PASSword);`,
      errors: [{ message: value('PASSword', 'a password'), line: 1, column: 22 }],
    },
    {
      code: `console.log('creds', pwd, req.body.pw);`,
      errors: [
        { message: value('pwd', 'a password'), line: 1, column: 22 },
        { message: value('req.body.pw', 'a password'), line: 1, column: 27 },
      ],
    },
    {
      code: `console.log('login attempt', username, password);`,
      errors: [{ message: value('password', 'a password'), line: 1, column: 40 }],
    },
    {
      // whole request body, Express
      code: `app.post('/login', (req, res) => {\n  console.log(req.body);\n});`,
      errors: [{ message: whole('req.body', 'the whole request body'), line: 2, column: 15 }],
    },
    {
      code: `logger.debug('headers', req.headers);`,
      errors: [{ message: whole('req.headers', 'the whole request headers'), line: 1, column: 25 }],
    },
    {
      code: `logger.info({ cookies: req.cookies });`,
      errors: [{ message: whole('req.cookies', 'the whole request cookies'), line: 1, column: 24 }],
    },
    {
      // nested member, winston instance
      code: `import winston from 'winston';\nconst log = winston.createLogger({});\nlog.info('reset', req.body.newPassword);`,
      errors: [{ message: value('req.body.newPassword', 'a password'), line: 3, column: 19 }],
    },
    {
      // pino instance with an unusual name
      code: `import pino from 'pino';\nconst p = pino();\np.info({ user: email, token });`,
      errors: [{ message: value('token', 'a token'), line: 3, column: 23 }],
    },
    {
      // bunyan child logger
      code: `const bunyan = require('bunyan');\nconst base = bunyan.createLogger({ name: 'app' });\nconst audit = base.child({ mod: 'auth' });\naudit.warn({ apiKey: client.apiKey });`,
      errors: [{ message: value('apiKey: client.apiKey', 'an API key'), line: 4, column: 14 }],
    },
    {
      // log4js
      code: `import log4js from 'log4js';\nconst l = log4js.getLogger();\nl.error('card', order.creditCard);`,
      errors: [{ message: value('order.creditCard', 'a credit card'), line: 3, column: 17 }],
    },
    {
      // Fastify request logger and header by name
      code: `fastify.post('/login', async (request, reply) => {\n  request.log.info({ auth: request.headers.authorization });\n});`,
      errors: [{ message: value('request.headers.authorization', 'the authorization header'), line: 2, column: 28 }],
    },
    {
      code: `fastify.log.info(req.headers['x-api-key']);`,
      errors: [{ message: value("req.headers['x-api-key']", 'the x-api-key header'), line: 1, column: 18 }],
    },
    {
      // header getters count by name
      code: `console.log(req.get('Authorization'));`,
      errors: [{ message: value("req.get('Authorization')", 'the authorization header'), line: 1, column: 13 }],
    },
    {
      // Next.js / fetch Headers
      code: `export async function GET(request) {\n  console.info('cookie', request.headers.get('cookie'));\n}`,
      errors: [{ message: value("request.headers.get('cookie')", 'the cookie header'), line: 2, column: 26 }],
    },
    {
      // Hono
      code: `app.get('/me', (c) => {\n  console.log(c.req.header('Cookie'));\n  return c.json({});\n});`,
      errors: [{ message: value("c.req.header('Cookie')", 'the cookie header'), line: 2, column: 15 }],
    },
    {
      // Koa
      code: `router.post('/login', async (ctx) => {\n  ctx.log.info(ctx.request.body);\n});`,
      errors: [{ message: whole('ctx.request.body', 'the whole request body'), line: 2, column: 16 }],
    },
    {
      // template literal, JSON.stringify, this.logger
      code: 'class Auth {\n  login(user) {\n    this.logger.debug(`user ${user.email} secret=${user.secret}`);\n    this.logger.debug(JSON.stringify(req.body));\n  }\n}',
      errors: [
        { message: value('user.secret', 'a secret'), line: 3, column: 52 },
        { message: whole('req.body', 'the whole request body'), line: 4, column: 38 },
      ],
    },
    {
      // a const that holds a header
      code: `const auth = req.headers.authorization;\nlogging.info(auth);`,
      errors: [{ message: value('auth', 'the authorization header'), line: 2, column: 14 }],
    },
    {
      // debug instances
      code: `const debug = require('debug')('app:auth');\ndebug('session token %s', sessionToken);`,
      errors: [{ message: value('sessionToken', 'a token'), line: 2, column: 27 }],
    },
    {
      // Ghost-style imported logging module, spread of the body
      code: `const logging = require('@tryghost/logging');\nlogging.error({ ...req.body, at: Date.now() });`,
      errors: [{ messageId: 'wholeRequestPart', line: 2, column: 20 }],
    },
    {
      // Ghost's Stripe webhook parser: the signing secret through a debug instance
      code: "const debug = require('@tryghost/debug')('stripe');\nfunction parseWebhook(body, signature, secret) {\n  debug(`parseWebhook(${body}, ${signature}, ${secret})`);\n}",
      errors: [{ message: value('secret', 'a secret'), line: 3, column: 48 }],
    },
    {
      // secrets from configuration
      code: `console.log('config', process.env.JWT_SECRET);`,
      errors: [{ message: value('process.env.JWT_SECRET', 'a secret'), line: 1, column: 23 }],
    },
    {
      // ssn and JWT
      code: `console.warn(patient.ssn, jwt);`,
      errors: [
        { message: value('patient.ssn', 'a social security number'), line: 1, column: 14 },
        { message: value('jwt', 'a JWT'), line: 1, column: 27 },
      ],
    },
  ],
});
