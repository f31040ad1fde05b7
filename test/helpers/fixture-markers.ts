/**
 * The fixture apps' code files and their `// expect: backlint/<id>` markers, for the tests that run
 * a real linter binary over them and compare its findings with the markers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const CODE = /\.(?:[cm]?[jt]sx?)$/;
const MARKER = /\/\/\s*expect:\s*((?:backlint\/[\w-]+[ \t]*)+)/;

/** Every code file under `dir` (node_modules left out), absolute paths. */
export function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...codeFiles(full));
    else if (CODE.test(name)) out.push(full);
  }
  return out;
}

/** `<file relative to repo>:<line> <rule id>` for each marker under `dir` naming an `enabled` rule, sorted. */
export function markers(repo: string, dir: string, enabled: Set<string>): string[] {
  const out: string[] = [];
  for (const file of codeFiles(dir)) {
    const rel = path.relative(repo, file);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const m = MARKER.exec(text);
        if (!m) return;
        for (const id of new Set(m[1]!.trim().split(/\s+/))) if (enabled.has(id)) out.push(`${rel}:${i + 1} ${id}`);
      });
  }
  return out.sort();
}
