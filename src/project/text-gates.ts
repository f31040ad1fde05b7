/**
 * The questions the project-wide indexes ask of a file's text before (or instead of) parsing it.
 * Kept in one small module because two places must agree on them: the indexes themselves
 * (mounts.ts, route-table.ts) and the CLI cache's digest of the project's shape (./dependencies.ts),
 * which must change whenever an answer the indexes depend on can.
 */
import { mayHoldRoutes } from '../analysis/routes.js';
import { importSpecifiers } from './resolve.js';

/**
 * Whether a file may declare routes (the route model's own gate, see routes.ts `mayHoldRoutes`):
 * files failing it are not parsed for the route table, the drift check or the taint search (most
 * of a backend; a `.get(` on a Map is not a route).
 */
export function textMayDeclareRoutes(abs: string, text: string, specifiers: readonly string[] = importSpecifiers(text)): boolean {
  return mayHoldRoutes(abs, text, specifiers);
}

/** The text-gate cache key of that answer (files.ts `projectTextMatches`). */
export const ROUTES_GATE = 'may-declare-routes';

/** NestJS application settings that change every route's path. */
const NEST_SETTINGS_TEXT = /setGlobalPrefix|enableVersioning|RouterModule/;

export function textMayHoldNestSettings(text: string): boolean {
  return NEST_SETTINGS_TEXT.test(text);
}

/** `fastify.register(AutoLoad, { dir })`: plugins loaded from a folder, not imported. */
export function textMayRegisterAutoload(text: string): boolean {
  return text.includes('autoload');
}
