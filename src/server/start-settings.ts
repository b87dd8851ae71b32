/**
 * The settings that decide how the server starts (which port, how many processes, which
 * contract), apart from the rest of options.ts: a primary of several workers reads only these,
 * so that it spawns its workers without loading the modules a serving process needs (they read
 * and check every other setting, and a bad one reaches the primary as their start-up failure).
 */
import { availableParallelism } from 'node:os';
import { ConfigurationError, echoed } from '../errors.ts';
import { booleanSetting, type Env, numberSetting } from './env-settings.ts';

/** Most worker processes SAGEMAKER_MODEL_SERVER_WORKERS may ask for (each holds its own copy of the model). */
export const MAX_WORKERS = 256;

/** SAGEMAKER_MODEL_SERVER_WORKERS: a whole number from 1 to MAX_WORKERS; one per CPU when unset. */
export function workersFromEnv(env: Env): number {
  return numberSetting(env, 'SAGEMAKER_MODEL_SERVER_WORKERS', Math.min(availableParallelism(), MAX_WORKERS), {
    min: 1,
    max: MAX_WORKERS,
    integer: true,
  });
}

/** SAGEMAKER_MULTI_MODEL=true (or the CLI's --multi-model) turns the multi-model routes on. */
export function multiModelEnabled(env: Env, flag?: boolean): boolean {
  // Read even when the flag is given: a bad value is still a bad setting.
  const fromEnv = booleanSetting(env, 'SAGEMAKER_MULTI_MODEL', false);
  return flag === true || fromEnv;
}

/** `--port` wins, then SAGEMAKER_BIND_TO_PORT, then PORT, then 8080. */
export function resolvePort(explicit: number | undefined, env: Env): number {
  const raw = explicit !== undefined ? String(explicit) : env.SAGEMAKER_BIND_TO_PORT || env.PORT || '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    const setting =
      explicit !== undefined ? '--port' : env.SAGEMAKER_BIND_TO_PORT ? 'SAGEMAKER_BIND_TO_PORT' : env.PORT ? 'PORT' : '--port';
    throw new ConfigurationError(setting, `invalid port '${echoed(raw)}'`);
  }
  return port;
}

/** The listening address: HOST, else every interface. */
export function hostname(): string {
  return process.env.HOST || '0.0.0.0';
}
