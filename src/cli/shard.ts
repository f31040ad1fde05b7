/**
 * `--shard i/n`: lint one part of the files, so a CI matrix (GitHub Actions `strategy.matrix`,
 * GitLab `parallel`) splits a large repository; `backlint merge` joins the parts' JSON reports.
 *
 * The split: every job discovers the same files (same checkout, same config), sorted by path;
 * shard i of n takes the i-th of n contiguous, equal-sized ranges of the code files, and likewise
 * of the OpenAPI documents and of the skipped entries. Contiguous ranges keep a directory's files
 * together, so the parts of the project model each job builds overlap less than with a
 * round-robin deal. A shard's findings for a file are the findings an unsharded run reports for
 * it: cross-file rules read the whole project whatever the shard, and documents go only to shards
 * that have code files (the document side of spec-drift runs only in a run that lints code).
 *
 * The split is made here, over `lint()`, and lint() is given the shard's files by name: a named
 * file is linted exactly as the walk would lint it (the walk already chose it). Skipped entries
 * are added to the shard's report the way lint() adds them, so the merged report lists each once.
 */
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { LintOptions } from '../pipeline/index.js';
import type { Report } from '../report/model.js';
import { mergeReports } from '../report/merge.js';
import { PACKAGE } from '../package-info.js';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!(index >= 1 && total >= 1 && index <= total)) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. 2/4');
  return { index, total };
}

/** Part `part` (0-based) of `parts` contiguous ranges of `items`, sizes differing by at most one. */
export function range<T>(items: readonly T[], part: number, parts: number): T[] {
  return items.slice(Math.floor((part * items.length) / parts), Math.floor(((part + 1) * items.length) / parts));
}

/** Which files of a discovery shard `shard` lints. Pure, for the tests. */
export function shardFiles<S>(
  discovered: { code: readonly string[]; openapi: readonly string[]; skipped: readonly S[] },
  shard: Shard,
): { code: string[]; openapi: string[]; skipped: S[] } {
  const k = shard.index - 1;
  const n = shard.total;
  const code = range(discovered.code, k, n);
  // Documents are dealt among the shards that have code when there is any (see above).
  const withCode = discovered.code.length ? [...Array(n).keys()].filter((i) => range(discovered.code, i, n).length > 0) : [...Array(n).keys()];
  const slot = withCode.indexOf(k);
  const openapi = slot === -1 ? [] : range(discovered.openapi, slot, withCode.length);
  return { code, openapi, skipped: range(discovered.skipped, k, n) };
}

function emptyReport(cwd: string, preset: Report['preset']): Report {
  return {
    version: 1,
    tool: { name: 'backlint', version: PACKAGE.version },
    cwd,
    preset,
    files: [],
    skipped: [],
    summary: { files: 0, codeFiles: 0, openapiFiles: 0, errors: 0, warnings: 0, skipped: 0, suppressed: 0 },
    rules: [],
  };
}

export async function lintShard(options: LintOptions, shard: Shard): Promise<Report> {
  const [{ lint }, { resolveRun }, { discoverFiles }, { skippedDiagnostics }] = await Promise.all([
    import('../pipeline/index.js'),
    import('../pipeline/options.js'),
    import('../pipeline/discover.js'),
    import('../pipeline/diagnostics.js'),
  ]);
  // The same discovery lint() makes (its stage 2): config ignores, --ignore-pattern, size limits.
  const { cwd, config, preset } = resolveRun(options);
  const ignores = [];
  if (config.ignore?.length) ignores.push({ baseDir: config.baseDir, globs: config.ignore, reason: 'config-ignore' as const });
  if (options.ignorePatterns?.length) ignores.push({ baseDir: cwd, globs: options.ignorePatterns, reason: 'ignore-pattern' as const });
  const maxCodeFileBytes = options.maxCodeFileBytes ?? config.limits?.maxCodeFileBytes;
  const maxDocumentBytes = options.maxDocumentBytes ?? config.limits?.maxDocumentBytes;
  const discovered = await discoverFiles({
    cwd,
    paths: options.paths ?? ['.'],
    ignores,
    limits: {
      ...(maxCodeFileBytes !== undefined ? { maxCodeFileBytes } : {}),
      ...(maxDocumentBytes !== undefined ? { maxDocumentBytes } : {}),
    },
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
  const mine = shardFiles(discovered, shard);
  const named = [...mine.code, ...mine.openapi].map((abs) => path.relative(cwd, abs) || '.');
  // No files: not lint({ paths: [] }), which would mean the whole directory.
  const linted = named.length ? await lint({ ...options, paths: named, onSkip: () => {} }) : emptyReport(cwd, preset);
  const diagnostics = skippedDiagnostics(cwd, mine.skipped, !!options.quiet);
  return mergeReports([linted, { ...emptyReport(cwd, preset), files: diagnostics.results, skipped: diagnostics.skipped }]);
}
