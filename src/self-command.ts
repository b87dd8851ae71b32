/**
 * How this program starts another copy of itself (server workers, `score --workers`): `bun
 * src/cli.ts`, or, inside a `bun build --compile` binary (whose modules live under Bun's
 * virtual /$bunfs/ folder), the binary alone: it always runs its embedded entry point, and an
 * extra script argument would be taken for the command.
 */
import { fileURLToPath } from 'node:url';

export const SELF_COMMAND: readonly string[] = inCompiledBinary()
  ? [process.execPath]
  : [process.execPath, fileURLToPath(new URL('./cli.ts', import.meta.url))];

/**
 * True inside a `bun build --compile` binary. Its entry point is under Bun's virtual /$bunfs/
 * folder; import.meta.url says so too, except in a `--bytecode` build, which keeps the modules'
 * source paths there (the Dockerfile builds with --bytecode: parsing is most of a cold start).
 */
export function inCompiledBinary(): boolean {
  return (typeof Bun !== 'undefined' && Bun.main.startsWith('/$bunfs/')) || import.meta.url.includes('/$bunfs/');
}
