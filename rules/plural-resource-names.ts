/**
 * plural-resource-names: collections and their items are named with plural nouns (`/users`,
 * `/users/{id}`), so one resource has one name whichever of its URLs is used.
 *
 * The verdict is the shared path-segment analysis (src/analysis/paths.ts), so code routes and
 * OpenAPI `paths` keys are judged identically.
 */
import { createEslintRule, defineRule } from '../src/rule.js';
import { pluralViolations } from '../src/analysis/paths.js';
import { getRouteModel, locateSegment, routeLabel } from '../src/analysis/routes.js';

type Options = [{ allow?: string[] }];
type MessageIds = 'singular' | 'renameSegment';

export default defineRule({
  id: 'plural-resource-names',
  category: 'api-design',
  description: 'Resource names in paths are plural nouns: the segment before a path parameter and the last segment of a list/create route.',
  recommended: 'warn',
  strict: 'warn',
  eslint: createEslintRule<Options, MessageIds>({
    name: 'plural-resource-names',
    meta: {
      type: 'suggestion',
      docs: { description: 'Resource names in route paths are plural nouns.' },
      hasSuggestions: true,
      schema: [
        {
          type: 'object',
          properties: { allow: { type: 'array', items: { type: 'string' } } },
          additionalProperties: false,
        },
      ],
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
          const seen = new Set<string>();
          for (const route of getRouteModel(context).routes) {
            if (route.path === null) continue;
            for (const method of route.methods) {
              for (const v of pluralViolations(route.path, method, options)) {
                const loc = locateSegment(context.sourceCode, route, v.segment.start, v.segment.end);
                const key = `${loc.node.range[0]}:${v.segment.text}`;
                if (seen.has(key)) continue;
                seen.add(key);
                const to = v.replacement;
                context.report({
                  node: loc.node,
                  messageId: 'singular',
                  data: { word: v.segment.text, route: routeLabel(route), plural: to ?? v.word },
                  suggest:
                    to && loc.range
                      ? [
                          {
                            messageId: 'renameSegment',
                            data: { from: v.segment.text, to },
                            fix: (fixer) => fixer.replaceTextRange(loc.range!, to),
                          },
                        ]
                      : [],
                });
              }
            }
          }
        },
      };
    },
  }),
});
