/**
 * The `backlint` command: argument parsing, output and exit code over `lint()`.
 * Exit codes: 0 clean at the --fail-on threshold, 1 findings at/above it (or over --max-warnings),
 * 2 usage, configuration or internal error.
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PRESETS, type Preset } from '../presets.js';
import { BacklintUsageError } from '../config/errors.js';
import { PACKAGE } from '../package-info.js';
// Formatters and the `rules`/`routes`/`merge` subcommands are loaded when used: a run pays for
// the formats it prints.
import { sanitizeTerminal } from '../report/stylish.js';
import { writeOutputFile } from './output.js';
import { emitReport, outputOptions, parseNonNegativeInt, resolveOutputs, startOutputs, writeNotices, type OutputFlags } from './outputs.js';
import { parseShard, type Shard } from './shard.js';
import type { MergeFlags } from './merge-command.js';
import { collectRule, HELP_AFTER, printConfig, readStdin, ruleDoc } from './inspect.js';
import type { RuleSetting } from '../config/schema.js';
import { RULES_FORMATS, type RulesFormat } from './rules-command.js';
import { ROUTES_FORMATS, type RoutesFormat } from './route-formats.js';
import { useColor } from './color.js';
import { createProgress } from './progress.js';
import { failOnUnusedSuppressions } from './unused-suppressions.js';
import { CODE_ENGINES, type CodeEngine } from '../pipeline/engines/code-engines.js';
import type { LintOptions } from '../pipeline/index.js';

export { useColor };

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Read with --stdin. */
  stdin: NodeJS.ReadableStream;
}

interface LintFlags extends OutputFlags {
  preset?: Preset;
  config?: string;
  quiet?: boolean;
  ignorePattern: string[];
  shard?: Shard;
  allowRemoteRefs?: boolean;
  progress?: boolean;
  engine?: CodeEngine;
  cache?: boolean;
  cacheLocation?: string;
  errorOnUnmatchedPattern?: boolean;
  rule?: Record<string, RuleSetting>;
  printConfig?: string;
  stdin?: boolean;
  stdinFilename?: string;
  inlineConfig?: boolean;
  reportUnusedDisableDirectives?: boolean;
  maxFileSize?: number;
  maxDocumentSize?: number;
  suppressAll?: boolean;
  suppressRule: string[];
  pruneSuppressions?: boolean;
  suppressionsLocation?: string;
  passOnUnprunedSuppressions?: boolean;
  openapiIgnoreFile?: string;
  changedSince?: string;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `1048576`, `512k`, `2MiB`, `1.5mb` (binary units). */
function parseSize(value: string): number {
  const m = /^(\d{1,12}(?:\.\d{1,6})?)\s?([a-z]{0,3})$/i.exec(value.trim());
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit ? Math.floor(Number(m[1]) * unit) : 0;
  if (!(bytes >= 1)) throw new InvalidArgumentError('expected a size such as 1048576, 512k or 2MiB');
  return bytes;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function writeOutput(io: CliIo, text: string, output: string | undefined): void {
  if (output) writeOutputFile(path.resolve(io.cwd, output), output, text);
  else io.stdout.write(text);
}

export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const ctx: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    stdin: io.stdin ?? process.stdin,
  };
  let exitCode = 0;

