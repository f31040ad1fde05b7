/**
 * Turning a preset + backlint config into each engine's rule settings. One `rules` entry applies to
 * both faces of a rule; an entry for a rule with only one face applies to that engine only.
 */
import path from 'node:path';
import type { Linter } from 'eslint';
import { getRules, hasEngine, presetSeverity, type Preset } from '../catalog.js';
import { qualifiedId } from '../rule-meta.js';
import type { ResolvedConfig, RuleSetting } from '../config/schema.js';
import { matchesAny } from '../config/glob.js';
import { isStructuralRule, isToolDiagnostic } from '../config/ids.js';
import type { FileResult } from '../report/model.js';

export function toEslintEntry(setting: RuleSetting): Linter.RuleEntry {
  if (Array.isArray(setting)) return setting[1] ? [setting[0], setting[1]] : [setting[0]];
  return setting;
}

function hasFace(id: string, engine: 'eslint' | 'spectral'): boolean {
  if (engine === 'spectral' && isStructuralRule(id)) return true;
  return getRules().some((r) => qualifiedId(r.id) === id && hasEngine(r, engine));
}

/** `rules` restricted to the rules that have a face on `engine`. */
export function rulesForEngine(
  rules: Record<string, RuleSetting> | undefined,
  engine: 'eslint' | 'spectral',
): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rules ?? {})) {
    if (hasFace(id, engine)) out[id] = setting;
  }
  return out;
}

/** ESLint `rules` for the preset with the config's top-level `rules` applied. */
export function eslintBaseRules(preset: Preset, config: ResolvedConfig): Record<string, Linter.RuleEntry> {
  const out: Record<string, Linter.RuleEntry> = {};
  for (const rule of getRules()) {
    if (!hasEngine(rule, 'eslint')) continue;
    const sev = presetSeverity(rule, preset);
    if (sev !== 'off') out[qualifiedId(rule.id)] = sev;
  }
  for (const [id, setting] of Object.entries(rulesForEngine(config.rules, 'eslint'))) {
    out[id] = toEslintEntry(setting);
  }
  // The config's `drift` pairs reach the ESLint face of spec-drift as its options.
  const drift = out[SPEC_DRIFT];
  if (config.drift?.length && drift !== undefined) {
    const [sev, opts] = Array.isArray(drift) ? [drift[0], (drift[1] ?? {}) as Record<string, unknown>] : [drift, {}];
    out[SPEC_DRIFT] = [sev, { ...opts, pairs: config.drift, baseDir: config.baseDir }];
  }
  return out;
}

export const SPEC_DRIFT = 'backlint/spec-drift';

const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function severityOf(setting: RuleSetting): 'off' | 'warn' | 'error' {
  return Array.isArray(setting) ? setting[0] : setting;
}

function isRelativeMatch(baseDir: string, absFile: string, globs: readonly string[]): boolean {
  const rel = path.relative(baseDir, absFile).split(path.sep).join('/');
  return !rel.startsWith('../') && !path.isAbsolute(rel) && matchesAny(rel, globs);
}

/** The config's overrides whose `files` match `absFile`, in order (later wins, as in ESLint). */
export function overridesFor(absFile: string, config: ResolvedConfig): NonNullable<ResolvedConfig['overrides']> {
  return (config.overrides ?? []).filter((o) => isRelativeMatch(config.baseDir, absFile, o.files));
}

/**
 * The ESLint rules one file runs with, for an engine that takes one rule set per run (oxlint):
 * `base` (eslintBaseRules), then every matching override, later winning — and, as in ESLint's
 * flat config, a severity alone keeps the options set before it. `key` names the set: files
 * with the same key run with the same rules.
 */
export function eslintRulesFor(absFile: string, base: Record<string, Linter.RuleEntry>, config: ResolvedConfig): { key: string; rules: Record<string, Linter.RuleEntry> } {
  const matched = overridesFor(absFile, config);
  if (matched.length === 0) return { key: '', rules: base };
  const rules = { ...base };
  for (const o of matched) {
    for (const [id, setting] of Object.entries(rulesForEngine(o.rules, 'eslint'))) {
      const entry = toEslintEntry(setting);
      const before = rules[id];
      rules[id] = !Array.isArray(entry) && Array.isArray(before) && before.length > 1 ? [entry, ...before.slice(1)] : entry;
    }
  }
  return { key: matched.map((o) => config.overrides!.indexOf(o)).join(','), rules };
}

/**
 * The severity of spec-drift's document-side findings (operations no route implements) for one
 * document: the preset's, then the config's `rules`, then every matching override — as for a rule.
 */
