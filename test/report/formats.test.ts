/** Formatters are pure functions of a Report: escaping and structure, on a synthetic report. */
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { escapeCell, formatMarkdown } from '../../src/report/markdown.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatElapsed, formatStylish, sanitizeTerminal } from '../../src/report/stylish.js';
import { formatJson } from '../../src/report/json.js';
import { exitCodeFor } from '../../src/report/exit.js';
import type { Report } from '../../src/report/model.js';
import { syntheticReport } from './synthetic.js';

function withMessage(message: string, file = 'src/a,b:c.ts'): Report {
  const r = syntheticReport();
  r.files = [
    {
      file,
      kind: 'code',
      findings: [{ ruleId: 'backlint/x', engine: 'eslint', severity: 'warning', message, file, line: 2, column: 3 }],
    },
  ];
  r.summary = { files: 1, codeFiles: 1, openapiFiles: 0, errors: 0, warnings: 1 };
  return r;
}

describe('github', () => {
  it('escapes %, CR and LF in data, and also , and : in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
    expect(formatGithub(withMessage('50% of\nrows'))).toBe('::warning file=src/a%2Cb%3Ac.ts,line=2,col=3,title=backlint/x::50%25 of%0Arows (backlint/x)\n');
  });

  it('errors become ::error with end positions when known', () => {
    const out = formatGithub(syntheticReport());
    expect(out.split('\n')[0]).toBe(
      "::error file=src/my routes/users.ts,line=3,col=5,endLine=3,endColumn=20,title=backlint/no-hardcoded-secrets::Hardcoded credential ch… (8 chars) assigned to 'password'. (backlint/no-hardcoded-secrets)",
    );
    expect(out.split('\n')[2]).toMatch(/^::warning file=openapi.yaml,line=2,col=1,/);
  });

  it('lists every error before any warning, and past ten of a level says how many GitHub does not annotate', () => {
    const r = syntheticReport();
    const finding = (severity: 'error' | 'warning', line: number) => ({ ruleId: 'backlint/x', engine: 'eslint' as const, severity, message: 'm', file: 'a.js', line, column: 1 });
    // Warnings first in the file, errors after: the output turns that round.
    r.files = [{ file: 'a.js', kind: 'code', findings: [...Array.from({ length: 12 }, (_, i) => finding('warning', i + 1)), ...Array.from({ length: 11 }, (_, i) => finding('error', 20 + i))] }];
    r.summary = { files: 1, codeFiles: 1, openapiFiles: 0, errors: 11, warnings: 12 };
    const lines = formatGithub(r).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual([...Array(11).fill('::error'), ...Array(12).fill('::warning'), '::notice']);
    expect(lines[0]).toContain('line=20,');
    expect(lines.at(-1)).toBe(
      '::notice title=backlint::11 errors and 12 warnings: GitHub annotates the first 10 of each, so 1 more error and 2 more warnings are only in this log and the step summary.',
    );
    // Ten of each: all annotated, no notice.
    r.files[0]!.findings = r.files[0]!.findings.filter((f) => f.line !== 11 && f.line !== 12 && f.line !== 30);
    expect(formatGithub(r)).not.toContain('::notice');
  });
});

