/**
 * Glob matching for `overrides[].files`, used for the Spectral side (ESLint applies the same globs
 * itself through `basePath`). Same semantics as ESLint flat config: patterns are matched against
 * the path relative to the config directory, `*` never crosses `/`, `**` spans directories, and a
 * pattern without a slash only matches at the base (write `**\/x` to match anywhere).
 */
import { escapeRegExp } from '../regex.js';

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

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let re = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const slashAfter = glob[i + 2] === '/';
        if (atSegmentStart && slashAfter) {
          re += '(?:[^/]*/)*';
          i += 2;
        } else if (atSegmentStart && i + 2 === glob.length) {
          re += '.*';
          i += 1;
        } else {
          re += '[^/]*';
          i += 1;
        }
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '{') {
      inBraces++;
      re += '(?:';
    } else if (ch === '}' && inBraces > 0) {
      inBraces--;
      re += ')';
    } else if (ch === ',' && inBraces > 0) {
      re += '|';
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) {
        re += '\\[';
      } else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else {
      re += escapeRegExp(ch);
    }
  }
  if (inBraces > 0) throw new GlobSyntaxError(glob, 'unclosed "{"');
  let out: RegExp;
  try {
    out = new RegExp(`^${re}$`);
  } catch (e) {
    // The engine's message quotes the generated regex; only its reason means anything to the user.
    const reason = (e as Error).message.split(': ').pop() ?? 'not a valid pattern';
    throw new GlobSyntaxError(glob, reason.charAt(0).toLowerCase() + reason.slice(1));
  }
  cache.set(glob, out);
  return out;
}

/** `relPath` uses forward slashes and is relative to the globs' base directory. */
export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  const p = relPath.replace(/^\.\//, '');
  return globs.some((g) => globToRegExp(g.replace(/^\.\//, '')).test(p));
}
