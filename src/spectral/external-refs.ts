/**
 * json-ref-resolver puts the results of a document's file `$ref`s into the document with one
 * immer `produce` per result (runner.js `ResolveRunner#resolve`, its loop over `uriResults`). Each
 * `produce` copies every container from the root to the ref, and the copies of the round before
 * were frozen, so immer copies them property descriptor by descriptor: on DigitalOcean's
 * description (a root and ~2,900 files; 16,000 results put in, under `paths` and `components`
 * objects of hundreds of keys) ~1.5 s of a 6 s run.
 *
 * `resolve` here is the runner's, step for step, run by the same tslib coroutine (so every await
 * takes the turns it took: the resolver's concurrent runs interleave as before), except that the
 * results of that loop go in with one `produce`: the loop first records each result's ref map
 * entry, graph edge and errors, in order, as it did, then sets every result at its path, in order,
 * on one draft, with the same lodash `set` and the same graph node data. Nothing reads the document
 * between those steps. Where the outcome could depend on separate `produce` calls, the loop is the
 * runner's own: a result that replaces the whole document (a ref at the root of what is resolved)
 * or two results at one path or one under another (the crawl stops at a ref, but a fragment's crawl
 * can meet one target twice).
 *
 * Everything else is the runner's own code, from its own dependency tree (@stoplight/json's
 * pointer codecs, lodash, immer, urijs, the crawler), as internal-refs.ts does for documents whose
 * refs are all internal, with one fix: a pointer reads own members only, so `#/__proto__` is a
 * missing pointer, not Object.prototype (which immer then froze for the whole process). If the
 * module is laid out differently, nothing is replaced.
 *
 * API: `batchExternalRefResults()`, idempotent; returns whether the runner's `resolve` is this one.
 */
import { createRequire } from 'node:module';
import { getOwn } from './copy-on-write.js';

type Path = string[];

interface Uri {
  toString(): string;
  clone(): Uri;
  fragment(): string;
  fragment(value: string): Uri;
}

interface DepGraph {
  overallOrder(): string[];
  dependantsOf(node: string): string[];
  dependenciesOf(node: string): string[];
}

interface ResolveError {
  code: string;
  message: string;
  uri: unknown;
  uriStack: unknown;
  pointerStack: unknown[];
  path: unknown;
}

interface UriResult {
  uri: unknown;
  targetPath: Path;
  resolved?: { result?: unknown; errors?: ResolveError[] } | null;
  error?: ResolveError;
}

interface Crawler {
  resolvers: Promise<UriResult>[];
  pointerGraph: DepGraph;
  pointerStemGraph: DepGraph;
  computeGraph(target: unknown, parentPath?: Path, parentPointer?: string): void;
}

interface Resolved {
  result: unknown;
  graph: unknown;
  refMap: Record<string, string>;
  errors: ResolveError[];
  runner: Runner;
}

interface ResolveOpts {
  jsonPointer?: string;
  parentPath?: Path;
}

interface Runner {
  readonly source: unknown;
  _source: unknown;
  graph: unknown;
  baseUri: Uri;
  uriStack: unknown;
  root: string;
  dereferenceInline: boolean;
  transformDereferenceResult?: (opts: Record<string, unknown>) => Promise<{ result: unknown; error?: unknown }>;
  _setGraphNodeData(nodeId: string, data: unknown): void;
  _setGraphNodeEdge(nodeId: string, fromPointer: string, toNodeId: string): void;
  resolve(opts?: ResolveOpts): Promise<Resolved>;
}

const BATCHING = Symbol.for('backlint.batchedExternalRefs');
/** The runner's own `resolve`, kept where the replacement is installed (the prototype is shared per process). */
const ORIGINAL = Symbol.for('backlint.runnerResolve');

type RunnerResolve = (this: unknown, opts?: unknown) => Promise<unknown>;

let installed: boolean | undefined;
const counts = { batched: 0, oneByOne: 0 };

export function batchExternalRefResults(): boolean {
  installed ??= install();
  return installed;
}

/**
 * For tests: the runner's prototype, its `resolve` as json-ref-resolver defines it and as installed
 * here (null when not installed), and how many loops of several results went in one `produce` or
 * one by one.
 */
export function runnerResolves(): { prototype: { resolve: RunnerResolve }; original: RunnerResolve; batched: RunnerResolve; counts: typeof counts } | null {
  const proto = runnerPrototype() as (Record<symbol, unknown> & { resolve: RunnerResolve }) | null;
  return proto?.[BATCHING] ? { prototype: proto, original: proto[ORIGINAL] as RunnerResolve, batched: proto.resolve, counts } : null;
}

function runnerPrototype(): object | null {
  try {
    const fromSpectral = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-ref-resolver'));
    const fromResolver = createRequire(fromSpectral.resolve('@stoplight/json-ref-resolver'));
    return (fromResolver('./runner.js') as { ResolveRunner: { prototype: object } }).ResolveRunner.prototype;
  } catch {
    // intentionally ignored: no resolver to inspect
    return null;
  }
}

