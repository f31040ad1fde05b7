/**
 * The ids a backlint config may set besides catalog rules (`backlint/<id>`): Spectral's structural
 * OpenAPI checks the ruleset reuses, under Spectral's own codes, and backlint's tool diagnostics.
 * Both take a severity only (`"off"`, `"warn"`, `"error"`), no options. Plain data, so validating a
 * config never loads Spectral.
 */

/** Spectral `oas` rules kept for document validity (src/spectral/ruleset.ts); all of them run in both presets. */
export const STRUCTURAL_RULES = [
  'oas2-schema',
  'oas3-schema',
  'path-params',
  'operation-operationId-unique',
  'operation-parameters',
  'path-declarations-must-exist',
  'oas2-operation-security-defined',
  'oas3-operation-security-defined',
  'oas2-discriminator',
  'oas3-server-variables',
  'oas3-callbacks-in-callbacks',
  'oas3_1-servers-in-webhook',
  'oas3_1-callbacks-in-webhook',
] as const;

/**
 * Diagnostics that are not rules: the tool (or Spectral's resolver, `invalid-ref`) could not check
 * something. Their setting is applied to the merged findings (src/pipeline/index.ts, stage 5a), so
 * it holds whichever engine produced them. Default severity: error, except `file-too-large`.
 */
export const TOOL_DIAGNOSTICS = [
  'backlint/parse-error',
  'backlint/directive',
  'backlint/file-too-large',
  'backlint/unreadable',
  'backlint/remote-ref',
  'backlint/unsafe-ref',
  'invalid-ref',
] as const;

const STRUCTURAL = new Set<string>(STRUCTURAL_RULES);
const TOOL = new Set<string>(TOOL_DIAGNOSTICS);

export const isStructuralRule = (id: string): boolean => STRUCTURAL.has(id);
export const isToolDiagnostic = (id: string): boolean => TOOL.has(id);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

const bare = (id: string) => (id.startsWith('backlint/') ? id.slice('backlint/'.length) : id);

/**
 * The known id closest to a mistyped one, for a "did you mean": compared without the `backlint/`
 * prefix (which may be missing or present on either), within a quarter of its length in edits.
 */
export function closestId(id: string, known: readonly string[]): string | undefined {
  const typed = bare(id);
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 4)) + 1;
  for (const candidate of known) {
    const d = distance(typed, bare(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
