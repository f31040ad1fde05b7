/**
 * Stage 4b, cross-file checks: the document side of `backlint/spec-drift` (operations no route
 * implements). The code side is reported by the rule's ESLint face in stage 4, which asks the same
 * drift check (src/drift) in the same process, so both sides come from one comparison. Runs only
 * when a run has both code and documents, and loads the drift check only then.
 */
import path from 'node:path';
import type { Preset } from '../catalog.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { FileResult, Finding } from '../report/model.js';
import { SPEC_DRIFT, specDriftSeverityFor } from './settings.js';

export async function documentDriftResults(opts: {
  cwd: string;
  preset: Preset;
  config: ResolvedConfig;
  code: readonly string[];
  documents: readonly string[];
}): Promise<FileResult[]> {
  const { cwd, preset, config } = opts;
  if (opts.code.length === 0 || opts.documents.length === 0) return [];
  const documents = opts.documents.map((d) => path.resolve(cwd, d)).filter((d) => specDriftSeverityFor(d, preset, config) !== 'off');
  if (documents.length === 0) return [];
  const { documentDrift } = await import('../drift/index.js');
  let found;
  try {
    found = documentDrift(cwd, documents, { ...(config.drift?.length ? { pairs: config.drift } : {}), baseDir: config.baseDir });
  } catch {
    // intentionally ignored: the drift check never costs the run its other findings
    return [];
  }
  const byFile = new Map<string, FileResult>();
  for (const f of found) {
    const abs = path.resolve(cwd, f.file);
    const sev = specDriftSeverityFor(abs, preset, config);
    if (sev === 'off') continue;
    const file = path.relative(cwd, abs).split(path.sep).join('/');
    const finding: Finding = {
      ruleId: SPEC_DRIFT,
      engine: 'backlint',
      severity: sev === 'error' ? 'error' : 'warning',
      message: f.message,
      file,
      line: f.line,
      column: f.column,
      ...(f.jsonPath ? { jsonPath: f.jsonPath } : {}),
    };
    let result = byFile.get(file);
    if (!result) byFile.set(file, (result = { file, kind: 'openapi', findings: [] }));
    result.findings.push(finding);
  }
  return [...byFile.values()];
}
