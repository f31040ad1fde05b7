/**
 * The real ESLint RuleTester, wired to vitest and to the same parser setup the plugin's configs use.
 * RuleTester asserts exact message ids/messages, lines and columns, suggestions and outputs.
 */
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

// eslint's RuleTester looks for mocha-style globals; hand it vitest's.
const RT = RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown; afterAll: unknown };
RT.describe = describe;
RT.it = it;
RT.itOnly = it.only;
RT.afterAll = afterAll;

export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parser: tsParser as unknown as Linter.Parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  });
}

export { RuleTester };
