/**
 * `--shard i/n` (LintOptions.shard): one part of the discovered files, so a CI matrix (GitHub
 * Actions `strategy.matrix`, GitLab `parallel`) splits a large repository; `backlint merge` joins
 * the parts' JSON reports.
 *
 * The split: every job discovers the same files (same checkout, same config), sorted by path;
 * shard i of n takes the i-th of n contiguous, equal-sized ranges of the code files, and likewise
 * of the OpenAPI documents and of the skipped entries. Contiguous ranges keep a directory's files
 * together, so the parts of the project model each job builds overlap less than with a
 * round-robin deal. A shard's findings for a file are the findings an unsharded run reports for
 * it: cross-file rules read the whole project whatever the shard, and documents go only to shards
 * that have code files (the document side of spec-drift runs only in a run that lints code).
 */

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

/** Part `part` (0-based) of `parts` contiguous ranges of `items`, sizes differing by at most one. */
export function range<T>(items: readonly T[], part: number, parts: number): T[] {
  return items.slice(Math.floor((part * items.length) / parts), Math.floor(((part + 1) * items.length) / parts));
}

/** Which files of a discovery shard `shard` lints. */
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
