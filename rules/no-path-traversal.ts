/**
 * no-path-traversal: ../ in a request path reads or writes any file the process can.
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-path-traversal';
const description = 'Disallow request data in file-system paths (fs calls, res.sendFile/res.download without a root) without a normalised-prefix check.';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'error',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'path-traversal',
    description,
    risk: 'path traversal',
    fix: "Use path.basename, or resolve the path and check it starts with the allowed directory; send files with { root }.",
  }),
});
