/**
 * no-ambiguous-paths: two `paths` keys of one document a request can match both ways. Identical
 * twins (`/users` and `/users/`) give one resource two path items; ambiguous templates
 * (`/{kind}/me` and `/users/{id}`, both matching `/users/me`, neither more specific in every
 * segment) leave the choice to each router, generator and gateway. A concrete segment beats a
 * templated one, so `/users/me` beside `/users/{id}` is fine.
 *
 * The comparison is src/openapi/path-templates.ts; twins that differ only in parameter names are
 * Spectral's structural `path-params` finding ("must not be equivalent"), not reported twice.
 */
import { defineRule } from '../src/rule.js';
import { indexFunction, type DocumentIndex, type SpectralResult } from '../src/openapi/index.js';
import { pathConflicts, type PathConflict } from '../src/openapi/path-templates.js';

/** What `path-params` reduces a path to before comparing (its own regex, on the same keys). */
const PATH_PARAMS_PARAM = /(\{;?\??[a-zA-Z0-9_-]+\*?\})/g;

function reportedByPathParams(conflict: PathConflict): boolean {
  return conflict.path.replace(PATH_PARAMS_PARAM, '%') === conflict.other.replace(PATH_PARAMS_PARAM, '%');
}

/** Other paths named in one finding; the rest are counted. */
const MAX_NAMED = 3;

export function ambiguousPathFindings(index: DocumentIndex): SpectralResult[] {
  const out: SpectralResult[] = [];
  // One finding per path key: a generic template (`/resources/{type}/_providers`) can clash with a
  // whole family of concrete paths, one cause.
  const ambiguous = new Map<string, PathConflict[]>();
  for (const conflict of pathConflicts(index)) {
    const { path, other, comparison: c } = conflict;
    if (c.kind === 'identical') {
      if (reportedByPathParams(conflict)) continue;
      const differs = c.parameterNames && c.trailingSlash
        ? 'parameter names and a trailing slash'
        : c.trailingSlash ? 'a trailing slash' : 'parameter names';
      out.push({ message: `Path ${path} is identical to ${other} but for ${differs}: every request that matches one matches the other, so keep a single path item.`, path: ['paths', path] });
      continue;
    }
    const list = ambiguous.get(path);
    if (list) list.push(conflict);
    else ambiguous.set(path, [conflict]);
  }
  for (const [path, conflicts] of ambiguous) {
    const first = conflicts[0]!;
    const sample = first.comparison.kind === 'ambiguous' ? first.comparison.sample : '';
    const named = conflicts.slice(0, MAX_NAMED).map((c) => c.other).join(', ');
    const more = conflicts.length > MAX_NAMED ? ` and ${conflicts.length - MAX_NAMED} more` : '';
    const both = conflicts.length === 1 ? 'both' : `both ${path} and ${first.other}`;
    out.push({
      message: `Path ${path} is ambiguous with ${named}${more}: a request such as ${sample} matches ${both} and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.`,
      path: ['paths', path],
    });
  }
  return out;
}

export default defineRule({
  id: 'no-ambiguous-paths',
  category: 'api-design',
  description: 'No two paths match the same requests: no twins that differ only by parameter names or a trailing slash, and no templates a request matches both ways.',
  recommended: 'warn',
  strict: 'error',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(ambiguousPathFindings) },
  }),
});
