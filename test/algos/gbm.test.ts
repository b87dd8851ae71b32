/** GBM reader on MOJOs written by the test-side writer, with hand-computed expectations. */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { leaf, split, writeGbmMojo, zipFiles, type GbmMojoSpec } from '../support/mojo-writer/index.ts';
import { gbmMojoFiles } from '../support/mojo-writer/gbm.ts';
import { utf8 } from '../support/mojo-writer/index.ts';
import { codeOf } from '../support/errors.ts';

// x >= 0.5 ? 1 : -1 (NA left); leaf weights 1 and 3 for SHAP
const stump = () =>
  split(0, 'NALeft', { type: 'numeric', threshold: 0.5 }, leaf(-1, { weight: 1, sqErr: 0 }), leaf(1, { weight: 3, sqErr: 0 }));
// color in {red, blue} -> right
const colorSplit = (l: number, r: number) => split(1, 'NARight', { type: 'bitset', rightLevels: [0, 2] }, leaf(l), leaf(r));
const features = [{ name: 'x' }, { name: 'color', domain: ['red', 'green', 'blue'] }];

function score(m: Model, row: number[], offset = 0): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, offset);
  return Array.from(out);
}
const load = (spec: GbmMojoSpec): Model => decodeModelBytes(writeGbmMojo(spec), 'test');

describe('GBM bernoulli', () => {
  const spec: GbmMojoSpec = {
    features,
    response: { name: 'y', domain: ['no', 'yes'] },
    distribution: 'bernoulli',
    initF: 0.5,
    trees: [[stump()], [colorSplit(-0.25, 0.25)]],
  };
  const m = load(spec);
  test('outputs and p1 = logistic(trees + init_f + offset)', () => {
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'no', 'yes']);
    const p1 = 1 / (1 + Math.exp(-(1 + 0.25 + 0.5)));
    expect(score(m, [1, 0])).toEqual([1, 1 - p1, p1]);
    const q1 = 1 / (1 + Math.exp(-(-1 - 0.25 + 0.5 + 2)));
    expect(score(m, [0, 1], 2)).toEqual([1, 1 - q1, q1]);
    const r1 = 1 / (1 + Math.exp(-(-1 + 0.25 + 0.5))); // NaN: x left, color right
    expect(score(m, [NaN, NaN])).toEqual([0, 1 - r1, r1]);
  });
  test('leaf paths and node ids', () => {
    expect(m.explanations.leaf!.names).toEqual(['T1.C1', 'T2.C1']);
    expect(m.explanations.leaf!.compute(Float64Array.of(1, 1), 0)).toEqual(['R', 'L']);
    expect(m.explanations.leaf_node_ids.compute(Float64Array.of(1, 1), 0)).toEqual([2, 1]);
  });
  test('TreeSHAP contributions: bias = init_f + tree means', () => {
    const c = m.explanations.contributions!;
    expect(c.names).toEqual(['x', 'color', 'BiasTerm']);
    // tree 1: E = (1*-1 + 3*1)/4 = 0.5, x=1 -> phi_x = 0.5; tree 2 (weights 1/1): E = 0, color=0 -> +0.25
    expect(c.compute(Float64Array.of(1, 0), 0)).toEqual([0.5, 0.25, 0.5 + 0.5]);
  });
});

