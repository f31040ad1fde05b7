/**
 * kebab-case-paths: static path segments are lowercase words joined by hyphens, without a file
 * extension, and paths do not end with a slash — one spelling per URL.
 *
 * The verdict is the shared path-segment analysis (src/analysis/paths.ts), so code routes and
 * OpenAPI `paths` keys are judged identically.
 */
import { createEslintRule, defineRule } from '../src/rule.js';
import { casingViolations, type PathOptions } from '../src/analysis/paths.js';
import type { DocumentIndex, SpectralResult } from '../src/openapi/index.js';
import { routePathViolations } from '../src/analysis/routes.js';
import { ALLOW_SEGMENTS_SCHEMA, morePaths, onePerSegment, pathRuleSpectral, renameSegmentSuggestion } from '../src/path-rules.js';

const CODE = 'backlint/kebab-case-paths';

type Options = [{ allow?: string[] }];
type MessageIds = 'notKebab' | 'extension' | 'trailingSlash' | 'renameSegment' | 'removeSlash';

const STYLE: Record<string, string> = { camelCase: 'camelCase', snake_case: 'snake_case', uppercase: 'not lower case' };

/**
 * Spectral face: the same verdicts on `paths` keys (`{id}` is a parameter like `:id`), one finding
 * per distinct offending segment (a trailing slash is its path's own).
 */
export function kebabPathFindings(index: DocumentIndex, options: PathOptions): SpectralResult[] {
  const all = function* () {
    for (const path of index.operationsByPath.keys()) {
      for (const v of casingViolations(path, options)) {
        yield { path, v, key: v.kind === 'trailing-slash' ? `/${path}` : `${v.kind} ${v.segment.text}` };
      }
    }
  };
  return onePerSegment(index, CODE, all()).map(({ finding: { path, v }, more }) => {
    const kebab = v.replacement ?? v.word;
    const where = `${path}${morePaths(more)}`;
    let message: string;
    if (v.kind === 'trailing-slash') {
      message = `Path ${path} ends with a slash: drop the trailing "/" so the resource has a single URL.`;
    } else if (v.kind === 'extension') {
      message = `Path segment "${v.segment.text}" in ${where} carries a file extension: name the resource without it ("${kebab}") and pick the format with the Accept header.`;
    } else {
      message = `Path segment "${v.segment.text}" in ${where} is ${STYLE[v.kind] ?? v.kind}: write path segments as lowercase words joined by hyphens ("${kebab}").`;
    }
    return { message, path: ['paths', path] };
  });
}

export default defineRule({
  id: 'kebab-case-paths',
  category: 'api-design',
  description: 'Path segments are lowercase and hyphen-separated (no camelCase, snake_case or upper case), with no trailing slash or file extension.',
  recommended: 'warn',
  strict: 'warn',
  spectral: pathRuleSpectral(kebabPathFindings),
  eslint: createEslintRule<Options, MessageIds>({
    name: 'kebab-case-paths',
    meta: {
      type: 'suggestion',
      docs: { description: 'Route path segments are lowercase kebab-case, with no trailing slash or file extension.' },
      hasSuggestions: true,
      schema: ALLOW_SEGMENTS_SCHEMA,
      messages: {
        notKebab:
          'Path segment "{{segment}}" in route {{route}} is {{style}}: write path segments as lowercase words joined by hyphens ("{{kebab}}").',
        extension:
          'Path segment "{{segment}}" in route {{route}} carries a file extension: name the resource without it ("{{kebab}}") and pick the format with the Accept header.',
        trailingSlash: 'Route {{route}} ends with a slash: drop the trailing "/" so the resource has a single URL.',
        renameSegment: 'Rename "{{from}}" to "{{to}}" (update the clients that call it).',
        removeSlash: 'Remove the trailing slash.',
      },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      return {
        'Program:exit'() {
          const judge = (path: string) => casingViolations(path, options);
          for (const { violation: v, location: loc, label } of routePathViolations(context, judge, (v) => `${v.segment.text}:${v.kind}`)) {
            if (v.kind === 'trailing-slash') {
              const r = loc.range;
              const slash = r && context.sourceCode.text[r[1]] === '/' ? ([r[1], r[1] + 1] as [number, number]) : null;
              context.report({
                node: loc.node,
                messageId: 'trailingSlash',
                data: { route: label },
                suggest: slash ? [{ messageId: 'removeSlash', fix: (fixer) => fixer.removeRange(slash) }] : [],
              });
              continue;
            }
            const to = v.replacement ?? v.segment.text.toLowerCase();
            context.report({
              node: loc.node,
              messageId: v.kind === 'extension' ? 'extension' : 'notKebab',
              data: { segment: v.segment.text, route: label, style: STYLE[v.kind] ?? v.kind, kebab: to },
              suggest: renameSegmentSuggestion(loc, v.segment.text, to, 'renameSegment'),
            });
          }
        },
      };
    },
  }),
});
