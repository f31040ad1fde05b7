/**
 * no-hardcoded-secrets: credentials written into source code. A committed secret lives forever
 * in the history and in every clone, and cannot be rotated without a deploy.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { createEslintRule, defineRule } from '../src/rule.js';
import { getImportTracker, propertyName } from '../src/analysis/imports.js';
import { resolveConstInit, resolveExpression, unwrap, memberChainName } from '../src/analysis/values.js';
import {
  DEFAULT_TEST_PATH_PATTERNS,
  findProviderSecret,
  findUrlCredential,
  isCredentialLikeValue,
  isSeedPhraseName,
  looksLikeSeedPhrase,
  isKeyLikeValue,
  isPlaceholder,
  isSecretName,
  isTestPath,
  maskSecret,
  projectRelativePath,
} from '../src/analysis/secrets.js';
import { KEY_SINK_MODULES, KEY_SINK_PROPERTIES, KEY_SINKS } from '../src/analysis/secret-sinks.js';
import { projectFileOf, projectOf } from '../src/project/index.js';
import { indexFunction } from '../src/openapi/index.js';
import { documentSecrets } from '../src/openapi/secrets.js';

type Options = [
  {
    /** Regular expressions; a literal matching one is never reported (known public test values). */
    allow?: string[];
    /** Regular expressions over the project-relative path of files to skip; `[]` scans tests too. */
    testFilePatterns?: string[];
  },
];

type MessageIds = 'providerSecret' | 'namedSecret' | 'urlCredential' | 'keyArgument' | 'envFallback' | 'seedPhrase';

type StringFinding = { messageId: MessageIds; data: Record<string, string> };

const id = 'no-hardcoded-secrets';

/** Where a value of one or two characters can be bound to a name (`{ jwtSecret: 'x' }`, `obj.clientSecret = 'a'`). */
const SHORT_VALUE_HOLDERS = new Set<AST_NODE_TYPES | undefined>([AST_NODE_TYPES.Property, AST_NODE_TYPES.VariableDeclarator, AST_NODE_TYPES.AssignmentExpression]);

function stringValue(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]!.value.cooked ?? node.quasis[0]!.value.raw;
  }
  return null;
}

/** `process.env.X` / `process.env['X']` → 'X'. */
function envName(node: TSESTree.Node): string | null {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (memberChainName(n.object) !== 'process.env' && memberChainName(n.object) !== 'import.meta.env') return null;
  return propertyName(n);
}

/** The name a literal is bound to: variable, property, assignment target, default parameter, or compared name. */
function contextName(literal: TSESTree.Node): string | null {
  let node: TSESTree.Node = literal;
  let parent = node.parent;
  // Climb through wrappers that pass the value along unchanged.
  while (parent) {
    if (
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === node) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression
    ) {
      node = parent;
      parent = parent.parent;
    } else {
      break;
    }
  }
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null;
    case AST_NODE_TYPES.Property:
      return parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression ? propertyName(parent) : null;
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === node && parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : null;
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.AssignmentPattern: {
      if (parent.right !== node) return null;
      const left = parent.left;
      if (left.type === AST_NODE_TYPES.Identifier) return left.name;
      if (left.type === AST_NODE_TYPES.MemberExpression) return propertyName(left);
      return null;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (!['===', '==', '!==', '!='].includes(parent.operator)) return null;
      const other = parent.left === node ? parent.right : parent.left;
      if (other.type === AST_NODE_TYPES.Identifier) return other.name;
      if (other.type === AST_NODE_TYPES.MemberExpression) return propertyName(other);
      return null;
    }
    default:
      return null;
  }
}

/**
 * A property of a key → category lookup table (`{ is_private: 'private', password: 'private', … }`):
 * the value is a label when the table is all strings and another key maps to the same value.
 */
