/**
 * The pipeline `lint()` runs, one stage after the other; read this file top to bottom to follow a
 * run, and each stage's module for how it does its part. The CLI (src/cli/) and the programmatic
 * API (src/index.ts) are thin layers over it: whatever either shows comes out of stage 8.
 *
 * Everything a formatter may print passes stage 6 (masking) and everything that was not checked is
 * said in stage 7: neither is left to the engines or the formatters.
 */
import path from 'node:path';
import type { Report } from '../report/model.js';
import { discoverFiles, type IgnoreSet, type Skipped } from './discover.js';
import { codeEngineFor, lintCode } from './engines/code.js';
import { lintDocuments } from './engines/spectral.js';
import { finishFindings, maskFindings } from './findings.js';
import { skippedDiagnostics } from './diagnostics.js';
import { documentDriftResults } from './drift.js';
import { byFile, mergeResults } from './merge.js';
import { resolveRun, type LintOptions } from './options.js';
import { shardFiles } from './shard.js';
import { stdinDiscovery } from './stdin.js';
import { BacklintUsageError } from '../config/errors.js';
import { buildReport } from './report.js';
import { applyToolDiagnosticSettings } from './settings.js';
import { checkSuppressionOptions, openBaseline } from './suppressions.js';
import { recordReads, takeReads } from '../project/reads.js';
import { holdFileLayout } from '../project/hold.js';

export type { LintOptions, LintProgress } from './options.js';
export { FILE_TOO_LARGE_RULE, UNREADABLE_RULE } from './diagnostics.js';

