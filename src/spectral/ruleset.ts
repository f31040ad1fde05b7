/**
 * `backlint/spectral`: the Spectral ruleset. The default export is a ruleset definition usable
 * from JS rulesets and from `.spectral.yaml` (`extends: ["backlint/spectral"]` gives the
 * recommended preset, `extends: [["backlint/spectral", "all"]]` the strict one: strict-only rules
 * are declared with `recommended: false`, Spectral's own switch for that).
 *
 * `createRuleset` is what the CLI uses: a preset plus per-rule overrides from the backlint config.
 */
import type { RulesetDefinition, RuleDefinition } from '@stoplight/spectral-core';
import { getRules, presetSeverity, type Preset } from '../catalog.js';
import { docsUrl, qualifiedId, type Severity } from '../rule.js';

export type RuleOverride = 'off' | Severity | [Severity | 'off', Record<string, unknown>?];

export interface CreateRulesetOptions {
  preset?: Preset;
  /** `{ "backlint/<id>": "off" | "warn" | "error" | [severity, options] }` */
  rules?: Record<string, RuleOverride>;
}

export function createRuleset(options: CreateRulesetOptions = {}): RulesetDefinition {
  const preset = options.preset ?? 'recommended';
  const rules: Record<string, RuleDefinition> = {};
  for (const rule of getRules()) {
    if (!rule.spectral) continue;
    const override = options.rules?.[qualifiedId(rule.id)];
    let severity: Severity | 'off' = presetSeverity(rule, preset);
    let ruleOptions: Record<string, unknown> = {};
    if (override !== undefined) {
      if (Array.isArray(override)) {
        severity = override[0];
        ruleOptions = override[1] ?? {};
      } else {
        severity = override;
      }
    }
    const def = rule.spectral(ruleOptions);
    rules[qualifiedId(rule.id)] = {
      description: rule.description,
      documentationUrl: docsUrl(rule.id),
      ...def,
      severity: severity === 'off' ? 'off' : severity,
      recommended: rule.recommended !== false,
    } as RuleDefinition;
  }
  return { rules } as RulesetDefinition;
}

const ruleset: RulesetDefinition = (() => {
  const rules: Record<string, RuleDefinition> = {};
  for (const rule of getRules()) {
    if (!rule.spectral) continue;
    rules[qualifiedId(rule.id)] = {
      description: rule.description,
      documentationUrl: docsUrl(rule.id),
      ...rule.spectral({}),
      severity: rule.strict,
      // Spectral's own preset switch: strict-only rules run with `extends: [[ruleset, "all"]]`.
      recommended: rule.recommended !== false,
    } as RuleDefinition;
  }
  return { rules } as RulesetDefinition;
})();

export default ruleset;
