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

export function ambiguousPathFindings(index: DocumentIndex): SpectralResult[] {
  const out: SpectralResult[] = [];
  for (const conflict of pathConflicts(index)) {
    const { path, other, comparison: c } = conflict;
    let message: string;
    if (c.kind === 'identical') {
      if (reportedByPathParams(conflict)) continue;
      const differs = c.parameterNames && c.trailingSlash
        ? 'parameter names and a trailing slash'
        : c.trailingSlash ? 'a trailing slash' : 'parameter names';
      message = `Path ${path} is identical to ${other} but for ${differs}: every request that matches one matches the other, so keep a single path item.`;
    } else {
      message = `Path ${path} is ambiguous with ${other}: a request such as ${c.sample} matches both and neither is more specific in every segment, so which operation serves it depends on the tool; make one of them concrete where the other is templated, or rename a segment.`;
    }
    out.push({ message, path: ['paths', path] });
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
