import { describe, expect, it } from 'vitest';
import rule, { lifetimeSeconds } from '../../rules/require-jwt-expiry.js';
import { createRuleTester } from '../helpers/eslint.js';

describe('lifetimeSeconds', () => {
  it('reads jsonwebtoken/ms and jose durations', () => {
    expect(lifetimeSeconds(900)).toBe(900);
    expect(lifetimeSeconds('15m')).toBe(900);
    expect(lifetimeSeconds('2 hours')).toBe(7200);
    expect(lifetimeSeconds('7d')).toBe(604800);
    expect(lifetimeSeconds('120')).toBe(0.12); // unit-less string = ms in jsonwebtoken
    expect(lifetimeSeconds('soon')).toBeNull();
  });
});

const ruleTester = createRuleTester();
const JWT = "import jwt from 'jsonwebtoken';\n";
const JOSE = "import { SignJWT } from 'jose';\n";

ruleTester.run('require-jwt-expiry', rule.eslint!, {
  valid: [
    { code: JWT + "const token = jwt.sign({ sub: user.id }, key, { expiresIn: '15m' });" },
    { code: JWT + "const EXPIRY = { expiresIn: 900 };\nconst token = jwt.sign({ sub: user.id }, key, EXPIRY);" },
    { code: JWT + "const token = jwt.sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 900 }, key);" },
    // options or payload we cannot see are not judged
    { code: JWT + 'const token = jwt.sign(payload, key, signOptions);' },
    { code: JWT + 'const token = jwt.sign(payload, key);' },
    { code: JWT + 'const token = jwt.sign({ sub: 1 }, key, { ...base });' },
    { code: JWT + "const token = jwt.sign({ ...claims }, key);" },
    // long lifetimes are fine for tokens not named access tokens
    { code: JWT + "const refreshToken = jwt.sign({ sub: 1 }, key, { expiresIn: '30d' });" },
    { code: JWT + "const inviteToken = jwt.sign({ sub: 1 }, key, { expiresIn: '7d' });" },
    // exactly one hour is fine
    { code: JWT + "const accessToken = jwt.sign({ sub: 1 }, key, { expiresIn: '1h' });" },
    { code: JWT + "const accessToken = jwt.sign({ sub: 1 }, key, { expiresIn: 3600 });" },
    // jose
    { code: JOSE + "const jwt = await new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(secret);" },
    { code: JOSE + "const builder = new SignJWT({ sub: '1' });\nbuilder.setExpirationTime('1h');" },
    { code: JOSE + "const accessToken = await new SignJWT({}).setExpirationTime(Math.floor(Date.now() / 1000) + 86400).sign(k);" },
    // not jsonwebtoken
    { code: "const token = signer.sign({ sub: 1 }, key);" },
  ],
  invalid: [
    {
      code: JWT + 'const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);',
      errors: [
        {
          message: "jwt.sign() without expiresIn (and no exp claim in the payload) creates a token that never expires. Set expiresIn, e.g. { expiresIn: '15m' } for access tokens.",
          line: 2,
          column: 15,
        },
      ],
    },
    { code: JWT + "const token = jwt.sign({ sub: 1 }, key, { algorithm: 'HS256' });", errors: [{ messageId: 'missingExpiry' }] },
    { code: "const { sign } = require('jsonwebtoken');\nconst payload = { id: 1 };\nsign(payload, key, (err, t) => done(t));", errors: [{ messageId: 'missingExpiry', line: 3 }] },
    {
      code: JWT + "const accessToken = jwt.sign({ sub: 1 }, key, { expiresIn: '7d' });",
      errors: [{ message: "Access token 'accessToken' lives 7 days, longer than 1 hour. Keep access tokens short-lived and use a revocable refresh token for long sessions.", line: 2, column: 60 }],
    },
    { code: JWT + "const TTL = 60 * 60 * 24;\nfunction signAccessToken(u) { return jwt.sign({ sub: u.id }, key, { expiresIn: TTL }); }", errors: [{ messageId: 'longAccessToken', data: { name: 'signAccessToken', lifetime: '1 day', max: '1 hour' } }] },
    { code: JWT + "res.json({ access_token: jwt.sign({ sub: 1 }, key, { expiresIn: '2h' }) });", errors: [{ messageId: 'longAccessToken', data: { name: 'access_token', lifetime: '2 hours', max: '1 hour' } }] },
    { code: JWT + "const accessToken = jwt.sign({ sub: 1 }, key, { expiresIn: '30m' });", options: [{ maxAccessTokenLifetime: '15m' }], errors: [{ messageId: 'longAccessToken', data: { name: 'accessToken', lifetime: '30 minutes', max: '15 minutes' } }] },
    // jose
    {
      code: JOSE + "const token = await new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(secret);",
      errors: [{ message: "new SignJWT() signed without setExpirationTime() (and no exp claim) creates a token that never expires. Call .setExpirationTime('15m').", line: 2, column: 21 }],
    },
    { code: "import * as jose from 'jose';\nconst accessToken = await new jose.SignJWT({}).setExpirationTime('24h').sign(k);", errors: [{ messageId: 'longAccessToken', data: { name: 'accessToken', lifetime: '1 day', max: '1 hour' } }] },
  ],
});
