/**
 * `--stdin` (LintOptions.stdin): the text of one file comes from standard input instead of disk —
 * an editor's unsaved buffer, a pre-commit hook's staged content. It stands in stage 2 for
 * discovery: the file named by `--stdin-filename` (default `stdin.js`) decides what kind of file
 * it is, its rule settings (overrides match its path) and the path findings carry; other files of
 * the project are still read from disk by the project model. Not cached (there is nothing on disk
 * to key it on).
 */
import path from 'node:path';
import { BacklintUsageError } from '../config/errors.js';
import { CODE_EXTENSIONS, DEFAULT_MAX_CODE_FILE_BYTES, DEFAULT_MAX_DOCUMENT_BYTES, DOCUMENT_EXTENSIONS, type Discovered } from './discover.js';
import type { StdinText } from './engines/eslint.js';

export interface StdinInput {
  text: string;
  /** Relative to `cwd`; default `stdin.js`. */
  filename?: string;
}

export function stdinDiscovery(
  cwd: string,
  input: StdinInput,
  limits: { maxCodeFileBytes?: number | undefined; maxDocumentBytes?: number | undefined },
): { discovered: Discovered; stdin: StdinText } {
  const file = path.resolve(cwd, input.filename ?? 'stdin.js');
  const ext = path.extname(file).slice(1).toLowerCase();
  const kind = (CODE_EXTENSIONS as readonly string[]).includes(ext) ? 'code' : (DOCUMENT_EXTENSIONS as readonly string[]).includes(ext) ? 'openapi' : undefined;
  if (!kind) throw new BacklintUsageError(`--stdin-filename ${input.filename}: not a code file or an OpenAPI document (by its extension)`);
  const max = kind === 'code' ? (limits.maxCodeFileBytes ?? DEFAULT_MAX_CODE_FILE_BYTES) : (limits.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES);
  if (Buffer.byteLength(input.text, 'utf8') > max) throw new BacklintUsageError(`--stdin: the text is larger than the ${kind === 'code' ? '--max-file-size' : '--max-document-size'} limit (${max} bytes)`);
  const discovered: Discovered = { code: kind === 'code' ? [file] : [], openapi: kind === 'openapi' ? [file] : [], skipped: [] };
  return { discovered, stdin: { file, text: input.text } };
}
