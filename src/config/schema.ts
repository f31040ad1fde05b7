/**
 * The backlint configuration: what a `backlint.config.json|yaml|yml` file (or the `"backlint"` key
 * of package.json) may hold, and its validation. Validation is strict on purpose: a typo in a rule
 * id silently doing nothing is worse than a refused run, so every error names the offending key.
 */
import { findRule, getRules, PRESETS, type Preset } from '../catalog.js';
import { qualifiedId } from '../rule-meta.js';
import type { Severity } from '../rule-meta.js';
import { compileGlob, GlobSyntaxError } from './glob.js';
import { BacklintUsageError } from './errors.js';
import { ruleOptionsProblem } from './rule-options.js';
import { closestId, isStructuralRule, isToolDiagnostic, STRUCTURAL_RULES, TOOL_DIAGNOSTICS } from './ids.js';

export type RuleSeverity = Severity | 'off';
/** `"off" | "warn" | "error"` or `[severity, options]`; options are handed to both engines. */
export type RuleSetting = RuleSeverity | [RuleSeverity, Record<string, unknown>?];

export interface ConfigOverride {
  /** Globs relative to the directory of the config file (`src/legacy/**`, `**\/*.test.ts`). */
  files: string[];
  rules: Record<string, RuleSetting>;
}

export interface BacklintConfig {
  preset?: Preset;
  /** `{ "backlint/<id>": setting }`, applied to both engines. */
  rules?: Record<string, RuleSetting>;
  /** Extra ignore globs (gitignore-style, relative to the config file's directory). */
  ignore?: string[];
  overrides?: ConfigOverride[];
  /** Size limits: bigger files are not linted, and reported (`backlint/file-too-large`). */
  limits?: ConfigLimits;
  /**
   * Which OpenAPI document describes which code, for `backlint/spec-drift`; replaces the default
   * pairing (each document with the routes under the nearest directory holding both).
   */
  drift?: DriftPairing[];
}

export interface DriftPairing {
  /** The document, relative to the config file's directory. */
  spec: string;
  /** Globs of the code it describes, relative to the config file's directory. */
  code: string[];
  /** Path prefix under which the document's paths are served; replaces its servers/basePath. */
  prefix?: string;
}

export interface ConfigLimits {
  /** Code files over this many bytes are skipped. Default 1 MiB. */
  maxCodeFileBytes?: number;
  /** OpenAPI documents over this many bytes are skipped. Default 32 MiB. */
  maxDocumentBytes?: number;
}

/** A configuration that is known to be valid, with the directory its globs are relative to. */
export interface ResolvedConfig extends BacklintConfig {
  /** Absolute path of the file it came from, or undefined for an inline/programmatic config. */
  file?: string;
  /** Directory `ignore` and `overrides[].files` globs are relative to. */
  baseDir: string;
}

/** A problem with how backlint was invoked or configured: the CLI exits with 2. */
export { BacklintUsageError };

const TOP_KEYS = new Set(['preset', 'rules', 'ignore', 'overrides', 'limits', 'drift', '$schema']);
const LIMIT_KEYS = ['maxCodeFileBytes', 'maxDocumentBytes'] as const;
const SEVERITIES = new Set<string>(['off', 'warn', 'error']);
// ESLint users will type numbers out of habit; they mean the same thing.
const NUMERIC: Record<number, RuleSeverity> = { 0: 'off', 1: 'warn', 2: 'error' };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(source: string, key: string, problem: string): never {
  throw new BacklintUsageError(`Invalid backlint config (${source}): "${key}" ${problem}`);
}

function normalizeSeverity(v: unknown): RuleSeverity | undefined {
  if (typeof v === 'number') return NUMERIC[v];
  if (typeof v === 'string' && SEVERITIES.has(v)) return v as RuleSeverity;
  return undefined;
}

/** Why `key` is not a settable id, with the nearest known one when it looks like a typo. */
function unknownIdProblem(key: string): string {
  if (!key.startsWith('backlint/') && findRule(key)) return `is not a backlint rule (did you mean "backlint/${key}"?)`;
  const known = [...getRules().map((r) => qualifiedId(r.id)), ...STRUCTURAL_RULES, ...TOOL_DIAGNOSTICS];
  const near = closestId(key, known);
  return `is not a backlint rule${near ? ` (did you mean "${near}"?)` : ''}; run \`backlint rules\` for the list`;
}

