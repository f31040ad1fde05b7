/**
 * `--output FILE`: the report file is either absent or complete, never truncated or stale.
 *
 * - As the run starts, a report left by a previous run is removed (`clearOutput`), so a run that
 *   crashes or is killed leaves no report for a later CI step to mistake for this run's.
 * - At the end the report is written to a temporary file next to the target and renamed over it
 *   (`writeOutputFile`): rename is atomic within a directory, so a reader sees the whole report or
 *   nothing. The temporary file is removed when writing fails.
 * - Neither step follows a symlink planted at the output path: unlink and rename act on the link
 *   itself, and the temporary file is created exclusively (O_EXCL), so no other file is ever
 *   written through the output path.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { BacklintUsageError } from '../config/errors.js';

function cannotWrite(output: string, e: unknown): BacklintUsageError {
  return new BacklintUsageError(`Cannot write the report to ${output}: ${(e as Error).message}`);
}

/** Removes a previous report at `file` (absolute); `output` is the path as the user wrote it. */
export function clearOutput(file: string, output: string): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw cannotWrite(output, e);
  }
  if (stat.isDirectory()) throw new BacklintUsageError(`Cannot write the report to ${output}: it is a directory`);
  try {
    unlinkSync(file);
  } catch (e) {
    throw cannotWrite(output, e);
  }
}

/** Writes `text` to `file` (absolute) atomically: a temporary file in the same directory, then rename. */
export function writeOutputFile(file: string, output: string, text: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(temp, 'wx');
    const data = Buffer.from(text, 'utf8');
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off);
    // Without fsync a power loss after the rename can leave an empty file under the final name.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // intentionally ignored: the write error below is the one worth reporting.
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // intentionally ignored: the temporary file may never have been created.
    }
    throw cannotWrite(output, e);
  }
}
