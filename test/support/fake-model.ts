/** A hand-made Model for tests that exercise encoding/serving without a real MOJO. */
import type { Model, OutputColumn } from '../../src/algos/index.ts';
import { ModelInfo, type MojoHeader } from '../../src/mojo/index.ts';
import { RowError } from '../../src/errors.ts';

export function fakeHeader(over: Partial<MojoHeader> = {}): MojoHeader {
  return {
    algo: 'fake',
    algorithmName: 'Fake',
    category: 'Binomial',
    mojoVersion: 1,
    h2oVersion: '3.46.0.1',
    uuid: '1',
    supervised: true,
    nfeatures: 3,
    nclasses: 2,
    columns: ['x', 'color', 'y', 'label'],
    domains: [null, ['red', 'green', 'blue'], null, ['no', 'yes']],
    responseColumn: 'label',
    offsetColumn: null,
    treatmentColumn: null,
    defaultThreshold: 0.5,
    balanceClasses: false,
    priorClassDistrib: undefined,
    modelClassDistrib: undefined,
    info: new ModelInfo(new Map(), 'fake'),
    ...over,
  };
}

/**
 * Binomial toy: p(yes) = logistic(x + level(color) - y), missing inputs count as 0;
 * x = 666 raises a RowError (to exercise per-row errors).
 */
export function fakeBinomial(over: Partial<MojoHeader> = {}): Model {
  const header = fakeHeader(over);
  const outputs: OutputColumn[] = [
    { name: 'predict', kind: 'label', domain: ['no', 'yes'] },
    { name: 'no', kind: 'number' },
    { name: 'yes', kind: 'number' },
  ];
  return {
    header,
    inputs: [
      { name: 'x', domain: null },
      { name: 'color', domain: ['red', 'green', 'blue'] },
      { name: 'y', domain: null },
    ],
    outputs,
    outWidth: 3,
    explanations: {},
    score(raw, out, offset) {
      if (raw[0] === 666) throw new RowError('Predicted class probability NaN!');
      const z = (raw[0] === raw[0] ? raw[0] : 0) + (raw[1] === raw[1] ? raw[1] : 0) - (raw[2] === raw[2] ? raw[2] : 0) + offset;
      const p = 1 / (1 + Math.exp(-z));
      out[1] = 1 - p;
      out[2] = p;
      out[0] = p >= 0.5 ? 1 : 0;
    },
  };
}

/** fakeBinomial whose rows each take `ms` of CPU (for time limits and stop signals between slices). */
export function slowModel(ms: number): Model {
  const m = fakeBinomial();
  const score = m.score.bind(m);
  return {
    ...m,
    score(raw, out, offset) {
      const end = performance.now() + ms;
      while (performance.now() < end) {}
      score(raw, out, offset);
    },
  };
}
