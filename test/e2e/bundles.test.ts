/**
 * The OpenAPI runner as the build joins it (dist/src/spectral-run.bundle.js, scripts/bundle.mjs):
 * the CLI loads it instead of the runner's modules and the rules one by one, so it must hold
 * exactly the rules with a Spectral face and lint exactly as the modules do.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRules, hasEngine } from '../../src/catalog.js';
import type { LintOpenApiFiles } from '../../src/pipeline/engines/spectral.js';
import { spectralFaces } from '../../src/spectral/faces.js';
import { lintOpenApiFiles } from '../../src/spectral/run.js';
import { assertBuilt, ROOT } from '../cli/helpers.js';

beforeAll(() => assertBuilt());

describe('dist/src/spectral-run.bundle.js', () => {
  it('holds the rules with a Spectral face, and lints the fixtures as the modules do', async () => {
    const bundle = path.join(ROOT, 'dist/src/spectral-run.bundle.js');
    expect(existsSync(bundle)).toBe(true);
    const bundled = (await import(pathToFileURL(bundle).href)) as { lintOpenApiFiles: LintOpenApiFiles; spectralFaces: typeof spectralFaces };
    const docs = ['fixtures/openapi/oas30.yaml', 'fixtures/openapi/oas31.yaml', 'fixtures/openapi/swagger20.yaml', 'fixtures/openapi/multi-file/openapi.yaml'];
    for (const preset of ['recommended', 'strict'] as const) {
      const opts = { cwd: ROOT, preset };
      const [fromBundle, fromModules] = await Promise.all([bundled.lintOpenApiFiles(docs, opts), lintOpenApiFiles(docs, opts)]);
      expect(fromBundle).toEqual(fromModules);
      expect(fromBundle.flatMap((f) => f.findings).length).toBeGreaterThan(10);
    }
    const faces = getRules().filter((r) => hasEngine(r, 'spectral')).map((r) => r.id).sort();
    expect((await bundled.spectralFaces()).map((r) => r.id).sort()).toEqual(faces);
    expect((await spectralFaces()).map((r) => r.id).sort()).toEqual(faces);
  }, 60_000);
});
