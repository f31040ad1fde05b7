/**
 * SARIF output validated against the official SARIF 2.1.0 schema (shipped in
 * @microsoft/sarif-multitool-linux), for the built CLI on the fixtures and for synthetic reports
 * with the awkward cases (spaces in paths, tool diagnostics, Spectral's own rules).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSarif } from '../../src/report/sarif.js';
import { syntheticReport } from './synthetic.js';
import { assertBuilt, runCli } from '../cli/helpers.js';

const require = createRequire(import.meta.url);
const schemaPath = path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'sarif-2.1.0.json');
// ajv-formats is CommonJS with a default export: normalise the interop shape.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv2020) => Ajv2020;

let validate: ReturnType<Ajv2020['compile']>;

beforeAll(() => {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The schema declares draft 2020-12: Ajv2020 is the matching class.
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
});

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
}

describe('sarif', () => {
  it('a synthetic report with tool diagnostics and Spectral rules validates', () => {
    const log = buildSarif(syntheticReport());
    expectValid(log);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(['backlint/no-hardcoded-secrets', 'backlint/parse-error', 'oas3-schema']);
    expect(run.tool.driver.rules![0]!.helpUri).toBe('https://github.com/backlint/backlint/blob/main/rules/no-hardcoded-secrets.md');
    expect(run.tool.driver.rules![0]!.shortDescription!.text).toBe('Disallow secrets and credentials written into source code.');
    expect(run.tool.driver.rules![0]!.properties).toEqual({ tags: ['security', 'eslint'], category: 'Security', 'security-severity': '7.5' });
    expect(run.results!.map((r) => [r.ruleIndex, r.level])).toEqual([[0, 'error'], [1, 'error'], [2, 'warning']]);
    const loc = run.results![0]!.locations![0]!.physicalLocation!;
    expect(loc.artifactLocation).toEqual({ uri: 'src/my%20routes/users.ts', uriBaseId: '%SRCROOT%' });
    expect(loc.region).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 20 });
    expect(run.results![0]!.partialFingerprints).toEqual({ 'backlintFindingHash/v1': 'abc:1' });
    expect(run.originalUriBaseIds!['%SRCROOT%']!.uri).toBe('file:///repo%20with%20space/');
    // No source snippets: a line may hold the very secret the rule masked.
    expect(JSON.stringify(log)).not.toContain('snippet');
  });

  it('positions an engine got wrong (0, fractional, missing) become 1 rather than an invalid log', () => {
    const r = syntheticReport();
    const [first, second] = r.files[0]!.findings;
    Object.assign(first!, { line: 0, column: 0, endLine: 0, endColumn: 0 });
    Object.assign(second!, { line: 4, column: 2.5, endLine: 6, endColumn: -1 });
    const log = buildSarif(r);
    expectValid(log);
    const regions = log.runs[0]!.results!.slice(0, 2).map((x) => x.locations![0]!.physicalLocation!.region);
    expect(regions).toEqual([
      { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      { startLine: 4, startColumn: 1, endLine: 6, endColumn: 1 },
    ]);
  });

  it('an empty report validates', () => {
    const r = syntheticReport();
    r.files = [];
    r.rules = [];
    expectValid(buildSarif(r));
  });

  it('the built CLI output on the fixtures validates', async () => {
    assertBuilt();
    const res = await runCli(['fixtures', '--format', 'sarif']);
    expect(res.stderr).toBe('');
    const log = JSON.parse(res.stdout);
    expectValid(log);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    for (const r of log.runs[0].results) {
      expect(r.partialFingerprints['backlintFindingHash/v1']).toMatch(/^[0-9a-f]{32}:\d+$/);
      expect(log.runs[0].tool.driver.rules[r.ruleIndex].helpUri).toMatch(/^https:\/\//);
    }
  });
});
