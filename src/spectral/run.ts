/**
 * The Spectral runner the CLI uses: lints OpenAPI documents with the backlint ruleset and turns
 * Spectral diagnostics into backlint findings.
 *
 * `lintOpenApiFiles(files, { cwd, preset, rules?, allowRemoteRefs? })` → `FileResult[]`
 * - One `FileResult` per input file (same order), plus one per referenced file that has findings
 *   (a multi-file document reports a problem in `../shared/schemas.yaml` in that file, at its line,
 *   with its JSON path inside that file: `[]` when the object is the whole file).
 * - Findings: `ruleId` = Spectral code (`backlint/<id>`, `oas3-schema`, `invalid-ref`…), engine
 *   `spectral`, 1-based line/column, `jsonPath`, `file` relative to `cwd` with forward slashes.
 * - Never throws for a bad document and never loses other files' findings. Hostile input becomes a
 *   located diagnostic:
 *   `backlint/parse-error`: unreadable, binary, malformed YAML/JSON (Spectral's parser errors), a
 *     YAML alias bomb (alias expansion over a budget), nesting deeper than MAX_NESTING (Spectral's
 *     recursive parser and resolver overflow the stack on it), or a crash while linting.
 *   `backlint/remote-ref`: an http(s) `$ref` that was not fetched (default; `allowRemoteRefs` opts in).
 *   `backlint/unsafe-ref`: a file `$ref` that was not followed: outside the lint root (`cwd`; symlinks
 *     resolved), not a regular file, over MAX_REF_FILE_BYTES, binary or hostile (see refs.ts).
 *   Dangling and circular refs are left to Spectral (`invalid-ref`; circular refs are legal).
 *   A rule that throws on a document becomes a `backlint/parse-error` at the node it was checking;
 *   the other rules' findings are kept (see ignore.ts).
 * - Relative file `$ref`s inside the lint root resolve (multi-file documents). No finding names a file
 *   outside the root.
 * - YAML documents are parsed with `SafeYaml` (YAML 1.1 directives, explicit tags, `__proto__` keys).
 * - Nothing of a document outlives its lint: Spectral instance and resolver are per document.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Document, Ruleset, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
// CommonJS with re-exports Node cannot detect as named ESM exports: take module.exports.
import spectralParsers from '@stoplight/spectral-parsers';
import type { Preset } from '../catalog.js';
import type { FileResult, Finding } from '../report/model.js';
import { rulesetOf, type RuleOverride } from './ruleset.js';
import { spectralFaces } from './faces.js';
import { trustedRuleset } from './trusted-ruleset.js';
import { LazyJson } from './lazy-json.js';
import { hostileText, isBinary } from './hostile.js';
import { createResolver, readConfined, readRegularFile, realRoot, REMOTE_REF_MARKER, UNSAFE_REF_MARKER } from './refs.js';
import { collectCrashes, collectIgnored } from './ignore.js';
import { SafeYaml } from './yaml.js';

export { MAX_NESTING, MAX_ALIAS_EXPANSION, nestingDepth } from './hostile.js';
export { MAX_REF_FILE_BYTES } from './refs.js';

const { Json } = spectralParsers;

// Not done on purpose: turning off immer's auto-freeze in Spectral's resolver saves ~2.5 s of CPU
// on GitHub's single-file description but makes multi-file resolution quadratic (immer re-walks
// unfrozen subtrees on every produce): DigitalOcean's 2,900-file document went from 14 s to 160 s.

export interface LintOpenApiOptions {
  cwd: string;
  preset: Preset;
  rules?: Record<string, RuleOverride>;
  allowRemoteRefs?: boolean;
  /** `--stdin`: this document's text (absolute path) comes from here, not from disk. */
  stdin?: { file: string; text: string };
}

export const PARSE_ERROR = 'backlint/parse-error';
export const REMOTE_REF = 'backlint/remote-ref';
export const UNSAFE_REF = 'backlint/unsafe-ref';