function validateRules(raw: unknown, source: string, keyPath: string): Record<string, RuleSetting> {
  if (!isPlainObject(raw)) fail(source, keyPath, 'must be an object of { "backlint/<id>": setting }');
  const out: Record<string, RuleSetting> = {};
  for (const [key, value] of Object.entries(raw)) {
    const where = `${keyPath}.${key}`;
    // Spectral's structural checks and the tool diagnostics: a severity, no options.
    const severityOnly = isStructuralRule(key) || isToolDiagnostic(key);
    if (!severityOnly && (!key.startsWith('backlint/') || !findRule(key))) fail(source, where, unknownIdProblem(key));
    if (severityOnly && Array.isArray(value) && value.length === 2) {
      fail(source, `${where}[1]`, `is options, but ${key} takes none: only a severity ("off", "warn" or "error")`);
    }
    if (Array.isArray(value)) {
      const sev = normalizeSeverity(value[0]);
      if (!sev) fail(source, where, 'must start with a severity: "off", "warn" or "error"');
      if (value.length > 2) fail(source, where, 'must be [severity] or [severity, options]');
      if (value.length === 2 && !isPlainObject(value[1])) fail(source, `${where}[1]`, 'must be an options object');
      if (value.length === 2 && !severityOnly) {
        const problem = ruleOptionsProblem(findRule(key)!, value[1] as Record<string, unknown>, `${where}[1]`);
        if (problem) throw new BacklintUsageError(`Invalid backlint config (${source}): ${problem}`);
      }
      out[key] = value.length === 2 ? [sev, value[1] as Record<string, unknown>] : [sev];
    } else {
      const sev = normalizeSeverity(value);
      if (!sev) fail(source, where, 'must be "off", "warn", "error" or [severity, options]');
      out[key] = sev;
    }
  }
  return out;
}

function validateGlobs(raw: unknown, source: string, keyPath: string): string[] {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.some((g) => typeof g !== 'string' || g.length === 0)) {
    fail(source, keyPath, 'must be a glob or a list of non-empty glob strings');
  }
  // Compiled now so a bad pattern is refused with the config, before any file is linted.
  (list as string[]).forEach((g, i) => {
    try {
      compileGlob(g);
    } catch (e) {
      if (!(e instanceof GlobSyntaxError)) throw e;
      fail(source, typeof raw === 'string' ? keyPath : `${keyPath}[${i}]`, `is not a valid glob ("${g}": ${e.reason})`);
    }
  });
  return list as string[];
}

/** Checks an untrusted value (parsed file, package.json key, API input) and returns a typed config. */
export function validateConfig(raw: unknown, source: string): BacklintConfig {
  if (!isPlainObject(raw)) throw new BacklintUsageError(`Invalid backlint config (${source}): must be an object`);
  const config: BacklintConfig = {};
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.has(key)) fail(source, key, 'is not a known key (expected preset, rules, ignore, overrides, limits, drift)');
  }
  if (raw.preset !== undefined) {
    if (typeof raw.preset !== 'string' || !PRESETS.includes(raw.preset as Preset)) {
      fail(source, 'preset', `must be one of ${PRESETS.join(', ')}`);
    }
    config.preset = raw.preset as Preset;
  }
  if (raw.rules !== undefined) config.rules = validateRules(raw.rules, source, 'rules');
  if (raw.ignore !== undefined) config.ignore = validateGlobs(raw.ignore, source, 'ignore');
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides)) fail(source, 'overrides', 'must be a list of { files, rules }');
    config.overrides = raw.overrides.map((o: unknown, i: number) => {
      const where = `overrides[${i}]`;
      if (!isPlainObject(o)) fail(source, where, 'must be an object { files, rules }');
      for (const k of Object.keys(o)) {
        if (k !== 'files' && k !== 'rules') fail(source, `${where}.${k}`, 'is not a known key (expected files, rules)');
      }
      if (o.files === undefined) fail(source, `${where}.files`, 'is required');
      return {
        files: validateGlobs(o.files, source, `${where}.files`),
        rules: o.rules === undefined ? {} : validateRules(o.rules, source, `${where}.rules`),
      };
    });
  }
  if (raw.limits !== undefined) {
    if (!isPlainObject(raw.limits)) fail(source, 'limits', `must be an object { ${LIMIT_KEYS.join(', ')} }`);
    const limits: ConfigLimits = {};
    for (const [k, v] of Object.entries(raw.limits)) {
      if (!(LIMIT_KEYS as readonly string[]).includes(k)) fail(source, `limits.${k}`, `is not a known key (expected ${LIMIT_KEYS.join(', ')})`);
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) fail(source, `limits.${k}`, 'must be a positive whole number of bytes');
      limits[k as keyof ConfigLimits] = v;
    }
    config.limits = limits;
  }
  if (raw.drift !== undefined) {
    if (!Array.isArray(raw.drift)) fail(source, 'drift', 'must be a list of { spec, code, prefix? }');
    config.drift = raw.drift.map((d: unknown, i: number) => {
      const where = `drift[${i}]`;
      if (!isPlainObject(d)) fail(source, where, 'must be an object { spec, code, prefix? }');
      for (const k of Object.keys(d)) {
        if (k !== 'spec' && k !== 'code' && k !== 'prefix') fail(source, `${where}.${k}`, 'is not a known key (expected spec, code, prefix)');
      }
      if (typeof d.spec !== 'string' || d.spec.length === 0) fail(source, `${where}.spec`, 'must be the path of an OpenAPI document');
      if (d.code === undefined) fail(source, `${where}.code`, 'is required');
      if (d.prefix !== undefined && (typeof d.prefix !== 'string' || !d.prefix.startsWith('/'))) fail(source, `${where}.prefix`, 'must be a path starting with "/"');
      return {
        spec: d.spec,
        code: validateGlobs(d.code, source, `${where}.code`),
        ...(typeof d.prefix === 'string' ? { prefix: d.prefix } : {}),
      };
    });
  }
  return config;
}
