/**
 * One JSON object per line on stdout (CloudWatch and `docker logs` read it as is).
 */
export type LogLevel = 'info' | 'warn' | 'error';

export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export const jsonLogger: Logger = (level, msg, fields) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, pid: process.pid, msg, ...fields });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
};

export const silentLogger: Logger = () => {};
