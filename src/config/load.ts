/**
 * Finding and reading the config file: `backlint.config.json`, `.yaml`, `.yml`, or a `"backlint"`
 * key in package.json, searched from the working directory upward (the nearest wins, like
 * .editorconfig or ESLint's flat config lookup).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { yamlModule } from '../lazy-modules.js';
import { BacklintUsageError, validateConfig, type ResolvedConfig } from './schema.js';

export const CONFIG_FILE_NAMES = ['backlint.config.json', 'backlint.config.yaml', 'backlint.config.yml'] as const;

function readStructured(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BacklintUsageError(`Cannot read config file ${file}: ${(e as Error).message}`);
  }
  try {
    return file.endsWith('.json') ? JSON.parse(text) : yamlModule().parse(text);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0] ?? '';
    throw new BacklintUsageError(`Cannot parse config file ${file}${jsonErrorPlace(text, message)}: ${message}`);
  }
}

/**
 * `:line:column` of a JSON syntax error: Node before 22 only says "at position N" (YAML's errors
 * already name line and column).
 */
function jsonErrorPlace(text: string, message: string): string {
  if (/\bline \d+ column \d+/.test(message)) return '';
  const m = /\bat position (\d{1,12})\b/.exec(message);
  if (!m) return '';
  const offset = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}

/** Reads and validates one named config file (`--config FILE`). */
export function loadConfigFile(file: string, displayName = file): ResolvedConfig {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new BacklintUsageError(`Config file not found: ${displayName}`);
  const raw = readStructured(abs);
  const isPackageJson = path.basename(abs) === 'package.json';
  const value = isPackageJson ? (raw as Record<string, unknown> | null)?.backlint : raw;
  if (isPackageJson && value === undefined) {
    throw new BacklintUsageError(`Config file ${displayName} has no "backlint" key`);
  }
  // An empty YAML file parses to null: treat it as an empty config rather than an error.
  const config = validateConfig(value ?? {}, path.relative(process.cwd(), abs) || abs);
  return { ...config, file: abs, baseDir: path.dirname(abs) };
}

/** The nearest config from `cwd` upward, or undefined when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        if (json && typeof json === 'object' && 'backlint' in json) return pkg;
      } catch {
        // intentionally ignored: a broken package.json is not ours to judge; keep looking upward.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(cwd: string, explicitFile?: string): ResolvedConfig {
  if (explicitFile) return loadConfigFile(path.resolve(cwd, explicitFile), explicitFile);
  const file = findConfigFile(cwd);
  if (!file) return { baseDir: path.resolve(cwd) };
  return loadConfigFile(file);
}
