/**
 * The one result model. Both engines' results are converted into it; every formatter is a pure
 * function of a `Report`.
 */
import type { CatalogEntry, Preset } from '../catalog.js';

export type FindingSeverity = 'error' | 'warning';
export type FindingEngine = 'eslint' | 'oxlint' | 'spectral' | 'backlint';
/** `directory`: only for a directory that could not be read (`backlint/unreadable`). */
export type FileKind = 'code' | 'openapi' | 'directory';

/** How a finding was silenced: in the source, or by a baseline file beside it. */
export interface Suppression {
  /**
   * In the source: `directive`, an inline `eslint-disable` comment; `x-backlint-ignore`, the
   * OpenAPI extension. Outside it: `suppressions-file`, the bulk suppressions file
   * (`backlint-suppressions.json`); `openapi-ignore-file`, the OpenAPI ignore file
   * (`.backlint-openapi-ignore.yaml`).
   */
  kind: 'directive' | 'x-backlint-ignore' | 'suppressions-file' | 'openapi-ignore-file';
  /** The text after `--` in the comment, or the reason given in `x-backlint-ignore`, if any. */
  justification?: string;
}

/** A bulk suppression recorded for a linted file that matches fewer findings than recorded. */
export interface UnusedSuppression {
  file: string;
  ruleId: string;
  /** How many more findings are recorded than occur now. */
  count: number;
}

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
  /** Only on the entries of `FileResult.suppressed`: what silenced the finding. */
  suppressions?: Suppression[];
}

export interface FileResult {
  file: string;
  kind: FileKind;
  findings: Finding[];
  /**
   * Findings silenced by inline `eslint-disable` comments, an OpenAPI document's
   * `x-backlint-ignore` or a baseline file (present only when there are some): not
   * counted as errors or warnings, but listed so a reviewer sees what a change switched off.
   */
  suppressed?: Finding[];
}

/** A code file or OpenAPI document that was not linted, and why (reasons: see README). */
export interface SkippedFile {
  /** Relative to `cwd`, forward slashes; a directory skipped as a whole ends with `/`. */
  file: string;
  reason: string;
  message?: string;
}

export interface ReportSummary {
  files: number;
  codeFiles: number;
  openapiFiles: number;
  errors: number;
  warnings: number;
  /** Entries of `Report.skipped` (always set by `lint()`; optional for hand-built reports). */
  skipped?: number;
  /** Findings silenced by inline comments or baseline files (`FileResult.suppressed`). */
  suppressed?: number;
}

export interface Report {
  /** Version of this schema; bumped on any breaking change to the JSON format. */
  version: 1;
  tool: { name: 'backlint'; version: string };
  cwd: string;
  preset: Preset;
  /** Every file linted, findings sorted by line then column. */
  files: FileResult[];
  /** Every code file or OpenAPI document not linted (generated, ignored, too large…), sorted by path. Always set by `lint()`. */
  skipped?: SkippedFile[];
  summary: ReportSummary;
  /** Catalog entries of every catalog rule that has at least one finding (for SARIF/markdown). */
  rules: CatalogEntry[];
  /**
   * Bulk suppressions (`backlint-suppressions.json`) of linted files that no longer occur as
   * often as recorded, by file then rule (present only when there are some). The CLI exits 2 on
   * them unless `--prune-suppressions` or `--pass-on-unpruned-suppressions`.
   */
  unusedSuppressions?: UnusedSuppression[];
  /**
   * About the run itself, not the code (present only when there are some): e.g. oxlint could not
   * run and ESLint linted its files instead. The CLI prints them on stderr.
   */
  notices?: string[];
}
