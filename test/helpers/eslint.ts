/**
 * The real ESLint RuleTester, wired to vitest and to the same parser setup the plugin's configs use.
 * RuleTester asserts exact message ids/messages, lines and columns, suggestions and outputs.
 */
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import type { AnyEslintRule } from '../../src/rule.js';

// eslint's RuleTester looks for mocha-style globals; hand it vitest's.
const RT = RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown; afterAll: unknown };
RT.describe = describe;
RT.it = it;
RT.itOnly = it.only;
RT.afterAll = afterAll;

/**
 * ESLint's RuleTester, typed to also accept our typescript-eslint-built rules (the two rule types
 * differ only in how they type the rule context).
 */
export type BacklintRuleTester = RuleTester & {
  run(name: string, rule: AnyEslintRule, tests: Parameters<RuleTester['run']>[2]): void;
};

export function createRuleTester(): BacklintRuleTester {
  return new RuleTester({
    languageOptions: {
      parser: tsParser as unknown as Linter.Parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  }) as BacklintRuleTester;
}

export { RuleTester };