/** Lints a repository (or some paths of it) with both engines and returns one merged report. */
export async function lint(options: LintOptions = {}): Promise<Report> {
  // 1. Options: working directory, config (file, object or none) and preset.
  const { cwd, config, preset } = resolveRun(options);
  //    The baseline files (stage 5b) are read and checked now: a malformed one stops the run
  //    before anything is linted. --stdin has no bulk suppressions (as ESLint).
  checkSuppressionOptions(options.suppressions, { stdin: !!options.stdin, shard: !!options.shard });
  const baseline = openBaseline(cwd, options.suppressions === false || options.stdin ? false : options.suppressions ?? {}, options.openapiIgnoreFile);

  // 2. Discover: the code files and OpenAPI documents to lint, and what was skipped and why.
  options.onProgress?.(0, 0, { phase: 'discover', code: { done: 0, total: 0 }, openapi: { done: 0, total: 0 } });
  const ignores: IgnoreSet[] = [];
  if (config.ignore?.length) ignores.push({ baseDir: config.baseDir, globs: config.ignore, reason: 'config-ignore' });
  if (options.ignorePatterns?.length) ignores.push({ baseDir: cwd, globs: options.ignorePatterns, reason: 'ignore-pattern' });
  const maxCodeFileBytes = options.maxCodeFileBytes ?? config.limits?.maxCodeFileBytes;
  const maxDocumentBytes = options.maxDocumentBytes ?? config.limits?.maxDocumentBytes;
  const fromStdin = options.stdin ? stdinDiscovery(cwd, options.stdin, { maxCodeFileBytes, maxDocumentBytes }) : undefined;
  const found = fromStdin?.discovered ?? await discoverFiles({
    cwd,
    paths: options.paths ?? ['.'],
    ignores,
    limits: {
      ...(maxCodeFileBytes !== undefined ? { maxCodeFileBytes } : {}),
      ...(maxDocumentBytes !== undefined ? { maxDocumentBytes } : {}),
    },
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
  if (options.errorOnUnmatchedPattern !== false && found.code.length + found.openapi.length === 0 && !found.skipped.some((s) => s.kind)) {
    const named = (options.paths ?? ['.']).join(' ');
    throw new BacklintUsageError(`No files matched ${named}: no code files or OpenAPI documents to lint (--no-error-on-unmatched-pattern allows it)`);
  }
  // 2b. --changed-since: of those, the files a change since the ref can give different findings
  //     (changed, their importers, their spec-drift pairs). --shard: this run's part of what every
  //     job of the matrix discovered alike.
  const changed = options.changedSince !== undefined ? await (await import('./changed.js')).selectChanged(found, { cwd, ref: options.changedSince, config }) : found;
  const discovered = options.shard ? shardFiles(changed, options.shard) : changed;
  const skippedEntries: Skipped[] = [...discovered.skipped];

  // 3. Cache (--cache): files whose findings can be reused are not linted again (cache.ts says
  //    what a result is keyed on). The rules record what they read, for the next run.
  const cache = options.cache && !fromStdin
    ? (await import('./cache.js')).openCache(cwd, options.cacheLocation, {
        cwd,
        preset,
        config,
        inlineConfig: options.inlineConfig !== false,
        unusedDirectives: !!options.reportUnusedDisableDirectives,
        allowRemoteRefs: !!options.allowRemoteRefs,
        maxCodeFileBytes: maxCodeFileBytes ?? null,
        maxDocumentBytes: maxDocumentBytes ?? null,
      })
    : undefined;
  if (cache) recordReads();
  const codeSplit = cache ? cache.partition(discovered.code) : { hits: [], misses: discovered.code };
  const docSplit = cache ? cache.partition(discovered.openapi) : { hits: [], misses: discovered.openapi };

  //    Project model (src/project/): not built here. The rules build it lazily, rooted at `cwd`,
  //    from the files their questions reach, so the CLI and an editor's ESLint process share one
  //    code path and a run pays only for what it asks.

  // 4. Engines: oxlint (or ESLint, see engines/code.ts) over the code, Spectral over the documents
  //    (each loaded only when there are files for it).
  //    Progress: each engine's count, cache hits done from the start.
  const engine = codeEngineFor(codeSplit.misses.length, options.engine);
  const progress = {
    code: { done: codeSplit.hits.length, total: discovered.code.length, ...(codeSplit.misses.length ? { engine } : {}) },
    openapi: { done: docSplit.hits.length, total: discovered.openapi.length },
  };
  const reportProgress = () =>
    options.onProgress?.(progress.code.done + progress.openapi.done, progress.code.total + progress.openapi.total, {
      phase: 'lint',
      code: { ...progress.code },
      openapi: { ...progress.openapi },
    });
  const tick = (side: 'code' | 'openapi') => (n: number) => {
    progress[side].done += n;
    reportProgress();
  };
  reportProgress();
  // The drift check (spec-drift) finds documents and pairs once for the whole run.
  const releaseDrift = discovered.code.length > 0 ? holdFileLayout() : undefined;
  const notices: string[] = [];
  const code = lintCode(codeSplit.misses, {
    cwd,
    preset,
    config,
    engine,
    onFileDone: tick('code'),
    onNotice: (message) => notices.push(message),
    onIgnored: (file) => skippedEntries.push({ path: file, reason: 'ignored-by-eslint', kind: 'code' }),
    ...(options.inlineConfig === false ? { inlineConfig: false } : {}),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: true } : {}),
    ...(fromStdin ? { stdin: fromStdin.stdin } : {}),
  });
  const docs = lintDocuments(docSplit.misses, {
    cwd,
    preset,
    config,
    onFileDone: tick('openapi'),
    ...(fromStdin ? { stdin: fromStdin.stdin } : {}),
    ...(options.allowRemoteRefs !== undefined ? { allowRemoteRefs: options.allowRemoteRefs } : {}),
  });
  // 4b. Cross-file checks: the document side of spec-drift (operations no route implements). Its
  //     code side comes out of the code engine. ESLint's rule, in this process, and this check
  //     share one comparison per pair (src/drift), which ESLint makes from its own trees: the check
  //     waits for it. oxlint's process compares on its own, so the check runs beside it.
  const drift = (engine === 'eslint' ? code : Promise.resolve()).then(() =>
    documentDriftResults({ cwd, preset, config, code: discovered.code, documents: discovered.openapi }),
  );
  const [codeResults, docResults, driftResults] = await Promise.all([code, docs, drift]).finally(releaseDrift);
  if (cache) {
    // Stored masked (stage 6 masks in place, after `quiet` and before any formatter).
    const fresh = structuredClone([...codeResults, ...docResults]);
    maskFindings(fresh);
    cache.store(fresh, takeReads());
    recordReads(false);
    cache.save();
  }

  // 5. Merge: one entry per file, each finding once.
  const files = mergeResults([...codeSplit.hits, ...codeResults, ...docSplit.hits, ...docResults, ...driftResults]);
  // 5a. Tool diagnostics (`backlint/parse-error`, `invalid-ref`…) as the config sets them: off,
  //     warn or error, whichever engine reported them (stage 7 applies the same to its own).
  applyToolDiagnosticSettings(cwd, files, config);

  // 5b. Baseline: findings accepted in the OpenAPI ignore file or counted in the bulk suppressions
  //     file are moved to `suppressed` (and --suppress-all / --prune-suppressions rewrite the
  //     latter). Before stage 6, so the counts see warnings whatever `quiet` drops.
  const linted = [...discovered.code, ...discovered.openapi].map((f) => path.relative(cwd, f).split(path.sep).join('/'));
  const unusedSuppressions = baseline.apply(files, linted);

  // 6. Findings: masked, filtered by `quiet`, ordered, fingerprinted.
  const quiet = !!options.quiet;
  const suppressed = finishFindings(cwd, files, quiet);

  // 7. Diagnostics: skipped files, the too-large and unreadable ones as located findings.
  const diagnostics = skippedDiagnostics(cwd, skippedEntries, quiet, (results) => applyToolDiagnosticSettings(cwd, results, config));
  files.push(...diagnostics.results);
  files.sort(byFile);

  // 8. Report.
  const report = buildReport({ cwd, preset, files, skipped: diagnostics.skipped, suppressed });
  if (unusedSuppressions.length > 0) report.unusedSuppressions = unusedSuppressions;
  if (notices.length > 0) report.notices = notices;
  return report;
}
