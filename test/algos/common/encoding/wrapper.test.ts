/**
 * The categorical-encoding wrapper forwards every member of the Model contract: a model behind it
 * keeps its offset rule, its statefulness, its explanations (over the encoded row) and its
 * re-binding. MEMBERS lists the contract, so a new Model member fails to typecheck here until the
 * wrapper (and this test) know about it.
 */
import { describe, expect, test } from 'bun:test';
import type { ExtraOutput, Model } from '../../../../src/algos/index.ts';
import { compilePlan, EncodedModel, type OrigColumns } from '../../../../src/algos/common/encoding/index.ts';
import { fakeHeader } from '../../../support/fake-model.ts';

/** Every member of Model, optional ones included (`satisfies` refuses a missing or unknown key). */
const MEMBERS = {
  header: true,
  inputs: true,
  outputs: true,
  outWidth: true,
  acceptsOffset: true,
  stateful: true,
  score: true,
  explanations: true,
  bindInputs: true,
} satisfies Record<keyof Model, true>;

const header = fakeHeader({ supervised: false, responseColumn: null, columns: ['c'], domains: [null], nfeatures: 1 });
/** One original categorical 'c' with levels a, b: one-hot into 3 slots (a, b, NA). */
const ORIG: OrigColumns = { names: ['c'], domains: [['a', 'b']], projection: new Float64Array(0) };
const WIDTH = 3;

/** The encoded row as an explanation returns it. */
const echo = (tag: string): ExtraOutput => ({ names: [tag], compute: (raw, offset) => [...raw, offset] });

/** A model with every optional member set: sums its encoded row plus the offset. */
function everything(bias = 0): Model {
  return {
    header,
    inputs: Array.from({ length: WIDTH }, (_, i) => ({ name: `c:${i}`, domain: null })),
    outputs: [{ name: 'sum', kind: 'number' }],
    outWidth: 1,
    acceptsOffset: true,
    stateful: true,
    score(raw, out, offset) {
      let s = bias + offset;
      for (const v of raw) s += v;
      out[0] = s;
    },
    explanations: { contributions: echo('contributions'), leaf: echo('leaf'), other: echo('other') },
    bindInputs: (columns) => everything(columns.length * 100),
  };
}

function wrap(m: Model): Model {
  return new EncodedModel(m, compilePlan('OneHotExplicit', header, ORIG, WIDTH, 't'), ORIG, 't');
}

describe('EncodedModel forwards the Model contract', () => {
  const inner = everything();
  const m = wrap(inner);

  test('every member the wrapped model has, the wrapper has', () => {
    for (const key of Object.keys(MEMBERS) as (keyof Model)[]) {
      expect({ key, present: inner[key] !== undefined }).toEqual({ key, present: true });
      expect({ key, present: m[key] !== undefined }).toEqual({ key, present: true });
    }
    expect(m.header).toBe(inner.header);
    expect(m.outputs).toBe(inner.outputs);
    expect(m.outWidth).toBe(inner.outWidth);
    expect(m.acceptsOffset).toBe(true);
    expect(m.stateful).toBe(true);
    expect(Object.keys(m.explanations)).toEqual(['contributions', 'leaf', 'other']);
  });

  test('inputs are the original columns; score and explanations see the encoded row', () => {
    expect(m.inputs.map((c) => c.name)).toEqual(['c']);
    const out = new Float64Array(1);
    m.score(Float64Array.of(1), out, 0.5); // level b → [0, 1, 0]
    expect(out[0]).toBe(1.5);
    for (const name of ['contributions', 'leaf', 'other']) {
      expect(m.explanations[name].names).toEqual([name]);
      expect(m.explanations[name].compute(Float64Array.of(0), 2)).toEqual([1, 0, 0, 2]);
    }
  });

  test('a re-bound model is the wrapped model bound, behind the same encoding', () => {
    const bound = m.bindInputs!(['p', 'q']);
    expect(bound).toBeInstanceOf(EncodedModel);
    expect(bound.inputs.map((c) => c.name)).toEqual(['c']);
    const out = new Float64Array(1);
    bound.score(Float64Array.of(NaN), out, 0); // missing → every slot missing
    expect(out[0]).toBeNaN();
    bound.score(Float64Array.of(0), out, 0);
    expect(out[0]).toBe(201);
  });

  test('members the wrapped model lacks stay absent', () => {
    const { acceptsOffset: _a, stateful: _s, bindInputs: _b, ...bare } = everything();
    const w = wrap({ ...bare, explanations: {} });
    expect(w.acceptsOffset).toBeUndefined();
    expect(w.stateful).toBeUndefined();
    expect(w.bindInputs).toBeUndefined();
    expect(w.explanations).toEqual({});
  });
});
