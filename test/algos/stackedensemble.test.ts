/**
 * Stacked Ensemble and MOJO pipeline composition with fake nested models: which values reach
 * the metalearner / main model, in which slots, after which transform and column mapping.
 */
import { describe, expect, test } from 'bun:test';
import { RowMapper } from '../../src/algos/common/nested/index.ts';
import { stackedEnsembleReader, logitOfProbability } from '../../src/algos/stackedensemble/index.ts';
import { pipelineReader } from '../../src/algos/pipeline/index.ts';
import type { InputColumn, Model, OutputColumn } from '../../src/algos/index.ts';
import { RowError } from '../../src/errors.ts';
import { fakeHeader } from '../support/fake-model.ts';
import { fakeContext, type MojoColumn, type MojoSpec } from '../support/multi-mojo.ts';
import { codeOf } from '../support/errors.ts';

/** A nested model whose prediction is `f(row)`; it remembers the last row it saw. */
class Fake implements Model {
  readonly header = fakeHeader();
  readonly outWidth: number;
  readonly explanations = {};
  seen: number[] = [];
  constructor(
    readonly inputs: readonly InputColumn[],
    readonly outputs: readonly OutputColumn[],
    private readonly f: (row: number[]) => number[],
  ) {
    this.outWidth = outputs.length;
  }
  score(raw: Float64Array, out: Float64Array): void {
    this.seen = [...raw];
    const r = this.f(this.seen);
    for (let i = 0; i < r.length; i++) out[i] = r[i];
  }
}

const num = (name: string): InputColumn => ({ name, domain: null });
const cat = (name: string, domain: string[]): InputColumn => ({ name, domain });
const BINOMIAL_OUT: OutputColumn[] = [
  { name: 'predict', kind: 'label', domain: ['no', 'yes'] },
  { name: 'no', kind: 'number' },
  { name: 'yes', kind: 'number' },
];
const binomial = (p: number) => [p >= 0.5 ? 1 : 0, 1 - p, p];

const COLUMNS: MojoColumn[] = [{ name: 'x' }, { name: 'color', domain: ['red', 'green', 'blue'] }, { name: 'y', domain: ['no', 'yes'] }];

function seSpec(info: MojoSpec['info'], columns = COLUMNS, nclasses = 2, category = 'Binomial'): MojoSpec {
  return {
    algo: 'stackedensemble',
    algorithm: 'StackedEnsemble',
    category,
    supervised: true,
    nclasses,
    columns,
    info: [
      ['submodel_count', { raw: '3' }],
      ['submodel_key_0', 'meta'],
      ['submodel_dir_0', 'models/GLM/meta/'],
      ['submodel_key_1', 'A'],
      ['submodel_dir_1', 'models/GBM/A/'],
      ['submodel_key_2', 'B'],
      ['submodel_dir_2', 'models/DRF/B/'],
      ['metalearner', 'meta'],
      ...(info ?? []),
    ],
  };
}

function run(m: Model, row: number[], offset = 0): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, offset);
  return [...out];
}

