/**
 * plural-resource-names: collections and their items are named with plural nouns (`/users`,
 * `/users/{id}`), so one resource has one name whichever of its URLs is used.
 *
 * The verdict is the shared path-segment analysis (src/analysis/paths.ts), so code routes and
 * OpenAPI `paths` keys are judged identically.
 */
import { createEslintRule, defineRule } from '../src/rule.js';
import { pluralViolations, type PathOptions } from '../src/analysis/paths.js';
import type { DocumentIndex, OperationInfo, SpectralResult } from '../src/openapi/index.js';
import { routePathViolations } from '../src/analysis/routes.js';
import { ALLOW_SEGMENTS_SCHEMA, morePaths, onePerSegment, pathRuleSpectral, renameSegmentSuggestion, segmentVerdictsByPath } from '../src/path-rules.js';

const CODE = 'backlint/plural-resource-names';

type Options = [{ allow?: string[] }];
type MessageIds = 'singular' | 'renameSegment';

/**
 * Spectral face: judged on `paths` keys. The document says what a route answers, so the last
 * segment is treated as a collection only for an operation classified as list (GET) or create
 * (POST); a GET returning one object (`/account`, `/user`) is a singleton, not a list.
 */
export function pluralPathFindings(index: DocumentIndex, options: PathOptions): SpectralResult[] {
  const listOrCreate = (ops: readonly OperationInfo[]) => [
    null,
    ...ops.filter((op) => (op.method === 'get' && op.kind === 'list') || (op.method === 'post' && op.kind === 'create')).map((op) => op.method),
  ];
  const verdicts = function* () {
    for (const found of segmentVerdictsByPath(index, listOrCreate, (p, method) => pluralViolations(p, method, options))) {
      yield { ...found, key: found.violation.segment.text };
    }
  };
  return onePerSegment(index, CODE, verdicts()).map(({ finding: { path, violation: v }, more }) => ({
    message: `Resource name "${v.segment.text}" in path ${path}${morePaths(more)} is singular: name collections and their items with the plural "${v.replacement ?? v.word}".`,
    path: ['paths', path],
  }));
}

export default defineRule({
  id: 'plural-resource-names',
  category: 'api-design',
  description: 'Resource names in paths are plural nouns: the segment before a path parameter and the last segment of a list/create route.',
  recommended: 'warn',
  strict: 'warn',
  spectral: pathRuleSpectral(pluralPathFindings),
  eslint: createEslintRule<Options, MessageIds>({
    name: 'plural-resource-names',
    meta: {
      type: 'suggestion',
      docs: { description: 'Resource names in route paths are plural nouns.' },
      hasSuggestions: true,
      schema: ALLOW_SEGMENTS_SCHEMA,
      messages: {
        singular:
          'Resource name "{{word}}" in route {{route}} is singular: name collections and their items with the plural "{{plural}}".',
        renameSegment: 'Rename "{{from}}" to "{{to}}" (update the clients that call it).',
      },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      return {
        'Program:exit'() {
          for (const { violation: v, location: loc, label } of routePathViolations(context, (path, method) => pluralViolations(path, method, options))) {
            context.report({
              node: loc.node,
              messageId: 'singular',
              data: { word: v.segment.text, route: label, plural: v.replacement ?? v.word },
              suggest: renameSegmentSuggestion(loc, v.segment.text, v.replacement, 'renameSegment'),
            });
          }
        },
      };
    },
  }),
});
