/**
 * Secret recognition shared by every rule that finds or shows a secret.
 *
 * Precision comes from layering cheap, independent signals rather than from entropy alone
 * (entropy-only scanners are what make users turn secret scanning off):
 * - provider formats with fixed prefixes and lengths, and checksums where the format has one
 *   (GitHub and npm tokens carry a CRC32 of their random part; a JWT header must decode to JSON);
 * - a secret-named context (identifier or property) for values that have no provider format;
 * - a placeholder/stopword list so documentation values (`<your-key>`, `xxx`, `your-api-key`,
 *   `${VAR}`) never count;
 * - an entropy gate for values that look like identifiers or header names;
 * - masking: a secret is only ever shown as a short prefix and its length.
 */
import path from 'node:path';
import { memoByName } from './memo.js';
import { shoutedWords } from './names.js';
import { tooLongToJudge } from '../regex.js';
import { FORMAT_HINTS, PROVIDER_FORMATS } from './secret-formats.js';

export interface ProviderMatch {
  /** Human label used in messages, e.g. `AWS access key ID`. */
  kind: string;
  /** The matched secret text (a substring of the literal). */
  value: string;
}

/** Shown instead of a secret: a short prefix and the length, never the whole value. */
export function maskSecret(value: string): string {
  const len = value.length;
  // Short values would be half revealed by a 4-char prefix; show less of them.
  const shown = len >= 16 ? 4 : len >= 8 ? 2 : 0;
  return `${value.slice(0, shown)}… (${len} chars)`;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

// ---- checksums -------------------------------------------------------------------------------

let crcTable: Uint32Array | null = null;
function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens: 30 random base62
 * characters followed by the base62 CRC32 of those 30, zero-padded to 6.
 */
export function hasValidCrcChecksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

function isJwtShaped(token: string): boolean {
  const [header, payload] = token.split('.');
  try {
    const json = JSON.parse(Buffer.from(header!, 'base64url').toString('utf8')) as unknown;
    if (typeof json !== 'object' || json === null || !('alg' in json)) return false;
    // Public-by-design client keys (Supabase `anon`) are JWTs too; they grant nothing secret.
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    return claims?.role !== 'anon';
  } catch {
    // intentionally ignored: a segment that is not base64url JSON means this is not a JWT
    return false;
  }
}

// ---- provider formats ------------------------------------------------------------------------

interface Provider {
  kind: string;
  /** The format, or for formats whose regex would be super-linear, code that finds the same match. */
  re: RegExp | ((text: string) => string | null);
  validate?: (match: string) => boolean;
}

const TOKEN_CHARS = /[A-Za-z0-9_-]/;
const WORD_CHARS = /\w/;

/** End of the run of `[A-Za-z0-9_-]` starting at `from`. */
function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && TOKEN_CHARS.test(text[i]!)) i++;
  return i;
}

/** `\b` before `text[at]`, a word character. */
function wordStartsAt(text: string, at: number): boolean {
  return at === 0 || !WORD_CHARS.test(text[at - 1]!);
}

/**
 * `/\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/`, in linear time:
 * the regex rescans the rest of the token from every `sk-` inside it (`sk-sk-sk-…`, quadratic).
 * Every start inside one token shares its end and only loses room before the marker, so the first
 * start of a token decides for the token. The optional prefix is made of token characters too, so
 * the match never depends on it.
 */
export function findOpenAiKey(text: string): string | null {
  for (let at = text.indexOf('sk-'); at !== -1; ) {
    if (!wordStartsAt(text, at)) {
      at = text.indexOf('sk-', at + 1);
      continue;
    }
    const end = tokenEnd(text, at + 3);
    const body = text.slice(at + 3, end);
    const marker = body.indexOf('T3BlbkFJ', 20);
    if (marker !== -1 && marker <= body.length - 28) return text.slice(at, end);
    at = text.indexOf('sk-', end);
  }
  return null;
}

/**
 * `/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/`, in linear time: `.` is not
 * a token character, so each part ends exactly where its token does, and every start inside one
 * token (`eyJ-eyJ-…`, which the regex rescans from each) meets the same dots with less room.
 */
