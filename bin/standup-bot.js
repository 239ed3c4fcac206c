#!/usr/bin/env node
// Runs the TypeScript sources through tsx, or the compiled build when it is present (the container).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (existsSync(compiled) && process.env.STANDUP_BOT_FROM_SOURCE !== '1') {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
