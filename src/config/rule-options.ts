/**
 * A rule's options checked against its schema when the config is read, before any file is linted
 * (ESLint checks them too, but only per file, as a crash of that file's lint; Spectral does not
 * check them at all). The schema is the ESLint face's `meta.schema`, or the rule's own `options`
 * for a rule with only a Spectral face; a rule with neither takes no options.
 *
 * Ajv is loaded on the first setting that carries options: most configs have none.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { RuleMeta } from '../catalog.js';
import { loadPackage } from '../lazy-modules.js';

type Compile = (schema: object) => ValidateFunction;
let compile: Compile | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(rule: RuleMeta, schema: object): ValidateFunction {
  let v = compiled.get(rule.id);
  if (!v) {
    if (!compile) {
      // Loaded as lazy-modules.ts says (the spectral CLI validates the backlint config too).
      const { Ajv } = loadPackage('ajv') as { Ajv: new (o: object) => { compile: Compile } };
      const ajv = new Ajv({ allErrors: false, strict: false });
      compile = (s) => ajv.compile(s);
    }
    v = compile(schema);
    compiled.set(rule.id, v);
  }
  return v;
}

function describe(e: ErrorObject, where: string): string {
  const at = `${where}${e.instancePath.replace(/\/([^/]*)/g, (_, k: string) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`))}`;
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return `"${at}" has an unknown option "${extra}"`;
  }
  if (e.keyword === 'type') return `"${at}" must be ${(e.params as { type: string }).type === 'array' ? 'an array' : `of type ${(e.params as { type: string }).type}`}`;
  if (e.keyword === 'enum') return `"${at}" must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `"${at}" ${e.message ?? 'is invalid'}`;
}

/** What is wrong with `options` for `rule` (the message names `where`), or null. */
export function ruleOptionsProblem(rule: RuleMeta, options: Record<string, unknown>, where: string): string | null {
  const schema = rule.options;
  const allowed = (schema?.[0] as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!schema || schema.length === 0) return Object.keys(options).length ? `"${where}": backlint/${rule.id} takes no options` : null;
  const validate = validatorFor(rule, schema[0] as object);
  if (validate(options)) return null;
  const e = validate.errors?.[0];
  const problem = e ? describe(e, where) : `"${where}" is invalid`;
  return allowed && e?.keyword === 'additionalProperties' ? `${problem} (allowed: ${Object.keys(allowed).join(', ')})` : problem;
}
