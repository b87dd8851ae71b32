/**
 * Settings of the HTTP behaviour every route shares (habits/index.ts): the access log, CORS and
 * gzip. Read once at start-up; a bad value stops the process with a CONFIGURATION error.
 */
import { ConfigurationError, echoed } from '../../errors.ts';
import { booleanSetting, type Env } from '../env-settings.ts';

export interface HttpHabits {
  /** One log line per request (ACCESS_LOG). */
  accessLog: boolean;
  /** Origins allowed cross-origin (CORS_ORIGINS, comma-separated, or `*`); empty: no CORS headers. */
  corsOrigins: readonly string[];
  /** Compress answers for clients that accept gzip (GZIP). */
  gzip: boolean;
}

/** Nothing but the request id: what tests and embedders get unless they ask for more. */
export const NO_HABITS: HttpHabits = { accessLog: false, corsOrigins: [], gzip: false };

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
function checkedOrigin(text: string): string {
  if (text === '*') return text;
  let origin: string | undefined;
  try {
    origin = new URL(text).origin;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || origin === 'null' || origin !== text.replace(/\/$/, ''))
    throw new ConfigurationError(
      'CORS_ORIGINS',
      `CORS_ORIGINS: '${echoed(text)}' is not an origin (scheme://host[:port], e.g. https://app.example.com) or '*'`,
    );
  return origin;
}

/** ACCESS_LOG (default off), CORS_ORIGINS (default none) and GZIP (default on). */
export function httpHabitsFromEnv(env: Env): HttpHabits {
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map(checkedOrigin);
  return {
    accessLog: booleanSetting(env, 'ACCESS_LOG', false),
    corsOrigins: origins.includes('*') ? ['*'] : origins,
    gzip: booleanSetting(env, 'GZIP', true),
  };
}
