/**
 * rules/catalog.json: the metadata the CLI reads instead of loading the rules. It must say what the
 * rules say (the build rewrites it; this catches a change that has not been built and committed),
 * and carry each options schema whole, since the config is validated against that copy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { findRule, getRules, hasEngine, presetSeverity, renderCatalog } from '../src/catalog.js';
import { enginesOf, optionsSchemaOf } from '../src/rule.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('rules/catalog.json', () => {
  it('is up to date with the rules (regenerate: npm run build)', () => {
    expect(readFileSync(path.join(root, 'rules/catalog.json'), 'utf8')).toBe(renderCatalog(allRules));
  });

  it('holds every rule once, with its faces and presets', () => {
    expect(getRules().map((r) => r.id)).toEqual(allRules.map((r) => r.id).sort());
    for (const rule of allRules) {
      const meta = findRule(`backlint/${rule.id}`);
      expect(meta, rule.id).toBeDefined();
      expect(findRule(rule.id)).toBe(meta);
      expect(meta!.engines).toEqual(enginesOf(rule));
      expect(hasEngine(meta!, 'eslint')).toBe(rule.eslint !== undefined);
      expect(hasEngine(meta!, 'spectral')).toBe(rule.spectral !== undefined);
      for (const preset of ['recommended', 'strict'] as const) expect(presetSeverity(meta!, preset)).toBe(presetSeverity(rule, preset));
    }
    expect(findRule('backlint/no-such-rule')).toBeUndefined();
  });

  it('carries each options schema whole: nothing JSON cannot hold (a RegExp, a function, undefined)', () => {
    let withOptions = 0;
    for (const rule of allRules) {
      const schema = optionsSchemaOf(rule);
      expect(findRule(rule.id)!.options, rule.id).toStrictEqual(schema === undefined ? undefined : JSON.parse(JSON.stringify(schema)));
      if (schema) {
        withOptions++;
        expect(JSON.parse(JSON.stringify(schema)), rule.id).toStrictEqual(schema);
      }
    }
    expect(withOptions).toBeGreaterThan(10);
  });
});
