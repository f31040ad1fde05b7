/**
 * Regular expressions on hostile input.
 *
 * backlint runs on code and documents from pull requests anyone can open, so every regex in src/
 * and rules/ must run in linear time (test/security/redos.test.ts checks each one with `recheck`),
 * every pattern assembled from a name or a config value must escape that value (`escapeRegExp`),
 * and the strings regexes judge are bounded (`MAX_JUDGED`), so that even linear regexes are not fed
 * megabytes over and over by the many rules that ask about the same text.
 */

/**
 * The longest string of each kind that is judged at all; longer ones are skipped (treated as
 * "not recognised"). The bounds sit far above any real value (so they cost no precision, and
 * hiding something behind them takes a value no reviewer would let through), and far below what
 * makes even a linear scan by every rule that asks costly.
 */
export const MAX_JUDGED = {
  /** Identifiers and property names split into words (`jwtSecret` → jwt, secret). */
  identifier: 1024,
  /** Short scalar settings parsed by shape: durations (`expiresIn: '15m'`). */
  shortValue: 256,
  /** A value searched for placeholder words (`your-api-key`, `xxx`): credentials in code are far shorter. */
  placeholder: 1024,
  /** Route paths and OpenAPI path keys. */
  path: 8192,
  /** A string scanned for provider-format secrets and URL credentials (PEM keys and JWTs fit easily). */
  secretCandidate: 1024 * 1024,
} as const;

/** True when `text` is longer than the bound for its kind: callers skip such strings. */
export function tooLongToJudge(text: string, kind: keyof typeof MAX_JUDGED): boolean {
  return text.length > MAX_JUDGED[kind];
}

/** `text` as a regex source matching itself literally (the one escape every dynamic RegExp uses). */
export function escapeRegExp(text: string): string {
  // Not `-`: it is special only inside a class, and `\-` is a syntax error outside one under `u`.
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** `text` without trailing `ch` characters (what `/ch+$/` removes, without its quadratic restarts). */
export function trimEnd(text: string, ch: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ch) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Index just past the last line terminator in `text` (0 when there is none): where `.*$` can start. */
export function lastLineStart(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return i + 1;
  }
  return 0;
}

/**
 * `text.replace(/\{([^}]+)\}/g, replace)` (OpenAPI server variables, `/{version}`) without the
 * regex's restart at every `{` of an unclosed run, which is quadratic.
 */
export function replaceBraced(text: string, replace: (whole: string, name: string) => string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('{', from);
    if (open === -1) break;
    const close = text.indexOf('}', open + 1);
    if (close === -1) break;
    // `{}` names nothing: left as it is, and no later `{` can close before this `}`.
    out += close === open + 1 ? text.slice(from, close + 1) : text.slice(from, open) + replace(text.slice(open, close + 1), text.slice(open + 1, close));
    from = close + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