describe('GBM multinomial and regression', () => {
  test('three classes: softmax over per-class tree sums, init_f ignored', () => {
    const m = load({
      features,
      response: { name: 'y', domain: ['a', 'b', 'c'] },
      distribution: 'multinomial',
      initF: 0,
      trees: [[leaf(1), stump(), leaf(0)]],
    });
    const e = [Math.exp(0), Math.exp(-2), Math.exp(-1)]; // max-shifted (max = 1)
    const s = e[0] + e[1] + e[2];
    expect(score(m, [0, 0])).toEqual([0, e[0] / s, e[1] / s, e[2] / s]);
    expect(m.explanations.contributions).toBeUndefined();
  });
  test('two-class multinomial uses f and -f', () => {
    const m = load({ features, response: { name: 'y', domain: ['a', 'b'] }, distribution: 'multinomial', initF: 0.25, trees: [[stump()]] });
    const f = 1 + 0.25;
    const e1 = Math.exp(0);
    const e2 = Math.exp(-f - f);
    expect(score(m, [1, 0])).toEqual([0, e1 / (e1 + e2), e2 / (e1 + e2)]);
  });
  test('gaussian: identity of trees + init_f + offset', () => {
    const m = load({ features, response: { name: 'y' }, distribution: 'gaussian', initF: 10, trees: [[stump()], [colorSplit(2, 4)]] });
    expect(m.outputs.map((c) => c.name)).toEqual(['predict']);
    expect(score(m, [1, 1])).toEqual([13]);
    expect(score(m, [0, 2], 0.5)).toEqual([13.5]);
  });
  test('poisson: exp link', () => {
    const m = load({ features, response: { name: 'y' }, distribution: 'poisson', initF: 0.5, trees: [[stump()]] });
    expect(score(m, [1, 0])).toEqual([Math.exp(1.5)]);
  });
});

describe('GBM calibration', () => {
  test('Platt scaling adds cal_ columns', () => {
    const m = load({
      features,
      response: { name: 'y', domain: ['0', '1'] },
      distribution: 'bernoulli',
      initF: 0,
      trees: [[stump()]],
      extraInfo: [
        ['calib_method', 'platt'],
        ['calib_glm_beta', [-2, 1]],
      ],
    });
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'p0', 'p1', 'cal_p0', 'cal_p1']);
    const p1 = 1 / (1 + Math.exp(-1));
    const cal = 1 / (Math.exp(-((1 - p1) * -2 + 1)) + 1);
    expect(score(m, [1, 0])).toEqual([1, 1 - p1, p1, 1 - cal, cal]);
  });
});

describe('GBM corrupt artifacts', () => {
  const base: GbmMojoSpec = { features, response: { name: 'y' }, distribution: 'gaussian', initF: 0, trees: [[stump()]] };
  const withFiles = (edit: (m: Map<string, Uint8Array>) => void): Uint8Array => {
    const files = new Map(gbmMojoFiles(base));
    edit(files);
    return zipFiles(files);
  };
  test('unknown distribution', () => {
    const z = withFiles((f) =>
      f.set('model.ini', utf8(new TextDecoder().decode(f.get('model.ini')!).replace('distribution = gaussian', 'distribution = nope'))),
    );
    expect(codeOf(() => decodeModelBytes(z))).toBe('MOJO_FORMAT');
  });
  test('unknown calibration method', () => {
    const z = withFiles((f) =>
      f.set('model.ini', utf8(new TextDecoder().decode(f.get('model.ini')!).replace('[columns]', 'calib_method = magic\n\n[columns]'))),
    );
    expect(codeOf(() => decodeModelBytes(z))).toBe('MOJO_FORMAT');
  });
  test('missing aux blob', () => {
    expect(codeOf(() => decodeModelBytes(withFiles((f) => f.delete('trees/t00_000_aux.bin'))))).toBe('MOJO_FORMAT');
  });
  test('truncated tree blob', () => {
    expect(codeOf(() => decodeModelBytes(withFiles((f) => f.set('trees/t00_000.bin', f.get('trees/t00_000.bin')!.subarray(0, 6)))))).toBe(
      'MOJO_FORMAT',
    );
  });
  test('a newer mojo_version is refused', () => {
    const z = withFiles((f) =>
      f.set('model.ini', utf8(new TextDecoder().decode(f.get('model.ini')!).replace('mojo_version = 1.40', 'mojo_version = 1.50'))),
    );
    expect(codeOf(() => decodeModelBytes(z))).toBe('UNSUPPORTED_VERSION');
  });
});
