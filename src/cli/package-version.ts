/**
 * The package's version, read from package.json. Called as a Bun macro (see version.ts), so it
 * runs when the CLI is transpiled or compiled: the compiled binary carries the version it was
 * built from and needs no package.json beside it.
 */
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
