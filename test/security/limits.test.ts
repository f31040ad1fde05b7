/**
 * Size limits (issue "Safe on untrusted pull requests", item 9): a huge code file used to take
 * minutes and gigabytes. Files over the limit (1 MiB code, 32 MiB OpenAPI by default; `limits` in
 * the config, `--max-file-size` / `--max-document-size`) are not linted and get a located
 * `backlint/file-too-large` warning; the others are still linted. Through the real CLI.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/helpers.js';

const MiB = 1024 * 1024;
/** Plain valid JavaScript of about `bytes` bytes. */
const bigCode = (bytes: number) => {
  const line = 'export const value_0000000 = 1;\n';
  return Array.from({ length: Math.ceil(bytes / line.length) }, (_, i) => line.replace('0000000', String(i).padStart(7, '0'))).join('');
};
const secret = "export const apiKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';\n";
const openapi = (padding: number) =>
  `openapi: 3.0.3\ninfo:\n  title: t\n  version: "1"\n  description: "${'x'.repeat(padding)}"\npaths: {}\n`;

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-limits-'));
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, 'api'));
  writeFileSync(path.join(dir, 'src/huge.js'), bigCode(10 * MiB));
  writeFileSync(path.join(dir, 'src/large.js'), bigCode(1.5 * MiB));
  writeFileSync(path.join(dir, 'src/keys.js'), secret);
  writeFileSync(path.join(dir, 'api/openapi.yaml'), openapi(4096));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonReport {
  files: { file: string; kind: string; findings: { ruleId: string; severity: string; line: number; column: number; message: string }[] }[];
  skipped: { file: string; reason: string; message?: string }[];
  summary: Record<string, number>;
}
async function json(args: string[]): Promise<{ code: number | null; stderr: string; report: JsonReport }> {
  const res = await runCli([...args, '--format', 'json'], { cwd: dir });
  return { code: res.code, stderr: res.stderr, report: JSON.parse(res.stdout || '{}') as JsonReport };
}
const located = (r: JsonReport) => r.files.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line}:${x.column}:${x.severity}:${x.ruleId}`)).sort();

describe('size limits', () => {
  it('by default a code file over 1 MiB is skipped with a located warning; the rest is linted', async () => {
    const { code, report } = await json(['src']);
    expect(code).toBe(1);
    expect(located(report)).toEqual([
      'src/huge.js:1:1:warning:backlint/file-too-large',
      'src/keys.js:1:23:error:backlint/no-hardcoded-secrets',
      'src/large.js:1:1:warning:backlint/file-too-large',
    ]);
    const large = report.files.find((f) => f.file === 'src/large.js')!;
    expect(large.kind).toBe('code');
    expect(large.findings[0]!.message).toBe('File not linted: 1.5 MiB, over the 1 MiB limit (limits.maxCodeFileBytes, --max-file-size).');
    expect(report.skipped).toEqual([
      { file: 'src/huge.js', reason: 'too-large', message: '10 MiB, over the 1 MiB limit (limits.maxCodeFileBytes, --max-file-size)' },
      { file: 'src/large.js', reason: 'too-large', message: '1.5 MiB, over the 1 MiB limit (limits.maxCodeFileBytes, --max-file-size)' },
    ]);
    // A warning: alone it passes the default gate, not one that asks for warnings.
    expect((await runCli(['src/large.js'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['src/large.js', '--fail-on', 'warning'], { cwd: dir })).code).toBe(1);
  });

  it('--max-file-size raises the limit (units accepted); the config sets it too, the flag wins', async () => {
    mkdirSync(path.join(dir, 'mid'));
    writeFileSync(path.join(dir, 'mid/medium.js'), `${secret}${bigCode(20 * 1024)}`);
    const lowered = await json(['mid', '--max-file-size', '16k']);
    expect(lowered.report.skipped.map((s) => `${s.file}:${s.reason}`)).toEqual(['mid/medium.js:too-large']);
    const raised = await json(['mid', '--max-file-size', '0.5MiB']);
    expect(raised.report.skipped).toEqual([]);
    expect(located(raised.report)).toEqual(['mid/medium.js:1:23:error:backlint/no-hardcoded-secrets']);

    writeFileSync(path.join(dir, 'small-limit.json'), JSON.stringify({ limits: { maxCodeFileBytes: 40 } }));
    const configured = await json(['src/keys.js', '--config', 'small-limit.json']);
    expect(located(configured.report)).toEqual(['src/keys.js:1:1:warning:backlint/file-too-large']);
    expect(configured.report.skipped).toEqual([
      { file: 'src/keys.js', reason: 'too-large', message: '58 bytes, over the 40 bytes limit (limits.maxCodeFileBytes, --max-file-size)' },
    ]);
    const flagWins = await json(['src/keys.js', '--config', 'small-limit.json', '--max-file-size', '1k']);
    expect(located(flagWins.report)).toEqual(['src/keys.js:1:23:error:backlint/no-hardcoded-secrets']);
  });

  it('an OpenAPI document over --max-document-size (or limits.maxDocumentBytes) is skipped with a located warning', async () => {
    const flag = await json(['api', '--max-document-size', '1k']);
    expect(flag.code).toBe(0);
    expect(flag.report.files).toEqual([
      {
        file: 'api/openapi.yaml',
        kind: 'openapi',
        findings: [expect.objectContaining({ ruleId: 'backlint/file-too-large', severity: 'warning', line: 1, column: 1 })],
      },
    ]);
    expect(flag.report.skipped).toEqual([
      { file: 'api/openapi.yaml', reason: 'too-large', message: '4.1 KiB, over the 1 KiB limit (limits.maxDocumentBytes, --max-document-size)' },
    ]);
    writeFileSync(path.join(dir, 'doc-limit.json'), JSON.stringify({ limits: { maxDocumentBytes: 1000 } }));
    const config = await json(['api', '--config', 'doc-limit.json']);
    expect(config.report.skipped.map((s) => `${s.file}:${s.reason}`)).toEqual(['api/openapi.yaml:too-large']);
    // Under the default 32 MiB limit the document is linted.
    const linted = await json(['api']);
    expect(linted.report.skipped).toEqual([]);
    expect(linted.report.files.map((f) => f.file)).toEqual(['api/openapi.yaml']);
  });

  it('bad limit values are usage errors (exit 2) naming the flag or key', async () => {
    const flag = await runCli(['src', '--max-file-size', 'lots'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("option '--max-file-size <size>' argument 'lots' is invalid");
    writeFileSync(path.join(dir, 'bad-limit.json'), JSON.stringify({ limits: { maxCodeFileBytes: -1 } }));
    const config = await runCli(['src', '--config', 'bad-limit.json'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toBe('backlint: Invalid backlint config (bad-limit.json): "limits.maxCodeFileBytes" must be a positive whole number of bytes\n');
  });
});
