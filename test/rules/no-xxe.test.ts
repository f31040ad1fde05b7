import rule from '../../rules/no-xxe.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const EFFECT: Record<string, string> = {
  noent: 'substitutes entities, external ones included',
  dtdload: 'loads the external DTD named by the document',
  dtdattr: 'loads the external DTD for its default attributes',
  dtdvalid: 'loads the external DTD to validate against it',
  xinclude: 'includes the files and URLs an XInclude element names',
};
const msg = (call: string, options: string[]) =>
  `\`${call}\` parses XML with ${options.map((o) => `\`${o}: true\``).join(', ')}: it ${options.map((o) => EFFECT[o]).join('; it ')}, so a document declaring \`<!ENTITY x SYSTEM "file:///etc/passwd">\` (or an internal URL) reads it into the result (XXE). Remove ${options.map((o) => `\`${o}\``).join(', ')} when parsing XML you did not write.`;

ruleTester.run('no-xxe', rule.eslint!, {
  valid: [
    // defaults, explicit false, options the rule cannot see
    `const libxmljs = require('libxmljs'); app.post('/x', (req, res) => libxmljs.parseXml(req.body));`,
    `import libxmljs from 'libxmljs2'; libxmljs.parseXml(xml, { noent: false, dtdload: false, nonet: true });`,
    `import libxmljs from 'libxmljs'; libxmljs.parseXml(xml, options);`,
    `import libxmljs from 'libxmljs'; libxmljs.parseXml(xml, { noent: process.env.NOENT === '1' });`,
    // a document written in the source is not an attacker's
    `import libxmljs from 'libxmljs'; libxmljs.parseXml('<a>&amp;</a>', { noent: true });`,
    // pure-JS parsers never load external entities, whatever their options
    `import { XMLParser } from 'fast-xml-parser'; new XMLParser({ processEntities: true, htmlEntities: true }).parse(req.body);`,
    `const xml2js = require('xml2js'); xml2js.parseString(req.body, { strict: false }, cb);`,
    `import sax from 'sax'; const parser = sax.parser(true, { xmlns: true }); parser.write(req.body);`,
    `import { DOMParser } from '@xmldom/xmldom'; new DOMParser().parseFromString(req.body, 'text/xml');`,
    // another library's parseXml
    `import { parseXml } from './xml'; parseXml(req.body, { noent: true });`,
  ],
  invalid: [
    {
      code: `const libxmljs = require('libxmljs');\napp.post('/import', (req, res) => {\n  const doc = libxmljs.parseXml(req.body, { noent: true });\n});`,
      errors: [{ message: msg('libxmljs.parseXml', ['noent']), line: 3 }],
    },
    {
      // named import renamed, options in a const with a spread
      code: `import { parseXmlString as parse } from 'libxmljs2';\nconst base = { dtdload: true };\nconst opts = { ...base, noent: 1 };\nparse(input, opts);`,
      errors: [{ message: msg('libxmljs2.parseXmlString', ['noent', 'dtdload']), line: 4 }],
    },
    {
      code: `import * as libxml from 'libxmljs';\nconst doc = libxml.Document.fromXml(body, Object.assign({}, { dtdvalid: true, xinclude: true }));`,
      errors: [{ message: msg('libxmljs.Document.fromXml', ['dtdvalid', 'xinclude']), line: 2 }],
    },
    {
      // a const alias of the module
      code: `const lx = require('libxmljs2');\nconst x = lx;\nx.parseXml(text, { dtdattr: true });`,
      errors: [{ message: msg('libxmljs2.parseXml', ['dtdattr']), line: 3 }],
    },
  ],
});
