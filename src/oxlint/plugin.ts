/**
 * The plugin as oxlint loads it: from the configs the package ships (`oxlint/<preset>.json`) and
 * through the `backlint/oxlint` export that `backlint oxlint-config` names. It is the ESLint
 * plugin, using the packages the build joined into one file each (lazy-modules.ts) — an oxlint
 * process loads them for no one else — and the build joins this module itself into one file
 * (scripts/bundle.mjs), as it does the CLI's own oxlint host: oxlint loads the plugin on every
 * run, before its first file.
 */
import plugin from '../eslint/plugin.js';
import { useVendoredPackages } from '../lazy-modules.js';

useVendoredPackages();

export default plugin;
