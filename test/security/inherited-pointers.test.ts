/**
 * A `$ref` pointer names members a document has, never ones its objects inherit. `#/__proto__`
 * used to resolve to Object.prototype, which the resolver's immer then froze for the rest of the
 * process (every later `obj.toString = …` in strict code throws); `#/constructor` resolved to
 * the Object function. Now such a pointer is missing, as in any other document, both for a
 * document whose refs are all internal (internal-refs.ts) and for one with file refs
 * (external-refs.ts), and a member the document does have under such a name still resolves.
 * Run in a fresh process: the old behaviour would freeze the test worker's Object.prototype.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempTrees } from '../helpers/temp-tree.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = pathToFileURL(path.join(root, 'dist/src/spectral/run.js')).href;
const tmp = tempTrees('backlint-inherited-');

const DOC = (extra: string) => `openapi: 3.1.0
info: { title: T, version: 1.0.0, description: T. }
paths: {}
components:
  schemas:
    Proto: { $ref: '#/__proto__' }
    Ctor: { $ref: '#/constructor' }
    Str: { $ref: '#/components/schemas/Own/toString' }
    Own:
      type: object
      constructor: { type: string }
    OwnCtor: { $ref: '#/components/schemas/Own/constructor' }
${extra}`;

function lint(files: Record<string, string>): { frozen: boolean; refs: string[] } {
  const dir = tmp(files);
  const script = `
    const { lintOpenApiFiles } = await import(${JSON.stringify(run)});
    const results = await lintOpenApiFiles(['openapi.yaml'], { cwd: process.cwd(), preset: 'recommended' });
    const refs = results.flatMap((r) => r.findings.filter((f) => /ref/.test(f.ruleId)).map((f) => f.line + ' ' + f.message));
    process.stdout.write(JSON.stringify({ frozen: Object.isFrozen(Object.prototype), refs }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' })) as never;
}

const MISSING = ["6 '#/__proto__' does not exist", "7 '#/constructor' does not exist", "8 '#/components/schemas/Own/toString' does not exist"];

describe('pointers to inherited members', () => {
  it('are missing, and leave Object.prototype alone, when every ref is internal', () => {
    expect(lint({ 'openapi.yaml': DOC('') })).toEqual({ frozen: false, refs: MISSING });
  });

  it('are missing, and leave Object.prototype alone, with file refs too', () => {
    const files = { 'openapi.yaml': DOC("    File: { $ref: './file.yaml' }\n    FileProto: { $ref: './file.yaml#/__proto__' }\n"), 'file.yaml': 'type: object\n' };
    const out = lint(files);
    expect(out.frozen).toBe(false);
    // Spectral reports a missing pointer into another file as its resolver words it, at line 1.
    expect(out.refs).toEqual([expect.stringMatching(/^1 '#\/__proto__' does not exist @ '.*file\.yaml'$/), ...MISSING]);
  });
});
