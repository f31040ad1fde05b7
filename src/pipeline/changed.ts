/**
 * Stage 2b of `lint()`: `--changed-since <ref>` (LintOptions.changedSince). Of the discovered
 * files, only those a change since `ref` can give different findings are linted:
 *
 * - the files git reports changed: committed since `ref`, staged, unstaged (`git diff --name-only
 *   <ref>` compares the working tree with it) and untracked but not ignored (`git ls-files
 *   --others --exclude-standard`);
 * - the code files importing a changed code file, transitively (the project model's importer
 *   index): a route file's findings are computed from the controller and service it reaches, so an
 *   edit to the service can change them;
 * - the code paired with a changed OpenAPI document for spec-drift, and the documents paired with
 *   the code selected so far (a route removed from code is a new drift finding on the document).
 *
 * The project model may still read any file of the project; findings are reported only for the
 * selected files, which are always a subset of what the path arguments selected.
 *
 * git is spawned with an argument array (never a shell), the ref is refused when it could be read
 * as an option and is resolved to a commit with `rev-parse --verify --end-of-options` first: the
 * later commands see a commit id only.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { BacklintUsageError } from '../config/errors.js';
import type { ResolvedConfig } from '../config/schema.js';
import { isCodeFile, type Skipped } from './discover.js';

/** git prints at most this much for one question: a changed-file list of a huge monorepo fits. */
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_GIT_OUTPUT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The user's pager, editor or hooks have no part in a read-only question.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
}

function gitError(e: unknown): string {
  const err = e as { code?: string; stderr?: string | Buffer; message?: string };
  if (err.code === 'ENOENT') return 'git is not installed (or not on PATH)';
  const text = String(err.stderr ?? '').trim().split('\n')[0] ?? '';
  return text || String(err.message ?? e).split('\n')[0]!;
}

/** Refs that can only be a ref: not empty, not an option, no control characters, bounded. */
export function checkRef(ref: string): void {
  if (ref.length === 0 || ref.length > 1024) throw new BacklintUsageError('--changed-since: expected a git ref (a branch, tag or commit)');
  if (ref.startsWith('-')) throw new BacklintUsageError(`--changed-since: "${ref}" is not a git ref (a ref cannot start with "-")`);
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(ref)) throw new BacklintUsageError('--changed-since: the ref holds control characters');
}

/** The absolute paths of the files changed since `ref` (existing or not), from the git repository holding `cwd`. */
export function changedFiles(cwd: string, ref: string): Set<string> {
  checkRef(ref);
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (e) {
    throw new BacklintUsageError(`--changed-since: ${cwd} is not in a git repository (${gitError(e)})`);
  }
  if (!top) throw new BacklintUsageError(`--changed-since: ${cwd} is not in a git work tree`);
  let commit: string;
  try {
    commit = git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim();
  } catch {
    throw new BacklintUsageError(`--changed-since: unknown git ref "${ref}" (no commit by that name in ${top})`);
  }
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new BacklintUsageError(`--changed-since: unknown git ref "${ref}"`);
  let listed: string;
  try {
    // -z: paths exactly as stored (no quoting of unusual names); --no-renames: a rename is the new
    // path added and the old one deleted, and both are "changed".
    listed = git(top, ['diff', '--name-only', '-z', '--no-renames', commit, '--']);
    listed += git(top, ['ls-files', '--others', '--exclude-standard', '--full-name', '-z']);
  } catch (e) {
    throw new BacklintUsageError(`--changed-since: git could not list the changed files (${gitError(e)})`);
  }
  // git names paths under the real top-level directory; the run's paths are under `cwd` as given
  // (which may reach the repository through a symbolic link).
  let realCwd = cwd;
  try {
    realCwd = realpathSync(cwd);
  } catch {
    // intentionally ignored: then paths are compared as given
  }
  const out = new Set<string>();
  for (const rel of listed.split('\0')) {
    if (!rel) continue;
    const abs = path.join(top, rel);
    const fromCwd = path.relative(realCwd, abs);
    out.add(path.resolve(cwd, fromCwd));
  }
  return out;
}

/** The code files importing any of `files`, transitively, within `root` (the project model's index). */
async function importersOf(root: string, files: Iterable<string>): Promise<Set<string>> {
  const { importerIndex } = await import('../project/mounts.js');
  const index = importerIndex(root);
  const out = new Set<string>();
  const stack = [...files];
  while (stack.length > 0) {
    for (const importer of index.get(stack.pop()!) ?? []) {
      if (out.has(importer)) continue;
      out.add(importer);
      stack.push(importer);
    }
  }
  return out;
}

/** Which of the discovered files `--changed-since` lints (see the header); skipped entries only of changed files. */
export async function selectChanged(
  discovered: { code: readonly string[]; openapi: readonly string[]; skipped: readonly Skipped[] },
  opts: { cwd: string; ref: string; config: ResolvedConfig },
): Promise<{ code: string[]; openapi: string[]; skipped: Skipped[] }> {
  const { cwd } = opts;
  const changed = changedFiles(cwd, opts.ref);
  const changedCode = discovered.code.filter((f) => changed.has(f));
  const changedDocs = discovered.openapi.filter((f) => changed.has(f));
  const wanted = new Set([...changedCode, ...changedDocs]);
  // From every changed source file, linted or not: `backlint src/routes --changed-since main` lints
  // the routes reaching an edited src/services file.
  const changedSources = [...changed].filter((f) => isCodeFile(f));
  if (changedSources.length > 0) for (const f of await importersOf(cwd, changedSources)) wanted.add(f);
  if (discovered.code.length > 0 && discovered.openapi.length > 0 && changed.size > 0) {
    const { pairedFiles } = await import('../drift/index.js');
    const pairs = pairedFiles(cwd, { ...(opts.config.drift?.length ? { pairs: opts.config.drift } : {}), baseDir: opts.config.baseDir });
    // A document whose code is linted (changed, or reaching a changed service: the statuses its
    // routes answer come from there) may have new drift too; and the other way round.
    const code = new Set(wanted);
    for (const pair of pairs) {
      if (changed.has(pair.document)) for (const f of pair.code) wanted.add(f);
      if (pair.code.some((f) => code.has(f))) wanted.add(pair.document);
    }
  }
  return {
    code: discovered.code.filter((f) => wanted.has(f)),
    openapi: discovered.openapi.filter((f) => wanted.has(f)),
    skipped: discovered.skipped.filter((s) => changed.has(s.path)),
  };
}
