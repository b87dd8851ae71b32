/** The log level from SAGEMAKER_CONTAINER_LOG_LEVEL / LOG_LEVEL: Python's numbers and level names. */
import { afterEach, expect, spyOn, test } from 'bun:test';
import { jsonLogger, logLevelFromEnv, setLogLevel } from '../../src/server/log.ts';
import { codeOf } from '../support/errors.ts';

afterEach(() => setLogLevel(logLevelFromEnv({})));

test('numbers and names; SageMaker’s setting wins over LOG_LEVEL; info when unset', () => {
  expect(logLevelFromEnv({})).toBe(20);
  expect(logLevelFromEnv({ SAGEMAKER_CONTAINER_LOG_LEVEL: '10' })).toBe(10);
  expect(logLevelFromEnv({ LOG_LEVEL: 'WARNING' })).toBe(30);
  expect(logLevelFromEnv({ LOG_LEVEL: 'warn' })).toBe(30);
  expect(logLevelFromEnv({ LOG_LEVEL: 'critical' })).toBe(50);
  expect(logLevelFromEnv({ SAGEMAKER_CONTAINER_LOG_LEVEL: '40', LOG_LEVEL: 'debug' })).toBe(40);
  expect(logLevelFromEnv({ SAGEMAKER_CONTAINER_LOG_LEVEL: ' ', LOG_LEVEL: 'debug' })).toBe(10);
  for (const bad of ['loud', '-1', '2.5']) expect(codeOf(() => logLevelFromEnv({ LOG_LEVEL: bad }))).toBe('CONFIGURATION');
});

test('lines below the level are dropped', () => {
  const out = spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = spyOn(process.stderr, 'write').mockImplementation(() => true);
  let written: string[] = [];
  try {
    setLogLevel(logLevelFromEnv({ SAGEMAKER_CONTAINER_LOG_LEVEL: '30' }));
    jsonLogger('info', 'hidden');
    jsonLogger('warn', 'shown');
    setLogLevel(logLevelFromEnv({ LOG_LEVEL: 'debug' }));
    jsonLogger('debug', 'shown too');
    // Read before the spies are restored (restoring clears what they recorded).
    written = [...out.mock.calls, ...err.mock.calls].map((c) => JSON.parse(String(c[0])).msg);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  expect(written.sort()).toEqual(['shown', 'shown too']);
});
