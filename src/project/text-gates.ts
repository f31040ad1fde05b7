/**
 * The questions the project-wide indexes ask of a file's text before (or instead of) parsing it.
 * Kept in one small module because two places must agree on them: the indexes themselves
 * (mounts.ts, route-table.ts) and the CLI cache's digest of the project's shape (./dependencies.ts),
 * which must change whenever an answer the indexes depend on can.
 */

/**
 * Text a file declaring routes must hold: a route-shaped call, a Nest method decorator or a
 * Next.js handler export. Files without it are not parsed for the route table (most of a backend).
 */
const MAY_DECLARE_ROUTES = /\.(?:get|post|put|patch|delete|del|head|options|all|route|on)\s*\(|@(?:Get|Post|Put|Patch|Delete|Head|Options|All)\b|\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/;

export function textMayDeclareRoutes(text: string): boolean {
  return MAY_DECLARE_ROUTES.test(text);
}

/** NestJS application settings that change every route's path. */
const NEST_SETTINGS_TEXT = /setGlobalPrefix|enableVersioning|RouterModule/;

export function textMayHoldNestSettings(text: string): boolean {
  return NEST_SETTINGS_TEXT.test(text);
}

/** `fastify.register(AutoLoad, { dir })`: plugins loaded from a folder, not imported. */
export function textMayRegisterAutoload(text: string): boolean {
  return text.includes('autoload');
}
