/**
 * How this program starts another copy of itself (server workers, `score --workers`): `bun
 * src/cli.ts`, or, inside a `bun build --compile` binary (whose modules live under Bun's
 * virtual /$bunfs/ folder), the binary alone: it always runs its embedded entry point, and an
 * extra script argument would be taken for the command.
 */
import { fileURLToPath } from 'node:url';

export const SELF_COMMAND: readonly string[] = import.meta.url.includes('/$bunfs/')
  ? [process.execPath]
  : [process.execPath, fileURLToPath(new URL('./cli.ts', import.meta.url))];
