/**
 * The Spectral ruleset, assembled from the rules it is given. `plainRuleset` is the definition
 * usable from JS rulesets and from `.spectral.yaml` (`extends: ["backlint/spectral"]` gives the
 * recommended preset, `extends: [["backlint/spectral", "all"]]` the strict one: strict-only rules
 * are declared with `recommended: false`, Spectral's own switch for that).
 *
 * `rulesetOf(rules, { preset, rules })` is a preset plus per-rule overrides from the backlint
 * config (`"backlint/<id>"` keys for catalog rules, Spectral's own codes such as `oas3-schema` for
 * the structural rules). The package export (index.ts) passes every rule; the CLI (run.ts) only
 * the rules with a Spectral face (faces.ts), so a run over documents loads no code-only rule.
 *
 * Besides the catalog rules, the ruleset carries the structural part of Spectral's `oas` ruleset
 * (document validity: OpenAPI schema, path parameters, unique operationIds, parameters, security
 * references) under Spectral's own codes. Its example rules (`oas*-valid-*-example`) are left out on
 * purpose: they account for nearly all of `spectral:oas`'s time on large documents, and
 * `backlint/valid-examples` replaces them.
 *
 * Every rule function is wrapped to honour `x-backlint-ignore` (see ignore.ts), so suppressions
 * work the same through the backlint CLI and through the `spectral` CLI.
 */
import type { IFunctionResult, RulesetDefinition, RuleDefinition, RulesetFunction } from '@stoplight/spectral-core';
// The oas ruleset's own module: the package's index also loads the AsyncAPI and Arazzo rulesets.
import oasModule from '@stoplight/spectral-rulesets/dist/oas/index.js';
import { presetSeverity, type Preset } from '../catalog.js';
import { docsUrl, qualifiedId, type BacklintRule, type Severity } from '../rule.js';
import { copyValidator, withIgnore } from './ignore.js';
import { indexedStructuralRule } from './structural.js';
import { STRUCTURAL_RULES } from '../config/ids.js';

export type RuleOverride = 'off' | Severity | [Severity | 'off', Record<string, unknown>?];

export interface CreateRulesetOptions {
  preset?: Preset;
  /** `{ "backlint/<id>" | "<spectral structural code>": "off" | "warn" | "error" | [severity, options] }` */
  rules?: Record<string, RuleOverride>;
}

/** Spectral `oas` rules kept for document validity; all of them run in both presets. */
export { STRUCTURAL_RULES };

type OasRuleset = { rules: Record<string, RuleDefinition>; aliases?: Record<string, unknown>; formats?: unknown[] };
// A CommonJS module with `exports.default`: Node's import gives the exports object, bundlers and
// vitest the default itself.
const oasRuleset = ((oasModule as unknown as { default?: OasRuleset }).default ?? oasModule) as unknown as OasRuleset;

function structuralRules(overrides: Record<string, RuleOverride> | undefined): Record<string, RuleDefinition> {
  const out: Record<string, RuleDefinition> = {};
  for (const code of STRUCTURAL_RULES) {
    const original = oasRuleset.rules[code];
    if (!original) continue;
    const def = indexedStructuralRule(code, original);
    const override = overrides?.[code];
    const severity = override === undefined ? undefined : Array.isArray(override) ? override[0] : override;
    if (severity === 'off') continue;
    out[code] = {
      ...def,
      then: withIgnore(code.endsWith('-schema') ? withoutExternalRefNoise(def.then) : def.then, code),
      recommended: true,
      ...(severity !== undefined ? { severity } : {}),
    } as RuleDefinition;
  }
  return out;
}

/**
 * Multi-file documents put `$ref: other-file.yml` where OpenAPI allows no ref (an operation, a tag
 * description): bundlers inline them, and so does every tool that reads such documents. The schema
 * rules run on the unresolved document and would report each of those objects twice ("$ref is not
 * expected", "must have required property"); drop results on an object holding an external ref.
 */
