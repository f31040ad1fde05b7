/**
 * Packages loaded on first use. The config loader, the OpenAPI ignore file, the drift check's
 * document parser, the hostile-input checks and the example validator are imported by every
 * process (the CLI's and oxlint's) with the catalog, while most code runs read no YAML and
 * validate no example: loading `yaml` (~30–90 ms here) and ajv with its formats (~50 ms) up front
 * cost every such process their module load.
 *
 * Some of them the build also joins into one file each (dist/vendor/, by
 * scripts/bundle.mjs): a package of many small CommonJS modules loads in about half
 * the time as one. Only oxlint's process uses those copies (`useVendoredPackages`, called by its
 * host): there nothing else loads these packages, so no second copy of one can meet the first.
 * Where ESLint runs, its own copies of the scope manager and SourceCode are the ones to share.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** ESLint's SourceCode module, without ESLint's entry (project/files.ts). */
export const ESLINT_SOURCE_CODE = 'eslint/lib/languages/js/source-code';

/** What the build joins, and the file each becomes in dist/vendor/. */
export const VENDORED: Readonly<Record<string, string>> = {
  yaml: 'yaml.cjs',
  '@typescript-eslint/scope-manager': 'scope-manager.cjs',
  '@typescript-eslint/visitor-keys': 'visitor-keys.cjs',
  [ESLINT_SOURCE_CODE]: 'eslint-source-code.cjs',
};

let vendorDir: string | undefined;

/** Prefer the joined copies from here on (oxlint's process only; see above). */
export function useVendoredPackages(): void {
  // dist/vendor/ beside dist/src/, where this module and the host bundle both sit.
  vendorDir = fileURLToPath(new URL('../vendor/', import.meta.url));
}

function loader(): NodeJS.Require {
  return typeof require === 'function' ? require : createRequire(import.meta.url);
}

/** The joined copy of `name`, when this process uses them and the build made one. */
export function loadVendored(name: string): unknown {
  const file = vendorDir !== undefined && VENDORED[name] !== undefined ? vendorDir + VENDORED[name] : undefined;
  return file !== undefined && existsSync(file) ? loader()(file) : undefined;
}

/**
 * A CommonJS package by name. The `spectral` CLI evaluates the ruleset bundled as CommonJS: a
 * `require` is given there and `import.meta` is not.
 */
export function loadPackage(name: string): unknown {
  return loadVendored(name) ?? loader()(name);
}

type YamlModule = typeof import('yaml');
let yaml: YamlModule | undefined;

/** The `yaml` package, loaded when a YAML text is first read. */
export function yamlModule(): YamlModule {
  yaml ??= loadPackage('yaml') as YamlModule;
  return yaml;
}