export function findJwt(text: string): string | null {
  for (let at = text.indexOf('eyJ'); at !== -1; ) {
    if (!wordStartsAt(text, at)) {
      at = text.indexOf('eyJ', at + 1);
      continue;
    }
    const headerEnd = tokenEnd(text, at + 3);
    const payload = headerEnd + 1;
    if (headerEnd - (at + 3) >= 8 && text[headerEnd] === '.' && text.startsWith('eyJ', payload)) {
      const payloadEnd = tokenEnd(text, payload + 3);
      if (payloadEnd - (payload + 3) >= 8 && text[payloadEnd] === '.') {
        const signatureEnd = tokenEnd(text, payloadEnd + 1);
        if (signatureEnd - (payloadEnd + 1) >= 16) return text.slice(at, signatureEnd);
      }
    }
    at = text.indexOf('eyJ', headerEnd);
  }
  return null;
}

// Each pattern is anchored on a fixed prefix and a defined length so that identifiers and hashes
// that merely contain the prefix do not match.
const PROVIDERS: Provider[] = [
  { kind: 'AWS access key ID', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/ },
  {
    kind: 'GitHub token',
    re: /\bgh[pousr]_[A-Za-z0-9]{36}\b/,
    validate: hasValidCrcChecksum,
  },
  { kind: 'GitHub fine-grained token', re: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/ },
  { kind: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/, validate: hasValidCrcChecksum },
  { kind: 'Stripe live secret key', re: /\b[sr]k_live_[A-Za-z0-9]{20,247}\b/ },
  { kind: 'Slack token', re: /\bxox[abposr]-\d{8,13}-[A-Za-z0-9-]{8,}\b/ },
  {
    kind: 'Slack webhook URL',
        // Team and channel IDs are 8-11 characters; unbounded, the checker found a quadratic attack.
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{6,16}\/[AB][A-Z0-9]{6,16}\/[A-Za-z0-9]{20,}/,
  },
  { kind: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { kind: 'Anthropic API key', re: /\bsk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_-]{80,}/ },
  // OpenAI keys embed base64("OpenAI") = T3BlbkFJ between two random halves.
  { kind: 'OpenAI API key', re: findOpenAiKey },
  { kind: 'SendGrid API key', re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { kind: 'Twilio API key', re: /\bSK[0-9a-f]{32}\b/ },
  {
    kind: 'private key',
    // A header alone (e.g. in a `startsWith` check) is not a key; require a body.
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\\n]*[A-Za-z0-9+/=\s\\n:,-]{64,}/,
  },
  {
    kind: 'JSON Web Token',
    re: findJwt,
    validate: isJwtShaped,
  },
  // The rest of the providers, as data (secret-formats.ts).
  ...PROVIDER_FORMATS,
];

// One cheap test before running the individual patterns: most literals contain none of these.
const PROVIDER_PREFILTER = FORMAT_HINTS;

export function findProviderSecret(text: string): ProviderMatch | null {
  if (text.length < 20 || tooLongToJudge(text, 'secretCandidate') || !PROVIDER_PREFILTER.test(text)) return null;
  for (const p of PROVIDERS) {
    const value = typeof p.re === 'function' ? p.re(text) : p.re.exec(text)?.[0];
    if (!value) continue;
    if (p.validate && !p.validate(value)) continue;
    if (isProviderPlaceholder(value)) continue;
    return { kind: p.kind, value };
  }
  return null;
}

// ---- placeholders ----------------------------------------------------------------------------

// Words that mark a value as documentation or a stand-in. `changeme`, `secret` and `password`
// are deliberately absent: code that ships them is shipping a real (weak) credential.
// Delimited on both sides so random key material that happens to spell `todo` does not count.
const PLACEHOLDER_WORDS =
  /(?:^|[^a-z])(?:your|my[-_]?(?:api|secret|token)|example|placeholder|dummy|fake|sample|replace|insert|redacted|masked|todo|fixme|tbd|notreal|not[-_ ]?a[-_ ]?(?:real|secret)|x{3,})(?:$|[^a-z])/i;

/**
 * Provider-format matches are random by construction: only unmistakable markers make them
 * stand-ins, or a run of one character no random body holds (Twilio documents `SKaaaa…aaaa`).
 */
function isProviderPlaceholder(match: string): boolean {
  return /example|placeholder|x{6,}|0{8,}|(?:1234567890){2}/i.test(match) || longestRun(match) >= 10;
}

