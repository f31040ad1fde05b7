/**
 * The plugin as an ESLint user meets it: the REAL `eslint` binary, a flat `eslint.config.mjs` that
 * imports `backlint/eslint` (resolved from a `node_modules` next to the config: a symlink to this
 * repository) and spreads `backlint.configs.recommended`, run over the fixture apps. The findings
 * must be exactly the `// expect: backlint/<id>` markers of the rules the preset enables — same
 * files, same lines, same ids. Needs the build (`npm test` builds dist first).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeFiles, markers } from '../helpers/fixture-markers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslintBin = path.join(repo, 'node_modules/.bin/eslint');
const fixtures = path.join(repo, 'fixtures');

interface EslintMessage {
  ruleId: string | null;
  line: number;
  fatal?: boolean;
  message: string;
}
interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
}

function runEslint(configDir: string): Promise<{ results: EslintResult[]; stderr: string; exitCode: number }> {
  return new Promise((resolve) => {
    execFile(
      eslintBin,
      ['--config', path.join(configDir, 'eslint.config.mjs'), '--format', 'json', '--no-warn-ignored', 'fixtures'],
      { cwd: repo, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        let results: EslintResult[] = [];
        try {
          results = JSON.parse(stdout) as EslintResult[];
        } catch {
          results = [];
        }
        resolve({ results, stderr, exitCode });
      },
    );
  });
}

describe('eslint binary with backlint.configs.recommended over fixtures/', () => {
  let configDir: string;
  let enabled: Set<string>;

  beforeAll(async () => {
    configDir = mkdtempSync(path.join(tmpdir(), 'backlint-eslint-bin-'));
    mkdirSync(path.join(configDir, 'node_modules'));
    symlinkSync(repo, path.join(configDir, 'node_modules', 'backlint'), 'dir');
    writeFileSync(
      path.join(configDir, 'eslint.config.mjs'),
      `import backlint from 'backlint/eslint';\n\nexport default [...backlint.configs.recommended];\n`,
    );
    const plugin = (await import(pathToFileURL(path.join(repo, 'dist/src/eslint/plugin.js')).href)) as {
      default: { configs: { recommended: { rules?: Record<string, unknown> }[] } };
    };
    enabled = new Set(plugin.default.configs.recommended.flatMap((c) => Object.keys(c.rules ?? {})));
  });

  it('reports exactly the marked lines', async () => {
    const { results, stderr, exitCode } = await runEslint(configDir);
    expect(stderr).toBe('');
    expect(results.length).toBeGreaterThan(10);
    const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal || m.ruleId === null).map((m) => `${r.filePath}: ${m.message}`));
    expect(fatal).toEqual([]);
    // A marker names a rule once per line; two findings of one rule on one line (e.g. `err.message`
    // and `err.stack` in one response) satisfy it together.
    const found = [
      ...new Set(
        results.flatMap((r) =>
          r.messages.filter((m) => m.ruleId?.startsWith('backlint/')).map((m) => `${path.relative(repo, r.filePath)}:${m.line} ${m.ruleId}`),
        ),
      ),
    ].sort();
    expect(found).toEqual(markers(repo, fixtures, enabled));
    // error-severity findings make the binary fail, as users' CI expects
    expect(exitCode).toBe(1);
  });

  it('covers every framework fixture and each of the route/response rules', () => {
    const all = markers(repo, fixtures, enabled).join('\n');
    for (const app of ['express-app', 'fastify-app', 'nestjs-app', 'nextjs-app']) expect(all).toContain(`fixtures/${app}/`);
    for (const id of [
      'plural-resource-names',
      'kebab-case-paths',
      'no-verbs-in-paths',
      'no-invalid-status-code',
      'http-status-semantics',
      'no-success-status-on-error',
      'no-leaked-error-details',
    ]) {
      expect(all).toContain(`backlint/${id}`);
    }
  });
});
