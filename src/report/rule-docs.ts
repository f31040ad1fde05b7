/**
 * The rule docs (`rules/<id>.md`, shipped in the package: package.json `files`) for SARIF's
 * `help.markdown`. Read by the SARIF loader, not by the formatter, which stays a pure function.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_URL } from '../rule-meta.js';
import type { CatalogEntry } from '../catalog.js';

/** The package root: this module runs as src/report/*.ts in tests and dist/src/report/*.js built. */
function packageRoot(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'backlint') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Relative links between rule docs (`[x](no-get-side-effects.md#across-files)`) would resolve
 * against GitHub's alert page, not the repository: they are made absolute.
 */
export function absoluteDocLinks(markdown: string): string {
  // A scan, not one regex: a regex for "](target)" backtracks polynomially on a run of "](" with
  // no ")" (test/security/redos.test.ts).
  let out = '';
  let from = 0;
  for (;;) {
    const open = markdown.indexOf('](', from);
    const close = open === -1 ? -1 : markdown.indexOf(')', open + 2);
    if (close === -1) break;
    const target = markdown.slice(open + 2, close);
    const relative = target !== '' && !/\s/.test(target) && !/^(?:[a-z][a-z0-9+.-]*:|#|\/)/i.test(target);
    out += `${markdown.slice(from, open + 2)}${relative ? `${REPO_URL}/blob/main/rules/${target}` : target})`;
    from = close + 1;
  }
  return out + markdown.slice(from);
}

/** Each rule's doc by qualified id; a doc that cannot be read is left out (the SARIF keeps `helpUri`). */
export function readRuleDocs(rules: readonly Pick<CatalogEntry, 'id' | 'qualifiedId'>[]): Map<string, string> {
  const root = packageRoot();
  const docs = new Map<string, string>();
  if (!root) return docs;
  for (const r of rules) {
    // Ids come from the catalog, but a report read back by `backlint merge` is only JSON: never
    // let one name a path outside rules/.
    if (!/^[a-z0-9-]+$/.test(r.id)) continue;
    try {
      docs.set(r.qualifiedId, absoluteDocLinks(readFileSync(path.join(root, 'rules', `${r.id}.md`), 'utf8')));
    } catch {
      // intentionally ignored: helpUri still points at the doc.
    }
  }
  return docs;
}
