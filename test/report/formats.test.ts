/** Formatters are pure functions of a Report: escaping and structure, on a synthetic report. */
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { escapeCell, formatMarkdown } from '../../src/report/markdown.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatStylish, sanitizeTerminal } from '../../src/report/stylish.js';
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
    expect(md).toContain('❌ **2 errors**, **1 warning** in 3 files (2 code, 1 OpenAPI), preset `recommended`.');
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
    expect(formatMarkdown(r)).toBe('## backlint report\n\n✅ No problems in 1 files (1 code, 0 OpenAPI).\n');
  });
});

describe('junit', () => {
  it('one testsuite per file, a failing testcase per finding, one passing case for a clean file; XML-safe', () => {
    const xml = formatJunit(withMessage('bad \u0001 char & <tag> "q"'));
    expect(xml).toContain('<testsuite name="src/a,b:c.ts" tests="1" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<failure message="bad \\u0001 char &amp; &lt;tag&gt; &quot;q&quot;" type="backlint/x">');
    expect(xml).not.toContain('\u0001');
    const full = formatJunit(syntheticReport());
    expect(full.match(/<testsuite /g)).toHaveLength(3);
    expect(full).toContain('<testsuite name="clean.js" tests="1" failures="0" errors="0" skipped="0">');
    expect(full).toContain('<testcase name="backlint" classname="clean.js"/>');
    expect(full.match(/<failure /g)).toHaveLength(3);
  });
});

describe('stylish', () => {
  it('groups by file, aligns columns, no colour unless asked', () => {
    const out = formatStylish(syntheticReport());
    expect(out).toContain('\nsrc/my routes/users.ts\n  3:5  error  Hardcoded');
    expect(out).toMatch(/  9:1  error  Could not parse the file: Unexpected token\s+backlint\/parse-error\n/);
    expect(out).not.toContain('clean.js');
    expect(out).toContain('✖ 3 problems (2 errors, 1 warning) in 3 files: 2 code, 1 OpenAPI document\n');
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
