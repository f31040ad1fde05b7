import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-hardcoded-secrets.js';
import { createRuleTester } from '../helpers/eslint.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { lintDoc } from '../helpers/spectral.js';
import { lint } from '../../src/index.js';
import { base62, findProviderSecret, hasValidCrcChecksum, isPlaceholder, maskSecret } from '../../src/analysis/secrets.js';

// Provider-format samples are assembled at run time so that this file never contains a string a
// push-protection scanner would take for a live credential. All are fake.
const j = (...parts: string[]) => parts.join('');
const RANDOM30 = 'Zq3xV9tLm2Rk8Wp4Hs6Jd1Fb7Nc5Ya';
const ghToken = (prefix: string) => j(prefix, '_', RANDOM30, base62(crc32(RANDOM30) >>> 0, 6));
const GH = ghToken('ghp');
const NPM = ghToken('npm');
const AWS = j('AKIA', 'Q7ZKLM2N3P4R5S6T');
const STRIPE = j('sk_', 'live_', '51Hq8ZtKc3VbN7mLp2XwRyD4');
const SLACK = j('xoxb', '-', '1234567890123', '-', '1234567890123', '-', 'AbCdEfGhIjKlMnOpQrStUvWx');
const GOOGLE = j('AIza', 'SyD9f8G7h6J5k4L3m2N1p0Q9r8S7t6U5v4W');
const OPENAI = j('sk-proj-', 'Ab3dEf6hIj9kLm2nOp5q', 'T3BlbkFJ', 'Rs8tUv1wXy4zAb7cDe0f');
const ANTHROPIC = j('sk-ant-', 'api03-', 'x7K2mP9qR4sT1vW6yZ3bC8dF5gH0jL2nQ7rS4tV9wX1zA6cE3fG8hJ5kM0pR2sU7vX4yB9dF1gJ6kL3mN8qS5t', 'AA');
const SENDGRID = j('SG.', 'aB3dE6gH9jK2mN5pQ8sT1v', '.', 'wX4zA7cE0fG3hJ6kL9nP2qR5tU8vY1bD4eF7gJ0kM3p');
const TWILIO = j('SK', '0123456789abcdef0123456789abcdef');
const PEM = j('-----BEGIN RSA ', 'PRIVATE KEY-----\\n', 'MIIEowIBAAKCAQEA7Y9k3h2J8d1LqzW4xT6pN0mR5vB9cF2gH7jK3lM8nQ1sU4wX6yZ0aC5eD9fG2hJ4kL7mN', '\\n-----END RSA PRIVATE KEY-----');
const JWT = j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c');

