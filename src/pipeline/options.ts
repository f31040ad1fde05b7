/**
 * Stage 1 of `lint()`: the caller's options and the config file become one run setting (working
 * directory, resolved config, preset). A config error or an unknown preset stops the run here,
 * before any file is read.
 */
import path from 'node:path';
import { PRESETS, type Preset } from '../catalog.js';
import type { CodeEngine } from './engines/code.js';
import type { Shard } from './shard.js';
import type { StdinInput } from './stdin.js';
import { loadConfig, loadConfigFile } from '../config/load.js';
import { BacklintUsageError, validateConfig, type BacklintConfig, type ResolvedConfig, type RuleSetting } from '../config/schema.js';

/** What a run is doing, as `LintOptions.onProgress` reports it. */
export interface LintProgress {
  /** `discover`: finding the files to lint (the counts are 0); `lint`: the engines run, side by side. */
  phase: 'discover' | 'lint';
  /** Code files done of this run's (cache hits count as done), and the engine chosen for them. */
  code: { done: number; total: number; engine?: 'oxlint' | 'eslint' };
  /** OpenAPI documents done of this run's (Spectral). */
  openapi: { done: number; total: number };
}

export interface LintOptions {
  /** Files and directories to lint, relative to `cwd`. Default `['.']`. */
  paths?: string[];
  /** Working directory: base of relative paths in the report and of config lookup. Default `process.cwd()`. */
  cwd?: string;
  /** Overrides the config's preset. Default: the config's, else `recommended`. */
  preset?: Preset;
  /**
   * A config object (validated; globs relative to `cwd`), a path to a config file, or `false` to
   * ignore config files. Default: the nearest config file from `cwd` upward.
   */
  config?: BacklintConfig | string | false;
  /**
   * Rule settings over the config's (the CLI's `--rule`): they win over `rules` and every
   * override, as ESLint's `--rule` does. Validated like the config.
   */
  rules?: Record<string, RuleSetting>;
  /** Extra ignore globs, relative to `cwd` (the CLI's `--ignore-pattern`). */
  ignorePatterns?: string[];
  /** Drop warnings from the report (errors only). */
  quiet?: boolean;
  /** Let OpenAPI documents resolve `$ref`s over HTTP(S). Default false. */
  allowRemoteRefs?: boolean;
  /**
   * Progress callback: files done so far out of the total, and what the run is doing (discovery,
   * then each engine's count) for a display such as the CLI's.
   */
  onProgress?: (done: number, total: number, progress: LintProgress) => void;
  /** Explicitly named files that were skipped (neither code nor an OpenAPI document). */
  onSkip?: (file: string, reason: string) => void;
  /**
   * The engine for code rules: `oxlint` (files it cannot answer for exactly as ESLint would, and
   * every file where oxlint cannot run, go to ESLint), `eslint` for all, or `auto` (default):
   * oxlint wherever it can run, ESLint for standard input.
   */
  engine?: CodeEngine;
  /** `false`: ignore inline `eslint-disable` comments (the CLI's `--no-inline-config`). Default true. */
  inlineConfig?: boolean;
  /** Report `eslint-disable` comments naming backlint rules that suppress nothing. Default false. */
  reportUnusedDisableDirectives?: boolean;
  /** Size limits in bytes; each wins over the config's `limits`. Defaults 1 MiB (code), 32 MiB (documents). */
  maxCodeFileBytes?: number;
  maxDocumentBytes?: number;
  /**
   * Reuse the findings of files whose inputs have not changed since the last run with the cache,
   * and record this run's (the CLI's `--cache`). See src/pipeline/cache.ts for what a result is
   * keyed on. Default false.
   */
  cache?: boolean;
  /** The cache file, or a directory for it (the CLI's `--cache-location`). Default `.backlintcache` in `cwd`. */
  cacheLocation?: string;
  /**
   * `false`: a run that finds nothing to lint is a clean run. Default true: it is a usage error
   * (exit 2), as ESLint's `errorOnUnmatchedPattern` — usually a mistyped path or an ignore that
   * swallowed everything.
   */
  errorOnUnmatchedPattern?: boolean;
  /** Lint this text as the file `filename` instead of discovering files (the CLI's `--stdin`; see stdin.ts). */
  stdin?: StdinInput;
  /** Lint part `index` of `total` of the discovered files (the CLI's `--shard`; see shard.ts). */
  shard?: Shard;
  /**
   * Lint only the files a change since this git ref can give different findings: the changed
   * ones, their importers and the spec-drift pairs they belong to (the CLI's `--changed-since`;
   * see changed.ts). Outside a git repository or with an unknown ref: a usage error.
   */
  changedSince?: string;
  /**
   * Bulk suppressions (ESLint's format; see suppressions.ts): record every current finding
   * (`suppressAll`) or those of some rules (`suppressRules`), drop unused entries (`prune`), or
   * only apply the file. `location`: the file, relative to `cwd`, or a directory for it; default
   * `backlint-suppressions.json` in `cwd` (used when it exists). `false`: no bulk suppressions.
   */
  suppressions?: { suppressAll?: boolean; suppressRules?: string[]; prune?: boolean; location?: string } | false;
  /** The OpenAPI ignore file, relative to `cwd` (must exist); default `.backlint-openapi-ignore.yaml` in `cwd` when it exists; `false` for none. */
  openapiIgnoreFile?: string | false;
}

/** What every later stage works with. */
export interface RunSettings {
  cwd: string;
  config: ResolvedConfig;
  preset: Preset;
}

function resolveConfig(cwd: string, config: LintOptions['config']): ResolvedConfig {
  if (config === false) return { baseDir: cwd };
  if (typeof config === 'string') return loadConfigFile(path.resolve(cwd, config), config);
  if (config !== undefined) return { ...validateConfig(config, 'options.config'), baseDir: cwd };
  return loadConfig(cwd);
}

export function resolveRun(options: LintOptions): RunSettings {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  let config = resolveConfig(cwd, options.config);
  if (options.rules && Object.keys(options.rules).length > 0) {
    const rules = validateConfig({ rules: options.rules }, '--rule').rules ?? {};
    // Last in every file's settings: appended as an override matching everything.
    config = { ...config, overrides: [...(config.overrides ?? []), { files: ['**'], rules }] };
  }
  const preset = options.preset ?? config.preset ?? 'recommended';
  if (!PRESETS.includes(preset)) throw new BacklintUsageError(`Unknown preset "${preset}" (expected ${PRESETS.join(' or ')})`);
  return { cwd, config, preset };
}
