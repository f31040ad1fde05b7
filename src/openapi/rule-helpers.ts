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
 *
 * One finding per shared object: a rule that reports on a response or schema used by many
 * operations reports it once (rules dedupe by object identity). Objects that live in other files
 * (`$ref: responses/metrics.yml`) are not shared objects in the resolved document, so each use
 * would land on the same place of that file again (51 times for one DigitalOcean response);
 * `indexFunction` keeps the first result per place in an external file and says how many more
 * uses it stands for.
 */
import type { IFunctionResult, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { getIndex, type DocumentIndex } from './operations.js';
import type { JsonPath } from './document.js';
import { IGNORE_KEY } from '../spectral/ignore.js';

export interface SpectralResult {
  message: string;
  path: JsonPath;
}

export function indexFunction(
  check: (index: DocumentIndex, context: RulesetFunctionContext) => SpectralResult[],
): RulesetFunction<unknown, null> {
  return (targetVal, _options, context) => {
    const results = onePerExternalPlace(check(getIndex(targetVal), context), context, targetVal);
    return results.length > 0 ? (results as IFunctionResult[]) : undefined;
  };
}

function onePerExternalPlace(results: SpectralResult[], context: RulesetFunctionContext, resolvedRoot: unknown): SpectralResult[] {
  const inventory = context.documentInventory;
  if (results.length < 2 || !inventory || Object.keys(inventory.referencedDocuments ?? {}).length === 0) return results;
  const byPlace = new Map<string, { result: SpectralResult; more: number }>();
  const out: { result: SpectralResult; more: number }[] = [];
  for (const result of results) {
    // A use under an `x-backlint-ignore` may be suppressed: it must not stand for the others.
    const item = mentionsIgnore(resolvedRoot, result.path) ? null : inventory.findAssociatedItemForPath(result.path.map(String), true);
    if (!item || item.document === context.document || item.document.source === null || item.document.source === context.document.source) {
      out.push({ result, more: 0 });
      continue;
    }
    const key = `${item.document.source}\0${item.path.join('\0')}`;
    const seen = byPlace.get(key);
    if (seen) {
      seen.more++;
      continue;
    }
    const entry = { result, more: 0 };
    byPlace.set(key, entry);
    out.push(entry);
  }
  return out.map(({ result, more }) =>
    more === 0 ? result : { ...result, message: `${result.message} (The same definition is used in ${more} more place${more === 1 ? '' : 's'}.)` },
  );
}

function mentionsIgnore(root: unknown, path: JsonPath): boolean {
  let node = root;
  for (let i = 0; ; i++) {
    if (node !== null && typeof node === 'object' && IGNORE_KEY in node) return true;
    if (i >= path.length || node === null || typeof node !== 'object') return false;
    node = (node as Record<string | number, unknown>)[path[i]!];
  }
}
