/**
 * Where a run's report goes: one or several formats, each to stdout or a file.
 *
 * Syntax: `-f, --format <name>[:<file>]`, repeatable, with `-o, --output <file>` as ESLint has it.
 * `-f json -o r.json` is ESLint's one-format form, unchanged; `-f stylish -f sarif:r.sarif -f
 * junit:r.xml` prints stylish and writes the other two in the same run. The file rides with its
 * format in one argument (as Vitest's `--reporter` / `--outputFile.<name>` pair and Spectral's
 * `--output.<format>` do in two): it reads in a CI step without counting flags, needs no option
 * name made up at run time, and a format named alone keeps ESLint's meaning. The name is from a
 * fixed list, so only the first `:` splits (`sarif:C:\r.sarif` works).
 *
 * At most one format goes to stdout (or `-o`): two reports interleaved in one stream are neither.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { BacklintUsageError } from '../config/errors.js';
import { exitCodeFor, FAIL_ON, type FailOn } from '../report/exit.js';
import { FORMATS, isFormat, loadFormatter, type Format } from '../report/formats.js';
import type { Report } from '../report/model.js';
import { sanitizeTerminal } from '../report/stylish.js';
import { useColor } from './color.js';
import { clearOutput, writeOutputFile } from './output.js';

export interface FormatSpec {
  format: Format;
  /** Absent: stdout, or `-o`. */
  file?: string;
}

/** Commander's parser for a repeatable `--format name[:file]`. */
export function collectFormat(value: string, previous: FormatSpec[] = []): FormatSpec[] {
  const colon = value.indexOf(':');
  const name = colon === -1 ? value : value.slice(0, colon);
  const file = colon === -1 ? undefined : value.slice(colon + 1);
  if (!isFormat(name)) throw new InvalidArgumentError(`"${name}" is not a format (${FORMATS.join(', ')}); write name or name:file`);
  if (file === '') throw new InvalidArgumentError(`"${value}" names no file after the colon`);
  return [...previous, { format: name, ...(file !== undefined ? { file } : {}) }];
}

export interface OutputFlags {
  format?: FormatSpec[];
  output?: string;
  failOn: FailOn;
  maxWarnings?: number;
  color?: boolean;
}

export function parseNonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

/** The options every command that prints a report has (lint and merge), defined once. */
export function outputOptions(): Option[] {
  return [
    new Option('-f, --format <name[:file]>', `output format, repeatable; with :file it goes to that file (${FORMATS.join(', ')}; default stylish)`).argParser(
      collectFormat,
    ),
    new Option('-o, --output <file>', 'write the report to a file instead of stdout (the format given without :file)'),
    new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices(FAIL_ON).default('error'),
    new Option('--max-warnings <n>', 'exit 1 when there are more than n warnings').argParser(parseNonNegativeInt),
    new Option('--color', 'force colour in stylish output'),
    new Option('--no-color', 'disable colour in stylish output'),
  ];
}

export interface Output {
  format: Format;
  /** As the user wrote it; absent for stdout. */
  file?: string;
}

/** The formats and their destinations, or a usage error before anything runs. */
export function resolveOutputs(flags: Pick<OutputFlags, 'format' | 'output'>, cwd: string): Output[] {
  const specs = flags.format?.length ? flags.format : [{ format: 'stylish' as const }];
  const toStream = specs.filter((s) => s.file === undefined);
  if (toStream.length > 1) {
    throw new BacklintUsageError(
      `${toStream.map((s) => s.format).join(' and ')} would both go to ${flags.output ?? 'stdout'}: give all but one a file (--format ${toStream[1]!.format}:FILE)`,
    );
  }
  if (flags.output && toStream.length === 0) throw new BacklintUsageError('--output has no format to write: every --format names its own file');
  const outputs = specs.map((s) => ({ format: s.format, ...(s.file !== undefined ? { file: s.file } : flags.output ? { file: flags.output } : {}) }));
  const files = outputs.filter((o) => o.file !== undefined).map((o) => path.resolve(cwd, o.file!));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new BacklintUsageError(`Two formats would write to the same file: ${path.relative(cwd, twice) || twice}`);
  return outputs;
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * The report's notices about the run itself (an engine that could not run), on stderr: stdout may
 * carry a machine-read format, and the JSON report holds them too.
 */
export function writeNotices(stderr: Io['stderr'], report: Report): void {
  for (const notice of report.notices ?? []) stderr.write(`backlint: note: ${sanitizeTerminal(notice)}\n`);
}

/** Called as a run starts: a report from an earlier run must not outlive a run that fails. */
export function startOutputs(io: Io, outputs: readonly Output[]): void {
  for (const o of outputs) if (o.file) clearOutput(path.resolve(io.cwd, o.file), o.file);
}

/**
 * Formats the report once per output (loading only those formatters), writes each, and returns
 * the exit code. With the github format on a GitHub runner the markdown report also goes to the
 * step summary (`$GITHUB_STEP_SUMMARY`), where the findings past GitHub's ten annotations per
 * level can be read.
 */
export async function emitReport(io: Io, report: Report, outputs: readonly Output[], flags: OutputFlags, extra: { elapsedMs?: number } = {}): Promise<0 | 1> {
  const threshold = { failOn: flags.failOn, ...(flags.maxWarnings !== undefined ? { maxWarnings: flags.maxWarnings } : {}) };
  for (const o of outputs) {
    const format = await loadFormatter(o.format);
    const color = useColor(flags.color, io.env, !!o.file, !!io.stdout.isTTY);
    const text = format(report, { color, ...threshold, ...(extra.elapsedMs !== undefined ? { elapsedMs: extra.elapsedMs } : {}) });
    if (o.file) writeOutputFile(path.resolve(io.cwd, o.file), o.file, text);
    else io.stdout.write(text);
    if (o.format === 'sarif') {
      const { sarifResultsWarning } = await import('../report/sarif.js');
      const warning = sarifResultsWarning(report);
      if (warning) io.stderr.write(`backlint: warning: ${warning}\n`);
    }
  }
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary && outputs.some((o) => o.format === 'github')) {
    const markdown = await loadFormatter('markdown');
    try {
      // Appended: the file is the step's, and other commands of the step may write to it too.
      appendFileSync(summary, `${markdown(report, threshold)}\n`);
    } catch (e) {
      // The summary is a convenience: the annotations and the exit code are the result.
      io.stderr.write(`backlint: warning: could not write the step summary ($GITHUB_STEP_SUMMARY): ${sanitizeTerminal((e as Error).message)}\n`);
    }
  }
  return exitCodeFor(report, threshold);
}
