/**
 * What the CLI's cache (src/pipeline/cache.ts) needs to know about the project to reuse a file's
 * findings: which files they can depend on, and a digest of the project's shape.
 *
 * - `importClosure(root, files, read)`: the files read while a file was linted (./reads.ts) and
 *   every project file they import, transitively. Memoised answers (function summaries) follow
 *   calls, and calls follow imports: a summary reused from an earlier file is covered by the
 *   closure of the file it was read from.
 * - `projectShape(root, read, kind)`: a digest of what module resolution (`files`) or the
 *   project-wide indexes (`sources`) are built from — the list of source files, each file's import
 *   specifiers and route-declaring look (text-gates.ts), the whole text of files holding
 *   application-wide settings (NestJS prefixes, autoload folders), and every package.json and
 *   tsconfig. Editing a service's body changes neither; adding an import or a route changes
 *   `sources`, adding a file both.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { importSpecifiers, isProjectFile, resolveModule } from './resolve.js';
import { projectSourceFiles, walkProject } from './mounts.js';
import { textMayDeclareRoutes, textMayHoldNestSettings, textMayRegisterAutoload } from './text-gates.js';

/** Reads a project file's text, or null when it is not one the model would read. */
export type ReadText = (abs: string) => string | null;

/** Bounds the walk: a closure larger than this is cut (the file is then not cached at all). */
const MAX_CLOSURE_FILES = 20_000;

/** `files` and what they import, transitively, within `root`; null past MAX_CLOSURE_FILES. */
export function importClosure(root: string, files: Iterable<string>, read: ReadText): Set<string> | null {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const f of files) {
    if (!out.has(f)) {
      out.add(f);
      stack.push(f);
    }
  }
  while (stack.length > 0) {
    const file = stack.pop()!;
    const text = read(file);
    if (text === null) continue;
    for (const specifier of importSpecifiers(text)) {
      const target = resolveModule(file, specifier, root);
      if (!target || out.has(target) || !isProjectFile(root, target)) continue;
      if (out.size >= MAX_CLOSURE_FILES) return null;
      out.add(target);
      stack.push(target);
    }
  }
  return out;
}

const CONFIG_FILE = /^(?:package\.json|tsconfig[\w.-]*\.json|jsconfig[\w.-]*\.json)$/;

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/**
 * `files`: the source files that exist (module resolution tries candidates in order: a new
 * `users.ts` beside `users.js`, or `users/index.js`, can change what an import names) and every
 * package.json and tsconfig. `sources`: that, plus what the project-wide indexes read of each file.
 */
export type SourceShape = 'files' | 'sources';

export function projectShape(root: string, read: ReadText, kind: SourceShape): string {
  const digest = createHash('sha256');
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  for (const file of [...projectSourceFiles(root)].sort()) {
    digest.update(`${rel(file)}\n`);
    if (kind === 'files') continue;
    const text = read(file);
    if (text === null) digest.update('-\n');
    else if (textMayHoldNestSettings(text) || textMayRegisterAutoload(text)) digest.update(`c${sha1(text)}\n`);
    else digest.update(`${textMayDeclareRoutes(file, text) ? 'r' : 'i'}${importSpecifiers(text).join('\0')}\n`);
  }
  for (const file of walkProject(root, (name) => CONFIG_FILE.test(name)).sort()) {
    const text = read(file);
    digest.update(`${rel(file)}\0${text === null ? '-' : sha1(text)}\n`);
  }
  return digest.digest('base64');
}
