/**
 * A paired OpenAPI document, read for the drift check: its operations and where each is written.
 * Parsed with the same parsers as the Spectral face (SafeYaml, LazyJson), so locations agree with
 * every other finding on the document; cached by path, mtime and size. Only the document itself is
 * read: operations behind a `$ref` to another file are not followed (the check then sees fewer
 * operations, which can only stop "undocumented" reports, never add them — see `hasExternalRefs`).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Document } from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { isProjectFile } from '../project/resolve.js';
import { isObject } from '../openapi/document.js';
import { hostileText } from '../spectral/hostile.js';
import { isIgnoredAt } from '../spectral/ignore.js';
import { LazyJson } from '../spectral/lazy-json.js';
import { SafeYaml } from '../spectral/yaml.js';
import { documentOperations, type DocOperation } from './document.js';
import { documentTemplate, joinPaths } from './match.js';

const { Json } = spectralParsers;

export interface LoadedDocument {
  operations: DocOperation[];
  locate: (op: DocOperation) => { line: number; column: number };
  /** Path items or operations are `$ref`s into other files: what the document describes is not all here. */
  hasExternalRefs: boolean;
  /** `x-backlint-ignore: [spec-drift]` on the operation or an object above it. */
  ignores: (op: DocOperation) => boolean;
}

const cache = new Map<string, { stamp: string; doc: LoadedDocument | null }>();

function externalPathRefs(root: unknown): boolean {
  if (!isObject(root) || !isObject(root.paths)) return false;
  for (const item of Object.values(root.paths)) {
    if (isObject(item) && typeof item.$ref === 'string' && !item.$ref.startsWith('#')) return true;
  }
  return false;
}

export function loadDocument(abs: string, root: string, maxBytes: number, prefix?: string): LoadedDocument | null {
  if (!isProjectFile(root, abs)) return null;
  let stamp: string;
  try {
    const st = statSync(abs);
    if (!st.isFile() || st.size > maxBytes) return null;
    stamp = `${st.mtimeMs}:${st.size}:${prefix ?? ''}`;
  } catch {
    // intentionally ignored: a vanished document pairs with nothing
    return null;
  }
  const hit = cache.get(abs);
  if (hit && hit.stamp === stamp) return hit.doc;
  let doc: LoadedDocument | null = null;
  try {
    const text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    const json = path.extname(abs).toLowerCase() === '.json';
    if (!hostileText(text, json)) {
      const parsed = (json ? new Document(text, LazyJson as typeof Json, abs) : new Document(text, SafeYaml, abs)) as unknown as Document<unknown>;
      const data = parsed.data;
      let operations = documentOperations(data);
      if (prefix) {
        operations = operations.map((op) => {
          const fullPath = joinPaths(prefix, op.path);
          return { ...op, templates: [{ template: documentTemplate(fullPath), prefixKnown: true, fullPath }] };
        });
      }
      doc = {
        operations,
        hasExternalRefs: externalPathRefs(data),
        ignores: (op) => isIgnoredAt(data, op.jsonPath, 'spec-drift'),
        locate: (op) => {
          const range = parsed.getRangeForJsonPath(op.jsonPath, true);
          return range ? { line: range.start.line + 1, column: range.start.character + 1 } : { line: 1, column: 1 };
        },
      };
    }
  } catch {
    // intentionally ignored: a document that does not parse is reported by the Spectral face
    doc = null;
  }
  cache.set(abs, { stamp, doc });
  return doc;
}

export function clearDocumentCache(): void {
  cache.clear();
}
