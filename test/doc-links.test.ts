/**
 * Every link backlint hands out into its own repository — rule `meta.docs.url`, the catalog's
 * `docs`, SARIF `helpUri` and the links inside `help.markdown` — names a file that exists here, and
 * an anchor names a heading of that file (GitHub's heading slugs).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin from '../src/eslint/plugin.js';
import { catalogEntries } from '../src/catalog.js';
import { REPO_URL } from '../src/rule.js';
import { absoluteDocLinks } from '../src/report/rule-docs.js';
import { buildSarif } from '../src/report/sarif.js';
import { syntheticReport } from './report/synthetic.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BLOB = `${REPO_URL}/blob/main/`;

/** GitHub's anchor for a heading: lower case, punctuation but `-`/`_` dropped, spaces to `-`. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (m) out.add(slug(m[1]!));
  }
  return out;
}

/** Why the link is broken, or null. */
function broken(url: string): string | null {
  if (url === REPO_URL) return null;
  if (!url.startsWith(BLOB)) return `not a file of the repository's main branch: ${url}`;
  const [file, anchor] = url.slice(BLOB.length).split('#') as [string, string | undefined];
  const abs = path.join(repo, decodeURIComponent(file));
  if (!abs.startsWith(repo + path.sep) || !existsSync(abs)) return `no file ${file}`;
  if (anchor && !anchorsOf(abs).has(anchor)) return `no heading #${anchor} in ${file}`;
  return null;
}

function linksIn(text: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf(REPO_URL); at >= 0; at = text.indexOf(REPO_URL, at + 1)) {
    const end = text.slice(at).search(/[)\s"'<>]/);
    out.push(end < 0 ? text.slice(at) : text.slice(at, at + end));
  }
  return out;
}

describe('links into the repository', () => {
  it('every rule: the ESLint meta and the catalog point at rules/<id>.md', () => {
    const entries = catalogEntries();
    expect(entries.length).toBeGreaterThan(40);
    for (const entry of entries) {
      expect(entry.docs).toBe(`${BLOB}rules/${entry.id}.md`);
      expect(broken(entry.docs)).toBeNull();
      const rule = plugin.rules[entry.id as keyof typeof plugin.rules] as { meta?: { docs?: { url?: string } } } | undefined;
      if (rule) expect(rule.meta?.docs?.url).toBe(entry.docs);
      // SARIF's help.markdown is the doc with its relative links made absolute.
      const doc = absoluteDocLinks(readFileSync(path.join(repo, 'rules', `${entry.id}.md`), 'utf8'));
      for (const url of linksIn(doc)) expect([entry.id, url, broken(url)]).toEqual([entry.id, url, null]);
    }
  });

  it('SARIF helpUri and the links in help.markdown, tool diagnostics included', () => {
    const sarif = buildSarif(syntheticReport());
    const rules = sarif.runs[0]!.tool.driver.rules ?? [];
    expect(rules.some((r) => r.id === 'backlint/parse-error')).toBe(true);
    const urls = new Set<string>();
    for (const r of rules) {
      if (r.helpUri) urls.add(r.helpUri);
      for (const u of linksIn(r.help?.markdown ?? '')) urls.add(u);
    }
    const ours = [...urls].filter((u) => u.startsWith(REPO_URL));
    expect(ours).toContain(`${BLOB}README.md#diagnostics`);
    expect(ours.map((u) => [u, broken(u)]).filter(([, why]) => why)).toEqual([]);
  });

  it('catches a broken link (the check itself can fail)', () => {
    expect(broken(`${BLOB}rules/no-such-rule.md`)).toBe('no file rules/no-such-rule.md');
    expect(broken(`${BLOB}README.md#no-such-heading`)).toBe('no heading #no-such-heading in README.md');
    expect(broken(`${BLOB}README.md#the-cache`)).toBeNull();
  });
});
