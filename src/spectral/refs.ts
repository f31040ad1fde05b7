/**
 * The `$ref` resolver every lint run uses: one per document (see `createResolver`).
 *
 * File references are confined to the lint root, the directory the run was started in (`cwd` of
 * `lint()`, the CLI's working directory): it is the base of every path in the report, and it is
 * what a CI job checks out. (The git repository root above it would be wider than what the user
 * pointed backlint at, and would depend on state outside the input.) A file `$ref` is read only
 * when
 * - it is relative (`/etc/passwd`, `file:///…` and non-file schemes are refused: json-ref-resolver
 *   would quietly re-root an absolute path under the document's directory), and
 * - its path, made absolute, is inside the root (`../../.npmrc` is refused without touching the
 *   file system), and
 * - its real path (symlinks followed) is inside the root's real path, and
 * - it is a regular file (no directory, FIFO, device, `/proc` entry) of at most
 *   `MAX_REF_FILE_BYTES`, checked on the opened handle, which is read with that bound.
 * Anything else rejects with `UNSAFE_REF_MARKER`; the runner reports it as `backlint/unsafe-ref` at
 * the `$ref`. A missing file inside the root stays Spectral's `invalid-ref`.
 *
 * Every referenced text (file or, with `--allow-remote-refs`, fetched) then goes through the same
 * checks as a linted document before Spectral's parser sees it: binary content, absurd nesting and
 * alias bombs are refused, YAML is prepared like a document (see yaml.ts), and `__proto__` keys
 * stay own members.
 *
 * Files are read synchronously (behind the resolver's promise interface): json-ref-resolver asks for
 * many files at once, and when each was read asynchronously the order the disk answered in decided
 * which ref a file shared by several was resolved under, and which refs a circularity test left in
 * place — so identical runs gave different messages (DigitalOcean's description: counts and "used
 * in 1 more place" notes changed from run to run). Read at once, files arrive in the order the
 * resolver asks for them, and a run's report depends only on its input.
 *
 * One resolver per document, not per run: json-ref-resolver caches every resolved document tree
 * (the root's included) in the resolver's `uriCache`, and Spectral keeps each referenced `Document`
 * in a map keyed by that cache. A run-wide resolver kept every document of the run alive.
 *
 * API: `createResolver({ root, lexicalRoot, allowRemoteRefs })`, `realRoot(cwd)`,
 * `readConfined(root, lexicalRoot, file)`, `readRegularFile(file)`, `MAX_REF_FILE_BYTES`,
 * `UNSAFE_REF_MARKER`, `REMOTE_REF_MARKER`.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resolver, createHttpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import { hostileText, isBinary } from './hostile.js';
import { batchExternalRefResults } from './external-refs.js';
import { resolveInternal } from './internal-refs.js';
import { memoiseResolverPaths } from './resolver-paths.js';
import { prepareYamlText, restoreParsedYaml, withPlainYamlParse } from './yaml.js';

/** Largest file a `$ref` may read: the same bound as file discovery's full scan (32 MiB). */
export const MAX_REF_FILE_BYTES = 32 * 1024 * 1024;

export const UNSAFE_REF_MARKER = 'backlint: unsafe $ref refused';
export const REMOTE_REF_MARKER = 'backlint: remote $ref not fetched';

interface RefUri {
  href(): string;
  toString(): string;
  scheme(): string;
}
interface Reader {
  resolve(ref: RefUri, ctx: unknown): Promise<unknown>;
}
interface ParseOpts {
  result: unknown;
  targetAuthority: RefUri;
}
type ParseResolveResult = (opts: ParseOpts) => Promise<ParseOpts>;
type ResolveOpts = Parameters<Resolver['resolve']>[1];

/** The lint root as the resolver compares it: the real path of `cwd` (symlinks resolved). */
export async function realRoot(cwd: string): Promise<string> {
  try {
    return realpathSync(cwd);
  } catch {
    // intentionally ignored: a cwd that cannot be resolved still confines refs lexically
    return path.resolve(cwd);
  }
}

function inside(root: string, p: string): boolean {
  const r = path.relative(root, p);
  return r !== '' && r !== '..' && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r);
}

function unsafe(reason: string): Error {
  return new Error(`${UNSAFE_REF_MARKER}: ${reason}`);
}

