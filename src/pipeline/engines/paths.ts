/** Paths as both code engines and the report see them. */
import path from 'node:path';

/** `abs` relative to `cwd`, with forward slashes: the report's file names. */
export function relativeFile(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join('/') || path.basename(abs);
}

/**
 * The deepest directory containing every path: the code engines' working directory (ESLint
 * ignores files outside its cwd) and the root rules see as `context.cwd`.
 */
export function commonAncestor(paths: readonly string[]): string {
  let common = path.resolve(paths[0]!);
  for (const p of paths.slice(1)) {
    const abs = path.resolve(p);
    while (abs !== common && !abs.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) {
      const parent = path.dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}