/** The length of the longest run of one repeated character (linear; `(.)\1{n,}` rescans each run). */
function longestRun(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = i > 0 && text[i] === text[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/**
 * `${x}` or `{{x}}` anywhere: what `/\$\{[^}]+\}|\{\{[^}]+\}\}/` tests, without its rescan to the
 * end from every `${` or `{{` of a run that never closes. Each `}` closes every opener since the
 * previous `}`, so one pass over the text decides.
 */
export function hasInterpolation(v: string): boolean {
  let from = 0;
  for (let close = v.indexOf('}'); close !== -1; from = close + 1, close = v.indexOf('}', from)) {
    for (let open = from; open <= close - 2; open++) {
      if (v[open] !== '{' || open === 0) continue;
      if (v[open - 1] === '$' || (v[open - 1] === '{' && v[close + 1] === '}')) return true;
    }
  }
  return false;
}

/** True for values that stand in for a secret rather than being one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  // Template/interpolation/format syntax: ${VAR}, {{var}}, <your-key>, %s, $VAR, :param.
  if (/^\$\{[^}]*\}$|^\{\{.*\}\}$|^<[^>]*>$|^%[sd]$|^\$[A-Z_][A-Z0-9_]*$|^:[a-z]\w*$/i.test(v)) return true;
  if (hasInterpolation(v)) return true;
  // AWS documents its sample credentials with `EXAMPLE` written into them (`AKIAIOSFODNN7EXAMPLE`,
  // `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`); random key material does not spell it in capitals.
  if (v.includes('EXAMPLE')) return true;
  // One repeated character or a run of mask characters: xxx, ***, ...., 0000, ----.
  if (/^(.)\1*$/.test(v)) return true;
  if (/^[x*•.#?_-]+$/i.test(v)) return true;
  // PLACEHOLDER_WORDS is quadratic in the worst case (recheck): judged only on values of a bounded length.
  if (!tooLongToJudge(v, 'placeholder') && PLACEHOLDER_WORDS.test(v)) return true;
  // Mostly X's ("XXXXXXXX1234", "sk_live_xxxxxxxx").
  const xs = (v.match(/[xX*]/g) ?? []).length;
  if (v.length >= 8 && xs / v.length > 0.5) return true;
  return false;
}

// ---- secret-named contexts -------------------------------------------------------------------

// `credentials` is absent on purpose: fetch's `credentials: 'include'` dwarfs every real use.
const SECRET_LAST_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token']);
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'auth', 'signing', 'encryption', 'client', 'master', 'hmac', 'jwt', 'session', 'app']);
// Run-together lower/upper-case names that splitWords cannot split.
const JOINED_SECRET_SUFFIXES = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey', 'secretkey', 'accesskey',
  'authkey', 'signingkey', 'encryptionkey', 'clientsecret', 'masterkey', 'hmackey', 'jwtkey',
];
// Tokens that are not credentials.
// Tokens that are not credentials: anti-CSRF and pagination tokens, and lexer/parser vocabulary
// (`lastSignificantToken = '?NoLineTerminatorHere'` in bundled parsers).
const NON_SECRET_QUALIFIERS = new Set([
  'csrf', 'xsrf', 'page', 'next', 'continuation', 'cursor', 'public', 'publishable', 'cancel', 'cancellation',
  'sync', 'lexer', 'parser', 'last', 'prev', 'previous', 'current', 'first', 'significant', 'eof', 'end', 'start',
]);

function splitWords(name: string): string[] {
  return (tooLongToJudge(name, 'identifier') ? '' : name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

// Every secret-naming word (SECRET_LAST_WORDS, `key`/`keys`, JOINED_SECRET_SUFFIXES) contains one of
// these; most names contain none, so they skip the word split and the memo.
const SECRET_NAME_HINT = /pass|pwd|secret|token|key/i;
const secretNameOf = memoByName((name) => computeIsSecretName(name));

/**
 * True when an identifier/property name says it holds a secret: the LAST word decides, so
 * `jwtSecret`, `DB_PASSWORD`, `apiKey`, `clientSecret` are secret-named while `passwordHash`,
 * `tokenExpiry`, `secretName`, `passwordField` are not.
 */
export function isSecretName(name: string): boolean {
  return SECRET_NAME_HINT.test(name) && secretNameOf(name);
}

function computeIsSecretName(name: string): boolean {
  const words = splitWords(name);
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  const prev = words.length > 1 ? words[words.length - 2]! : '';
  if (words.some((w) => NON_SECRET_QUALIFIERS.has(w))) return false;
  if (SECRET_LAST_WORDS.has(last)) {
    // `pass` alone is too ambiguous (a boolean "did it pass"); only count it qualified.
    if (last === 'pass' && !['db', 'database', 'smtp', 'mail', 'admin', 'user', 'root', 'redis'].includes(prev)) return false;
    return true;
  }
  if ((last === 'key' || last === 'keys') && KEY_QUALIFIERS.has(prev)) return true;
  if (words.length === 1) return JOINED_SECRET_SUFFIXES.some((s) => last.endsWith(s) && !last.startsWith('public'));
  return false;
}

// Values that are names, types or protocol words rather than credentials.
const NON_SECRET_VALUES = new Set([
  'string', 'number', 'boolean', 'object', 'array', 'text', 'required', 'optional', 'hidden', 'null', 'undefined',
  'true', 'false', 'none', 'bearer', 'basic', 'jwt', 'hex', 'base64', 'base64url', 'utf8', 'utf-8', 'sha1', 'sha256',
  'sha512', 'md5', 'hs256', 'rs256', 'es256', 'header', 'query', 'cookie', 'body', 'env', 'default', 'unknown',
  'value', 'field', 'input', 'label', 'title', 'mask', 'masked', 'show', 'hide', 'empty', 'local', 'remote', 'oauth',
  'login', 'admin_only', 'plain', 'plaintext', 'bcrypt', 'argon2', 'argon2id', 'scrypt', 'pbkdf2', 'write', 'read',
]);

/**
 * The value gate for a literal found in a secret-named context. Such contexts also hold names
 * (`TOKEN_HEADER = 'x-access-token'`, `passwordField: 'password'`), types (`password: 'string'`),
 * messages and paths, so only credential-shaped values pass.
 */
export function isCredentialLikeValue(value: string, name: string): boolean {
  const v = value.trim();
  if (v.length > 1000) return false;
  if (v.length < 5) return isShortSigningSecret(v, name);
  if (isPlaceholder(v)) return false;
  if (/\s/.test(v)) return false; // messages and labels
  if (NON_SECRET_VALUES.has(v.toLowerCase())) return false;
  // A value spelling its own name (or the secret word) is a field/column/key name.
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const nv = norm(v);
  const nameWords = splitWords(name);
  if (nv === norm(name) || nv === nameWords[nameWords.length - 1] || SECRET_LAST_WORDS.has(nv) || JOINED_SECRET_SUFFIXES.includes(nv)) return false;
  if (/^(?:https?|wss?|file):\/\//i.test(v) || /^[./~]/.test(v) || /^[\w.+-]+@[\w-]+\.[\w.]+$/.test(v)) return false;
  // An AWS ARN names a resource (a Secrets Manager secret, an SSM parameter); it holds no secret.
  if (v.startsWith('arn:aws')) return false;
  // Env-var names (`STRIPE_API_KEY`), header names (`x-access-token`), dotted/pathy keys
  // (`auth.token`, `session:secret`), camelCase identifiers (`accessToken`): names, unless random.
  const identifierLike =
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v) ||
    /^[a-z]+(?:[-_.:/][a-z]+)+$/.test(v) ||
    /^[a-z]+(?:[A-Z][a-z]+)+$/.test(v) ||
    /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(v);
  if (identifierLike) return isWordySecret(v, nameWords);
  // A capitalised plain word (`Passwort`, `Secret`) is a label in a UI/i18n table.
  if (/^[A-Z][a-z]+$/.test(v)) return false;
  // Entropy gate: repetitive filler (`aaaaaaaa`, `abababab`) is not a credential anyone relies on.
  if (shannonEntropy(v) < 2) return false;
  return true;
}

/** Names of a signing or app secret (`jwtSecret`, `SESSION_SECRET`, `cookieSecret`), not of a password. */
const SIGNING_SECRET_QUALIFIERS = new Set(['jwt', 'session', 'cookie', 'signing', 'hmac', 'app', 'client', 'api', 'token', 'webhook', 'encryption', 'auth']);

/**
 * `{ jwtSecret: 'x' }`: a letter-or-digit value of 1-4 characters under the name of a signing
 * secret is the secret itself (nobody names a field `jwtSecret` to hold a label). Passwords are
 * left out (`{ password: 'abc' }` is form and fixture data far more often than a credential).
 */
function isShortSigningSecret(v: string, name: string): boolean {
  if (!/^[A-Za-z0-9]{1,4}$/.test(v) || NON_SECRET_VALUES.has(v.toLowerCase())) return false;
  const words = splitWords(name);
  return words.length >= 2 && words[words.length - 1] === 'secret' && SIGNING_SECRET_QUALIFIERS.has(words[words.length - 2]!);
}

/** Words that make a lowercase-words value (`super-secret-key`) read as a secret rather than a name. */
const SECRET_VALUE_WORDS = new Set(['secret', 'secrets', 'key', 'pass', 'password', 'passwd', 'pwd', 'shh', 'private']);

/**
 * `'super-secret-key'`, `'shhhhhhared-secret'` under `JWT_SECRET` / `password`: words joined by
 * `-` or `_` that say "secret" are the value actually used, not a header, cookie or config-key
 * name. Only under secret and password names (`token`/`key` names hold cookie and header names:
 * `REFRESH_TOKEN = 'refresh-token'`), never dotted or pathy (`auth.secret`, `session:secret`), never
 * a header (`x-…`) or an autocomplete token (`new-password`).
 */
function isWordySecret(v: string, nameWords: readonly string[]): boolean {
  const last = nameWords[nameWords.length - 1];
  if (last !== 'secret' && last !== 'password' && last !== 'passwd' && last !== 'passphrase' && last !== 'pwd') return false;
  if (!/^[a-z]+(?:[-_][a-z]+)+$/.test(v) || v.startsWith('x-') || AUTOCOMPLETE_VALUES.has(v)) return false;
  const words = v.split(/[-_]/);
  if (words.some((w) => UI_WORDS.has(w))) return false;
  return words.some((w) => SECRET_VALUE_WORDS.has(w) || /^sh+$/.test(w) || /^sh+ared$/.test(w));
}

/** Words of route slugs, i18n keys and form states (`forgot-password`, `password-mismatch`): names, not values. */
const UI_WORDS = new Set([
  'reset', 'forgot', 'forgotten', 'lost', 'change', 'update', 'new', 'confirm', 'confirmation', 'current', 'old', 'set',
  'show', 'hide', 'toggle', 'verify', 'recover', 'recovery', 'field', 'input', 'label', 'form', 'page', 'route', 'modal',
  'button', 'error', 'invalid', 'required', 'mismatch', 'min', 'max', 'length', 'strength', 'expired', 'hint', 'policy',
]);

/** HTML autocomplete tokens for password fields: form configuration, not credentials. */
const AUTOCOMPLETE_VALUES = new Set(['new-password', 'current-password', 'one-time-code']);

// ---- seed phrases ----------------------------------------------------------------------------

/** Names that hold a wallet seed phrase: `mnemonic`, `seedPhrase`, `WALLET_SEED`, `recoveryPhrase`. */
export function isSeedPhraseName(name: string): boolean {
  if (!/mnemonic|seed|phrase/i.test(name)) return false;
  const words = splitWords(name);
  const last = words[words.length - 1];
  if (last === 'mnemonic' || last === 'mnemonics') return true;
  if (last === 'seed') return words.length >= 2 && ['wallet', 'hd', 'bip39', 'master', 'secret', 'account'].includes(words[words.length - 2]!);
  return last === 'phrase' && words.length >= 2 && ['seed', 'recovery', 'secret', 'mnemonic', 'backup', 'wallet'].includes(words[words.length - 2]!);
}

/**
 * A BIP-39-shaped phrase: 12, 15, 18, 21 or 24 lowercase words of 3-8 letters (the lengths of the
 * BIP-39 English list) separated by single spaces, most of them distinct. Repetitive phrases are
 * the public test vectors (`test test … junk`, `abandon abandon … about`), not anyone's wallet.
 */
export function looksLikeSeedPhrase(value: string): boolean {
  const v = value.trim();
  if (v.length < 12 * 4 - 1 || v.length > 24 * 9) return false;
  const words = v.split(' ');
  if (![12, 15, 18, 21, 24].includes(words.length)) return false;
  if (!words.every((w) => w.length >= 3 && w.length <= 8 && /^[a-z]+$/.test(w))) return false;
  return new Set(words).size >= words.length * 0.75;
}

/**
 * For a literal passed where the code expects a key (jwt.sign, session secret…): anything but a
 * placeholder. A short letter-or-digit value (`session({ secret: 'a' })`) is the key actually used
 * there, however much it looks like a stand-in elsewhere; mask characters (`***`) still are not.
 */
export function isKeyLikeValue(value: string): boolean {
  if (tooLongToJudge(value, 'secretCandidate')) return false;
  const v = value.trim();
  if (/^[A-Za-z0-9]{1,4}$/.test(v)) return true;
  // `'my-secret-key'` in jwt.sign is the author's own key, not a stand-in for the reader's
  // (`'your-secret'` stays one): judged without its `my`.
  if (isPlaceholder(/^my[-_]?[a-z]/i.test(v) ? v.slice(2) : v)) return false;
  if (/-----BEGIN (?:[A-Z]+ )*PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(v)) return false;
  return true;
}

// ---- connection URLs -------------------------------------------------------------------------

const SCHEME_CHAR = /[a-z0-9+.-]/i;
const LETTER = /[a-z]/i;
const NOT_USER_CHAR = /[\s:/@'"`]/;
const NOT_PASSWORD_CHAR = /[\s/@'"`]/;
const HOST_CHAR = /[\w.-]/;

/**
 * The password of the first `scheme://user:password@host`: what
 * `/\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@'"`]*):([^\s/@'"`]+)@[\w.-]+/i` captured, without its rescan of a
 * scheme-character run from every word start in it (`a.a.a.…:`, quadratic). Each part ends at
 * the first character its class excludes, so the match is found from the `://` out; the runs
 * around one `://` cannot reach into the next, so the whole scan is linear.
 */
export function userinfoPassword(text: string): string | null {
  for (let sep = text.indexOf('://'); sep !== -1; sep = text.indexOf('://', sep + 1)) {
    let hasScheme = false;
    for (let s = sep - 1; s >= 0 && SCHEME_CHAR.test(text[s]!); s--) {
      if (LETTER.test(text[s]!) && wordStartsAt(text, s)) hasScheme = true;
    }
    if (!hasScheme) continue;
    let user = sep + 3;
    while (user < text.length && !NOT_USER_CHAR.test(text[user]!)) user++;
    if (text[user] !== ':') continue;
    let pass = user + 1;
    while (pass < text.length && !NOT_PASSWORD_CHAR.test(text[pass]!)) pass++;
    if (pass === user + 1 || text[pass] !== '@' || !HOST_CHAR.test(text[pass + 1] ?? '')) continue;
    return text.slice(user + 1, pass);
  }
  return null;
}

/** `scheme://user:password@host…` → the password, when it is a literal credential. */
export function findUrlCredential(text: string): string | null {
  if (tooLongToJudge(text, 'secretCandidate') || !text.includes('://') || !text.includes('@')) return null;
  // A URL inside a sentence is an example in a message or a doc string, not a configured connection.
  if (/\s/.test(text.trim())) return null;
  const password = userinfoPassword(text);
  if (password === null) return null;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // intentionally ignored: a malformed %-escape is judged on its raw text
  }
  if (isPlaceholder(decoded)) return null;
  // `user:password@`, `user:pass@`: documentation spelling of the shape, not a credential.
  if (/^(?:password|passwd|pass|pwd|secret|token)$/i.test(decoded)) return null;
  return decoded;
}

// ---- test-path scoping -----------------------------------------------------------------------

export const DEFAULT_TEST_PATH_PATTERNS: readonly string[] = [
  '(^|/)(test|tests|__tests__|__mocks__|spec|e2e)/',
  '\\.(test|spec|e2e)\\.[cm]?[jt]sx?$',
];

/**
 * `path.relative(cwd, filename)`, with a fast path for the usual case of an absolute, normalised
 * filename under an absolute, normalised cwd: path.relative resolves both paths on every call,
 * which costs more per file than a rule that finds nothing.
 */
export function projectRelativePath(cwd: string, filename: string): string {
  if (
    filename.length > cwd.length + 1 &&
    filename.startsWith(cwd) &&
    filename[cwd.length] === '/' &&
    isNormalizedAbsolute(cwd)
  ) {
    const rest = filename.slice(cwd.length + 1);
    if (!/\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/.test(rest)) return rest;
  }
  return path.relative(cwd, filename);
}

let lastCwd: string | null = null;
let lastCwdNormalized = false;
function isNormalizedAbsolute(dir: string): boolean {
  if (dir !== lastCwd) {
    lastCwd = dir;
    lastCwdNormalized = path.isAbsolute(dir) && path.resolve(dir) === dir;
  }
  return lastCwdNormalized;
}

/** True when `relativePath` (forward slashes, relative to the project) matches a test pattern. */
export function isTestPath(relativePath: string, patterns: readonly string[] = DEFAULT_TEST_PATH_PATTERNS): boolean {
  const p = relativePath.includes('\\') ? relativePath.replace(/\\/g, '/') : relativePath;
  return patterns.some((src) => testPathRegExp(src).test(p));
}

/** Compiled test-path patterns (no flags, so `test` keeps no state between calls). */
const testPathRegExps = new Map<string, RegExp>();

function testPathRegExp(src: string): RegExp {
  let re = testPathRegExps.get(src);
  if (!re) {
    re = new RegExp(src);
    if (testPathRegExps.size < 1_000) testPathRegExps.set(src, re);
  }
  return re;
}

// ---- password-like data ----------------------------------------------------------------------

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pw']);

/**
 * True when a name says it holds a password (`password`, `newPassword`, `user_pwd`,
 * `plainTextPassword`) — not a reset token, a hash of one, or a policy about one.
 */
export function isPasswordName(name: string): boolean {
  return PASSWORD_NAME_HINT.test(name) && passwordNameOf(name);
}

// Every word of PASSWORD_WORDS contains one of these: most names (the password-hash rules ask about
// every argument of every call) skip the word split and the memo.
const PASSWORD_NAME_HINT = /pass|pw/i;
const passwordNameOf = memoByName((name) => passwordWords(splitWords(name)) || shoutedWords(name).some(passwordWords));

function passwordWords(words: readonly string[]): boolean {
  const last = words[words.length - 1];
  if (!last) return false;
  if (PASSWORD_WORDS.has(last)) return true;
  // `plainPass`, `passwordPlain`, `passwordRaw`, `plaintextpassword`.
  if (['plain', 'plaintext', 'raw', 'clear', 'input'].includes(last) && words.some((w) => PASSWORD_WORDS.has(w))) return true;
  return words.length === 1 && /(?:password|passwd|passphrase)$/.test(last);
}

// ---- masking text shown to users ----------------------------------------------------------------

/**
 * Longer text is cut before masking: the patterns below are linear, but some provider patterns
 * (`sk-…T3BlbkFJ…`) rescan a run from every start, which is quadratic on a crafted line (a
 * minified line of `sk-sk-sk-…`). No message comes near this length; a fingerprint hashes the
 * head of a longer line.
 */
const MASK_INPUT_LIMIT = 4_096;
/** Characters that end every secret shape below (tokens, URL user-info, assigned values). */
const SECRET_FREE_CHAR = /[\s"'`;,()[\]{}<>]/;

/**
 * Every match of a provider pattern masked. The patterns are the non-global ones above (no
 * RegExp is built from another's source): each search starts after the previous match.
 */
function maskProviderMatches(text: string, re: Provider['re']): string {
  let out = '';
  let rest = text;
  // Formats found by code (their regex would be super-linear) answer with the match only.
  const next = (): { index: number; text: string } | null => {
    if (typeof re === 'function') {
      const found = re(rest);
      const index = found ? rest.indexOf(found) : -1;
      return found && index >= 0 ? { index, text: found } : null;
    }
    re.lastIndex = 0; // in case a pattern ever gains a `g` or `y` flag
    const m = re.exec(rest);
    return m ? { index: m.index, text: m[0] } : null;
  };
  for (let m = next(); m && m.text !== ''; m = next()) {
    out += `${rest.slice(0, m.index)}${maskSecret(m.text)}`;
    rest = rest.slice(m.index + m.text.length);
  }
  return out + rest;
}

// `://user:password@` (the user may be empty: `redis://:password@host`); the scheme before it is
// kept. Matches start only at `://`, and neither part may hold `/` or whitespace, so the scan is
// linear and a masked part (`ab… (12 chars)`) never matches again.
const URL_USERINFO = /:\/\/([^\s:/?#@'"`<>]*):([^\s/?#@'"`<>]+)@/g;

// `Password=…;` (ADO/JDBC connection strings, query strings, .env lines) and `secret: '…'` /
// `"token": "…"` (code and JSON): a name and its `=` (not `==`, `=>`), or its `:` before a quote.
// The lookbehind starts a match only at the head of a name, so no run of name characters is
// scanned twice. The value is read by maskAssignments, only after a name that is a secret's.
const SECRET_ASSIGNMENT = /(?<![\w-])([A-Za-z_][\w-]*)["']?[ \t]*(?:=(?![=>])[ \t]*(["'`]?)|:[ \t]*(["'`]))/g;

/** Names of connection-string secrets that isSecretName does not know as such. */
const CONNECTION_SECRET_NAMES = /^(?:accountkey|sig)$/i;

/** Values that stand for a secret without being one: template syntax, `[redacted]`, runs of mask characters. */
function isStandIn(value: string): boolean {
  return /^(?:\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>|\[[^\]]*\]|\$[A-Za-z_]\w*|%[sd]|[x*•.]+)$/i.test(value);
}

function maskUrlUserinfo(whole: string, user: string, password: string): string {
  if (isStandIn(password)) return whole;
  return `://${user ? maskSecret(user) : ''}:${maskSecret(password)}@`;
}

/** Where a value starting at `start` ends: its closing quote, else whitespace, a quote or `;`. */
function valueEnd(text: string, start: number, quote: string): number {
  let i = start;
  if (quote) {
    while (i < text.length && text[i] !== quote && text[i] !== '\n') i++;
  } else {
    // Passwords hold `&` and `,`: masking the rest of a query string costs less than showing half.
    while (i < text.length && !/[\s"'`;]/.test(text[i]!)) i++;
  }
  return i;
}

/** For a value assigned to a secret name: whether it is shown masked. */
function isMaskedAssignment(name: string, quote: string, value: string): boolean {
  if (value === '' || name.length > 64) return false;
  // Already masked: a mask (`ab… (12 chars)`) holds an ellipsis.
  if (value.includes('…') || isStandIn(value)) return false;
  if (NON_SECRET_VALUES.has(value.toLowerCase())) return false;
  // `password = config.db.password`, `token=process.env.TOKEN`: a reference, not the value.
  return quote !== '' || !/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value);
}

/**
 * Masks the values assigned to secret names. A value read is skipped past whether masked or not,
 * and other names' values are never read, so every character is looked at a bounded number of times.
 */
function maskAssignments(text: string): string {
  const re = SECRET_ASSIGNMENT;
  re.lastIndex = 0;
  let out = '';
  let done = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1]!;
    if (!isSecretName(name) && !CONNECTION_SECRET_NAMES.test(name)) continue;
    const quote = m[2] ?? m[3] ?? '';
    // `const token = parse(raw)`: spaced and unquoted, the value is an expression, not a literal.
    if (!quote && /[ \t]/.test(m[0])) continue;
    const start = m.index + m[0].length;
    const end = valueEnd(text, start, quote);
    const value = text.slice(start, end);
    if (isMaskedAssignment(name, quote, value)) {
      out += `${text.slice(done, start)}${maskSecret(value)}`;
      done = end;
    }
    re.lastIndex = Math.max(end, start + 1);
  }
  return done === 0 ? text : out + text.slice(done);
}

/**
 * Every secret in a text that quotes code or a document, replaced by its mask (prefix + length,
 * as maskSecret): provider tokens, private keys and JWTs (the provider patterns above, without
 * their checksum and placeholder checks: showing a stand-in masked costs nothing), the user-info of
 * URLs and connection strings, and values assigned to secret names (`Password=…;`, `apiKey: '…'`).
 *
 * Idempotent: a mask matches none of the patterns, so text masked twice is masked once. Every
 * message backlint shows passes through it (rule faces and the CLI's result model).
 */
export function maskSecrets(text: string): string {
  let out = text;
  if (out.length > MASK_INPUT_LIMIT) {
    // The cut may split a secret, whose head no pattern would recognise: cut after the last
    // character no secret holds instead.
    let end = MASK_INPUT_LIMIT;
    while (end > 0 && !SECRET_FREE_CHAR.test(out[end - 1]!)) end--;
    out = `${out.slice(0, end)}… (truncated)`;
  }
  if (PROVIDER_PREFILTER.test(out)) {
    for (const p of PROVIDERS) out = maskProviderMatches(out, p.re);
  }
  if (out.includes('://') && out.includes('@')) out = out.replace(URL_USERINFO, maskUrlUserinfo);
  if (out.includes('=') || out.includes(':')) out = maskAssignments(out);
  return out;
}

/**
 * Code or document text quoted in a message, cut to `max` characters (the cut ends with
 * `ellipsis`). Masks before cutting: a cut secret keeps its head but loses the length its pattern
 * needs, and would be shown unmasked.
 */
export function maskedExcerpt(text: string, max: number, ellipsis = '…'): string {
  // The window leaves room for the longest secret that starts inside the shown part.
  const masked = maskSecrets(text.length > max + 2_000 ? text.slice(0, max + 2_000) : text);
  return masked.length > max ? `${masked.slice(0, Math.max(0, max - ellipsis.length))}${ellipsis}` : masked;
}
