/**
 * Is a text an OpenAPI document? By content only: a top-level `openapi` or `swagger` key. Shared by
 * discovery (which files the Spectral face lints) and the drift check (which documents describe
 * the code), so both agree on what a document is.
 */

/**
 * Whether a JSON text has a top-level `openapi`/`swagger` key. A tokenizer that only tracks strings
 * and nesting depth: far cheaper than parsing a 10 MB document, and tolerant of a cut-off head.
 * Returns undefined when the text ended before the top-level object did (inconclusive).
 */
export function jsonHasTopLevelKey(text: string, keys: readonly string[]): boolean | undefined {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n && /\s|\uFEFF/.test(text[i]!)) i++;
  if (text[i] !== '{') return false;
  for (; i < n; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i + 1;
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\') i++;
        i++;
      }
      if (i >= n) return undefined;
      if (depth === 1) {
        let j = i + 1;
        while (j < n && /\s/.test(text[j]!)) j++;
        if (j >= n) return undefined;
        if (text[j] === ':' && keys.includes(text.slice(start, i))) return true;
      }
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return false;
    }
  }
  return undefined;
}

const YAML_KEY_RE = /^["']?(?:openapi|swagger)["']?[ \t]*:/m;

export function isOpenApiText(text: string, complete: boolean): boolean | undefined {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return jsonHasTopLevelKey(trimmed, ['openapi', 'swagger']);
  // YAML: a key at column 0 is top-level (flow-style YAML roots are vanishingly rare).
  if (YAML_KEY_RE.test(trimmed)) return true;
  return complete ? false : undefined;
}
