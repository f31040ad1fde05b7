/**
 * Code ↔ OpenAPI drift (`backlint/spec-drift`): what both faces ask.
 *
 * - `driftForLintedFile(context, pairs?)` → the code-side findings (undocumented routes, statuses
 *   and parameter-count differences) for the routes of the file being linted, against the
 *   document paired with it. The ESLint face reports them.
 * - `documentDrift(root, documents, pairs?)` → the document-side findings (operations no route
 *   implements) for the documents of a CLI run. The pipeline adds them to the documents' results.
 *
 * Both find documents and route files on disk under the project root (documents by content, as
 * discovery does; route files by the route table's text gate), pair them (pairing.ts), read each
 * paired document once per mtime and size, and build the routes of every file of a pair once per
 * pair and a stamp of its files. A pair whose document and code share no route at all is not a
 * description of that code (two documents in a monorepo root, test documents beside apps): it is
 * not checked, unless the config paired them explicitly.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DriftPairing } from '../config/schema.js';
import { isOpenApiText } from '../openapi/detect.js';
import { displayPath, MAX_MODEL_FILE_BYTES, projectTextMatches, type AnalysisContext, type ProjectFile } from '../project/files.js';
import { projectFileOf, projectOf } from '../project/index.js';
import type { Project } from '../project/modules.js';
import { projectDocumentCandidates, projectSourceFiles, SKIP_DIRS } from '../project/mounts.js';
import { mayDeclareRoutes } from '../project/route-table.js';
import { anchorRoutes, checkDrift, type CodeRoute, type DriftFinding } from './check.js';
import { codeRoutesOf } from './code.js';
import { loadDocument, type LoadedDocument } from './parse.js';
import type { DocOperation } from './document.js';
import { pairDocuments, referencedDocuments, type Pair } from './pairing.js';
import { covers, exactMatch, codeTemplate, methodServes } from './match.js';
import { parsingForEngine } from '../project/shared-parse.js';
import { noteProjectWide, noteRead, recorded, replay, type FileReads } from '../project/reads.js';
import { hold, isHeld } from '../project/hold.js';

export type { DriftFinding } from './check.js';

/** Documents this large are not read for pairing (the Spectral face still lints them). */
const MAX_DRIFT_DOCUMENT_BYTES = 32 * 1024 * 1024;

function walkDocuments(root: string): string[] {
  const notBefore = isHeld() ? hold.since : Date.now() - hold.recheckMs;
  return [...projectDocumentCandidates(root, notBefore)].sort();
}

/**
 * Where the layout of `file` is looked for: the lint root, or — when the file lies inside a
 * directory the walks skip (build output, a dot-directory) and so was named on the command line —
 * the innermost such directory on its path, walked as a root of its own. Linting `pkg/dist` then
 * pairs `dist/api/openApi.json` with `dist/api/index.js` instead of finding neither.
 */
