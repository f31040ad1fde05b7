import type { Rule } from 'eslint';
import rule from '../../rules/no-disabled-tls-verification.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();
const eslintRule = rule.eslint as unknown as Rule.RuleModule;

const optionMessage = (setting: string) =>
  `\`${setting}\` turns off TLS certificate verification, so any certificate (an attacker's included) is accepted. Remove it; to trust a private or self-signed CA, pass its certificate with the \`ca\` option instead.`;
const hostMessage = (setting: string) =>
  `\`${setting}\` never reports a mismatch, so a certificate issued for any other host is accepted: whoever holds one (any site with a valid certificate) can impersonate this server. Remove it, or return an Error when the host or the pinned certificate does not match.`;
const envMessage =
  "Setting `NODE_TLS_REJECT_UNAUTHORIZED` to '0' turns off TLS certificate verification for every connection this process makes. Remove it; to trust a private CA, use `NODE_EXTRA_CA_CERTS` or the `ca` option.";

ruleTester.run('no-disabled-tls-verification', eslintRule, {
  valid: [
    // verification on, or decided at run time
    `import https from 'https'; new https.Agent({ rejectUnauthorized: true });`,
    `import https from 'https'; new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' });`,
    // Node only skips verification for exactly false
    `import tls from 'tls'; tls.connect({ host: 'h', rejectUnauthorized: 0 });`,
    `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';`,
    `delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;`,
    `if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') console.warn('TLS verification is off');`,
    // destructuring a default is not setting an option
    `function connect({ rejectUnauthorized = false } = {}) { return rejectUnauthorized; }`,
    // a private CA is the right way
    `import { Pool } from 'pg'; new Pool({ ssl: { ca: process.env.DB_CA, rejectUnauthorized: true } });`,
    // "insecure" outside an HTTP client's options is some other concept
    `const flags = { insecure: true }; export default flags;`,
    `import grpc from '@grpc/grpc-js'; const c = new Client(addr, grpc.credentials.createInsecure(), { insecure: true });`,
    `import request from 'request'; request({ url, strictSSL: true });`,
    `import { MongoClient } from 'mongodb'; new MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: false });`,
    // a TLS server asking for optional client certificates (mTLS policy, checked via socket.authorized)
    `import https from 'https'; https.createServer({ key, cert, ca, requestCert: true, rejectUnauthorized: false }, app);`,
    `import tls from 'tls'; tls.createServer({ key, cert, rejectUnauthorized: false }, onSocket);`,
    // a hostname check that does check something
    `import tls from 'tls'; tls.connect({ host, checkServerIdentity: (host, cert) => (cert.subject.CN === PINNED ? undefined : new Error('pin')) });`,
    `import tls from 'tls'; tls.connect({ host, checkServerIdentity: tls.checkServerIdentity });`,
    `import tls from 'tls'; const pin = (host, cert) => (cert.fingerprint256 === PIN ? undefined : new Error('pin')); tls.connect({ host, checkServerIdentity: pin });`,
    `import tls from 'tls'; opts.checkServerIdentity = (host, cert) => tls.checkServerIdentity(host, cert) ?? checkPin(cert);`,
  ],
  invalid: [
    {
      // https agent
      code: `import https from 'https';\nconst agent = new https.Agent({ rejectUnauthorized: false });`,
      errors: [{ message: optionMessage('rejectUnauthorized: false'), line: 2, column: 33 }],
    },
    {
      // axios with an agent, CommonJS
      code: `const axios = require('axios');\nconst https = require('https');\naxios.create({ httpsAgent: new https.Agent({\n  rejectUnauthorized: false,\n}) });`,
      errors: [{ messageId: 'disabledOption', line: 4, column: 3 }],
    },
    {
      // got
      code: `import got from 'got';\nawait got(url, { https: { rejectUnauthorized: false } });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 27 }],
    },
    {
      // tls.connect through a const option object
      code: `import tls from 'node:tls';\nconst opts = { host, port, rejectUnauthorized: false };\ntls.connect(opts);`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 28 }],
    },
    {
      // constant resolved
      code: `const VERIFY = false;\nexport const agentOptions = { rejectUnauthorized: VERIFY };`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 31 }],
    },
    {
      // pg ssl options
      code: `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString, ssl: { rejectUnauthorized: false } });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 57 }],
    },
    {
      // mysql2 ssl options
      code: `import mysql from 'mysql2/promise';\nawait mysql.createConnection({ host, ssl: { rejectUnauthorized: false } });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 45 }],
    },
    {
      // knex connection ssl
      code: `import knex from 'knex';\nknex({ client: 'pg', connection: { host, ssl: { rejectUnauthorized: false } } });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 49 }],
    },
    {
      // sequelize dialectOptions
      code: `import { Sequelize } from 'sequelize';\nnew Sequelize(url, { dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 62 }],
    },
    {
      // MongoDB driver options
      code: `import { MongoClient } from 'mongodb';\nnew MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: true, tlsInsecure: true });`,
      errors: [
        { message: optionMessage('tlsAllowInvalidCertificates: true'), line: 2, column: 35 },
        { message: optionMessage('tlsInsecure: true'), line: 2, column: 70 },
      ],
    },
    {
      // request's strictSSL
      code: `const request = require('request');\nrequest({ url, strictSSL: false }, cb);`,
      errors: [{ message: optionMessage('strictSSL: false'), line: 2, column: 16 }],
    },
    {
      // insecure on an HTTP client's options
      code: `import { Agent } from 'undici';\nconst dispatcher = new Agent({ connect: { insecure: true } });`,
      errors: [{ message: optionMessage('insecure: true'), line: 2, column: 43 }],
    },
    {
      // global agent mutated after the fact
      code: `import https from 'https';\nhttps.globalAgent.options.rejectUnauthorized = false;`,
      errors: [{ message: optionMessage('rejectUnauthorized = false'), line: 2, column: 1 }],
    },
    {
      // hostname verification switched off
      code: `import https from 'https';\nhttps.request({ host, checkServerIdentity: () => undefined });`,
      errors: [{ message: hostMessage('checkServerIdentity: () => undefined'), line: 2, column: 23 }],
    },
    {
      code: `import tls from 'tls';\ntls.connect({ host, checkServerIdentity() {} });`,
      errors: [{ messageId: 'hostnameCheckOff', line: 2, column: 21 }],
    },
    {
      // the function kept in a const, with the parameters named
      code: `import tls from 'tls';\nconst skip = (host, cert) => undefined;\ntls.connect({ host, checkServerIdentity: skip });`,
      errors: [{ message: hostMessage('checkServerIdentity: () => undefined'), line: 3, column: 21 }],
    },
    {
      code: `import https from 'https';\nconst agent = new https.Agent({ checkServerIdentity: function () { return undefined; } });`,
      errors: [{ messageId: 'hostnameCheckOff', line: 2, column: 33 }],
    },
    {
      // set on an options object after its literal
      code: `import https from 'https';\nconst opts = { host };\nopts.checkServerIdentity = () => {};\nhttps.request(opts);`,
      errors: [{ message: hostMessage('checkServerIdentity = () => undefined'), line: 3, column: 1 }],
    },
    {
      // superagent
      code: `import request from 'superagent';\nconst res = await request.get(url).disableTLSCerts();`,
      errors: [{ message: optionMessage('disableTLSCerts()'), line: 2, column: 19 }],
    },
    {
      // ioredis / redis TLS options
      code: `import Redis from 'ioredis';\nnew Redis({ host, tls: { rejectUnauthorized: false } });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 26 }],
    },
    {
      // nodemailer
      code: `import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host, port: 587, tls: { rejectUnauthorized: false } });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 54 }],
    },
    {
      // WebSocket client
      code: `import WebSocket from 'ws';\nnew WebSocket(url, { rejectUnauthorized: false });`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 22 }],
    },
    {
      code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';`,
      errors: [{ message: envMessage, line: 1, column: 1 }],
    },
    {
      code: `process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;`,
      errors: [{ messageId: 'disabledEnv', line: 1, column: 1 }],
    },
    {
      // handed to a child process
      code: `import { spawn } from 'child_process';\nspawn('node', ['worker.js'], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });`,
      errors: [{ messageId: 'disabledEnv', line: 2, column: 55 }],
    },
  ],
});
