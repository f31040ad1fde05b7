import spectralParsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { prepareYamlText, SafeYaml } from '../../src/spectral/yaml.js';

const { Yaml } = spectralParsers;

const DOC = `openapi: 3.0.3
base: &base
  a: 1
  b: [x, y]
other: &other
  b: overridden
  c: 3
paths:
  /users:
    get:
      responses:
        '200': {description: ok}
        '200': {description: duplicate, last wins}
  /empty:
  /merged:
    <<: [*base, *other]
    own: yes
list:
  - first
  -
  - {k: v}
`;

/** Every path to a value of `data`, plus some that lead nowhere. */
function paths(data: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(data)) data.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) paths(v, [...prefix, k], out);
  return out;
}

describe('SafeYaml', () => {
  it('locates every path exactly as Spectral YAML parser does (merge keys, duplicates, nulls, misses)', () => {
    const ours = SafeYaml.parse(DOC);
    const theirs = Yaml.parse(DOC);
    const all = paths(theirs.data);
    all.push(['paths', '/users', 'get', 'nope'], ['list', 5], ['list', '1'], ['list', 1, 'k'], ['paths', '/merged', 'c'], ['nope', 'deeper']);
    expect(all.length).toBeGreaterThan(25);
    for (const p of all) {
      for (const closest of [false, true]) {
        expect(SafeYaml.getLocationForJsonPath(ours, p, closest), `${JSON.stringify(p)} closest=${closest}`).toEqual(
          Yaml.getLocationForJsonPath(theirs, p, closest),
        );
      }
    }
  });

  it('keeps the prototype of a map whose key spells __proto__ with escapes or a line continuation', () => {
    for (const key of ['"\\x5f_proto__"', '"\\u005f_proto__"', '"\\U0000005f_proto__"', '"__pro\\\n  to__"', '"__pro\\\r\n  to__"']) {
      const parsed = SafeYaml.parse(`a: 1\n${key}: {x: 1}\nb: "tab\\there"\n`);
      expect(Object.getPrototypeOf(parsed.data), key).toBe(Object.prototype);
      expect(Object.keys(parsed.data as object), key).toEqual(['a']);
    }
    // Escapes that cannot spell it leave the parser's result as it is.
    const plain = SafeYaml.parse('a: "tab\\there \\"quoted\\" back\\\\slash"\n');
    expect(plain.data).toEqual({ a: 'tab\there "quoted" back\\slash' });
  });

  it('prepares text without moving anything: same length, same line breaks', () => {
    const text = '%YAML 1.1\n---\na: !!binary |\n  R0lG\nb: [!!str x, "!!kept"]\nc: |\n  !!kept too\n__proto__: {x: 1}\n';
    const prepared = prepareYamlText(text);
    expect(prepared.length).toBe(text.length);
    expect(prepared.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
    expect(prepared).toContain('#YAML 1.1');
    expect(prepared).not.toContain('!!binary');
    expect(prepared).not.toContain('!!str');
    expect(prepared).toContain('"!!kept"');
    expect(prepared).toContain('!!kept too');
    const parsed = SafeYaml.parse(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(JSON.parse(JSON.stringify(parsed.data))).toEqual({ a: 'R0lG\n', b: ['x', '!!kept'], c: '!!kept too\n', ['__proto__']: { x: 1 } });
    expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
    expect(SafeYaml.getLocationForJsonPath(parsed, ['__proto__', 'x'])?.range.start).toEqual({ line: 7, character: 15 });
  });
});
