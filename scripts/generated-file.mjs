/**
 * What the generator scripts share: a file the build writes from the sources, committed, and
 * checked by `--check` (exit 1 when out of date) instead of written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const checking = process.argv.includes('--check');

/**
 * Writes `text` to `file` when it differs (or, with `--check`, reports it): true when the file was
 * already current.
 */
export function updateGenerated(file, text) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // first run
  }
  if (current === text) return true;
  if (!checking) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return false;
}

/** Ends a `--check` run: exit 1 naming what is out of date and how to regenerate it. */
export function reportStale(stale, how) {
  if (checking && stale.length) {
    console.error(`${stale.join(', ')} out of date: ${how}`);
    process.exit(1);
  }
}
