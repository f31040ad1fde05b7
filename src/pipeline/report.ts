/**
 * Stage 8 of `lint()`: the `Report` every formatter reads — counts over the findings kept, and the
 * catalog entries of the rules that reported (so a formatter needs no catalog of its own).
 */
import { catalogEntries, type CatalogEntry, type Preset } from '../catalog.js';
import { PACKAGE } from '../package-info.js';
import type { FileResult, Report, SkippedFile } from '../report/model.js';

export function buildReport(run: { cwd: string; preset: Preset; files: FileResult[]; skipped: SkippedFile[]; suppressed: number }): Report {
  const { cwd, preset, files, skipped, suppressed } = run;
  let errors = 0;
  let warnings = 0;
  const ruleIds = new Set<string>();
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else warnings++;
      ruleIds.add(x.ruleId);
    }
  }
  const rules: CatalogEntry[] = catalogEntries().filter((e) => ruleIds.has(e.qualifiedId));
  return {
    version: 1,
    tool: { name: 'backlint', version: PACKAGE.version },
    cwd,
    preset,
    files,
    skipped,
    summary: {
      files: files.length,
      codeFiles: files.filter((f) => f.kind === 'code').length,
      openapiFiles: files.filter((f) => f.kind === 'openapi').length,
      errors,
      warnings,
      skipped: skipped.length,
      suppressed,
    },
    rules,
  };
}
