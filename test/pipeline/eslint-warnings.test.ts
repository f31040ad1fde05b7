/**
 * ESLint's own process warnings (about an ESLint setup backlint never reads) are dropped while the
 * ESLint engine constructs ESLint, others pass, and process.emitWarning is restored even when
 * lint() calls overlap. The CLI side (a stray .eslintignore) is in test/cli/config-ids.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { withoutEslintWarnings } from '../../src/pipeline/engines/eslint.js';

describe('withoutEslintWarnings', () => {
  it('drops ESLint* warnings from the services built inside it, passes the rest, restores the original', async () => {
    const original = process.emitWarning;
    const seen = vi.fn();
    process.emitWarning = seen as unknown as typeof process.emitWarning;
    try {
      let captured: typeof process.emitWarning | undefined;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      // Two overlapping constructions, the first finishing first.
      const first = withoutEslintWarnings(async () => {
        captured = process.emitWarning;
        await gate;
      });
      const second = withoutEslintWarnings(() => 'done');
      release();
      await Promise.all([first, second]);
      expect(process.emitWarning).toBe(seen);
      // What a warning service captured keeps filtering after construction.
      captured!('The ".eslintignore" file is no longer supported.', 'ESLintIgnoreWarning');
      captured!('poor concurrency', { type: 'ESLintPoorConcurrencyWarning' } as never);
      captured!('something else', 'DeprecationWarning');
      expect(seen.mock.calls).toEqual([['something else', 'DeprecationWarning']]);
    } finally {
      process.emitWarning = original;
    }
  });
});
