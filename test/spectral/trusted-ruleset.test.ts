/**
 * The CLI builds its Spectral ruleset without Spectral's schema check of the definition (it costs
 * ~140 ms of every start). That is sound only while the ruleset it builds passes the check, and
 * only fast while the installed spectral-core is laid out as trusted-ruleset.ts expects.
 */
import { Ruleset } from '@stoplight/spectral-core';
import { truthy } from '@stoplight/spectral-functions';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/catalog.js';
import { spectralFaces } from '../../src/spectral/faces.js';
import { rulesetOf } from '../../src/spectral/ruleset.js';
import { skipsRulesetCheck, trustedRuleset } from '../../src/spectral/trusted-ruleset.js';

// A rule with a key the ruleset schema does not allow: Spectral's check refuses it.
const invalid = () => ({ rules: { r: { given: '$', then: { function: truthy }, unknownKey: 1 } } }) as never;

describe('trustedRuleset', () => {
  it('skips the check with the installed spectral-core (an upgrade that moves it fails here)', () => {
    expect(skipsRulesetCheck()).toBe(true);
    expect(() => new Ruleset(invalid())).toThrow();
    expect(Object.keys(trustedRuleset(invalid()).rules)).toEqual(['r']);
  });

  it('puts the check back: every other ruleset is checked as usual', () => {
    trustedRuleset(invalid());
    expect(() => new Ruleset(invalid())).toThrow();
  });

  it("the CLI's ruleset passes the real check, in both presets and with options from a config", async () => {
    const faces = await spectralFaces();
    expect(faces.length).toBeGreaterThan(20);
    for (const preset of PRESETS) {
      const checked = new Ruleset(rulesetOf(faces, { preset }));
      expect(Object.keys(trustedRuleset(rulesetOf(faces, { preset })).rules)).toEqual(Object.keys(checked.rules));
    }
    const configured = new Ruleset(rulesetOf(faces, { preset: 'strict', rules: { 'backlint/consistent-error-schema': ['error', { format: 'problem+json' }], 'oas3-schema': 'warn' } }));
    expect(configured.rules['backlint/consistent-error-schema']).toBeDefined();
  });
});
