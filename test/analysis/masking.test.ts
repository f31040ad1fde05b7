/**
 * maskSecrets: the one function every message and fingerprint line passes through. Secrets are
 * assembled at run time so this repository holds no string a secret scanner would flag.
 */
import { describe, expect, it } from 'vitest';
import { maskedExcerpt, maskSecret, maskSecrets } from '../../src/analysis/secrets.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Deterministic filler: the assertions name exact masks.
const filler = (n: number, seed = 7) => Array.from({ length: n }, (_, i) => ALNUM[(i * seed + 3) % ALNUM.length]).join('');

const ghToken = ['gh', 'p_', filler(36)].join('');
const awsKey = ['AK', 'IA', 'Q3ZT7KD2MX4PWN6R'].join('');
const stripeKey = ['sk', '_live_', filler(24, 11)].join('');
const jwt = [
  Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"1234567890","role":"admin"}').toString('base64url'),
  filler(43, 5),
].join('.');
const pem = ['-----BEGIN RSA ', 'PRIVATE KEY-----\\n', filler(64, 13), '\\n', filler(64, 17), '\\n-----END RSA ', 'PRIVATE KEY-----'].join('');

describe('maskSecrets: provider formats (the patterns no-hardcoded-secrets uses)', () => {
  it('masks a GitHub token inside a path, keeping prefix and length', () => {
    expect(maskSecrets(`open './${ghToken}.yaml'`)).toBe(`open './ghp_… (40 chars).yaml'`);
  });

  it('masks tokens whose checksum does not validate (a message is no place to be precise)', () => {
    // filler() is no valid CRC: no-hardcoded-secrets would not report it, masking still hides it.
    expect(maskSecrets(ghToken)).toBe(maskSecret(ghToken));
  });

  it('masks AWS, Stripe and every occurrence in one text', () => {
    expect(maskSecrets(`keys ${awsKey} and ${stripeKey}, again ${awsKey}`)).toBe(
      'keys AKIA… (20 chars) and sk_l… (32 chars), again AKIA… (20 chars)',
    );
  });

  it('masks a JSON Web Token', () => {
    expect(maskSecrets(`Bearer ${jwt}`)).toBe(`Bearer eyJh… (${jwt.length} chars)`);
  });

  it('masks a PEM private key block', () => {
    const out = maskSecrets(`const key = '${pem}';`);
    expect(out).not.toContain(filler(64, 13).slice(0, 20));
    expect(out).toMatch(/^const key = '----… \(\d+ chars\)';$/);
  });
});

describe('maskSecrets: credentials in URLs and connection strings', () => {
  it.each([
    ['http://deploy:s3cretP4ss@api.example.com/v1', 'http://… (6 chars):s3… (10 chars)@api.example.com/v1'],
    ['postgres://admin:Sup3rS3cretPassword@db.internal:5432/app', 'postgres://… (5 chars):Sup3… (19 chars)@db.internal:5432/app'],
    ['mongodb+srv://app:Hx7pQ2mVz9@cluster0.mongodb.net/db', 'mongodb+srv://… (3 chars):Hx… (10 chars)@cluster0.mongodb.net/db'],
    ['redis://:r3disPassw0rd!@cache:6379', 'redis://:r3… (14 chars)@cache:6379'],
    ['amqp://guest:gu3st@rabbit/vhost', 'amqp://… (5 chars):… (5 chars)@rabbit/vhost'],
    ['mysql://root:pw@localhost/db', 'mysql://… (4 chars):… (2 chars)@localhost/db'],
  ])('%s', (url, masked) => {
    expect(maskSecrets(`Server URL "${url}" uses plain HTTP`)).toBe(`Server URL "${masked}" uses plain HTTP`);
  });

  it('masks ADO/JDBC style Password=…; and secret query parameters (to the end: passwords hold &)', () => {
    expect(maskSecrets('Server=tcp:db,1433;User Id=app;Password=Tr0ub4dor&3x;Encrypt=true')).toBe(
      'Server=tcp:db,1433;User Id=app;Password=Tr… (12 chars);Encrypt=true',
    );
    expect(maskSecrets('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=q2VzZGF0YWtleWZvcnRlc3Rpbmc=;')).toBe(
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=q2Vz… (28 chars);',
    );
    expect(maskSecrets('https://api.example.com/hook?api_key=9f8e7d6c5b4a&x=1')).toBe('https://api.example.com/hook?api_key=9f8e… (16 chars)');
  });

  it('masks literals assigned to secret names in quoted code and JSON', () => {
    expect(maskSecrets("const db = { user: 'billing', password: 'Pw-h7Gk2LmQ9' };")).toBe(
      "const db = { user: 'billing', password: 'Pw… (12 chars)' };",
    );
    expect(maskSecrets('{"clientSecret": "c2VjcmV0LXZhbHVl"}')).toBe('{"clientSecret": "c2Vj… (16 chars)"}');
    expect(maskSecrets('DB_PASSWORD=hunter2hunter2')).toBe('DB_PASSWORD=hu… (14 chars)');
  });
});

