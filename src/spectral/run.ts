/**
 * The Spectral runner the CLI uses: lints OpenAPI documents with the backlint ruleset and turns
 * Spectral diagnostics into backlint findings.
 *
 * `lintOpenApiFiles(files, { cwd, preset, rules?, allowRemoteRefs? })` → `FileResult[]`
 * - One `FileResult` per input file (same order), plus one per referenced file that has findings
 *   (a multi-file document reports a problem in `../shared/schemas.yaml` in that file).
 * - Findings: `ruleId` = Spectral code (`backlint/<id>`, `oas3-schema`, `invalid-ref`…), engine
 *   `spectral`, 1-based line/column, `jsonPath`, `file` relative to `cwd` with forward slashes.
 * - Never throws for a bad document and never loses other files' findings. Hostile input becomes a
 *   located diagnostic:
 *   `backlint/parse-error`: unreadable, binary, malformed YAML/JSON (Spectral's parser errors), a
 *     YAML alias bomb (alias expansion over a budget), nesting deeper than MAX_NESTING (Spectral's
 *     recursive parser and resolver overflow the stack on it), or a crash while linting.
 *   `backlint/remote-ref`: an http(s) `$ref` that was not fetched (default; `allowRemoteRefs` opts in).
 *   Dangling and circular refs are left to Spectral (`invalid-ref`; circular refs are legal).
 * - Relative file `$ref`s resolve (multi-file documents).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
// CommonJS with re-exports Node cannot detect as named ESM exports: take module.exports.
import spectralParsers from '@stoplight/spectral-parsers';
import { Resolver, createHttpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import { parseDocument as parseYamlDocument } from 'yaml';
import type { Preset } from '../catalog.js';
import type { FileResult, Finding } from '../report/model.js';
import { createRuleset, type RuleOverride } from './ruleset.js';
import { LazyJson } from './lazy-json.js';

const { Json, Yaml } = spectralParsers;

// Not done on purpose: turning off immer's auto-freeze in Spectral's resolver saves ~2.5 s of CPU
// on GitHub's single-file description but makes multi-file resolution quadratic (immer re-walks
// unfrozen subtrees on every produce): DigitalOcean's 2,900-file document went from 14 s to 160 s.

export interface LintOpenApiOptions {
  cwd: string;
  preset: Preset;
  rules?: Record<string, RuleOverride>;
  allowRemoteRefs?: boolean;
}

export const PARSE_ERROR = 'backlint/parse-error';
export const REMOTE_REF = 'backlint/remote-ref';

/** Deeper than any real document (GitHub's REST description peaks around 30). */
export const MAX_NESTING = 512;
/** Nodes an alias expansion may produce before the document counts as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;

const REMOTE_MARKER = 'backlint: remote $ref not fetched';

function refusingResolver(): Resolver {
  const refuse = {
    resolve: (ref: { toString(): string }) =>
      Promise.reject(new Error(`${REMOTE_MARKER}: ${ref.toString()} (remote references are not fetched by default; pass --allow-remote-refs to fetch them)`)),
  };
  return new Resolver({
    resolvers: {
      http: refuse,
      https: refuse,
      file: { resolve: (ref: { href(): string }) => fs.readFile(ref.href(), 'utf8') },
    },
  });
}

function rel(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

function located(file: string, ruleId: string, message: string, line = 1, column = 1): Finding {
  return { ruleId, engine: 'spectral', severity: 'error', message, file, line, column };
}

/**
 * Deepest bracket nesting, found without parsing. JSON: `[`/`{` outside strings. YAML: flow brackets
 * (quotes ignored: apostrophes in plain scalars would confuse a quote tracker, and a real document
 * never has hundreds of unbalanced brackets) and block indentation.
 */
export function nestingDepth(text: string, json: boolean): { depth: number; offset: number } {
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
  if (!json) {
    // Block nesting: an indentation of N spaces is at most N levels.
    const re = /^( {512,})\S/gm;
    const m = re.exec(text);
    if (m && m[1]!.length > max && max <= MAX_NESTING) {
      max = m[1]!.length;
      maxAt = m.index;
    }
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
    const doc = parseYamlDocument(text);
    doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/alias/i.test(message)) return message;
  }
  return undefined;
}

