/**
 * no-mass-assignment: Every field the client sends is stored, including ones it must not set (role, isAdmin, ownerId).
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-mass-assignment';
const description = 'Disallow passing the whole request body into ORM create/update calls or Object.assign without picking fields.';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'warn',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'mass-assignment',
    description,
    risk: 'mass assignment',
    fix: "Pick the fields you accept (or validate with a schema that strips unknown keys) before writing.",
  }),
});
