/** Turns anything a command throws into the one line it prints on stderr. */
import { ScorerError } from '../errors.ts';

const MAX_LINE = 600;

/** Control characters (from binary input echoed in messages) and newlines become spaces. */
function flatten(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE)}…` : flat;
}

/**
 * `mojo-scorer: [CODE] message` for our own errors; other errors carry their message only
 * (set MOJO_SCORER_DEBUG=1 to get the stack of an unexpected one).
 */
export function errorLine(e: unknown, debug = false): string {
  if (e instanceof ScorerError) return `mojo-scorer: [${e.code}] ${flatten(e.message)}`;
  if (debug && e instanceof Error && e.stack) return `mojo-scorer: ${e.stack}`;
  if (e instanceof Error) {
    const bug = e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError;
    return `mojo-scorer: ${bug ? `internal error (${e.name}): ` : ''}${flatten(e.message)}`;
  }
  return `mojo-scorer: ${flatten(String(e))}`;
}