// Seeded pseudo-random text over an alphabet: sample token bodies that spell no placeholder.
function rnd(alphabet: string, n: number, seed = n): string {
  let a = seed * 2654435761;
  let out = '';
  for (let i = 0; i < n; i++) {
    // mulberry32
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}
const HEX = '0123456789abcdef';
const LOW = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOK = `${ALNUM}_-`;

/** One sample per format of secret-formats.ts, with the kind its message names. */
const FORMAT_SAMPLES: Array<[string, string]> = [
  ['GitLab personal access token', j('glpat-', rnd(TOK, 20))],
  ['GitLab deploy token', j('gldt-', rnd(TOK, 20, 3))],
  ['GitLab runner token', j('glrt-', rnd(TOK, 20, 4))],
  ['GitLab pipeline trigger token', j('glptt-', rnd(HEX, 40))],
  ['GitLab runner registration token', j('GR1348941', rnd(TOK, 20, 5))],
  ['PyPI upload token', j('pypi-', 'AgEIcHlwaS5vcmc', rnd(TOK, 60))],
  ['RubyGems API key', j('rubygems_', rnd(HEX, 48))],
  ['Clojars deploy token', j('CLOJARS_', rnd(LOW, 60))],
  ['Docker Hub personal access token', j('dckr_pat_', rnd(ALNUM, 27))],
  ['Buildkite API token', j('bkua_', rnd(LOW, 40))],
  ['Postman API key', j('PMAK-', rnd(HEX, 24), '-', rnd(HEX, 34))],
  ['Sourcegraph access token', j('sgp_', rnd(HEX, 40, 6))],
  ['Octopus Deploy API key', j('API-', rnd(UP, 26))],
  ['Harness access token', j('pat.', rnd(ALNUM, 22), '.', rnd(ALNUM, 24), '.', rnd(ALNUM, 20))],
  ['Infracost API key', j('ico-', rnd(ALNUM, 32))],
  ['ReadMe API key', j('rdme_', rnd(LOW, 70))],
  ['Linear API key', j('lin_api_', rnd(ALNUM, 40))],
  ['Atlassian API token', j('ATATT3', rnd(ALNUM, 186))],
  ['Typeform personal access token', j('tfp_', rnd(ALNUM, 59))],
  ['Notion integration token', j('secret_', rnd(ALNUM, 43))],
  ['Notion integration token', j('ntn_', '12345678901', rnd(ALNUM, 35))],
  ['Airtable personal access token', j('pat', rnd(ALNUM, 14), '.', rnd(HEX, 64))],
  ['Frame.io API token', j('fio-u-', rnd(ALNUM, 64))],
  ['DigitalOcean token', j('dop_v1_', rnd(HEX, 64))],
  ['Doppler token', j('dp.pt.', rnd(ALNUM, 43))],
  ['HashiCorp Vault token', j('hvs.', rnd(TOK, 95))],
  ['Terraform Cloud API token', j(rnd(LOW, 14), '.atlasv1.', rnd(ALNUM, 67))],
  ['Pulumi access token', j('pul-', rnd(HEX, 40, 7))],
  ['Heroku API key', j('HRKU-AA', rnd(ALNUM, 58))],
  ['Databricks access token', j('dapi', rnd(HEX, 32))],
  ['Alibaba Cloud AccessKey ID', j('LTAI', rnd(ALNUM, 20))],
  ['Azure AD client secret', j('abc', '8Q~', rnd(ALNUM, 34))],
  ['Azure storage account key', j('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=', rnd(ALNUM, 86), '==')],
  ['Cloudflare origin CA key', j('v1.0-', rnd(HEX, 24), '-', rnd(HEX, 146))],
  ['OpenShift user token', j('sha256~', rnd(ALNUM, 43))],
  ['PlanetScale token', j('pscale_tkn_', rnd(ALNUM, 43))],
  ['Prefect API key', j('pnu_', rnd(ALNUM, 36))],
  ['Scalingo API token', j('tk-us-', rnd(ALNUM, 48))],
  ['1Password secret key', j('A3-', rnd(UP, 6), '-', rnd(UP, 11), '-', rnd(UP, 5), '-', rnd(UP, 5, 8), '-', rnd(UP, 5, 9))],
  ['age secret key', j('AGE-SECRET-KEY-1', rnd('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58))],
  ['Grafana service account token', j('glsa_', rnd(ALNUM, 32), '_', rnd(HEX, 8))],
  ['Grafana Cloud API token', j('glc_', rnd(ALNUM, 80))],
  ['Sentry user auth token', j('sntryu_', rnd(HEX, 64))],
  ['Sentry organization token', j('sntrys_', 'eyJpYXQiO', rnd(ALNUM, 80))],
  ['New Relic user API key', j('NRAK-', rnd(UP, 27))],
  ['New Relic insert key', j('NRII-', rnd(ALNUM, 32))],
  ['Dynatrace API token', j('dt0c01.', rnd(UP, 24), '.', rnd(UP, 64))],
  ['Stripe webhook signing secret', j('whsec_', rnd(ALNUM, 32))],
  ['Shopify access token', j('shpat_', rnd(HEX, 32))],
  ['Square access token', j('sq0atp-', rnd(ALNUM, 22))],
  ['Square OAuth secret', j('sq0csp-', rnd(ALNUM, 43))],
  ['Shippo live API token', j('shippo_live_', rnd(HEX, 40, 10))],
  ['Flutterwave secret key', j('FLWSECK-', rnd('0123456789abcdefgh', 32), '-X')],
  ['Duffel live API token', j('duffel_live_', rnd(ALNUM, 43))],
  ['EasyPost API key', j('EZAK', rnd(ALNUM, 54))],
  ['Mailchimp API key', j(rnd(HEX, 32, 11), '-us', '14')],
  ['Brevo (Sendinblue) API key', j('xkeysib-', rnd(HEX, 64), '-', rnd(ALNUM, 16))],
  ['Slack app-level token', j('xapp-', '1-', rnd(UP, 11), '-', '1234567890123', '-', rnd(HEX, 64))],
  ['Telegram bot token', j('123456789', ':AA', rnd(TOK, 33))],
  ['Discord webhook URL', j('https://discord.com/api/', 'webhooks/', '123456789012345678/', rnd(TOK, 68))],
  ['Hugging Face access token', j('hf_', rnd('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34))],
  ['Groq API key', j('gsk_', rnd(ALNUM, 52))],
  ['Perplexity API key', j('pplx-', rnd(ALNUM, 48))],
  ['Replicate API token', j('r8_', rnd(ALNUM, 37))],
  ['xAI API key', j('xai-', rnd(ALNUM, 80))],
  ['Mapbox secret token', j('sk.', 'eyJ1IjoiYWNtZSIsImEiOiJjbGZ', '.', rnd(TOK, 22))],
  ['Adobe client secret', j('p8e-', rnd(ALNUM, 32))],
  ['Intra42 client secret', j('s-s4t2ud-', rnd(HEX, 64))],
];

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const ANON_JWT = j(b64({ alg: 'HS256', typ: 'JWT' }), '.', b64({ iss: 'supabase', role: 'anon', exp: 1983812996 }), '.', 'Zk2mLp9QxWvR3tUv1wXy4zAb7cDe0fGh');

describe('secrets analysis', () => {
  it.each(FORMAT_SAMPLES)('recognises the %s format', (kind, sample) => {
    expect(findProviderSecret(sample)).toEqual({ kind, value: sample.startsWith('DefaultEndpoints') ? sample.slice(sample.indexOf('AccountKey=')) : sample });
    // Cut one character short, or with a word character glued on, it is another string.
    expect(findProviderSecret(`${sample.slice(0, 10)}`)).toBeNull();
  });
  it('validates GitHub/npm CRC32 checksums and rejects tampered tokens', () => {
    expect(hasValidCrcChecksum(GH)).toBe(true);
    expect(hasValidCrcChecksum(GH.slice(0, -1) + (GH.endsWith('a') ? 'b' : 'a'))).toBe(false);
    expect(findProviderSecret(GH)?.kind).toBe('GitHub token');
    expect(findProviderSecret(j('ghp_', 'A'.repeat(10), 'b'.repeat(26)))).toBeNull();
  });
  it('masks to a prefix and a length', () => {
    expect(maskSecret(AWS)).toBe('AKIA… (20 chars)');
    expect(maskSecret('changeme')).toBe('ch… (8 chars)');
    expect(maskSecret('abc')).toBe('… (3 chars)');
  });
  it('knows placeholders', () => {
    for (const p of ['<your-key>', '${JWT_SECRET}', 'xxx', '***', 'your-api-key', '', 'AKIAIOSFODNN7EXAMPLE', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx']) {
      expect(isPlaceholder(p), p).toBe(true);
    }
    for (const p of ['changeme', 'hunter2', 's3cr3t-k3y!', 'secret']) expect(isPlaceholder(p), p).toBe(false);
  });
  it('finds a PEM private key but not a header check or a public key', () => {
    expect(findProviderSecret(PEM.replace(/\\n/g, '\n'))?.kind).toBe('private key');
    expect(findProviderSecret('-----BEGIN PRIVATE KEY-----')).toBeNull();
    expect(findProviderSecret(PEM.replace('PRIVATE', 'PUBLIC'))).toBeNull();
  });
});

const ruleTester = createRuleTester();
const q = (s: string) => JSON.stringify(s);

ruleTester.run('no-hardcoded-secrets', rule.eslint!, {
  valid: [
    // env lookups
    { code: 'const apiKey = process.env.API_KEY;' },
    { code: 'const { JWT_SECRET } = process.env; jwt.sign(p, JWT_SECRET);' },
    // empty strings and obvious placeholders
    { code: "const password = '';" },
    { code: "const apiKey = '<your-key>';" },
    { code: "const secret = '${JWT_SECRET}';" },
    { code: "const token = 'xxx';" },
    { code: "const clientSecret = '***';" },
    { code: "const config = { apiKey: 'your-api-key' };" },
    { code: "const token = 'REPLACE_ME_WITH_TOKEN';" },
    // names, types and messages in secret-named places
    { code: "const TOKEN_HEADER = 'x-access-token';" },
    { code: "const ACCESS_TOKEN = 'x-access-token';" },
    { code: "const fields = { password: 'password', token: 'TOKEN' };" },
    { code: "const schema = { password: 'string', apiKey: 'required' };" },
    { code: "const ui = { password: 'value', token: 'input' }; const cfg = { passwordHashing: 'bcrypt', password: 'plain' };" },
    { code: "const pw = { password: 'abc' };" },
    { code: "const messages = { password: 'Password is required' };" },
    { code: "const STORAGE = { accessToken: 'accessToken' };" },
    { code: "const apiKey = 'STRIPE_API_KEY';" },
    { code: "if (user.password === '') fail();" },
    // key → group lookup tables, constant-name-shaped dev defaults, repetitive filler
    { code: "const groups = { title: 'site', is_private: 'private', password: 'private', labs: 'labs' };" },
    { code: "let webhookSecret = process.env.WEBHOOK_SECRET;\nif (!webhookSecret) webhookSecret = 'DEFAULT_WEBHOOK_SECRET';" },
    { code: "const password = 'aaaaaaab';" },
    // found by running on bundled real code: fetch credentials, OAuth flow type names, example URLs in messages
    { code: "const init = { credentials: 'include' }; if (r.credentials === 'same-origin') go();" },
    { code: "const flows = { implicit: 'ImplicitFlow', password: 'PasswordFlow', clientCredentials: 'ClientCredentialsFlow' };" },
    { code: "const de = { email: 'E-Mail', password: 'Passwort' };" },
    { code: "let lastSignificantToken;\nif (x) lastSignificantToken = '?NoLineTerminatorHere';" },
    { code: `const SUPABASE_ANON_KEY = ${q(ANON_JWT)};` },
    { code: "throw new Error('Wrong format. Must be like dotenv://:key_1234@dotenvx.com/vault/.env.vault');" },
    // not secret-named
    { code: "const passwordHash = '$2b$12$abcdefghijklmnopqrstuv';" },
    { code: "const tokenType = 'Bearer'; const passwordMinLength = '12345678';" },
    { code: "const csrfToken = 'abcdefgh12345';" },
    { code: "const nextPageToken = 'abcdefgh12345';" },
    { code: "const publicKey = 'pk_live_abcdefghijklmnopqrstuvwx';" },
    { code: "const passwordResetUrl = '/reset-password';" },
    // public keys
    { code: `const publicKey = ${q(PEM.replace(/PRIVATE/g, 'PUBLIC'))};` },
    { code: `jwt.verify(token, ${q(PEM.replace(/PRIVATE/g, 'PUBLIC').replace('RSA ', ''))});` },
    // non-secret env fallback
    { code: "const port = process.env.PORT || '3000';" },
    { code: "const host = process.env.DB_HOST ?? 'localhost';" },
    // header-only PEM check, module specifiers
    { code: "if (key.startsWith('-----BEGIN PRIVATE KEY-----')) ok();" },
    { code: "import secret from './secret-token-store.js';" },
    // connection URLs without credentials or with documented placeholders
    { code: "const url = 'postgres://localhost:5432/app';" },
    { code: "const url = 'postgres://user:password@localhost:5432/app';" },
    { code: "const url = `postgres://${user}:${pass}@db/app`;" },
    { code: "const url = `postgres://app:${process.env.DB_PASSWORD}@${host}/app`;" },
    { code: "import { Sequelize } from 'sequelize';\nnew Sequelize(process.env.DB, process.env.DB_USER, process.env.DB_PASSWORD);\nnew Sequelize('sqlite::memory:');\nnew Sequelize('db', 'user', '', {});" },
    // test files are skipped by default
    { code: "const password = 'hunter22';", filename: 'test/auth.spec.ts' },
    { code: "const password = 'hunter22';", filename: 'src/__tests__/auth.ts' },
    { code: "const password = 'hunter22';", filename: 'src/auth.test.ts' },
    // allow list
    { code: `const key = ${q(AWS)};`, options: [{ allow: ['^AKIAQ7'] }] },
    // a jwt wrapper imported from the project decides what its second argument is
    { code: "const jwt = require('../lib/jwt');\nconst t = jwt.sign(user, 'refresh');" },
    { code: "import jwt from './jwt.js';\nconst t = jwt.sign(user, 'refresh');" },
    // AWS's documented sample credentials, and a Secrets Manager ARN (a name, not the secret)
    { code: "const cfg = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };" },
    { code: "const dbSecret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';" },
    // a value addressed to the reader is a stand-in, also in a sink
    { code: "import session from 'express-session';\napp.use(session({ secret: 'your-secret-here' }));\nconst s = process.env.JWT_SECRET || '<your-secret>';" },
    // mask characters in a sink are still a stand-in
    { code: "import session from 'express-session';\napp.use(session({ secret: '***' }));" },
    // lowercase words: header, cookie and config-key names, autocomplete tokens, a value naming itself
    { code: "const REFRESH_TOKEN = 'refresh-token'; const API_KEY = 'x-api-key'; const apiKey = 'api-key-header';" },
    { code: "const JWT_SECRET = 'jwt-secret'; const secret = 'auth.secret'; const s = { sessionSecret: 'session:secret' };" },
    { code: "const fields = { password: 'new-password', confirmPassword: 'current-password' };" },
    { code: "const SESSION_SECRET = 'change-me'; const secret = 'session-store';" },
    { code: "const routes = { password: 'forgot-password', resetPassword: 'reset-password' }; const errors = { password: 'password-mismatch' };" },
    // short values: only under a signing-secret name, and not a type word
    { code: "const form = { password: 'abc', userPassword: 'ab' }; const cfg = { jwtSecret: 'jwt', secret: 'a' };" },
    // seed phrases: public test vectors, placeholders, and sentences under other names
    { code: "const mnemonic = 'test test test test test test test test test test test junk';" },
    { code: "const seedPhrase = 'enter your twelve word recovery phrase here to restore the wallet now';" },
    { code: "const description = 'arctic brave cabin dune eager fabric giant habit ivory jungle kernel lemon';" },
    // a provider prefix without its format
    { code: "const a = 'glpat-short'; const b = 'API-Gateway-Endpoint-Configuration'; const c = 'secret_santa_enabled_for_everyone_in_the_team_x';" },
    // a hash-shaped identifier containing a provider prefix but no valid checksum
    { code: `const id = ${q(j('ghp_', 'abcdefghijklmnopqrstuvwxyz0123456789'))};` },
  ],
  invalid: [
    // provider formats
    ...(
      [
        [AWS, 'AWS access key ID'],
        [GH, 'GitHub token'],
        [NPM, 'npm token'],
        [STRIPE, 'Stripe live secret key'],
        [SLACK, 'Slack token'],
        [GOOGLE, 'Google API key'],
        [OPENAI, 'OpenAI API key'],
        [ANTHROPIC, 'Anthropic API key'],
        [SENDGRID, 'SendGrid API key'],
        [TWILIO, 'Twilio API key'],
        [JWT, 'JSON Web Token'],
      ] as const
    ).map(([value, kind]) => ({
      code: `const client = makeClient(${q(value)});`,
      errors: [
        {
          messageId: 'providerSecret' as const,
          data: { kind, masked: maskSecret(value) },
          line: 1,
          column: 27,
        },
      ],
    })),
    {
      code: `const key = ${q(PEM)};`,
      errors: [{ messageId: 'providerSecret', line: 1, column: 13 }],
    },
    // the message never contains the raw value
    {
      code: `const cfg = { region: 'eu', key: ${q(AWS)} };`,
      errors: [{ message: `Hardcoded AWS access key ID AKIA… (20 chars). Remove it from the code, rotate it, and load it from the environment or a secret manager.` }],
    },
    // secret-named identifiers and properties
    {
      code: "const DB_PASSWORD = 'changeme';",
      errors: [{ message: "Hardcoded credential ch… (8 chars) assigned to 'DB_PASSWORD'. Load it from the environment (process.env) or a secret manager instead.", line: 1, column: 21 }],
    },
    { code: "const config = { jwtSecret: 'sup3r-s3cret!' };", errors: [{ messageId: 'namedSecret', data: { name: 'jwtSecret', masked: 'su… (13 chars)' } }] },
    { code: "const apiKey = 'a8f5f167f44f4964e6c998dee827110c';", errors: [{ messageId: 'namedSecret' }] },
    { code: "class Svc { clientSecret = 'Qm9vdFN0cmFw2024'; }", errors: [{ messageId: 'namedSecret' }] },
    { code: "settings.privateKey = 'k3yMaterial99';", errors: [{ messageId: 'namedSecret' }] },
    { code: "function connect(password = 'admin123') {}", errors: [{ messageId: 'namedSecret' }] },
    { code: "const ADMIN_PASSWORD = 'admin';", errors: [{ messageId: 'namedSecret', data: { name: 'ADMIN_PASSWORD', masked: '… (5 chars)' } }] },
    { code: "if (req.body.password === 'letmein1') grant();", errors: [{ messageId: 'namedSecret', data: { name: 'password', masked: 'le… (8 chars)' } }] },
    { code: "const SECRET_KEY = isProd ? process.env.SECRET_KEY : 'dev-secret-key-123';", errors: [{ messageId: 'namedSecret' }] },
    { code: "const authToken = 'Zk2mLp9QxWvR';", errors: [{ messageId: 'namedSecret' }] },
    // a small object is not a lookup table: the same value for user and password is still a credential
    { code: "const admin = { user: 'admin1', password: 'admin1' };", errors: [{ messageId: 'namedSecret', column: 43 }] },
    // TypeScript-compiled CommonJS (`__importDefault`, `(0, m.fn)(…)`)
    {
      code: 'const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));\nconst t = (0, jsonwebtoken_1.default.sign)({ a: 1 }, "s3cr3t-value");',
      errors: [{ messageId: 'keyArgument', line: 2 }],
    },
    // credentials in connection URLs
    {
      code: "const url = 'postgres://app:S3cretPw@db.internal:5432/app';",
      errors: [{ message: 'Connection URL embeds the password S3… (8 chars). Build the URL from environment variables or pass credentials separately.', column: 13 }],
    },
    { code: "mongoose.connect('mongodb+srv://admin:hunter22@cluster0.mongodb.net/db');", errors: [{ messageId: 'urlCredential' }] },
    { code: "const r = 'redis://:r3disPass@cache:6379';", errors: [{ messageId: 'urlCredential' }] },
    { code: 'const url = `postgres://admin:S3cretPw@${host}:5432/${db}`;', errors: [{ messageId: 'urlCredential', data: { masked: 'S3… (8 chars)' } }] },
    // key arguments
    {
      code: "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('shop', 'shop', 'Sh0pPass!', { dialect: 'postgres' });",
      errors: [{ messageId: 'keyArgument', data: { what: 'database password', callee: 'new Sequelize', masked: 'Sh… (9 chars)' }, line: 2, column: 49 }],
    },
    {
      code: "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ sub: 1 }, 'secret', { expiresIn: '15m' });",
      errors: [{ message: 'Hardcoded JWT signing key … (6 chars) passed to jwt.sign. Anyone with the source can forge or decrypt; load the key from the environment.', line: 2, column: 36 }],
    },
    {
      code: "const { verify } = require('jsonwebtoken');\nconst K = 'abc';\nverify(t, K);",
      errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'verify', masked: '… (3 chars)' }, line: 3, column: 11 }],
    },
    {
      // jwt.sign on a jwt the file does not import (a parameter): the literal is still a signing key
      code: "module.exports = (jwt) => ({\n  issue: (p) => jwt.sign(p, 'shhhhhhared-secret'),\n});",
      errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'jwt.sign', masked: 'shhh… (18 chars)' }, line: 2, column: 29 }],
    },
    {
      // a short secret in a sink is the key actually used
      code: "import session from 'express-session';\napp.use(session({ secret: 'a' }));\nconst jwt = require('jsonwebtoken');\nconst t = jwt.sign(payload, 'x');",
      errors: [
        { messageId: 'keyArgument', data: { what: 'session secret', callee: 'express-session', masked: '… (1 chars)' }, line: 2, column: 27 },
        { messageId: 'keyArgument', line: 4, column: 29 },
      ],
    },
    {
      code: "import session from 'express-session';\napp.use(session({ secret: 'keyboard cat', resave: false }));",
      errors: [{ messageId: 'keyArgument', data: { what: 'session secret', callee: 'express-session', masked: 'ke… (12 chars)' }, line: 2, column: 27 }],
    },
    {
      code: "const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys: ['key1', 'key2'] }));",
      errors: [{ messageId: 'keyArgument', column: 32 }, { messageId: 'keyArgument', column: 40 }],
    },
    { code: "import cookieParser from 'cookie-parser';\napp.use(cookieParser('s3cr3t'));", errors: [{ messageId: 'keyArgument', line: 2 }] },
    { code: "import crypto from 'node:crypto';\ncrypto.createHmac('sha256', 'hmac-key').update(body);", errors: [{ messageId: 'keyArgument' }] },
    // jose keys
    {
      code: "import { SignJWT, jwtVerify } from 'jose';\nconst key = new TextEncoder().encode('my-jose-key');\nawait new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(key);\nawait jwtVerify(t, new TextEncoder().encode('other-key'));",
      errors: [
        { messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'SignJWT.sign', masked: 'my… (11 chars)' }, line: 3 },
        { messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'jwtVerify', masked: 'ot… (9 chars)' }, line: 4 },
      ],
    },
    // a secret-named const passed as a key is reported once, at its declaration
    {
      code: "import jwt from 'jsonwebtoken';\nconst JWT_SECRET = 'Xk29sLq0Pm';\njwt.sign(p, JWT_SECRET);",
      errors: [{ messageId: 'namedSecret', line: 2 }],
    },
    // env fallbacks
    {
      code: "const secret = process.env.JWT_SECRET || 'dev';",
      errors: [{ message: 'process.env.JWT_SECRET falls back to the hardcoded value … (3 chars): a missing variable silently runs with a known secret. Fail at startup instead.' }],
    },
    { code: "const s = process.env['SESSION_SECRET'] ?? 'changeme';", errors: [{ messageId: 'envFallback' }] },
    // every format of secret-formats.ts, through the rule
    ...FORMAT_SAMPLES.map(([kind, sample]) => {
      const value = sample.startsWith('DefaultEndpoints') ? sample.slice(sample.indexOf('AccountKey=')) : sample;
      return { code: `connect(${q(sample)});`, errors: [{ messageId: 'providerSecret' as const, data: { kind, masked: maskSecret(value) }, line: 1 }] };
    }),
    // words that say "secret" are the secret under a secret name
    {
      code: "const JWT_SECRET = 'super-secret-key';",
      errors: [{ message: "Hardcoded credential supe… (16 chars) assigned to 'JWT_SECRET'. Load it from the environment (process.env) or a secret manager instead.", line: 1, column: 20 }],
    },
    { code: "const config = { sessionSecret: 'shhhhhhared-secret', dbPassword: 'my_db_pass' };", errors: [{ messageId: 'namedSecret', data: { name: 'sessionSecret', masked: 'shhh… (18 chars)' } }, { messageId: 'namedSecret', data: { name: 'dbPassword', masked: 'my… (10 chars)' } }] },
    // a short value under a signing-secret name
    { code: "const opts = {};\nopts.clientSecret = 'a';", errors: [{ messageId: 'namedSecret', data: { name: 'clientSecret', masked: '… (1 chars)' }, line: 2, column: 21 }] },
    { code: "const config = { jwtSecret: 'x', cookieSecret: 'ab12' };", errors: [{ messageId: 'namedSecret', data: { name: 'jwtSecret', masked: '… (1 chars)' }, column: 29 }, { messageId: 'namedSecret', data: { name: 'cookieSecret', masked: '… (4 chars)' }, column: 48 }] },
    // a value that reads like a placeholder is still the key when the code runs with it
    {
      code: "import session from 'express-session';\napp.use(session({ secret: 'change-me' }));\nconst s = process.env.JWT_SECRET || 'change-me';",
      errors: [
        { messageId: 'keyArgument', data: { what: 'session secret', callee: 'express-session', masked: 'ch… (9 chars)' }, line: 2 },
        { messageId: 'envFallback', data: { env: 'JWT_SECRET', masked: 'ch… (9 chars)' }, line: 3 },
      ],
    },
    // the author's own key is not a stand-in where the code runs with it
    {
      code: "import jwt from 'jsonwebtoken';\nconst t = jwt.sign(user, 'my-secret-key');\nconst s = process.env.SESSION_SECRET ?? 'mysecret';",
      errors: [
        { messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'jwt.sign', masked: 'my… (13 chars)' }, line: 2, column: 26 },
        { messageId: 'envFallback', data: { env: 'SESSION_SECRET', masked: 'my… (8 chars)' }, line: 3 },
      ],
    },
    // jwt.sign on an unimported jwt, with a wordy key
    { code: "function issue(jwt, user) { return jwt.sign({ id: user.id }, 'super-secret-key'); }", errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'jwt.sign', masked: 'supe… (16 chars)' }, column: 62 }] },
    // seed phrases
    {
      code: "const mnemonic = 'arctic brave cabin dune eager fabric giant habit ivory jungle kernel lemon';",
      errors: [{ message: 'Hardcoded wallet seed phrase arct… (74 chars). Anyone who reads it controls the wallet: move the funds to a new wallet and load the phrase from a secret manager.', line: 1, column: 18 }],
    },
    { code: "const w = ethers.Wallet.fromPhrase('arctic brave cabin dune eager fabric giant habit ivory jungle kernel lemon');", errors: [{ messageId: 'seedPhrase', column: 36 }] },
    { code: "const cfg = { WALLET_SEED: 'arctic brave cabin dune eager fabric giant habit ivory jungle kernel lemon' };", errors: [{ messageId: 'seedPhrase' }] },
    // key sinks of other libraries (secret-sinks.ts)
    {
      code: "import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: 'a', algorithms: ['HS256'] }));",
      errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'express-jwt', masked: '… (1 chars)' }, line: 2, column: 30 }],
    },
    {
      code: "const { Strategy: JwtStrategy } = require('passport-jwt');\npassport.use(new JwtStrategy({ jwtFromRequest, secretOrKey: 'secretKey' }, verify));",
      errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'passport-jwt', masked: 'se… (9 chars)' }, line: 2 }],
    },
    {
      code: "import { PassportStrategy } from '@nestjs/passport';\nimport { ExtractJwt, Strategy } from 'passport-jwt';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'secretKey' });\n  }\n}",
      errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'passport-jwt', masked: 'se… (9 chars)' }, line: 5, column: 84 }],
    },
    {
      code: "import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: 'k', signOptions: { expiresIn: '60s' } });",
      errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'JwtModule.register', masked: '… (1 chars)' }, line: 2, column: 30 }],
    },
    {
      code: "import fastifyJwt from '@fastify/jwt';\nfastify.register(fastifyJwt, { secret: 'abc' });\nfastify.register(require('@fastify/cookie'), { secret: 'my-cookie-signer' });",
      errors: [
        { messageId: 'keyArgument', data: { what: 'JWT signing key', callee: '@fastify/jwt', masked: '… (3 chars)' }, line: 2 },
        { messageId: 'keyArgument', data: { what: 'cookie signing secret', callee: '@fastify/cookie', masked: 'my-c… (16 chars)' }, line: 3 },
      ],
    },
    {
      code: "import { sign } from 'hono/jwt';\nconst t = await sign(payload, 'x');",
      errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'sign', masked: '… (1 chars)' }, line: 2, column: 31 }],
    },
    { code: "const jwt = require('koa-jwt');\napp.use(jwt({ secret: 'k' }));", errors: [{ messageId: 'keyArgument', data: { what: 'JWT signing key', callee: 'koa-jwt', masked: '… (1 chars)' } }] },
    // test scoping is configurable
    { code: "const password = 'hunter22';", filename: 'test/auth.spec.ts', options: [{ testFilePatterns: [] }], errors: [{ messageId: 'namedSecret' }] },
  ],
});