/** Where the ref points on disk, or undefined when it is no local path (another scheme). */
function refPath(ref: RefUri): string | undefined {
  const href = ref.href();
  const scheme = ref.scheme().toLowerCase();
  if (scheme === 'file') {
    try {
      return fileURLToPath(href);
    } catch {
      // intentionally ignored: a file URL with a host or bad encoding is no local path
      return undefined;
    }
  }
  // json-ref-resolver hands unknown schemes (`ftp:`, `data:`) to the file reader too.
  if (scheme !== '' || !path.isAbsolute(href)) return undefined;
  return href;
}

function shown(root: string, p: string): string {
  return inside(root, p) ? path.relative(root, p).split(path.sep).join('/') : p;
}

async function readRef(root: string, lexicalRoot: string, ref: RefUri): Promise<string> {
  const target = refPath(ref);
  if (target === undefined) throw unsafe(`"${ref.toString()}" is not a file path; only files inside the lint root are read.`);
  return readConfined(root, lexicalRoot, target);
}

/**
 * The real path: the system's realpath (one call), and where it fails Node's own walk, whose
 * error (`ENOENT … lstat '…'`) is the message Spectral's `invalid-ref` has always shown.
 */
function realPath(abs: string): string {
  try {
    return realpathSync.native(abs);
  } catch {
    // intentionally ignored: Node's walk fails the same way, with the message invalid-ref shows
    return realpathSync(abs);
  }
}

/** Reads `target` under the rules above; rejects with an `UNSAFE_REF_MARKER` error otherwise. */
export async function readConfined(root: string, lexicalRoot: string, target: string): Promise<string> {
  return readConfinedNow(root, lexicalRoot, target);
}

