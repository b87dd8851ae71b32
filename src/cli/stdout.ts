/**
 * The CLI's standard output. Bun's stdout writer reports a failed write (a full disk, a reader
 * that went away) as an uncaught exception with a stack trace, whatever catches it; Bun.write
 * rejects like any promise, so a failure becomes one line, or none when the reader closed the
 * pipe (`score … | head`), which standard tools end quietly with status 0.
 */

/** The reader of stdout went away (EPIPE, ECONNRESET): the command stops quietly with status 0. */
export class OutputClosedError extends Error {
  constructor() {
    super('the output was closed by its reader');
    this.name = 'OutputClosedError';
  }
}

/** stdout could not take the output (no space left, an I/O error): reported in one line, status 1. */
export class OutputWriteError extends Error {
  constructor(cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why = code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : cause instanceof Error ? cause.message : String(cause);
    super(`cannot write the output: ${why}`, { cause });
    this.name = 'OutputWriteError';
  }
}

/** Writes `chunk` to stdout in full; rejects with OutputClosedError or OutputWriteError. */
export async function writeStdout(chunk: string | Uint8Array): Promise<void> {
  try {
    await Bun.write(Bun.stdout, chunk);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ECONNRESET: the same when stdout is a socket (as a spawning process may hand it over).
    throw code === 'EPIPE' || code === 'ECONNRESET' ? new OutputClosedError() : new OutputWriteError(e);
  }
}
