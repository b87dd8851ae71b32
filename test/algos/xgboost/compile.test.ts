/**
 * The generated fast path and the interpreter must agree bit for bit on the same corpus.
 */
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { predictMargins, readBooster, type Booster } from '../../../src/algos/xgboost/index.ts';
import { compileForest } from '../../../src/algos/xgboost/booster-codegen.ts';
import { openMojo } from '../../../src/mojo/index.ts';
import { FIXTURES_DIR } from '../../support/fixtures.ts';
import { writeBooster, type NodeSpec } from '../../support/xgboost-writer.ts';

/** Deterministic corpus: values around typical splits, with missing values and extremes. */
function corpus(width: number, rows: number): Float64Array[] {
  let s = 12345;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const special = [NaN, 0, -0, Infinity, -Infinity, 1, 0.5];
  const out: Float64Array[] = [];
  for (let r = 0; r < rows; r++) {
    const fv = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      const u = rnd();
      fv[j] = Math.fround(u < 0.15 ? special[Math.floor(rnd() * special.length)] : (rnd() - 0.3) * 200);
    }
    out.push(fv);
  }
  return out;
}

function agree(b: Booster, width: number, nodesPerChunk?: number): void {
  const compiled = compileForest(b, nodesPerChunk);
  expect(compiled).not.toBeNull();
  const a = new Float64Array(b.groups);
  const c = new Float64Array(b.groups);
  for (const fv of corpus(width, 2000)) {
    predictMargins(b, fv, b.baseScore, a);
    predictMargins(b, fv, b.baseScore, c, compiled);
    expect([...c]).toEqual([...a]);
  }
}

describe('compiled forest = interpreter', () => {
  const tree: NodeSpec[] = [
    { feature: 0, split: 0.1, left: 1, right: 2, defaultLeft: true },
    { feature: 1, split: -3, left: 3, right: 4 },
    { leaf: 0.3 },
    { leaf: -1.7 },
    { leaf: 2.25 },
  ];
  /** A two-class softprob gbtree booster of these trees, each in its group. */
  const twoClasses = (trees: NodeSpec[][], treeInfo: number[]) =>
    readBooster(
      writeBooster({ baseScore: 0.5, numFeature: 2, numClass: 2, objective: 'multi:softprob', booster: 'gbtree', trees, treeInfo }),
    );
  test('gbtree, multi-group, both default directions', () => {
    agree(twoClasses([tree, tree, [{ leaf: 1e-7 }]], [0, 1, 1]), 2);
  });
  test('multi-group, one function per tree', () => {
    agree(twoClasses([tree, tree, tree, [{ leaf: 1e-7 }]], [0, 1, 0, 1]), 2, 1);
  });
  test('dart weights', () => {
    const b = readBooster(
      writeBooster({
        baseScore: 0.5,
        numFeature: 2,
        objective: 'reg:linear',
        booster: 'dart',
        trees: [tree, tree],
        weightDrop: [0.3, 1.7],
      }),
    );
    agree(b, 2);
  });
  for (const name of ['xgboost_java', 'xgboost', 'xgboost_old_dart', 'xgboost_with_offset']) {
    const path = join(FIXTURES_DIR, name, 'model.zip');
    test.skipIf(!existsSync(path))(`fixture ${name}`, () => {
      const b = readBooster(openMojo(path).bytes('boosterBytes'));
      agree(b, b.numFeature);
      // Many small functions chained by callInOrder (the sums threaded through every one).
      agree(b, b.numFeature, 7);
    });
  }
});
