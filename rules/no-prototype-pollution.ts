/**
 * no-prototype-pollution: A __proto__ or constructor.prototype key in request JSON writes onto Object.prototype for the whole process.
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-prototype-pollution';
const description = 'Disallow deep merges or key-path sets of request data (lodash merge/set/defaultsDeep, hand-written recursive merges).';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'error',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'prototype-pollution',
    description,
    risk: 'prototype pollution',
    fix: "Validate the object first, merge only known keys, or use a merge that skips __proto__, constructor and prototype.",
  }),
});