function inLookupTable(literal: TSESTree.Node, value: string): boolean {
  const prop = literal.parent;
  if (prop?.type !== AST_NODE_TYPES.Property || prop.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const props = prop.parent.properties;
  if (props.length < 4) return false;
  let same = 0;
  for (const p of props) {
    if (p.type !== AST_NODE_TYPES.Property || p.value.type !== AST_NODE_TYPES.Literal || typeof p.value.value !== 'string') return false;
    if (p !== prop && p.value.value === value) same++;
  }
  return same > 0;
}

/** Stands in for an interpolated expression when reading a template's static text. */
const DYNAMIC = 'zzdynamiczz';

function quasisInclude(node: TSESTree.TemplateLiteral, part: string): boolean {
  return node.quasis.some((q) => (q.value.cooked ?? q.value.raw).includes(part));
}

function isModuleSpecifier(node: TSESTree.Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if (
    p.type === AST_NODE_TYPES.ImportDeclaration ||
    p.type === AST_NODE_TYPES.ExportAllDeclaration ||
    p.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    p.type === AST_NODE_TYPES.ImportExpression ||
    p.type === AST_NODE_TYPES.TSExternalModuleReference ||
    p.type === AST_NODE_TYPES.TSLiteralType
  ) {
    return true;
  }
  return p.type === AST_NODE_TYPES.CallExpression && p.callee.type === AST_NODE_TYPES.Identifier && p.callee.name === 'require';
}

const eslint = createEslintRule<Options, MessageIds>({
  name: id,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow secrets and credentials written into source code or published in API descriptions.' },
    schema: [
      {
        type: 'object',
        properties: {
          allow: { type: 'array', items: { type: 'string' } },
          testFilePatterns: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      providerSecret:
        'Hardcoded {{kind}} {{masked}}. Remove it from the code, rotate it, and load it from the environment or a secret manager.',
      namedSecret:
        "Hardcoded credential {{masked}} assigned to '{{name}}'. Load it from the environment (process.env) or a secret manager instead.",
      urlCredential:
        'Connection URL embeds the password {{masked}}. Build the URL from environment variables or pass credentials separately.',
      keyArgument:
        'Hardcoded {{what}} {{masked}} passed to {{callee}}. Anyone with the source can forge or decrypt; load the key from the environment.',
      envFallback:
        "process.env.{{env}} falls back to the hardcoded value {{masked}}: a missing variable silently runs with a known secret. Fail at startup instead.",
      seedPhrase:
        'Hardcoded wallet seed phrase {{masked}}. Anyone who reads it controls the wallet: move the funds to a new wallet and load the phrase from a secret manager.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const rel = projectRelativePath(context.cwd, context.filename);
    const patterns = options.testFilePatterns ?? DEFAULT_TEST_PATH_PATTERNS;
    if (isTestPath(rel, patterns)) return {};
    const allow = (options.allow ?? []).map((s) => new RegExp(s));
    const sourceCode = context.sourceCode;
    const reported = new Set<TSESTree.Node>();
    const keyCandidates: Array<{ arg: TSESTree.Node; what: string; callee: string }> = [];
    const importedOptions: Array<{ arg: TSESTree.Node; keys: readonly string[]; what: string; callee: string }> = [];

    const allowed = (value: string) => allow.some((re) => re.test(value));

    function checkString(node: TSESTree.Node, value: string): void {
      // Shorter values matter only where a name binds them (`{ jwtSecret: 'x' }`).
      if (value.length < 3 && !SHORT_VALUE_HOLDERS.has(node.parent?.type)) return;
      // Most literals make no finding; the exclusions are only worth testing for those that do.
      const finding = stringFinding(node, value);
      if (!finding || isModuleSpecifier(node) || allowed(value)) return;
      if (node.parent?.type === AST_NODE_TYPES.Property && node.parent.key === node) return;
      reported.add(node);
      context.report({ node, ...finding });
    }

    /** What a string literal reveals by its value and where it sits, before exclusions. */
    function stringFinding(node: TSESTree.Node, value: string): StringFinding | null {
      const provider = findProviderSecret(value);
      if (provider) return { messageId: 'providerSecret', data: { kind: provider.kind, masked: maskSecret(provider.value) } };
      const urlPassword = findUrlCredential(value);
      if (urlPassword) return { messageId: 'urlCredential', data: { masked: maskSecret(urlPassword) } };
      const parent = node.parent;
      // Twelve or more words: only a few literals get past the first test.
      if (value.length >= 47 && looksLikeSeedPhrase(value) && !isPlaceholder(value)) {
        const holder = contextName(node);
        if ((holder && isSeedPhraseName(holder)) || isSeedPhraseArgument(node)) {
          return { messageId: 'seedPhrase', data: { masked: maskSecret(value.trim()) } };
        }
      }
      if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.right === node && parent.operator !== '&&') {
        const env = envName(parent.left);
        if (env && isSecretName(env) && isKeyLikeValue(value)) {
          return { messageId: 'envFallback', data: { env, masked: maskSecret(value) } };
        }
      }
      // The name first: most literals sit where no name binds them (call arguments, array items),
      // and isSecretName turns most names away with one regex test.
      const name = contextName(node);
      if (name && isSecretName(name) && isCredentialLikeValue(value, name) && !inLookupTable(node, value)) {
        return { messageId: 'namedSecret', data: { name, masked: maskSecret(value) } };
      }
      return null;
    }

    /** Literal strings an argument stands for: itself, a const, the fallback of `a || 'x'`, array items. */
    function literalsOf(arg: TSESTree.Node, depth = 0): TSESTree.Node[] {
      if (depth > 3) return [];
      const n = resolveExpression(sourceCode, arg);
      if (stringValue(n) !== null) return [n];
      if (n.type === AST_NODE_TYPES.LogicalExpression && n.operator !== '&&') return literalsOf(n.right, depth + 1);
      // `new TextEncoder().encode('…')`, `Buffer.from('…')`, `createSecretKey(Buffer.from('…'))`.
      if (n.type === AST_NODE_TYPES.CallExpression && n.arguments[0]) {
        const name = n.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(n.callee) : n.callee.type === AST_NODE_TYPES.Identifier ? n.callee.name : null;
        if (name === 'encode' || name === 'from' || name === 'createSecretKey') return literalsOf(n.arguments[0], depth + 1);
      }
      if (n.type === AST_NODE_TYPES.ArrayExpression) {
        return n.elements.flatMap((e) => (e && e.type !== AST_NODE_TYPES.SpreadElement ? literalsOf(e, depth + 1) : []));
      }
      return [];
    }

    const tracker = getImportTracker(context);
    // `jwt.sign(p, '…')` where `jwt` comes from a wrapper module or a parameter: the name says it.
    const namesJwt = /\bjwt\.(?:sign|verify)\(/.test(sourceCode.text);
    const usesKeyModules = namesJwt || tracker.usesAny(KEY_SINK_MODULES) || tracker.usesAny(['jose']);

    /**
     * `jwt.sign` / `jwt.verify` on a binding named `jwt` that no import explains: a global or a
     * parameter (`(jwt) => jwt.sign(p, 'secret')`). A `jwt` imported from anywhere — a project
     * wrapper whose second argument may be a token kind (`jwt.sign(user, 'refresh')`), jose — is
     * left to what the import says.
     */
    function isUntrackedJwtCall(callee: TSESTree.Node): boolean {
      if (!namesJwt || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const obj = unwrap(callee.object);
      const method = propertyName(callee);
      if (obj.type !== AST_NODE_TYPES.Identifier || obj.name !== 'jwt' || (method !== 'sign' && method !== 'verify')) return false;
      return !tracker.resolve(obj) && !resolveConstInit(sourceCode, obj) && !importedBinding(obj);
    }

    function importedBinding(id: TSESTree.Identifier): boolean {
      for (let scope: ReturnType<typeof sourceCode.getScope> | null = sourceCode.getScope(id); scope; scope = scope.upper) {
        const v = scope.set.get(id.name);
        if (v) return v.defs.some((d) => d.type === 'ImportBinding');
      }
      return false;
    }

    /** The receiver is a jose `new SignJWT(…)` builder chain. */
    function builtBySignJwt(node: TSESTree.Node): boolean {
      let n = unwrap(node);
      while (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression) n = unwrap(n.callee.object);
      return n.type === AST_NODE_TYPES.NewExpression && tracker.matches(n.callee, 'jose', ['SignJWT']);
    }

    /**
     * An object literal another project file exports, that `node` (an imported binding or a member
     * of one) stands for: `session(sessionOptions)` with `sessionOptions` from `./config`. Asked of
     * the project model, only for the arguments of key sinks that resolve to nothing in this file.
     */
    function importedObject(node: TSESTree.Node): TSESTree.ObjectExpression | null {
      const n = unwrap(node);
      if (n.type !== AST_NODE_TYPES.Identifier && n.type !== AST_NODE_TYPES.MemberExpression) return null;
      const value = projectOf(context).value(projectFileOf(context), n);
      return value?.kind === 'object' && value.file.path !== context.filename ? value.node : null;
    }

    /**
     * `jwt.sign(p, config.jwtSecret)` with `config` exported by another file as an object literal
     * holding `jwtSecret: '…'`: reported here, at the argument, unless that file's own lint
     * reports the literal already (a provider format, or a credential-shaped value under its name).
     */
    function reportImportedKey(arg: TSESTree.Node, what: string, callee: string): void {
      const n = unwrap(arg);
      if (n.type !== AST_NODE_TYPES.MemberExpression) return;
      const name = propertyName(n);
      const holder = name ? importedObject(n.object) : null;
      const p = holder?.properties.find((q): q is TSESTree.Property => q.type === AST_NODE_TYPES.Property && propertyName(q) === name);
      if (p) reportImportedLiteral(arg, p, what, callee);
    }

    function reportImportedLiteral(at: TSESTree.Node, p: TSESTree.Property, what: string, callee: string): void {
      const value = stringValue(p.value);
      if (value === null || allowed(value) || !isKeyLikeValue(value)) return;
      const key = propertyName(p) ?? '';
      if (findProviderSecret(value) || (isSecretName(key) && isCredentialLikeValue(value, key))) return;
      context.report({ node: at, messageId: 'keyArgument', data: { what, callee, masked: maskSecret(value) } });
    }

    /** The options object of a sink call, its key-holding properties pushed as candidates. */
    function pushOptionKeys(arg: TSESTree.Node | undefined, keys: readonly string[], what: string, callee: string): void {
      const opts = arg && resolveExpression(sourceCode, arg);
      if (opts?.type !== AST_NODE_TYPES.ObjectExpression) {
        // Maybe an options object another project file exports: asked of the project model at the end.
        if (opts && (opts.type === AST_NODE_TYPES.Identifier || opts.type === AST_NODE_TYPES.MemberExpression)) importedOptions.push({ arg: opts, keys, what, callee });
        return;
      }
      for (const p of opts.properties) {
        if (p.type === AST_NODE_TYPES.Property && keys.includes(propertyName(p) ?? '')) keyCandidates.push({ arg: p.value, what, callee });
      }
    }

    /** A call or `new` matching a row of KEY_SINKS: its key arguments, judged at the end. */
    function collectSink(node: TSESTree.CallExpression | TSESTree.NewExpression, shape: 'call' | 'new'): boolean {
      const callee = node.callee;
      const args = node.arguments;
      for (const sink of KEY_SINKS) {
        if (sink.shape !== shape || !tracker.matches(callee, sink.modules, sink.path)) continue;
        const label = sink.label ?? sourceCode.getText(callee);
        if (sink.keyArg !== undefined && args[sink.keyArg]) keyCandidates.push({ arg: args[sink.keyArg]!, what: sink.what, callee: label });
        if (sink.optionsArg !== undefined && sink.keys) pushOptionKeys(args[sink.optionsArg], sink.keys, sink.what, label);
        return true;
      }
      return false;
    }

    /** `fastify.register(fastifyJwt, { secret })`: a plugin of KEY_SINKS registered with its options. */
    function collectRegistration(node: TSESTree.CallExpression): boolean {
      const plugin = node.arguments[0];
      if (!plugin) return false;
      for (const sink of KEY_SINKS) {
        if (sink.shape !== 'register' || !tracker.matches(plugin, sink.modules, sink.path)) continue;
        if (sink.optionsArg !== undefined && sink.keys) pushOptionKeys(node.arguments[sink.optionsArg], sink.keys, sink.what, sink.label ?? sourceCode.getText(plugin));
        return true;
      }
      return false;
    }

    /** `super({ secretOrKey })` in a class extending a sink (`extends PassportStrategy(Strategy)`). */
    function collectSuper(node: TSESTree.CallExpression): void {
      let cls: TSESTree.Node | undefined = node.parent;
      while (cls && cls.type !== AST_NODE_TYPES.ClassDeclaration && cls.type !== AST_NODE_TYPES.ClassExpression) cls = cls.parent;
      const base = cls?.superClass;
      if (!base) return;
      const extended = base.type === AST_NODE_TYPES.CallExpression ? base.arguments[0] : base;
      for (const sink of KEY_SINKS) {
        if (sink.shape !== 'extends' || !tracker.matches(extended, sink.modules, sink.path)) continue;
        if (sink.optionsArg !== undefined && sink.keys) pushOptionKeys(node.arguments[sink.optionsArg], sink.keys, sink.what, sink.label ?? sourceCode.getText(extended!));
        return;
      }
    }

    /** Calls that take a key (jwt.sign, createHmac, session secrets…): their key arguments, judged at the end. */
    function collectKeyCandidates(node: TSESTree.CallExpression): void {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.Super) return collectSuper(node);
      // A member callee resolves to a path ending in its own property name, so only these can match.
      const property = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) ?? '' : null;
      if (property !== null && !KEY_SINK_PROPERTIES.has(property)) return;
      if (property === 'register' && collectRegistration(node)) return;
      if (collectSink(node, 'call')) return;
      const args = node.arguments;
      if (isUntrackedJwtCall(callee)) {
        if (args[1]) keyCandidates.push({ arg: args[1], what: 'JWT signing key', callee: sourceCode.getText(callee) });
      } else if (property === 'sign' && args[0] && builtBySignJwt((callee as TSESTree.MemberExpression).object)) {
        keyCandidates.push({ arg: args[0], what: 'JWT signing key', callee: 'SignJWT.sign' });
      }
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') checkString(node, node.value);
      },
      TemplateLiteral(node) {
        if (node.parent.type === AST_NODE_TYPES.TaggedTemplateExpression) return;
        if (node.expressions.length > 0) {
          // `postgres://admin:S3cret@${host}/db`: a literal password next to interpolated parts.
          // A URL credential needs `://` and `@`, neither of which can span an interpolation.
          if (!quasisInclude(node, '@') || !quasisInclude(node, '://')) return;
          const text = node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(DYNAMIC);
          const password = text.includes('@') ? findUrlCredential(text) : null;
          if (password && !password.includes(DYNAMIC) && !allowed(password)) {
            context.report({ node, messageId: 'urlCredential', data: { masked: maskSecret(password) } });
          }
          return;
        }
        const v = stringValue(node);
        if (v !== null) checkString(node, v);
      },
      // Only files importing a key-taking module register the call listener at all.
      ...(usesKeyModules ? { CallExpression: collectKeyCandidates } : {}),
      // `new Sequelize(database, username, password)`, `new JwtStrategy({ secretOrKey })`.
      ...(usesKeyModules ? { NewExpression: (node: TSESTree.NewExpression) => void collectSink(node, 'new') } : {}),
      'Program:exit'() {
        for (const { arg, what, callee } of keyCandidates) {
          const literals = literalsOf(arg);
          if (literals.length === 0) reportImportedKey(arg, what, callee);
          for (const lit of literals) {
            if (reported.has(lit)) continue;
            const value = stringValue(lit)!;
            if (allowed(value) || !isKeyLikeValue(value)) continue;
            reported.add(lit);
            // Report at the call's argument when the literal sits in a const elsewhere.
            const at = lit === unwrap(arg) || isInside(lit, arg) ? lit : arg;
            context.report({ node: at, messageId: 'keyArgument', data: { what, callee, masked: maskSecret(value) } });
          }
        }
        for (const { arg, keys, what, callee } of importedOptions) {
          const found = importedObject(arg);
          for (const p of found?.properties ?? []) {
            if (p.type === AST_NODE_TYPES.Property && keys.includes(propertyName(p) ?? '')) reportImportedLiteral(arg, p, what, callee);
          }
        }
      },
    };
  },
});

/** An argument of a call that takes a seed phrase: `Wallet.fromMnemonic(…)`, `mnemonicToSeedSync(…)`, `HDNodeWallet.fromPhrase(…)`. */
function isSeedPhraseArgument(node: TSESTree.Node): boolean {
  const call = node.parent;
  if ((call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) || !call.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
  const callee = call.callee;
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  return !!name && /mnemonic|phrase/i.test(name);
}

function isInside(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}

export default defineRule({
  id,
  category: 'security',
  description: 'Disallow secrets and credentials written into source code or published in API descriptions.',
  recommended: 'error',
  strict: 'error',
  eslint,
  // The document face: provider keys in examples and defaults, credentials in server URLs.
  spectral: (options) => {
    const allow = Array.isArray(options.allow) ? options.allow.filter((s): s is string => typeof s === 'string').map((s) => new RegExp(s)) : [];
    return {
      given: '$',
      message: '{{error}}',
      then: { function: indexFunction((index) => documentSecrets(index, (value) => allow.some((re) => re.test(value)))) },
    };
  },
});
