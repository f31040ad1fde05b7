/**
 * Text from analysed files (file names, OpenAPI path keys, document values quoted in messages)
 * reaches every output format, and a pull request chooses all of it. Shared neutralisation for the
 * formats people read: terminals, CI logs, pull-request comments.
 */

// C0 and C1 controls (ESC starts the ANSI sequences terminals and CI log viewers obey) and the
// Unicode controls that make text display in another order than it is read (bidi overrides,
// embeddings, isolates and marks: "Trojan Source", CVE-2021-42574), plus the line and paragraph
// separators some viewers break lines on. Tab and newline are left to each format.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Every such character as a visible `\uXXXX`, so it can neither act nor hide. */
export function showControls(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
