/**
 * One JSON object per line on stdout (CloudWatch and `docker logs` read it as is). Lines below
 * the process's log level (SAGEMAKER_CONTAINER_LOG_LEVEL or LOG_LEVEL, see logLevelFromEnv) are
 * dropped.
 */
import { ConfigurationError, echoed } from '../errors.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** Python's numeric levels (SageMaker's containers use them: SAGEMAKER_CONTAINER_LOG_LEVEL=20). */
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Level names as Python, log4j and Node loggers spell them. */
const NAMED: Record<string, number> = {
  trace: 10,
  debug: 10,
  info: 20,
  warn: 30,
  warning: 30,
  error: 40,
  critical: 50,
  fatal: 50,
};

let minRank = RANK.info;

export const jsonLogger: Logger = (level, msg, fields) => {
  if (RANK[level] < minRank) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, pid: process.pid, msg, ...fields });
  (level === 'info' || level === 'debug' ? process.stdout : process.stderr).write(`${line}\n`);
};

export const silentLogger: Logger = () => {};

/** Whether jsonLogger writes lines of `level` (callers skip building fields nobody reads). */
export function logs(level: LogLevel): boolean {
  return RANK[level] >= minRank;
}

/**
 * The numeric level SAGEMAKER_CONTAINER_LOG_LEVEL (SageMaker's setting), else LOG_LEVEL, asks
 * for: a Python-style number (10 debug, 20 info, 30 warning, 40 error, 50 critical) or a name;
 * info when unset. Anything else is a CONFIGURATION error naming the setting.
 */
export function logLevelFromEnv(env: Record<string, string | undefined>): number {
  const name = env.SAGEMAKER_CONTAINER_LOG_LEVEL?.trim() ? 'SAGEMAKER_CONTAINER_LOG_LEVEL' : 'LOG_LEVEL';
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return RANK.info;
  if (/^\d{1,3}$/.test(raw)) return Number(raw);
  const named = NAMED[raw.toLowerCase()];
  if (named !== undefined) return named;
  throw new ConfigurationError(
    name,
    `${name}='${echoed(raw)}' must be a level name (debug, info, warning, error, critical) or a number (10, 20, 30, 40, 50)`,
  );
}

/** Sets the level jsonLogger writes from (a numeric level as logLevelFromEnv returns). */
export function setLogLevel(rank: number): void {
  minRank = rank;
}
