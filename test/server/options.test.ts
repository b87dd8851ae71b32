import { expect, test } from 'bun:test';
import { optionsFromEnv, resolvePort } from '../../src/server/index.ts';
import { MAX_TIMEOUT_SECONDS, MAX_WORKERS } from '../../src/server/options.ts';
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

test('every boolean setting takes true/false (1/0, yes/no, on/off) and refuses anything else (issue 18 #20)', () => {
  const booleans = [
    'LENIENT_NUMBERS',
    'METRICS',
    'DEFAULT_CONTRIBUTIONS',
    'DEFAULT_LEAF',
    'MOJO_SCORER_REFERENCE_RECORDS',
    'MODEL_PAGE',
    'SERVE_MODEL_FILE',
    'SWAGGER',
  ];
  for (const name of booleans) {
    expect(() => optionsFromEnv({ [name]: 'true' })).not.toThrow();
    expect(() => optionsFromEnv({ [name]: 'OFF' })).not.toThrow();
    expect(codeOf(() => optionsFromEnv({ [name]: 'maybe' }))).toBe('CONFIGURATION');
    try {
      optionsFromEnv({ [name]: 'maybe' });
    } catch (e) {
      expect((e as ConfigurationError).detail?.setting).toBe(name);
      expect((e as Error).message).toBe(`${name}='maybe' must be true or false (also 1/0, yes/no, on/off)`);
    }
  }
  expect(optionsFromEnv({ METRICS: 'no' }).metrics).toBe(false);
  expect(optionsFromEnv({ METRICS: '' }).metrics).toBe(true);
  expect(optionsFromEnv({ LENIENT_NUMBERS: ' Yes ' }).lenient).toBe(true);
});

test('SAGEMAKER_MODEL_SERVER_WORKERS is a whole number from 1 to MAX_WORKERS (issue 18 #12)', () => {
  expect(optionsFromEnv({ SAGEMAKER_MODEL_SERVER_WORKERS: String(MAX_WORKERS) }).workers).toBe(MAX_WORKERS);
  for (const bad of ['100000', String(MAX_WORKERS + 1), '2.5', '0', '1e9', 'Infinity']) {
    expect(codeOf(() => optionsFromEnv({ SAGEMAKER_MODEL_SERVER_WORKERS: bad }))).toBe('CONFIGURATION');
  }
  expect(() => optionsFromEnv({ SAGEMAKER_MODEL_SERVER_WORKERS: '100000' })).toThrow(`from 1 to ${MAX_WORKERS}`);
});

test('SAGEMAKER_MODEL_SERVER_TIMEOUT stays within what a timer can wait', () => {
  expect(codeOf(() => optionsFromEnv({ SAGEMAKER_MODEL_SERVER_TIMEOUT: '1e12' }))).toBe('CONFIGURATION');
  expect(optionsFromEnv({ SAGEMAKER_MODEL_SERVER_TIMEOUT: String(MAX_TIMEOUT_SECONDS) }).timeoutMs).toBe(MAX_TIMEOUT_SECONDS * 1000);
});

test('an echoed bad setting is truncated', () => {
  expect(() => optionsFromEnv({ METRICS: 'x'.repeat(10_000) })).toThrow(/^METRICS='x{100}…' must/);
});
