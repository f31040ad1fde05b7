/**
 * Code that runs once rather than per request: migrations, seeders and start-up hooks. A query
 * per element there costs a slower deploy or boot, not a slower request for every user, so rules
 * about per-request cost (no-query-in-loop) leave it alone. Known by where the file lives and by
 * what the function is called; the words are data below.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { splitWords } from './values.js';

/** Folder names of one-off scripts: `db/migrations/…`, `prisma/seed.ts`, `database/seeders/…`. */
const ONE_OFF_FOLDERS = new Set(['migrations', 'migration', 'migrate', 'seeds', 'seed', 'seeders', 'seeder', 'seeding']);
/** Last words of a one-off script's file name: `seed.ts`, `stripe-migrations.js`, `run-seeder.js`. */
const ONE_OFF_FILE_WORDS = new Set(['migration', 'migrations', 'migrate', 'seed', 'seeds', 'seeder', 'seeders']);

/**
 * Start-up hooks (Nest `onModuleInit`, `onApplicationBootstrap`; a `bootstrap()` function) and
 * the entry points of migrations and seeds (`up`, `down`, `seed`, `seedDatabase`, `runMigrations`).
 */
const STARTUP_FUNCTIONS = new Set(['onModuleInit', 'onApplicationBootstrap', 'bootstrap', 'up', 'down']);
const STARTUP_FUNCTION_WORDS = new Set(['seed', 'seeds', 'migrate', 'migration', 'migrations', 'backfill']);

export function isOneOffFile(filename: string): boolean {
  const parts = filename.replace(/\\/g, '/').split('/');
  const base = parts.pop() ?? '';
  if (parts.some((p) => ONE_OFF_FOLDERS.has(p.toLowerCase()))) return true;
  const dot = base.indexOf('.');
  const words = splitWords(dot === -1 ? base : base.slice(0, dot));
  const last = words[words.length - 1];
  return last !== undefined && ONE_OFF_FILE_WORDS.has(last);
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function functionName(fn: FunctionNode): string | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const p = fn.parent;
  if (p?.type === AST_NODE_TYPES.VariableDeclarator && p.id.type === AST_NODE_TYPES.Identifier) return p.id.name;
  if ((p?.type === AST_NODE_TYPES.Property || p?.type === AST_NODE_TYPES.MethodDefinition) && p.key.type === AST_NODE_TYPES.Identifier) return p.key.name;
  return null;
}

/** Is `node` inside a function named as a start-up hook or a migration/seed entry point? */
export function inStartupFunction(node: TSESTree.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== AST_NODE_TYPES.FunctionDeclaration && p.type !== AST_NODE_TYPES.FunctionExpression && p.type !== AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const name = functionName(p);
    if (!name) continue;
    if (STARTUP_FUNCTIONS.has(name)) return true;
    const words = splitWords(name);
    if (words.some((w) => STARTUP_FUNCTION_WORDS.has(w))) return true;
  }
  return false;
}
