import { readFileSync } from 'node:fs';

/**
 * The version in package.json, read once. The file sits one level above both src/ (tsx) and
 * dist/ (the build), so the same path works in development and in the container.
 */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
