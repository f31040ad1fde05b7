/**
 * The CLI's hold on the files on disk. A CLI run lints a tree that does not change under it, so
 * what the model and the drift check learn from the file system (a file's stat, a directory's
 * listing, the documents and their pairs) is learnt once per run; an editor's process rechecks
 * (the drift check every second, the model on every question). Its own module so that the CLI
 * takes the hold before it starts the code engine without loading the drift check or the project
 * model, which a code-only run over oxlint never needs in the CLI's process.
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
 * For one `lint()` run (and oxlint's process, which is one run): files do not change during it,
 * so they are looked at once, and afresh for each run (a long-lived process calling `lint()`
 * again sees the files as they are then). The returned function ends the hold.
 */
export function holdFileLayout(): () => void {
  hold.generation++;
  hold.recheckMs = Number.POSITIVE_INFINITY;
  hold.since = Date.now();
  return () => {
    hold.generation++;
    hold.recheckMs = 1000;
    hold.since = Number.NEGATIVE_INFINITY;
  };
}
