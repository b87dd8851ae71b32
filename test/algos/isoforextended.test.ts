/**
 * Extended Isolation Forest on hand-written tree blobs. Tree: root splits on x - y (normal
 * (1, -1), intercept (0, 0)): ≤ 0 → leaf of 1 row (depth 1, c(1) = 0), > 0 → node 2 = leaf of
 * 2 rows (depth 1 + c(2) = 2). sample_size 4 → c(4) = 2(ln 3 + 0.5772156649) - 1.5.
 */
import { describe, expect, test } from 'bun:test';
import { averagePathLength } from '../../src/algos/isoforextended/index.ts';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { buildMojo, eifTree, type EifRecord, type MojoSpec } from '../support/multi-mojo.ts';
import { codeOf } from '../support/errors.ts';

const ROOT: EifRecord = { num: 0, split: { n: [1, -1], p: [0, 0] } };
const TREE = [ROOT, { num: 1, leafRows: 1 }, { num: 2, leafRows: 2 }];

function spec(trees: Uint8Array[], sample = 4): MojoSpec {
  const files: Record<string, Uint8Array> = {};
  for (const [i, t] of trees.entries()) files[`trees/t${String(i).padStart(2, '0')}.bin`] = t;
  return {
    algo: 'extendedisolationforest',
    algorithm: 'Extended Isolation Forest',
    category: 'AnomalyDetection',
    columns: [{ name: 'x' }, { name: 'y' }],
    info: [
      ['ntrees', { raw: String(trees.length) }],
      ['sample_size', { raw: String(sample) }],
    ],
    files,
  };
}

const run = (m: Model, x: number, y: number) => {
  const out = new Float64Array(2);
  m.score(Float64Array.of(x, y), out, 0);
  return [...out];
};

const C4 = 2 * (Math.log(3) + 0.5772156649) - 1.5;

describe('extended isolation forest', () => {
  test('c(n)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(4)).toBe(C4);
  });

  test('path lengths, mean and anomaly score (zero padding after the records is ignored)', () => {
    const m = decodeModelBytes(buildMojo(spec([eifTree(2, TREE, 256), eifTree(2, TREE)])));
    expect(m.outputs.map((c) => c.name)).toEqual(['anomaly_score', 'mean_length']);
    expect(run(m, 0, 1)).toEqual([Math.pow(2, -1 / C4), 1]); // x - y < 0 → left leaf
    expect(run(m, 1, 0)).toEqual([Math.pow(2, -2 / C4), 2]); // right: 1 + c(2)
    // a missing value makes the product NaN → right
    expect(run(m, NaN, 0)[1]).toBe(2);
  });

  test('a child stored before its parent is not found: path length -1 as in the reference', () => {
    const m = decodeModelBytes(buildMojo(spec([eifTree(2, [{ num: 1, leafRows: 1 }, ROOT, { num: 2, leafRows: 2 }])])));
    expect(run(m, 0, 1)[1]).toBe(-1);
    expect(run(m, 1, 0)[1]).toBe(2);
  });

  test('a scan reaching an unreadable record fails the row', () => {
    // node 2 is missing, and the zero padding is not a valid record
    const m = decodeModelBytes(buildMojo(spec([eifTree(2, [ROOT, { num: 1, leafRows: 1 }], 200)])));
    expect(run(m, 0, 1)[1]).toBe(1);
    expect(codeOf(() => run(m, 1, 0))).toBe('ROW_ERROR');
  });

  test('vectors shorter than the columns, or a missing blob → MOJO_FORMAT', () => {
    expect(codeOf(() => decodeModelBytes(buildMojo(spec([eifTree(1, [{ num: 0, split: { n: [1], p: [0] } }])]))))).toBe('MOJO_FORMAT');
    const s = spec([eifTree(2, TREE)]);
    expect(codeOf(() => decodeModelBytes(buildMojo({ ...s, files: {} })))).toBe('MOJO_FORMAT');
  });
});
