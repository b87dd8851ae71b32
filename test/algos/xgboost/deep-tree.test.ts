/**
 * A 20,000-deep XGBoost tree (a chain of splits) loads and scores: code generation falls back to
 * the interpreter instead of overflowing the stack while emitting nested source, with code
 * generation on and off.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../../src/algos/index.ts';
import { makeXgboostMojo, writeBooster, type NodeSpec } from '../../support/xgboost-writer.ts';

const DEPTH = 20_000;

/**
 * A chain: split i (node 2i) sends x < i left to a leaf worth i (node 2i + 1) and anything else
 * (missing included) right to split i + 1; past the last split is a leaf worth -1.
 */
function deepTree(depth: number): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < depth; i++) {
    const split = 2 * i;
    const leaf = 2 * i + 1;
    const next = 2 * i + 2;
    nodes[split] = { feature: 0, split: i, left: leaf, right: next };
    nodes[leaf] = { leaf: i };
  }
  nodes[2 * depth] = { leaf: -1 };
  return nodes;
}

function mojo(): Uint8Array {
  const booster = writeBooster({ baseScore: 0, numFeature: 1, objective: 'reg:squarederror', booster: 'gbtree', trees: [deepTree(DEPTH)] });
  return makeXgboostMojo({ booster, category: 'Regression', features: [{ name: 'x' }] });
}

for (const codegen of [true, false]) {
  describe(`XGBoost tree ${DEPTH} levels deep (code generation ${codegen ? 'on' : 'off'})`, () => {
    test('loads and scores like the chain it is', () => {
      const saved = process.env.MOJO_SCORER_NO_CODEGEN;
      if (codegen) delete process.env.MOJO_SCORER_NO_CODEGEN;
      else process.env.MOJO_SCORER_NO_CODEGEN = '1';
      try {
        const m = decodeModelBytes(mojo());
        const out = new Float64Array(m.outWidth);
        for (const [x, want] of [
          [-0.5, 0],
          [2.5, 3],
          [19_998.5, 19_999],
          [1e9, -1],
          [NaN, -1],
        ] as const) {
          m.score(Float64Array.of(x), out, 0);
          expect(out[0]).toBe(want);
        }
      } finally {
        if (saved === undefined) delete process.env.MOJO_SCORER_NO_CODEGEN;
        else process.env.MOJO_SCORER_NO_CODEGEN = saved;
      }
    }, 60_000);
  });
}
