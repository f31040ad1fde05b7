/**
 * no-xxe: XML parsers do not load external entities. A libxml2 binding told to substitute entities
 * or load the DTD reads whatever a document's `<!ENTITY x SYSTEM "file:///etc/passwd">` names,
 * local file or internal URL, into the parsed result (XML external entities, XXE).
 *
 * The library knowledge is data in src/analysis/xml-parsers.ts; options written inline, in a
 * `const`, spread from a `const` or assembled with `Object.assign` are read (src/analysis/values.ts).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import { getSourcesProperty, getStaticValue, NOT_STATIC, objectSources, unwrap } from '../src/analysis/values.js';
import { XXE_FUNCTION_NAMES, XXE_MODULES, XXE_OPTIONS, XXE_PARSE_CALLS } from '../src/analysis/xml-parsers.js';

type MessageIds = 'externalEntities';

export default defineRule({
  id: 'no-xxe',
  category: 'security',
  description: 'Disallow XML parsing with external entities or DTD loading turned on (libxmljs `noent`, `dtdload`, `dtdattr`, `dtdvalid`, `xinclude`).',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-xxe',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow XML parsing with external entities or DTD loading turned on (libxmljs `noent`, `dtdload`, `dtdattr`, `dtdvalid`, `xinclude`).' },
      schema: [],
      messages: {
        externalEntities:
          '`{{call}}` parses XML with {{options}}: it {{effect}}, so a document declaring `<!ENTITY x SYSTEM "file:///etc/passwd">` (or an internal URL) reads it into the result (XXE). Remove {{remove}} when parsing XML you did not write.',
      },
    },
    defaultOptions: [],
    create(context) {
      const tracker = getImportTracker(context);
      if (!tracker.usesAny(XXE_MODULES)) return {};
      const sourceCode = context.sourceCode;
      return {
        CallExpression(call) {
          const callee = unwrap(call.callee);
          const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
          // Renamed imports (`import { parseXml as parse }`) are caught by resolving identifiers too.
          if (callee.type !== AST_NODE_TYPES.Identifier && (name === null || !XXE_FUNCTION_NAMES.has(name))) return;
          const spec = XXE_PARSE_CALLS.find((c) => tracker.matches(callee, c.modules, c.path));
          if (!spec) return;
          const input = call.arguments[0];
          // A document written in the source is not an attacker's.
          if (input && input.type !== AST_NODE_TYPES.SpreadElement && typeof getStaticValue(sourceCode, input) === 'string') return;
          const opts = call.arguments[spec.options];
          if (!opts || opts.type === AST_NODE_TYPES.SpreadElement) return;
          const sources = objectSources(sourceCode, opts);
          if (!sources) return;
          const on: string[] = [];
          for (const option of XXE_OPTIONS.keys()) {
            const prop = getSourcesProperty(sourceCode, sources.objects, option);
            if (!prop) continue;
            const v = getStaticValue(sourceCode, prop);
            if (v !== NOT_STATIC && v) on.push(option);
          }
          if (on.length === 0) return;
          const ref = tracker.resolve(callee);
          const label = ref ? `${ref.source}.${(ref.path[0] === 'default' ? ref.path.slice(1) : ref.path).join('.')}` : 'parseXml';
          context.report({
            node: call as TSESTree.Node,
            messageId: 'externalEntities',
            data: {
              call: label,
              options: on.map((o) => `\`${o}: true\``).join(', '),
              effect: on.map((o) => XXE_OPTIONS.get(o)!).join('; it '),
              remove: on.map((o) => `\`${o}\``).join(', '),
            },
          });
        },
      };
    },
  }),
});