export function driftZone(root: string, file: string): string {
  const rel = path.relative(root, path.dirname(file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return root;
  const parts = rel.split(path.sep);
  let last = -1;
  parts.forEach((p, i) => {
    if (p.startsWith('.') || SKIP_DIRS.has(p)) last = i;
  });
  return last < 0 ? root : path.join(root, ...parts.slice(0, last + 1));
}

interface Layout {
  /** The directory walked (the lint root, or a skipped directory named on the command line). */
  zone: string;
  checkedAt: number;
  /** The hold it was found under (hold.ts). */
  generation: number;
  documents: string[];
  routeFiles: string[];
  pairs: Pair[];
}

const layouts = new Map<string, Layout>();

function isDocument(abs: string, root: string): boolean {
  // Most JSON and YAML files of a project name neither key anywhere: a substring search rules
  // them out before the tokenizer, with the same answer (the keys must appear literally).
  return projectTextMatches(abs, root, 'openapi-document', (text) => (text.includes('openapi') || text.includes('swagger')) && isOpenApiText(text.slice(0, 65536), text.length <= 65536) === true || (text.length > 65536 && isOpenApiText(text, true) === true));
}

function readText(abs: string): string | undefined {
  noteRead(abs);
  try {
    if (statSync(abs).size > MAX_DRIFT_DOCUMENT_BYTES) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    // intentionally ignored: an unreadable document references nothing
    return undefined;
  }
}

/** The OpenAPI documents of the project, as the drift check finds them (for the CLI cache's digest too). */
export function projectDocuments(root: string): string[] {
  return walkDocuments(root).filter((d) => isDocument(d, root));
}

function layoutOf(root: string, configured: readonly DriftPairing[] | undefined, baseDir: string): Layout {
  // Which documents exist and pair with which code is a question about the whole project.
  noteProjectWide('documents');
  const key = `${root}\0${baseDir}\0${JSON.stringify(configured ?? null)}`;
  const now = Date.now();
  const cached = layouts.get(key);
  // Held: the answer of this hold, however old; else one checked within the last second.
  if (cached && (isHeld() ? cached.generation === hold.generation : now - cached.checkedAt < hold.recheckMs)) return cached;
  const documents = projectDocuments(root);
  // Most projects have no document: then no source file is read for routes.
  const routeFiles = documents.length > 0 || configured?.length ? projectSourceFiles(root).filter((f) => mayDeclareRoutes(f, root)) : [];
  const referenced = referencedDocuments(documents, readText);
  const pairs = pairDocuments({
    root,
    documents,
    routeFiles,
    referenced,
    ...(configured && configured.length > 0 ? { config: { baseDir, drift: configured } } : {}),
  });
  const layout = { zone: root, checkedAt: now, generation: hold.generation, documents, routeFiles, pairs };
  layouts.set(key, layout);
  return layout;
}

interface PairState {
  stamp: string;
  /** Every finding of the pair, from the files on disk. */
  findings: DriftFinding[];
  /** The document and code share at least one route: it describes this code. */
  plausible: boolean;
  document: LoadedDocument | null;
  /** The hold (its generation) during which it was computed or checked, if any. */
  heldIn?: number;
}

const pairStates = new Map<string, PairState>();

function isUnder(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

function stampOf(files: readonly string[]): string {
  let s = '';
  for (const f of files) {
    try {
      const st = statSync(f);
      s += `${st.mtimeMs}:${st.size};`;
    } catch {
      // intentionally ignored: a vanished file is part of the stamp as missing
      s += 'x;';
    }
  }
  return s;
}

function overlaps(routes: readonly CodeRoute[], document: LoadedDocument): boolean {
  for (const r of anchorRoutes(routes, document.operations)) {
    if (r.fullPath === null) continue;
    const t = codeTemplate(r.fullPath);
    if (t.dynamic) continue;
    for (const op of document.operations) {
      if (!methodServes(r.method, op.method)) continue;
      if (op.templates.some((x) => x.prefixKnown && (exactMatch(t, x.template) || covers(t, x.template)))) return true;
    }
  }
  return false;
}

const VERSION_SEGMENT = /^v\d+$/;

function documentWords(document: LoadedDocument): string[] {
  const words = new Set<string>();
  for (const op of document.operations) {
    for (const seg of op.path.split('/')) {
      const w = seg.toLowerCase();
      if (w.length >= 3 && !w.includes('{') && w !== 'api' && !VERSION_SEGMENT.test(w)) words.add(w);
    }
  }
  return [...words];
}

function mentionsDocumentWords(root: string, pair: Pair, document: LoadedDocument, stamp: string): boolean {
  const words = documentWords(document);
  if (words.length === 0) return true;
  const key = `drift-words\0${pair.document}\0${stamp.slice(0, stamp.indexOf(';') + 1)}`;
  // As a path segment: after a slash or a quote in the text (`'/books'`, `@Controller('books')`),
  // or a directory of the file's own path (Next.js).
  return pair.code.some((abs) => {
    const own = abs.toLowerCase().split(path.sep).join('/');
    if (words.some((w) => own.includes(`/${w}/`))) return true;
    return projectTextMatches(abs, root, key, (text) => {
      const lower = text.toLowerCase();
      return words.some((w) => lower.includes(`/${w}`) || lower.includes(`'${w}`) || lower.includes(`"${w}`) || lower.includes(`\`${w}`));
    });
  });
}

/** Other route files parsed per pair to look for an operation's route; see `others` in pairState. */
const MAX_OTHER_FILES = 16;
const SERVES_ANYTHING: CodeRoute = { method: 'all', fullPath: '/*', ownPath: '/*', file: '', line: 0, column: 0, statuses: [] };

function lastLiteral(op: DocOperation): string | null {
  const segments = op.templates[0]?.template.segments ?? [];
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]!;
    if (!seg.param) return seg.text;
  }
  return null;
}

/**
 * The package a document belongs to: the nearest directory above it holding a package.json, not
 * above the zone (the zone itself when none). A route in another package is another server.
 */
function packageDirOf(document: string, zone: string): string {
  for (let dir = path.dirname(document); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir + path.sep;
    if (dir === zone || path.dirname(dir) === dir || !dir.startsWith(zone)) return zone + path.sep;
  }
}

function lowerText(abs: string): string {
  noteRead(abs);
  try {
    if (statSync(abs).size > MAX_MODEL_FILE_BYTES) return '';
    return readFileSync(abs, 'utf8').toLowerCase();
  } catch {
    // intentionally ignored: an unreadable file serves nothing we can see
    return '';
  }
}

/**
 * `linted`: the file being linted, when the first question about a pair comes from it; in a held
 * run (the CLI: its text is the one on disk) its routes are read from the engine's own tree.
 */
const pairReads = new WeakMap<PairState, FileReads | null>();

/** A pair's state, with the files it was computed from counted for every file that asks. */
function pairState(project: Project, layout: Layout, pair: Pair, explicit: boolean, linted?: ProjectFile): PairState {
  const { value, reads } = recorded(() => computePairState(project, layout, pair, explicit, linted));
  if (pairReads.has(value)) replay(pairReads.get(value));
  else pairReads.set(value, reads);
  return value;
}

function computePairState(project: Project, layout: Layout, pair: Pair, explicit: boolean, linted?: ProjectFile): PairState {
  const key = `${pair.document}\0${pair.prefix ?? ''}\0${pair.code.join('\0')}`;
  const cached = pairStates.get(key);
  // Within one lint() run the files do not change: no stat per linted file.
  if (cached && isHeld() && cached.heldIn === hold.generation) return cached;
  const stamp = stampOf([pair.document, ...pair.code]);
  if (cached && cached.stamp === stamp) {
    if (isHeld()) cached.heldIn = hold.generation;
    else delete cached.heldIn;
    return cached;
  }
  const document = loadDocument(pair.document, project.root, MAX_DRIFT_DOCUMENT_BYTES, pair.prefix);
  // Before parsing any code: a document none of whose path words the code's text mentions shares
  // no route with it (a shared route's literal segments are written somewhere in its files).
  const mentioned = !!document && (explicit || mentionsDocumentWords(project.root, pair, document, stamp));
  // Read ahead of the engine, which lints these files later in the run: one parse for both.
  const current = isHeld() ? linted : undefined;
  const files = mentioned
    ? parsingForEngine(() => pair.code.map((abs) => (current && abs === path.resolve(current.path) ? current : project.file(abs))).filter((f) => f !== null))
    : [];
  // Paths first (cheap): statuses are summarised only for a document that describes this code.
  const plausible = !!document && (explicit || overlaps(files.flatMap((f) => codeRoutesOf(project, f, false)), document));
  const routes = plausible ? files.flatMap((f) => codeRoutesOf(project, f)) : [];
  // Other files are read only for an operation about to be reported, and parsed only when their
  // text holds the operation's last literal segment (a route serving it must spell it somewhere).
  const own = new Set(pair.code);
  const scope = packageDirOf(pair.document, layout.zone);
  const texts = new Map<string, string>();
  const parsed = new Map<string, CodeRoute[]>();
  let budget = MAX_OTHER_FILES;
  const others = (op: DocOperation): CodeRoute[] => {
    const word = lastLiteral(op);
    if (!word) return [];
    const out: CodeRoute[] = [];
    for (const abs of layout.routeFiles) {
      if (own.has(abs) || !abs.startsWith(scope)) continue;
      let text = texts.get(abs);
      if (text === undefined) texts.set(abs, (text = lowerText(abs)));
      // As a path segment (`'/calcValues'`, `` `${BASE}/calcValues` ``), not any mention of the word.
      if (!(text.includes(`/${word}`) || text.includes(`'${word}`) || text.includes(`"${word}`) || text.includes(`\`${word}`))) continue;
      let found = parsed.get(abs);
      if (!found) {
        // Past the budget, a route that may serve anything: the operation is not reported (when
        // unsure, never report), and a package of many route files costs a bounded time.
        if (budget-- <= 0) return [SERVES_ANYTHING];
        const file = parsingForEngine(() => project.file(abs));
        parsed.set(abs, (found = file ? codeRoutesOf(project, file, false) : []));
      }
      out.push(...found);
    }
    return out;
  };
  const findings = plausible && document ? checkDrift({ ...driftInput(project.root, pair, document, routes), ...(explicit ? {} : { elsewhere: others }) }) : [];
  // Routes are not kept: their lazy statuses hold parsed trees, and the findings are all that is asked later.
  const state: PairState = { stamp, findings, plausible, document, ...(isHeld() ? { heldIn: hold.generation } : {}) };
  pairStates.set(key, state);
  return state;
}

function driftInput(root: string, pair: Pair, document: LoadedDocument, routes: CodeRoute[]) {
  return {
    documentFile: displayPath(root, pair.document),
    locate: document.locate,
    // An operation marked `x-backlint-ignore: [spec-drift]` is out of the comparison both ways.
    operations: document.operations.filter((op) => !document.ignores(op)),
    routes,
    documentIncomplete: document.hasExternalRefs,
  };
}

export interface DriftOptions {
  /** The config's `drift` pairs (replace the default pairing), relative to `baseDir`. */
  pairs?: readonly DriftPairing[];
  baseDir?: string;
}

/** See the header. */
export function driftForLintedFile(context: AnalysisContext, options: DriftOptions = {}): DriftFinding[] {
  const project = projectOf(context);
  const root = project.root;
  const abs = path.resolve(context.filename);
  // Configured pairs name their files from baseDir: the whole root is theirs.
  const zone = options.pairs?.length ? root : driftZone(root, abs);
  const layout = layoutOf(zone, options.pairs, options.baseDir ?? root);
  // Most projects have no document: nothing below runs for their files.
  if (layout.pairs.length === 0) return [];
  const self = displayPath(root, abs);
  const explicit = !!options.pairs?.length;
  const out: DriftFinding[] = [];
  const seen = new Set<string>();
  const add = (f: DriftFinding) => {
    const key = `${f.line}\0${f.column}\0${f.message}`;
    if (f.side !== 'code' || f.file !== self || seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const pair of layout.pairs) {
    // A status site of a pair's routes lies in the tree its routes and document share.
    if (!isUnder(pair.scope, abs)) continue;
    const state = pairState(project, layout, pair, explicit, projectFileOf(context));
    if (!state.plausible || !state.document) continue;
    if (pair.code.includes(abs)) {
      // This file's routes from its own parse (an editor's unsaved text), not the copy on disk.
      const routes = codeRoutesOf(project, projectFileOf(context));
      for (const f of checkDrift(driftInput(root, pair, state.document, routes))) add(f);
      for (const f of state.findings) if (f.routeFile !== self) add(f);
    } else {
      // A service or helper: the statuses it answers for routes of other files.
      for (const f of state.findings) add(f);
    }
  }
  return out;
}

/** See the header. `documents` are absolute paths (the documents of the run). */
export function documentDrift(root: string, documents: readonly string[], options: DriftOptions = {}): DriftFinding[] {
  const project = projectOf({ cwd: root } as AnalysisContext);
  const explicit = !!options.pairs?.length;
  const wanted = new Set(documents.map((d) => path.resolve(root, d)));
  const zones = new Set(explicit ? [project.root] : [...wanted].map((d) => driftZone(project.root, d)));
  const out: DriftFinding[] = [];
  for (const zone of zones) {
    const layout = layoutOf(zone, options.pairs, options.baseDir ?? project.root);
    for (const pair of layout.pairs) {
      if (!wanted.has(pair.document)) continue;
      const state = pairState(project, layout, pair, explicit);
      if (!state.plausible || !state.document) continue;
      for (const f of state.findings) if (f.side === 'document') out.push(f);
    }
  }
  return out;
}

/** Which document describes which code in the project at `root` (`--changed-since` follows a change across a pair). */
export function pairedFiles(root: string, options: DriftOptions = {}): readonly Pair[] {
  return layoutOf(path.resolve(root), options.pairs, options.baseDir ?? root).pairs;
}

/** Drops every cached answer (tests; a long-lived process). */
export function clearDriftCaches(): void {
  layouts.clear();
  pairStates.clear();
}

