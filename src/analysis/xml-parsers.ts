/**
 * XML parsers and the options that make them load external entities (XXE), as data.
 *
 * Only libxml2 bindings resolve external entities at all: libxmljs / libxmljs2 substitute entities
 * (`noent`), load the external DTD subset (`dtdload`, implied by `dtdattr` and needed by
 * `dtdvalid`) or process XInclude (`xinclude`) when asked, and each of these lets a document pull
 * `file:///etc/passwd` or an internal URL into the parse. The pure-JavaScript parsers backends use
 * (xml2js and sax under it, fast-xml-parser, @xmldom/xmldom, txml, xml-js) never fetch an external
 * entity or DTD, whatever their options: fast-xml-parser's `processEntities` expands only entities
 * declared inside the document (a denial-of-service question, not XXE), sax and xml2js expand only
 * the predefined ones. They are listed here so that the rule's silence about them is a decision.
 */

export interface XmlParseCall {
  /** Module specifiers of the library. */
  modules: readonly string[];
  /** Export path of the parse function (`['parseXml']`, `['Document', 'fromXml']`). */
  path: readonly string[];
  /** Index of the options argument. */
  options: number;
}

export const XXE_PARSE_CALLS: readonly XmlParseCall[] = [
  { modules: ['libxmljs', 'libxmljs2'], path: ['parseXml'], options: 1 },
  { modules: ['libxmljs', 'libxmljs2'], path: ['parseXmlString'], options: 1 },
  { modules: ['libxmljs', 'libxmljs2'], path: ['parseXmlAsync'], options: 1 },
  { modules: ['libxmljs', 'libxmljs2'], path: ['Document', 'fromXml'], options: 1 },
  { modules: ['libxmljs', 'libxmljs2'], path: ['Document', 'fromXmlAsync'], options: 1 },
];

/** Options that load external content, and what each does (for the message). */
export const XXE_OPTIONS: ReadonlyMap<string, string> = new Map([
  ['noent', 'substitutes entities, external ones included'],
  ['dtdload', 'loads the external DTD named by the document'],
  ['dtdattr', 'loads the external DTD for its default attributes'],
  ['dtdvalid', 'loads the external DTD to validate against it'],
  ['xinclude', 'includes the files and URLs an XInclude element names'],
]);

/** Modules whose parse calls are XXE candidates: the cheap gate of the rule. */
export const XXE_MODULES: readonly string[] = [...new Set(XXE_PARSE_CALLS.flatMap((c) => c.modules))];

/** The parse function names, for ruling calls out by name before resolving them. */
export const XXE_FUNCTION_NAMES: ReadonlySet<string> = new Set(XXE_PARSE_CALLS.map((c) => c.path[c.path.length - 1]!));
