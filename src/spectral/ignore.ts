/**
 * In-document suppression: `x-backlint-ignore` on any object of an OpenAPI document suppresses the
 * named rules for that object and everything below it.
 *
 *   x-backlint-ignore: [require-pagination, backlint/http-status-semantics]
 *   x-backlint-ignore: { require-pagination: "exports are streamed, see ADR-12" }
 *
 * Ids are matched with or without the `backlint/` prefix; Spectral's structural codes
 * (`oas3-schema`…) work too. The filter lives in the rule functions themselves (the ruleset
 * assembly wraps every `then.function`), so the `spectral` CLI honours it exactly like backlint.
 *
 * The same wrapper isolates crashes: a rule function that throws (or rejects) on a hostile document
 * would make Spectral abandon the whole document. When the caller registered a sink for the document
 * (`collectCrashes`, what the backlint runner does), the error is recorded there with the rule and
 * the path it was checking, and the other rules' results are kept; without a sink (the `spectral`
 * CLI) the error propagates as before.
 *
 * API: `withIgnore(then, code)`, `ignoredRules(node)`, `isIgnoredAt(root, path, code)`,
 * `collectCrashes(document)` → the array crashes of that document are pushed to.
 */
import type { IFunctionResult, RuleDefinition, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { maskSecrets } from '../analysis/secrets.js';

export const IGNORE_KEY = 'x-backlint-ignore';

const PREFIX = 'backlint/';

function normalise(id: string): string {
  return id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id;
}

/** The rule ids an object's `x-backlint-ignore` names (normalised, without prefix). */
export function ignoredRules(node: unknown): string[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
  const value = (node as Record<string, unknown>)[IGNORE_KEY];
  if (typeof value === 'string') return [normalise(value)];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map(normalise);
  if (value !== null && typeof value === 'object') return Object.keys(value).map(normalise);
  return [];
}

/** True when an object on the way from `root` along `path` (both ends included) ignores `code`. */
export function isIgnoredAt(root: unknown, path: readonly (string | number)[], code: string): boolean {
  const id = normalise(code);
  let node: unknown = root;
  for (let i = 0; ; i++) {
    if (node !== null && typeof node === 'object' && IGNORE_KEY in node && ignoredRules(node).includes(id)) return true;
    if (i >= path.length || node === null || typeof node !== 'object') return false;
    node = (node as Record<string | number, unknown>)[path[i]!];
  }
}

/** `BACKLINT_TIMING=1`: milliseconds spent in each rule's functions, printed on exit (profiling). */
export const TIMING: Map<string, number> | undefined = process.env.BACKLINT_TIMING ? new Map() : undefined;
if (TIMING) {
  process.on('exit', () => {
    const rows = [...TIMING.entries()].sort((a, b) => b[1] - a[1]);
    for (const [code, ms] of rows) process.stderr.write(`${ms.toFixed(0).padStart(8)} ms  ${code}\n`);
  });
}

export interface RuleCrash {
  code: string;
  path: (string | number)[];
  message: string;
}

const crashSinks = new WeakMap<object, RuleCrash[]>();

/** Starts recording rule crashes for `document` (the `Document` given to `spectral.run`). */
export function collectCrashes(document: object): RuleCrash[] {
  const sink: RuleCrash[] = [];
  crashSinks.set(document, sink);
  return sink;
}

const ignoredSinks = new WeakMap<object, RuleCrash[]>();

/**
 * Starts recording what `x-backlint-ignore` suppresses in `document`, so the CLI can count and list
 * it like inline-comment suppressions (a pull request adding the key must not silence rules unseen).
 */
export function collectIgnored(document: object): RuleCrash[] {
  const sink: RuleCrash[] = [];
  ignoredSinks.set(document, sink);
  return sink;
}

function crashed(e: unknown, code: string, path: (string | number)[], ctx: RulesetFunctionContext): undefined {
  const sink = crashSinks.get(ctx.document);
  if (!sink) throw e;
  sink.push({ code, path, message: e instanceof Error ? e.message : String(e) });
  return undefined;
}

type Then = RuleDefinition['then'];
type ThenItem = { function: unknown } & Record<string, unknown>;

function wrapFunction(fn: RulesetFunction<unknown, unknown>, code: string): RulesetFunction<unknown, unknown> {
  const filter = (results: void | IFunctionResult[], targetPath: (string | number)[], ctx: RulesetFunctionContext) => {
    if (!results || results.length === 0) return results;
    // The inventory's `resolved` exists at run time but is missing from its declared interface.
    const root = ctx.rule.resolved ? (ctx.documentInventory as unknown as { resolved: unknown }).resolved : ctx.document.data;
    const kept: IFunctionResult[] = [];
    for (const r of results) {
      if (!isIgnoredAt(root, r.path ?? targetPath, code)) kept.push(r);
      else ignoredSinks.get(ctx.document)?.push({ code, path: [...(r.path ?? targetPath)], message: maskSecrets(r.message) });
    }
    // Messages quote document values (a server URL, an example's keys): mask them here, where every
    // rule function's results pass, so the `spectral` CLI shows no secret either.
    return kept.length > 0 ? kept.map((r) => ({ ...r, message: maskSecrets(r.message) })) : undefined;
  };
  const wrapped: RulesetFunction<unknown, unknown> = (input, options, ctx) => {
    const targetPath = [...ctx.path];
    const t0 = TIMING ? performance.now() : 0;
    let out: ReturnType<typeof fn>;
    try {
      out = fn(input, options, ctx);
    } catch (e) {
      return crashed(e, code, targetPath, ctx);
    }
    if (TIMING) TIMING.set(code, (TIMING.get(code) ?? 0) + performance.now() - t0);
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<void | IFunctionResult[]>).then(
        (r) => filter(r, targetPath, ctx),
        (e: unknown) => crashed(e, code, targetPath, ctx),
      );
    }
    try {
      return filter(out as void | IFunctionResult[], targetPath, ctx);
    } catch (e) {
      return crashed(e, code, targetPath, ctx);
    }
  };
  return copyValidator(fn, wrapped);
}

/**
 * Keeps the option validator and schemas of a function made with createRulesetFunction on its
 * wrapper: Spectral validates rule options through `fn.validator` when it is present.
 */
export function copyValidator<F extends RulesetFunction<unknown, unknown>>(from: RulesetFunction<unknown, unknown>, to: F): F {
  for (const key of ['validator', 'schemas'] as const) {
    if (key in from) Object.defineProperty(to, key, { value: (from as unknown as Record<string, unknown>)[key] });
  }
  Object.defineProperty(to, 'name', { value: from.name || 'backlintRule' });
  return to;
}

/** The rule's `then` with every function filtered through `x-backlint-ignore`. */
export function withIgnore(then: Then, code: string): Then {
  const wrapOne = (t: ThenItem): ThenItem => ({ ...t, function: wrapFunction(t.function as RulesetFunction<unknown, unknown>, code) }) as ThenItem;
  return (Array.isArray(then) ? (then as ThenItem[]).map(wrapOne) : wrapOne(then as unknown as ThenItem)) as unknown as Then;
}
