/**
 * `--format junit`: for CI systems that only read JUnit XML (GitLab, Jenkins, Azure, CircleCI).
 *
 * - One testsuite per file with findings, one testcase per rule in that file (named by the rule
 *   id, classname the file). Test names carry no line numbers: CI systems track a test's history
 *   by its name, and a line number changes with every edit above it, which would make each run's
 *   findings look like new tests and the fixed ones vanish instead of passing.
 * - A testcase fails only when its findings fail the run at the threshold (`--fail-on`,
 *   `--max-warnings`, passed in as options): by default warnings are listed in `<system-out>` of
 *   a passing testcase, and the XML's failures agree with the exit code.
 * - Clean files get no testcase: a made-up passing test per file would only inflate the counts.
 */
import { create } from 'xmlbuilder2';
import { failingSeverities } from './exit.js';
import type { FormatterOptions } from './formats.js';
import type { Finding, Report } from './model.js';
import { showControls } from './text.js';

// XML 1.0 cannot carry most control characters, even escaped (`&#1;` is not well-formed), nor
// U+FFFE/U+FFFF or unpaired surrogates. showControls makes the controls visible; what it leaves
// (and would not be XML) becomes U+FFFD.
const INVALID_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const clean = (s: string) => showControls(s).replace(INVALID_XML, '\uFFFD');

const line = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} (${f.ruleId})`;

export function formatJunit(report: Report, opts: FormatterOptions = {}): string {
  const failing = failingSeverities(report, opts);
  const suites = report.files
    .filter((file) => file.findings.length > 0)
    .map((file) => {
      const byRule = new Map<string, Finding[]>();
      for (const f of file.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
      const cases = [...byRule].map(([ruleId, findings]) => ({ ruleId, findings, failed: findings.some((f) => failing.has(f.severity)) }));
      return { file: file.file, cases };
    });
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failed).length, 0);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: 'backlint', tests, failures, errors: 0 });
  for (const suite of suites) {
    const el = root.ele('testsuite', {
      name: clean(suite.file),
      tests: suite.cases.length,
      failures: suite.cases.filter((c) => c.failed).length,
      errors: 0,
      skipped: 0,
    });
    for (const c of suite.cases) {
      const tc = el.ele('testcase', { name: clean(c.ruleId), classname: clean(suite.file), file: clean(suite.file) });
      const text = clean(c.findings.map(line).join('\n'));
      if (c.failed) {
        const first = c.findings.find((f) => failing.has(f.severity))!;
        const more = c.findings.length > 1 ? ` (and ${c.findings.length - 1} more)` : '';
        tc.ele('failure', { message: clean(`${first.message}${more}`), type: clean(c.ruleId) }).txt(text);
      } else {
        tc.ele('system-out').txt(text);
      }
    }
  }
  return `${root.end({ prettyPrint: true })}\n`;
}
