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
 * - A character device, pipe or socket at the output path (`-o /dev/null`, a FIFO a CI step reads)
 *   is written in place, never removed or renamed over: doing so as root replaced the system's
 *   /dev/null with a regular file, which then broke every later child process's ignored stdio. A
 *   symlink to one, or a block device, is refused: a link could have been planted by the
 *   repository being linted, and nothing of ours belongs on a disk device.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { BacklintUsageError } from '../config/errors.js';

function cannotWrite(output: string, e: unknown): BacklintUsageError {
  return new BacklintUsageError(`Cannot write the report to ${output}: ${(e as Error).message}`);
}

const isStream = (s: Stats): boolean => s.isCharacterDevice() || s.isFIFO() || s.isSocket();

/** What is at `file` now, without following a link; undefined when nothing is. */
function existing(file: string, output: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotWrite(output, e);
  }
}

/** Refuses what is never written: a block device, or a link to a device, pipe or socket. */
function refuseSpecial(file: string, output: string, stat: Stats): void {
  if (stat.isBlockDevice()) throw new BacklintUsageError(`Cannot write the report to ${output}: it is a block device`);
  if (stat.isSymbolicLink()) {
    let target: Stats | undefined;
    try {
      target = statSync(file);
    } catch {
      // intentionally ignored: a dangling link is removed like any other
    }
    if (target && (isStream(target) || target.isBlockDevice())) {
      throw new BacklintUsageError(`Cannot write the report to ${output}: it is a link to a device, pipe or socket (name it directly, or leave out --output for standard output)`);
    }
  }
}

/** Removes a previous report at `file` (absolute); `output` is the path as the user wrote it. */
export function clearOutput(file: string, output: string): void {
  const stat = existing(file, output);
  if (!stat || isStream(stat)) return;
  if (stat.isDirectory()) throw new BacklintUsageError(`Cannot write the report to ${output}: it is a directory`);
  refuseSpecial(file, output, stat);
  try {
    unlinkSync(file);
  } catch (e) {
    throw cannotWrite(output, e);
  }
}

/** Writes `text` to a device, pipe or socket at `file`, in place. */
function writeInPlace(file: string, output: string, text: string): void {
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: had the path become a link since it was looked at, nothing is written through it.
    fd = openSync(file, constants.O_WRONLY | constants.O_NOFOLLOW);
    const data = Buffer.from(text, 'utf8');
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off);
  } catch (e) {
    throw cannotWrite(output, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `text` to `file` (absolute) atomically: a temporary file in the same directory, then
 * rename; to a device, pipe or socket there, in place.
 */
export function writeOutputFile(file: string, output: string, text: string): void {
  const stat = existing(file, output);
  if (stat && isStream(stat)) return writeInPlace(file, output, text);
  if (stat) refuseSpecial(file, output, stat);
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
