/**
 * File discovery: which files of the given paths backlint lints, and with which engine.
 *
 * - Code by extension (.js .cjs .mjs .jsx .ts .tsx .mts .cts; declaration files excluded).
 * - OpenAPI by content only: a top-level `openapi` or `swagger` key in a .yaml/.yml/.json file.
 *   Other YAML/JSON (CI configs, k8s manifests, package.json) is left alone.
 * - Directories honour .gitignore, skip node_modules, dist, build, coverage, vendor, minified files
 *   and generated bundles, plus the config's `ignore` and `--ignore-pattern` globs.
 * - A file named explicitly on the command line bypasses the directory defaults and the
 *   generated-file heuristics (you asked for it), but is still classified by extension/content:
 *   a file that is neither code nor an OpenAPI document is skipped with a notice.
 */
import { openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { globby } from 'globby';
import { BacklintUsageError } from '../config/schema.js';
import { globToRegExp, GlobSyntaxError } from '../config/glob.js';

export const CODE_EXTENSIONS = ['js', 'cjs', 'mjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'] as const;
export const DOCUMENT_EXTENSIONS = ['yaml', 'yml', 'json'] as const;

export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/vendor/**',
  '**/.git/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.min.cjs',
  '**/*.bundle.js',
  '**/*.chunk.js',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
];

export interface IgnoreSet {
  /** Directory the globs are relative to. */
  baseDir: string;
  globs: readonly string[];
}

export interface DiscoverOptions {
  cwd: string;
  paths: readonly string[];
  ignores?: readonly IgnoreSet[];
  /** Called for explicitly named files that are skipped (not code, not OpenAPI). */
  onSkip?: (file: string, reason: string) => void;
}

export interface Discovered {
  code: string[];
  openapi: string[];
}

const HEAD_BYTES = 8192;
const MAX_FULL_SCAN_BYTES = 32 * 1024 * 1024;
const CODE_RE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECL_RE = /\.d\.[cm]?ts$/i;
const DOC_RE = /\.(?:ya?ml|json)$/i;

function readHead(file: string, bytes = HEAD_BYTES): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function isCodeFile(file: string): boolean {
  return CODE_RE.test(file) && !DECL_RE.test(file);
}

/**
 * Minified output and bundles are not source anyone reviews: a first line over 1,000 characters,
 * a webpack/rollup/esbuild bootstrap, or an explicit generated-file banner in the first lines.
 */
export function looksGenerated(head: string): boolean {
  const firstNl = head.indexOf('\n');
  const firstLine = firstNl === -1 ? head : head.slice(0, firstNl);
  if (firstLine.length > 1000) return true;
  if (/\/\*{6}\/|webpackBootstrap|__webpack_require__|\/\/# sourceMappingURL=data:/.test(head.slice(0, 4096))) {
    return true;
  }
  const banner = head.split('\n', 5).join('\n');
  return /@generated\b|\bDO NOT EDIT\b|\bauto-?generated\b/i.test(banner);
}

/**
 * Whether a JSON text has a top-level `openapi`/`swagger` key. A tokenizer that only tracks strings
 * and nesting depth: far cheaper than parsing a 10 MB document, and tolerant of a cut-off head.
 * Returns undefined when the text ended before the top-level object did (inconclusive).
 */
export function jsonHasTopLevelKey(text: string, keys: readonly string[]): boolean | undefined {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n && /\s|\uFEFF/.test(text[i]!)) i++;
  if (text[i] !== '{') return false;
  for (; i < n; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i + 1;
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\') i++;
        i++;
      }
      if (i >= n) return undefined;
      if (depth === 1) {
        let j = i + 1;
        while (j < n && /\s/.test(text[j]!)) j++;
        if (j >= n) return undefined;
        if (text[j] === ':' && keys.includes(text.slice(start, i))) return true;
      }
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return false;
    }
  }
  return undefined;
}

