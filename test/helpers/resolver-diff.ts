/**
 * Differences between two results of a `$ref` resolver (`{ result, refMap, graph, errors }`) on the
 * same document: the resolved trees compared node by node, including which nodes are the same
 * object (shared by several refs, or shared with the unresolved `source`) and which are frozen; the
 * ref maps; the graph root's ref map and node list; the errors in order. Empty when identical.
 */
interface Result {
  result: unknown;
  refMap: Record<string, string>;
  errors: { code: string; message: string; path: unknown[]; uri: unknown; uriStack: unknown[]; pointerStack: unknown[] }[];
  graph: { overallOrder(): string[]; getNodeData(n: string): { refMap?: Record<string, string> } };
  runner: { root: string };
}

export function resolverDiff(source: unknown, a: Result, b: Result, limit = 10): string[] {
  const out: string[] = [];
  const pairs = new Map<object, object>();
  const reverse = new Map<object, object>();
  const sourceNodes = new Set<object>();
  const collect = (v: unknown) => {
    if (v === null || typeof v !== 'object' || sourceNodes.has(v)) return;
    sourceNodes.add(v);
    for (const k of Object.keys(v)) collect((v as Record<string, unknown>)[k]);
  };
  collect(source);
  const stack: [unknown, unknown, string][] = [[a.result, b.result, '#']];
  while (stack.length > 0 && out.length < limit) {
    const [x, y, at] = stack.pop()!;
    if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object') {
      if (!Object.is(x, y)) out.push(`${at}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
      continue;
    }
    const seen = pairs.get(x);
    if (seen !== undefined || reverse.has(y)) {
      if (seen !== y) out.push(`${at}: sharing differs`);
      continue;
    }
    pairs.set(x, y);
    reverse.set(y, x);
    if (sourceNodes.has(x) !== sourceNodes.has(y) || (sourceNodes.has(x) && x !== y)) out.push(`${at}: identity with the unresolved tree differs`);
    if (Object.isFrozen(x) !== Object.isFrozen(y)) out.push(`${at}: frozen ${Object.isFrozen(x)} vs ${Object.isFrozen(y)}`);
    if (Array.isArray(x) !== Array.isArray(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) out.push(`${at}: kind differs`);
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.join('\0') !== ky.join('\0')) {
      out.push(`${at}: keys ${JSON.stringify(kx.slice(0, 8))} vs ${JSON.stringify(ky.slice(0, 8))}`);
      continue;
    }
    for (const k of kx) stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${at}/${k}`]);
  }
  const json = (v: unknown) => JSON.stringify(v);
  const refMaps = (r: Result) => [json(r.refMap), json(Object.entries(r.graph.getNodeData(r.runner.root).refMap ?? {}))];
  if (json(refMaps(a)) !== json(refMaps(b))) out.push('refMap differs');
  if (json(a.graph.overallOrder()) !== json(b.graph.overallOrder())) out.push('graph nodes differ');
  const errors = (r: Result) => json(r.errors.map((e) => [e.code, e.message, e.path, String(e.uri), e.uriStack, e.pointerStack]));
  if (errors(a) !== errors(b)) out.push(`errors differ: ${errors(a).slice(0, 300)} vs ${errors(b).slice(0, 300)}`);
  return out;
}
