/**
 * typescript-eslint's parser, loaded on the first parse. Loading it loads TypeScript (~0.7 s);
 * a run whose parsing happens elsewhere (the CLI with oxlint, `backlint rules`, `--version`)
 * never pays for it, and one that parses pays when it first does.
 *
 * Nothing here runs when the module loads: the Spectral CLI bundles the ruleset's imports into a
 * context without `import.meta`/`__filename`, and only the ESLint face ever parses.
 */
import { createRequire } from 'node:module';
import type * as TsParser from '@typescript-eslint/parser';

let loaded: typeof TsParser | undefined;

function parser(): typeof TsParser {
  return (loaded ??= createRequire(import.meta.url)('@typescript-eslint/parser') as typeof TsParser);
}

export type ParseResult = ReturnType<typeof TsParser.parseForESLint>;
export type ParserOptions = NonNullable<Parameters<typeof TsParser.parseForESLint>[1]>;

export function parseForESLint(code: string, options?: ParserOptions): ParseResult {
  return parser().parseForESLint(code, options);
}

/** The parser as ESLint's `languageOptions.parser` (same name and version as the real one). */
export const lazyParser = {
  meta: {
    name: 'typescript-eslint/parser',
    get version(): string {
      return (createRequire(import.meta.url)('@typescript-eslint/parser/package.json') as { version: string }).version;
    },
  },
  parseForESLint,
};
