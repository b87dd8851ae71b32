/** Error-code assertions shared by the tests (STYLE point 7: every corrupt input asserts its code). */
import { ScorerError } from '../../src/errors.ts';

/**
 * The `code` of the ScorerError `f` throws; undefined when it returns normally. Any other
 * exception is reported as text, so a failing assertion shows what was thrown instead.
 */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ScorerError ? e.code : `not a ScorerError: ${String(e)}`;
  }
  return undefined;
}
