/**
 * The importer index the CLI builds beside oxlint's process and hands over (project/handover.ts):
 * the reader takes it for its root, primes the route gate from it, and builds its own when the
 * file is broken, made for another root, or the CLI gave up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempTrees } from '../helpers/temp-tree.js';
import { cachedTextGate, clearProjectFiles } from '../../src/project/files.js';
import { adoptImporterIndex, writeImporterIndex } from '../../src/project/handover.js';
import { clearImporterIndexes, importerIndex, setImporterIndexSource } from '../../src/project/mounts.js';
import { clearResolutionCache } from '../../src/project/resolve.js';
import { ROUTES_GATE } from '../../src/project/text-gates.js';

const tree = tempTrees('backlint-handover-');

function reset(): void {
  clearImporterIndexes();
  clearProjectFiles();
  clearResolutionCache();
}

beforeEach(reset);
afterEach(() => setImporterIndexSource(null));

const app = {
  'src/routes/users.js': "const router = require('express').Router();\nconst svc = require('../services/users');\nrouter.get('/users', (req, res) => res.json(svc.list(req.query)));\nmodule.exports = router;\n",
  'src/services/users.js': "const repo = require('../repositories/users');\nexports.list = (q) => repo.find(q);\n",
  'src/repositories/users.js': "const cache = new Map();\nexports.find = (q) => cache.get(q);\n",
};

describe('importer index handover', () => {
  it('writes the index and the route gate its walk answered, and the reader adopts both', () => {
    const root = tree(app);
    const file = path.join(root, '..', `${path.basename(root)}-importers.json`);
    writeImporterIndex(root, file);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { root: string; importers: [string, string[]][]; gates: [string, number, number, boolean][] };
    expect(written.root).toBe(root);
    expect(Object.fromEntries(written.importers)).toEqual({
      [path.join(root, 'src/services/users.js')]: [path.join(root, 'src/routes/users.js')],
      [path.join(root, 'src/repositories/users.js')]: [path.join(root, 'src/services/users.js')],
    });
    // `.get(` on a Map is not a route: only the router file passes the gate.
    expect(written.gates.filter((g) => g[3]).map((g) => g[0])).toEqual([path.join(root, 'src/routes/users.js')]);

    reset();
    adoptImporterIndex(file);
    expect(importerIndex(root).get(path.join(root, 'src/services/users.js'))).toEqual([path.join(root, 'src/routes/users.js')]);
    expect(cachedTextGate(path.join(root, 'src/routes/users.js'), ROUTES_GATE)?.answer).toBe(true);
    expect(cachedTextGate(path.join(root, 'src/repositories/users.js'), ROUTES_GATE)?.answer).toBe(false);
  });

  it('takes the handed-over answer as it is (the reader does not walk the project again)', () => {
    const root = tree(app);
    const file = path.join(root, '..', `${path.basename(root)}-marked.json`);
    const marker = path.join(root, 'src/marker.js');
    writeFileSync(file, JSON.stringify({ root, importers: [[marker, [marker]]], gates: [] }));
    adoptImporterIndex(file);
    expect([...importerIndex(root)]).toEqual([[marker, [marker]]]);
  });

  it.each([
    ['made for another root', (root: string) => JSON.stringify({ root: path.dirname(root), importers: [], gates: [] })],
    ['broken', () => '{"root": '],
    ['naming files outside the root', (root: string) => JSON.stringify({ root, importers: [['/etc/passwd', [path.join(root, 'src/a.js')]]], gates: [] })],
  ])('is ignored when %s: the reader builds its own index', (_, content) => {
    const root = tree(app);
    const file = path.join(root, '..', `${path.basename(root)}-bad.json`);
    writeFileSync(file, content(root));
    adoptImporterIndex(file);
    expect(importerIndex(root).get(path.join(root, 'src/repositories/users.js'))).toEqual([path.join(root, 'src/services/users.js')]);
  });

  it('stops waiting when the CLI gave up', () => {
    const root = tree(app);
    const file = path.join(root, '..', `${path.basename(root)}-failed.json`);
    writeFileSync(`${file}.failed`, '');
    adoptImporterIndex(file);
    expect(importerIndex(root).get(path.join(root, 'src/services/users.js'))).toEqual([path.join(root, 'src/routes/users.js')]);
  });
});
