/**
 * MOJO2 operations on small pipelines built byte by byte (test/support/mojo2-writer.ts): each
 * op's rule as FORMAT.md states it, and the refusal of what no published value verifies.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { loadMojo2 } from '../../src/algos/mojo2/index.ts';
import { openMojoBytes } from '../../src/mojo/index.ts';
import { numberText } from '../../src/algos/mojo2/ops/cast.ts';
import { scoreRow } from '../support/score-row.ts';
import { codeOf } from '../support/errors.ts';
import { Pb, type PipelineSpec, pipelineMessage, pipelineMojo, tensorFile, tensorRef } from '../support/mojo2-writer.ts';

const score = scoreRow;

const load = (spec: PipelineSpec, entries: Record<string, Uint8Array> = {}, allow = false) =>
  loadMojo2(openMojoBytes(pipelineMojo(spec, entries), 'test.mojo'), allow);

describe('MOJO2 operations', () => {
  test('interval map (op 28): right-closed slots, NaN last', () => {
    const m = load(
      {
        features: [['x', 'float64']],
        outputs: [['bin', 'float64']],
        transformations: [
          {
            inputs: ['x'],
            outputs: ['bin'],
            op: 28,
            params: new Pb().msg(1, tensorRef('float64', 'mojo/b')).msg(2, tensorRef('float64', 'mojo/v')),
          },
        ],
      },
      { 'mojo/b': tensorFile('float64', [1, 2]), 'mojo/v': tensorFile('float64', [10, 20, 30, 99]) },
    );
    expect(score(m, { x: '0.5' })).toEqual([10]);
    expect(score(m, { x: '1' })).toEqual([10]);
    expect(score(m, { x: '1.5' })).toEqual([20]);
    expect(score(m, { x: '2' })).toEqual([20]);
    expect(score(m, { x: '3' })).toEqual([30]);
    expect(score(m, { x: '' })).toEqual([99]);
    expect(score(m, { x: 'NA' })).toEqual([99]); // the pipeline's own missing text
  });

  test('map lookup (op 29): found keys, and the missing value for a missing or unseen key; composite keys', () => {
    const m = load(
      {
        features: [
          ['s', 'str'],
          ['n', 'float32'],
        ],
        outputs: [
          ['te', 'float64'],
          ['pair', 'float64'],
        ],
        transformations: [
          {
            inputs: ['s'],
            outputs: ['te'],
            op: 29,
            params: new Pb()
              .msg(1, tensorRef('float64', 'mojo/m'))
              .msg(2, tensorRef('str', 'mojo/k'))
              .msg(3, tensorRef('float64', 'mojo/v')),
          },
          {
            inputs: ['s', 'n'],
            outputs: ['pair'],
            op: 29,
            params: new Pb()
              .msg(1, tensorRef('float64', 'mojo/m'))
              .msg(2, tensorRef('str', 'mojo/k'))
              .msg(2, tensorRef('float32', 'mojo/k2'))
              .msg(3, tensorRef('float64', 'mojo/v2')),
          },
        ],
      },
      {
        'mojo/m': tensorFile('float64', [-1]),
        'mojo/k': tensorFile('str', ['a', 'b']),
        'mojo/v': tensorFile('float64', [1, 2]),
        'mojo/k2': tensorFile('float32', [0.1, 0.2]),
        'mojo/v2': tensorFile('float64', [7, 8]),
      },
    );
    expect(score(m, { s: 'a', n: '0.1' })).toEqual([1, 7]);
    expect(score(m, { s: 'b', n: '0.2' })).toEqual([2, 8]);
    expect(score(m, { s: 'b', n: '0.1' })).toEqual([2, -1]); // unseen pair
    expect(score(m, { s: 'zzz', n: '0.1' })).toEqual([-1, -1]); // unseen text
    expect(score(m, { s: '', n: '' })).toEqual([-1, -1]); // missing
  });

  test('XGBoost gblinear (op 31) accumulates in float32; constant arithmetic in float32 for Float32 columns', () => {
    const w = [0.1, 3.3];
    const model = new Pb()
      .int(2, 1)
      .double(3, 0.5)
      .msg(5, new Pb().msg(1, new Pb().packedDoubles(1, w)).packedDoubles(2, [0.7]))
      .msg(6, new Pb().int(1, 0).str(2, 'a'))
      .msg(6, new Pb().int(1, 1).str(2, 'b'));
    const m = load(
      {
        features: [
          ['a', 'float32'],
          ['b', 'float32'],
        ],
        outputs: [
          ['p1', 'float32'],
          ['p0', 'float32'],
        ],
        transformations: [
          { inputs: ['a', 'b'], outputs: ['p1'], op: 31, params: new Pb().str(2, 'mojo/xgb.model') },
          { inputs: ['p1'], outputs: ['p0'], op: 4, params: new Pb().int(1, 2).int(2, 1).float(5, 1) },
        ],
      },
      { 'mojo/xgb.model': model.build() },
    );
    const f = Math.fround;
    const a = f(1.7);
    const b = f(-2.9);
    let s = f(f(0.7) + f(0.5));
    s = f(s + f(f(w[0]) * a));
    s = f(s + f(f(w[1]) * b));
    expect(score(m, { a: '1.7', b: '-2.9' })).toEqual([s, f(1 - s)]);
  });

  test('trees: LightGBM splits on x <= t, XGBoost on x < float32(t); missing values follow the missing child', () => {
    const tree = (cmp: number, thr: number) =>
      new Pb().msg(
        1,
        new Pb()
          .msg(1, new Pb().int(1, 0).msg(2, new Pb().int(1, 0).double(2, thr).int(3, cmp).int(4, 1).int(5, 2).int(6, 2)))
          .msg(1, new Pb().int(1, 1).msg(3, new Pb().double(1, -1)))
          .msg(1, new Pb().int(1, 2).msg(3, new Pb().double(1, 1))),
      );
    const file = (cmp: number, thr: number) => new Pb().int(2, 1).msg(4, tree(cmp, thr)).msg(6, new Pb().int(1, 0).str(2, 'x')).build();
    const spec = (op: number): PipelineSpec => ({
      features: [['x', 'float32']],
      outputs: [['y', 'float64']],
      transformations: [{ inputs: ['x'], outputs: ['y'], op, params: new Pb().int(1, 1).str(2, 'mojo/m') }],
    });
    const lgbm = load(spec(32), { 'mojo/m': file(3, 0.5) });
    expect(score(lgbm, { x: '0.5' })).toEqual([-1]);
    expect(score(lgbm, { x: '0.6' })).toEqual([1]);
    expect(score(lgbm, { x: '' })).toEqual([1]);
    // 1020.2 is stored as the double of the float32's shortest decimal; the float32 is the threshold.
    const xgb = load(spec(31), { 'mojo/m': file(1, 1020.2) });
    expect(score(xgb, { x: '1020.2' })).toEqual([1]);
    expect(score(xgb, { x: '1020.19' })).toEqual([-1]);
  });

  test('a nested pipeline (op 30) runs on the caller’s columns; sum (op 15) and mean (op 4) in double', () => {
    const inner: PipelineSpec = {
      features: [['x', 'float64']],
      outputs: [['y', 'float64']],
      transformations: [{ inputs: ['x'], outputs: ['y'], op: 4, params: new Pb().int(1, 3).int(2, 2).double(6, 3) }],
    };
    const m = load(
      {
        features: [['x', 'float64']],
        outputs: [['mean', 'float64']],
        interims: [
          ['y', 'float64'],
          ['s', 'float64'],
        ],
        transformations: [
          { inputs: ['x'], outputs: ['y'], op: 30, params: new Pb().str(1, 'mojo/inner/pipeline.pb') },
          { inputs: ['x', 'y'], outputs: ['s'], op: 15, params: new Pb().int(1, 1) },
          { inputs: ['s'], outputs: ['mean'], op: 4, params: new Pb().int(1, 4).int(2, 2).double(6, 3) },
        ],
      },
      { 'mojo/inner/pipeline.pb': pipelineMessage(inner).build() },
    );
    expect(score(m, { x: '0.1' })).toEqual([(0.1 + 0.1 * 3) / 3]);
  });

  test('dates: Str → Time64 with %Y-%m-%d, then year and day of year (op 17)', () => {
    const m = load({
      features: [['d', 'str']],
      outputs: [
        ['year', 'int64'],
        ['doy', 'int64'],
      ],
      interims: [['t', 'time64']],
      transformations: [
        { inputs: ['d'], outputs: ['t'], op: 6, params: new Pb().str(1, '%Y-%m-%d') },
        { inputs: ['t'], outputs: ['year'], op: 17, params: new Pb().int(1, 1) },
        { inputs: ['t'], outputs: ['doy'], op: 17, params: new Pb().int(1, 7) },
      ],
    });
    expect(score(m, { d: '2016-12-31' })).toEqual([2016, 366]);
    expect(score(m, { d: '1969-02-01' })).toEqual([1969, 32]);
    expect(score(m, { d: 'not a date' })).toEqual([Number.NaN, Number.NaN]);
  });

  test('float32 → Str casts write integral values as "7.0" (one-hot keys)', () => {
    const m = load(
      {
        features: [['c', 'float32']],
        outputs: [['hit', 'float64']],
        interims: [['cs', 'str']],
        transformations: [
          { inputs: ['c'], outputs: ['cs'], op: 6 },
          {
            inputs: ['cs'],
            outputs: ['hit'],
            op: 29,
            params: new Pb()
              .msg(1, tensorRef('float64', 'mojo/m'))
              .msg(2, tensorRef('str', 'mojo/k'))
              .msg(3, tensorRef('float64', 'mojo/v')),
          },
        ],
      },
      { 'mojo/m': tensorFile('float64', [0]), 'mojo/k': tensorFile('str', ['7.0']), 'mojo/v': tensorFile('float64', [1]) },
    );
    expect(score(m, { c: '7' })).toEqual([1]);
    expect(score(m, { c: '7.5' })).toEqual([0]);
    expect(numberText(Math.fround(0.1), false, true)).toBe('0.1');
    expect(numberText(0.1, false)).toBe('0.1');
    expect(numberText(-3, true)).toBe('-3');
  });
});

describe('MOJO2 refusals', () => {
  const kmeans: PipelineSpec = {
    features: [['x', 'float64']],
    outputs: [['id', 'int32']],
    groups: [[3, 'ClusterIdTransformer']],
    transformations: [
      { inputs: ['x'], outputs: ['id'], op: 24, group: 3, params: new Pb().int(1, 2).int(2, 2).msg(3, tensorRef('float64', 'mojo/c')) },
    ],
  };
  const entries = { 'mojo/c': tensorFile('float64', [0, 10]) };

  test('an unverified operation is refused with one line naming the transformer and the operation', () => {
    const bytes = pipelineMojo(kmeans, entries);
    expect(codeOf(() => loadMojo2(openMojoBytes(bytes, 't'), false))).toBe('MOJO2_UNSUPPORTED');
    try {
      loadMojo2(openMojoBytes(bytes, 't'), false);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain("'ClusterIdTransformer'");
      expect(msg).toContain('operation 24');
      expect(msg).toContain('not supported');
      expect(msg.includes('\n')).toBe(false);
    }
  });

  test('opted in, it scores and the model lists it', () => {
    const m = load(kmeans, entries, true);
    expect(m.unverified.length).toBe(1);
    expect(score(m, { x: '6' })).toEqual([1]);
    expect(score(m, { x: '4' })).toEqual([0]);
  });

  test('MOJO_ALLOW_UNVERIFIED=1 opts in through decodeModelBytes', () => {
    const bytes = pipelineMojo(kmeans, entries);
    const before = process.env.MOJO_ALLOW_UNVERIFIED;
    process.env.MOJO_ALLOW_UNVERIFIED = '1';
    try {
      expect(decodeModelBytes(bytes).outputs.map((o) => o.name)).toEqual(['id']);
    } finally {
      if (before === undefined) delete process.env.MOJO_ALLOW_UNVERIFIED;
      else process.env.MOJO_ALLOW_UNVERIFIED = before;
    }
    expect(codeOf(() => decodeModelBytes(bytes))).toBe('MOJO2_UNSUPPORTED');
  });

  test('a parameter field no known pipeline carries is an unverified parameter', () => {
    const spec: PipelineSpec = {
      features: [['x', 'float64']],
      outputs: [['y', 'float64']],
      transformations: [{ inputs: ['x'], outputs: ['y'], op: 43, params: new Pb().int(9, 1) }],
    };
    expect(codeOf(() => decodeModelBytes(pipelineMojo(spec)))).toBe('MOJO2_UNSUPPORTED');
    expect(load(spec, {}, true).unverified[0]).toContain('parameter field 9');
  });

  test('an unknown operation number is refused even when opted in, naming the number', () => {
    const spec: PipelineSpec = {
      features: [['x', 'float64']],
      outputs: [['y', 'float64']],
      transformations: [{ inputs: ['x'], outputs: ['y'], op: 40 }],
    };
    for (const allow of [false, true]) {
      const bytes = pipelineMojo(spec);
      expect(codeOf(() => loadMojo2(openMojoBytes(bytes, 't'), allow))).toBe('MOJO2_UNSUPPORTED');
      expect(() => loadMojo2(openMojoBytes(bytes, 't'), allow)).toThrow(/operation 40\b/);
    }
  });
});
