/**
 * One parse, not two, for the files the drift check reads ahead of the engine. When the first
 * file of a document's code is linted, spec-drift reads every route file of that code at once (to
 * compare the document with all of them); ESLint then parsed each again when it reached it. On
 * signalk-server's dist that was 27 files and most of what the check cost.
 *
 * While a run holds this (`holdSharedParses`, around the CLI's ESLint run), a lint-set file read
 * inside `parsingForEngine()` is parsed with ESLint's own parser options and kept until ESLint
 * asks for it: the CLI's config parses through `sharedParser`, which hands the kept result over
 * when the text and the options are the ones it was parsed from, and otherwise parses as
 * typescript-eslint's parser. Nothing else is shared: trees kept for later outlive the young
 * generation of V8's heap, and keeping every file the model reads cost more (in garbage
 * collection and peak memory, measured on Ghost's server) than the parses it saved.
 */
import path from 'node:path';
import { parseForESLint, type ParseResult, type ParserOptions } from './parser.js';


/** Trees kept for ESLint at once (each with its tokens and comments until ESLint takes it). */
const MAX_KEPT = 64;

interface Kept {
  text: string;
  optionsKey: string;
  result: ParseResult;
}

interface Run {
  /** Files ESLint will lint and has not parsed yet (absolute paths). */
  pending: Set<string>;
  kept: Map<string, Kept>;
  /** ESLint's parser options without the file path, as last seen (null before its first parse). */
  options: ParserOptions | null;
  optionsKey: string;
  /** The tree ESLint took last: the model may keep it, but not its tokens once ESLint is done. */
  handedOver: { tokens?: unknown[]; comments?: unknown[] } | null;
}

let run: Run | null = null;
let engineReads = 0;
let handed = 0;

/** Trees handed to ESLint so far in this process (tests, BACKLINT_DEBUG_MODEL). */
export function treesHandedOver(): number {
  return handed;
}

/** CommonJS files get other options from ESLint (its sourceType): not shared. */
function shareable(abs: string): boolean {
  return !abs.endsWith('.cjs');
}

/** The lint set of one run (absolute paths); the returned function ends it and drops what is kept. */
export function holdSharedParses(files: readonly string[]): () => void {
  const mine: Run = { pending: new Set(files.map((f) => path.resolve(f))), kept: new Map(), options: null, optionsKey: '', handedOver: null };
  run = mine;
  return () => {
    if (run === mine) run = null;
    mine.kept.clear();
    mine.pending.clear();
  };
}

/** Runs `read` with lint-set files it parses kept for the engine (see the header). */
export function parsingForEngine<T>(read: () => T): T {
  engineReads++;
  try {
    return read();
  } finally {
    engineReads--;
  }
}

/**
 * The model's parse of `abs`, made with ESLint's options and kept for it, when inside
 * `parsingForEngine` and ESLint has yet to lint the file; null otherwise (the model parses it its
 * own way).
 */
export function parseForEngine(abs: string, text: string): ParseResult | null {
  const r = run;
  if (engineReads === 0 || !r?.options || !r.pending.has(abs) || !shareable(abs)) return null;
  const result = parseForESLint(text, { ...r.options, filePath: abs });
  r.kept.delete(abs);
  r.kept.set(abs, { text, optionsKey: r.optionsKey, result });
  if (r.kept.size > MAX_KEPT) r.kept.delete(r.kept.keys().next().value!);
  return result;
}

/** typescript-eslint's parser, taking the tree kept for this file when there is one. */
export const sharedParser = {
  meta: { name: 'backlint/shared-parser' },
  parseForESLint(code: string, options: ParserOptions = {}): ParseResult {
    const r = run;
    const file = r && typeof options.filePath === 'string' ? path.resolve(options.filePath) : null;
    if (!r || !file) return parseForESLint(code, options);
    if (r.handedOver) {
      // ESLint verifies one file at a time: parsing the next, it is done with the last one.
      r.handedOver.tokens = [];
      r.handedOver.comments = [];
      r.handedOver = null;
    }
    r.pending.delete(file);
    if (!shareable(file)) return parseForESLint(code, options);
    const { filePath: _path, ...rest } = options;
    const optionsKey = JSON.stringify(rest);
    if (optionsKey !== r.optionsKey) {
      r.options = rest;
      r.optionsKey = optionsKey;
    }
    const kept = r.kept.get(file);
    if (kept) {
      r.kept.delete(file);
      if (kept.text === code && kept.optionsKey === optionsKey) {
        r.handedOver = kept.result.ast as unknown as Run['handedOver'];
        handed++;
        if (process.env.BACKLINT_DEBUG_MODEL) process.stderr.write(`model: handed over ${file}\n`);
        return kept.result;
      }
    }
    return parseForESLint(code, options);
  },
};