const tree = tempTrees('backlint-secrets-');

async function findings(dir: string): Promise<string[]> {
  const report = await lint({ cwd: dir, paths: ['.'], config: false, preset: 'recommended' });
  return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/no-hardcoded-secrets').map((x) => `${f.file}:${x.line}:${x.column} ${x.message}`));
}

describe('no-hardcoded-secrets across files (the project model)', () => {
  it('reports a key sink whose options or key come from an object another file exports, once', async () => {
    const dir = tree({
      'package.json': '{"type":"module"}',
      'src/config.js': [
        "export const sessionOptions = { secret: 'keyboard cat', resave: false };",
        "export const config = { jwt: { secret: 'k' }, apiSecret: 'Zk2mLp9QxWvR' };",
        '',
      ].join('\n'),
      'src/app.js': [
        "import session from 'express-session';",
        "import jwt from 'jsonwebtoken';",
        "import { sessionOptions, config } from './config.js';",
        'app.use(session(sessionOptions));',
        'export const issue = (p) => jwt.sign(p, config.jwt.secret);',
        'export const other = (p) => jwt.sign(p, config.apiSecret);',
        'export const fromEnv = (p) => jwt.sign(p, process.env.JWT_SECRET);',
        '',
      ].join('\n'),
    });
    expect(await findings(dir)).toEqual([
      'src/app.js:4:17 Hardcoded session secret ke… (12 chars) passed to express-session. Anyone with the source can forge or decrypt; load the key from the environment.',
      'src/app.js:5:41 Hardcoded JWT signing key … (1 chars) passed to jwt.sign. Anyone with the source can forge or decrypt; load the key from the environment.',
      // apiSecret is reported where it is written, not again at its use
      "src/config.js:2:58 Hardcoded credential Zk… (12 chars) assigned to 'apiSecret'. Load it from the environment (process.env) or a secret manager instead.",
    ]);
  });
});

