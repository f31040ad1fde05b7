/**
 * The rules with a Spectral face, each loaded from its own module (the catalog says which they
 * are): the CLI's run over documents loads neither the code-only rules nor what they load.
 */
import { getRules, hasEngine } from '../catalog.js';
import type { BacklintRule } from '../rule.js';

let loading: Promise<readonly BacklintRule[]> | undefined;

/** The rules, given by a bundle that holds them (scripts/bundle.mjs) instead of loading each. */
export function provideSpectralFaces(rules: readonly BacklintRule[]): void {
  loading = Promise.resolve(rules);
}

export function spectralFaces(): Promise<readonly BacklintRule[]> {
  // The ids are the catalog's own (rules/catalog.json), never input.
  loading ??= Promise.all(
    getRules()
      .filter((r) => hasEngine(r, 'spectral'))
      .map(async (r) => {
        const specifier = `../../rules/${r.id}.js`;
        // Resolved at run time (vitest maps it to the .ts source like any other import).
        return ((await import(/* @vite-ignore */ specifier)) as { default: BacklintRule }).default;
      }),
  );
  return loading;
}
