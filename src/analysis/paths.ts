/**
 * Path-segment analysis shared by the ESLint path rules and the OpenAPI (Spectral) path rules, so
 * `/users/{id}` in a document and `/users/:id` in code get the same verdict. Pure functions over
 * strings: no ESLint or Spectral types.
 *
 * API
 * - `parsePath(path, options?)` → `PathSegment[]`: every non-empty segment with its `kind`
 *   (`static` | `param` | `version` | `api` | `wellknown`), its `index` among segments and its
 *   `start`/`end` offsets in the input string (so callers can map a segment back to the literal it
 *   came from). Understands `:id`, `:id?`, `:id(\\d+)`, `{id}`, `{*splat}`, Hono `:id{[0-9]+}`,
 *   Next `[id]`/`[...slug]`/`[[...slug]]`, `*`, `(.*)`, and `${…}` placeholders.
 * - `pluralViolations(path, method, options?)`: singular resource names (catalog rule
 *   plural-resource-names).
 * - `casingViolations(path, options?)`: camelCase, snake_case, upper case, trailing slash, file
 *   extension (kebab-case-paths).
 * - `verbViolations(path, method, options?)`: segments whose first word is an action verb
 *   (no-verbs-in-paths), with the custom-action POST exemption.
 * - `hasVersionSegment(path, pattern?)`: require-api-version.
 * - `isSingularWord`, `splitSegmentWords`, `WELL_KNOWN_SEGMENTS`, `ACTION_VERBS` for callers that
 *   need the building blocks.
 *
 * Every verdict honours an `allow` list (segment texts or single words, case-insensitive) and never
 * judges `api`, version, parameter or well-known segments.
 */
import pluralize from 'pluralize';
import { memoByName } from './memo.js';
import { maskSecrets } from './secrets.js';
import { lastLineStart, tooLongToJudge } from '../regex.js';

export type SegmentKind = 'static' | 'param' | 'version' | 'api' | 'wellknown';

export interface PathSegment {
  /** The raw segment text, e.g. `users`, `:id`, `{id}`, `v1`. */
  text: string;
  kind: SegmentKind;
  /** Position among the non-empty segments (0-based). */
  index: number;
  /** Offsets of the segment in the parsed string (`path.slice(start, end) === text`). */
  start: number;
  end: number;
}

export interface PathOptions {
  /** Segment texts or words never reported (case-insensitive). */
  allow?: readonly string[];
  /** Version segment pattern; default `^v\d+$`. */
  versionPattern?: string | RegExp;
}

export interface PathViolation {
  segment: PathSegment;
  /** What is wrong, e.g. `singular`, `camelCase`, `verb`, `trailing-slash`. */
  kind: string;
  /** The offending word (plural/verb rules) or segment. */
  word: string;
  /** A replacement for the segment text when one can be derived, for suggestions. */
  replacement?: string;
}

export const DEFAULT_VERSION_PATTERN = /^v\d+$/;

/** Segments the catalog's path rules never judge (in lower case). */
export const WELL_KNOWN_SEGMENTS: ReadonlySet<string> = new Set([
  '.well-known', 'openapi.json', 'openapi.yaml', 'swagger.json', 'health', 'healthz', 'readyz', 'livez',
  'metrics', 'status', 'version', 'me', 'self', 'auth', 'login', 'logout', 'signup', 'register', 'search',
  'config', 'settings', 'profile', 'docs', 'oauth', 'token', 'callback', 'webhook', 'webhooks', 'graphql',
  'batch',
]);

