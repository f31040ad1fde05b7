#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// `backlint | head` closes stdout early: that is the reader's choice, not a crash.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv);
