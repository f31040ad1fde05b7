/**
 * Hostile-but-valid YAML must be linted like any other document: a `__proto__` key, explicit tags
 * (`!!binary` crashed the parser) and a `%YAML 1.1` directive (false parse errors, SARIF column 0)
 * used to cost the document all its findings or add false ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/helpers.js';

interface Finding {
  ruleId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}
interface Report {
  files: { file: string; findings: Finding[] }[];
}

/** An operation whose only response key is not a status code: one known finding at `line`. */
const OPERATION = [
  'paths:',
  '  /users:',
  '    get:',
  '      operationId: listUsers',
  '      responses:',
  "        '299':",
  '          description: odd',
];

const DOCS: Record<string, string[]> = {
  'proto.yaml': ['__proto__:', '  polluted: true', 'openapi: 3.0.3', 'info:', '  title: t', "  version: '1'", ...OPERATION],
  'nested-proto.yaml': ['openapi: 3.0.3', 'info:', '  title: t', "  version: '1'", '  x-meta:', '    __proto__: {a: 1}', '    b: 2', ...OPERATION],
  'binary.yaml': [
    'openapi: 3.0.3',
    'info:',
    '  title: t',
    "  version: '1'",
    '  x-logo: !!binary |',
    '    R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5',
    '  x-pattern: !!js/regexp /^a+$/',
    '  x-local: !custom value',
    ...OPERATION,
  ],
  'yaml11.yaml': ['%YAML 1.1', '---', 'openapi: 3.0.3', 'info:', '  title: t', "  version: '1'", ...OPERATION],
  'good.yaml': ['openapi: 3.0.3', 'info:', '  title: t', "  version: '1'", ...OPERATION],
};

/** Line of the `'299'` key in each document. */
const statusLine = (name: string) => DOCS[name]!.indexOf("        '299':") + 1;

let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-docs-'));
  for (const [name, lines] of Object.entries(DOCS)) writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile YAML documents keep their findings', () => {
  let report: Report;

  beforeAll(async () => {
    const res = await runCli(['.', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(1);
    report = JSON.parse(res.stdout) as Report;
  });

  const findings = (file: string) => report.files.find((f) => f.file === file)?.findings ?? [];

  for (const name of Object.keys(DOCS)) {
    it(`${name}: no parse error, the operation's finding at its line, columns >= 1`, () => {
      const list = findings(name);
      expect(list.filter((f) => f.ruleId === 'backlint/parse-error')).toEqual([]);
      expect(list.filter((f) => f.ruleId === 'backlint/no-invalid-status-code').map((f) => [f.line, f.column])).toEqual([[statusLine(name), 15]]);
      for (const f of list) {
        expect(f.line).toBeGreaterThanOrEqual(1);
        expect(f.column).toBeGreaterThanOrEqual(1);
        if (f.endColumn !== undefined) expect(f.endColumn).toBeGreaterThanOrEqual(1);
      }
    });
  }

  it('a top-level __proto__ key is an ordinary (unexpected) member, not a prototype', () => {
    // The OpenAPI schema rule sees the key as data, like every JSON consumer would.
    expect(findings('proto.yaml').filter((f) => f.ruleId === 'oas3-schema').map((f) => [f.line, f.message])).toEqual([
      [1, 'Property "__proto__" is not expected to be here.'],
    ]);
  });

  it('sarif: every region starts at line and column >= 1', async () => {
    const res = await runCli(['.', '--format', 'sarif'], { cwd: dir });
    const sarif = JSON.parse(res.stdout) as {
      runs: { results: { locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    const regions = sarif.runs[0]!.results.flatMap((r) => r.locations.map((l) => l.physicalLocation.region));
    expect(regions.length).toBeGreaterThan(5);
    for (const region of regions) {
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
    }
  });
});