function rel(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

function located(file: string, ruleId: string, message: string, line = 1, column = 1): Finding {
  return { ruleId, engine: 'spectral', severity: 'error', message, file, line, column };
}

/** Hostile-input checks that must run before Spectral sees the text. */
function precheck(text: string, json: boolean, file: string): Finding | undefined {
  const hostile = hostileText(text, json);
  return hostile ? located(file, PARSE_ERROR, hostile.message, hostile.line, hostile.column) : undefined;
}

/** Turns a marker error from refs.ts into its tool diagnostic. */
function classify(code: string, message: string): { ruleId: string; message: string } {
  for (const [marker, ruleId, prefix] of [
    [REMOTE_REF_MARKER, REMOTE_REF, 'Remote $ref not fetched: '],
    [UNSAFE_REF_MARKER, UNSAFE_REF, '$ref not followed: '],
  ] as const) {
    const at = message.indexOf(marker);
    if (at >= 0) return { ruleId, message: prefix + message.slice(at + marker.length).replace(/^:\s*/, '') };
  }
  return { ruleId: code === 'parser' ? PARSE_ERROR : code, message };
}

interface Where {
  cwd: string;
  /** Real path of the lint root. */
  root: string;
  absFile: string;
  file: string;
}

function parseAs(text: string, file: string, json: boolean): Document<unknown> {
  return (json ? new Document(text, LazyJson as typeof Json, file) : new Document(text, SafeYaml, file)) as unknown as Document<unknown>;
}

/**
 * Spectral locates a resolver error (`invalid-ref`, refused refs) in the root document even when the
 * `$ref` is in a referenced file, with that file's path: re-locate it in the file it names.
 */
async function relocateRefErrors(diagnostics: ISpectralDiagnostic[], where: Where): Promise<void> {
  const documents = new Map<string, Document<unknown> | null>();
  for (const d of diagnostics) {
    if (d.code !== 'invalid-ref' || !d.source || d.source.includes('://') || path.resolve(d.source) === where.absFile) continue;
    const source = path.resolve(d.source);
    let document = documents.get(source);
    if (document === undefined) {
      try {
        document = parseAs(await readConfined(where.root, where.cwd, source), source, path.extname(source).toLowerCase() === '.json');
      } catch {
        // intentionally ignored: a file that cannot be read again keeps Spectral's location
        document = null;
      }
      documents.set(source, document);
    }
    const range = document?.getRangeForJsonPath(d.path, true);
    if (range) d.range = range;
  }
}

function toFinding(d: ISpectralDiagnostic, where: Where): Finding | undefined {
  if (d.severity > 2) return undefined; // hints
  const { ruleId, message } = classify(String(d.code), d.message);
  const finding: Finding = {
    ruleId,
    engine: 'spectral',
    severity: d.severity === 0 ? 'error' : 'warning',
    message,
    file: where.file,
    // Spectral's ranges are 0-based, but some (document-wide results, parser errors) come out -1.
    line: Math.max(1, d.range.start.line + 1),
    column: Math.max(1, d.range.start.character + 1),
  };
  finding.endLine = Math.max(finding.line, d.range.end.line + 1);
  finding.endColumn = Math.max(finding.endLine === finding.line ? finding.column : 1, d.range.end.character + 1);
  const external = !!d.source && path.resolve(d.source) !== where.absFile;
  // The root of a referenced file (a schema or response that is the whole file) has the empty path:
  // kept, so the finding names its place in that file like any other (`#` in the ignore file).
  if (d.path.length > 0 || external) finding.jsonPath = d.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (external && d.source) {
    const source = path.resolve(where.cwd, d.source);
    const file = rel(where.cwd, source);
    if (!d.source.includes('://') && !file.startsWith('../') && !path.isAbsolute(file)) {
      finding.file = file;
    } else {
      // Never a report entry for a file outside the root (only a fetched remote document can
      // get here): the finding stays with the document, at its top.
      finding.message = `In ${d.source}: ${finding.message}`;
      finding.line = finding.column = finding.endLine = finding.endColumn = 1;
      delete finding.jsonPath;
    }
  }
  return finding;
}

async function lintOne(ruleset: Ruleset, absFile: string, opts: LintOpenApiOptions, root: string): Promise<Finding[]> {
  const { cwd } = opts;
  const file = rel(cwd, absFile);
  let buf: Buffer;
  try {
    // Discovery only hands over regular files; this bound also holds for direct API callers.
    buf = opts.stdin && path.resolve(absFile) === opts.stdin.file ? Buffer.from(opts.stdin.text, 'utf8') : await readRegularFile(absFile, file);
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(`${UNSAFE_REF_MARKER}: `, '') : String(e);
    return [located(file, PARSE_ERROR, `Cannot read file: ${message}`)];
  }
  if (isBinary(buf)) return [located(file, PARSE_ERROR, 'Not a text document (binary content); expected OpenAPI YAML or JSON.')];
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const ext = path.extname(absFile).toLowerCase();
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && /^\s*[{[]/.test(text));
  const hostile = precheck(text, json, file);
  if (hostile) return [hostile];
  try {
    // A Spectral and a resolver per document: the resolver caches every tree it resolved.
    const spectral = new Spectral({ resolver: createResolver({ root, lexicalRoot: cwd, ...(opts.allowRemoteRefs ? { allowRemoteRefs: true } : {}) }) });
    spectral.setRuleset(ruleset);
    const document = parseAs(text, absFile, json);
    const crashes = collectCrashes(document);
    const ignored = collectIgnored(document);
    const diagnostics = await spectral.run(document, { ignoreUnknownFormat: false });
    const out: Finding[] = [];
    const where: Where = { cwd, root, absFile: path.resolve(absFile), file };
    await relocateRefErrors(diagnostics, where);
    for (const d of diagnostics) {
      const f = toFinding(d, where);
      if (f) out.push(f);
    }
    for (const c of crashes) {
      const range = document.getRangeForJsonPath(c.path, true);
      const line = range ? range.start.line + 1 : 1;
      const column = range ? range.start.character + 1 : 1;
      out.push(located(file, PARSE_ERROR, `Rule ${c.code} failed on this document and was skipped here: ${c.message}`, Math.max(1, line), Math.max(1, column)));
    }
    for (const x of ignored) {
      const range = document.getRangeForJsonPath(x.path, true);
      const suppressed = located(file, x.code, x.message, Math.max(1, range ? range.start.line + 1 : 1), Math.max(1, range ? range.start.character + 1 : 1));
      suppressed.severity = 'warning';
      suppressed.jsonPath = x.path;
      suppressed.suppressions = [{ kind: 'x-backlint-ignore' }];
      out.push(suppressed);
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
  const ruleset = trustedRuleset(rulesetOf(await spectralFaces(), { preset: opts.preset, ...(opts.rules ? { rules: opts.rules } : {}) }));
  const root = await realRoot(opts.cwd);
  const results = new Map<string, FileResult>();
  // A shared file referenced by several documents reports its problems once. Only findings of a
  // file that a second document contributes to can repeat (Spectral dedupes within one run), so
  // keys are built for those files alone: most runs keep no key at all.
  const keys = new Map<string, Set<string>>();
  const contributor = new Map<string, number>();
  const keyOf = (f: Finding) => `${f.ruleId}\0${f.line}\0${f.column}\0${f.message}`;
  for (const [i, f] of files.entries()) {
    const abs = path.resolve(opts.cwd, f);
    const file = rel(opts.cwd, abs);
    if (!results.has(file)) results.set(file, { file, kind: 'openapi', findings: [] });
    for (const finding of await lintOne(ruleset, abs, opts, root)) {
      let target = results.get(finding.file);
      if (!target) {
        target = { file: finding.file, kind: 'openapi', findings: [] };
        results.set(finding.file, target);
      }
      if (finding.suppressions) {
        (target.suppressed ??= []).push(finding);
        continue;
      }
      let seen = keys.get(finding.file);
      const previous = contributor.get(finding.file);
      if (!seen && previous !== undefined && previous !== i) {
        seen = new Set(target.findings.map(keyOf));
        keys.set(finding.file, seen);
      }
      contributor.set(finding.file, i);
      if (seen) {
        const key = keyOf(finding);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      target.findings.push(finding);
    }
  }
  const out = [...results.values()];
  for (const r of out) r.findings.sort(byPosition);
  return out;
}
