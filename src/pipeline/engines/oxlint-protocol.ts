/**
 * What the CLI and its oxlint process (oxlint-host.ts) exchange besides oxlint's own output. Its
 * own module so that the CLI knows the protocol without loading the host, which loads every rule.
 */

/** Where the records go: a file the CLI created for this run, in its own temporary directory. */
export const REPORTS_ENV = 'BACKLINT_OXLINT_REPORTS';

/** One report, as ESLint would have produced it. */
export interface OxlintRecord {
  /** Absolute path, as oxlint passes it to rules. */
  file: string;
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  suggestions?: string[];
}

/** What each file's findings were computed from, for the CLI's cache (project/reads.ts). */
export type OxlintReads = Record<string, { files: string[]; projectWide: string[] }>;
