/**
 * The pattern for efficient Spectral rule functions. Whole-tree `given`s (`$..properties`) make
 * Spectral walk a 13 MB document once per rule; instead a rule takes `given: '$'`, reads the shared
 * index (built once per document) and reports with explicit paths:
 *
 *   spectral: (options) => ({
 *     given: '$',
 *     then: { function: indexFunction((index) => index.operations.flatMap((op) => …)) },
 *   })
 *
 * API
 * - `indexFunction(check)` → a Spectral rule function: `check(index, context)` returns
 *   `{ message, path }[]`, `path` in resolved-document coordinates (from the index's `jsonPath`s).
 * - `SpectralResult` type.
 */
import type { IFunctionResult, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { getIndex, type DocumentIndex } from './operations.js';
import type { JsonPath } from './document.js';

export interface SpectralResult {
  message: string;
  path: JsonPath;
}

export function indexFunction(
  check: (index: DocumentIndex, context: RulesetFunctionContext) => SpectralResult[],
): RulesetFunction<unknown, null> {
  return (targetVal, _options, context) => {
    const results = check(getIndex(targetVal), context);
    return results.length > 0 ? (results as IFunctionResult[]) : undefined;
  };
}
