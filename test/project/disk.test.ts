/**
 * src/project/disk.ts: while a run holds the files, a path is stat'ed and a directory listed once;
 * outside a hold (an editor) and in the next hold, the disk is asked again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listDirectory, statOf } from '../../src/project/disk.js';
import { holdFileLayout } from '../../src/project/hold.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'backlint-disk-'));
  dirs.push(d);
  return d;
}

const names = (dir: string): string[] => (listDirectory(dir) ?? []).map((e) => e.name).sort();

describe('project/disk', () => {
  it('asks the disk every time when nothing is held', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.js');
    expect(statOf(file)).toBeNull();
    writeFileSync(file, 'x');
    expect(statOf(file)).toMatchObject({ isFile: true, isDirectory: false, size: 1 });
    writeFileSync(file, 'xyz');
    expect(statOf(file)?.size).toBe(3);
    expect(names(dir)).toEqual(['a.js']);
    writeFileSync(path.join(dir, 'b.js'), '');
    expect(names(dir)).toEqual(['a.js', 'b.js']);
  });

  it('answers once per hold, and afresh in the next one and after it ends', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.js');
    writeFileSync(file, 'x');
    let release = holdFileLayout();
    expect(statOf(file)?.size).toBe(1);
    expect(statOf(path.join(dir, 'missing.js'))).toBeNull();
    expect(names(dir)).toEqual(['a.js']);
    writeFileSync(file, 'xyz');
    writeFileSync(path.join(dir, 'missing.js'), '');
    // Held: the run's first answers stand.
    expect(statOf(file)?.size).toBe(1);
    expect(statOf(path.join(dir, 'missing.js'))).toBeNull();
    expect(names(dir)).toEqual(['a.js']);
    release();
    expect(statOf(file)?.size).toBe(3);
    expect(names(dir)).toEqual(['a.js', 'missing.js']);
    release = holdFileLayout();
    expect(statOf(path.join(dir, 'missing.js'))).toMatchObject({ isFile: true, size: 0 });
    release();
  });

  it('reports a directory as one, and an unlistable path as null', () => {
    const dir = tempDir();
    expect(statOf(dir)).toMatchObject({ isFile: false, isDirectory: true });
    expect(listDirectory(path.join(dir, 'nope'))).toBeNull();
    writeFileSync(path.join(dir, 'f'), '');
    expect(listDirectory(path.join(dir, 'f'))).toBeNull();
  });
});
