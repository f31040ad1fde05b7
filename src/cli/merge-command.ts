/**
 * `backlint merge <reports...>`: the JSON reports of a sharded run (or of any runs over parts of
 * one repository) as one report, printed in the usual formats with the usual exit code. A CI
 * matrix lints `--shard i/n` per job with `--format json:part-i.json`, and one final job merges.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BacklintUsageError } from '../config/errors.js';
import { mergeReports, parseJsonReport } from '../report/merge.js';
import { emitReport, resolveOutputs, startOutputs, type Io, type OutputFlags } from './outputs.js';

export async function runMerge(io: Io, files: readonly string[], flags: OutputFlags): Promise<number> {
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
  return emitReport(io, mergeReports(reports), outputs, flags);
}
