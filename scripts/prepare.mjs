/**
 * `npm ci` / `npm install` in a clone of the repository builds the package (the README's two
 * commands need `dist/`). Anywhere the sources are not beside this script — an installed package,
 * whose files are already built by `prepack` — there is nothing to do.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
if (!existsSync(path.join(root, 'src')) || !existsSync(path.join(root, 'tsconfig.build.json'))) process.exit(0);
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
