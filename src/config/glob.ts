/**
 * Glob matching for `overrides[].files`, the config's `ignore`, `--ignore-pattern` and drift `code`
 * globs — for the Spectral side, discovery and the drift pairing, and (as a function) for ESLint's
 * overrides too. Same semantics as ESLint flat config: patterns are matched against the path
 * relative to the config directory, `*` never crosses `/`, `**` spans directories, `?`, `[a-z]`,
 * `[!a]`, `{a,b}`, and a pattern without a slash only matches at the base (write `**\/x` to match
 * anywhere).
 *
 * Not a regex: globs come from the repository being linted, and any backtracking compiler
 * (picomatch, minimatch, the hand-written one this replaced) takes exponential time on a hostile
 * glob such as `**\/*a*a*a*a*a*b` against a long path (measured: picomatch 1,494 s for one
 * 200-character path). This matcher is Russ Cox's "glob matching can be simple and fast too":
 * on a mismatch it only ever restarts from the last star, at the segment level for `**` and at the
 * character level for `*`, so a match costs at most (segments × segments) × (chars × chars).
 */
/**
 * A glob that cannot be compiled (`[z-a]`, an unclosed `{`). Globs come from the command line and
 * from config files, so callers turn this into a usage error naming the pattern and where it came
 * from, never an internal error.
 */
export class GlobSyntaxError extends Error {
  override name = 'GlobSyntaxError';
  constructor(
    readonly glob: string,
    readonly reason: string,
  ) {
    super(`invalid glob "${glob}": ${reason}`);
  }
}

/** Alternatives a `{a,b}` glob may expand to; past it the glob is refused (`{a,b}{a,b}…` doubles). */
const MAX_ALTERNATIVES = 256;

type Elem = { kind: 'char'; ch: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negate: boolean; ranges: [string, string][] };
const GLOBSTAR = Symbol('globstar');
type Segment = Elem[] | typeof GLOBSTAR;

/** `{a,b}` expanded, nested groups too; a group without a comma is its content. */
function expandBraces(glob: string): string[] {
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end !== -1) i = end;
    } else if (glob[i] === '{') {
      open = i;
      break;
    }
  }
  if (open === -1) return [glob];
  const parts: string[] = [];
  let depth = 0;
  let from = open + 1;
  let close = -1;
  for (let i = open + 1; i < glob.length && close === -1; i++) {
    const ch = glob[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (ch === '}') {
      parts.push(glob.slice(from, i));
      close = i;
    } else if (ch === ',' && depth === 0) {
      parts.push(glob.slice(from, i));
      from = i + 1;
    }
  }
  if (close === -1) throw new GlobSyntaxError(glob, 'unclosed "{"');
  const rest = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const part of parts) {
    for (const head of expandBraces(glob.slice(0, open) + part)) {
      for (const tail of rest) {
        out.push(head + tail);
        if (out.length > MAX_ALTERNATIVES) throw new GlobSyntaxError(glob, `more than ${MAX_ALTERNATIVES} alternatives`);
      }
    }
  }
  return out;
}

function parseSegment(glob: string, text: string): Segment {
  if (text === '**') return GLOBSTAR;
  const out: Elem[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '*') {
      // `a**b` is `a*b`; consecutive stars are one.
      if (out.at(-1)?.kind !== 'star') out.push({ kind: 'star' });
    } else if (ch === '?') {
      out.push({ kind: 'any' });
    } else if (ch === '\\' && i + 1 < text.length) {
      out.push({ kind: 'char', ch: text[++i]! });
    } else if (ch === '[' && text.indexOf(']', i + 2) !== -1) {
      let j = i + 1;
      const negate = text[j] === '!' || text[j] === '^';
      if (negate) j++;
      const end = text.indexOf(']', j + 1);
      const body = text.slice(j, end);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        const lo = body[k]!;
        if (body[k + 1] === '-' && k + 2 < body.length) {
          const hi = body[k + 2]!;
          if (hi < lo) throw new GlobSyntaxError(glob, 'range out of order in character class');
          ranges.push([lo, hi]);
          k += 2;
        } else {
          ranges.push([lo, lo]);
        }
      }
      out.push({ kind: 'class', negate, ranges });
      i = end;
    } else {
      out.push({ kind: 'char', ch });
    }
  }
  return out;
}

function elemMatches(e: Elem, ch: string): boolean {
  switch (e.kind) {
    case 'char':
      return e.ch === ch;
    case 'any':
      return true;
    case 'class':
      return e.ranges.some(([lo, hi]) => lo <= ch && ch <= hi) !== e.negate;
    default:
      return false;
  }
}

/** One path segment against one glob segment: restarts only from the last `*`. */
function segmentMatches(pattern: readonly Elem[], name: string): boolean {
  let px = 0;
  let nx = 0;
  let nextPx = 0;
  let nextNx = 0;
  while (px < pattern.length || nx < name.length) {
    if (px < pattern.length) {
      const e = pattern[px]!;
      if (e.kind === 'star') {
        nextPx = px;
        nextNx = nx + 1;
        px++;
        continue;
      }
      if (nx < name.length && elemMatches(e, name[nx]!)) {
        px++;
        nx++;
        continue;
      }
    }
    if (nextNx > 0 && nextNx <= name.length) {
      px = nextPx;
      nx = nextNx;
      continue;
    }
    return false;
  }
  return true;
}

/** The path's segments against the glob's: the same algorithm, `**` as the star. */
function pathMatches(glob: readonly Segment[], parts: readonly string[]): boolean {
  let gx = 0;
  let px = 0;
  let nextGx = 0;
  let nextPx = 0;
  while (gx < glob.length || px < parts.length) {
    if (gx < glob.length) {
      const seg = glob[gx]!;
      if (seg === GLOBSTAR) {
        nextGx = gx;
        nextPx = px + 1;
        gx++;
        continue;
      }
      if (px < parts.length && segmentMatches(seg, parts[px]!)) {
        gx++;
        px++;
        continue;
      }
    }
    if (nextPx > 0 && nextPx <= parts.length) {
      gx = nextGx;
      px = nextPx;
      continue;
    }
    return false;
  }
  return true;
}

export type GlobMatcher = (relPath: string) => boolean;

const cache = new Map<string, GlobMatcher>();

/** A matcher for `glob` (throws GlobSyntaxError when it cannot be compiled). */
export function compileGlob(glob: string): GlobMatcher {
  const cached = cache.get(glob);
  if (cached) return cached;
  const alternatives = expandBraces(glob).map((alt) => alt.split('/').map((seg) => parseSegment(glob, seg)));
  const matcher: GlobMatcher = (relPath) => {
    const parts = relPath.split('/');
    return alternatives.some((segments) => pathMatches(segments, parts));
  };
  cache.set(glob, matcher);
  return matcher;
}

/** `relPath` uses forward slashes and is relative to the globs' base directory. */
export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  const p = relPath.replace(/^\.\//, '');
  return globs.some((g) => compileGlob(g.replace(/^\.\//, ''))(p));
}
