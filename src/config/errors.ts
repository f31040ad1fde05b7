/** A problem with how backlint was invoked or configured (exit code 2): apart from the schema, which loads every rule. */
export class BacklintUsageError extends Error {
  override name = 'BacklintUsageError';
}
