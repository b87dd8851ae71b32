import { describe, expect, test } from 'bun:test';
import { ConfigurationError } from '../../../src/errors.ts';
import { codeOf } from '../../support/errors.ts';
import { estimateModelBytes } from '../../../src/server/multi-model/memory.ts';
import { DEFAULT_MULTI_MODEL_ROOT, multiModelEnabled, multiModelOptionsFromEnv } from '../../../src/server/multi-model/index.ts';

describe('multi-model settings', () => {
  test('SAGEMAKER_MULTI_MODEL or the flag turns it on', () => {
    expect(multiModelEnabled({})).toBe(false);
    expect(multiModelEnabled({ SAGEMAKER_MULTI_MODEL: 'true' })).toBe(true);
    expect(multiModelEnabled({ SAGEMAKER_MULTI_MODEL: 'false' })).toBe(false);
    expect(multiModelEnabled({}, true)).toBe(true);
  });

  test('root, budget and eviction from the environment, with defaults', () => {
    const d = multiModelOptionsFromEnv({});
    expect(d.root).toBe(DEFAULT_MULTI_MODEL_ROOT);
    expect(d.memoryBudgetBytes).toBeGreaterThan(0);
    expect(d.evictLru).toBe(false);
    expect(multiModelOptionsFromEnv({ MULTI_MODEL_ROOT: 'models', MULTI_MODEL_MEMORY_MB: '2.5', MULTI_MODEL_EVICT_LRU: '1' })).toEqual({
      root: 'models',
      memoryBudgetBytes: Math.floor(2.5 * 1048576),
      evictLru: true,
    });
    expect(() => multiModelOptionsFromEnv({ MULTI_MODEL_MEMORY_MB: '-1' })).toThrow('MULTI_MODEL_MEMORY_MB');
  });

  test('the budget is per worker process: the default half of the memory is shared by the workers; a set value is per process', () => {
    const one = multiModelOptionsFromEnv({}).memoryBudgetBytes;
    expect(Math.abs(multiModelOptionsFromEnv({}, 4).memoryBudgetBytes - one / 4)).toBeLessThanOrEqual(1);
    expect(multiModelOptionsFromEnv({ MULTI_MODEL_MEMORY_MB: '64' }, 4).memoryBudgetBytes).toBe(64 * 1048576);
  });

  test('bad values are CONFIGURATION errors naming the setting (issue 18 #20)', () => {
    for (const [name, value] of [
      ['MULTI_MODEL_MEMORY_MB', 'abc'],
      ['MULTI_MODEL_MEMORY_MB', '0'],
      ['MULTI_MODEL_EVICT_LRU', 'maybe'],
    ] as const) {
      const thrown = (() => {
        try {
          multiModelOptionsFromEnv({ [name]: value });
        } catch (e) {
          return e;
        }
      })();
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as ConfigurationError).detail?.setting).toBe(name);
    }
    expect(codeOf(() => multiModelEnabled({ SAGEMAKER_MULTI_MODEL: 'maybe' }))).toBe('CONFIGURATION');
    expect(codeOf(() => multiModelEnabled({ SAGEMAKER_MULTI_MODEL: 'maybe' }, true))).toBe('CONFIGURATION');
  });
});

describe('estimateModelBytes', () => {
  test('counts each typed-array buffer once, and never less than the floor', () => {
    const shared = new Float64Array(1000);
    const model = { a: shared, b: shared.subarray(10), c: [new Int32Array(500)], m: new Map([['k', new Uint8Array(100)]]) };
    const bytes = estimateModelBytes(model, 0);
    expect(bytes).toBeGreaterThanOrEqual(8000 + 2000 + 100);
    expect(bytes).toBeLessThan(8000 + 2000 + 100 + 1000);
    expect(estimateModelBytes(model, 1e9)).toBe(1e9);
  });

  test('cycles end the walk', () => {
    const a: Record<string, unknown> = { x: new Float32Array(4) };
    a.self = a;
    expect(estimateModelBytes(a, 0)).toBeGreaterThanOrEqual(16);
  });
});
