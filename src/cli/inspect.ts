/**
 * The CLI's ways of asking about the configuration rather than linting: `--rule` settings,
 * `--print-config FILE`, `backlint rules ID` (a rule's doc), and the help text's closing part; and
 * reading `--stdin`.
 */
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { BacklintUsageError } from '../config/errors.js';
import type { RuleSetting } from '../config/schema.js';
import type { LintOptions } from '../pipeline/index.js';

/**
 * `--rule 'backlint/x: off'`, `--rule 'x: ["warn", {"allow": ["login"]}]'`, `--rule x:2`: a rule
 * id, a colon, then a severity or a JSON array (ESLint's `--rule` takes the same shapes in its
 * own notation). Repeatable; the value is checked like the config when the run starts.
 */
export function collectRule(value: string, previous: Record<string, RuleSetting> = {}): Record<string, RuleSetting> {
  const colon = value.indexOf(':');
  const id = colon > 0 ? value.slice(0, colon).trim() : '';
  const text = colon > 0 ? value.slice(colon + 1).trim() : '';
  if (!id || !text) throw new InvalidArgumentError('expected <rule>:<setting>, e.g. "backlint/no-verbs-in-paths: off" or \'backlint/x: ["warn", {…}]\'');
  let setting: unknown = text;
  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      setting = JSON.parse(text) as unknown;
    } catch (e) {
      throw new InvalidArgumentError(`the setting of ${id} is not JSON: ${(e as Error).message}`);
    }
  } else if (/^\d$/.test(text)) {
    setting = Number(text);
  }
  return { ...previous, [id]: setting as RuleSetting };
}

/** Standard input for --stdin: more than a document may hold is a usage error, not a hang or a crash. */
const MAX_STDIN_BYTES = 64 * 1024 * 1024;

export async function readStdin(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_STDIN_BYTES) throw new BacklintUsageError(`--stdin: more than ${MAX_STDIN_BYTES} bytes on standard input`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DOCUMENT = /\.(?:ya?ml|json)$/i;

/** `--print-config FILE`: the rule settings that apply to that file, as JSON. */
export async function printConfig(file: string, options: LintOptions): Promise<string> {
  const kind = CODE.test(file) ? 'code' : DOCUMENT.test(file) ? 'openapi' : undefined;
  if (!kind) throw new BacklintUsageError(`--print-config ${file}: not a code file or an OpenAPI document (by its extension)`);
  const [{ resolveRun }, { effectiveRulesFor }] = await Promise.all([import('../pipeline/options.js'), import('../pipeline/settings.js')]);
  const { cwd, config, preset } = resolveRun(options);
  const abs = path.resolve(cwd, file);
  const rules = effectiveRulesFor(abs, kind, preset, config);
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const shown = {
    file: path.relative(cwd, abs).split(path.sep).join('/'),
    kind,
    preset,
    config: config.file ? path.relative(cwd, config.file).split(path.sep).join('/') || config.file : null,
    rules: sorted,
  };
  return `${JSON.stringify(shown, null, 2)}\n`;
}

/** `backlint rules ID`: the rule's doc (its Markdown file, as shipped in the package). */
export async function ruleDoc(id: string): Promise<string> {
  const [{ findRule }, { readRuleDocs }, { qualifiedId }] = await Promise.all([import('../catalog.js'), import('../report/rule-docs.js'), import('../rule.js')]);
  const rule = findRule(id);
  if (!rule) throw new BacklintUsageError(`Unknown rule "${id}" (backlint rules lists them)`);
  const doc = readRuleDocs([{ id: rule.id, qualifiedId: qualifiedId(rule.id) }]).get(qualifiedId(rule.id));
  if (!doc) throw new BacklintUsageError(`The doc of ${qualifiedId(rule.id)} is not installed with this package`);
  return doc.endsWith('\n') ? doc : `${doc}\n`;
}

export const HELP_AFTER = `
Examples:
  backlint                              lint the repository (code and OpenAPI documents)
  backlint src openapi.yaml -f stylish -f sarif:backlint.sarif
  backlint --fail-on warning --max-warnings 0
  backlint --rule 'backlint/require-pagination: off' --print-config src/routes/users.js
  backlint --cache                      re-lint only what may have changed
  backlint --suppress-all               accept today's findings (backlint-suppressions.json); gate only on new ones
  backlint --prune-suppressions         drop suppressions of problems since fixed
  backlint --changed-since origin/main  lint what changed since a ref, and the files that import it
  cat src/app.ts | backlint --stdin --stdin-filename src/app.ts
  backlint rules require-auth-rate-limit   a rule's doc
  backlint oxlint-config -o .oxlintrc.json  oxlint with the backlint config's rules (next to the config)

Exit codes:
  0  no finding at or above --fail-on (and not over --max-warnings)
  1  findings at or above --fail-on, or more warnings than --max-warnings
  2  usage or configuration error, nothing matched, or an internal error; suppressions left that
     do not occur anymore (unless --prune-suppressions or --pass-on-unpruned-suppressions)

Config files (the nearest from the working directory upward, or --config):
  backlint.config.json, backlint.config.yaml, backlint.config.yml, or a "backlint" key in package.json
  (read by eslint through backlint.fromConfig(), by spectral through backlint/spectral, and by
  oxlint through backlint oxlint-config; rules also set oas3-schema, path-params… and
  backlint/parse-error and the other diagnostics: "off", "warn" or "error")
Baseline files (in the working directory, used when present):
  backlint-suppressions.json (--suppressions-location), .backlint-openapi-ignore.yaml (--openapi-ignore-file)
`;
