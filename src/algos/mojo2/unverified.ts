/**
 * The line between what is served and what is refused: an operation, model kind or parameter
 * that no published value or structure pins (FORMAT.md "inferred") is refused at load with one
 * line naming the transformer and the operation (MOJO2_UNSUPPORTED), unless the user opted in
 * (--allow-unverified, MOJO_ALLOW_UNVERIFIED=1); then each use is recorded for the start-up
 * warning and `inspect`.
 */
import { Mojo2UnsupportedError } from '../../errors.ts';
import { hostEnvVars } from '../../mojo/index.ts';

/** The environment variable that opts in to unverified operations. */
export const ALLOW_UNVERIFIED_ENV = 'MOJO_ALLOW_UNVERIFIED';

/** True when MOJO_ALLOW_UNVERIFIED is set to anything but '' or '0'. */
export function unverifiedAllowed(env: Record<string, string | undefined> = hostEnvVars()): boolean {
  const v = env[ALLOW_UNVERIFIED_ENV];
  return v !== undefined && v !== '' && v !== '0';
}

/** Collects unverified uses while a pipeline compiles; refuses the first one unless allowed. */
export class UnverifiedPolicy {
  readonly used: string[] = [];

  constructor(
    readonly allow: boolean,
    private readonly origin: string,
  ) {}

  /**
   * `what` names the transformer and operation ("transformer 'X' (operation 24, k-means)");
   * `why` says what is not verified.
   */
  check(what: string, why: string): void {
    if (!this.allow) {
      throw new Mojo2UnsupportedError(
        `${this.origin}: ${what} is not supported: ${why} is not verified by any published value (set ${ALLOW_UNVERIFIED_ENV}=1 or pass --allow-unverified to score it anyway)`,
      );
    }
    const line = `${what}: ${why}`;
    if (!this.used.includes(line)) this.used.push(line);
  }
}

/** An operation no public pipeline uses: refused whatever the opt-in (nothing says what it does). */
export function unknownOperation(origin: string, what: string): Mojo2UnsupportedError {
  return new Mojo2UnsupportedError(`${origin}: ${what} is not supported (an operation number no known Driverless AI pipeline uses)`);
}
