/**
 * Checks for hostile text that must run before Spectral's parser sees it (its recursive parser and
 * resolver overflow the stack on absurd nesting, and its YAML parser expands aliases without a
 * budget). Used for linted documents (run.ts) and for every file a `$ref` pulls in (refs.ts).
 *
 * API: `hostileText(text, json)` → `{ message, line, column }` or undefined; `isBinary(buf)`;
 * `nestingDepth(text, json)`; `MAX_NESTING`, `MAX_ALIAS_EXPANSION`.
 */
import { yamlModule } from '../lazy-modules.js';

/** Deeper than any real document (GitHub's REST description peaks around 30). */
export const MAX_NESTING = 512;
/** Nodes an alias expansion may produce before the document counts as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * Deepest bracket nesting, found without parsing. JSON: `[`/`{` outside strings. YAML: flow brackets
 * (quotes ignored: apostrophes in plain scalars would confuse a quote tracker, and a real document
 * never has hundreds of unbalanced brackets) and block indentation.
 */
export function nestingDepth(text: string, json: boolean): { depth: number; offset: number } {
  if (!json) return yamlNestingDepth(text);
  let depth = 0;
  let max = 0;
  let maxAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (json && c === 34 /* " */) {
      // Jump to the closing quote (one not preceded by an odd run of backslashes).
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return { depth: max, offset: maxAt };
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      i = j;
      continue;
    }
    if (c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        // Point at the bracket that first crossed the limit, where the reader should look.
        if (depth === MAX_NESTING + 1) maxAt = i;
      }
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return { depth: max, offset: maxAt };
}

/** YAML: brackets are few, so the scan jumps from one to the next (Stripe's 4.2 MB: ~40 → ~5 ms). */
function yamlNestingDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let maxAt = 0;
  const brackets = /[[\]{}]/g;
  for (let m = brackets.exec(text); m !== null; m = brackets.exec(text)) {
    const c = text.charCodeAt(m.index);
    if (c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        if (depth === MAX_NESTING + 1) maxAt = m.index;
      }
    } else if (depth > 0) depth--;
  }
  // Block nesting: an indentation of N spaces is at most N levels. A line indented that deep holds
  // a run of 512 spaces, which a substring search rules out at once in a real document.
  const m = text.includes(' '.repeat(MAX_NESTING)) ? /^( {512,})\S/gm.exec(text) : null;
  if (m && m[1]!.length > max && max <= MAX_NESTING) {
    max = m[1]!.length;
    maxAt = m.index;
  }
  return { depth: max, offset: maxAt };
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const ANCHOR_RE = /(?:^|[\s[{,])&[^\s,[\]{}]+[\s,\]}]/m;

/** Parses with the `yaml` package only when the text has anchors, to measure alias expansion. */
function aliasBomb(text: string): string | undefined {
  if (!ANCHOR_RE.test(text)) return undefined;
  try {
    const doc = yamlModule().parseDocument(text);
    doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/alias/i.test(message)) return message;
  }
  return undefined;
}

export function isBinary(buf: Buffer): boolean {
  const head = buf.subarray(0, 65_536);
  if (head.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length === buf.length ? buf : head.subarray(0, lastCharBoundary(head)));
    return false;
  } catch {
    // intentionally ignored: bytes that are not UTF-8 are the answer (binary), not a failure
    return true;
  }
}

/** Cut before a UTF-8 sequence the 64 KiB window may have split. */
function lastCharBoundary(buf: Buffer): number {
  let end = buf.length;
  for (let k = 0; k < 4 && end > 0 && (buf[end - 1]! & 0xc0) === 0x80; k++) end--;
  if (end > 0 && buf[end - 1]! >= 0xc0) end--;
  return end;
}

export interface HostileText {
  message: string;
  line: number;
  column: number;
}

/** Why `text` must not reach Spectral's parser, located; undefined when it may. */
export function hostileText(text: string, json: boolean): HostileText | undefined {
  const { depth, offset } = nestingDepth(text, json);
  if (depth > MAX_NESTING) {
    const { line, column } = lineColumnAt(text, offset);
    return { message: `Document nests deeper than ${MAX_NESTING} levels (${depth} found); refusing to parse it.`, line, column };
  }
  if (!json) {
    const bomb = aliasBomb(text);
    if (bomb) return { message: `YAML aliases expand beyond ${MAX_ALIAS_EXPANSION} nodes (alias bomb?): ${bomb}`, line: 1, column: 1 };
  }
  return undefined;
}
