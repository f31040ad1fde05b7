/**
 * Name-based recognition: what a value is called where it ends up. Security rules judge data by
 * the name the code gives it (`sessionId`, `backupCodes`, `req.body.password`), so the matching
 * lives here once: identifiers are split on camelCase/snake_case/kebab-case, words are compared in
 * their singular form, and multi-word terms (`api key`, `credit card`) match consecutive words.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from './imports.js';
import { splitWords, unwrap } from './values.js';
import { tooLongToJudge } from '../regex.js';

/** A vocabulary of single words and consecutive word pairs/triples, all lower-case and singular. */
export interface Vocabulary {
  words: ReadonlySet<string>;
  /** Multi-word terms as space-joined words, e.g. `api key`. */
  phrases: readonly string[];
  /** Derived from `phrases` once, so matching splits and joins nothing per name. */
  phraseParts: readonly (readonly string[])[];
  /** Each phrase glued into one word (`apikey`), in the order of `phrases`. */
  glued: readonly string[];
  /** Every word a match can start with: a word, a phrase's first word, or a glued phrase. */
  starts: ReadonlySet<string>;
  /** Every word a head term can end with: a word, a phrase's last word, or a glued phrase. */
  heads: ReadonlySet<string>;
}

export function vocabulary(terms: readonly string[]): Vocabulary {
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const t of terms) {
    const w = splitWords(t);
    if (w.length === 1) words.add(w[0]!);
    else if (w.length > 1) phrases.push(w.join(' '));
  }
  const phraseParts = phrases.map((p) => p.split(' '));
  const glued = phraseParts.map((parts) => parts.join(''));
  const starts = new Set([...words, ...glued, ...phraseParts.map((parts) => parts[0]!)]);
  const heads = new Set([...words, ...glued, ...phraseParts.map((parts) => parts[parts.length - 1]!)]);
  return { words, phrases, phraseParts, glued, starts, heads };
}

/** Singular form good enough for identifier words (`codes` → `code`, `ids` → `id`, `keys` → `key`). */
export function singularWord(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && /(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  // Three-letter words ending in s are mostly not plurals (`has`, `was`, `yes`); `ids` is.
  if (word === 'ids') return 'id';
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Lower-case singular words of an identifier, property name or header name. */
export function nameWords(name: string): string[] {
  return splitWords(name).map(singularWord);
}

/**
 * The other reading of a name that shouts part of a word (`PASSword`, `userPASSword`): the usual
 * split takes `PASS` for an acronym and cuts `PAS|Sword`, as it must for `HTTPServer`. Here
 * upper-to-lower case changes do not split, so `PASSword` is one word. Empty when the name has no
 * such run, which is almost always.
 */
export function shoutedWords(name: string): string[][] {
  if (!/[A-Z]{2}[a-z]/.test(name) || tooLongToJudge(name, 'identifier')) return [];
  return [
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => singularWord(w.toLowerCase())),
  ];
}

/**
 * Index of the first word of the first vocabulary match in `words`, or -1. Phrases match
 * consecutive words, and also the words glued together (`apikey`, `creditcard`).
 */
export function findTerm(words: readonly string[], vocab: Vocabulary): { index: number; length: number } | null {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!vocab.starts.has(word)) continue;
    for (const parts of vocab.phraseParts) {
      if (parts.every((p, j) => words[i + j] === p)) return { index: i, length: parts.length };
    }
    if (vocab.words.has(word)) return { index: i, length: 1 };
    if (vocab.glued.includes(word)) return { index: i, length: 1 };
  }
  return null;
}

/**
 * The vocabulary term that is the name's head — its last word, or last words for a phrase — or
 * null: `passwordResetCode` → 'code', `user_api_key` → 'api key'; `tokenLength` → null.
 */
export function headTerm(words: readonly string[], vocab: Vocabulary): string | null {
  const last = words[words.length - 1];
  if (last === undefined || !vocab.heads.has(last)) return null;
  for (let k = 0; k < vocab.phraseParts.length; k++) {
    const parts = vocab.phraseParts[k]!;
    if (last === vocab.glued[k]) return vocab.phrases[k]!;
    if (parts.length <= words.length && parts.every((p, j) => words[words.length - parts.length + j] === p)) return vocab.phrases[k]!;
  }
  return vocab.words.has(last) ? last : null;
}

/** True when the name's head is in the vocabulary (`userToken` yes, `tokenLength` no). */
export function endsWithTerm(words: readonly string[], vocab: Vocabulary): boolean {
  return headTerm(words, vocab) !== null;
}

export function matchesVocabulary(name: string, vocab: Vocabulary): boolean {
  return findTerm(nameWords(name), vocab) !== null;
}

/**
 * The name a node is bound to when it is the value of a declaration, assignment or property:
 * `const token = <node>` → 'token', `user.resetCode = <node>` → 'resetCode', `{ nonce: <node> }`
 * → 'nonce'. Null when the node is not such a value.
 */
export function boundName(node: TSESTree.Node): string | null {
  const parent = node.parent;
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === node ? targetName(parent.left) : null;
    case AST_NODE_TYPES.Property:
      return parent.value === node ? propertyName(parent) : null;
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === node && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier
        ? parent.key.name
        : null;
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.right === node && parent.left.type === AST_NODE_TYPES.Identifier ? parent.left.name : null;
    default:
      return null;
  }
}

/** Name of an assignment target: `x` → 'x', `a.b.token` → 'token', `a['token']` → 'token'. */
export function targetName(node: TSESTree.Node): string | null {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression) return propertyName(n);
  return null;
}

/** Name of a function: declaration id, `const f = () => …`, method or property key. */
export function functionName(fn: TSESTree.FunctionLike): string | null {
  if ('id' in fn && fn.id && fn.id.type === AST_NODE_TYPES.Identifier) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition) {
    return !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : null;
  }
  return boundName(fn);
}

/**
 * First words of a function whose answer is a yes/no (`isValidUrl`, `hasAccess`, `canEdit`,
 * `shouldRetry`, `existsSync`-style `fileExists` takes the last word instead).
 */
const PREDICATE_FIRST = new Set(['is', 'has', 'can', 'should', 'exists', 'exist', 'contains', 'supports', 'allows', 'matches', 'needs', 'was', 'did']);
const PREDICATE_LAST = new Set(['exists', 'exist', 'valid', 'allowed', 'enabled', 'supported', 'available']);

/** Does a function's name say it answers yes or no? `isValidJson`, `canConnect`, `fileExists`, `valid`. */
export function isPredicateName(name: string | null | undefined): boolean {
  if (!name) return false;
  const words = splitWords(name);
  const first = words[0];
  const last = words[words.length - 1];
  return (first !== undefined && PREDICATE_FIRST.has(first)) || (last !== undefined && PREDICATE_LAST.has(last));
}