/** Mass nouns `pluralize` counts as singular; they are never "singular" resource names. */
const UNCOUNTABLE = new Set([
  'news', 'media', 'data', 'metadata', 'analytics', 'info', 'information', 'feedback', 'equipment', 'series',
  'species', 'content', 'software', 'hardware', 'firmware', 'traffic', 'evidence', 'knowledge', 'advice',
  'music', 'weather', 'research', 'progress', 'storage', 'inventory', 'access', 'billing', 'pricing',
  'shipping', 'tracking', 'logging', 'monitoring', 'usage', 'staff', 'personnel', 'mail', 'sms',
  'audio', 'health', 'auth', 'admin', 'telemetry', 'compliance', 'security', 'support',
  'onboarding', 'checkout', 'payroll', 'stock', 'help', 'home', 'public', 'internal', 'private', 'dashboard',
  'history', 'spam', 'malware',
]);

/** Action verbs judged on the FIRST word of a static segment. */
export const ACTION_VERBS: ReadonlySet<string> = new Set([
  'get', 'fetch', 'list', 'create', 'add', 'make', 'update', 'edit', 'modify', 'set', 'delete', 'remove',
  'destroy', 'save', 'do', 'run', 'execute', 'send', 'insert', 'retrieve', 'upsert', 'change', 'erase',
  'generate', 'submit', 'calculate', 'compute', 'toggle', 'perform', 'invoke',
]);

/**
 * Words that name an action or a state, not a resource (`/themes/upload`, `/themes/active`):
 * pluralize calls them singular nouns, but asking for "uploads" or "actives" would be wrong.
 */
const NON_RESOURCE_WORDS = new Set([
  'upload', 'download', 'install', 'uninstall', 'verify', 'reset', 'check', 'receive', 'test', 'regenerate',
  'refresh', 'enable', 'disable', 'import', 'export', 'sync', 'publish', 'unpublish', 'subscribe', 'unsubscribe',
  'confirm', 'approve', 'reject', 'archive', 'unarchive', 'restore', 'activate', 'deactivate', 'revoke', 'resend',
  'retry', 'cancel', 'complete', 'close', 'open', 'start', 'stop', 'pause', 'resume', 'preview', 'validate',
  'exchange', 'rotate', 'signin', 'signout', 'sign', 'connect', 'disconnect', 'link', 'unlink', 'duplicate',
  'copy', 'move', 'merge', 'clear', 'flush', 'ping', 'echo', 'lookup', 'count', 'total', 'summary', 'overview',
  'active', 'inline', 'current', 'latest', 'default', 'pending', 'recent', 'popular', 'all', 'bulk', 'new',
  'next', 'previous', 'first', 'last', 'random', 'public', 'private', 'internal', 'external', 'raw', 'live',
  // Verbs naming what a sub-path does to its parent (`/repos/{r}/compare/{basehead}`, `/user/unfollow`).
  'compare', 'follow', 'unfollow', 'unstar', 'unwatch', 'mute', 'unmute', 'unblock', 'unpin', 'unlock', 'unassign',
  'assign', 'attach', 'detach', 'accept', 'decline', 'deny', 'authorize', 'authenticate', 'dispatch', 'deploy',
  'render', 'convert', 'translate', 'transcribe', 'summarize', 'analyze', 'classify', 'moderate', 'tokenize',
  'detokenize', 'extract', 'parse', 'redact', 'rerun', 'undo', 'redo', 'reopen', 'reindex', 'rebuild', 'recalculate',
]);

/**
 * Words that qualify or name one thing rather than a collection, when they are the whole name
 * (`/emojis/custom/{name}` but `/custom-fields/{id}` is judged on "fields"; `slack-channel/{id}` on
 * "channel").
 */
