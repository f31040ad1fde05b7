import spectralParsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { types } from 'node:util';
import { mayHoldTagOrDirective, prepareYamlText, SafeYaml, withPlainYamlParse } from '../../src/spectral/yaml.js';
import { parseYamlPlain, plainYamlParser, SPECTRAL_YAML_OPTIONS } from '../../src/spectral/yaml-plain.js';

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

  it('keeps a key that spells __proto__ with escapes as an own member, and the prototype', () => {
    for (const key of ['"\\x5f_proto__"', '"\\u005f_proto__"', '"\\U0000005f_proto__"']) {
      const parsed = SafeYaml.parse(`a: 1\n${key}: {x: 1}\nb: "tab\\there"\n`);
      expect(Object.getPrototypeOf(parsed.data), key).toBe(Object.prototype);
      expect(Object.keys(parsed.data as object), key).toEqual(['a', '__proto__', 'b']);
      expect(Object.getOwnPropertyDescriptor(parsed.data, '__proto__')?.value, key).toEqual({ x: 1 });
      // Spectral's own parse swaps the prototype instead (the reason SafeYaml exists).
      expect(Object.keys(Yaml.parse(`a: 1\n${key}: {x: 1}\n`).data as object), key).not.toContain('__proto__');
    }
    // Joined by an escaped line break, the key spans lines: a syntax error, and the map ends there.
    for (const key of ['"__pro\\\n  to__"', '"__pro\\\r\n  to__"']) {
      const parsed = SafeYaml.parse(`a: 1\n${key}: {x: 1}\nb: "tab\\there"\n`);
      expect(Object.getPrototypeOf(parsed.data), key).toBe(Object.prototype);
      expect(Object.keys(parsed.data as object), key).toEqual(['a']);
      expect(parsed.diagnostics[0]?.message, key).toBe('can not read a block mapping entry; a multiline key may not be an implicit key');
    }
    // Escapes that cannot spell it leave the parser's result as it is.
    const plain = SafeYaml.parse('a: "tab\\there \\"quoted\\" back\\\\slash"\n');
    expect(plain.data).toEqual({ a: 'tab\there "quoted" back\\slash' });
  });

  it('looks for a tag or directive where the regex would find one', () => {
    const chars = ['!', '%', '\n', '\r', '\u2028', ' ', 'a', '[', ','];
    let texts = [''];
    let checked = 0;
    for (let len = 1; len <= 4; len++) {
      texts = texts.flatMap((t) => chars.map((c) => t + c));
      for (const t of texts) {
        expect(mayHoldTagOrDirective(t), JSON.stringify(t)).toBe(/(?:^|[\s[{,])!|^%/m.test(t));
        checked++;
      }
    }
    expect(checked).toBe(9 + 81 + 729 + 6561);
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

  describe('key order', () => {
    // Maps whose plain-object order differs from the document's (a string key before integer-like
    // ones, integer-like keys out of ascending order, a repeated key), reached directly, through
    // sequences and through an alias used twice; and maps whose order a plain object keeps (/c;
    // /d, whose repeated key ends where a plain object puts it).
    const ORDERS = `openapi: 3.1.0
paths:
  /a:
    get:
      responses:
        default: {description: any}
        '200': {description: ok}
  /b:
    get:
      responses:
        '404': {description: missing}
        '200': {description: ok}
  /c:
    get:
      responses:
        '200': {description: ok}
        '201': {description: created}
  /d:
    get:
      responses:
        description: first
        '300': x
        description: again
shared: &codes
  '10': ten
  '9': nine
  name: codes
uses:
  - *codes
  - {x: *codes, '2': two, '1': one}
dupes:
  b: 1
  a: 2
  b: 3
numbers:
  2: two
  0x1: one
  1.5: half
`;

    /** Every map's keys in iteration order, by path. */
    function keyOrders(data: unknown, at = '$', out = new Map<string, string[]>()): Map<string, string[]> {
      if (Array.isArray(data)) data.forEach((v, i) => keyOrders(v, `${at}[${i}]`, out));
      else if (data !== null && typeof data === 'object') {
        out.set(at, Object.keys(data));
        for (const [k, v] of Object.entries(data)) keyOrders(v, `${at}.${k}`, out);
      }
      return out;
    }

    function proxied(data: unknown, at = '$', out: string[] = []): string[] {
      if (Array.isArray(data)) data.forEach((v, i) => proxied(v, `${at}[${i}]`, out));
      else if (data !== null && typeof data === 'object') {
        if (types.isProxy(data)) out.push(at);
        for (const [k, v] of Object.entries(data)) proxied(v, `${at}.${k}`, out);
      }
      return out;
    }

    it('is the one Spectral parse gives, with a Proxy only where a plain object would reorder', () => {
      expect(plainYamlParser()).toBe(true);
      const ours = SafeYaml.parse(ORDERS);
      const theirs = Yaml.parse(ORDERS);
      expect(ours.data).toEqual(theirs.data);
      expect([...keyOrders(ours.data)]).toEqual([...keyOrders(theirs.data)]);
      expect(ours.diagnostics).toEqual(theirs.diagnostics);
      expect(ours.metadata).toEqual(theirs.metadata);
      expect(keyOrders(ours.data).get('$.paths./a.get.responses')).toEqual(['default', '200']);
      expect(keyOrders(ours.data).get('$.dupes')).toEqual(['a', 'b']);
      expect(proxied(ours.data)).toEqual([
        '$.paths./a.get.responses',
        '$.paths./b.get.responses',
        '$.shared',
        '$.uses[0]',
        '$.uses[1]',
        '$.uses[1].x',
        '$.dupes',
        '$.numbers',
      ]);
      // Spectral's own: every map.
      expect(proxied(theirs.data)).toHaveLength(keyOrders(theirs.data).size);
      // An ordered map is built as the parser builds it, its order symbol included.
      const a = (ours.data as { paths: Record<string, { get: { responses: object } }> }).paths['/a'].get.responses;
      const b = (theirs.data as { paths: Record<string, { get: { responses: object } }> }).paths['/a'].get.responses;
      expect(Reflect.ownKeys(a).map(String)).toEqual(Reflect.ownKeys(b).map(String));
    });

    it('gives the data, diagnostics and line map of Spectral parse on malformed and unusual YAML', () => {
      const docs = [
        '',
        'hello',
        '# only a comment\n',
        'a: 1',
        'a: 1\r\nb:\r\n  - x\r\n',
        '? [a, b]\n: complex key\nok: 1\n',
        '200: unquoted\ntrue: yes\n~: tilde\nnull: word\n1.5: float\n0x1F: hex\n',
        'a: 1\na: 2\n"1": x\n1: y\nb: 3\n',
        'a: &x\n  b: *x\n  c: [*x]\n',
        'n: 123456789012345678901234567890\nf: .inf\nm: -.5\n',
        'a: [1, 2\nb: 3\n',
        'a: {x: 1 y: 2}\nb: [1 2]\n',
        'a:\n  b: 1\n c: 2\n',
        'a:\t1\n',
        '--- \na: 1\n---\nb: 2\n',
        'list:\n  - a: 1\n    "0": z\n  -\n  - [x, {y: z}]\n',
        "responses:\n  default: {description: d}\n  '500': {description: e}\n  '200': {description: ok}\n",
      ];
      for (const doc of docs) {
        const ours = parseYamlPlain(doc);
        const theirs = Yaml.parse(doc);
        expect(ours, doc).not.toBeNull();
        expect(ours!.data, doc).toEqual(theirs.data);
        expect([...keyOrders(ours!.data)], doc).toEqual([...keyOrders(theirs.data)]);
        expect(ours!.diagnostics, doc).toEqual(theirs.diagnostics);
        expect(ours!.lineMap, doc).toEqual(theirs.lineMap);
        expect(ours!.ast?.errors ?? [], doc).toEqual([]);
      }
    });

    it('matches Spectral parse on thousands of mangled documents (seeded, so any failure replays)', () => {
      const seeds = [
        'openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        "200": {description: ok}\n        default: {description: d}\n',
        'a: &x\n  b: [1, 2, {c: d}]\n  200: n\nb: *x\nc:\n  - *x\n  - k: v\n    k: w\n',
        "list:\n- a\n- 'b'\n- \"c\\n\"\n- {x: 1, y: [2, 3]}\nmap: {1: one, 0: zero, z: last}\n",
      ];
      const bits = [':', ' ', '\n', '-', '[', ']', '{', '}', ',', '&a ', '*a', '<<: ', '"', "'", '\t', '? ', '#', '10: ', '~', 'true', '  ', '|', '>'];
      let state = 12345;
      const rnd = (n: number) => {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        return state % n;
      };
      const outcome = (parse: () => { data: unknown; diagnostics: unknown; lineMap?: unknown } | null) => {
        try {
          const r = parse();
          return r === null ? 'spectral' : { data: r.data, orders: [...keyOrders(r.data)], diagnostics: r.diagnostics, lineMap: r.lineMap };
        } catch (e) {
          return { threw: String(e) };
        }
      };
      let compared = 0;
      for (let i = 0; i < 3000; i++) {
        let text = seeds[rnd(seeds.length)]!;
        for (let m = 1 + rnd(4); m > 0; m--) {
          const at = rnd(text.length + 1);
          const op = rnd(3);
          if (op === 0) text = text.slice(0, at) + bits[rnd(bits.length)] + text.slice(at);
          else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + rnd(3));
          else text = text.slice(0, at) + text.slice(at, at + 5) + text.slice(at);
        }
        const ours = outcome(() => parseYamlPlain(text));
        if (ours === 'spectral') continue;
        expect(ours, JSON.stringify(text)).toEqual(outcome(() => Yaml.parse(text)));
        compared++;
      }
      expect(compared).toBeGreaterThan(2500);
    });

    it("gives referenced files the plain parse through Spectral's own parser object, for one call", () => {
      const original = Yaml.parse;
      const inside = withPlainYamlParse(() => Yaml.parse(ORDERS));
      expect(Yaml.parse).toBe(original);
      expect([...keyOrders(inside.data)]).toEqual([...keyOrders(Yaml.parse(ORDERS).data)]);
      expect(proxied(inside.data)).toHaveLength(8);
      expect(() =>
        withPlainYamlParse(() => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(Yaml.parse).toBe(original);
    });

    it('leaves a document with merge keys to Spectral parse', () => {
      expect(parseYamlPlain(DOC)).toBeNull();
      const ours = SafeYaml.parse(DOC);
      const theirs = Yaml.parse(DOC);
      expect([...keyOrders(ours.data)]).toEqual([...keyOrders(theirs.data)]);
      expect(proxied(ours.data)).toEqual(proxied(theirs.data));
    });

    it('parses with the options Spectral passes for YAML', () => {
      expect(Yaml.parse('a: 1\n').metadata).toEqual(SPECTRAL_YAML_OPTIONS);
    });
  });
});
