/**
 * no-nosql-injection: A JSON body or nested query string can send { "$ne": null } where a string was expected and match every document.
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-nosql-injection';
const description = 'Disallow request values that may be objects in MongoDB/Mongoose filters, and request data in $where/$expr.';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'error',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'nosql-injection',
    description,
    risk: 'NoSQL operator injection',
    fix: "Cast the value (String(x), Number(x)), validate it (zod, joi, class-validator), or compare with $eq.",
  }),
});
