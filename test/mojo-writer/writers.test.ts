/**
 * GBM / GLM writers: archive layout, model.ini as our header reader sees it, and reference
 * scorers against values recorded from h2o-genmodel (Java) for the same generated MOJOs.
 */
import { describe, expect, test } from 'bun:test';
import { unzipSync } from 'fflate';
import { openMojoBytes, readHeader } from '../../src/mojo/index.ts';
import {
  gbmMojoFiles,
  gbmPredict,
  glmPredict,
  leaf,
  split,
  writeGbmMojo,
  writeGlmMojo,
  type GbmMojoSpec,
  type GlmMojoSpec,
} from '../support/mojo-writer/index.ts';

const bits = (h: string): number => {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, BigInt(`0x${h}`));
  return v.getFloat64(0);
};

const regression: GbmMojoSpec = {
  features: [{ name: 'x' }, { name: 'color', domain: ['blue', 'green', 'red'] }],
  response: { name: 'y' },
  distribution: 'gaussian',
  initF: 10,
  trees: [
    [
      split(
        0,
        'NALeft',
        { type: 'numeric', threshold: 2 },
        leaf(-1),
        split(1, 'Right', { type: 'bitset', rightLevels: [2] }, leaf(0.5), leaf(3)),
      ),
    ],
    [null],
    [leaf(0.25)],
  ],
};

describe('writeGbmMojo', () => {
  test('archive entries and header', () => {
    const zip = writeGbmMojo(regression);
    const names = Object.keys(unzipSync(zip));
    expect(names).toEqual([
      'model.ini',
      'domains/d000.txt',
      'trees/t00_000.bin',
      'trees/t00_000_aux.bin',
      'trees/t00_002.bin',
      'trees/t00_002_aux.bin',
    ]);
    const h = readHeader(openMojoBytes(zip, 'reg.zip'));
    expect(h.algo).toBe('gbm');
    expect(h.category).toBe('Regression');
    expect(h.columns).toEqual(['x', 'color', 'y']);
    expect(h.domains).toEqual([null, ['blue', 'green', 'red'], null]);
    const ini = new TextDecoder().decode(gbmMojoFiles(regression).get('model.ini'));
    expect(ini).toContain('init_f = 10.0\n');
    expect(ini).toContain('n_trees = 3\n');
    expect(ini).toContain('link_function = identity\n');
  });

  test('regression reference: Σ trees + init_f, empty trees skipped', () => {
    expect(gbmPredict(regression, [1, 2])).toEqual([10 - 1 + 0.25]);
    expect(gbmPredict(regression, [5, 2])).toEqual([10 + 3 + 0.25]);
    expect(gbmPredict(regression, [5, NaN])).toEqual([10 + 3 + 0.25]); // NA → Right
    expect(gbmPredict(regression, [NaN, 2])).toEqual([10 - 1 + 0.25]); // NA → Left
  });

  test('multinomial: one tree per class per group, files tCC_TTT, softmax output', () => {
    const spec: GbmMojoSpec = {
      features: [{ name: 'x' }],
      response: { name: 'k', domain: ['a', 'b', 'c'] },
      distribution: 'multinomial',
      initF: 0,
      trees: [[leaf(1), leaf(0), split(0, 'Left', { type: 'numeric', threshold: 0 }, leaf(-1), leaf(2))]],
    };
    const names = [...gbmMojoFiles(spec).keys()];
    expect(names).toContain('trees/t02_000.bin');
    const p = gbmPredict(spec, [1]);
    const e = [Math.exp(-1), Math.exp(-2), 1];
    const s = e[0] + e[1] + e[2];
    expect(p[0]).toBe(2);
    for (const [i, v] of p.slice(1).entries()) expect(v).toBeCloseTo(e[i] / s, 15);
  });
});

// The three GLMs below were written with writeGlmMojo and scored by h2o-genmodel's
// MojoModel.score0; the hex values are Java's doubles.
const glmBinomial: GlmMojoSpec = {
  cats: [
    { name: 'color', domain: ['blue', 'green', 'red'], mode: 2 },
    { name: 'size', domain: ['L', 'M', 'S'], mode: 1 },
  ],
  nums: [
    { name: 'x', mean: 1.5 },
    { name: 'y', mean: -2 },
  ],
  response: { name: 'label', domain: ['no', 'yes'] },
  family: 'binomial',
  link: 'logit',
  beta: [0.3, -0.7, 0.25, 0.1, 1.25, -0.5, 0.125],
  meanImputation: true,
  defaultThreshold: 0.4,
};
const glmGaussian: GlmMojoSpec = {
  cats: [{ name: 'color', domain: ['blue', 'green', 'red'] }],
  nums: [{ name: 'x' }, { name: 'y' }],
  response: { name: 'target' },
  family: 'gaussian',
  link: 'identity',
  beta: [1, 2, 3, 0.5, -0.25, 10],
  useAllFactorLevels: true,
};
const glmPoisson: GlmMojoSpec = {
  cats: [],
  nums: [{ name: 'x', mean: 2 }],
  response: { name: 'count' },
  family: 'poisson',
  link: 'log',
  beta: [0.2, 1],
  meanImputation: true,
};

describe('writeGlmMojo', () => {
  test('model.ini carries the GlmMojoReader keys', () => {
    const zip = writeGlmMojo(glmBinomial);
    const ini = new TextDecoder().decode(unzipSync(zip)['model.ini']);
    for (const line of [
      'algo = glm',
      'use_all_factor_levels = false',
      'cats = 2',
      'cat_offsets = [0, 2, 4]',
      'nums = 2',
      'mean_imputation = true',
      'num_means = [1.5, -2.0]',
      'cat_modes = [2, 1]',
      'beta = [0.3, -0.7, 0.25, 0.1, 1.25, -0.5, 0.125]',
      'family = binomial',
      'link = logit',
    ]) {
      expect(ini).toContain(`${line}\n`);
    }
    expect(readHeader(openMojoBytes(zip, 'glm.zip')).columns).toEqual(['color', 'size', 'x', 'y', 'label']);
    expect(() => writeGlmMojo({ ...glmBinomial, beta: [1, 2] })).toThrow();
  });

  test('reference scorer matches h2o-genmodel', () => {
    const close = (got: number[], want: string[]): void => {
      expect(got.length).toBe(want.length);
      for (const [i, v] of got.entries()) expect(Math.abs(v - bits(want[i]))).toBeLessThanOrEqual(Math.abs(bits(want[i])) * 1e-15);
    };
    close(glmPredict(glmBinomial, [0, 0, 1, 2]), ['3ff0000000000000', '3fda11c01bf10224', '3fe2f71ff2077eee']);
    close(glmPredict(glmBinomial, [1, 2, -1, 0.5]), ['0', '3fe73c557c34d288', '3fd1875507965af1']);
    close(glmPredict(glmBinomial, [2, 1, NaN, NaN]), ['3ff0000000000000', '3fb28a8ac9fdefe0', '3fedaeaea6c04204']);
    close(glmPredict(glmBinomial, [NaN, NaN, 3, 3]), ['3ff0000000000000', '3fc04b880f932b38', '3febed1dfc1b3532']);
    close(glmPredict(glmGaussian, [1, 2, -1]), ['402a800000000000']);
    close(glmPredict(glmGaussian, [2, 0, 0]), ['402a000000000000']);
    close(glmPredict(glmPoisson, [1]), ['400a8f99761065a4']);
    close(glmPredict(glmPoisson, [NaN]), ['4010388657115a47']);
  });
});
