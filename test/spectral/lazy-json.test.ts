import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import spectralParsers from '@stoplight/spectral-parsers';
import { LazyJson } from '../../src/spectral/lazy-json.js';

const { Json } = spectralParsers;
const here = path.dirname(fileURLToPath(import.meta.url));

function allPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  return out;
}

function compare(text: string, sample = Infinity) {
  const ours = LazyJson.parse(text);
  const theirs = Json.parse(text);
  if (text.length < 10_000) expect(ours.data).toEqual(JSON.parse(JSON.stringify(theirs.data)));
  let paths = allPaths(ours.data);
  if (paths.length > sample) {
    const step = Math.floor(paths.length / sample);
    paths = paths.filter((_, i) => i % step === 0);
  }
  const missing = [...paths.slice(0, 50).map((p) => [...p, 'nope', 3]), ['paths', 'nope'], [999]];
  const got = paths.map((p) => [p, LazyJson.getLocationForJsonPath(ours, p)]);
  const want = paths.map((p) => [p, Json.getLocationForJsonPath(theirs, p as never)]);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  for (const p of missing) {
    expect([p, LazyJson.getLocationForJsonPath(ours, p, true)]).toEqual([p, Json.getLocationForJsonPath(theirs, p as never, true)]);
    expect(LazyJson.getLocationForJsonPath(ours, p, false)).toEqual(Json.getLocationForJsonPath(theirs, p as never, false));
  }
}

describe('LazyJson', () => {
  it('finds the same locations as Spectral’s JSON parser (escapes, unicode, nesting, layout)', () => {
    const text = `{"openapi":"3.0.3" , "a\\"b":{"x":[1, 2.5e3,{"y":null}],"z":"q\\\\"},
  "paths": {
    "/u/{id}": { "get": { "responses": { "200": {"description": "ok \\u00e9 \\"}"}, "404": { } } } }
  },
  "arr": [ [], [[]], {"k": true}, false ],
  "ü": "naïve"
}`;
    compare(text);
  });

  it('falls back to Spectral’s parser (located syntax errors) on invalid JSON', () => {
    const result = LazyJson.parse('{"a": [1, }');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(LazyJson.getLocationForJsonPath(result, ['a'])).toEqual(Json.getLocationForJsonPath(Json.parse('{"a": [1, }'), ['a']));
  });

  const box = path.resolve(here, '../../../shared/corpus/openapi/box.json');
  it.skipIf(!existsSync(box))('matches Spectral on a real 1.8 MB description (sampled paths)', () => {
    compare(readFileSync(box, 'utf8'), 3000);
  });
});