describe('maskSecrets leaves everything else alone', () => {
  it.each([
    'Server URL "http://api.example.com:8080/v1" uses plain HTTP',
    'https://github.com/backlint/backlint/blob/main/rules/https-only.md',
    'mailto:someone@example.com and user@example.com',
    'Rename "getUsers" to "users" (update the clients that call it).',
    'password: string',
    'token: next',
    "passwordField: 'password'",
    'if (password === req.body.password) return',
    'const password = config.db.password;',
    'const token = unescapePointer(raw);',
    "const password = text.includes('@') ? findUrlCredential(text) : null;",
    "log({ password: '[redacted]' })",
    "password = process.env.DB_PASSWORD ?? ''",
    'const hash = (password) => bcrypt.hash(password, 12)',
    'postgres://${DB_USER}:${DB_PASSWORD}@db/app',
    'redis://:<password>@cache:6379',
    "secret: '***'",
    'AKIA is the prefix of an AWS key id',
    '',
  ])('%s', (text) => {
    expect(maskSecrets(text)).toBe(text);
  });
});

describe('maskSecrets is idempotent', () => {
  it.each([
    `open './${ghToken}.yaml'`,
    'http://deploy:s3cretP4ss@api.example.com/v1',
    'redis://:r3disPassw0rd!@cache:6379',
    'Password=Tr0ub4dor&3x;',
    "password: 'ab'",
    `Bearer ${jwt}`,
    `const key = '${pem}';`,
    `${awsKey} ${stripeKey}`,
    'Connection URL embeds the password S3… (14 chars). Build the URL from environment variables.',
  ])('%s', (text) => {
    const once = maskSecrets(text);
    expect(maskSecrets(once)).toBe(once);
  });
});

describe('maskSecrets on hostile input', () => {
  it('cuts very long text without leaving the head of a split secret', () => {
    // The token straddles the 4,096-character cut.
    const text = `${'word '.repeat(815)}'${ghToken}'${' tail'.repeat(1_000)}`;
    const out = maskSecrets(text);
    expect(out).toBe(`${'word '.repeat(815)}'… (truncated)`);
    expect(maskSecrets(`${'a,'.repeat(2_047)}${filler(3_000)}`)).toBe(`${'a,'.repeat(2_047)}… (truncated)`);
  });

  it('handles long runs of name, URL and assignment characters (completes, masks nothing)', () => {
    for (const unit of ['a-', 'a', '://', 'a=', 'password=', 'sk-', 'sk-ant-', ':a@', 'eyJ', 'xoxb-12345678-']) {
      const text = unit.repeat(50_000 / unit.length);
      expect(typeof maskSecrets(text)).toBe('string');
    }
  });
});

describe('maskedExcerpt', () => {
  it('masks before cutting, so a cut secret never shows its head', () => {
    const code = `'${ghToken}'`;
    // Cutting first would show 39 characters of the token, which no pattern recognises any more.
    expect(code.slice(0, 40)).toContain(ghToken.slice(0, 30));
    expect(maskedExcerpt(code, 40, '')).toBe("'ghp_… (40 chars)'");
    expect(maskedExcerpt(`'postgres://admin:Sup3rS3cretPassword@db.internal/app'`, 40, '...')).toBe("'postgres://… (5 chars):Sup3… (19 cha...");
  });

  it('keeps text without secrets exactly as a plain cut would', () => {
    const text = 'req.body.user.profile.settings.notifications.email';
    expect(maskedExcerpt(text, 40, '...')).toBe(`${text.slice(0, 37)}...`);
    expect(maskedExcerpt(text, 40)).toBe(`${text.slice(0, 39)}…`);
    expect(maskedExcerpt('short', 40)).toBe('short');
  });
});
