/**
 * Spectral's structural `oas` rules, made cheap. Their `given`s use aliases with wildcards
 * (`#OperationObject.parameters` = `$.paths[*][get,put,…].parameters`); any such path makes Spectral's
 * JSONPath engine (nimma) walk the whole resolved document, about 4 s of CPU on GitHub's 13 MB
 * description. Here each of those rules gets `given: '$'` and its targets from the shared document
 * index; its own function runs unchanged on exactly the nodes its `given` would have selected,
 * with the same paths, so messages and locations are Spectral's.
 *
 * API: `indexedStructuralRule(code, def)` → the rule definition, retargeted when `code` is one of
 * `RETARGETED`, else unchanged.
 */
import type { IFunctionResult, RuleDefinition, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { getIndex, isObject, type DocumentIndex, type JsonPath } from '../openapi/index.js';

interface Target {
  value: unknown;
  path: JsonPath;
}

function each(container: unknown, base: JsonPath, out: Target[]): void {
  if (Array.isArray(container)) container.forEach((v, i) => out.push({ value: v, path: [...base, i] }));
  else if (isObject(container)) for (const [k, v] of Object.entries(container)) out.push({ value: v, path: [...base, k] });
}

const pathOps = (index: DocumentIndex) => index.operations.filter((op) => !op.isWebhook);

const TARGETS: Record<string, (index: DocumentIndex) => Target[]> = {
  'operation-parameters': (index) =>
    pathOps(index)
      .filter((op) => op.operation.parameters !== undefined)
      .map((op) => ({ value: op.operation.parameters, path: [...op.jsonPath, 'parameters'] })),
  'oas2-operation-security-defined': securityTargets,
  'oas3-operation-security-defined': securityTargets,
  'oas3-server-variables': (index) => {
    const out: Target[] = [];
    each(index.root.servers, ['servers'], out);
    const seenItems = new Set<string>();
    for (const op of pathOps(index)) {
      if (!seenItems.has(op.path)) {
        seenItems.add(op.path);
        each(op.pathItem.servers, ['paths', op.path, 'servers'], out);
      }
      each(op.operation.servers, [...op.jsonPath, 'servers'], out);
    }
    // #LinkObject.server: component links and links of operation responses.
    const components = isObject(index.root.components) ? index.root.components : {};
    const links: Target[] = [];
    each(components.links, ['components', 'links'], links);
    for (const op of pathOps(index)) for (const r of op.responses) each(r.response.links, [...r.jsonPath, 'links'], links);
    for (const l of links) if (isObject(l.value) && l.value.server !== undefined) out.push({ value: l.value.server, path: [...l.path, 'server'] });
    return out;
  },
  'oas3-callbacks-in-callbacks': (index) => {
    const out: Target[] = [];
    for (const op of pathOps(index)) {
      const callbacks: Target[] = [];
      each(op.operation.callbacks, [...op.jsonPath, 'callbacks'], callbacks);
      for (const cb of callbacks) {
        const expressions: Target[] = [];
        each(cb.value, cb.path, expressions);
        for (const ex of expressions) {
          const items: Target[] = [];
          each(ex.value, ex.path, items);
          for (const it of items) if (isObject(it.value) && it.value.callbacks !== undefined) out.push({ value: it.value.callbacks, path: [...it.path, 'callbacks'] });
        }
      }
    }
    return out;
  },
  'oas3_1-servers-in-webhook': (index) => webhookTargets(index, 'servers'),
  'oas3_1-callbacks-in-webhook': (index) => webhookTargets(index, 'callbacks'),
  'oas2-discriminator': (index) => {
    const out: Target[] = [];
    each(index.root.definitions, ['definitions'], out);
    return out.filter((t) => isObject(t.value) && t.value.discriminator);
  },
};

function securityTargets(index: DocumentIndex): Target[] {
  const out: Target[] = [];
  each(index.root.security, ['security'], out);
  for (const op of pathOps(index)) each(op.operation.security, [...op.jsonPath, 'security'], out);
  return out;
}

function webhookTargets(index: DocumentIndex, key: string): Target[] {
  const out: Target[] = [];
  const webhooks = index.root.webhooks;
  if (!isObject(webhooks)) return out;
  if (webhooks[key] !== undefined) out.push({ value: webhooks[key], path: ['webhooks', key] });
  const items: Target[] = [];
  each(webhooks, ['webhooks'], items);
  for (const item of items) {
    const ops: Target[] = [];
    each(item.value, item.path, ops);
    for (const op of ops) if (isObject(op.value) && op.value[key] !== undefined) out.push({ value: op.value[key], path: [...op.path, key] });
  }
  return out;
}

export const RETARGETED: readonly string[] = Object.keys(TARGETS);

type ThenItem = { function: RulesetFunction<unknown, unknown>; functionOptions?: unknown; field?: string } & Record<string, unknown>;

function retarget(t: ThenItem, targets: (index: DocumentIndex) => Target[]): ThenItem {
  const original = t.function;
  const fn: RulesetFunction<unknown, unknown> = (root, _options, ctx) => {
    const results: IFunctionResult[] = [];
    const pending: Promise<void>[] = [];
    for (const target of targets(getIndex(root))) {
      const context: RulesetFunctionContext = { ...ctx, path: target.path };
      const collect = (out: void | IFunctionResult[]) => {
        if (out) for (const r of out) results.push({ ...r, path: r.path ?? target.path });
      };
      const out = original(target.value, t.functionOptions ?? null, context);
      if (out && typeof (out as Promise<unknown>).then === 'function') pending.push((out as Promise<void | IFunctionResult[]>).then(collect));
      else collect(out as void | IFunctionResult[]);
    }
    if (pending.length > 0) return Promise.all(pending).then(() => (results.length > 0 ? results : undefined));
    return results.length > 0 ? results : undefined;
  };
  // The original's options were validated when the oas ruleset was built; the wrapper passes them.
  const { functionOptions: _ignored, ...rest } = t;
  return { ...rest, function: fn };
}

export function indexedStructuralRule(code: string, def: RuleDefinition): RuleDefinition {
  const targets = TARGETS[code];
  if (!targets) return def;
  const thens = (Array.isArray(def.then) ? def.then : [def.then]) as unknown as ThenItem[];
  if (thens.some((t) => t.field !== undefined)) return def;
  return { ...def, given: '$', then: thens.map((t) => retarget(t, targets)) } as unknown as RuleDefinition;
}
