#!/usr/bin/env node
/**
 * Joins what a run loads on every start into few files. Node's ESM loader spends ~0.5 ms per
 * module on resolving, reading and linking, whatever the module's size; backlint's own code is
 * ~300 modules. `npm run build` runs this after the compile and the catalog; where a bundle is
 * missing (the sources under vitest) its users load the modules as compiled.
 *
 * - dist/src/oxlint-host.bundle.js: the JS plugin the CLI's oxlint process loads before its first
 *   file (src/pipeline/engines/oxlint-host.ts: every rule and the analysis). ~180 ms -> ~65 ms.
 * - dist/src/oxlint-plugin.bundle.js: the plugin users' oxlint loads (src/oxlint/plugin.ts, named
 *   by the shipped oxlint/<preset>.json and the package's `./oxlint` export).
 * - dist/src/spectral-run.bundle.js: the OpenAPI runner (src/spectral/run.ts) with the rules that
 *   have a Spectral face, given to it at load (faces.ts's provideSpectralFaces) instead of loaded
 *   one by one.
 * - dist/vendor/<file>.cjs: each package in lazy-modules.ts's VENDORED list, joined (the scope
 *   manager, ESLint's SourceCode, yaml: many small CommonJS modules each), for oxlint processes.
 *
 * Only backlint's own modules are joined into the two bundles: packages stay imports, so each is
 * loaded once per process whatever loads it. The bundles sit in dist/src/ on purpose: modules
 * that find files relative to their own URL (catalog.ts's `../rules/catalog.json`, lazy-modules'
 * `../vendor/`, package-info.ts walking up to package.json) resolve the same from there.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (...p) => path.join(root, 'dist', ...p);
const isPackage = (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('file:') && !id.startsWith('\0');

async function join(input, file, options = {}) {
  const bundle = await rolldown({ input, platform: 'node', logLevel: 'warn', ...options });
  await bundle.write({ file, format: file.endsWith('.cjs') ? 'cjs' : 'esm' });
  await bundle.close();
}

await join(dist('src/pipeline/engines/oxlint-host.js'), dist('src/oxlint-host.bundle.js'), { external: isPackage });
await join(dist('src/oxlint/plugin.js'), dist('src/oxlint-plugin.bundle.js'), { external: isPackage });

// The runner's entry: the rules with a Spectral face (the catalog says which), handed over at load.
const catalog = JSON.parse(readFileSync(dist('rules/catalog.json'), 'utf8'));
const faces = catalog.filter((r) => r.engines.includes('spectral')).map((r) => r.id);
const tmp = mkdtempSync(path.join(tmpdir(), 'backlint-bundle-'));
const entry = path.join(tmp, 'spectral-run.js');
const url = (p) => JSON.stringify(pathToFileURL(p).href);
writeFileSync(
  entry,
  [
    `import { provideSpectralFaces, spectralFaces } from ${url(dist('src/spectral/faces.js'))};`,
    ...faces.map((id, i) => `import rule${i} from ${url(dist('rules', `${id}.js`))};`),
    `provideSpectralFaces([${faces.map((_, i) => `rule${i}`).join(', ')}]);`,
    `export { lintOpenApiFiles } from ${url(dist('src/spectral/run.js'))};`,
    'export { spectralFaces };',
    '',
  ].join('\n'),
);
try {
  await join(entry, dist('src/spectral-run.bundle.js'), { external: isPackage });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const { ESLINT_SOURCE_CODE, VENDORED } = await import(pathToFileURL(dist('src/lazy-modules.js')).href);
const require = createRequire(import.meta.url);
// ESLint's package exports do not name this module; project/files.ts finds it the same way.
const entryOf = (name) => (name === ESLINT_SOURCE_CODE ? path.join(path.dirname(require.resolve('eslint')), 'languages/js/source-code/index.js') : require.resolve(name));
for (const [name, file] of Object.entries(VENDORED)) await join(entryOf(name), dist('vendor', file), { logLevel: 'silent' });
