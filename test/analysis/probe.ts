/** Run real ESLint over a snippet with a throwaway rule, to test shared analysis in context. */
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { expect } from 'vitest';

type Visitors = TSESLint.RuleListener;

export function probe(code: string, create: (context: TSESLint.RuleContext<string, []>) => Visitors, filename = 'src/app.ts'): void {
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,ts,tsx}'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { t: { rules: { probe: { create } as never } } },
        rules: { 't/probe': 'error' },
      },
    ],
    { filename },
  );
  expect(messages.filter((x) => x.fatal || x.ruleId === null)).toEqual([]);
}
