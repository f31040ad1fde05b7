/**
 * The one contract every rule in `rules/` follows. A rule is identified by its catalog id and may
 * have an ESLint face, a Spectral face, or both (section A of the catalog): one id, one doc, one
 * setting that switches it everywhere.
 */
import type { ESLintUtils } from '@typescript-eslint/utils';
// The subpath, not the package root: the root also loads ESLint's API and typescript-estree,
// which oxlint's process (and a run that lints nothing with ESLint) never needs.
import { applyDefault, RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import type { RuleDefinition as SpectralRuleDefinition } from '@stoplight/spectral-core';
import { maskSecrets } from './analysis/secrets.js';
import { beginFile } from './project/reads.js';

export { CATEGORY_TITLES, docsUrl, enginesOf, optionsSchemaOf, PLUGIN_PREFIX, qualifiedId, REPO_URL, type Category, type Engine, type Severity } from './rule-meta.js';
import { docsUrl, type Category, type Severity } from './rule-meta.js';

/**
 * Spectral face of a rule. A factory, because options set in the backlint config (e.g. `allow`
 * lists) are applied to both engines: the ruleset assembly calls it with the rule's options.
 * Severity, `recommended`, `documentationUrl` and `description` are filled in by the assembly.
 */
export type SpectralRuleFactory = (
  options: Record<string, unknown>,
  /** The preset being assembled, for behaviour the catalog reserves to `strict` (absent: recommended). */
  context?: { preset: 'recommended' | 'strict' },
) => Omit<SpectralRuleDefinition, 'severity' | 'recommended'> & Record<string, unknown>;

// The ESLint rule type is left loose on purpose: each rule keeps its own typed options and
// message ids inside its file; the catalog only needs to carry it to the plugin.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEslintRule = ESLintUtils.RuleModule<string, any, any, any>;

export interface BacklintRule {
  /** Catalog id without prefix, e.g. `plural-resource-names`. Same as the file name in `rules/`. */
  id: string;
  category: Category;
  /** One sentence, shown in `backlint rules`, SARIF and the README table. */
  description: string;
  /** Severity in the `recommended` preset, or false when the rule is strict-only. */
  recommended: Severity | false;
  /** Severity in the `strict` preset (strict holds everything in recommended). */
  strict: Severity;
  eslint?: AnyEslintRule;
  spectral?: SpectralRuleFactory;
  /**
   * The options schema of a rule with only a Spectral face (ESLint's `meta.schema` form: one entry,
   * the options object). A rule with an ESLint face declares it there.
   */
  options?: readonly object[];
}

export function defineRule(rule: BacklintRule): BacklintRule {
  return rule;
}


/**
 * Builder for the ESLint face (typescript-eslint's RuleCreator): typed options, messages and a
 * `meta.docs.url` pointing at the rule's doc beside it.
 */
const ruleCreator = RuleCreator((name) => docsUrl(name));

/**
 * typescript-eslint's `create` wrapper deep-clones the default options (`structuredClone`) for
 * every rule on every file. The merged options depend only on the user's options, so they are
 * computed once per distinct `context.options` (compared by JSON text) and shared across files.
 * Rules treat their options as read-only.
 */
export const createEslintRule: typeof ruleCreator = (args) => {
  const rule = ruleCreator(args);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as unknown[];
  let lastKey: string | undefined;
  let lastOptions: unknown[] | undefined;
  return {
    ...rule,
    create(context) {
      // What the project model reads from here on is this file's (the CLI's cache keys on it).
      beginFile(context.filename);
      const key = context.options.length === 0 ? '' : JSON.stringify(context.options);
      if (lastOptions === undefined || key !== lastKey) {
        lastOptions = applyDefault(defaults, context.options as unknown as unknown[]);
        lastKey = key;
      }
      return args.create(withMaskedReports(context, rule.meta.messages), lastOptions as never);
    },
  };
};

type ReportDescriptor = {
  message?: unknown;
  data?: Record<string, unknown>;
  suggest?: ({ desc?: unknown; data?: Record<string, unknown> } & Record<string, unknown>)[] | null;
} & Record<string, unknown>;

function maskData(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return data;
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') continue;
    const masked = maskSecrets(value);
    if (masked !== value) (out ??= { ...data })[key] = masked;
  }
  return out ?? data;
}

/** The descriptor with every text ESLint will show (message, data, suggestion texts) masked. */
function maskDescriptor(d: ReportDescriptor): ReportDescriptor {
  const out: ReportDescriptor = { ...d };
  if (typeof d.message === 'string') out.message = maskSecrets(d.message);
  if (d.data) out.data = maskData(d.data);
  if (Array.isArray(d.suggest)) {
    out.suggest = d.suggest.map((s) => ({
      ...s,
      ...(typeof s.desc === 'string' ? { desc: maskSecrets(s.desc) } : {}),
      ...(s.data ? { data: maskData(s.data) } : {}),
    }));
  }
  return out;
}

/**
 * Rules quote code in their messages (`{{expr}}`, `{{part}}`…). Masking at the one `report` every
 * rule calls means no rule can show a secret, whichever reporter prints it (the `eslint` CLI
 * included). ESLint freezes the context, so the override lives on an object inheriting from it.
 * oxlint gives a rule the same context for every file (its getters read the current file), so the
 * wrapper is made once per context: making it per rule and file cost ~0.1 s on Ghost's server.
 */
function withMaskedReports<C extends { report: (descriptor: never) => void }>(context: C, messages: Record<string, string>): C {
  const known = maskedContexts.get(context);
  if (known) return known as C;
  const report = (descriptor: ReportDescriptor) => {
    const masked = descriptor !== null && typeof descriptor === 'object' ? maskDescriptor(descriptor) : descriptor;
    if (reportObserver) reportObserver(context as unknown as ObservedContext, masked, messages);
    context.report(masked as never);
  };
  const wrapped = Object.create(context, { report: { value: report, enumerable: true } }) as C;
  maskedContexts.set(context, wrapped);
  return wrapped;
}

const maskedContexts = new WeakMap<object, object>();

/** What a report observer may read of the rule's context (ESLint's and oxlint's alike). */
export interface ObservedContext {
  id: string;
  filename: string;
}

export type ReportObserver = (context: ObservedContext, descriptor: ReportDescriptor, messages: Record<string, string>) => void;

let reportObserver: ReportObserver | undefined;

/**
 * Sees every report (already masked) before the engine does. Only the CLI's oxlint host sets one:
 * oxlint's own output lacks suggestions and gives columns in other units than ESLint, so the host
 * records the reports themselves (src/pipeline/engines/oxlint-host.ts).
 */
export function observeReports(observer: ReportObserver | undefined): void {
  reportObserver = observer;
}

export type { ReportDescriptor };