const YAML_KEY_RE = /^["']?(?:openapi|swagger)["']?[ \t]*:/m;

export function isOpenApiText(text: string, complete: boolean): boolean | undefined {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return jsonHasTopLevelKey(trimmed, ['openapi', 'swagger']);
  // YAML: a key at column 0 is top-level (flow-style YAML roots are vanishingly rare).
  if (YAML_KEY_RE.test(trimmed)) return true;
  return complete ? false : undefined;
}

export function isOpenApiFile(file: string): boolean {
  let head: string;
  let size: number;
  try {
    size = statSync(file).size;
    head = readHead(file, 65536);
  } catch {
    // intentionally ignored: an unreadable document cannot be told apart from other YAML/JSON.
    return false;
  }
  const verdict = isOpenApiText(head, size <= 65536);
  if (verdict !== undefined) return verdict;
  // The key was not in the head: only scan whole files of a plausible size (data dumps are not
  // OpenAPI documents, and reading them would dominate the run).
  if (size > MAX_FULL_SCAN_BYTES) return false;
  try {
    return isOpenApiText(readFileSync(file, 'utf8'), true) === true;
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** gitignore-like: a glob without a slash matches at any depth; a directory match covers its files. */
function ignoreMatcher(sets: readonly IgnoreSet[]): (absFile: string) => boolean {
  const compiled = sets.map((s) => ({
    baseDir: s.baseDir,
    res: s.globs.map((g) => {
      let glob = g.replace(/^\.\//, '').replace(/\/$/, '/**');
      if (!glob.replace(/\/\*\*$/, '').includes('/')) glob = `**/${glob}`;
      else glob = glob.replace(/^\//, '');
      try {
        return [globToRegExp(glob), globToRegExp(`${glob}/**`)] as const;
      } catch (e) {
        if (e instanceof GlobSyntaxError) throw new BacklintUsageError(`Invalid ignore pattern "${g}": ${e.reason}`);
        throw e;
      }
    }),
  }));
  return (absFile) =>
    compiled.some(({ baseDir, res }) => {
      const rel = toPosix(path.relative(baseDir, absFile));
      if (rel.startsWith('../')) return false;
      return res.some(([a, b]) => a.test(rel) || b.test(rel));
    });
}

export async function discoverFiles(options: DiscoverOptions): Promise<Discovered> {
  const cwd = path.resolve(options.cwd);
  const isIgnored = ignoreMatcher(options.ignores ?? []);
  const code = new Set<string>();
  const openapi = new Set<string>();
  const pattern = `**/*.{${[...CODE_EXTENSIONS, ...DOCUMENT_EXTENSIONS].join(',')}}`;

  for (const p of options.paths.length ? options.paths : ['.']) {
    const abs = path.resolve(cwd, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      throw new BacklintUsageError(`No such file or directory: ${p}`);
    }
    if (stat.isFile()) {
      if (isCodeFile(abs)) code.add(abs);
      else if (DOC_RE.test(abs) && isOpenApiFile(abs)) openapi.add(abs);
      else options.onSkip?.(p, DOC_RE.test(abs) ? 'not an OpenAPI document' : 'not a code file or OpenAPI document');
      continue;
    }
    const walk = { cwd: abs, absolute: true, ignore: DEFAULT_IGNORES, followSymbolicLinks: false, onlyFiles: true };
    let found = await globby(pattern, { ...walk, gitignore: true });
    if (found.length === 0) {
      // The named directory may itself be git-ignored by a parent .gitignore (a vendored corpus,
      // a scratch dir): naming it is explicit intent, so honour only the .gitignore files inside it.
      found = await globby(pattern, { ...walk, ignoreFiles: '**/.gitignore' });
    }
    for (const f of found) {
      const file = path.normalize(f);
      if (isIgnored(file)) continue;
      if (isCodeFile(file)) {
        let head = '';
        try {
          head = readHead(file);
        } catch {
          // intentionally ignored: unreadable files still go to ESLint, which reports them as located errors.
        }
        if (!looksGenerated(head)) code.add(file);
      } else if (DOC_RE.test(file) && isOpenApiFile(file)) {
        openapi.add(file);
      }
    }
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { code: [...code].sort(byPath), openapi: [...openapi].sort(byPath) };
}
