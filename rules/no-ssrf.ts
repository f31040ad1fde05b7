/**
 * no-ssrf: A client that chooses where the server connects reaches internal services and cloud metadata endpoints.
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-ssrf';
const description = 'Disallow request data deciding the URL or host of an outgoing request (fetch, axios, got, undici, needle, superagent, http.request).';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'error',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'ssrf',
    description,
    risk: 'server-side request forgery',
    fix: "Fix the scheme and host in code and let request data fill only the path or query, or check the host against an allow-list.",
  }),
});
