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
import { buildSarif, sarifResultsWarning } from '../../src/report/sarif.js';
import { SECURITY_SEVERITY, severityLevel } from '../../src/report/security-severity.js';
import { absoluteDocLinks, readRuleDocs } from '../../src/report/rule-docs.js';
import { catalogEntries } from '../../src/catalog.js';
import type { Report } from '../../src/report/model.js';
import { syntheticReport } from './synthetic.js';
import { assertBuilt, runCli } from '../cli/helpers.js';

const require = createRequire(import.meta.url);
const __dirname = path.dirname(new URL(import.meta.url).pathname);
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
    expect(run.tool.driver.rules![0]!.properties).toEqual({
      tags: ['security', 'eslint', 'external/cwe/cwe-798'],
      category: 'Security',
      'security-severity': '9.8',
    });
    // No doc given: help is text only.
    expect(run.tool.driver.rules![0]!.help).toEqual({
      text: 'Disallow secrets and credentials written into source code. See https://github.com/backlint/backlint/blob/main/rules/no-hardcoded-secrets.md',
    });
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

  it('help.markdown is the rule doc, with links between docs made absolute', () => {
    const r = syntheticReport();
    const docs = readRuleDocs(r.rules);
    const doc = readFileSync(path.join(__dirname, '../../rules/no-hardcoded-secrets.md'), 'utf8');
    expect(docs.get('backlint/no-hardcoded-secrets')).toBe(absoluteDocLinks(doc));
    const log = buildSarif(r, { ruleDocs: docs });
    expectValid(log);
    expect(log.runs[0]!.tool.driver.rules![0]!.help!.markdown).toBe(absoluteDocLinks(doc));
    expect(absoluteDocLinks('[a](no-get-side-effects.md#across-files) [b](https://x.example/y.md) [c](#why)')).toBe(
      '[a](https://github.com/backlint/backlint/blob/main/rules/no-get-side-effects.md#across-files) [b](https://x.example/y.md) [c](#why)',
    );
    // An id from a JSON report read back (backlint merge) never reaches outside rules/.
    expect(readRuleDocs([{ id: '../package', qualifiedId: 'backlint/../package' }]).size).toBe(0);
  });

  it('security-severity: every Security rule has a score from the table, its level explained; other rules none', () => {
    const entries = catalogEntries();
    for (const e of entries.filter((x) => x.category === 'security')) expect(SECURITY_SEVERITY, e.qualifiedId).toHaveProperty([e.qualifiedId]);
    for (const [id, s] of Object.entries(SECURITY_SEVERITY)) {
      expect(entries.map((e) => e.qualifiedId), id).toContain(id);
      expect(s.score).toMatch(/^(?:10\.0|\d\.\d)$/);
      expect(s.cwe.length).toBeGreaterThan(0);
      expect(s.why).toMatch(/^(?:CodeQL \S+ \(|CVSS AV:)/);
      expect(s.why).toContain(`(${s.score})`);
    }
    // Not one blanket score: the table spans GitHub's levels.
    expect(new Set(Object.values(SECURITY_SEVERITY).map((s) => severityLevel(s.score)))).toEqual(new Set(['critical', 'high', 'medium']));
    const r = syntheticReport();
    const design = { ...r.rules[0]!, id: 'kebab-case-paths', qualifiedId: 'backlint/kebab-case-paths', category: 'api-design', categoryTitle: 'API design' };
    const leak = { ...r.rules[0]!, id: 'no-leaked-error-details', qualifiedId: 'backlint/no-leaked-error-details', category: 'error-responses', categoryTitle: 'Error responses' };
    r.rules.push(design, leak);
    r.files[0]!.findings.push(
      { ...r.files[0]!.findings[0]!, ruleId: design.qualifiedId, line: 20 },
      { ...r.files[0]!.findings[0]!, ruleId: leak.qualifiedId, line: 21 },
    );
    const rules = buildSarif(r).runs[0]!.tool.driver.rules!;
    expect(rules.find((x) => x.id === design.qualifiedId)!.properties).toEqual({ tags: ['api-design', 'eslint'], category: 'API design' });
    // A security weakness outside the Security category is tagged `security`, which GitHub needs to read the score.
    expect(rules.find((x) => x.id === leak.qualifiedId)!.properties).toEqual({
      tags: ['error-responses', 'security', 'eslint', 'external/cwe/cwe-209'],
      category: 'Error responses',
      'security-severity': '5.4',
    });
  });

  it('warns near and over GitHub code scanning\'s 25,000 results per run', () => {
    const withResults = (n: number): Report => {
      const r = syntheticReport();
      const f = r.files[0]!.findings[0]!;
      r.files = [{ file: f.file, kind: 'code', findings: Array.from({ length: n }, (_, i) => ({ ...f, line: i + 1 })) }];
      return r;
    };
    expect(sarifResultsWarning(withResults(19_999))).toBeUndefined();
    expect(sarifResultsWarning(withResults(20_000))).toBe(
      "the SARIF log has 20,000 results, near GitHub code scanning's limit of 25,000 per run (over it the upload is rejected)",
    );
    expect(sarifResultsWarning(withResults(25_001))).toBe(
      'the SARIF log has 25,001 results: GitHub code scanning rejects a run with more than 25,000 (turn off the noisiest rules, or use --quiet)',
    );
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
    // Every catalog rule's descriptor carries its doc, read from the package's rules/.
    const catalogRules = log.runs[0].tool.driver.rules.filter((d: { name?: string }) => d.name);
    expect(catalogRules.length).toBeGreaterThan(0);
    for (const d of catalogRules) expect(d.help.markdown).toBe(absoluteDocLinks(readFileSync(path.join(__dirname, `../../rules/${d.name}.md`), 'utf8')));
  });
});
