/**
 * One parse for both: route files the drift check reads ahead of ESLint are handed to ESLint
 * with their tokens and comments (inline directives still work in them), and the findings are
 * those of a run where each side parses on its own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { treesHandedOver } from '../../src/project/shared-parse.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'backlint-shared-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

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
    const report = await lint({ cwd: root, paths: ['.'] });
    // src/a.js is linted first; the check reads the other route file then, and ESLint takes its tree.
    expect(treesHandedOver() - before).toBe(1);
    const drift = report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/spec-drift').map((x) => `${f.file}:${x.line}`));
    expect(drift).toEqual(['src/b.js:6']);
  });
});
