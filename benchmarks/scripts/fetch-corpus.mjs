#!/usr/bin/env node
// Downloads the real-code corpora used by `npm run bench` and the precision reviews into
// benchmarks/.cache (git-ignored). Both come from the npm registry, the only network this
// project's machines and CI reach. Idempotent: an unpacked corpus is left as it is.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');
export const CORPORA = {
  ghost: { spec: 'ghost@6.65.0', check: 'package/core/server' },
  octokit: { spec: '@octokit/openapi@23.0.2', check: 'package/generated/api.github.com.json' },
  directus: { spec: '@directus/api@23.3.2', check: 'package/dist/app.js' },
  // Real code with its own OpenAPI document, for the spec-drift review (issue 11): Express
  // controllers in TypeScript beside openapi.yaml; an Express server whose every API folder ships
  // its openApi.json beside the compiled router.
  asyncapi: { spec: '@asyncapi/server-api@0.16.23', check: 'package/openapi.yaml' },
  signalk: { spec: 'signalk-server@2.23.0', check: 'package/dist/api/course/openApi.json' },
  // Real Express backends whose routes read req.* themselves, for the request-taint review (issue 15).
  'parse-server': { spec: 'parse-server@9.10.0', check: 'package/lib/ParseServer.js' },
  'node-red': { spec: '@node-red/editor-api@5.0.7', check: 'package/lib/index.js' },
};

export function corpusDir(name) {
  return join(cache, name);
}

export function fetchCorpus(name) {
  const { spec, check } = CORPORA[name];
  const dir = corpusDir(name);
  if (existsSync(join(dir, check))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim();
  const tgz = out.split('\n').pop();
  execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir]);
  rmSync(join(dir, tgz));
  if (!existsSync(join(dir, check))) throw new Error(`${spec}: ${check} not found after unpacking`);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(CORPORA);
  for (const n of names) console.log(`${n}: ${fetchCorpus(n)}`);
}
