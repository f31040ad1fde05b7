/**
 * One parse for both: route files the drift check reads ahead of ESLint are handed to ESLint
 * with their tokens and comments (inline directives still work in them), and the findings are
 * those of a run where each side parses on its own.
 */
import { describe, expect, it } from 'vitest';
import { tempTrees } from '../helpers/temp-tree.js';
import { lint } from '../../src/index.js';
import { treesHandedOver } from '../../src/project/shared-parse.js';


const project = tempTrees('backlint-shared-');

const doc = `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
  /b:
    get:
      responses: { '200': { description: ok } }
`;

describe('trees the drift check reads ahead of ESLint', () => {
  it('are handed to ESLint with their comments: a directive in a read-ahead file still applies', async () => {
    const root = project({
      'openapi.yaml': doc,
      'src/server.js': "const express = require('express');\nconst a = require('./a');\nconst b = require('./b');\nconst app = express();\napp.use(a);\napp.use(b);\napp.listen(3000);\n",
      'src/a.js': "const express = require('express');\nconst r = express.Router();\nr.get('/a', (req, res) => res.json({}));\nmodule.exports = r;\n",
      'src/b.js': [
        "const express = require('express');",
        'const r = express.Router();',
        "r.get('/b', (req, res) => res.json({}));",
        '// eslint-disable-next-line backlint/spec-drift -- internal probe',
        "r.get('/hidden', (req, res) => res.json({}));",
        "r.get('/extra', (req, res) => res.json({}));",
        'module.exports = r;',
        '',
      ].join('\n'),
    });
    const before = treesHandedOver();
    // The handover is the ESLint lane's (oxlint parses in its own process).
    const report = await lint({ cwd: root, paths: ['.'], engine: 'eslint' });
    // src/a.js is linted first; the check reads the other files that may declare routes then (b.js,
    // and server.js, which imports express), and ESLint takes their trees.
    expect(treesHandedOver() - before).toBe(2);
    const drift = report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/spec-drift').map((x) => `${f.file}:${x.line}`));
    expect(drift).toEqual(['src/b.js:6']);
    // The default engine (oxlint) gives the same findings.
    const viaOxlint = await lint({ cwd: root, paths: ['.'] });
    expect(viaOxlint.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/spec-drift').map((x) => `${f.file}:${x.line}`))).toEqual(['src/b.js:6']);
  });
});
