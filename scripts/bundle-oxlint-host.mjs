#!/usr/bin/env node
/**
 * Writes dist/src/oxlint-host.bundle.js: the module the CLI's oxlint process loads as its JS
 * plugin (src/pipeline/engines/oxlint-host.ts, i.e. every rule and the analysis), as one file.
 * Node's ESM loader spends ~0.5 ms per module on resolving, reading and linking; the host is
 * ~300 of our modules, and the oxlint process loads it on every run, before its first file —
 * ~180 ms of a one-file run, ~60 ms bundled. Packages stay imports (loaded from node_modules as
 * usual); only backlint's own modules are joined.
 *
 * The bundle sits in dist/src/ on purpose: modules that find files relative to their own URL
 * (catalog.ts's `../rules/catalog.json`, package-info.ts walking up to package.json) resolve the
 * same from there as from their own place in dist/src/. `npm run build` runs this after the
 * compile and the catalog; the CLI falls back to the unbundled host where the bundle is missing.
 *
 * It also joins each package in lazy-modules.ts's VENDORED list into dist/vendor/<file>.cjs (the
 * scope manager, ESLint's SourceCode, yaml: many small CommonJS modules each, loaded by oxlint's
 * process on the model's first parse and the drift check's first document).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isPackage = (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('file:') && !id.startsWith('\0');

const bundle = await rolldown({
  input: path.join(root, 'dist/src/pipeline/engines/oxlint-host.js'),
  platform: 'node',
  external: isPackage,
  logLevel: 'warn',
});
await bundle.write({ file: path.join(root, 'dist/src/oxlint-host.bundle.js'), format: 'esm' });
await bundle.close();

const { ESLINT_SOURCE_CODE, VENDORED } = await import(pathToFileURL(path.join(root, 'dist/src/lazy-modules.js')).href);
const require = createRequire(import.meta.url);
// ESLint's package exports do not name this module; project/files.ts finds it the same way.
const entryOf = (name) => (name === ESLINT_SOURCE_CODE ? path.join(path.dirname(require.resolve('eslint')), 'languages/js/source-code/index.js') : require.resolve(name));
for (const [name, file] of Object.entries(VENDORED)) {
  const vendored = await rolldown({ input: entryOf(name), platform: 'node', logLevel: 'silent' });
  await vendored.write({ file: path.join(root, 'dist/vendor', file), format: 'cjs' });
  await vendored.close();
}
