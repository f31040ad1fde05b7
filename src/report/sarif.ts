/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Every rule that
 * has a result is described in `tool.driver.rules`; results carry content-based
 * `partialFingerprints` so code scanning keeps one alert per problem across unrelated edits. No
 * source snippets are included (a finding's line may hold a secret).
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { REPO_URL } from '../rule-meta.js';
import type { FormatterOptions } from './formats.js';
import type { Report } from './model.js';
import { SECURITY_SEVERITY } from './security-severity.js';

const SPECTRAL_OAS_DOCS = 'https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules';

/** Tool diagnostics that are not catalog rules. */
export const TOOL_RULES: Record<string, { description: string; help: string; level?: 'warning' }> = {
  'backlint/parse-error': {
    description: 'The file could not be read or parsed, so no rule could check it.',
    help: 'Fix the syntax error (or exclude the file with `ignore` / `--ignore-pattern`); the other files are still linted.',
  },
  'backlint/file-too-large': {
    description: 'The file is over the size limit, so it was not linted.',
    help: 'Raise the limit (`limits` in the config, `--max-file-size`, `--max-document-size`) or exclude the file with `ignore` if it is not source.',
    level: 'warning',
  },
  'backlint/unreadable': {
    description: 'The file or directory could not be read, so nothing in it was linted.',
    help: 'Fix its permissions (or exclude it with `ignore` / `--ignore-pattern`); the other files are still linted.',
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

/** SARIF positions are 1-based integers; anything else from an engine becomes 1 rather than an invalid log. */
const position = (n: number | undefined): number => (n !== undefined && Number.isInteger(n) && n >= 1 ? n : 1);

function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * GitHub code scanning rejects a run with more than 25,000 results (and shows the 5,000 most
 * severe of those it accepts). The count includes suppressed findings, which are results too.
 */
export const GITHUB_MAX_RESULTS = 25_000;
export const GITHUB_RESULTS_WARNING = 20_000;

/** A warning for stderr when a SARIF log is near or over GitHub's limit; undefined otherwise. */
export function sarifResultsWarning(report: Report): string | undefined {
  const n = report.files.reduce((sum, f) => sum + f.findings.length + (f.suppressed?.length ?? 0), 0);
  const count = n.toLocaleString('en-US');
  if (n > GITHUB_MAX_RESULTS) {
    return `the SARIF log has ${count} results: GitHub code scanning rejects a run with more than 25,000 (turn off the noisiest rules, or use --quiet)`;
  }
  if (n >= GITHUB_RESULTS_WARNING) {
    return `the SARIF log has ${count} results, near GitHub code scanning's limit of 25,000 per run (over it the upload is rejected)`;
  }
  return undefined;
}

function descriptor(report: Report, ruleId: string, docs: ReadonlyMap<string, string> | undefined): Sarif.ReportingDescriptor {
  const entry = report.rules.find((r) => r.qualifiedId === ruleId);
  if (entry) {
    const security = SECURITY_SEVERITY[ruleId];
    const markdown = docs?.get(ruleId);
    return {
      id: ruleId,
      name: entry.id,
      shortDescription: { text: entry.description },
      fullDescription: {
        text: `${entry.description} Category: ${entry.categoryTitle}. Engines: ${entry.engines.join(', ')}. Presets: recommended (${entry.recommended}), strict (${entry.strict}).`,
      },
      helpUri: entry.docs,
      help: { text: `${entry.description} See ${entry.docs}`, ...(markdown ? { markdown } : {}) },
      defaultConfiguration: { level: entry.recommended === 'error' || (entry.recommended === 'off' && entry.strict === 'error') ? 'error' : 'warning' },
      properties: {
        // GitHub reads `security-severity` only on rules tagged `security`, and shows CWEs given
        // as `external/cwe/cwe-NNN` tags (CodeQL's convention).
        tags: [
          ...new Set([entry.category, ...(security ? ['security'] : []), ...entry.engines]),
          ...(security?.cwe.map((c) => `external/cwe/cwe-${c.slice(4).padStart(3, '0')}`) ?? []),
        ],
        category: entry.categoryTitle,
        ...(security ? { 'security-severity': security.score } : {}),
      },
    };
  }
  const tool = TOOL_RULES[ruleId];
  if (tool) {
    return {
      id: ruleId,
      shortDescription: { text: tool.description },
      fullDescription: { text: `${tool.description} ${tool.help}` },
      helpUri: `${REPO_URL}/blob/main/README.md#diagnostics`,
      help: { text: tool.help },
      defaultConfiguration: { level: tool.level ?? 'error' },
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

export function buildSarif(report: Report, opts: FormatterOptions = {}): Sarif.Log {
  const ruleIds: string[] = [];
  const index = new Map<string, number>();
  // Findings silenced in the source are results too, with `suppressions`: SARIF consumers (GitHub
  // code scanning) show them as suppressed instead of never hearing of them.
  const allOf = (file: Report['files'][number]) => (file.suppressed ? [...file.findings, ...file.suppressed] : file.findings);
  for (const file of report.files) {
    for (const f of allOf(file)) {
      if (!index.has(f.ruleId)) {
        index.set(f.ruleId, ruleIds.length);
        ruleIds.push(f.ruleId);
      }
    }
  }
  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    for (const f of allOf(file)) {
      const startLine = position(f.line);
      const startColumn = position(f.column);
      const region: Sarif.Region = { startLine, startColumn };
      if (f.endLine !== undefined && position(f.endLine) >= startLine) {
        region.endLine = position(f.endLine);
        const endColumn = f.endColumn === undefined ? undefined : position(f.endColumn);
        if (endColumn !== undefined && (region.endLine > startLine || endColumn >= startColumn)) region.endColumn = endColumn;
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
      if (f.suppressions?.length) {
        // SARIF's two kinds: a comment or extension in the file itself, or a baseline kept beside it.
        result.suppressions = f.suppressions.map((x) => {
          const kind = x.kind === 'suppressions-file' || x.kind === 'openapi-ignore-file' ? 'external' : 'inSource';
          return x.justification ? { kind, justification: x.justification } : { kind };
        });
      }
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
            rules: ruleIds.map((id) => descriptor(report, id, opts.ruleDocs)),
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

export function formatSarif(report: Report, opts: FormatterOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, opts), null, 2)}\n`;
}