function withoutExternalRefNoise(then: RuleDefinition['then']): RuleDefinition['then'] {
  const wrap = (t: { function: RulesetFunction<unknown, unknown> } & Record<string, unknown>) => ({
    ...t,
    function: copyValidator(
      t.function,
      ((input, options, ctx) => {
        const data = ctx.document.data;
        const targetPath = [...ctx.path];
        const keep = (out: void | IFunctionResult[]) =>
          Array.isArray(out)
            ? out.filter((r) => {
                const p = r.path ?? targetPath;
                const holder = p[p.length - 1] === '$ref' ? p.slice(0, -1) : p;
                // The schema rules' paths are JSON-pointer escaped (`~1users`).
                const node = holder.reduce<unknown>(
                  (n, k) => (n !== null && typeof n === 'object' ? (n as Record<string | number, unknown>)[typeof k === 'string' ? k.replace(/~1/g, '/').replace(/~0/g, '~') : k] : undefined),
                  data,
                );
                const ref = node !== null && typeof node === 'object' ? (node as Record<string, unknown>).$ref : undefined;
                return !(typeof ref === 'string' && !ref.startsWith('#'));
              })
            : out;
        const out = t.function(input, options, ctx);
        if (out && typeof (out as Promise<unknown>).then === 'function') return (out as Promise<void | IFunctionResult[]>).then(keep);
        return keep(out as void | IFunctionResult[]);
      }) as RulesetFunction<unknown, unknown>,
    ),
  });
  type T = Parameters<typeof wrap>[0];
  return (Array.isArray(then) ? (then as T[]).map(wrap) : wrap(then as unknown as T)) as unknown as RuleDefinition['then'];
}

function catalogRule(rule: BacklintRule, severity: Severity, options: Record<string, unknown>, recommended: boolean, preset: Preset): RuleDefinition {
  const code = qualifiedId(rule.id);
  const def = rule.spectral!(options, { preset });
  return {
    description: rule.description,
    documentationUrl: docsUrl(rule.id),
    ...def,
    // Without a message template Spectral prints the description instead of the function's message.
    message: typeof def.message === 'string' ? def.message : '{{error}}',
    then: withIgnore(def.then as RuleDefinition['then'], code),
    severity,
    recommended,
  } as RuleDefinition;
}

function assemble(rules: Record<string, RuleDefinition>): RulesetDefinition {
  return {
    documentationUrl: 'https://github.com/backlint/backlint#readme',
    // Backlint rules inherit these formats: they only run on OpenAPI 2/3 documents.
    formats: oasRuleset.formats,
    aliases: oasRuleset.aliases,
    rules,
  } as RulesetDefinition;
}

/**
 * The ruleset of a preset with the config's settings applied, from `rules` (the package's
 * `createRuleset` passes every rule; the CLI only those with a Spectral face, loaded one by one).
 */
export function rulesetOf(catalog: readonly BacklintRule[], options: CreateRulesetOptions = {}): RulesetDefinition {
  const preset = options.preset ?? 'recommended';
  const rules = structuralRules(options.rules);
  for (const rule of catalog) {
    if (!rule.spectral) continue;
    const override = options.rules?.[qualifiedId(rule.id)] ?? options.rules?.[rule.id];
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
    // A rule switched off is left out: Spectral would still evaluate its `given`.
    if (severity !== 'off') rules[qualifiedId(rule.id)] = catalogRule(rule, severity, ruleOptions, true, preset);
  }
  return assemble(rules);
}

/** The plain ruleset (`extends: ["backlint/spectral"]`): strict-only rules run with Spectral's `"all"`. */
export function plainRuleset(catalog: readonly BacklintRule[]): RulesetDefinition {
  const rules = structuralRules(undefined);
  for (const rule of catalog) {
    if (!rule.spectral) continue;
    rules[qualifiedId(rule.id)] = catalogRule(rule, rule.recommended === false ? rule.strict : rule.recommended, {}, rule.recommended !== false, 'recommended');
  }
  return assemble(rules);
}
