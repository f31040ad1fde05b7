/** The code engines by name (the CLI's `--engine` choices), apart from the engines themselves. */
export type CodeEngine = 'auto' | 'oxlint' | 'eslint';
export const CODE_ENGINES: readonly CodeEngine[] = ['auto', 'oxlint', 'eslint'];