describe('markdown', () => {
  it('escapes table cells', () => {
    expect(escapeCell('a | b\n<script>`x`')).toBe('a \\| b<br>\\<script\\>\\`x\\`');
    expect(escapeCell('![x](https://e.example/a.png) @octocat #1 www.e.example \u202E')).toBe(
      '\\!\\[x\\](https\\://e.example/a.png) \\@&#8203;octocat \\#&#8203;1 www\\.e.example \\\\u202e',
    );
  });

  it('prints totals, by rule, by file and top findings', () => {
    const md = formatMarkdown(syntheticReport());
    expect(md).toContain('❌ **2 errors**, **1 warning** in 2 files of 3 checked (2 code, 1 OpenAPI), preset `recommended`.');
    expect(md).toContain('| [`backlint/no-hardcoded-secrets`](https://github.com/backlint/backlint/blob/main/rules/no-hardcoded-secrets.md) | 1 | 0 |');
    expect(md).toContain('| `oas3-schema` | 0 | 1 |');
    expect(md).toContain('| <code>src/my routes/users.ts</code> | 2 | 0 |');
    expect(md).toContain('| warning | <code>openapi.yaml:2:1</code> | `oas3-schema` | "info" property must have required property "version". |');
    expect(md).not.toContain('clean.js');
  });

  it('says so when there is nothing to report', () => {
    const r = syntheticReport();
    r.files = [{ file: 'a.js', kind: 'code', findings: [] }];
    r.summary = { files: 1, codeFiles: 1, openapiFiles: 0, errors: 0, warnings: 0 };
    expect(formatMarkdown(r)).toBe('## backlint report\n\n✅ No problems in 1 file (1 code, 0 OpenAPI).\n');
  });

  it('fits a pull-request comment: errors first, top files, and "more" lines for what is left out', () => {
    const r = syntheticReport();
    // 400 files of 30 findings with long messages: far over 65,536 characters unbounded.
    r.files = Array.from({ length: 400 }, (_, i) => {
      const file = `src/module-${String(i).padStart(3, '0')}/handler.ts`;
      return {
        file,
        kind: 'code' as const,
        findings: Array.from({ length: 30 }, (_, j) => ({
          ruleId: `backlint/rule-${j % 7}`,
          engine: 'eslint' as const,
          severity: (i % 2 === 0 && j === 0 ? 'error' : 'warning') as 'error' | 'warning',
          message: `${'A long explanation of what is wrong. '.repeat(60)}#${j}`,
          file,
          line: j + 1,
          column: 1,
        })),
      };
    });
    r.summary = { files: 400, codeFiles: 400, openapiFiles: 0, errors: 200, warnings: 11800 };
    r.skipped = Array.from({ length: 300 }, (_, i) => ({ file: `gen/${'x'.repeat(300)}-${i}.ts`, reason: 'generated' }));
    const md = formatMarkdown(r);
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toContain('❌ **200 errors**, **11800 warnings** in 400 files of 400 checked');
    // Top files: those with errors first, 25 of them, then a count of the rest.
    const fileRows = [...md.matchAll(/^\| <code>(src\/module-\d+)\/handler\.ts<\/code> \| (\d+) \| (\d+) \|$/gm)];
    expect(fileRows.length).toBe(25);
    expect(fileRows.every((m) => m[2] === '1')).toBe(true);
    expect(md).toContain('| … 375 more files with problems | | |');
    // Findings: errors before warnings; cut by the bound before the 20-row limit, with a count.
    const severities = [...md.matchAll(/^\| (error|warning) \| <code>/gm)].map((m) => m[1]);
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.every((x) => x === 'error')).toBe(true);
    expect(md).toMatch(new RegExp(`^\\| … \\| ${12000 - severities.length} more findings in the job log and the JSON report \\| \\| \\|$`, 'm'));
    expect(md).toContain('| … | 200 more in the JSON report |');
    // A smaller bound is obeyed too.
    expect(formatMarkdown(r, { maxLength: 5000 }).length).toBeLessThanOrEqual(5000);
  });
});

