#!/usr/bin/env node
// Entry for `npx hearth …`: registers tsx so the TypeScript sources run directly, without a build step.
import { register } from 'tsx/esm/api';

register();
// `hearth trace show x | head` closes the pipe early: stop quietly instead of crashing.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
