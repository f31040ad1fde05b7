/**
 * The model's oxc parse (src/project/oxc-parse.ts) must give the tree typescript-estree gives: on
 * every source file of the fixture apps and on the shapes where the two parsers are known to
 * differ before normalisation (optional members, decorated defaults, line terminators, non-ASCII
 * text, a hashbang), member by member, with `loc`. Files oxc refuses come back null (the model then
 * parses them with typescript-estree), as does everything under BACKLINT_MODEL_PARSER=typescript.
 * The corpora get the same comparison from benchmarks/scripts/compare-model-parsers.mjs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWithOxc } from '../../src/project/oxc-parse.js';
// @ts-expect-error -- a plain ESM script without types
import { treeDifferences, typescriptEstreeTree } from '../../benchmarks/scripts/compare-model-parsers.mjs';
import { codeFiles } from '../helpers/fixture-markers.js';
import { ROOT } from '../cli/helpers.js';

const tsParser = createRequire(import.meta.url)('@typescript-eslint/parser') as unknown;
const differences = treeDifferences as (a: unknown, b: unknown) => string[];
const tsTree = typescriptEstreeTree as (parser: unknown, file: string, text: string) => unknown;

function bothWays(file: string, text: string): string[] {
  const oxc = parseWithOxc(file, text, file.endsWith('.cjs') ? 'script' : 'module');
  expect(oxc).not.toBeNull();
  return differences(tsTree(tsParser, file, text), oxc!.ast);
}

afterEach(() => {
  delete process.env.BACKLINT_MODEL_PARSER;
});

describe('the model parses with oxc into typescript-estree’s tree', () => {
  it('on every source file of the fixture apps', () => {
    const files = codeFiles(path.join(ROOT, 'fixtures'));
    expect(files.length).toBeGreaterThan(60);
    const found = files.flatMap((f) => bothWays(f, readFileSync(f, 'utf8')).map((d) => `${path.relative(ROOT, f)}: ${d}`));
    expect(found).toEqual([]);
  });

  it('on the shapes where the parsers differ before normalisation', () => {
    const ts = [
      '#!/usr/bin/env node',
      "import { Controller, Get, Query } from '@nestjs/common';",
      '@Controller()',
      'export class A<T> extends B<T> implements C {',
      '  private readonly x: number = 1;',
      "  @Get() list(@Query('limit') limit = '20', { a }: { a: string } = { a: 'é😀' }): Promise<T[]> {",
      '    "use strict";\r\n    return f<T>(limit)\u2028;',
      '  }',
      '}',
      'const g = async <U,>(u: U): Promise<U> => u;',
    ].join('\n');
    expect(bothWays('/x/a.ts', ts)).toEqual([]);
    const js = "'use strict';\nconst x = require('y');\r\nmodule.exports = function ({ a = 1 }, ...rest) { return <div>{a}</div>; };\n";
    expect(bothWays('/x/b.js', js)).toEqual([]);
    expect(bothWays('/x/c.cjs', "exports.x = () => { return 1 }\n")).toEqual([]);
  });

  it('gives locations from the text, parents and scopes the analysis reads', () => {
    const text = "const a = 'é😀';\r\nfunction f(b) {\n  return a + b;\n}\n";
    const r = parseWithOxc('/x/d.js', text, 'module')!;
    const fn = r.ast.body[1]!;
    expect(fn.loc).toEqual({ start: { line: 2, column: 0 }, end: { line: 4, column: 1 } });
    const global = r.scopeManager!.globalScope!;
    const module = global.childScopes[0]!;
    expect(module.type).toBe('module');
    // The initialising write and the read in f.
    expect(module.set.get('a')?.references.length).toBe(2);
    expect(module.childScopes[0]!.type).toBe('function');
  });

  it('hands back what oxc refuses, and everything when told to', () => {
    expect(parseWithOxc('/x/e.js', 'const = ;', 'module')).toBeNull();
    process.env.BACKLINT_MODEL_PARSER = 'typescript';
    expect(parseWithOxc('/x/f.js', 'const a = 1;', 'module')).toBeNull();
  });
});
