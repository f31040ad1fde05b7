/**
 * Running the Spectral face through the OpenAPI runner (src/spectral/run.ts). Overrides by glob can
 * give documents different rule settings, so documents are linted in groups of equal settings.
 */
import { existsSync } from 'node:fs';
import type { Preset } from '../../catalog.js';
import type { ResolvedConfig, RuleSetting } from '../../config/schema.js';
import type { FileResult } from '../../report/model.js';
import { answerSpectralRequires } from '../../spectral/built-ins.js';
import { spectralRulesFor } from '../settings.js';
import type { StdinText } from './eslint.js';

export interface OpenApiLintOptions {
  cwd: string;
  preset: Preset;
  rules?: Record<string, RuleSetting>;
  allowRemoteRefs?: boolean;
  stdin?: StdinText;
}
export type LintOpenApiFiles = (files: string[], opts: OpenApiLintOptions) => Promise<FileResult[]>;

// The runner with the rules it runs joined into one file by the build (scripts/bundle.mjs).
const BUNDLED_RUNNER = new URL('../../spectral-run.bundle.js', import.meta.url);

// Loaded lazily: a run over code only never pays for loading Spectral.
async function loadRunner(): Promise<LintOpenApiFiles> {
  const specifier = existsSync(BUNDLED_RUNNER) ? BUNDLED_RUNNER.href : '../../spectral/run.js';
  answerSpectralRequires();
  const mod = (await import(specifier)) as { lintOpenApiFiles?: LintOpenApiFiles };
  if (typeof mod.lintOpenApiFiles !== 'function') {
    throw new Error('backlint internal error: src/spectral/run.ts does not export lintOpenApiFiles');
  }
  return mod.lintOpenApiFiles;
}

export async function lintDocuments(
  files: readonly string[],
  opts: { cwd: string; preset: Preset; config: ResolvedConfig; allowRemoteRefs?: boolean; stdin?: StdinText; onFileDone?: (n: number) => void },
): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const run = await loadRunner();
  const groups = new Map<string, { rules: Record<string, RuleSetting>; files: string[] }>();
  for (const file of files) {
    const rules = spectralRulesFor(file, opts.config);
    const key = JSON.stringify(rules);
    const group = groups.get(key) ?? { rules, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  const out: FileResult[] = [];
  for (const group of groups.values()) {
    out.push(
      ...(await run(group.files, {
        cwd: opts.cwd,
        preset: opts.preset,
        rules: group.rules,
        ...(opts.allowRemoteRefs !== undefined ? { allowRemoteRefs: opts.allowRemoteRefs } : {}),
        ...(opts.stdin ? { stdin: opts.stdin } : {}),
      })),
    );
    opts.onFileDone?.(group.files.length);
  }
  return out;
}
