/**
 * `backlint`: the programmatic API. `lint()` discovers files, runs both engines and returns one
 * `Report` (the pipeline, stage by stage, is src/pipeline/index.ts); the CLI is a thin layer over
 * it (argument parsing, formatting, exit code).
 */
import { PACKAGE } from './package-info.js';

export type { Report, FileResult, Finding, FindingSeverity, FindingEngine, FileKind, ReportSummary, SkippedFile, Suppression } from './report/model.js';
export type { BacklintConfig, ConfigOverride, ConfigLimits, RuleSetting, RuleSeverity, ResolvedConfig } from './config/schema.js';
export type { CatalogEntry, Preset } from './catalog.js';
export { BacklintUsageError, validateConfig } from './config/schema.js';
export { loadConfig, loadConfigFile, findConfigFile } from './config/load.js';
export { catalogEntries } from './catalog.js';
export { formatReport, FORMATS, type Format } from './report/index.js';
export { exitCodeFor, type FailOn } from './report/exit.js';
export { lint, FILE_TOO_LARGE_RULE, UNREADABLE_RULE, type LintOptions, type LintProgress } from './pipeline/index.js';

export const VERSION = PACKAGE.version;
