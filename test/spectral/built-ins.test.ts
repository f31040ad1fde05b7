import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtIns = pathToFileURL(path.join(root, 'dist/src/spectral/built-ins.js')).href;
const core = createRequire(import.meta.url).resolve('@stoplight/spectral-core');

/**
 * A fresh process (the require cache is per process): spectral-core's one use of the polyfill, a
 * function whose options fail their schema, with or without the built-in answered first.
 */
function invalidOptionsError(answer: boolean): { answered: string[]; name: string; isAggregate: boolean; messages: string[]; polyfillLoaded: boolean; fetchLoaded: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const answered = ${answer} ? (await import(${JSON.stringify(builtIns)})).answerSpectralRequires() : [];
    const require = createRequire(${JSON.stringify(core)});
    const { createRulesetFunction } = require(${JSON.stringify(core)});
    const fn = createRulesetFunction({ input: null, options: { type: 'object', properties: { max: { type: 'number' } }, additionalProperties: false } }, function limit() {});
    let out;
    try { fn.validator({ max: 'ten', extra: 1 }); out = { name: 'none' }; }
    catch (e) { out = { name: e.constructor.name, isAggregate: e instanceof AggregateError, messages: (e.errors ?? []).map(String) }; }
    const polyfillLoaded = Object.keys(require.cache).some((f) => f.includes('/es-abstract/'));
    const fetchLoaded = Object.keys(require.cache).some((f) => f.includes('/whatwg-url/'));
    process.stdout.write(JSON.stringify({ answered, ...out, polyfillLoaded, fetchLoaded }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as never;
}

describe('answerSpectralRequires', () => {
  it("answers spectral-core's es-aggregate-error with the built-in AggregateError: same error, no polyfill loaded", () => {
    const withPolyfill = invalidOptionsError(false);
    const withBuiltIn = invalidOptionsError(true);
    expect(withPolyfill.polyfillLoaded).toBe(true);
    expect(withBuiltIn.polyfillLoaded).toBe(false);
    expect(withPolyfill.fetchLoaded).toBe(true);
    expect(withBuiltIn.fetchLoaded).toBe(false);
    expect(withBuiltIn.answered.map((f) => f.split('/node_modules/').at(-1))).toEqual(['es-aggregate-error/index.js', 'node-fetch/lib/index.js']);
    expect(withBuiltIn.name).toBe('AggregateError');
    expect(withBuiltIn.isAggregate).toBe(true);
    expect(withBuiltIn.messages.length).toBeGreaterThan(0);
    const same = { answered: [], polyfillLoaded: false, fetchLoaded: false };
    expect({ ...withBuiltIn, ...same }).toEqual({ ...withPolyfill, ...same });
  });

  it('loads node-fetch on first use: the CLI still resolves a remote $ref under --allow-remote-refs', async () => {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(String(req.url));
      res.setHeader('content-type', 'application/yaml');
      res.end('User:\n  type: object\n  properties:\n    id: { type: string }\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = mkdtempSync(path.join(tmpdir(), 'backlint-remote-ref-'));
    const ref = `http://127.0.0.1:${port}/user.yaml`;
    writeFileSync(
      path.join(dir, 'api.yaml'),
      [
        'openapi: 3.1.0',
        'info: { title: Users, version: 1.0.0, description: Users. }',
        'paths:',
        '  /users/{id}:',
        '    get:',
        '      operationId: getUser',
        '      responses:',
        "        '200':",
        '          description: The user',
        '          content:',
        '            application/json:',
        `              schema: { $ref: "${ref}#/User" }`,
        '',
      ].join('\n'),
    );
    const cli = path.join(root, 'bin/backlint.js');
    const lint = async (...flags: string[]) => {
      const out = await promisify(execFile)(process.execPath, [cli, 'api.yaml', '--format', 'json', '--no-progress', ...flags], { cwd: dir }).catch((e: { stdout: string }) => e);
      const report = JSON.parse(out.stdout) as { files: { findings: { ruleId: string; line: number; message: string }[] }[] };
      return report.files.flatMap((f) => f.findings).filter((f) => /(^|\/)(remote|invalid)-ref$/.test(f.ruleId));
    };
    try {
      const refused = await lint();
      expect(refused.map(({ ruleId, line, message }) => ({ ruleId, line, message }))).toEqual([
        {
          ruleId: 'backlint/remote-ref',
          line: 12,
          message: `Remote $ref not fetched: ${ref} (remote references are not fetched by default; pass --allow-remote-refs to fetch them)`,
        },
      ]);
      expect(requests).toEqual([]);
      expect(await lint('--allow-remote-refs')).toEqual([]);
      expect(requests).toEqual(['/user.yaml']);
    } finally {
      server.close();
    }
  });
});
