/**
 * no-unsafe-deserialization: data is not turned back into objects by a deserialiser that runs code.
 *
 * Three shapes (library knowledge in src/analysis/deserialization.ts):
 * - node-serialize `unserialize`, funcster `deepDeserialize`, cryo `parse`: on anything but a
 *   literal written in the source;
 * - js-yaml `load`/`loadAll` with a schema holding the JavaScript types: `DEFAULT_FULL_SCHEMA`
 *   (js-yaml 3; not reported where package.json pins js-yaml 4 or later, which removed it), a schema
 *   extended with `js-yaml-js-types`, or no schema at all where package.json pins js-yaml 3 (whose
 *   `load` defaults to the full schema). With no package.json answer, a bare `load` is taken as
 *   js-yaml 4's, which is safe;
 * - serialize-javascript output evaluated again (`eval`, `new Function`, `vm.run*`) when what was
 *   serialised comes from the request (the shared request taint's `requestReadOf`). Request data handed
 *   straight to `eval` is no-code-injection's finding, not this rule's.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { defineRule, createEslintRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import { requestReadOf } from '../src/analysis/taint/flow.js';
import { getObjectLiteral, getProperty, getStaticValue, hasUnknownSpread, resolveExpression, unwrap } from '../src/analysis/values.js';
import { pushChildren } from '../src/analysis/walk.js';
import {
  CODE_RUNNING_DESERIALIZERS,
  EVAL_NAMES,
  JS_YAML,
  JS_YAML_JS_TYPES,
  JS_YAML_LOADERS,
  JS_YAML_SAFE_SCHEMAS,
  JS_YAML_UNSAFE_SCHEMAS,
  pinnedMajor,
  SERIALIZE_JAVASCRIPT,
  VM_RUNNERS,
} from '../src/analysis/deserialization.js';
import { declaredDependency } from '../src/project/index.js';

type MessageIds = 'codeRunning' | 'yamlSchema' | 'yamlDefault' | 'serializeRoundTrip';

const MODULES = [...new Set([...CODE_RUNNING_DESERIALIZERS.map((d) => d.module), JS_YAML, SERIALIZE_JAVASCRIPT])];
const FUNCTION_NAMES = new Set([...CODE_RUNNING_DESERIALIZERS.map((d) => d.path[d.path.length - 1]!), ...JS_YAML_LOADERS]);

export default defineRule({
  id: 'no-unsafe-deserialization',
  category: 'security',
  description: 'Disallow deserialisers that run code: node-serialize `unserialize`, js-yaml loading with the JavaScript types, serialize-javascript output evaluated from request data.',
  recommended: 'error',
  strict: 'error',
  eslint: createEslintRule<[], MessageIds>({
    name: 'no-unsafe-deserialization',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow deserialisers that run code: node-serialize `unserialize`, js-yaml loading with the JavaScript types, serialize-javascript output evaluated from request data.' },
      schema: [],
      messages: {
        codeRunning: '`{{call}}` {{why}}: whoever controls the data runs code on the server. Parse it with `JSON.parse` (and validate it) instead.',
        yamlSchema:
          '`{{call}}` parses YAML with {{schema}}, which holds the `!!js/function` and `!!js/regexp` types: a document can make the server build and later run a function. Use `DEFAULT_SAFE_SCHEMA` (`safeLoad`) on js-yaml 3, the default schema on js-yaml 4, or `JSON_SCHEMA`.',
        yamlDefault:
          "`{{call}}` on js-yaml {{range}} parses with `DEFAULT_FULL_SCHEMA`, which holds the `!!js/function` type: a document can make the server build and later run a function. Use `safeLoad` or pass `{ schema: yaml.DEFAULT_SAFE_SCHEMA }` (or upgrade to js-yaml 4, whose `load` is safe).",
        serializeRoundTrip:
          '`{{runner}}` evaluates serialize-javascript output built from request data ({{source}}): the serialised text is JavaScript, and evaluating it on the server runs what the client sent. Send data as JSON and read it with `JSON.parse`.',
      },
    },
    defaultOptions: [],
    create(context) {
      const tracker = getImportTracker(context);
      if (!tracker.usesAny(MODULES)) return {};
      const sourceCode = context.sourceCode;
      const usesSerialize = tracker.sources.has(SERIALIZE_JAVASCRIPT);
      let yamlMajor: number | null | undefined;
      const jsYamlMajor = (): number | null => {
        if (yamlMajor === undefined) {
          const range = declaredDependency(context, JS_YAML);
          yamlMajor = range === null ? null : pinnedMajor(range);
          yamlRange = range;
        }
        return yamlMajor;
      };
      let yamlRange: string | null = null;

      const literal = (node: TSESTree.Node | undefined): boolean =>
        !!node && node.type !== AST_NODE_TYPES.SpreadElement && typeof getStaticValue(sourceCode, node) === 'string';

      function label(callee: TSESTree.Node): string {
        const ref = tracker.resolve(callee);
        if (!ref) return sourceCode.getText(callee).slice(0, 60);
        const p = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
        return [ref.source, ...p].join('.');
      }

      /** Does a schema expression carry js-yaml-js-types (`DEFAULT_SCHEMA.extend(types.all)`)? */
      function usesJsTypes(node: TSESTree.Node): boolean {
        const stack: TSESTree.Node[] = [resolveExpression(sourceCode, node)];
        let steps = 0;
        while (stack.length > 0 && steps++ < 200) {
          const n = stack.pop()!;
          if ((n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression) && tracker.resolve(n)?.source === JS_YAML_JS_TYPES) return true;
          if (n.type === AST_NODE_TYPES.Identifier) {
            const r = resolveExpression(sourceCode, n);
            if (r !== n) stack.push(r);
            continue;
          }
          pushChildren(stack, n, sourceCode.visitorKeys);
        }
        return false;
      }

      function checkYaml(call: TSESTree.CallExpression, fn: string): void {
        if (literal(call.arguments[0])) return;
        // js-yaml 3's `loadAll(str, iterator, options)` also accepts `loadAll(str, options)`.
        const optionsArg = fn === 'loadAll' ? call.arguments.slice(1).find((a) => a.type !== AST_NODE_TYPES.SpreadElement && getObjectLiteral(sourceCode, a)) ?? (call.arguments.length >= 3 ? call.arguments[2] : undefined) : call.arguments[1];
        const callLabel = label(call.callee);
        if (optionsArg && optionsArg.type !== AST_NODE_TYPES.SpreadElement) {
          const opts = getObjectLiteral(sourceCode, optionsArg);
          if (!opts) return; // options we cannot see
          const schema = getProperty(sourceCode, opts, 'schema');
          if (schema) {
            const s = unwrap(schema);
            const name = s.type === AST_NODE_TYPES.MemberExpression ? propertyName(s) : s.type === AST_NODE_TYPES.Identifier ? (tracker.resolve(s)?.path.at(-1) ?? null) : null;
            if (name && JS_YAML_UNSAFE_SCHEMAS.has(name) && tracker.resolve(s)?.source === JS_YAML) {
              // js-yaml 4 has no such export: the option is `undefined` and the default schema applies.
              const major = jsYamlMajor();
              if (major !== null && major >= 4) return;
              context.report({ node: call, messageId: 'yamlSchema', data: { call: callLabel, schema: `\`${name}\`` } });
              return;
            }
            if (usesJsTypes(schema)) context.report({ node: call, messageId: 'yamlSchema', data: { call: callLabel, schema: 'a schema extended with `js-yaml-js-types`' } });
            return;
          }
          if (hasUnknownSpread(sourceCode, opts)) return;
        }
        if (jsYamlMajor() === null || jsYamlMajor()! >= 4) return;
        context.report({ node: call, messageId: 'yamlDefault', data: { call: callLabel, range: `\`${yamlRange}\`` } });
      }

      /** `eval('(' + serialize(req.body) + ')')`: a serialize-javascript call inside what is evaluated, fed by the request. */
      function checkRoundTrip(node: TSESTree.CallExpression | TSESTree.NewExpression, runner: string): void {
        for (const arg of node.arguments) {
          const stack: TSESTree.Node[] = [resolveExpression(sourceCode, arg)];
          let steps = 0;
          while (stack.length > 0 && steps++ < 200) {
            const n = stack.pop()!;
            if (n.type === AST_NODE_TYPES.Identifier) {
              const r = resolveExpression(sourceCode, n);
              if (r !== n) stack.push(r);
              continue;
            }
            if (n.type === AST_NODE_TYPES.CallExpression && tracker.matches(n.callee, SERIALIZE_JAVASCRIPT, [])) {
              const source = requestReadOf(context, n.arguments[0]);
              if (source) {
                context.report({ node, messageId: 'serializeRoundTrip', data: { runner, source: `\`${source.slice(0, 60)}\`` } });
                return;
              }
              continue;
            }
            if (n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionExpression) continue;
            pushChildren(stack, n, sourceCode.visitorKeys);
          }
        }
      }

      return {
        CallExpression(call) {
          const callee = unwrap(call.callee);
          const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
          if (name === null) return;
          if (usesSerialize && (EVAL_NAMES.has(name) || VM_RUNNERS.has(name))) {
            if (EVAL_NAMES.has(name) && callee.type === AST_NODE_TYPES.Identifier) checkRoundTrip(call, name);
            else if (VM_RUNNERS.has(name) && (tracker.matches(callee, 'vm', [name]) || tracker.resolve(callee)?.source === 'vm')) checkRoundTrip(call, `vm.${name}`);
            return;
          }
          // Renamed imports (`import { unserialize as u }`) come in as identifiers: resolved below.
          if (callee.type !== AST_NODE_TYPES.Identifier && !FUNCTION_NAMES.has(name)) return;
          const ref = tracker.resolve(callee);
          if (!ref) return;
          const p = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
          if (ref.source === JS_YAML) {
            if (p.length === 1 && JS_YAML_LOADERS.has(p[0]!)) checkYaml(call, p[0]!);
            return;
          }
          const d = CODE_RUNNING_DESERIALIZERS.find((x) => x.module === ref.source && x.path.length === p.length && x.path.every((s, i) => s === p[i]));
          if (!d || literal(call.arguments[0]) || call.arguments.length === 0) return;
          context.report({ node: call, messageId: 'codeRunning', data: { call: label(call.callee), why: d.why } });
        },
        NewExpression(node) {
          if (!usesSerialize) return;
          const callee = unwrap(node.callee);
          if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Function') checkRoundTrip(node, 'new Function');
        },
      };
    },
  }),
});