describe('stacked ensemble: binomial with the Logit transform', () => {
  // A lists the colour levels in another order and reads only colour and x (reversed).
  const A = new Fake([cat('color', ['blue', 'red', 'green']), num('x')], BINOMIAL_OUT, ([c, x]) => binomial(x / 10 + c / 100));
  const B = new Fake([num('x')], BINOMIAL_OUT, ([x]) => {
    if (x === 666) throw new RowError('Predicted class probability NaN!');
    return binomial(x === x ? 0.25 : 0.75);
  });
  const meta = new Fake([num('A'), num('unused'), num('B')], BINOMIAL_OUT, ([a, u, b]) => binomial(1 / (1 + Math.exp(-(a + u + b)))));
  const ctx = fakeContext(
    seSpec([
      ['base_models_num', { raw: '3' }],
      ['base_model0', 'A'],
      ['base_model2', 'B'],
      ['metalearner_transform', 'Logit'],
    ]),
    { 'models/GLM/meta/': meta, 'models/GBM/A/': A, 'models/DRF/B/': B },
  );
  const se = stackedEnsembleReader.read(ctx);

  test('outputs follow the ensemble response', () => {
    expect(se.outputs.map((c) => c.name)).toEqual(['predict', 'no', 'yes']);
    expect(se.inputs.map((c) => c.name)).toEqual(['x', 'color']);
  });

  test('base models see their own columns and levels; the metalearner sees logits by slot', () => {
    const out = run(se, [3, 0]); // x = 3, colour = red
    expect(A.seen).toEqual([1, 3]); // red is level 1 in A's domain
    expect(B.seen).toEqual([3]);
    const pA = 3 / 10 + 1 / 100;
    // the unused slot 1 stays 0 and is transformed too: logit(1e-9) floored at -19
    expect(meta.seen).toEqual([Math.log(pA / (1 - pA)), -19, Math.log(0.25 / 0.75)]);
    expect(out).toEqual(binomial(1 / (1 + Math.exp(-(meta.seen[0] - 19 + meta.seen[2])))));
  });

  test('unseen level for a base model → missing; base model errors propagate', () => {
    run(se, [NaN, NaN]);
    expect(A.seen[0]).toBeNaN();
    expect(meta.seen[2]).toBe(Math.log(0.75 / 0.25));
    expect(codeOf(() => run(se, [666, 0]))).toBe('ROW_ERROR');
  });

  test('an offset is refused like the reference', () => {
    expect(codeOf(() => run(se, [1, 1], 0.5))).toBe('ROW_ERROR');
  });

  test('logit clamps probabilities', () => {
    expect(logitOfProbability(0)).toBe(-19);
    expect(logitOfProbability(1)).toBeCloseTo(Math.log((1 - 1e-9) / 1e-9), 6);
    expect(logitOfProbability(NaN)).toBeNaN();
  });
});

describe('stacked ensemble: regression and multinomial slots', () => {
  test('regression: one prediction per base model, no transform', () => {
    const reg: OutputColumn[] = [{ name: 'predict', kind: 'number' }];
    const A = new Fake([num('x')], reg, ([x]) => [x * 2]);
    const B = new Fake([num('x')], reg, ([x]) => [x + 1]);
    const meta = new Fake([num('A'), num('B')], reg, ([a, b]) => [a - b]);
    const cols: MojoColumn[] = [{ name: 'x' }, { name: 'target' }];
    const se = stackedEnsembleReader.read(
      fakeContext(
        seSpec(
          [
            ['base_models_num', { raw: '2' }],
            ['base_model0', 'A'],
            ['base_model1', 'B'],
          ],
          cols,
          1,
          'Regression',
        ),
        {
          'models/GLM/meta/': meta,
          'models/GBM/A/': A,
          'models/DRF/B/': B,
        },
      ),
    );
    expect(run(se, [5])).toEqual([10 - 6]);
    expect(meta.seen).toEqual([10, 6]);
  });

  test('multinomial: nclasses probabilities per base model', () => {
    const out3: OutputColumn[] = [
      { name: 'predict', kind: 'label', domain: ['a', 'b', 'c'] },
      ...['a', 'b', 'c'].map((n) => ({ name: n, kind: 'number' as const })),
    ];
    const A = new Fake([num('x')], out3, () => [0, 0.5, 0.3, 0.2]);
    const B = new Fake([num('x')], out3, () => [1, 0.1, 0.8, 0.1]);
    const meta = new Fake(['a', 'b', 'c', 'd', 'e', 'f'].map(num), out3, () => [2, 0.2, 0.2, 0.6]);
    const cols: MojoColumn[] = [{ name: 'x' }, { name: 'y', domain: ['a', 'b', 'c'] }];
    const se = stackedEnsembleReader.read(
      fakeContext(
        seSpec(
          [
            ['base_models_num', { raw: '2' }],
            ['base_model0', 'A'],
            ['base_model1', 'B'],
          ],
          cols,
          3,
          'Multinomial',
        ),
        {
          'models/GLM/meta/': meta,
          'models/GBM/A/': A,
          'models/DRF/B/': B,
        },
      ),
    );
    expect(run(se, [1])).toEqual([2, 0.2, 0.2, 0.6]);
    expect(meta.seen).toEqual([0.5, 0.3, 0.2, 0.1, 0.8, 0.1]);
  });
});