const NOT_COLLECTION_NAMES = new Set([
  // Adjectives qualifying the collection around them (`/emojis/custom/{name}`, `/plans/standard`).
  'custom', 'global', 'local', 'primary', 'secondary', 'personal', 'premium', 'standard', 'basic', 'advanced',
  'manual', 'automatic', 'auto', 'native', 'visible', 'hidden', 'effective', 'available', 'upcoming', 'legacy',
  'beta', 'alpha', 'experimental', 'generic', 'common', 'official', 'mobile', 'desktop', 'realtime', 'async',
  // Formats and file kinds (`/repos/{r}/tarball/{ref}`, `/repos/{r}/readme/{dir}`): one rendering, not a collection.
  'tarball', 'zipball', 'readme', 'json', 'xml', 'csv', 'pdf', 'html', 'yaml', 'markdown', 'text', 'zip', 'tar',
  'ics', 'vcf', 'rss', 'atom', 'protobuf', 'binary', 'siprec',
  // Providers and products an API integrates with (`/integration_mappings/slack/{id}`): proper names.
  'slack', 'github', 'gitlab', 'bitbucket', 'google', 'microsoft', 'azure', 'aws', 'gcp', 'apple', 'facebook',
  'twitter', 'linkedin', 'zoom', 'salesforce', 'jira', 'okta', 'stripe', 'paypal', 'twilio', 'sendgrid', 'mailchimp',
  'hubspot', 'zendesk', 'shopify', 'dropbox', 'onedrive', 'sharepoint', 'webex', 'discord', 'telegram', 'whatsapp',
]);

/**
 * Gerunds name an activity (`/user/following`, `/scheduled-indexing/{id}`), and "followings" is
 * not a word; these -ing words are countable nouns and stay judged.
 */
const COUNTABLE_ING_NOUNS = new Set([
  'recording', 'meeting', 'listing', 'booking', 'building', 'mapping', 'offering', 'posting', 'drawing', 'warning',
  'rating', 'finding', 'holding', 'heading', 'filing', 'embedding', 'string', 'thing', 'ring', 'spring', 'sibling',
  'ceiling', 'earning', 'painting', 'setting', 'pairing', 'binding', 'crossing', 'landing', 'greeting', 'saving',
  'opening', 'reading', 'ending', 'wedding', 'being', 'feeling', 'lodging', 'dwelling', 'clipping', 'cutting',
]);

function isGerund(word: string): boolean {
  return word.length >= 6 && word.endsWith('ing') && !COUNTABLE_ING_NOUNS.has(word);
}

/** Files whose names standards fix (`/.well-known/jwks.json`, `/robots.txt`): never judged. */
const STANDARD_FILES = new Set([
  'jwks.json', 'robots.txt', 'sitemap.xml', 'favicon.ico', 'manifest.json', 'manifest.webmanifest',
  'security.txt', 'humans.txt', 'ads.txt', 'app-ads.txt', 'assetlinks.json', 'apple-app-site-association',
  'openid-configuration', 'oauth-authorization-server', 'change-password', 'rss.xml', 'feed.xml', 'atom.xml',
  'sitemap-index.xml', 'browserconfig.xml', 'crossdomain.xml',
]);

/** Static asset files (`/ember-cli-live-reload.js`, `/logo.png`) are not API resources. */
const ASSET_FILE = /\.(?:m?js|css|map|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|otf|eot|wasm|mp4|webm|mp3)$/;

