/**
 * no-code-injection: Code built from request data runs with the server's rights.
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-code-injection';
const description = 'Disallow request data in code the server evaluates (eval, new Function, vm, string timers, mathjs, templates compiled from input).';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'error',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'code-injection',
    description,
    risk: 'code injection',
    fix: "Never evaluate request data; parse it as data (JSON.parse, a parser for the expected format) or pick from fixed templates.",
  }),
});
