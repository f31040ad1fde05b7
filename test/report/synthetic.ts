/** A small report with the awkward cases: spaces in paths, tool diagnostics, Spectral's own rules, a clean file. */
import type { Report } from '../../src/report/model.js';

export function syntheticReport(): Report {
  return {
    version: 1,
    tool: { name: 'backlint', version: '0.1.0' },
    cwd: '/repo with space',
    preset: 'recommended',
    files: [
      {
        file: 'src/my routes/users.ts',
        kind: 'code',
        findings: [
          {
            ruleId: 'backlint/no-hardcoded-secrets',
            engine: 'eslint',
            severity: 'error',
            message: 'Hardcoded credential ch… (8 chars) assigned to \'password\'.',
            file: 'src/my routes/users.ts',
            line: 3,
            column: 5,
            endLine: 3,
            endColumn: 20,
            fingerprint: 'abc:1',
            suggestions: ['Use process.env.DB_PASSWORD'],
          },
          {
            ruleId: 'backlint/parse-error',
            engine: 'eslint',
            severity: 'error',
            message: 'Could not parse the file: Unexpected token',
            file: 'src/my routes/users.ts',
            line: 9,
            column: 1,
            fingerprint: 'def:1',
          },
        ],
      },
      {
        file: 'openapi.yaml',
        kind: 'openapi',
        findings: [
          {
            ruleId: 'oas3-schema',
            engine: 'spectral',
            severity: 'warning',
            message: '"info" property must have required property "version".',
            file: 'openapi.yaml',
            line: 2,
            column: 1,
            endLine: 2,
            endColumn: 6,
            jsonPath: ['info'],
            fingerprint: '123:1',
          },
        ],
      },
      { file: 'clean.js', kind: 'code', findings: [] },
    ],
    summary: { files: 3, codeFiles: 2, openapiFiles: 1, errors: 2, warnings: 1 },
    rules: [
      {
        id: 'no-hardcoded-secrets',
        qualifiedId: 'backlint/no-hardcoded-secrets',
        category: 'security',
        categoryTitle: 'Security',
        engines: ['eslint'],
        recommended: 'error',
        strict: 'error',
        description: 'Disallow secrets and credentials written into source code.',
        docs: 'https://github.com/backlint/backlint/blob/main/rules/no-hardcoded-secrets.md',
      },
    ],
  };
}