export function specDriftSeverityFor(absFile: string, preset: Preset, config: ResolvedConfig): 'off' | 'warn' | 'error' {
  const rule = getRules().find((r) => qualifiedId(r.id) === SPEC_DRIFT);
  if (!rule) return 'off';
  let sev = presetSeverity(rule, preset);
  const top = config.rules?.[SPEC_DRIFT];
  if (top !== undefined) sev = severityOf(top);
  for (const o of overridesFor(absFile, config)) {
    const s = o.rules[SPEC_DRIFT];
    if (s !== undefined) sev = severityOf(s);
  }
  return sev;
}

/**
 * Config objects for `overrides`, scoped to the config file's directory through `basePath`. Their
 * `files` is our matcher, not the globs: ESLint's minimatch backtracks exponentially on a hostile
 * glob from the repository (src/config/glob.ts), and one matcher keeps both engines in agreement.
 */
export function eslintOverrideConfigs(config: ResolvedConfig): Linter.Config[] {
  return (config.overrides ?? []).map((o, i) => ({
    name: `backlint/config-override-${i}`,
    basePath: config.baseDir,
    // Code files only: in a user's eslint.config (fromConfig) other languages may be linted too.
    files: [(file: string) => CODE_FILE.test(file) && isRelativeMatch(config.baseDir, file, o.files)] as unknown as string[],
    rules: Object.fromEntries(
      Object.entries(rulesForEngine(o.rules, 'eslint')).map(([id, s]) => [id, toEslintEntry(s)]),
    ),
  }));
}

/**
 * Spectral settings for one document: top-level `rules`, then every matching override in order
 * (later wins, as in ESLint).
 */
export function spectralRulesFor(absFile: string, config: ResolvedConfig): Record<string, RuleSetting> {
  const out = { ...rulesForEngine(config.rules, 'spectral') };
  for (const o of overridesFor(absFile, config)) Object.assign(out, rulesForEngine(o.rules, 'spectral'));
  return out;
}

/**
 * What `--print-config FILE` shows: every rule setting that applies to one file, after the preset,
 * the config's `rules` and its matching overrides — as the engine for that kind of file gets them.
 */
export function effectiveRulesFor(absFile: string, kind: 'code' | 'openapi', preset: Preset, config: ResolvedConfig): Record<string, RuleSetting | Linter.RuleEntry> {
  const diagnostics = toolDiagnosticSettingsFor(absFile, config);
  if (kind === 'code') return { ...eslintRulesFor(absFile, eslintBaseRules(preset, config), config).rules, ...diagnostics };
  const out: Record<string, RuleSetting> = {};
  for (const rule of getRules()) if (hasEngine(rule, 'spectral')) out[qualifiedId(rule.id)] = presetSeverity(rule, preset);
  return { ...out, ...spectralRulesFor(absFile, config), ...diagnostics };
}

/** Whether the config sets any tool diagnostic (`backlint/parse-error`, `invalid-ref`…) anywhere. */
function setsToolDiagnostics(config: ResolvedConfig): boolean {
  const sets = (rules: Record<string, RuleSetting> | undefined) => Object.keys(rules ?? {}).some(isToolDiagnostic);
  return sets(config.rules) || (config.overrides ?? []).some((o) => sets(o.rules));
}

/** The tool diagnostics' settings for one file: top-level `rules`, then every matching override. */
export function toolDiagnosticSettingsFor(absFile: string, config: ResolvedConfig): Record<string, 'off' | 'warn' | 'error'> {
  const out: Record<string, 'off' | 'warn' | 'error'> = {};
  const take = (rules: Record<string, RuleSetting>) => {
    for (const [id, setting] of Object.entries(rules)) if (isToolDiagnostic(id)) out[id] = severityOf(setting);
  };
  take(config.rules ?? {});
  for (const o of overridesFor(absFile, config)) take(o.rules);
  return out;
}

/**
 * Applies the config's settings of tool diagnostics to findings, in place, whichever engine made
 * them: `off` drops them, `warn`/`error` sets their severity. A file's `file` is relative to `cwd`.
 */
export function applyToolDiagnosticSettings(cwd: string, results: FileResult[], config: ResolvedConfig): void {
  if (!setsToolDiagnostics(config)) return;
  const severity = { warn: 'warning', error: 'error' } as const;
  for (const result of results) {
    const settings = toolDiagnosticSettingsFor(path.resolve(cwd, result.file), config);
    if (Object.keys(settings).length === 0) continue;
    const adjust = (findings: FileResult['findings']) =>
      findings.flatMap((f) => {
        const s = settings[f.ruleId];
        if (s === undefined) return [f];
        return s === 'off' ? [] : [{ ...f, severity: severity[s] }];
      });
    result.findings = adjust(result.findings);
    if (result.suppressed) result.suppressed = adjust(result.suppressed);
  }
}
