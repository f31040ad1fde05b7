/**
 * A secret found in code must never appear in any output format. The keys are assembled at run
 * time into a temp dir, so this repository holds no string a secret scanner would flag.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './helpers.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');

// Provider formats: AWS access key id = AKIA + 16 upper-case base32; Stripe live secret = sk_live_ + 24+ alnum.
const awsKey = ['AK', 'IA', pick(UPPER, 16)].join('');
const stripeKey = ['sk', '_live_', pick(ALNUM, 32)].join('');
const dbPassword = `Pw-${pick(ALNUM, 14)}`;

let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-secrets-'));
  writeFileSync(
    path.join(dir, 'billing.js'),
    [
      "const Stripe = require('stripe');",
      `const AWS_ACCESS_KEY_ID = '${awsKey}';`,
      `const stripe = new Stripe('${stripeKey}');`,
      `const db = { user: 'billing', password: '${dbPassword}' };`,
      'module.exports = { stripe, db, AWS_ACCESS_KEY_ID };',
      '',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets never leak into reports', () => {
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) {
    it(`${format}: reports no-hardcoded-secrets without printing the values`, async () => {
      const res = await runCli(['.', '--format', format], { cwd: dir, env: { FORCE_COLOR: '1' } });
      expect(res.code).toBe(1);
      const all = res.stdout + res.stderr;
      expect(all).toContain('backlint/no-hardcoded-secrets');
      for (const secret of [awsKey, stripeKey, dbPassword]) {
        expect(all).not.toContain(secret);
        // Not even the distinctive tail (masking keeps a short prefix only).
        expect(all).not.toContain(secret.slice(-10));
      }
    });
  }

  it('all three secrets are found (so the absence above is masking, not a miss)', async () => {
    const res = await runCli(['.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(res.stdout) as { files: { findings: { ruleId: string; line: number }[] }[] };
    const found = report.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'backlint/no-hardcoded-secrets');
    expect(found.map((f) => f.line)).toEqual([2, 3, 4]);
  });

  it('the written --output file holds no secret either', async () => {
    const file = path.join(dir, 'report.sarif');
    await runCli(['billing.js', '--format', 'sarif', '--output', file], { cwd: dir });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('backlint/no-hardcoded-secrets');
    for (const secret of [awsKey, stripeKey, dbPassword]) expect(text).not.toContain(secret.slice(-10));
  });
});