/**
 * Paths, and whether one met lies at or under another: each path's prefixes are keyed
 * (length-prefixed segments, as text: `0` is `'0'` to lodash), so the test is a few lookups.
 */
class DisjointPaths {
  private readonly whole = new Set<string>();
  private readonly above = new Set<string>();

  /** Adds `path`; false when it is one met already, lies under one, or one lies under it. */
  add(path: Path): boolean {
    const keys: string[] = [];
    let key = '';
    for (const segment of path) {
      const text = String(segment);
      key += `${text.length}:${text}`;
      if (this.whole.has(key)) return false;
      keys.push(key);
    }
    if (this.above.has(key)) return false;
    this.whole.add(key);
    for (let i = 0; i < keys.length - 1; i++) this.above.add(keys[i]!);
    return true;
  }
}

function install(): boolean {
  try {
    const fromSpectral = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-ref-resolver'));
    const fromResolver = createRequire(fromSpectral.resolve('@stoplight/json-ref-resolver'));
    const runnerModule = fromResolver('./runner.js') as { ResolveRunner: { prototype: Runner & { [BATCHING]?: true; [ORIGINAL]?: unknown } } };
    const proto = runnerModule.ResolveRunner.prototype;
    if (proto[BATCHING]) return true;
    if (typeof Object.getOwnPropertyDescriptor(proto, 'resolve')?.value !== 'function') return false;
    const crawlerModule = fromResolver('./crawler.js') as { ResolveCrawler: new (runner: Runner, jsonPointer: string | undefined, resolved: Resolved) => Crawler };
    const { __awaiter } = fromResolver('tslib') as {
      __awaiter: <T>(thisArg: unknown, args: unknown, P: unknown, body: () => Generator<unknown, T, unknown>) => Promise<T>;
    };
    const { pointerToPath, pathToPointer, startsWith } = fromResolver('@stoplight/json') as {
      pointerToPath(pointer: string): Path;
      pathToPointer(path: Path): string;
      startsWith(a: Path, b: Path): boolean;
    };
    const immer = fromResolver('immer') as { default: <T>(base: T, recipe: (draft: T) => unknown) => T; original: <T>(draft: T) => T };
    const produce = immer.default;
    const original = immer.original;
    // lodash `get`, own members only: a pointer to an inherited member does not exist (copy-on-write.ts).
    const get = getOwn;
    const set = fromResolver('lodash/set') as (obj: unknown, path: Path, value: unknown) => unknown;
    const URI = fromResolver('urijs') as new (value: string) => Uri;

    /**
     * Whether the results the loop would set can go in with one `produce`: at least two, none at
     * the root of what is resolved, no two at one path or one under another.
     */
    function batchable(uriResults: UriResult[], pathOf: (r: UriResult) => Path): { ok: boolean; sets: number } {
      const paths = new DisjointPaths();
      let sets = 0;
      let ok = true;
      for (const r of uriResults) {
        if (!r.resolved || r.resolved.result === undefined) continue;
        const p = pathOf(r);
        if (!p.length || !paths.add(p)) ok = false;
        sets++;
      }
      return { ok: ok && sets > 1, sets };
    }

    /** The runner's loop over file-ref results, with one `produce` where that cannot differ. */
    function putResultsIn(runner: Runner, resolved: Resolved, uriResults: UriResult[], targetPath: Path | undefined): void {
      const pathOf = (r: UriResult): Path => (r.targetPath.length ? r.targetPath : targetPath || []);
      const { ok: batch, sets } = batchable(uriResults, pathOf);
      if (batch) counts.batched++;
      else if (sets > 1) counts.oneByOne++;
      const deferred: { path: Path; r: UriResult }[] = [];
      for (const r of uriResults) {
        const resolvedTargetPath = pathOf(r);
        resolved.refMap[String(runner.baseUri.clone().fragment(pathToPointer(resolvedTargetPath)))] = String(r.uri);
        runner._setGraphNodeEdge(String(runner.root), pathToPointer(resolvedTargetPath), String(r.uri));
        if (r.error) resolved.errors.push(r.error);
        if (!r.resolved) continue;
        if (r.resolved.errors) resolved.errors = resolved.errors.concat(r.resolved.errors);
        if (r.resolved.result === undefined) continue;
        if (batch) {
          deferred.push({ path: resolvedTargetPath, r });
          continue;
        }
        runner._source = produce(runner._source, (draft) => {
          if (r.resolved) {
            if (!resolvedTargetPath.length) {
              return r.resolved.result;
            } else {
              set(draft, resolvedTargetPath, r.resolved.result);
              runner._setGraphNodeData(String(r.uri), r.resolved.result);
            }
          }
          return undefined;
        });
      }
      if (deferred.length === 0) return;
      runner._source = produce(runner._source, (draft) => {
        for (const { path, r } of deferred) {
          set(draft, path, r.resolved!.result);
          runner._setGraphNodeData(String(r.uri), r.resolved!.result);
        }
      });
    }

    /** The runner's own dereference of the document's `#…` refs (unchanged). */
    function dereferenceInline(runner: Runner, resolved: Resolved, crawler: Crawler): void {
      runner._source = produce(runner._source, (draft) => {
        let processOrder: string[] = [];
        try {
          processOrder = crawler.pointerGraph.overallOrder();
          for (const pointer of processOrder) {
            const dependants = crawler.pointerGraph.dependantsOf(pointer);
            if (!dependants.length) continue;
            const pointerPath = pointerToPath(pointer);
            const val = pointerPath.length === 0 ? original(draft) : get(draft, pointerPath);
            for (const dependant of dependants) {
              let isCircular;
              const dependantPath = pointerToPath(dependant);
              const dependantStems = crawler.pointerStemGraph.dependenciesOf(pointer);
              for (const stem of dependantStems) {
                if (startsWith(dependantPath, pointerToPath(stem))) {
                  isCircular = true;
                  break;
                }
              }
              if (isCircular) continue;
              resolved.refMap[pathToPointer(dependantPath)] = pathToPointer(pointerPath);
              runner._setGraphNodeEdge(runner.root, pathToPointer(dependantPath), pathToPointer(pointerPath));
              if (val !== undefined) {
                set(draft, dependantPath, val);
                runner._setGraphNodeData(pathToPointer(pointerPath), val);
              } else {
                resolved.errors.push({
                  code: 'POINTER_MISSING',
                  message: `'${pointer}' does not exist`,
                  path: dependantPath,
                  uri: runner.baseUri,
                  uriStack: runner.uriStack,
                  pointerStack: [],
                });
              }
            }
          }
        } catch {
          // intentionally ignored: the runner swallows a failure here and keeps what was done
        }
      });
    }

    function resolve(this: Runner, opts?: ResolveOpts): Promise<Resolved> {
      const runner = this;
      return __awaiter(runner, undefined, undefined, function* (): Generator<unknown, Resolved, unknown> {
        const resolved: Resolved = { result: runner.source, graph: runner.graph, refMap: {}, errors: [], runner };
        let targetPath: Path | undefined;
        const jsonPointer: string | undefined = opts && opts.jsonPointer && opts.jsonPointer.trim();
        if (jsonPointer && jsonPointer !== '#' && jsonPointer !== '#/') {
          try {
            targetPath = pointerToPath(jsonPointer);
          } catch {
            resolved.errors.push({ code: 'PARSE_POINTER', message: `'${jsonPointer}' JSON pointer is invalid`, uri: runner.baseUri, uriStack: runner.uriStack, pointerStack: [], path: [] });
            return resolved;
          }
          resolved.result = get(resolved.result, targetPath);
        }
        if (resolved.result === undefined) {
          resolved.errors.push({
            code: 'POINTER_MISSING',
            message: `'${jsonPointer}' does not exist @ '${runner.baseUri.toString()}'`,
            uri: runner.baseUri,
            uriStack: runner.uriStack,
            pointerStack: [],
            path: targetPath || [],
          });
          return resolved;
        }
        const crawler = new crawlerModule.ResolveCrawler(runner, jsonPointer, resolved);
        crawler.computeGraph(resolved.result, targetPath, jsonPointer || '');
        let uriResults: UriResult[] = [];
        if (crawler.resolvers.length) {
          uriResults = (yield Promise.all(crawler.resolvers)) as UriResult[];
        }
        if (uriResults.length) putResultsIn(runner, resolved, uriResults, targetPath);
        if (typeof runner._source === 'object') {
          if (runner.dereferenceInline) dereferenceInline(runner, resolved, crawler);
          resolved.result = targetPath ? get(runner._source, targetPath) : runner._source;
        } else {
          resolved.result = runner._source;
        }
        if (runner.transformDereferenceResult) {
          const ref = new URI(jsonPointer || '');
          try {
            const { result, error } = (yield runner.transformDereferenceResult({
              source: runner.source,
              result: resolved.result,
              targetAuthority: ref,
              parentAuthority: runner.baseUri,
              parentPath: opts ? opts.parentPath || [] : [],
              fragment: ref.fragment(),
            })) as { result: unknown; error?: unknown };
            resolved.result = result;
            if (error) throw new Error(`Could not transform dereferenced result for '${ref.toString()}' - ${String(error)}`);
          } catch (e) {
            resolved.errors.push({
              code: 'TRANSFORM_DEREFERENCED',
              message: `Error: Could not transform dereferenced result for '${runner.baseUri.toString()}${ref.fragment() !== '' ? `#${ref.fragment()}` : ``}' - ${String(e)}`,
              uri: ref,
              uriStack: runner.uriStack,
              pointerStack: [],
              path: targetPath,
            });
          }
        }
        runner._setGraphNodeData(runner.root, runner._source);
        return resolved;
      });
    }

    Object.defineProperty(proto, ORIGINAL, { value: proto.resolve });
    Object.defineProperty(proto, 'resolve', { value: resolve, writable: true, configurable: true, enumerable: false });
    proto[BATCHING] = true;
    return true;
  } catch {
    // intentionally ignored: laid out differently; the runner puts results in one by one as before
    return false;
  }
}
