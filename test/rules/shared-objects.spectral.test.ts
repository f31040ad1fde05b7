/**
 * One finding per shared object, also when the object lives in another file: each use of an
 * external `$ref` lands on the same place of that file, and is reported there once, saying how
 * many more uses it stands for. Real Spectral through `lint()`, as the CLI runs it (file refs need files).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { tempTrees } from '../helpers/temp-tree.js';

const tmp = tempTrees('backlint-shared-');

const MAIN = `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /droplets:
    get:
      responses:
        '200':
          $ref: 'responses/metrics.yml'
  /volumes:
    get:
      responses:
        '200':
          $ref: 'responses/metrics.yml'
  /images:
    get:
      responses:
        '200':
          $ref: 'responses/metrics.yml'
  /sizes:
    get:
      responses:
        '200':
          description: inline, its own finding
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string } } }
`;

const METRICS = `description: metrics
content:
  application/json:
    schema:
      type: object
      properties:
        value: { type: number }
`;

describe('one finding per shared object in an external file', () => {
  it('reports an external response used three times once, with the count; in-document objects as before', async () => {
    const cwd = tmp({ 'openapi.yaml': MAIN, 'responses/metrics.yml': METRICS });
    const report = await lint({ paths: ['openapi.yaml'], cwd, preset: 'recommended', config: false });
    const examples = report.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'backlint/require-examples');
    expect(examples.map((f) => [f.file, f.line, f.jsonPath?.join('/'), f.message])).toEqual([
      [
        'openapi.yaml',
        25,
        'paths//sizes/get/responses/200/content/application/json',
        'The application/json 200 response of GET /sizes has no example; add `example`/`examples` to the media type or an example to its schema.',
      ],
      [
        'responses/metrics.yml',
        3,
        'content/application/json',
        'The application/json 200 response of GET /droplets has no example; add `example`/`examples` to the media type or an example to its schema. (The same definition is used in 2 more places.)',
      ],
    ]);
  });
});