/** Parameter syntax anywhere in a segment makes the whole segment a parameter (e.g. `{id}.json`). */
const PARAM_RE = /^[:*]|[{[]|\$\{|^\(.*\)$|:[A-Za-z_]/;

function toRegExp(p: string | RegExp | undefined): RegExp {
  if (!p) return DEFAULT_VERSION_PATTERN;
  return typeof p === 'string' ? new RegExp(p) : p;
}

/** Split a path on `/`, ignoring slashes inside (), {} and [] (regex constraints). */
function rawSegments(path: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    const ch = path[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if ((ch === ')' || ch === '}' || ch === ']') && depth > 0) depth--;
    else if (i === path.length || (ch === '/' && depth === 0)) {
      if (i > start) out.push({ text: path.slice(start, i), start });
      start = i + 1;
    }
  }
  return out;
}

export function parsePath(path: string, options: PathOptions = {}): PathSegment[] {
  if (tooLongToJudge(path, 'path')) return [];
  const version = toRegExp(options.versionPattern);
  return rawSegments(path).map(({ text, start }, index) => {
    const lower = text.toLowerCase();
    let kind: SegmentKind;
    // A token in a path (`/hooks/ghp_…`) is a value, like a parameter, not a name to judge: a
    // rename suggestion would quote it in a form (`ghp-…`) no secret pattern recognises.
    if (PARAM_RE.test(text) || maskSecrets(text) !== text) kind = 'param';
    else if (version.test(text)) kind = 'version';
    else if (lower === 'api') kind = 'api';
    else if (WELL_KNOWN_SEGMENTS.has(lower) || STANDARD_FILES.has(lower) || ASSET_FILE.test(lower)) kind = 'wellknown';
    else kind = 'static';
    return { text, kind, index, start, end: start + text.length };
  });
}

/** Words of a segment split on case, `-`, `_` and `.`, lower-cased: `getUserById` → get,user,by,id. */
export function splitSegmentWords(segment: string): string[] {
  return (tooLongToJudge(segment, 'identifier') ? '' : segment)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** A word is singular only when pluralize says singular and not plural, and it is countable. */
export function isSingularWord(word: string): boolean {
  return singularWord(word.toLowerCase());
}

/** pluralize's answers per lower-cased word (its rules are fixed; route words repeat across files). */
const singularWord = memoByName((w) => computeIsSingular(w), 10_000);

function computeIsSingular(w: string): boolean {
  if (!/^[a-z]{2,}$/.test(w) || UNCOUNTABLE.has(w)) return false;
  // Past participles name a state or a relation, not a resource (`/user/starred`, `blocked`).
  if (w.length >= 6 && w.endsWith('ed') && !w.endsWith('eed')) return false;
  if (isGerund(w)) return false;
  return pluralize.isSingular(w) && !pluralize.isPlural(w);
}

/**
 * The parameter after a segment identifies something other than what the segment names
 * (`/schema-registry/{subject_name}`: subjects of the registry), so the segment is a namespace, not
 * the collection of those items. `{id}`, `{user_id}` after `user`, `{username}` after `user` and
 * `{repo_id}` after `repository` name the segment's own items.
 */
function namesAnotherNoun(param: string, word: string): boolean {
  const key = splitSegmentWords(param);
  const bare = key.length > 0 && ID_SUFFIXES.has(key[key.length - 1]!) ? key.slice(0, -1) : key;
  const last = bare[bare.length - 1];
  if (!last || last.length < 3) return false;
  return !last.startsWith(word) && !word.startsWith(last) && pluralize.singular(last) !== word;
}

/** Suffixes of parameter names that say "identifier of": `knowledge_base_uuid`, `user_id`. */
const ID_SUFFIXES = new Set(['id', 'uuid', 'guid', 'key', 'name', 'slug', 'sid']);

/** Words joining a head noun to its complement: `codes_of_conduct`, `blocked_by`. */
const CONNECTORS = new Set(['of', 'by', 'for', 'with', 'from', 'to', 'per']);

/**
 * The word a segment's number is judged on: the last word, or the word before the first
 * connector (`codes_of_conduct` → codes, `blocked_by` → blocked, `order-items` → items).
 */
function headWord(words: string[]): string | undefined {
  const i = words.findIndex((w) => CONNECTORS.has(w));
  return i > 0 ? words[i - 1] : i === 0 ? undefined : words[words.length - 1];
}

function allowed(options: PathOptions, ...texts: string[]): boolean {
  if (!options.allow?.length) return false;
  const set = new Set(options.allow.map((a) => a.toLowerCase()));
  return texts.some((t) => set.has(t.toLowerCase()));
}

function isParam(seg: PathSegment | undefined): boolean {
  return seg?.kind === 'param';
}

/** The param's name without syntax: `:post_id(\\d+)` → `post_id`, `{id}` → `id`, `[...slug]` → `slug`. */
export function paramName(text: string): string {
  // What `text.replace(/^[:*[{.]+|[\]}?]+$|\(.*$|\{.*$/g, '')` leaves, without that regex's
  // quadratic restarts: drop the leading sigils, then cut at the first point from which the rest is
  // a closing run (`}`, `]?`) or a `(`/`{` tail that holds no line break (`.` stops at one).
  let from = 0;
  while (from < text.length && ':*[{.'.includes(text[from]!)) from++;
  let cut = text.length;
  while (cut > from && ']}?'.includes(text[cut - 1]!)) cut--;
  const tail = text.slice(Math.max(from, lastLineStart(text)), cut);
  const open = tail.search(/[({]/);
  if (open !== -1) cut = Math.max(from, lastLineStart(text)) + open;
  return text.slice(from, cut).replace(/^\.\.\./, '');
}

/**
 * plural-resource-names: the static segment right before a path parameter, and the last static
 * segment of a list/create route (GET or POST ending in a static segment), must be plural.
 *
 * Precision rules on top of the catalog's: a last segment right after a parameter is a custom
 * action (POST) or a single-object sub-resource (`/tickets/{id}/assignee`); a last segment after
 * another static segment is a sub-resource or an action of that collection (`/posts/export`,
 * `/members/stats/count`) — only the first resource segment of a list/create path is judged. A
 * segment before a parameter that names the lookup key of the preceding collection
 * (`/posts/slug/:slug`, `/users/email/:email`) is a qualifier, not a resource. Segments naming an
 * action or a state (`upload`, `active`, verbs) and well-known words (`config`, `token`) are not
 * resource names. Multi-word segments are judged on their last word; a file extension is ignored.
 */
export function pluralViolations(path: string, method: string | null | undefined, options: PathOptions = {}): PathViolation[] {
  const segs = parsePath(path, options);
  const m = (method ?? '').toUpperCase();
  const out: PathViolation[] = [];
  segs.forEach((seg, i) => {
    if (seg.kind !== 'static') return;
    const next = segs[i + 1];
    const prev = segs[i - 1];
    const beforeParam = isParam(next);
    const firstResource = !segs.slice(0, i).some((s) => s.kind === 'static' || s.kind === 'param' || s.kind === 'wellknown');
    const lastOfCollection = i === segs.length - 1 && (m === 'GET' || m === 'POST') && firstResource;
    if (!beforeParam && !lastOfCollection) return;
    const base = seg.text.replace(/\.[A-Za-z][A-Za-z0-9]{0,5}$/, '');
    const words = splitSegmentWords(base);
    const word = headWord(words);
    if (!word || allowed(options, seg.text, word)) return;
    if (ACTION_VERBS.has(words[0]!) || NON_RESOURCE_WORDS.has(word) || NON_RESOURCE_WORDS.has(words[0]!) || NOT_COLLECTION_NAMES.has(word)) return;
    if (WELL_KNOWN_SEGMENTS.has(word)) return;
    if (beforeParam && prev?.kind === 'static') {
      const key = splitSegmentWords(paramName(next!.text));
      // `{knowledge_base_uuid}` after `knowledge-base`: the key minus its id suffix names the segment.
      const bare = key.length > 1 && ID_SUFFIXES.has(key[key.length - 1]!) ? key.slice(0, -1) : key;
      if (key[0] === word || key[key.length - 1] === word || key.join('') === words.join('') || bare.join('') === words.join('')) return;
      // A sub-namespace of the collection before it, whose items the parameter picks
      // (`/models/catalog/{id}`: catalogued models, not catalogs).
      const prevHead = headWord(splitSegmentWords(prev.text));
      if (prevHead && pluralize.isPlural(prevHead) && !pluralize.isSingular(prevHead) && !UNCOUNTABLE.has(prevHead)) return;
    }
    if (beforeParam && namesAnotherNoun(paramName(next!.text), word)) return;
    if (!isSingularWord(word)) return;
    const plural = pluralize.plural(word);
    const lower = seg.text.toLowerCase();
    // The head word in place: at the end (`order-item`), or before a connector (`code_of_conduct`).
    const at = lower.endsWith(word) ? seg.text.length - word.length : lower.indexOf(word);
    const replacement = at >= 0 ? seg.text.slice(0, at) + plural + seg.text.slice(at + word.length) : undefined;
    out.push({
      segment: seg,
      kind: 'singular',
      word,
      ...(replacement !== undefined ? { replacement } : {}),
    });
  });
  return out;
}

/** kebab-case-paths: camelCase, snake_case, upper case, file extensions and a trailing slash. */
export function casingViolations(path: string, options: PathOptions = {}): PathViolation[] {
  const clean = path;
  const segs = parsePath(clean, options);
  const out: PathViolation[] = [];
  for (const seg of segs) {
    if (seg.kind !== 'static' || allowed(options, seg.text)) continue;
    const t = seg.text;
    const ext = /^([^.]+)\.([A-Za-z][A-Za-z0-9]{0,5})$/.exec(t);
    const base = ext ? ext[1]! : t;
    let kind: string | null = null;
    if (base.includes('_')) kind = 'snake_case';
    else if (/[a-z0-9][A-Z]/.test(base) && /^[a-z]/.test(base)) kind = 'camelCase';
    else if (/[A-Z]/.test(base)) kind = 'uppercase';
    if (kind) {
      out.push({ segment: seg, kind, word: t, replacement: toKebab(base) + (ext ? `.${ext[2]!.toLowerCase()}` : '') });
    }
    if (ext) {
      out.push({ segment: seg, kind: 'extension', word: t, replacement: toKebab(base) });
    }
  }
  if (clean.length > 1 && clean.endsWith('/') && segs.length > 0) {
    const last = segs[segs.length - 1]!;
    out.push({ segment: last, kind: 'trailing-slash', word: '/' });
  }
  return out;
}

export function toKebab(text: string): string {
  return splitSegmentWords(text).join('-');
}

/**
 * no-verbs-in-paths: a static segment whose FIRST word is an action verb. A POST whose final
 * segment is a single verb right after a parameter (`POST /orders/:id/cancel`) is the allowed
 * custom-action form.
 */
export function verbViolations(path: string, method: string | null | undefined, options: PathOptions = {}): PathViolation[] {
  const segs = parsePath(path, options);
  const m = (method ?? '').toUpperCase();
  const out: PathViolation[] = [];
  segs.forEach((seg, i) => {
    if (seg.kind !== 'static') return;
    const words = splitSegmentWords(seg.text);
    const first = words[0];
    if (!first || !ACTION_VERBS.has(first) || allowed(options, seg.text, first)) return;
    // Verb + particle nouns: `add-ons`, `AddOnResults`, `set-up`, `run-time` name things.
    if (VERB_PARTICLE_NOUNS.has(`${first} ${words[1] ?? ''}`)) return;
    const customAction = m === 'POST' && i === segs.length - 1 && isParam(segs[i - 1]) && words.length === 1;
    if (customAction) return;
    const rest = words.slice(1).join('-');
    out.push({ segment: seg, kind: 'verb', word: first, ...(rest ? { replacement: rest } : {}) });
  });
  return out;
}

/** Compound nouns that start with a verb: judged as nouns by no-verbs-in-paths. */
const VERB_PARTICLE_NOUNS = new Set(['add on', 'add ons', 'set up', 'set ups', 'run time', 'run times', 'run book', 'run books']);

/** True when some segment matches the version pattern (default `^v\d+$`). */
export function hasVersionSegment(path: string, pattern?: string | RegExp): boolean {
  const re = toRegExp(pattern);
  return rawSegments(path).some((s) => re.test(s.text));
}