  const program = new Command('backlint')
    .description('Lint Node.js/TypeScript backend code and OpenAPI documents with one rule catalog.')
    .version(PACKAGE.version, '-v, --version')
    .argument('[paths...]', 'files and directories to lint', ['.'])
    .addOption(new Option('--preset <name>', 'rule preset (default: config, else recommended)').choices(PRESETS))
    .option('-c, --config <file>', 'use this config file instead of searching for one');
  // -f/-o/--fail-on/--max-warnings/--color: shared with `merge`.
  for (const option of outputOptions()) program.addOption(option);
  program
    .option('-q, --quiet', 'report errors only')
    .option('--ignore-pattern <glob>', 'ignore files matching the glob (repeatable)', collect, [])
    .addOption(
      new Option('--engine <name>', 'code engine: oxlint, eslint, or auto (default: oxlint, ESLint for --stdin)').choices(
        CODE_ENGINES,
      ),
    )
    .option('--cache', 'only lint files whose findings may have changed since the last --cache run')
    .option('--cache-location <path>', 'cache file or directory (default: .backlintcache)')
    .option('--allow-remote-refs', 'let OpenAPI documents resolve $refs over HTTP(S)')
    .option('--no-inline-config', 'ignore eslint-disable and other inline config comments')
    .option('--report-unused-disable-directives', 'report eslint-disable comments for backlint rules that suppress nothing')
    .option('--max-file-size <size>', 'skip (and report) code files larger than this (default 1MiB)', parseSize)
    .option('--max-document-size <size>', 'skip (and report) OpenAPI documents larger than this (default 32MiB)', parseSize)
    .option('--rule <rule:setting>', 'set a rule over the config, e.g. "backlint/require-pagination: off" (repeatable)', collectRule)
    .option('--stdin', 'lint the text on standard input (as --stdin-filename) instead of files')
    .option('--stdin-filename <name>', 'the path the --stdin text is linted as (default stdin.js); its extension says code or OpenAPI')
    .option('--print-config <file>', 'print the rule settings that apply to a file, and exit')
    .option('--no-error-on-unmatched-pattern', 'exit 0, not 2, when nothing is found to lint')
    .option('--shard <i/n>', 'lint only part i of n of the files (a CI matrix; join the JSON reports with backlint merge)', parseShard)
    .option('--changed-since <ref>', 'lint only files changed since a git ref (committed, staged, unstaged, untracked), their importers and spec-drift pairs')
    .option('--suppress-all', 'record every current finding in the suppressions file; they are not reported again')
    .option('--suppress-rule <id>', "record the current findings of a rule in the suppressions file (repeatable)", collect, [])
    .option('--prune-suppressions', 'remove suppressions that no longer occur from the suppressions file')
    .option('--suppressions-location <file>', 'the suppressions file (default: backlint-suppressions.json)')
    .option('--pass-on-unpruned-suppressions', 'do not exit 2 when suppressions no longer occur')
    .option('--openapi-ignore-file <file>', 'OpenAPI findings to ignore by document, rule and JSON pointer (default: .backlint-openapi-ignore.yaml)')
    .option('--no-progress', 'never show the progress line (stderr, on a terminal only, not in CI)')
    // `rules --format json` must reach the subcommand's own --format, not the lint one.
    .enablePositionalOptions()
    .showHelpAfterError('(run backlint --help for usage)')
    .addHelpText('after', HELP_AFTER)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .action(async (paths: string[], flags: LintFlags) => {
      if (flags.printConfig !== undefined) {
        const settings = { cwd: ctx.cwd, ...(flags.preset ? { preset: flags.preset } : {}), ...(flags.config ? { config: flags.config } : {}), ...(flags.rule ? { rules: flags.rule } : {}) };
        ctx.stdout.write(await printConfig(flags.printConfig, settings));
        exitCode = 0;
        return;
      }
      const started = performance.now();
      const outputs = resolveOutputs(flags, ctx.cwd);
      startOutputs(ctx, outputs);
      const progress = createProgress(ctx.stderr, { enabled: flags.progress !== false, env: ctx.env });
      let report;
      try {
        const options: LintOptions = {
          paths,
          cwd: ctx.cwd,
          ...(flags.preset ? { preset: flags.preset } : {}),
          ...(flags.config ? { config: flags.config } : {}),
          ignorePatterns: flags.ignorePattern,
          quiet: flags.quiet === true,
          allowRemoteRefs: flags.allowRemoteRefs === true,
          ...(flags.engine ? { engine: flags.engine } : {}),
          ...(flags.errorOnUnmatchedPattern === false ? { errorOnUnmatchedPattern: false } : {}),
          ...(flags.rule ? { rules: flags.rule } : {}),
          ...(flags.stdin ? { stdin: { text: await readStdin(ctx.stdin), ...(flags.stdinFilename ? { filename: flags.stdinFilename } : {}) } } : {}),
          // ESLint's rule: a location alone does not turn the cache on.
          ...(flags.cache ? { cache: true, ...(flags.cacheLocation ? { cacheLocation: flags.cacheLocation } : {}) } : {}),
          ...(flags.inlineConfig === false ? { inlineConfig: false } : {}),
          ...(flags.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: true } : {}),
          ...(flags.maxFileSize !== undefined ? { maxCodeFileBytes: flags.maxFileSize } : {}),
          ...(flags.maxDocumentSize !== undefined ? { maxDocumentBytes: flags.maxDocumentSize } : {}),
          ...(flags.changedSince !== undefined ? { changedSince: flags.changedSince } : {}),
          suppressions: {
            ...(flags.suppressAll ? { suppressAll: true } : {}),
            ...(flags.suppressRule.length ? { suppressRules: flags.suppressRule } : {}),
            ...(flags.pruneSuppressions ? { prune: true } : {}),
            ...(flags.suppressionsLocation !== undefined ? { location: flags.suppressionsLocation } : {}),
          },
          ...(flags.openapiIgnoreFile !== undefined ? { openapiIgnoreFile: flags.openapiIgnoreFile } : {}),
          onProgress: (_done, _total, p) => progress.update(p),
          onSkip: (file, reason) => progress.write(`backlint: skipped ${sanitizeTerminal(file)}: ${reason}\n`),
        };
        // Loaded here: --help and --version never load the rules.
        report = await (await import('../pipeline/index.js')).lint({ ...options, ...(flags.shard ? { shard: flags.shard } : {}) });
      } finally {
        progress.stop();
      }
      exitCode = await emitReport(ctx, report, outputs, flags, { elapsedMs: performance.now() - started });
      writeNotices(ctx.stderr, report);
      if (failOnUnusedSuppressions(ctx.stderr, report, flags.passOnUnprunedSuppressions)) exitCode = 2;
    });

  const merge = program
    .command('merge')
    .description('merge JSON reports (of --shard runs) into one report, printed in any format with the usual exit code')
    .argument('<reports...>', 'JSON reports written by --format json')
    .addHelpText(
      'after',
      '\nExample (a CI matrix of 4 jobs, then one):\n  backlint --shard 2/4 -f json:part-2.json --fail-on never --pass-on-unpruned-suppressions\n  backlint merge part-*.json -f stylish -f sarif:backlint.sarif\n\nExit codes: as a run\'s, 2 also for suppressions the shards found unused (unless --pass-on-unpruned-suppressions).\n',
    )
    .action(async (reports: string[], flags: MergeFlags) => {
      exitCode = await (await import('./merge-command.js')).runMerge(ctx, reports, flags);
    });
  for (const option of outputOptions()) merge.addOption(option);
  merge.option('--pass-on-unpruned-suppressions', 'do not exit 2 when the reports list suppressions that no longer occur');

  program
    .command('rules')
    .description("list every rule of the catalog, or print one rule's doc")
    .argument('[id]', 'a rule id (require-pagination or backlint/require-pagination): print its doc')
    .addOption(new Option('-f, --format <format>', 'output format of the list').choices(RULES_FORMATS).default('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (id: string | undefined, flags: { format: RulesFormat; output?: string }) => {
      if (id !== undefined) {
        writeOutput(ctx, await ruleDoc(id), flags.output);
      } else {
        const [{ formatRules }, { catalogEntries }] = await Promise.all([import('./rules-command.js'), import('../catalog.js')]);
        writeOutput(ctx, formatRules(catalogEntries(), flags.format), flags.output);
      }
      exitCode = 0;
    });

  program
    .command('oxlint-config')
    .description("print an .oxlintrc.json with backlint's rules as the backlint config sets them (preset, rules, overrides, ignore)")
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .addOption(new Option('--preset <name>', 'rule preset (default: config, else recommended)').choices(PRESETS))
    .option('-o, --output <file>', 'write to a file (in the config file\'s directory) instead of stdout')
    .addHelpText('after', '\nExample (next to backlint.config.json):\n  backlint oxlint-config -o .oxlintrc.json && npx oxlint\n')
    .action(async (flags: { config?: string; preset?: Preset; output?: string }) => {
      const [{ resolveRun }, { oxlintProjectConfig }] = await Promise.all([import('../pipeline/options.js'), import('../oxlint/configs.js')]);
      const { config, preset } = resolveRun({ cwd: ctx.cwd, ...(flags.config ? { config: flags.config } : {}), ...(flags.preset ? { preset: flags.preset } : {}) });
      const globs = (config.ignore?.length ?? 0) + (config.overrides?.length ?? 0) + (config.drift?.length ?? 0);
      if (flags.output && globs > 0 && path.resolve(ctx.cwd, path.dirname(flags.output)) !== config.baseDir) {
        throw new BacklintUsageError(`oxlint-config: write the file in ${path.relative(ctx.cwd, config.baseDir) || '.'} (the config's globs are relative to it, and oxlint reads them from the file's directory)`);
      }
      writeOutput(ctx, `${JSON.stringify(oxlintProjectConfig(preset, config), null, 2)}\n`, flags.output);
      exitCode = 0;
    });

  program
    .command('routes')
    .description("list the project's routes: full path, handler, middleware chain (the root is the working directory)")
    .argument('[paths...]', 'files and directories whose routes to list', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(ROUTES_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the table to a file instead of stdout')
    .action(async (paths: string[], flags: { format: RoutesFormat; output?: string }) => {
      const { formatRoutes, routeRows } = await import('./routes-command.js');
      writeOutput(ctx, formatRoutes(await routeRows(paths, ctx.cwd), flags.format), flags.output);
      exitCode = 0;
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0 in commander's model.
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return 2;
    }
    // Messages quote paths, config keys and globs, all of which may come from an untrusted checkout.
    if (e instanceof BacklintUsageError) {
      ctx.stderr.write(`backlint: ${sanitizeTerminal(e.message)}\n`);
      return 2;
    }
    const err = e as Error;
    const text = err?.stack ?? String(e);
    ctx.stderr.write(`backlint: internal error: ${text.split('\n').map(sanitizeTerminal).join('\n')}\n`);
    return 2;
  }
}
