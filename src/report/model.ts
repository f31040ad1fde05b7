/**
 * The one result model. Both engines' results are converted into it; every formatter is a pure
 * function of a `Report`.
 */
import type { CatalogEntry, Preset } from '../catalog.js';

export type FindingSeverity = 'error' | 'warning';
export type FindingEngine = 'eslint' | 'spectral' | 'backlint';
export type FileKind = 'code' | 'openapi';

export interface Finding {
  /**
   * `backlint/<id>` for catalog rules; Spectral's structural rule codes as Spectral names them
   * (`oas3-schema`, `path-params`…); `backlint/parse-error` for a file that could not be read or
   * parsed, and the other tool diagnostics named in the JSON schema doc (`backlint/remote-ref`,
   * `backlint/unsafe-ref`, `backlint/directive`).
   */
  ruleId: string;
  engine: FindingEngine;
  severity: FindingSeverity;
  /** Already masked: rules never put a raw secret in a message. */
  message: string;
  /** Path relative to the report's `cwd`, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** JSON path of an OpenAPI finding (`['paths','/users','get','responses','200']`). */
  jsonPath?: (string | number)[];
  /** Human descriptions of suggested fixes (ESLint suggestions). */
  suggestions?: string[];
  /**
   * Stable identity of the finding across unrelated edits (filled in by `lint()`): a hash of rule,
   * file, message and the normalized source line text (or JSON path), never the line number, with a
   * `:<n>` occurrence suffix when the same finding repeats. SARIF `partialFingerprints` uses it.
   */
  fingerprint?: string;
}

export interface FileResult {
  file: string;
  kind: FileKind;
  findings: Finding[];
}

export interface ReportSummary {
  files: number;
  codeFiles: number;
  openapiFiles: number;
  errors: number;
  warnings: number;
}

export interface Report {
  /** Version of this schema; bumped on any breaking change to the JSON format. */
  version: 1;
  tool: { name: 'backlint'; version: string };
  cwd: string;
  preset: Preset;
  /** Every file linted, findings sorted by line then column. */
  files: FileResult[];
  summary: ReportSummary;
  /** Catalog entries of every catalog rule that has at least one finding (for SARIF/markdown). */
  rules: CatalogEntry[];
}
