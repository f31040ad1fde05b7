/**
 * `new Ruleset(definition)` without Spectral's schema check of the definition, for the ruleset the
 * CLI assembles itself (ruleset.ts's `rulesetOf`). Compiling the schema that check uses takes
 * ~140 ms of every run's start — the largest single cost of linting one small document — and
 * what it guards is covered elsewhere: the assembly is tested through the real check (the rule
 * tests' rulesets are built with it), the config's rule options are checked against each rule's
 * schema when the config is read, and each of Spectral's functions still checks its options when
 * it is called. Users' own rulesets (`.spectral.yaml`, the package's Spectral export) are checked
 * by Spectral as usual.
 *
 * The check is spectral-core's `assertValidRuleset`, which `Ruleset` calls through its module's
 * exports; it is replaced only for the duration of one constructor call. Where spectral-core's
 * files are not as this expects, the check simply runs.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ruleset, type RulesetDefinition } from '@stoplight/spectral-core';

type Assertions = { assertValidRuleset: (...args: unknown[]) => void };

let assertions: Assertions | null | undefined;

function assertionsModule(): Assertions | null {
  if (assertions !== undefined) return assertions;
  assertions = null;
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@stoplight/spectral-core');
    const mod = require(path.join(path.dirname(main), 'ruleset', 'validation', 'assertions.js')) as Partial<Assertions>;
    const slot = Object.getOwnPropertyDescriptor(mod, 'assertValidRuleset');
    if (typeof mod.assertValidRuleset === 'function' && slot?.writable) assertions = mod as Assertions;
  } catch {
    // intentionally ignored: spectral-core laid out differently; its check runs
  }
  return assertions;
}

/** Whether `trustedRuleset` skips the check with this spectral-core (a test watches upgrades). */
export function skipsRulesetCheck(): boolean {
  return assertionsModule() !== null;
}

export function trustedRuleset(definition: RulesetDefinition): Ruleset {
  const mod = assertionsModule();
  if (!mod) return new Ruleset(definition);
  const check = mod.assertValidRuleset;
  mod.assertValidRuleset = () => undefined;
  try {
    return new Ruleset(definition);
  } finally {
    mod.assertValidRuleset = check;
  }
}
