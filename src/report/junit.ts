/**
 * `--format junit`: for CI systems that only read JUnit XML. One testsuite per file; each finding
 * is a failing testcase; a clean file gets one passing testcase so it still shows as checked.
 */
import { create } from 'xmlbuilder2';
import type { Report } from './model.js';
import { showControls } from './text.js';

// XML 1.0 cannot carry most control characters, even escaped (`&#1;` is not well-formed), nor
// U+FFFE/U+FFFF or unpaired surrogates. showControls makes the controls visible; what it leaves
// (and would not be XML) becomes U+FFFD.
const INVALID_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const clean = (s: string) => showControls(s).replace(INVALID_XML, '\uFFFD');

export function formatJunit(report: Report): string {
  const { errors, warnings } = report.summary;
  const total = report.files.reduce((n, f) => n + Math.max(1, f.findings.length), 0);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: 'backlint',
    tests: total,
    failures: errors + warnings,
    errors: 0,
  });
  for (const file of report.files) {
    const suite = root.ele('testsuite', {
      name: clean(file.file),
      tests: Math.max(1, file.findings.length),
      failures: file.findings.length,
      errors: 0,
      skipped: 0,
    });
    if (file.findings.length === 0) {
      suite.ele('testcase', { name: 'backlint', classname: clean(file.file) });
      continue;
    }
    for (const f of file.findings) {
      const tc = suite.ele('testcase', {
        name: clean(`${f.ruleId} at ${f.line}:${f.column}`),
        classname: clean(file.file),
        file: clean(file.file),
        line: f.line,
      });
      tc.ele('failure', { message: clean(f.message), type: f.ruleId })
        .txt(clean(`${f.severity} ${f.file}:${f.line}:${f.column} ${f.message} (${f.ruleId})`));
    }
  }
  return `${root.end({ prettyPrint: true })}\n`;
}