describe('stacked ensemble: corrupt artifacts', () => {
  const reg: OutputColumn[] = [{ name: 'predict', kind: 'number' }];
  const cols: MojoColumn[] = [{ name: 'x' }, { name: 'target' }];
  const nested = () => ({
    'models/GLM/meta/': new Fake([num('A')], reg, () => [0]),
    'models/GBM/A/': new Fake([num('z')], reg, () => [0]),
    'models/DRF/B/': new Fake([num('x')], reg, () => [0]),
  });
  const load = (info: MojoSpec['info']) => () => stackedEnsembleReader.read(fakeContext(seSpec(info, cols, 1, 'Regression'), nested()));

  test('a base model reading a column the ensemble lacks', () => {
    expect(
      codeOf(
        load([
          ['base_models_num', { raw: '1' }],
          ['base_model0', 'A'],
        ]),
      ),
    ).toBe('MOJO_FORMAT');
  });
  test('an unknown metalearner transform', () => {
    expect(
      codeOf(
        load([
          ['base_models_num', { raw: '1' }],
          ['base_model0', 'B'],
          ['metalearner_transform', 'Softmax'],
        ]),
      ),
    ).toBe('MOJO_FORMAT');
  });
  test('a base model alias that is not a nested model', () => {
    expect(
      codeOf(
        load([
          ['base_models_num', { raw: '1' }],
          ['base_model0', 'C'],
        ]),
      ),
    ).toBe('MOJO_FORMAT');
  });
  test('a metalearner wider than the base-model slots', () => {
    expect(codeOf(load([['base_models_num', { raw: '0' }]]))).toBe('MOJO_FORMAT');
  });
});

describe('RowMapper', () => {
  test('maps by name and level string, once', () => {
    const m = RowMapper.build([num('a'), cat('c', ['x', 'y', 'z'])], [cat('c', ['z', 'x']), num('a')], 'test');
    const dst = new Float64Array(2);
    m.map(Float64Array.of(7, 0), dst);
    expect([...dst]).toEqual([1, 7]);
    m.map(Float64Array.of(7, 1), dst);
    expect(dst[0]).toBeNaN(); // 'y' is unknown to the target
    expect(m.identity).toBe(false);
    expect(RowMapper.build([num('a'), num('b')], [num('a'), num('b')], 't').identity).toBe(true);
  });
});

describe('pipeline: sub-model outputs become main-model columns', () => {
  const cluster = new Fake([num('AGE')], [{ name: 'cluster', kind: 'integer' }], ([age]) => [age === age ? (age > 50 ? 1 : 0) : -1]);
  const main = new Fake([cat('CLUSTER', ['0', '1']), num('PSA')], [{ name: 'predict', kind: 'number' }], ([c, psa]) => [c * 100 + psa]);
  const spec: MojoSpec = {
    algo: 'pipeline',
    algorithm: 'MOJO Pipeline',
    category: 'Regression',
    supervised: true,
    columns: [{ name: 'AGE' }, { name: 'PSA' }, { name: 'CAPSULE' }],
    info: [
      ['submodel_count', { raw: '2' }],
      ['submodel_key_0', 'km'],
      ['submodel_dir_0', 'models/km/'],
      ['submodel_key_1', 'glm'],
      ['submodel_dir_1', 'models/glm/'],
      ['generated_column_count', { raw: '1' }],
      ['generated_column_name_0', 'CLUSTER'],
      ['generated_column_model_0', 'km'],
      ['generated_column_index_0', { raw: '0' }],
      ['main_model', 'glm'],
    ],
  };
  const p = pipelineReader.read(fakeContext(spec, { 'models/km/': cluster, 'models/glm/': main }));

  test('the main model gets generated and direct columns', () => {
    expect(p.outputs.map((c) => c.name)).toEqual(['predict']);
    expect(run(p, [60, 2.5])).toEqual([102.5]);
    expect(main.seen).toEqual([1, 2.5]);
    expect(run(p, [20, NaN])[0]).toBeNaN();
  });

  test('a negative level for a categorical generated column fails the row', () => {
    expect(codeOf(() => run(p, [NaN, 1]))).toBe('ROW_ERROR');
  });

  test('a generated slot the sub-model does not write → MOJO_FORMAT', () => {
    const bad = {
      ...spec,
      info: spec.info!.map(([k, v]) => (k === 'generated_column_index_0' ? ([k, { raw: '3' }] as const) : ([k, v] as const))),
    };
    expect(codeOf(() => pipelineReader.read(fakeContext(bad, { 'models/km/': cluster, 'models/glm/': main })))).toBe('MOJO_FORMAT');
  });
});
