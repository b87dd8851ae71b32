import { expect, test } from 'bun:test';
import { optionsFromEnv, resolvePort } from '../../src/server/index.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { codeOf } from '../support/errors.ts';

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
  expect(codeOf(() => optionsFromEnv({ OUTPUT_STYLE: 'xml' }))).toBe('CONFIGURATION');
  expect(codeOf(() => optionsFromEnv({ SAGEMAKER_MODEL_SERVER_WORKERS: '0' }))).toBe('CONFIGURATION');
});

test('bad settings are CONFIGURATION errors naming the setting', () => {
  const setting = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      return (e as ConfigurationError).detail?.setting;
    }
    return undefined;
  };
  expect(setting(() => resolvePort(undefined, { PORT: 'http' }))).toBe('PORT');
  expect(setting(() => resolvePort(undefined, { SAGEMAKER_BIND_TO_PORT: '70000' }))).toBe('SAGEMAKER_BIND_TO_PORT');
  expect(setting(() => resolvePort(1.5, {}))).toBe('--port');
  expect(setting(() => optionsFromEnv({ MAX_PAYLOAD_MB: '-1' }))).toBe('MAX_PAYLOAD_MB');
  expect(setting(() => optionsFromEnv({ SAGEMAKER_MODEL_SERVER_WORKERS: 'many' }))).toBe('SAGEMAKER_MODEL_SERVER_WORKERS');
  expect(setting(() => optionsFromEnv({ OUTPUT_STYLE: 'xml' }))).toBe('OUTPUT_STYLE');
});

test('SageMaker settings: SAGEMAKER_MAX_PAYLOAD_IN_MB wins over MAX_PAYLOAD_MB; SAGEMAKER_MODEL_SERVER_TIMEOUT in seconds', () => {
  const MB = 1024 * 1024;
  expect(optionsFromEnv({ SAGEMAKER_MAX_PAYLOAD_IN_MB: '100', MAX_PAYLOAD_MB: '2' }).maxPayloadBytes).toBe(100 * MB);
  expect(optionsFromEnv({ MAX_PAYLOAD_MB: '2' }).maxPayloadBytes).toBe(2 * MB);
  expect(optionsFromEnv({ SAGEMAKER_MAX_PAYLOAD_IN_MB: ' ' }).maxPayloadBytes).toBe(6 * MB);
  expect(optionsFromEnv({}).timeoutMs).toBe(60_000);
  expect(optionsFromEnv({ SAGEMAKER_MODEL_SERVER_TIMEOUT: '0.2' }).timeoutMs).toBe(200);
  expect(codeOf(() => optionsFromEnv({ SAGEMAKER_MAX_PAYLOAD_IN_MB: 'lots' }))).toBe('CONFIGURATION');
  expect(codeOf(() => optionsFromEnv({ SAGEMAKER_MODEL_SERVER_TIMEOUT: '0' }))).toBe('CONFIGURATION');
});