function isBinary(buf: Buffer): boolean {
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

/** Hostile-input checks that must run before Spectral sees the text. */
function precheck(text: string, json: boolean, file: string): Finding | undefined {
  const { depth, offset } = nestingDepth(text, json);
  if (depth > MAX_NESTING) {
    const { line, column } = lineColumnAt(text, offset);
    return located(file, PARSE_ERROR, `Document nests deeper than ${MAX_NESTING} levels (${depth} found); refusing to parse it.`, line, column);
  }
  if (!json) {
    const bomb = aliasBomb(text);
    if (bomb) return located(file, PARSE_ERROR, `YAML aliases expand beyond ${MAX_ALIAS_EXPANSION} nodes (alias bomb?): ${bomb}`);
  }
  return undefined;
}

function toFinding(d: ISpectralDiagnostic, cwd: string, fallbackFile: string): Finding | undefined {
  if (d.severity > 2) return undefined; // hints
  let ruleId = String(d.code);
  let message = d.message;
  if (ruleId === 'parser') ruleId = PARSE_ERROR;
  if (message.includes(REMOTE_MARKER)) {
    ruleId = REMOTE_REF;
    message = message.slice(message.indexOf(REMOTE_MARKER) + REMOTE_MARKER.length).replace(/^:\s*/, 'Remote $ref not fetched: ');
  }
  const file = d.source ? rel(cwd, d.source) : fallbackFile;
  const finding: Finding = {
    ruleId,
    engine: 'spectral',
    severity: d.severity === 0 ? 'error' : 'warning',
    message,
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
  if (d.path.length > 0) finding.jsonPath = d.path.map((p) => (typeof p === 'number' ? p : String(p)));
  return finding;
}

async function lintOne(spectral: Spectral, absFile: string, cwd: string): Promise<Finding[]> {
  const file = rel(cwd, absFile);
  let buf: Buffer;
  try {
    buf = await fs.readFile(absFile);
  } catch (e) {
    return [located(file, PARSE_ERROR, `Cannot read file: ${e instanceof Error ? e.message : String(e)}`)];
  }
  if (isBinary(buf)) return [located(file, PARSE_ERROR, 'Not a text document (binary content); expected OpenAPI YAML or JSON.')];
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const ext = path.extname(absFile).toLowerCase();
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && /^\s*[{[]/.test(text));
  const hostile = precheck(text, json, file);
  if (hostile) return [hostile];
  try {
    const document = json ? new Document(text, LazyJson as typeof Json, absFile) : new Document(text, Yaml, absFile);
    const diagnostics = await spectral.run(document, { ignoreUnknownFormat: false });
    const out: Finding[] = [];
    for (const d of diagnostics) {
      const f = toFinding(d, cwd, file);
      if (f) out.push(f);
    }
    return out;
  } catch (e) {
    const message = e instanceof RangeError ? 'Document too deeply nested or recursive to lint' : 'Linting failed';
    return [located(file, PARSE_ERROR, `${message}: ${e instanceof Error ? e.message : String(e)}`)];
  }
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

export async function lintOpenApiFiles(files: string[], opts: LintOpenApiOptions): Promise<FileResult[]> {
  const spectral = new Spectral({ resolver: opts.allowRemoteRefs ? createHttpAndFileResolver() : refusingResolver() });
  spectral.setRuleset(createRuleset({ preset: opts.preset, ...(opts.rules ? { rules: opts.rules } : {}) }));
  const results = new Map<string, FileResult>();
  const seen = new Set<string>();
  for (const f of files) {
    const abs = path.resolve(opts.cwd, f);
    const file = rel(opts.cwd, abs);
    if (!results.has(file)) results.set(file, { file, kind: 'openapi', findings: [] });
    for (const finding of await lintOne(spectral, abs, opts.cwd)) {
      // A shared file referenced by several documents reports its problems once.
      const key = `${finding.file}\0${finding.ruleId}\0${finding.line}\0${finding.column}\0${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let target = results.get(finding.file);
      if (!target) {
        target = { file: finding.file, kind: 'openapi', findings: [] };
        results.set(finding.file, target);
      }
      target.findings.push(finding);
    }
  }
  const out = [...results.values()];
  for (const r of out) r.findings.sort(byPosition);
  return out;
}
