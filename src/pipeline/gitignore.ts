/**
 * .gitignore files, read as git reads them, matched with backlint's own glob matcher.
 *
 * Not globby's isIgnoredByIgnoreFiles (the `ignore` package): it compiles each line to a
 * backtracking regex, and a .gitignore is part of the pull request being linted — a line such as
 * `**\/a/**\/a/**\/a/**\/a/**\/b` against a deep path did not finish in a minute. The matcher of
 * src/config/glob.ts never backtracks.
 *
 * Semantics (gitignore(5)): blank lines and `#` comments are skipped, `\#` and `\!` escape, trailing
 * unescaped spaces are dropped, `!` re-includes, a trailing `/` matches directories only, a pattern
 * with a slash before its end is anchored at its file's directory and one without matches at any
 * depth below it. The last matching line wins, and deeper files win over the ones above them.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileGlob, GlobSyntaxError, type GlobMatcher } from '../config/glob.js';

/** A .gitignore larger than this is not one anyone wrote; it is not read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  match: GlobMatcher;
}

export interface IgnoreFile {
  /** The directory the file's patterns are relative to. */
  dir: string;
  rules: Rule[];
}

function parseLine(raw: string): Rule | null {
  let line = raw.replace(/\r$/, '');
  // Trailing spaces go unless escaped (`\ `). A scan, not a regex over the line.
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  line = line.slice(0, end);
  if (line === '' || line.startsWith('#')) return null;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/')) {
    dirOnly = true;
    line = line.slice(0, -1);
  }
  if (line === '') return null;
  const anchored = line.includes('/');
  const glob = anchored ? line.replace(/^\//, '') : `**/${line}`;
  try {
    return { negate, dirOnly, match: compileGlob(glob) };
  } catch (e) {
    // A line git cannot use either (an unclosed class, too many alternatives) ignores nothing.
    if (e instanceof GlobSyntaxError) return null;
    throw e;
  }
}

/** One .gitignore file, or null when it cannot be read. */
export function readIgnoreFile(file: string): IgnoreFile | null {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_GITIGNORE_BYTES) return null;
    const rules = readFileSync(file, 'utf8')
      .split('\n')
      .map(parseLine)
      .filter((r): r is Rule => r !== null);
    return { dir: path.dirname(file), rules };
  } catch {
    // intentionally ignored: an unreadable .gitignore ignores nothing, as git treats it
    return null;
  }
}

/**
 * Whether `absPath` is ignored by `files` (any order; deeper ones are applied last). Called for a
 * directory with `isDir` before the walk enters it, so a file below an ignored directory is never
 * asked about, as git never re-includes inside an excluded directory.
 */
export function ignoredBy(files: readonly IgnoreFile[], absPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    const rel = path.relative(file.dir, absPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const posix = rel.split(path.sep).join('/');
    for (const rule of file.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.negate === ignored && rule.match(posix)) ignored = !rule.negate;
    }
  }
  return ignored;
}

/** Deeper directories last, so their lines win. */
export function byDepth(files: IgnoreFile[]): IgnoreFile[] {
  return files.sort((a, b) => a.dir.split(path.sep).length - b.dir.split(path.sep).length);
}
