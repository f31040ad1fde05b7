/**
 * Runs REAL Spectral (spectral-core `Spectral`, `Document`, `Parsers`) with the backlint ruleset
 * restricted to the given rule ids, on a document given as an object (serialised to YAML or JSON
 * text, so lines are real) or as text.
 *
 *   const results = await lintDoc(doc, ['no-invalid-status-code']);
 *   expect(results).toEqual([{ code: 'backlint/no-invalid-status-code', path: [...], ... }]);
 *
 * - `ruleIds`: catalog ids without prefix (`require-pagination`) or Spectral structural codes
 *   (`oas3-schema`). Only those rules run (whatever the preset says), unless `options.rules`
 *   overrides them.
 * - `options.rules`: overrides as in the backlint config, e.g.
 *   `{ 'backlint/require-pagination': ['warn', { maxPageSize: 100 }] }`.
 * - `options.format`: serialisation of an object document, `yaml` (default) or `json`.
 * - `options.preset`: default severities (`recommended` default; rules that are strict-only still
 *   run when named in `ruleIds`, at their strict severity).
 *
 * Results are sorted by line then path; `line` is 1-based; `severity` is `error` | `warn` | `info` |
 * `hint`. Resolver diagnostics (`invalid-ref`…) and parser errors are returned too.
 */
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
// CommonJS with re-exports Node cannot detect as named ESM exports: take module.exports.
import spectralParsers from '@stoplight/spectral-parsers';
import { stringify } from 'yaml';

const { Json, Yaml } = spectralParsers;
import { rulesetOf, STRUCTURAL_RULES, type RuleOverride } from '../../src/spectral/ruleset.js';
import { allRules } from '../../rules/index.js';
import type { Preset } from '../../src/catalog.js';
import { qualifiedId } from '../../src/rule.js';

export interface LintDocOptions {
  rules?: Record<string, RuleOverride>;
  format?: 'yaml' | 'json';
  preset?: Preset;
}

export interface LintResult {
  code: string;
  path: string[];
  message: string;
  severity: 'error' | 'warn' | 'info' | 'hint';
  line: number;
}

const SEVERITIES = ['error', 'warn', 'info', 'hint'] as const;

export function toText(doc: object | string, format: 'yaml' | 'json' = 'yaml'): string {
  if (typeof doc === 'string') return doc;
  return format === 'json' ? JSON.stringify(doc, null, 2) : stringify(doc, { aliasDuplicateObjects: false });
}

export async function lintDoc(doc: object | string, ruleIds: string[], options: LintDocOptions = {}): Promise<LintResult[]> {
  const format = options.format ?? (typeof doc === 'string' && doc.trimStart().startsWith('{') ? 'json' : 'yaml');
  const text = toText(doc, format);
  const wanted = new Set(ruleIds.map((id) => (id.startsWith('backlint/') ? id.slice('backlint/'.length) : id)));
  const rules: Record<string, RuleOverride> = {};
  for (const code of STRUCTURAL_RULES) if (!wanted.has(code)) rules[code] = 'off';
  for (const rule of allRules) {
    if (!rule.spectral) continue;
    const key = qualifiedId(rule.id);
    rules[key] = wanted.has(rule.id) ? (rule.recommended === false ? rule.strict : rule.recommended) : 'off';
    if (wanted.has(rule.id) && options.preset === 'strict') rules[key] = rule.strict;
  }
  for (const id of wanted) {
    if (!(STRUCTURAL_RULES as readonly string[]).includes(id) && !allRules.some((r) => r.id === id && r.spectral)) {
      throw new Error(`lintDoc: no Spectral rule "${id}" in rules/index.ts`);
    }
  }
  Object.assign(rules, options.rules ?? {});
  const spectral = new Spectral();
  spectral.setRuleset(rulesetOf(allRules, { preset: options.preset ?? 'recommended', rules }));
  const document = format === 'json' ? new Document(text, Json, '/virtual/openapi.json') : new Document(text, Yaml, '/virtual/openapi.yaml');
  const diagnostics: ISpectralDiagnostic[] = await spectral.run(document);
  return diagnostics
    .map((d) => ({
      code: String(d.code),
      path: d.path.map(String),
      message: d.message,
      severity: SEVERITIES[d.severity] ?? 'hint',
      line: d.range.start.line + 1,
    }))
    .sort((a, b) => a.line - b.line || a.path.join('/').localeCompare(b.path.join('/')));
}
