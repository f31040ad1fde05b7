/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) at the
 * repository root: they parse, name real CLI flags, and the action's lint script, run by bash with
 * the inputs GitHub would give it, makes a backlint invocation that works (npx is a stand-in that
 * runs this build's CLI).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, ROOT, runCli } from './helpers.js';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const lintStep = action.runs.steps.find((s) => s.id === 'lint')!;

let help: string;
let dir: string;
beforeAll(async () => {
  assertBuilt();
  help = (await runCli(['--help'])).stdout;
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-action-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the lint step's script as the runner would: inputs in the environment, npx on PATH. */
function runLintStep(inputs: Record<string, string>, cwd: string) {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  // Stand-in npx: checks it was asked for the project's own backlint, then runs this build.
  writeFileSync(path.join(bin, 'npx'), `#!/usr/bin/env bash\n[ "$1" = --no-install ] && [ "$2" = backlint ] || exit 99\nshift 2\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(bin, 'npx'), 0o755);
  const outputFile = path.join(dir, 'github-output');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: outputFile };
  for (const [name, expr] of Object.entries(lintStep.env!)) {
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expr)![1]!;
    env[name] = inputs[input] ?? action.inputs[input]!.default ?? '';
  }
  const res = spawnSync('bash', ['-e', '-c', lintStep.run!], { cwd, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, outputs };
}

describe('action.yml', () => {
  it('is a composite action whose steps read only declared inputs and upload SARIF with codeql-action', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'category', 'fail-on', 'format', 'max-warnings', 'paths', 'preset', 'sarif', 'sarif-file', 'working-directory']);
    const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    for (const [, input] of text.matchAll(/inputs\.([\w-]+)/g)) expect(action.inputs, input).toHaveProperty([input!]);
    for (const [, output] of text.matchAll(/steps\.lint\.outputs\.([\w-]+)/g)) expect(lintStep.run).toContain(`echo "${output}=`);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe('${{ inputs.working-directory }}/${{ steps.lint.outputs.sarif-file }}');
    expect(upload.with!.category).toBe('${{ inputs.category }}');
    // Inputs are passed as environment, never spliced into the script.
    expect(lintStep.run).not.toContain('${{');
  });

  it('every flag the lint step passes is a flag of the CLI', () => {
    const flags = new Set([...lintStep.run!.matchAll(/(?<![\w-])(--[a-z][a-z-]+)/g)].map((m) => m[1]!));
    flags.delete('--no-install'); // npx's own
    expect([...flags].sort()).toEqual(['--fail-on', '--format', '--max-warnings', '--preset']);
    for (const f of flags) expect(help).toMatch(new RegExp(`\\s${f}[ ,]`));
  });

  it('its lint step runs backlint with the inputs: annotations printed, SARIF written, exit code as output', () => {
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'src'), { recursive: true });
    writeFileSync(path.join(project, 'src/token.js'), 'export const token = Math.random().toString(36);\n');
    writeFileSync(path.join(project, 'src/ok.js'), 'export const a = 1;\n');
    const res = runLintStep({ paths: 'src/token.js\nsrc/ok.js', 'max-warnings': '0', preset: 'strict', args: '--no-progress' }, project);
    // Findings: the step itself succeeds so SARIF is uploaded; the last step fails the job.
    expect(res.status).toBe(0);
    expect(res.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'backlint.sarif' });
    expect(res.stdout).toMatch(/^::error file=src\/token\.js,line=1,.*title=backlint\/no-insecure-random::/);
    const sarif = JSON.parse(readFileSync(path.join(project, 'backlint.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['backlint/no-insecure-random']);

    const clean = runLintStep({ paths: 'src/ok.js', sarif: 'false' }, project);
    expect(clean.status).toBe(0);
    expect(clean.outputs).toEqual({ 'exit-code': '0', 'sarif-file': '' });

    // A usage error fails the step itself, with no SARIF to upload.
    const broken = runLintStep({ 'fail-on': 'sometimes' }, project);
    expect(broken.status).toBe(2);
    expect(broken.outputs).toEqual({ 'exit-code': '2' });
    expect(broken.stderr).toContain("option '--fail-on <level>' argument 'sometimes' is invalid");
  });

  it('the last step fails the job on the recorded exit code', () => {
    const gate = action.runs.steps.at(-1)!;
    expect(gate.env).toEqual({ EXIT_CODE: '${{ steps.lint.outputs.exit-code }}' });
    for (const [code, status] of [['0', 0], ['1', 1], ['', 2]] as const) {
      expect(spawnSync('bash', ['-c', gate.run!], { env: { EXIT_CODE: code } }).status).toBe(status);
    }
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('declares the backlint hook: node, entry backlint, serial', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'backlint', name: 'backlint', entry: 'backlint', language: 'node', require_serial: true });
  });

  it('passes code files and YAML/JSON (OpenAPI candidates), not declaration files or other files', () => {
    // The same regex in Python's re (pre-commit) and JavaScript: only groups, classes and alternation.
    const files = new RegExp(hooks[0]!.files as string);
    const exclude = new RegExp(hooks[0]!.exclude as string);
    const passed = (f: string) => files.test(f) && !exclude.test(f);
    for (const f of ['src/a.js', 'a.cjs', 'a.mjs', 'a.jsx', 'src/a.ts', 'a.cts', 'a.mts', 'a.tsx', 'openapi.yaml', 'api/spec.yml', 'openapi.json']) expect(passed(f), f).toBe(true);
    for (const f of ['README.md', 'types.d.ts', 'a.d.mts', 'a.json5', 'a.tsbuildinfo', 'Dockerfile']) expect(passed(f), f).toBe(false);
  });

  it('the entry runs on the files pre-commit passes (code and a non-OpenAPI YAML)', async () => {
    const project = path.join(dir, 'hooked');
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, 'a.js'), 'export const a = 1;\n');
    writeFileSync(path.join(project, 'ci.yml'), 'on: push\n');
    const res = await runCli(['a.js', 'ci.yml'], { cwd: project });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('backlint: skipped ci.yml: not an OpenAPI document\n');
  });
});
