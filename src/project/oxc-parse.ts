/**
 * The project model's parser for the files it reads for itself: oxc's (`oxc-parser`, the parser
 * oxlint is built on), which produces the same TS-ESTree tree as typescript-estree some fifteen
 * times faster and without loading TypeScript. Files an engine will lint still come from
 * typescript-estree (shared-parse.ts): ESLint's tree is the contract for reported findings.
 *
 * The tree is made indistinguishable from typescript-estree's for the analysis:
 * - `loc` on every node, from the UTF-16 ranges oxc gives (the analysis quotes lines), and `parent`
 *   (which ESLint sets as it traverses), in one walk;
 * - optional members typescript-estree leaves out and oxc sets to null, left out (`=== undefined`
 *   tests in the analysis must not change answer with the parser);
 * - a decorated parameter's default starts where typescript-estree starts it;
 * - scopes from typescript-eslint's own scope manager, with the options its parser passes.
 * Checked on every file of Ghost's server, @directus/api, signalk-server and the fixtures: the
 * two trees differ in nothing else (benchmarks/scripts/compare-model-parsers.mjs).
 *
 * Any file oxc reports an error for, and every file where `oxc-parser` cannot load (no native
 * binding for the platform), is parsed by typescript-estree as before; BACKLINT_MODEL_PARSER=
 * typescript forces that everywhere.
 */
import { loadPackage } from '../lazy-modules.js';
import type { TSESTree } from '@typescript-eslint/types';
import type { ParseResult } from './parser.js';
import { lineIndexAt } from '../lines.js';

interface OxcResult {
  program: TSESTree.Program & { hashbang?: unknown };
  errors: unknown[];
}
type OxcParseSync = (filename: string, text: string, options: object) => OxcResult;
interface Tools {
  parseSync: OxcParseSync;
  analyze: (ast: TSESTree.Program, options: { sourceType: 'script' | 'module' }) => ParseResult['scopeManager'];
  visitorKeys: Record<string, readonly string[] | undefined>;
}

let tools: Tools | null | undefined;

function load(): Tools | null {
  if (tools === undefined) {
    try {
      tools = {
        parseSync: (loadPackage('oxc-parser') as { parseSync: OxcParseSync }).parseSync,
        analyze: (loadPackage('@typescript-eslint/scope-manager') as Pick<Tools, 'analyze'>).analyze,
        visitorKeys: (loadPackage('@typescript-eslint/visitor-keys') as { visitorKeys: Tools['visitorKeys'] }).visitorKeys,
      };
    } catch {
      // intentionally ignored: no binding for this platform; typescript-estree parses instead
      tools = null;
    }
  }
  return tools;
}

/** Members typescript-estree omits when absent, where oxc writes null. */
const OMITTED_WHEN_ABSENT = new Set(['typeAnnotation', 'typeArguments', 'typeParameters', 'returnType', 'directive', 'accessibility', 'superTypeArguments']);

/**
 * Which of those members each node type has, read from the first node of the type: oxc writes
 * every member of a type every time (null when absent; benchmarks/scripts/compare-model-parsers.mjs
 * finds no difference on ~2,100 real files). Looking each of the seven names up on every node was
 * most of what normalising cost.
 */
const omittedByType = new Map<string, string[]>();

function omittedMembers(node: Record<string, unknown> & { type: string }): readonly string[] {
  let list = omittedByType.get(node.type);
  if (!list) {
    list = Object.keys(node).filter((k) => OMITTED_WHEN_ABSENT.has(k));
    omittedByType.set(node.type, list);
  }
  return list;
}

/** Offsets where each line starts; ECMAScript's line terminators, as typescript-estree counts them. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function normalize(program: TSESTree.Program, text: string, keys: Tools['visitorKeys']): void {
  const starts = lineStarts(text);
  const position = (offset: number): TSESTree.Position => {
    const line = lineIndexAt(starts, offset);
    return { line: line + 1, column: offset - starts[line]! };
  };
  const stack: TSESTree.Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()! as TSESTree.Node & Record<string, unknown>;
    // A decorated parameter with a default (`@Query('limit') limit = 20`): typescript-estree starts
    // the pattern after its decorators, oxc at the first one.
    if (node.type === 'AssignmentPattern' && node.decorators?.length) node.range = [node.left.range[0], node.range[1]];
    node.loc = { start: position(node.range[0]), end: position(node.range[1]) };
    for (const key of omittedMembers(node)) if (node[key] === null) node[key] = undefined;
    for (const field of keys[node.type] ?? []) {
      const child = node[field];
      if (Array.isArray(child)) {
        for (const c of child) {
          if (c && typeof c === 'object' && typeof (c as TSESTree.Node).type === 'string') {
            (c as { parent: TSESTree.Node }).parent = node;
            stack.push(c as TSESTree.Node);
          }
        }
      } else if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
        (child as { parent: TSESTree.Node }).parent = node;
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

type ScopeManager = NonNullable<ParseResult['scopeManager']>;
let parsed = 0;
let scopeAnalyses = 0;
if (process.env.BACKLINT_DEBUG_MODEL) process.on('exit', () => process.stderr.write(`model: ${parsed} files parsed with oxc, ${scopeAnalyses} scope analyses\n`));

/**
 * The scope manager, analysed on first use: most files the model parses are asked what they export
 * or whether a function is there, which the tree alone answers (measured on @directus/api: ~0.6 s
 * of scope analysis for files never asked about a variable). ESLint's SourceCode is frozen, so
 * the laziness lives in the object it is given.
 */
function lazyScopes(analyze: () => ScopeManager): ScopeManager {
  let real: ScopeManager | undefined;
  const get = (): ScopeManager => {
    if (!real) {
      scopeAnalyses++;
      real = analyze();
    }
    return real;
  };
  return new Proxy({} as ScopeManager, {
    get(_, prop) {
      const value: unknown = Reflect.get(get(), prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(get()) : value;
    },
    has: (_, prop) => Reflect.has(get(), prop),
  });
}

/** JSX in every JavaScript file, as the model asks typescript-estree for it (`ecmaFeatures.jsx`). */
function langOf(abs: string): 'ts' | 'tsx' | 'jsx' {
  if (/\.[cm]?ts$/.test(abs)) return 'ts';
  return abs.endsWith('.tsx') ? 'tsx' : 'jsx';
}

/** The file parsed by oxc as typescript-estree would give it, or null (then typescript-estree parses it). */
export function parseWithOxc(abs: string, text: string, sourceType: 'script' | 'module'): ParseResult | null {
  if (process.env.BACKLINT_MODEL_PARSER === 'typescript') return null;
  const t = load();
  if (!t) return null;
  let result: OxcResult;
  try {
    result = t.parseSync(abs, text, { range: true, preserveParens: false, astType: 'ts', sourceType, lang: langOf(abs) });
  } catch {
    // intentionally ignored: typescript-estree gets the file (and decides whether it parses)
    return null;
  }
  if (result.errors.length > 0) return null;
  parsed++;
  const program = result.program;
  delete program.hashbang;
  normalize(program, text, t.visitorKeys);
  const ast = Object.assign(program, { tokens: [], comments: [] }) as ParseResult['ast'];
  return { ast, scopeManager: lazyScopes(() => t.analyze(program, { sourceType })), visitorKeys: t.visitorKeys, services: {} } as unknown as ParseResult;
}
