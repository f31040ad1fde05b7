/**
 * The CLI's hold on the drift check's view of the files. A CLI run lints a tree that does not
 * change under it, so documents and pairs are found once per run; an editor's process rechecks
 * every second. Its own module so that the CLI takes the hold before it starts the code engine
 * without loading the drift check (and the project model under it), which a code-only run over
 * oxlint never needs in the CLI's process.
 */
export const hold = {
  /** How long answers about the files on disk are trusted before their mtimes are checked again. */
  recheckMs: 1000,
  /** When the current hold began: the project listing is reused only from a walk made since. */
  since: Number.NEGATIVE_INFINITY,
  /** Bumped when a hold begins or ends: answers kept for one hold are not trusted by the next. */
  generation: 0,
};

export const isHeld = (): boolean => hold.recheckMs === Number.POSITIVE_INFINITY;

/**
 * For one `lint()` run: files do not change during it, so documents and pairs are found once, and
 * afresh for each run (a long-lived process calling `lint()` again sees the files as they are then).
 * The returned function ends the hold.
 */
export function holdDriftLayout(): () => void {
  hold.generation++;
  hold.recheckMs = Number.POSITIVE_INFINITY;
  hold.since = Date.now();
  return () => {
    hold.generation++;
    hold.recheckMs = 1000;
    hold.since = Number.NEGATIVE_INFINITY;
  };
}
