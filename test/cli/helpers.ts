/**
 * Helpers for end-to-end tests: they spawn the BUILT CLI (`node bin/backlint.js`), as users run it.
 * `npm test` builds before running vitest; when running a single test file by hand, build first
 * with `npx tsc -p tsconfig.build.json`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/backlint.js');

export function assertBuilt(): void {
  if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) {
    throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` (npm test does it) before the CLI tests');
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const MARKER = /(?:\/\/|#)\s*expect:\s*([^\n]*)$/;
const CODE_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface Expected {
  file: string;
  line: number;
  ruleId: string;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** Tool diagnostics: always expected, they do not depend on a rule having landed. */
const TOOL_IDS = new Set(['backlint/parse-error', 'backlint/directive', 'backlint/remote-ref', 'backlint/unsafe-ref', 'backlint/file-too-large', 'backlint/unreadable']);

/**
 * Every `expect:` marker under `dir`, as `file:line:ruleId` keys relative to ROOT. Markers naming a
 * catalog rule whose face for that file type has not landed yet are left out, so the end-to-end
 * assertion stays exact while rules arrive one by one. `include` narrows the ids further (the rules
 * of the preset a run uses).
 */
export function expectedFromMarkers(dir: string, landed: Map<string, string[]>, include: (id: string) => boolean = () => true): string[] {
  const files: string[] = [];
  walk(dir, files);
  const out = new Set<string>();
  for (const abs of files) {
    if (!/\.(?:[cm]?[jt]sx?|ya?ml|json)$/.test(abs)) continue;
    const rel = path.relative(ROOT, abs).split(path.sep).join('/');
    const engine = CODE_EXT.test(abs) ? 'eslint' : 'spectral';
    readFileSync(abs, 'utf8')
      .split(/\r?\n/)
      .forEach((text, i) => {
        const m = MARKER.exec(text);
        if (!m) return;
        for (const id of m[1]!.trim().split(/\s+/)) {
          if (!id) continue;
          const engines = landed.get(id);
          // spec-drift has no Spectral face: the CLI reports its document side (pipeline stage 4b).
          const reported = engines?.includes(engine) || (engine === 'spectral' && id === 'backlint/spec-drift' && !!engines);
          if (id.startsWith('backlint/') && !TOOL_IDS.has(id) && !reported) continue;
          if (!include(id)) continue;
          out.add(`${rel}:${i + 1}:${id}`);
        }
      });
  }
  return [...out].sort();
}

export async function landedRules(): Promise<Map<string, string[]>> {
  const res = await runCli(['rules', '--format', 'json']);
  if (res.code !== 0) throw new Error(`backlint rules failed: ${res.stderr}`);
  const parsed = JSON.parse(res.stdout) as { rules: { qualifiedId: string; engines: string[] }[] };
  return new Map(parsed.rules.map((r) => [r.qualifiedId, r.engines]));
}

export function uniqueSorted(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort();
}
