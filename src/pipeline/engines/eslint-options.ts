/**
 * ESLint options module for worker threads (see `createEslint` in eslint.ts): each worker
 * imports it and rebuilds backlint's config from the JSON spec the main thread put in the
 * environment.
 */
import { buildEslintOptions, OPTIONS_ENV, type EslintOptionsSpec } from './eslint.js';

const raw = process.env[OPTIONS_ENV];
if (!raw) throw new Error(`backlint internal error: ${OPTIONS_ENV} is not set`);

export default buildEslintOptions(JSON.parse(raw) as EslintOptionsSpec);
