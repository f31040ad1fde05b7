/**
 * The `yaml` package, loaded when a YAML text is first read. The config loader, the OpenAPI
 * ignore file, the drift check's document parser and the hostile-input checks are imported by
 * every process (the CLI's and oxlint's) with the catalog, while most code runs read no YAML at
 * all; loading it up front cost every such process its module load (~30–90 ms here).
 */
import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');
let yaml: YamlModule | undefined;

export function yamlModule(): YamlModule {
  if (!yaml) {
    // The `spectral` CLI evaluates the ruleset bundled as CommonJS: a `require` is given there
    // and `import.meta` is not (as in config/rule-options.ts).
    const load = typeof require === 'function' ? require : createRequire(import.meta.url);
    yaml = load('yaml') as YamlModule;
  }
  return yaml;
}
