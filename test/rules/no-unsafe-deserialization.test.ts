import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-unsafe-deserialization.js';
import { createRuleTester } from '../helpers/eslint.js';
import { tempTrees } from '../helpers/temp-tree.js';
import { lint } from '../../src/index.js';

const ruleTester = createRuleTester();
// Outside the lint root: no package.json is read, so js-yaml's version is unknown.
const F = '/repo/src/x.ts';

const codeRunning = (call: string, why: string) => `\`${call}\` ${why}: whoever controls the data runs code on the server. Parse it with \`JSON.parse\` (and validate it) instead.`;
const NODE_SERIALIZE = 'runs any function the data carries (`_$$ND_FUNC$$_` … `()` is called while parsing)';
const yamlSchema = (call: string, schema: string) =>
  `\`${call}\` parses YAML with ${schema}, which holds the \`!!js/function\` and \`!!js/regexp\` types: a document can make the server build and later run a function. Use \`DEFAULT_SAFE_SCHEMA\` (\`safeLoad\`) on js-yaml 3, the default schema on js-yaml 4, or \`JSON_SCHEMA\`.`;
const yamlDefault = (call: string, range: string) =>
  `\`${call}\` on js-yaml \`${range}\` parses with \`DEFAULT_FULL_SCHEMA\`, which holds the \`!!js/function\` type: a document can make the server build and later run a function. Use \`safeLoad\` or pass \`{ schema: yaml.DEFAULT_SAFE_SCHEMA }\` (or upgrade to js-yaml 4, whose \`load\` is safe).`;
const roundTrip = (runner: string, source: string) =>
  `\`${runner}\` evaluates serialize-javascript output built from request data (\`${source}\`): the serialised text is JavaScript, and evaluating it on the server runs what the client sent. Send data as JSON and read it with \`JSON.parse\`.`;

ruleTester.run('no-unsafe-deserialization', rule.eslint!, {
  valid: [
    // js-yaml: version unknown, so a bare load is taken as js-yaml 4's (safe); safe schemas; safeLoad
    { filename: F, code: `import yaml from 'js-yaml'; app.post('/x', (req, res) => yaml.load(req.body));` },
    { filename: F, code: `const yaml = require('js-yaml'); yaml.load(text, { schema: yaml.JSON_SCHEMA }); yaml.safeLoad(text); yaml.loadAll(text, (d) => d, { schema: yaml.DEFAULT_SAFE_SCHEMA });` },
    { filename: F, code: `import { load, CORE_SCHEMA } from 'js-yaml'; load(text, { schema: CORE_SCHEMA });` },
    // a literal written in the source
    { filename: F, code: `const s = require('node-serialize'); s.unserialize('{"a":1}');` },
    // serialize-javascript used as meant: sent to the browser
    { filename: F, code: `import serialize from 'serialize-javascript'; app.get('/', (req, res) => res.send(\`<script>window.__STATE__ = \${serialize(state, { isJSON: true })}</script>\`));` },
    // round trip of server data (not the request's)
    { filename: F, code: `import serialize from 'serialize-javascript'; const copy = eval('(' + serialize(config) + ')');` },
    // another library's unserialize
    { filename: F, code: `import { unserialize } from 'php-serialize'; unserialize(req.body.data);` },
  ],
  invalid: [
    {
      filename: F,
      code: `const serialize = require('node-serialize');\napp.get('/', (req, res) => {\n  const profile = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString());\n});`,
      errors: [{ message: codeRunning('node-serialize.unserialize', NODE_SERIALIZE), line: 3 }],
    },
    {
      filename: F,
      code: `import { unserialize as load } from 'node-serialize';\nload(data);`,
      errors: [{ message: codeRunning('node-serialize.unserialize', NODE_SERIALIZE), line: 2 }],
    },
    {
      filename: F,
      code: `import Cryo from 'cryo';\nconst obj = Cryo.parse(input);`,
      errors: [{ message: codeRunning('cryo.parse', 'rebuilds objects with the prototypes and functions the data names'), line: 2 }],
    },
    {
      filename: F,
      code: `const yaml = require('js-yaml');\nconst opts = { schema: yaml.DEFAULT_FULL_SCHEMA };\nyaml.load(text, opts);\nyaml.loadAll(text, (doc) => docs.push(doc), { schema: yaml.DEFAULT_FULL_SCHEMA });`,
      errors: [
        { message: yamlSchema('js-yaml.load', '`DEFAULT_FULL_SCHEMA`'), line: 3 },
        { message: yamlSchema('js-yaml.loadAll', '`DEFAULT_FULL_SCHEMA`'), line: 4 },
      ],
    },
    {
      filename: F,
      code: `import yaml from 'js-yaml';\nimport types from 'js-yaml-js-types';\nconst schema = yaml.DEFAULT_SCHEMA.extend(types.function);\nyaml.load(body, { schema });`,
      errors: [{ message: yamlSchema('js-yaml.load', 'a schema extended with `js-yaml-js-types`'), line: 4 }],
    },
    {
      filename: F,
      code: `import serialize from 'serialize-javascript';\napp.post('/state', (req, res) => {\n  const state = eval('(' + serialize(req.body.state) + ')');\n});`,
      errors: [{ message: roundTrip('eval', 'req.body.state'), line: 3 }],
    },
    {
      filename: F,
      code: `import serialize from 'serialize-javascript';\nimport vm from 'node:vm';\nexport function restore(req) {\n  const text = serialize(req.query.data);\n  new Function('return ' + text)();\n  vm.runInNewContext(text);\n}`,
      errors: [
        { message: roundTrip('new Function', 'req.query.data'), line: 5 },
        { message: roundTrip('vm.runInNewContext', 'req.query.data'), line: 6 },
      ],
    },
  ],
});

const tree = tempTrees('backlint-deserial-');

async function findings(dir: string): Promise<string[]> {
  const report = await lint({ cwd: dir, paths: ['.'], config: false, preset: 'recommended' });
  return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'backlint/no-unsafe-deserialization').map((x) => `${f.file}:${x.line} ${x.message}`));
}

const LOADS = `const yaml = require('js-yaml');\nexports.read = (text) => yaml.load(text);\nexports.full = (text) => yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });\n`;

describe('no-unsafe-deserialization and the js-yaml version package.json pins', () => {
  it('js-yaml 3: a bare load uses the full schema', async () => {
    const dir = tree({ 'package.json': JSON.stringify({ dependencies: { 'js-yaml': '^3.14.1' } }), 'src/config.js': LOADS });
    expect(await findings(dir)).toEqual([
      `src/config.js:2 ${yamlDefault('js-yaml.load', '^3.14.1')}`,
      `src/config.js:3 ${yamlSchema('js-yaml.load', '`DEFAULT_FULL_SCHEMA`')}`,
    ]);
  });

  it('js-yaml 4: load is safe and DEFAULT_FULL_SCHEMA no longer exists; a wide range is not guessed', async () => {
    expect(await findings(tree({ 'package.json': JSON.stringify({ dependencies: { 'js-yaml': '^4.1.0' } }), 'src/config.js': LOADS }))).toEqual([]);
    expect(await findings(tree({ 'package.json': JSON.stringify({ devDependencies: { 'js-yaml': '>=3' } }), 'src/config.js': LOADS }))).toEqual([
      `src/config.js:3 ${yamlSchema('js-yaml.load', '`DEFAULT_FULL_SCHEMA`')}`,
    ]);
  });
});
