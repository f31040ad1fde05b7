#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (as ESLint's bin does); a no-op before. Called
// before the CLI is imported, so its modules are compiled through the cache.
module.enableCompileCache?.();

// `backlint | head` closes stdout early: that is the reader's choice, not a crash.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv);
