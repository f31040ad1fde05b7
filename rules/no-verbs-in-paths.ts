/**
 * no-verbs-in-paths: paths name resources; the HTTP method says what happens to them. A segment
 * whose first word is an action verb (`/getUsers`, `/create-order`) duplicates the method. The
 * custom-action form the standards allow — a POST whose final segment is one verb right after a
 * parameter (`POST /orders/:id/cancel`) — is not reported.
 *
 * The verdict is the shared path-segment analysis (src/analysis/paths.ts), so code routes and
 * OpenAPI `paths` keys are judged identically.
 */
import { createEslintRule, defineRule } from '../src/rule.js';
import { verbViolations, type PathOptions } from '../src/analysis/paths.js';
import type { DocumentIndex, OperationInfo, SpectralResult } from '../src/openapi/index.js';
import { routePathViolations } from '../src/analysis/routes.js';
import { ALLOW_SEGMENTS_SCHEMA, morePaths, onePerSegment, pathRuleSpectral, renameSegmentSuggestion, segmentVerdictsByPath } from '../src/path-rules.js';

const CODE = 'backlint/no-verbs-in-paths';

type Options = [{ allow?: string[] }];
type MessageIds = 'verb' | 'renameSegment';

/**
 * Spectral face: a segment is reported when any operation of the path gets a verb verdict, so
 * `GET …/send` is flagged while a path whose only operation is `POST /orders/{id}/cancel` is the
 * allowed custom action.
 */
export function verbPathFindings(index: DocumentIndex, options: PathOptions): SpectralResult[] {
  const everyMethod = (ops: readonly OperationInfo[]) => (ops.length > 0 ? ops.map((op) => op.method) : [null]);
  const verdicts = function* () {
    for (const found of segmentVerdictsByPath(index, everyMethod, (p, m) => verbViolations(p, m, options))) {
      yield { ...found, key: found.violation.segment.text };
    }
  };
  return onePerSegment(index, CODE, verdicts()).map(({ finding: { path, method, violation: v }, more }) => ({
    message: `Path segment "${v.segment.text}" in ${method ? `${method.toUpperCase()} ` : ''}${path}${morePaths(more)} starts with the verb "${v.word}": name the resource in the path and let the HTTP method carry the action (a custom action is a POST to /<resources>/{id}/<verb>).`,
    path: ['paths', path],
  }));
}

export default defineRule({
  id: 'no-verbs-in-paths',
  category: 'api-design',
  description: 'Path segments name resources, not actions: no segment is or starts with an action verb (get, create, update, delete…).',
  recommended: 'warn',
  strict: 'warn',
  spectral: pathRuleSpectral(verbPathFindings),
  eslint: createEslintRule<Options, MessageIds>({
    name: 'no-verbs-in-paths',
    meta: {
      type: 'suggestion',
      docs: { description: 'Route path segments name resources, not actions.' },
      hasSuggestions: true,
      schema: ALLOW_SEGMENTS_SCHEMA,
      messages: {
        verb:
          'Path segment "{{segment}}" in route {{route}} starts with the verb "{{verb}}": name the resource in the path and let the HTTP method carry the action (a custom action is a POST to /<resources>/:id/<verb>).',
        renameSegment: 'Rename "{{from}}" to "{{to}}" and choose the HTTP method that matches "{{verb}}".',
      },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      return {
        'Program:exit'() {
          for (const { violation: v, location: loc, label } of routePathViolations(context, (path, method) => verbViolations(path, method, options))) {
            context.report({
              node: loc.node,
              messageId: 'verb',
              data: { segment: v.segment.text, route: label, verb: v.word },
              suggest: renameSegmentSuggestion(loc, v.segment.text, v.replacement, 'renameSegment', { verb: v.word }),
            });
          }
        },
      };
    },
  }),
});
