/**
 * Which OpenAPI document describes which code.
 *
 * Default: a document is paired with the route files under the nearest directory (from the
 * document's own upwards, never above the root) that holds any; a route file is claimed only by
 * the documents whose directory is nearest to it, so in a monorepo `services/a/openapi.yaml` pairs
 * with `services/a/src/**` and not with `services/b`. A document another document references
 * (`$ref: ./paths/users.yaml`) is a part, not a description of its own: it is not paired.
 *
 * Config (`drift: [{ spec, code, prefix? }]`) replaces the default entirely: only the listed pairs.
 */
import path from 'node:path';
import { matchesAny } from '../config/glob.js';
import type { DriftPairing } from '../config/schema.js';

export interface Pair {
  /** Absolute path of the document. */
  document: string;
  /** Absolute paths of the code files it describes (only those that declare routes). */
  code: string[];
  prefix?: string;
  /** The directory the pair's document and code share: where their status sites can be. */
  scope: string;
}

function isUnder(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Documents named by another document's `$ref`s, by a text test (no parse): the other document
 * mentions the file's name in a line with `$ref`. Over-inclusive on purpose: a part never pairs.
 */
export function referencedDocuments(documents: readonly string[], textOf: (file: string) => string | undefined): Set<string> {
  const out = new Set<string>();
  if (documents.length < 2) return out;
  const names = new Map<string, string[]>();
  for (const d of documents) {
    const base = path.basename(d);
    names.set(base, [...(names.get(base) ?? []), d]);
  }
  for (const d of documents) {
    const text = textOf(d);
    if (!text || !text.includes('$ref')) continue;
    for (const line of text.split('\n')) {
      if (!line.includes('$ref')) continue;
      for (const [base, files] of names) {
        if (!line.includes(base)) continue;
        for (const f of files) if (f !== d) out.add(f);
      }
    }
  }
  return out;
}

function commonDir(dirs: readonly string[]): string {
  let common = dirs[0] ?? '/';
  for (const d of dirs.slice(1)) {
    while (common !== path.dirname(common) && d !== common && !isUnder(common, d)) common = path.dirname(common);
  }
  return common;
}

export function pairDocuments(opts: {
  root: string;
  documents: readonly string[];
  routeFiles: readonly string[];
  referenced?: ReadonlySet<string>;
  config?: { baseDir: string; drift: readonly DriftPairing[] };
}): Pair[] {
  const { root, routeFiles } = opts;
  if (opts.config) {
    const { baseDir, drift } = opts.config;
    return drift.map((d) => {
      const code = routeFiles.filter((f) => {
        const rel = path.relative(baseDir, f).split(path.sep).join('/');
        return !rel.startsWith('../') && matchesAny(rel, d.code);
      });
      const document = path.resolve(baseDir, d.spec);
      return { document, code, ...(d.prefix ? { prefix: d.prefix } : {}), scope: commonDir([path.dirname(document), ...code.map((f) => path.dirname(f))]) };
    });
  }
  const documents = opts.documents.filter((d) => !opts.referenced?.has(d));
  // The pairing directory of each document: the nearest ancestor holding a route file.
  const homes = new Map<string, string>();
  for (const doc of documents) {
    for (let dir = path.dirname(doc); ; dir = path.dirname(dir)) {
      if (routeFiles.some((f) => isUnder(dir, f))) {
        homes.set(doc, dir);
        break;
      }
      if (dir === root || !isUnder(root, dir) || path.dirname(dir) === dir) break;
    }
  }
  const claimed = new Map<string, string[]>();
  for (const file of routeFiles) {
    let best: string[] = [];
    let depth = -1;
    for (const [doc, home] of homes) {
      if (!isUnder(home, file)) continue;
      const d = home.split(path.sep).length;
      if (d > depth) {
        depth = d;
        best = [doc];
      } else if (d === depth) best.push(doc);
    }
    for (const doc of best) claimed.set(doc, [...(claimed.get(doc) ?? []), file]);
  }
  return [...homes]
    .map(([document, home]) => ({ document, code: claimed.get(document) ?? [], scope: home }))
    .filter((p) => p.code.length > 0);
}
