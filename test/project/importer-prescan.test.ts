/**
 * The importer scan the CLI writes while oxlint starts (mounts.ts `writeImporterPrescan`, taken by
 * the index of the process PRESCAN_ENV names it to): the index built from it answers as the one
 * that scans for itself, it is really taken (an entry only the file has shows up), and a file for
 * another root, a half-written or hostile one (malformed, or naming a file outside the root), or none
 * at all leaves the index scanning as before.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { clearProjectFiles } from '../../src/project/files.js';
import { clearImporterIndexes, importerIndex, projectSourceFiles, writeImporterPrescan } from '../../src/project/mounts.js';
import { PRESCAN_ENV } from '../../src/project/prescan.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/express-layered');
const dir = mkdtempSync(path.join(os.tmpdir(), 'backlint-prescan-'));

function fresh(): void {
  clearImporterIndexes();
  clearProjectFiles();
}

/** Every source file's importers, as the index answers now. */
function answers(): Record<string, readonly string[] | undefined> {
  fresh();
  const index = importerIndex(root);
  return Object.fromEntries(projectSourceFiles(root).map((f) => [path.relative(root, f), index.get(f)?.map((i) => path.relative(root, i))]));
}

afterEach(() => {
  delete process.env[PRESCAN_ENV];
  fresh();
});

describe('importer prescan', () => {
  it('gives the index the answers its own scan gives', () => {
    const own = answers();
    expect(Object.values(own).filter((v) => v !== undefined).length).toBeGreaterThan(5);
    const file = path.join(dir, 'same.json');
    writeImporterPrescan(root, file);
    process.env[PRESCAN_ENV] = file;
    expect(answers()).toEqual(own);
  });

  it('is taken when present: an entry only the file has shows up', () => {
    const own = answers();
    const file = path.join(dir, 'marked.json');
    writeImporterPrescan(root, file);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { files: { file: string; filed: [string, string][] }[] };
    const app = data.files.find((f) => f.file.endsWith(`${path.sep}app.js`))!;
    // app.js, as the file says, imports the users repository too.
    app.filed.push(['./repositories/users.repository.js', 'users.repository']);
    writeFileSync(file, JSON.stringify(data));
    process.env[PRESCAN_ENV] = file;
    const taken = answers();
    const repo = Object.keys(own).find((f) => f.endsWith('users.repository.js'))!;
    expect(own[repo]).not.toContain('src/app.js');
    expect(taken[repo]).toContain('src/app.js');
  });

  it('is ignored for another root, when missing, half-written or not what it should be', () => {
    const own = answers();
    const other = path.join(dir, 'other.json');
    writeImporterPrescan(path.join(root, 'src'), other);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, readFileSync(other, 'utf8').slice(0, 100));
    const hostile = path.join(dir, 'hostile.json');
    writeFileSync(hostile, JSON.stringify({ version: 1, root, files: [{ file: 1, filed: 'x' }] }));
    // Well formed, but naming a file outside the root as an importer.
    const outside = path.join(dir, 'outside.json');
    writeImporterPrescan(root, outside);
    const data = JSON.parse(readFileSync(outside, 'utf8')) as { files: { file: string; filed: [string, string][] }[] };
    const repo = path.join(root, 'src/repositories/users.repository.js');
    data.files.push({ ...data.files[0]!, file: path.join(os.tmpdir(), 'elsewhere', 'app.js'), filed: [[repo, 'users.repository']] });
    writeFileSync(outside, JSON.stringify(data));
    for (const file of [other, path.join(dir, 'missing.json'), broken, hostile, outside]) {
      process.env[PRESCAN_ENV] = file;
      expect([file, answers()]).toEqual([file, own]);
    }
  });
});
