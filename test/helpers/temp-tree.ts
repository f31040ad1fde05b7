/**
 * Small file trees written to a temporary directory for one test file, removed after its tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A writer of trees (`{ 'src/app.js': '…' }` → the directory's path), each under `prefix`. */
export function tempTrees(prefix: string): (files: Record<string, string>) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return (files) => {
    const root = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(root);
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(root, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    return root;
  };
}
