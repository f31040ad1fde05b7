/**
 * Assembly shared by the path rules (kebab-case-paths, plural-resource-names, no-verbs-in-paths):
 * the same verdicts (src/analysis/paths.ts) reach users through two faces, and what differs per
 * rule is only the verdict and its wording. The option, the Spectral face and the rename
 * suggestion are written once here.
 */
import type { JSONSchema, TSESLint } from '@typescript-eslint/utils';
import type { PathOptions, PathViolation } from './analysis/paths.js';
import type { SegmentLocation } from './analysis/routes.js';
import { indexFunction, type DocumentIndex, type OperationInfo, type SpectralResult } from './openapi/index.js';
import { isIgnoredAt } from './spectral/ignore.js';
import type { SpectralRuleFactory } from './rule.js';

/** `{ allow: [...] }`: segments (words or regular expressions) a team has decided to keep. */
export const ALLOW_SEGMENTS_SCHEMA: JSONSchema.JSONSchema4[] = [
  {
    type: 'object',
    properties: { allow: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
];

/** The Spectral face of a path rule: its findings over the document's `paths` keys. */
export function pathRuleSpectral(findings: (index: DocumentIndex, options: PathOptions) => SpectralResult[]): SpectralRuleFactory {
  return (options) => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction((index) => findings(index, options as PathOptions)) },
  });
}

/**
 * Verdicts on each `paths` key judged for each method `methodsOf` picks from its operations, one
 * per segment: a segment wrong for several operations is one finding.
 */
export function* segmentVerdictsByPath(
  index: DocumentIndex,
  methodsOf: (ops: readonly OperationInfo[]) => (string | null)[],
  judge: (path: string, method: string | null) => readonly PathViolation[],
): Generator<{ path: string; method: string | null; violation: PathViolation }> {
  for (const [path, ops] of index.operationsByPath) {
    const seen = new Set<number>();
    for (const method of methodsOf(ops)) {
      for (const violation of judge(path, method)) {
        if (seen.has(violation.segment.index)) continue;
        seen.add(violation.segment.index);
        yield { path, method, violation };
      }
    }
  }
}

/**
 * One finding per distinct offending segment, not per path: `Accounts` written in upper case under
 * 120 Twilio paths is one thing to rename. Findings with the same `key` (the verdict and the
 * segment text) collapse into the first, in document order, which learns how many paths it stands
 * for. Paths whose item suppresses the rule (`x-backlint-ignore`) neither stand for a group nor
 * count in it; their findings pass through one by one, for the suppression wrapper to record.
 */
export function onePerSegment<T extends { path: string; key: string }>(
  index: DocumentIndex,
  code: string,
  findings: Iterable<T>,
): { finding: T; more: number }[] {
  const groups = new Map<string, { finding: T; more: number }>();
  const suppressed: { finding: T; more: number }[] = [];
  for (const f of findings) {
    if (isIgnoredAt(index.root, ['paths', f.path], code)) {
      suppressed.push({ finding: f, more: 0 });
      continue;
    }
    const group = groups.get(f.key);
    if (group) group.more++;
    else groups.set(f.key, { finding: f, more: 0 });
  }
  return [...groups.values(), ...suppressed];
}

/** ` (and 3 more paths)` after the path a grouped finding names. */
export function morePaths(more: number): string {
  return more > 0 ? ` (and ${more} more path${more === 1 ? '' : 's'})` : '';
}

/**
 * The "rename this segment" suggestion (not a fix: clients call the old URL), offered when the
 * segment is written verbatim in one literal and a replacement is known.
 */
export function renameSegmentSuggestion<M extends string>(
  location: SegmentLocation,
  from: string,
  to: string | null | undefined,
  messageId: M,
  data: Record<string, string> = {},
): TSESLint.SuggestionReportDescriptor<M>[] {
  const range = location.range;
  if (!to || !range) return [];
  return [{ messageId, data: { ...data, from, to }, fix: (fixer) => fixer.replaceTextRange(range, to) }];
}
