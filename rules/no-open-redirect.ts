/**
 * no-open-redirect: A link to a trusted site that forwards to any address is what phishing mails are made of.
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-open-redirect';
const description = 'Disallow request data deciding where a redirect goes (res.redirect, reply.redirect, ctx.redirect, a Location header) without an allow-list.';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'error',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'open-redirect',
    description,
    risk: 'open redirect',
    fix: "Redirect to a fixed path, or check the target against an allow-list (Set.has, ===); a substring test is not one.",
  }),
});
