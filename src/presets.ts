/** The rule presets by name: apart from the catalog, which loads every rule. */
export type Preset = 'recommended' | 'strict';
export const PRESETS: readonly Preset[] = ['recommended', 'strict'];
