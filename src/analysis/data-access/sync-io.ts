/**
 * classifySyncIo: blocking `*Sync` calls of fs, child_process, crypto key derivation and zlib
 * (no-sync-io-in-handler), with the async alternative to suggest.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { propertyName } from '../imports.js';
import { unwrap } from '../values.js';
import { stateOf } from './receivers.js';
import { CRYPTO_SYNC, SYNC_MODULES } from './tables/io.js';
import type { Call, Context } from './types.js';

export interface SyncIo {
  /** `fs`, `child_process`, `crypto`, `zlib`. */
  module: string;
  /** `fs.readFileSync`. */
  what: string;
  /** The async alternative to suggest. */
  alternative: string;
}

/** A blocking `*Sync` call of fs, child_process, crypto (key derivation) or zlib, or null. */
export function classifySyncIo(call: Call, context: Context): SyncIo | null {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (!name || !name.endsWith('Sync')) return null;
  const s = stateOf(context);
  const ref = s.tracker.resolve(callee);
  if (!ref) return null;
  // Own keys only: a module named `toString` or `constructor` is not a table entry.
  const mod = Object.hasOwn(SYNC_MODULES, ref.source) ? SYNC_MODULES[ref.source] : undefined;
  if (!mod) return null;
  const p = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
  if (p.length !== 1 || p[0] !== name) return null;
  if (mod === 'crypto' && !CRYPTO_SYNC.has(name)) return null;
  const base = name.slice(0, -4);
  const alternative =
    mod === 'fs' ? (base === 'exists' ? 'fs.promises.access' : `fs.promises.${base}`) :
    mod === 'child_process' ? `${base === 'spawn' ? 'spawn' : base} (async, or util.promisify)` :
    `${mod}.${base} (callback or util.promisify)`;
  return { module: mod, what: `${mod}.${name}`, alternative };
}
