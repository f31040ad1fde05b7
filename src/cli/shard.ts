/** `--shard i/n` on the command line; the split itself is src/pipeline/shard.ts. */
import { InvalidArgumentError } from 'commander';
import type { Shard } from '../pipeline/shard.js';

export type { Shard } from '../pipeline/shard.js';

export function parseShard(value: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!(index >= 1 && total >= 1 && index <= total)) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. 2/4');
  return { index, total };
}
