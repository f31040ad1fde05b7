/**
 * `backlint merge <reports...>`: the JSON reports of a sharded run (or of any runs over parts of
 * one repository) as one report, printed in the usual formats with the usual exit code. A CI
 * matrix lints `--shard i/n` per job with `--format json:part-i.json`, and one final job merges.
 * Suppressions the shards found unused fail the merge as they fail a run (exit 2).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BacklintUsageError } from '../config/errors.js';
import { mergeReports, parseJsonReport } from '../report/merge.js';
import { emitReport, resolveOutputs, startOutputs, writeNotices, type Io, type OutputFlags } from './outputs.js';
import { failOnUnusedSuppressions } from './unused-suppressions.js';

export interface MergeFlags extends OutputFlags {
  passOnUnprunedSuppressions?: boolean;
}

export async function runMerge(io: Io, files: readonly string[], flags: MergeFlags): Promise<number> {
  const outputs = resolveOutputs(flags, io.cwd);
  const reports = files.map((file) => {
    let text: string;
    try {
      text = readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (e) {
      throw new BacklintUsageError(`Cannot read the report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return parseJsonReport(text, file);
  });
  // Read first: merging into a file that is also an input must not delete the input.
  startOutputs(io, outputs);
  const report = mergeReports(reports);
  const code = await emitReport(io, report, outputs, flags);
  writeNotices(io.stderr, report);
  // Each shard compared the suppressions of the files it linted, so the merged list is the one an
  // unsharded run finds: the same message and exit code.
  return failOnUnusedSuppressions(io.stderr, report, flags.passOnUnprunedSuppressions) ? 2 : code;
}
