/**
 * A paired OpenAPI document, read for the drift check: its operations and where each is written.
 * Parsed with the `yaml` package (JSON with JSON.parse; its locations, from a YAML parse of the same
 * text, only when a finding needs one), not with the Spectral face's parsers: this module is loaded
 * by the ESLint face, and the Spectral CLI bundles every module the ruleset's rules import. Cached
 * by path, mtime and size; hostile texts (nesting, alias bombs) are refused as the Spectral face
 * refuses them. Only the document itself is
 * read: operations behind a `$ref` to another file are not followed (the check then sees fewer
 * operations, which can only stop "undocumented" reports, never add them — see `hasExternalRefs`).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Document as YamlDocument, LineCounter, Node as YamlNode } from 'yaml';
import { yamlModule } from '../lazy-modules.js';
import { isProjectFile } from '../project/resolve.js';
import { noteRead } from '../project/reads.js';
import { isObject } from '../openapi/document.js';
import { hostileText, MAX_ALIAS_EXPANSION } from '../spectral/hostile.js';
import { isIgnoredAt } from '../spectral/ignore.js';
import { documentOperations, type DocOperation } from './document.js';
import { documentTemplate, joinPaths } from './match.js';
import { lineIndexAt, newlineStarts } from '../lines.js';

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

function parseYaml(text: string): { doc: YamlDocument; lines: LineCounter } {
  const { LineCounter, parseDocument } = yamlModule();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, strict: false });
  return { doc, lines };
}

/** The position of the key at the end of `jsonPath` (`post:` of an operation), else of the nearest ancestor key. */
function keyPosition(doc: YamlDocument, lines: LineCounter, jsonPath: readonly (string | number)[]): { line: number; column: number } {
  let node: unknown = doc.contents;
  let at = { line: 1, column: 1 };
  for (const seg of jsonPath) {
    if (!yamlModule().isMap(node)) break;
    const pair = node.items.find((p) => {
      const k = p.key as YamlNode | string | null;
      const v = k !== null && typeof k === 'object' && 'value' in k ? (k as { value: unknown }).value : k;
      return String(v) === String(seg);
    });
    if (!pair) break;
    const key = pair.key as YamlNode | null;
    if (key && typeof key === 'object' && key.range) {
      const pos = lines.linePos(key.range[0]);
      at = { line: pos.line, column: pos.col };
    }
    node = pair.value;
  }
  return at;
}

/**
 * The same position in a JSON document, from jsonc-parser's tree: a YAML parse of a JSON text for
 * locations cost signalk-server's run more than the rest of the check (JSON.parse gave the data).
 */
function jsonKeyPosition(tree: JsonNode | undefined, lineStarts: readonly number[], jsonPath: readonly (string | number)[]): { line: number; column: number } {
  let node = tree;
  let at = { line: 1, column: 1 };
  for (const seg of jsonPath) {
    if (node?.type !== 'object') break;
    const pair = node.children?.find((p) => String(p.children?.[0]?.value) === String(seg));
    const key = pair?.children?.[0];
    if (!pair || !key) break;
    at = positionAt(lineStarts, key.offset);
    node = pair.children?.[1];
  }
  return at;
}

function positionAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  const line = lineIndexAt(lineStarts, offset);
  return { line: line + 1, column: offset - lineStarts[line]! + 1 };
}

export function loadDocument(abs: string, root: string, maxBytes: number, prefix?: string): LoadedDocument | null {
  if (!isProjectFile(root, abs)) return null;
  noteRead(abs);
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
    const json = path.extname(abs).toLowerCase() === '.json' || text.trimStart().startsWith('{');
    if (!hostileText(text, json)) {
      let yaml: { doc: YamlDocument; lines: LineCounter } | undefined;
      let jsonTree: { tree: JsonNode | undefined; lineStarts: number[] } | undefined;
      let data: unknown;
      if (json) {
        data = JSON.parse(text) as unknown;
      } else {
        yaml = parseYaml(text);
        data = yaml.doc.errors.length > 0 ? undefined : yaml.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
      }
      if (isObject(data)) {
        let operations = documentOperations(data);
        if (prefix) {
          operations = operations.map((op) => {
            const fullPath = joinPaths(prefix, op.path);
            return { ...op, templates: [{ template: documentTemplate(fullPath), prefixKnown: true, fullPath }] };
          });
        }
        const positions = new Map<DocOperation, { line: number; column: number }>();
        doc = {
          operations,
          hasExternalRefs: externalPathRefs(data),
          ignores: (op) => isIgnoredAt(data, op.jsonPath, 'spec-drift'),
          locate: (op) => {
            let at = positions.get(op);
            if (!at) {
              if (json) {
                jsonTree ??= { tree: parseTree(text), lineStarts: newlineStarts(text) };
                at = jsonKeyPosition(jsonTree.tree, jsonTree.lineStarts, op.jsonPath);
              } else {
                yaml ??= parseYaml(text);
                at = keyPosition(yaml.doc, yaml.lines, op.jsonPath);
              }
              positions.set(op, at);
            }
            return at;
          },
        };
      }
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
