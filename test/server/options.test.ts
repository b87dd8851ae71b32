import { expect, test } from 'bun:test';
import { optionsFromEnv, resolvePort } from '../../src/server/index.ts';

test('port: --port, then SAGEMAKER_BIND_TO_PORT, then PORT, then 8080', () => {
  expect(resolvePort(9000, { SAGEMAKER_BIND_TO_PORT: '9100', PORT: '9200' })).toBe(9000);
  expect(resolvePort(undefined, { SAGEMAKER_BIND_TO_PORT: '9100', PORT: '9200' })).toBe(9100);
  expect(resolvePort(undefined, { PORT: '9200' })).toBe(9200);
  expect(resolvePort(undefined, {})).toBe(8080);
  expect(() => resolvePort(undefined, { PORT: 'http' })).toThrow(/invalid port/);
});

test('options from env', () => {
  const o = optionsFromEnv({ OUTPUT_STYLE: 'compat', LENIENT_NUMBERS: 'true', MAX_PAYLOAD_MB: '2', SAGEMAKER_MODEL_SERVER_WORKERS: '3' });
  expect(o).toMatchObject({
    style: 'compat',
    lenient: true,
    maxPayloadBytes: 2 * 1024 * 1024,
    workers: 3,
    metrics: true,
    fastRecords: true,
  });
  const d = optionsFromEnv({});
  expect(d.style).toBe('record');
  expect(d.lenient).toBe(false);
  expect(d.maxPayloadBytes).toBe(6 * 1024 * 1024);
  expect(d.workers).toBeGreaterThanOrEqual(1);
  expect(() => optionsFromEnv({ OUTPUT_STYLE: 'xml' })).toThrow();
  expect(() => optionsFromEnv({ SAGEMAKER_MODEL_SERVER_WORKERS: '0' })).toThrow();
});
