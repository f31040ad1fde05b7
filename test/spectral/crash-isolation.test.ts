import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import { describe, expect, it } from 'vitest';
import { collectCrashes, withIgnore } from '../../src/spectral/ignore.js';
import { SafeYaml } from '../../src/spectral/yaml.js';

const TEXT = 'openapi: 3.0.3\ninfo:\n  title: t\npaths: {}\n';

function ruleset(): RulesetDefinition {
  const then = (fn: (input: unknown) => unknown) => withIgnore({ function: fn } as never, 'x') as never;
  return {
    rules: {
      'throws': { given: '$.info', severity: 'error', then: then(() => { throw new TypeError('boom'); }) },
      'rejects': { given: '$.info', severity: 'error', then: then(() => Promise.reject(new Error('late boom'))) },
      'reports': { given: '$.info', severity: 'error', message: 'info seen', then: then(() => [{ message: 'info seen' }]) },
    },
  } as unknown as RulesetDefinition;
}

describe('rule crash isolation', () => {
  it('records a throwing or rejecting rule for the runner and keeps the other rules\' results', async () => {
    const spectral = new Spectral();
    spectral.setRuleset(ruleset());
    const document = new Document(TEXT, SafeYaml, '/virtual/doc.yaml');
    const crashes = collectCrashes(document);
    const results = await spectral.run(document);
    expect(results.map((r) => [r.code, r.range.start.line])).toEqual([['reports', 1]]);
    expect(crashes).toEqual([
      { code: 'x', path: ['info'], message: 'boom' },
      { code: 'x', path: ['info'], message: 'late boom' },
    ]);
  });

  it('without a sink (the spectral CLI) the error propagates as before', async () => {
    const spectral = new Spectral();
    spectral.setRuleset(ruleset());
    await expect(spectral.run(new Document(TEXT, SafeYaml, '/virtual/doc.yaml'))).rejects.toThrow();
  });
});
