/**
 * `backlint/spectral`, the package export: the ruleset of ruleset.ts as the project's backlint
 * config sets it, so `spectral lint`, the Spectral editor extension and the CLI agree.
 *
 * The default export looks for `backlint.config.json|yaml|yml` (or package.json's `"backlint"`) from
 * the working directory upward, as the CLI does. Found: the config's preset, `rules` (catalog rules
 * with their options, Spectral's structural ids), `overrides` and `ignore` (documents matching them,
 * relative to the config file). Not found: the plain ruleset (Spectral's own preset switch:
 * `extends: [["backlint/spectral", "all"]]` for strict). An invalid config throws with the CLI's
 * message when Spectral loads the ruleset.
 *
 * Spectral gives one severity and one set of options per rule and run, and reads `overrides` only
 * from the root ruleset (the user's `.spectral.yaml`), never from an extended one. So per document,
 * an override (or `ignore`) can switch a rule off here — the rule functions drop their results for
 * that document — but an override's severity or options apply only where the rule is off at the
 * top level (the first such override's); per-file severities belong in `.spectral.yaml`'s
 * `overrides`. The tool diagnostics (`backlint/parse-error`, `invalid-ref`…) are the CLI's own.
 *
 * `fromConfig({ cwd?, config?, preset? })` builds the same from a given place, file or object (for
 * JS rulesets); `createRuleset({ preset, rules })` and the plain `ruleset` are re-exported.
 */
import type { RuleDefinition, RulesetDefinition, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import path from 'node:path';
import { findRule, presetSeverity, type Preset } from '../catalog.js';
import { findConfigFile, loadConfig, loadConfigFile } from '../config/load.js';
import { isStructuralRule } from '../config/ids.js';
import { validateConfig, type BacklintConfig, type ResolvedConfig, type RuleSetting } from '../config/schema.js';
import { ignoreMatcher } from '../pipeline/discover.js';
import { rulesForEngine, spectralRulesFor } from '../pipeline/settings.js';
import { copyValidator } from './ignore.js';
import { allRules } from '../../rules/index.js';
import { plainRuleset, rulesetOf, STRUCTURAL_RULES, type CreateRulesetOptions, type RuleOverride } from './ruleset.js';

export { STRUCTURAL_RULES, type CreateRulesetOptions, type RuleOverride };

/** A preset plus per-rule overrides (`"backlint/<id>"` keys, Spectral's structural codes). */
export function createRuleset(options: CreateRulesetOptions = {}): RulesetDefinition {
  return rulesetOf(allRules, options);
}

/** The plain ruleset: the recommended preset, strict-only rules under Spectral's `"all"`. */
export const ruleset: RulesetDefinition = plainRuleset(allRules);

export interface FromConfigOptions {
  /** Where the config lookup starts (upward). Default `process.cwd()`. */
  cwd?: string;
  /** A config file (relative to `cwd`) or a config object instead of the lookup. */
  config?: string | BacklintConfig;
  /** Overrides the config's preset. */
  preset?: Preset;
}

const severityOf = (s: RuleSetting): 'off' | 'warn' | 'error' => (Array.isArray(s) ? s[0] : s);

/** Whether `id` runs for a document with no setting of its own: the preset's (structural checks always). */
function onByDefault(id: string, preset: Preset): boolean {
  if (isStructuralRule(id)) return true;
  const rule = findRule(id);
  return !!rule && presetSeverity(rule, preset) !== 'off';
}

type ThenItem = { function: RulesetFunction<unknown, unknown> } & Record<string, unknown>;

/** The rule's functions, returning nothing for documents where `keep` says the rule does not run. */
function perDocument(def: RuleDefinition, code: string, keep: (source: string | null, code: string) => boolean): RuleDefinition {
  const wrap = (t: ThenItem): ThenItem => {
    const fn = t.function;
    const wrapped: RulesetFunction<unknown, unknown> = (input, options, ctx: RulesetFunctionContext) =>
      keep(ctx.document.source ?? null, code) ? fn(input, options, ctx) : undefined;
    return { ...t, function: copyValidator(fn, wrapped) };
  };
  const then = Array.isArray(def.then) ? (def.then as unknown as ThenItem[]).map(wrap) : wrap(def.then as unknown as ThenItem);
  return { ...def, then } as unknown as RuleDefinition;
}

/** The ruleset for a resolved config; see the module comment for what varies per document. */
export function rulesetForConfig(config: ResolvedConfig, preset: Preset = config.preset ?? 'recommended'): RulesetDefinition {
  const top = rulesForEngine(config.rules, 'spectral');
  const rules: Record<string, RuleOverride> = { ...top };
  // A rule off at the top level that an override switches on must be in the ruleset to run there.
  for (const o of config.overrides ?? []) {
    for (const [id, setting] of Object.entries(rulesForEngine(o.rules, 'spectral'))) {
      const onAtTop = top[id] !== undefined ? severityOf(top[id]) !== 'off' : onByDefault(id, preset);
      if (!onAtTop && severityOf(setting) !== 'off' && severityOf((rules[id] ?? 'off') as RuleSetting) === 'off') rules[id] = setting;
    }
  }
  const built = createRuleset({ preset, rules });
  if (!config.overrides?.length && !config.ignore?.length) return built;

  const ignored = config.ignore?.length ? ignoreMatcher([{ baseDir: config.baseDir, globs: config.ignore, reason: 'config-ignore' }]) : undefined;
  const perSource = new Map<string, { ignored: boolean; settings: Record<string, RuleSetting> }>();
  const keep = (source: string | null, code: string): boolean => {
    if (source === null || source.includes('://')) return true;
    const abs = path.resolve(source);
    let entry = perSource.get(abs);
    if (!entry) {
      entry = { ignored: ignored?.(abs, false) !== undefined, settings: spectralRulesFor(abs, config) };
      perSource.set(abs, entry);
    }
    if (entry.ignored) return false;
    const setting = entry.settings[code];
    return setting !== undefined ? severityOf(setting) !== 'off' : onByDefault(code, preset);
  };
  const out = (built as unknown as { rules: Record<string, RuleDefinition> }).rules;
  for (const code of Object.keys(out)) out[code] = perDocument(out[code]!, code, keep);
  return built;
}

/** The ruleset as the backlint config at (or above) `cwd`, a named file or a config object sets it. */
export function fromConfig(options: FromConfigOptions = {}): RulesetDefinition {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  let config: ResolvedConfig;
  if (typeof options.config === 'string') config = loadConfigFile(path.resolve(cwd, options.config), options.config);
  else if (options.config !== undefined) config = { ...validateConfig(options.config, 'fromConfig()'), baseDir: cwd };
  else config = loadConfig(cwd);
  return rulesetForConfig(config, options.preset ?? config.preset ?? 'recommended');
}

const found = findConfigFile(process.cwd());

/** The project's ruleset when a backlint config is found from the working directory up, else the plain one. */
const projectRuleset: RulesetDefinition = found ? rulesetForConfig(loadConfigFile(found)) : ruleset;

export default projectRuleset;
