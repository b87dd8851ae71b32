import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../../src/algos/index.ts';
import { glmSpec, writeLinearMojo } from '../../support/linear-mojo.ts';
import { codeOf } from '../../support/errors.ts';

const sigmoid = (x: number) => 1 / (Math.exp(-x) + 1);
const COLOR = ['r', 'g', 'b'];

function binomial(over: Partial<Parameters<typeof glmSpec>[0]> = {}) {
  return decodeModelBytes(
    writeLinearMojo(
      glmSpec({
        category: 'Binomial',
        columns: [{ name: 'color', domain: COLOR }, { name: 'x' }, { name: 'y', domain: ['no', 'yes'] }],
        nclasses: 2,
        family: 'binomial',
        link: 'logit',
        cats: 1,
        catOffsets: [0, 2],
        nums: 1,
        beta: [0.5, -1, 2, -0.25],
        ...over,
      }),
    ),
  );
}

function score(m: ReturnType<typeof binomial>, row: number[], offset = 0): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, offset);
  return Array.from(out);
}

describe('GLM binomial', () => {
  test('drops level 0, adds numeric terms, intercept and offset', () => {
    const m = binomial();
    expect(m.outputs.map((o) => o.name)).toEqual(['predict', 'no', 'yes']);
    const mu = sigmoid(0.5 + 2 * 0.5 - 0.25);
    expect(score(m, [1, 0.5])).toEqual([1, 1 - mu, mu]);
    const mu0 = sigmoid(0 + 2 * 0.5 - 0.25); // level 0 has no coefficient
    expect(score(m, [0, 0.5])).toEqual([1, 1 - mu0, mu0]);
    const muOff = sigmoid(0.5 + 1 - 0.25 + 0.75);
    expect(score(m, [1, 0.5], 0.75)[2]).toBe(muOff);
  });

  test('label uses default_threshold (mu >= threshold)', () => {
    const m = binomial({ threshold: 0.9 });
    expect(score(m, [1, 0.5])[0]).toBe(0);
    const at = binomial({ beta: [0, 0, 0, 0], threshold: 0.5 });
    expect(score(at, [0, 1])[0]).toBe(1); // mu = 0.5 exactly
  });

  test('use_all_factor_levels keeps level 0', () => {
    const m = binomial({ useAll: true, catOffsets: [0, 3], beta: [0.1, 0.2, 0.3, 1, 0] });
    const mu = sigmoid(0.1 + 2);
    expect(score(m, [0, 2])[2]).toBe(mu);
  });

  test('mean imputation fills categorical mode and numeric mean', () => {
    const m = binomial({ catModes: [2], numMeans: [3] });
    const mu = sigmoid(-1 + 6 - 0.25);
    expect(score(m, [NaN, NaN])[2]).toBe(mu);
    const raw = Float64Array.from([NaN, NaN]);
    m.score(raw, new Float64Array(3), 0);
    expect(Number.isNaN(raw[0])).toBe(true); // caller's row untouched
  });

  test('without imputation: missing categorical is a row error, missing numeric gives NaN', () => {
    const m = binomial();
    expect(codeOf(() => score(m, [NaN, 1]))).toBe('ROW_ERROR');
    const r = score(m, [1, NaN]);
    expect(r[0]).toBe(0);
    expect(Number.isNaN(r[1]) && Number.isNaN(r[2])).toBe(true);
  });

  test('quasibinomial without a response domain answers "0"/"1"', () => {
    const m = binomial({ family: 'quasibinomial', columns: [{ name: 'color', domain: COLOR }, { name: 'x' }, { name: 'y' }] });
    expect(m.outputs.map((o) => o.name)).toEqual(['predict', '0', '1']);
    expect(m.outputs[0]).toMatchObject({ kind: 'label', domain: ['0', '1'] });
  });

  test('MOJOs without an algo key are found by their algorithm name', () => {
    const m = binomial({ noAlgo: true });
    expect(m.header.algo).toBe('glm');
  });
});

function regression(family: string, link: string, beta: number[], tweediePower?: number) {
  return decodeModelBytes(
    writeLinearMojo(
      glmSpec({
        category: 'Regression',
        columns: [{ name: 'x' }, { name: 'y' }],
        nclasses: 1,
        family,
        link,
        cats: 0,
        catOffsets: [0],
        nums: 1,
        beta,
        tweediePower,
      }),
    ),
  );
}

describe('GLM regression links', () => {
  test('identity', () => expect(score(regression('gaussian', 'identity', [2, 1]), [3])).toEqual([7]));
  test('log (poisson)', () => expect(score(regression('poisson', 'log', [0.5, 0.1]), [2])).toEqual([Math.exp(1.1)]));
  test('inverse (gamma) clamps |eta| at 1e-5', () => {
    const m = regression('gamma', 'inverse', [1, 0]);
    expect(score(m, [4])).toEqual([0.25]);
    expect(score(m, [0])).toEqual([1 / 1e-5]);
    expect(score(m, [-1e-9])).toEqual([1 / -1e-5]);
  });
  test('tweedie link power', () => {
    expect(score(regression('tweedie', 'tweedie', [1, 1], 0.5), [2])).toEqual([9]);
    expect(score(regression('tweedie', 'tweedie', [1, -100], 0), [0])).toEqual([2e-16]);
  });
  test('offset is added to eta', () => expect(score(regression('gaussian', 'identity', [2, 1]), [3], 0.5)).toEqual([7.5]));
  test('outputs', () => expect(regression('gaussian', 'identity', [2, 1]).outputs).toEqual([{ name: 'predict', kind: 'number' }]));
});

describe('GLM corrupt or unscorable MOJOs', () => {
  test('unknown link is a format error', () => {
    expect(codeOf(() => regression('gaussian', 'cloglog2', [1, 0]))).toBe('MOJO_FORMAT');
  });
  test('a link named like an Object prototype member is a format error, not a link', () => {
    for (const link of ['constructor', 'toString', '__proto__']) {
      expect({ link, code: codeOf(() => regression('gaussian', link, [1, 0])) }).toEqual({ link, code: 'MOJO_FORMAT' });
    }
  });
  test('missing beta is a format error', () => {
    const spec = glmSpec({
      category: 'Regression',
      columns: [{ name: 'x' }, { name: 'y' }],
      nclasses: 1,
      family: 'gaussian',
      link: 'identity',
      cats: 0,
      catOffsets: [0],
      nums: 1,
      beta: [],
    });
    expect(codeOf(() => decodeModelBytes(writeLinearMojo(spec)))).toBe('MOJO_FORMAT');
  });
  test('cat_offsets inconsistent with cats is a format error', () => {
    expect(codeOf(() => binomial({ catOffsets: [0, 2, 3] }))).toBe('MOJO_FORMAT');
  });
  test('coefficients past the feature row (interaction MOJOs) fail every row', () => {
    const m = binomial({ beta: [0.5, -1, 2, 3, 4, -0.25] });
    expect(codeOf(() => score(m, [1, 0.5]))).toBe('ROW_ERROR');
  });
});
