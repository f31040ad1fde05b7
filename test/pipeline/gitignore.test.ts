/**
 * .gitignore lines as git reads them (gitignore(5)), and a hostile line that a regex-based reader
 * (globby's `ignore`) does not finish within the test timeout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byDepth, ignoredBy, readIgnoreFile, type IgnoreFile } from '../../src/pipeline/gitignore.js';
import { tempTrees } from '../helpers/temp-tree.js';

const tree = tempTrees('backlint-gitignore-');

function ignoreFiles(root: string, files: Record<string, string>): IgnoreFile[] {
  const out: IgnoreFile[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    out.push(readIgnoreFile(abs)!);
  }
  return byDepth(out);
}

describe('.gitignore', () => {
  it('follows gitignore(5): depth, anchoring, directories only, negation, escapes, comments', () => {
    const root = tree({});
    const files = ignoreFiles(root, {
      'sub/.gitignore': '!keep.log\nlocal/\n',
      '.gitignore': '# comment\n*.log\n/build\ndocs/*.md\ngen/\n\\#hash\n\\!bang\ntrailing   \n',
    });
    const ignored = (rel: string, isDir = false) => ignoredBy(files, path.join(root, rel), isDir);
    expect(ignored('a.log')).toBe(true);
    expect(ignored('x/y/a.log')).toBe(true);
    expect(ignored('sub/keep.log')).toBe(false);
    expect(ignored('sub/other.log')).toBe(true);
    expect(ignored('build', true)).toBe(true);
    expect(ignored('src/build', true)).toBe(false);
    expect(ignored('docs/a.md')).toBe(true);
    expect(ignored('docs/x/a.md')).toBe(false);
    expect(ignored('gen', true)).toBe(true);
    expect(ignored('gen')).toBe(false);
    expect(ignored('sub/local', true)).toBe(true);
    expect(ignored('local', true)).toBe(false);
    expect(ignored('#hash')).toBe(true);
    expect(ignored('!bang')).toBe(true);
    expect(ignored('trailing')).toBe(true);
    expect(ignored('comment')).toBe(false);
    expect(ignored('src/app.ts')).toBe(false);
  });

  it('matches a hostile line against a deep path without backtracking', () => {
    const root = tree({});
    const files = ignoreFiles(root, { '.gitignore': '**/a/**/a/**/a/**/a/**/a/**/b\n*a*a*a*a*a*a*a*a*a*a*a*b\n' });
    expect(ignoredBy(files, path.join(root, `${'a/'.repeat(1500)}c`), false)).toBe(false);
    expect(ignoredBy(files, path.join(root, 'a'.repeat(250)), false)).toBe(false);
    expect(ignoredBy(files, path.join(root, `${'a/'.repeat(10)}b`), false)).toBe(true);
  });
});
