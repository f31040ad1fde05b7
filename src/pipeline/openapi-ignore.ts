/**
 * The OpenAPI ignore file (stage 5b, see ./suppressions.ts): exceptions kept beside a document
 * instead of inside it, as Redocly's `.redocly.lint-ignore.yaml`:
 *
 *   # .backlint-openapi-ignore.yaml — document paths relative to this file's directory
 *   openapi.yaml:
 *     backlint/require-pagination:
 *       - '#/paths/~1users/get'
 *     oas3-schema:
 *       - '#/components/schemas/Legacy'
 *
 * A pointer (RFC 6901, in URI-fragment form as Redocly writes it) suppresses the rule's findings at
 * that node and below it, as `x-backlint-ignore` on that node would. Rule ids are matched with or
 * without `backlint/`. Documents must lie inside the root: an entry naming a path outside it, or
 * any malformed entry, is a usage error, never a silent no-op.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { yamlModule } from '../lazy-modules.js';
import { BacklintUsageError } from '../config/errors.js';
import type { Finding } from '../report/model.js';

export const DEFAULT_OPENAPI_IGNORE_FILE = '.backlint-openapi-ignore.yaml';

const MAX_FILE_BYTES = 16 * 1024 * 1024;
const PREFIX = 'backlint/';

/** A relative path with POSIX separators that stays inside its base: no `..`, `.`, empty segments, drive or NUL. */
export function isSafeRelativePath(p: string): boolean {
  if (p.length === 0 || p.length > 4096 || p.includes('\\') || p.includes('\0') || p.startsWith('/') || /^[a-zA-Z]:/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** A relative path with POSIX separators (no drive, backslash, NUL or empty segment); `..` is checked by resolving. */
function isRelativePosixPath(p: string): boolean {
  if (p.length === 0 || p.length > 4096 || p.includes('\\') || p.includes('\0') || p.startsWith('/') || /^[a-zA-Z]:/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '');
}

/** `#/paths/~1users/get` → ['paths', '/users', 'get']; null when it is not a pointer. */
export function parsePointer(pointer: string): string[] | null {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '') return [];
  if (!body.startsWith('/')) return null;
  const out: string[] = [];
  for (const raw of body.slice(1).split('/')) {
    // `~` must be followed by 0 or 1 (RFC 6901 §3).
    if (/~(?![01])/.test(raw)) return null;
    out.push(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return out;
}

const normalise = (id: string) => (id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id);

export interface OpenApiIgnore {
  /** For a report path (relative to the root): whether a finding of it is ignored; undefined when the file lists nothing for it. */
  forFile(file: string): ((f: Finding) => boolean) | undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function shown(s: string): string {
  return JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);
}

/** Parses and checks the ignore file's text; `base` is its directory, `root` the lint root. */
export function parseOpenApiIgnore(text: string, name: string, base: string, root: string): OpenApiIgnore {
  let data: unknown;
  try {
    // Aliases are bounded (a "billion laughs" file is refused, not expanded); duplicate keys refused.
    data = yamlModule().parse(text, { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw new BacklintUsageError(`${name}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (data === null || data === undefined) data = {};
  if (!isPlainObject(data)) throw new BacklintUsageError(`${name}: expected a mapping of document paths to rule ids to lists of JSON pointers`);
  // report path → normalised rule id → pointers (as segment lists)
  const byFile = new Map<string, Map<string, string[][]>>();
  for (const [doc, rules] of Object.entries(data)) {
    // Relative to the ignore file, as Redocly's: `../openapi.yaml` is fine while it stays in the root.
    const abs = isRelativePosixPath(doc) ? path.resolve(base, ...doc.split('/')) : undefined;
    const rel = abs ? path.relative(root, abs) : '..';
    if (!abs || rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new BacklintUsageError(`${name}: ${shown(doc)} is not a relative path to a document inside the root (POSIX separators, no "..")`);
    }
    if (!isPlainObject(rules)) throw new BacklintUsageError(`${name}: ${shown(doc)}: expected a mapping of rule ids to lists of JSON pointers`);
    const key = rel.split(path.sep).join('/');
    const entry = byFile.get(key) ?? new Map<string, string[][]>();
    byFile.set(key, entry);
    for (const [rule, pointers] of Object.entries(rules)) {
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      if (rule.length === 0 || rule.length > 200 || /[\u0000-\u001f\u007f]/.test(rule)) throw new BacklintUsageError(`${name}: ${shown(doc)}: ${shown(rule)} is not a rule id`);
      if (!Array.isArray(pointers)) throw new BacklintUsageError(`${name}: ${shown(doc)} › ${shown(rule)}: expected a list of JSON pointers`);
      const list = entry.get(normalise(rule)) ?? [];
      for (const p of pointers) {
        const parsed = typeof p === 'string' ? parsePointer(p) : null;
        if (!parsed) throw new BacklintUsageError(`${name}: ${shown(doc)} › ${shown(rule)}: ${shown(String(p))} is not a JSON pointer (e.g. '#/paths/~1users/get')`);
        list.push(parsed);
      }
      entry.set(normalise(rule), list);
    }
  }
  return {
    forFile(file) {
      const rules = byFile.get(file);
      if (!rules) return undefined;
      return (f) => {
        const pointers = rules.get(normalise(f.ruleId));
        const at = f.jsonPath?.map(String);
        if (!pointers || !at) return false;
        return pointers.some((p) => p.length <= at.length && p.every((seg, i) => seg === at[i]));
      };
    },
  };
}

/**
 * The run's ignore file: `file` (relative to `cwd`; must exist), else the default one at the root
 * if there is one; `false` for none.
 */
export function loadOpenApiIgnore(cwd: string, file: string | false | undefined): OpenApiIgnore | undefined {
  if (file === false) return undefined;
  const abs = path.resolve(cwd, file ?? DEFAULT_OPENAPI_IGNORE_FILE);
  const name = file ?? DEFAULT_OPENAPI_IGNORE_FILE;
  let text: string;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new BacklintUsageError(`${name}: not a file`);
    if (st.size > MAX_FILE_BYTES) throw new BacklintUsageError(`${name}: larger than ${MAX_FILE_BYTES} bytes; not an ignore file`);
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    if (e instanceof BacklintUsageError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && file === undefined) return undefined;
    throw new BacklintUsageError(`${name}: cannot be read (${(e as Error).message})`);
  }
  return parseOpenApiIgnore(text, name, path.dirname(abs), cwd);
}