function readConfinedNow(root: string, lexicalRoot: string, target: string): string {
  const abs = path.resolve(target);
  if (!inside(lexicalRoot, abs) && !inside(root, abs)) {
    throw unsafe(`"${abs}" is outside the lint root (the working directory); only files inside it are read.`);
  }
  // Missing files throw here with ENOENT: Spectral reports those as `invalid-ref`.
  const real = realPath(abs);
  if (!inside(root, real)) throw unsafe(`"${shown(lexicalRoot, abs)}" is a link to "${real}", outside the lint root (the working directory).`);
  // A real path has no link left; O_NOFOLLOW keeps it so if one is swapped in meanwhile.
  const content = readRegularFileNow(real, shown(root, real), true);
  if (isBinary(content)) throw unsafe(`"${shown(root, real)}" is not a text document (binary content).`);
  return content.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * The bytes of `file` if it is a regular file of at most MAX_REF_FILE_BYTES; otherwise rejects with
 * an `UNSAFE_REF_MARKER` error (`label` names the file in it). Never blocks on a FIFO and never
 * reads more than the bound, whatever the file claims or becomes. `noFollow`: refuse a symlink.
 */
export async function readRegularFile(file: string, label: string = file, noFollow = false): Promise<Buffer> {
  return readRegularFileNow(file, label, noFollow);
}

function readRegularFileNow(file: string, label: string, noFollow: boolean): Buffer {
  const before = statSync(file);
  if (!before.isFile()) throw unsafe(`"${label}" is not a regular file.`);
  if (before.size > MAX_REF_FILE_BYTES) throw unsafe(`"${label}" is larger than ${MAX_REF_FILE_BYTES} bytes.`);
  // O_NONBLOCK: a path swapped for a FIFO between stat and open must not block the run.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw unsafe(`"${label}" is not a regular file.`);
    const buf = Buffer.alloc(Math.min(stat.size, MAX_REF_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buf.length) break;
    }
    // The file grew after stat: refuse rather than read an unbounded amount.
    if (length > stat.size || length > MAX_REF_FILE_BYTES) throw unsafe(`"${label}" changed while it was read.`);
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}


// Absolute refs are renamed into this scheme (see getRef below) so they reach a reader that refuses.
const REFUSED_SCHEME = 'backlint-refused';

/** `/…`, `\\…`, `C:\…`, `file:…`: a file reference that does not stay relative to its document. */
function isAbsoluteFileRef(ref: string): boolean {
  return ref.startsWith('/') || ref.startsWith('\\') || /^[a-z]:[\\/]/i.test(ref) || /^file:/i.test(ref);
}

function getRef(_key: string, val: unknown): string | undefined {
  if (val === null || typeof val !== 'object') return undefined;
  const ref = (val as { $ref?: unknown }).$ref;
  if (typeof ref !== 'string') return undefined;
  return isAbsoluteFileRef(ref) ? `${REFUSED_SCHEME}:${encodeURIComponent(ref)}` : ref;
}

const refuseAbsolute: Reader = {
  resolve: (ref) => {
    const original = ref.toString().slice(REFUSED_SCHEME.length + 1);
    let shownRef = original;
    try {
      shownRef = decodeURIComponent(original);
    } catch {
      // intentionally ignored: show the encoded form
    }
    return Promise.reject(unsafe(`"${shownRef}" is an absolute file reference; only relative references to files inside the lint root are read.`));
  },
};

const refuseRemote: Reader = {
  resolve: (ref) =>
    Promise.reject(new Error(`${REMOTE_REF_MARKER}: ${ref.toString()} (remote references are not fetched by default; pass --allow-remote-refs to fetch them)`)),
};

/**
 * Wraps Spectral's parse of a referenced text: the same hostile-input checks and YAML preparation
 * as a linted document (a throw here becomes a located diagnostic at the `$ref`).
 */
function guardParse(parse: ParseResolveResult): ParseResolveResult {
  return async (opts) => {
    const source = opts.targetAuthority.href().replace(/\/$/, '');
    const json = path.extname(source).toLowerCase() === '.json';
    const text = String(opts.result);
    const hostile = hostileText(text, json);
    if (hostile) throw unsafe(`"${source}" line ${hostile.line}: ${hostile.message}`);
    const parsed = await (json ? parse({ ...opts, result: text }) : withPlainYamlParse(() => parse({ ...opts, result: prepareYamlText(text) })));
    if (!json) restoreParsedYaml(text, parsed.result);
    return parsed;
  };
}

class ConfinedResolver extends Resolver {
  override resolve(source: unknown, opts?: ResolveOpts) {
    const parse = (opts as { parseResolveResult?: ParseResolveResult } | undefined)?.parseResolveResult;
    const guarded = parse ? ({ ...opts, parseResolveResult: guardParse(parse) } as ResolveOpts) : opts;
    // A document whose refs are all `#…` needs no reader: the fast path gives the same result.
    const fast = resolveInternal(source, this.runnerOptions(guarded));
    return (fast as ReturnType<Resolver['resolve']> | undefined) ?? super.resolve(source, guarded);
  }

  /** The options `Resolver#resolve` hands its `ResolveRunner`. */
  private runnerOptions(opts: ResolveOpts | undefined): Record<string, unknown> {
    const o = (opts ?? {}) as Record<string, unknown>;
    return {
      uriCache: this.uriCache,
      resolvers: this.resolvers,
      getRef: this.getRef,
      transformRef: this.transformRef,
      dereferenceInline: this.dereferenceInline,
      dereferenceRemote: this.dereferenceRemote,
      parseResolveResult: this.parseResolveResult,
      transformDereferenceResult: this.transformDereferenceResult,
      ...o,
      ctx: { ...(this.ctx ?? {}), ...((o.ctx as object | undefined) ?? {}) },
    };
  }
}

export interface ResolverOptions {
  /** Real path of the lint root (`realRoot(cwd)`). */
  root: string;
  /** The root as given (`cwd`), for paths built from it before symlinks are resolved. */
  lexicalRoot: string;
  allowRemoteRefs?: boolean;
}

export function createResolver(opts: ResolverOptions): Resolver {
  memoiseResolverPaths();
  batchExternalRefResults();
  let http: Reader = refuseRemote;
  let https: Reader = refuseRemote;
  if (opts.allowRemoteRefs) {
    // Spectral's own HTTP readers (its request options); only the file reader is replaced.
    const readers = (createHttpAndFileResolver() as unknown as { resolvers: Record<string, Reader> }).resolvers;
    http = readers.http!;
    https = readers.https!;
  }
  const file: Reader = { resolve: (ref) => readRef(opts.root, opts.lexicalRoot, ref) };
  return new ConfinedResolver({ resolvers: { http, https, file, [REFUSED_SCHEME]: refuseAbsolute } as never, getRef });
}
