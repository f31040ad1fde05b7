/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Every rule that
 * has a result is described in `tool.driver.rules`; results carry content-based
 * `partialFingerprints` so code scanning keeps one alert per problem across unrelated edits. No
 * source snippets are included (a finding's line may hold a secret).
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { REPO_URL } from '../rule.js';
import type { Report } from './model.js';

const SPECTRAL_OAS_DOCS = 'https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules';

/** Tool diagnostics that are not catalog rules. */
export const TOOL_RULES: Record<string, { description: string; help: string }> = {
  'backlint/parse-error': {
    description: 'The file could not be read or parsed, so no rule could check it.',
    help: 'Fix the syntax error (or exclude the file with `ignore` / `--ignore-pattern`); the other files are still linted.',
  },
  'backlint/unsafe-ref': {
    description: 'An OpenAPI `$ref` was not followed: it leads outside the lint root, or to something other than a regular text file within the size limit.',
    help: 'Point the `$ref` at a document inside the repository (the directory backlint runs in), or bundle the referenced content into it.',
  },
  'backlint/directive': {
    description: 'An inline ESLint configuration comment in the file is invalid.',
    help: 'Fix or remove the `eslint` comment named in the message.',
  },
};

function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function descriptor(report: Report, ruleId: string): Sarif.ReportingDescriptor {
  const entry = report.rules.find((r) => r.qualifiedId === ruleId);
  if (entry) {
    return {
      id: ruleId,
      name: entry.id,
      shortDescription: { text: entry.description },
      fullDescription: {
        text: `${entry.description} Category: ${entry.categoryTitle}. Engines: ${entry.engines.join(', ')}. Presets: recommended (${entry.recommended}), strict (${entry.strict}).`,
      },
      helpUri: entry.docs,
      help: { text: `See ${entry.docs}` },
      defaultConfiguration: { level: entry.recommended === 'error' || (entry.recommended === 'off' && entry.strict === 'error') ? 'error' : 'warning' },
      properties: {
        tags: [entry.category, ...entry.engines],
        category: entry.categoryTitle,
        // GitHub code scanning ranks security alerts (high/medium) by this score.
        ...(entry.category === 'security' ? { 'security-severity': entry.strict === 'error' ? '7.5' : '5.0' } : {}),
      },
    };
  }
  const tool = TOOL_RULES[ruleId];
  if (tool) {
    return {
      id: ruleId,
      shortDescription: { text: tool.description },
      fullDescription: { text: `${tool.description} ${tool.help}` },
      helpUri: `${REPO_URL}#diagnostics`,
      help: { text: tool.help },
      defaultConfiguration: { level: 'error' },
    };
  }
  // Spectral's structural OpenAPI rules (oas3-schema, path-params…), which backlint reuses.
  return {
    id: ruleId,
    shortDescription: { text: `OpenAPI document validity: Spectral rule ${ruleId}.` },
    fullDescription: { text: `Spectral's built-in OpenAPI rule ${ruleId}, which backlint runs to check that documents are valid.` },
    helpUri: SPECTRAL_OAS_DOCS,
    properties: { tags: ['openapi', 'spectral'] },
  };
}

export function buildSarif(report: Report): Sarif.Log {
  const ruleIds: string[] = [];
  const index = new Map<string, number>();
  for (const file of report.files) {
    for (const f of file.findings) {
      if (!index.has(f.ruleId)) {
        index.set(f.ruleId, ruleIds.length);
        ruleIds.push(f.ruleId);
      }
    }
  }
  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const region: Sarif.Region = { startLine: f.line, startColumn: f.column };
      if (f.endLine !== undefined && f.endLine >= f.line) {
        region.endLine = f.endLine;
        if (f.endColumn !== undefined && (f.endLine > f.line || f.endColumn >= f.column)) region.endColumn = f.endColumn;
      }
      const result: Sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId)!,
        level: f.severity === 'error' ? 'error' : 'warning',
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
              region,
            },
            ...(f.jsonPath?.length
              ? { logicalLocations: [{ fullyQualifiedName: f.jsonPath.join('.'), kind: 'member' }] }
              : {}),
          },
        ],
      };
      if (f.fingerprint) result.partialFingerprints = { 'backlintFindingHash/v1': f.fingerprint };
      if (f.suggestions?.length) result.properties = { suggestions: f.suggestions };
      results.push(result);
    }
  }
  const cwdUri = pathToFileURL(report.cwd).href;
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'backlint',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: REPO_URL,
            rules: ruleIds.map((id) => descriptor(report, id)),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true }],
        results,
      },
    ],
  };
}

export function formatSarif(report: Report): string {
  return `${JSON.stringify(buildSarif(report), null, 2)}\n`;
}
