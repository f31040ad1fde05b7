/**
 * no-command-injection: A shell parses the text it runs: request data in it can add commands of its own.
 */
import { defineRule } from '../src/rule.js';
import { createTaintRule } from '../src/taint-rule.js';

const id = 'no-command-injection';
const description = 'Disallow request data in shell commands (child_process exec, spawn with a shell, shelljs, execa).';

export default defineRule({
  id,
  category: 'security',
  description,
  recommended: 'error',
  strict: 'error',
  eslint: createTaintRule({
    id,
    kind: 'command-injection',
    description,
    risk: 'command injection',
    fix: "Run a fixed program with an argument array and no shell (execFile/spawn), or map the input to a fixed command.",
  }),
});
