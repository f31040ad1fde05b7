/**
 * Our own package.json, found by walking up from this module: the same code runs as
 * src/*.ts under the tests and as dist/src/*.js when built, at different depths.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
}

function findPackageJson(): PackageInfo {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'backlint') return { name: pkg.name, version: pkg.version ?? '0.0.0' };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { name: 'backlint', version: '0.0.0' };
    dir = parent;
  }
}

export const PACKAGE: PackageInfo = findPackageJson();
