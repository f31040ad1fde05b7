/**
 * The plugin module the CLI's oxlint run loads (`jsPlugins`): backlint's ESLint plugin, plus a
 * record of every report in ESLint's terms. oxlint prints neither suggestions nor end positions,
 * and its columns count UTF-8 bytes; the record gives the CLI each finding exactly as ESLint
 * would have produced it (line and column from the node's `loc`, message interpolated the same
 * way, suggestions kept only when their fix produces something). oxlint's own JSON output still
 * says which files it linted and what it could not (parse errors, crashes).
 *
 * Users' own `.oxlintrc.json` loads the plain plugin (`backlint/eslint`, through the shipped
 * `oxlint/<preset>.json`), never this module.
 */
import { writeFileSync } from 'node:fs';
import plugin from '../../eslint/plugin.js';
import { observeReports, type ReportDescriptor } from '../../rule.js';
import { RECORD_READS_ENV, takeReads } from '../../project/reads.js';
import { holdFileLayout } from '../../project/hold.js';
import { REPORTS_ENV, type OxlintReads, type OxlintRecord } from './oxlint-protocol.js';
import { useVendoredPackages } from '../../lazy-modules.js';

// Nothing else in this process loads the packages the build joined (lazy-modules.ts).
useVendoredPackages();

interface Position {
  line: number;
  column: number;
}
interface Located {
  loc?: { start: Position; end: Position };
}

// ESLint's placeholder syntax: `{{ name }}`, left as is when `data` has no such key.
const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

function interpolate(text: string, data: Record<string, unknown> | undefined): string {
  if (!data) return text;
  return text.replace(PLACEHOLDER, (whole, term: string) => {
    const key = term.trim();
    return key in data ? String(data[key]) : whole;
  });
}

/** A fixer that only answers whether a fix produces something (ESLint drops suggestions that do not). */
const probeFixer = new Proxy({}, { get: () => () => ({}) });

function producesFix(fix: unknown): boolean {
  if (typeof fix !== 'function') return false;
  try {
    const out: unknown = fix(probeFixer);
    if (out === null || out === undefined) return false;
    if (typeof out === 'object' && Symbol.iterator in out) return [...(out as Iterable<unknown>)].length > 0;
    return true;
  } catch {
    // intentionally ignored: a fix that throws is dropped, as ESLint would fail it.
    return false;
  }
}

function toRecord(file: string, ruleId: string, d: ReportDescriptor, messages: Record<string, string>): OxlintRecord | undefined {
  const loc = d.loc as Position | { start: Position; end?: Position } | undefined;
  const span = loc ? ('start' in loc ? loc : { start: loc, end: undefined }) : (d.node as Located | undefined)?.loc;
  if (!span) return undefined;
  const text = typeof d.messageId === 'string' ? messages[d.messageId] : d.message;
  if (typeof text !== 'string') return undefined;
  const record: OxlintRecord = {
    file,
    ruleId,
    message: interpolate(text, d.data),
    line: span.start.line,
    column: span.start.column + 1,
  };
  if (span.end) {
    record.endLine = span.end.line;
    record.endColumn = span.end.column + 1;
  }
  const suggestions = (d.suggest ?? [])
    .filter((s) => producesFix(s.fix))
    .map((s) => {
      const desc = typeof s.messageId === 'string' ? messages[s.messageId] : s.desc;
      return typeof desc === 'string' ? interpolate(desc, s.data) : '';
    })
    .filter((s) => s !== '');
  if (suggestions.length) record.suggestions = suggestions;
  return record;
}

const target = process.env[REPORTS_ENV];
if (target) {
  const records: OxlintRecord[] = [];
  observeReports((context, descriptor, messages) => {
    const record = toRecord(context.filename, context.id, descriptor, messages);
    if (record) records.push(record);
  });
  process.on('exit', () => writeFileSync(target, JSON.stringify(records)));
  // The CLI's run lints a tree that does not change under it (lint() holds the layout the same
  // way around ESLint): the project's documents and pairs are found once, not every second.
  holdFileLayout();
}

const readsTarget = process.env[RECORD_READS_ENV];
if (readsTarget) {
  process.on('exit', () => {
    const out: OxlintReads = {};
    for (const [file, reads] of takeReads()) out[file] = { files: [...reads.files], projectWide: [...reads.projectWide] };
    writeFileSync(readsTarget, JSON.stringify(out));
  });
}

export default plugin;
