/**
 * Packages loaded on first use. The config loader, the OpenAPI ignore file, the drift check's
 * document parser, the hostile-input checks and the example validator are imported by every
 * process (the CLI's and oxlint's) with the catalog, while most code runs read no YAML and
 * validate no example: loading `yaml` (~30–90 ms here) and ajv with its formats (~50 ms) up front
 * cost every such process their module load.
 */
import { createRequire } from 'node:module';

/**
 * A CommonJS package by name. The `spectral` CLI evaluates the ruleset bundled as CommonJS: a
 * `require` is given there and `import.meta` is not.
 */
export function loadPackage(name: string): unknown {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url);
  return load(name);
}

type YamlModule = typeof import('yaml');
let yaml: YamlModule | undefined;

/** The `yaml` package, loaded when a YAML text is first read. */
export function yamlModule(): YamlModule {
  yaml ??= loadPackage('yaml') as YamlModule;
  return yaml;
}