describe('no-hardcoded-secrets in OpenAPI documents (Spectral face)', () => {
  const SLACK_BOT = SLACK;
  const doc = [
    'openapi: 3.0.3',
    'info: { title: t, version: "1" }',
    'servers:',
    '  - url: https://api.example.com/v1',
    '  - url: https://admin:Zk2mLp9QxW@api.example.com/v1',
    '  - url: https://user:password@sandbox.example.com',
    `  - url: "https://api.example.com/v1?api_key=Qm9vdFN0cmFw2024"`,
    '  - url: https://api.example.com/v1?api_key={apiKey}',
    'paths:',
    '  /hooks:',
    '    post:',
    '      parameters:',
    '        - name: X-Api-Key',
    '          in: header',
    '          schema: { type: string, default: a8f5f167f44f4964e6 }',
    '        - name: page_token',
    '          in: query',
    '          schema: { type: string, default: abcdefgh12345 }',
    '      requestBody:',
    '        content:',
    '          application/json:',
    '            schema:',
    '              type: object',
    '              properties:',
    '                token: { type: string, example: Zk2mLp9QxWvR }',
    '                password: { type: string, default: hunter22 }',
    '            examples:',
    '              slack:',
    '                value:',
    `                  bot_token: ${SLACK_BOT}`,
    `                  stripe_test: sk_test_${'4eC39HqLyjWDarjtT1zdp7dc'}`,
    `                  twilio: SK${'a'.repeat(32)}`,
    `                  jwt: ${JWT}`,
    `                  aws: ${'AKIAIOSFODNN7EXAMPLE'}`,
    '                  db: postgres://doadmin:wv78n3zpz42xezdk@db.example.com:25060/defaultdb',
    '      responses:',
    "        '200': { description: ok }",
    '',
  ].join('\n');

  it('reports provider keys in examples, secret defaults and credentials in server URLs, masked, at their lines', async () => {
    const results = await lintDoc(doc, ['no-hardcoded-secrets']);
    expect(results.map((r) => [r.line, r.path.join('/'), r.message])).toEqual([
      [5, 'servers/1/url', 'Server URL embeds the password Zk… (10 chars): every reader of the description holds it. Remove the credentials from the URL and describe them as a security scheme.'],
      [
        7,
        'servers/3/url',
        "Server URL passes the credential Qm9v… (16 chars) in its query string ('api_key'): every reader of the description holds it, and URLs end up in logs. Describe it as a security scheme instead.",
      ],
      [15, 'paths//hooks/post/parameters/0/schema/default', "'X-Api-Key' defaults to the credential a8f5… (18 chars): a client that leaves it out sends a secret everyone can read. Remove the default."],
      [
        26,
        'paths//hooks/post/requestBody/content/application/json/schema/properties/password/default',
        "'password' defaults to the credential hu… (8 chars): a client that leaves it out sends a secret everyone can read. Remove the default.",
      ],
      [
        30,
        'paths//hooks/post/requestBody/content/application/json/examples/slack/value/bot_token',
        `Example value holds a Slack token ${maskSecret(SLACK_BOT)}: a description is published, so a real key in it is leaked. Rotate it and show a placeholder (\`<your-key>\`) instead.`,
      ],
    ]);
    expect(results.every((r) => r.code === 'backlint/no-hardcoded-secrets' && r.severity === 'error')).toBe(true);
  });

  it('reports a credential default of a named header (OAS 3 response headers, OAS 2 parameters)', async () => {
    const oas3 = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { '200': { description: 'ok', headers: { 'X-Api-Key': { schema: { type: 'string', default: 'Qm9vdFN0cmFw2024' } }, 'X-Rate-Limit': { schema: { type: 'integer', default: 100 } } } } } } } },
    };
    expect((await lintDoc(oas3, ['no-hardcoded-secrets'])).map((r) => r.path.join('/'))).toEqual(['paths//a/get/responses/200/headers/X-Api-Key/schema/default']);
    // a shared header used by two responses: one finding, at the component
    const shared = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { '200': { description: 'ok', headers: { 'X-Api-Key': { $ref: '#/components/headers/Key' } } }, '201': { description: 'ok', headers: { 'X-Api-Key': { $ref: '#/components/headers/Key' } } } } } } },
      components: { headers: { Key: { schema: { type: 'string', default: 'Qm9vdFN0cmFw2024' } } } },
    };
    expect((await lintDoc(shared, ['no-hardcoded-secrets'])).map((r) => r.line)).toHaveLength(1);
    const swagger = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { parameters: [{ name: 'client_secret', in: 'query', type: 'string', default: 'Zk2mLp9QxWvR' }], responses: { '200': { description: 'ok' } } } } },
    };
    expect((await lintDoc(swagger, ['no-hardcoded-secrets'])).map((r) => [r.path.join('/'), r.message])).toEqual([
      ['paths//a/get/parameters/0/default', "'client_secret' defaults to the credential Zk… (12 chars): a client that leaves it out sends a secret everyone can read. Remove the default."],
    ]);
  });

  it('takes the allow option on documents too', async () => {
    const results = await lintDoc(doc, ['no-hardcoded-secrets'], { rules: { 'backlint/no-hardcoded-secrets': ['error', { allow: ['^Zk2m', '^xoxb-'] }] } });
    expect(results.map((r) => r.line)).toEqual([7, 15, 26]);
  });
});
