/**
 * Offsets to lines: the one binary search over line starts that the model's parser (oxc's
 * offsets to `loc`), the drift check (JSON keys to lines) and the Spectral face's lazy JSON
 * (offsets to ranges) share.
 */

/** Offsets where each line starts, counting `\n` only (JSON and YAML documents). */
export function newlineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based index of the line `offset` lies on, given the offsets where lines start. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