describe('junit', () => {
  it('one testsuite per file with findings, one testcase per rule named without line numbers; XML-safe', () => {
    const xml = formatJunit(withMessage('bad \u0001 char & <tag> "q"'), { failOn: 'warning' });
    expect(xml).toContain('<testsuite name="src/a,b:c.ts" tests="1" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<testcase name="backlint/x" classname="src/a,b:c.ts" file="src/a,b:c.ts">');
    expect(xml).toContain('<failure message="bad \\u0001 char &amp; &lt;tag&gt; &quot;q&quot;" type="backlint/x">');
    expect(xml).not.toContain('\u0001');
  });

  it('warnings pass (listed in system-out) unless the threshold fails them; clean files get no testcase', () => {
    const full = formatJunit(syntheticReport());
    expect(full).toContain('<testsuites name="backlint" tests="3" failures="2" errors="0">');
    expect(full.match(/<testsuite /g)).toHaveLength(2);
    expect(full).not.toContain('clean.js');
    expect(full).toContain(
      '<testcase name="oas3-schema" classname="openapi.yaml" file="openapi.yaml">\n      <system-out>openapi.yaml:2:1 warning "info" property must have required property "version". (oas3-schema)</system-out>',
    );
    expect(full.match(/<failure /g)).toHaveLength(2);
    expect(full).not.toMatch(/name="[^"]*\d+:\d+/);
    // --fail-on warning, or more warnings than --max-warnings: the warning fails too.
    expect(formatJunit(syntheticReport(), { failOn: 'warning' })).toContain('tests="3" failures="3"');
    expect(formatJunit(syntheticReport(), { maxWarnings: 0 })).toContain('tests="3" failures="3"');
    expect(formatJunit(syntheticReport(), { maxWarnings: 1 })).toContain('tests="3" failures="2"');
    // --fail-on never: nothing fails, as the exit code says.
    expect(formatJunit(syntheticReport(), { failOn: 'never' })).toContain('tests="3" failures="0"');
  });

  it('findings of one rule in one file are one testcase listing each', () => {
    const r = syntheticReport();
    const file = r.files[0]!;
    file.findings = [file.findings[0]!, { ...file.findings[0]!, line: 7, column: 2, message: 'again' }];
    const xml = formatJunit(r);
    expect(xml).toContain(`<failure message="Hardcoded credential ch… (8 chars) assigned to 'password'. (and 1 more)" type="backlint/no-hardcoded-secrets">`);
    expect(xml).toContain("src/my routes/users.ts:3:5 error Hardcoded credential ch… (8 chars) assigned to 'password'. (backlint/no-hardcoded-secrets)\nsrc/my routes/users.ts:7:2 error again (backlint/no-hardcoded-secrets)");
    expect(xml.match(/<testcase /g)).toHaveLength(2);
  });
});

describe('stylish', () => {
  it('groups by file, aligns columns, no colour unless asked', () => {
    const out = formatStylish(syntheticReport());
    expect(out).toContain('\nsrc/my routes/users.ts\n  3:5  error  Hardcoded');
    expect(out).toMatch(/  9:1  error  Could not parse the file: Unexpected token\s+backlint\/parse-error\n/);
    expect(out).not.toContain('clean.js');
    // Files *with* problems in the verdict; what was checked (and, when known, how long) below it.
    expect(out).toContain('\n✖ 3 problems (2 errors, 1 warning) in 2 files\nChecked 3 files (2 code, 1 OpenAPI document)\n');
    expect(formatStylish(syntheticReport(), { elapsedMs: 1234 })).toContain('\nChecked 3 files (2 code, 1 OpenAPI document) in 1.2s\n');
    expect([formatElapsed(850), formatElapsed(59_940), formatElapsed(125_000)]).toEqual(['850ms', '59.9s', '2m 05s']);
    expect(out).not.toMatch(/\u001b\[/);
    expect(formatStylish(syntheticReport(), { color: true })).toMatch(/\u001b\[31merror/);
  });

  it('never lets analysed text drive the terminal', () => {
    expect(sanitizeTerminal('a\u001b[2Jb\nc')).toBe('a\\u001b[2Jb c');
  });
});

describe('json', () => {
  it('is the report itself, versioned', () => {
    const parsed = JSON.parse(formatJson(syntheticReport()));
    expect(parsed).toEqual(syntheticReport());
    expect(parsed.version).toBe(1);
  });
});

describe('exitCodeFor', () => {
  const r = (errors: number, warnings: number): Report => ({ ...syntheticReport(), summary: { files: 1, codeFiles: 1, openapiFiles: 0, errors, warnings } });
  it('follows --fail-on and --max-warnings', () => {
    expect(exitCodeFor(r(0, 0))).toBe(0);
    expect(exitCodeFor(r(1, 0))).toBe(1);
    expect(exitCodeFor(r(0, 5))).toBe(0);
    expect(exitCodeFor(r(0, 5), { failOn: 'warning' })).toBe(1);
    expect(exitCodeFor(r(3, 0), { failOn: 'never' })).toBe(0);
    expect(exitCodeFor(r(0, 5), { maxWarnings: 5 })).toBe(0);
    expect(exitCodeFor(r(0, 6), { maxWarnings: 5 })).toBe(1);
    expect(exitCodeFor(r(0, 6), { failOn: 'never', maxWarnings: 5 })).toBe(1);
  });
});
