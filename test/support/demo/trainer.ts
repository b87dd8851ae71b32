/**
 * A tiny, deterministic gradient boosting trainer producing trees in the shape H2O's GBM writes:
 * numeric splits `x >= threshold` with a learned NA direction, categorical splits as a set of
 * levels (levels ordered by mean residual, best prefix split — H2O's grouping of categorical
 * levels), leaves holding the learning-rate-scaled Newton step as float32.
 *
 * Not a port of H2O's trainer (no histograms, no sampling); only the model format matches.
 * Only IEEE +, −, ×, ÷ and the arithmetic-only dexp/dlog are used, so the result is bit-for-bit
 * reproducible.
 */
import { scoreTree, type NaDir, type SplitTest, type TreeNode } from '../mojo-writer/index.ts';
import { dlog, sigmoid } from './dmath.ts';

export interface TrainParams {
  distribution: 'bernoulli' | 'gaussian';
  ntrees: number;
  maxDepth: number;
  learnRate: number;
  /** Minimum rows in each child of a split. */
  minRows: number;
}

export interface TrainData {
  /** Encoded feature rows (level indices for categoricals, NaN = missing). */
  x: readonly ArrayLike<number>[];
  /** Response: 0/1 for bernoulli, real for gaussian. */
  y: readonly number[];
  /** Per feature: number of levels for categoricals, 0 for numeric. */
  cardinality: readonly number[];
}

export interface TrainedGbm {
  initF: number;
  trees: TreeNode[];
  /** Final link-space score per training row (init_f + Σ float32 leaf values, in tree order). */
  f: Float64Array;
}

interface Candidate {
  gain: number;
  col: number;
  na: NaDir;
  test: SplitTest;
  goesRight: (i: number) => boolean;
}

const EPS = 1e-12;

export function trainGbm(data: TrainData, params: TrainParams): TrainedGbm {
  const n = data.y.length;
  let initF: number;
  if (params.distribution === 'bernoulli') {
    let pos = 0;
    for (const v of data.y) pos += v;
    const p = pos / n;
    initF = dlog(p / (1 - p));
  } else {
    let s = 0;
    for (const v of data.y) s += v;
    initF = s / n;
  }
  // Tree sums accumulated exactly as a scorer does: Σ float32 leaves, then + init_f.
  const treeSum = new Float64Array(n);
  const f = new Float64Array(n).fill(initF);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeNode[] = [];
  const all = Array.from({ length: n }, (_, i) => i);
  for (let t = 0; t < params.ntrees; t++) {
    for (let i = 0; i < n; i++) {
      if (params.distribution === 'bernoulli') {
        const p = sigmoid(f[i]);
        g[i] = data.y[i] - p;
        h[i] = p * (1 - p);
      } else {
        g[i] = data.y[i] - f[i];
        h[i] = 1;
      }
    }
    const tree = grow(all, 0, data, params, g, h);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      treeSum[i] += scoreTree(tree, data.x[i]);
      f[i] = treeSum[i] + initF;
    }
  }
  return { initF, trees, f };
}

function grow(rows: number[], depth: number, data: TrainData, params: TrainParams, g: Float64Array, h: Float64Array): TreeNode {
  const best = depth < params.maxDepth ? bestSplit(rows, data, params, g) : null;
  if (best === null) return makeLeaf(rows, params, g, h);
  const left: number[] = [];
  const right: number[] = [];
  for (const i of rows) (best.goesRight(i) ? right : left).push(i);
  return {
    kind: 'split',
    col: best.col,
    na: best.na,
    test: best.test,
    left: grow(left, depth + 1, data, params, g, h),
    right: grow(right, depth + 1, data, params, g, h),
  };
}

function makeLeaf(rows: number[], params: TrainParams, g: Float64Array, h: Float64Array): TreeNode {
  let sg = 0;
  let sh = 0;
  for (const i of rows) {
    sg += g[i];
    sh += h[i];
  }
  const gamma = sh > EPS ? sg / sh : 0;
  const mean = sg / rows.length;
  let se = 0;
  for (const i of rows) se += (g[i] - mean) * (g[i] - mean);
  return { kind: 'leaf', value: Math.fround(params.learnRate * gamma), stats: { weight: rows.length, sqErr: se } };
}

/** Squared-error score of a group: (Σg)²/n — the gain is the increase of the sum over children. */
const score = (sum: number, cnt: number): number => (cnt > 0 ? (sum * sum) / cnt : 0);

function bestSplit(rows: number[], data: TrainData, params: TrainParams, g: Float64Array): Candidate | null {
  let total = 0;
  for (const i of rows) total += g[i];
  const parent = score(total, rows.length);
  let best: Candidate | null = null;
  const consider = (c: Candidate): void => {
    if (c.gain > EPS && (best === null || c.gain > best.gain)) best = c;
  };
  for (let col = 0; col < data.cardinality.length; col++) {
    const x = (i: number): number => data.x[i][col];
    const present = rows.filter((i) => !Number.isNaN(x(i)));
    const missing = rows.length - present.length;
    let naSum = 0;
    for (const i of rows) if (Number.isNaN(x(i))) naSum += g[i];

    // Evaluates "present rows split into L|R" with the NA rows sent either way.
    const evalPartition = (
      lSum: number,
      lCnt: number,
      rSum: number,
      rCnt: number,
      test: SplitTest,
      right: (i: number) => boolean,
    ): void => {
      if (missing === 0) {
        if (lCnt < params.minRows || rCnt < params.minRows) return;
        const gain = score(lSum, lCnt) + score(rSum, rCnt) - parent;
        // No NAs seen here: at scoring time they follow the larger child.
        const na: NaDir = lCnt >= rCnt ? 'Left' : 'Right';
        consider({ gain, col, na, test, goesRight: (i) => right(i) });
        return;
      }
      const isNa = (i: number): boolean => Number.isNaN(x(i));
      if (lCnt + missing >= params.minRows && rCnt >= params.minRows) {
        const gain = score(lSum + naSum, lCnt + missing) + score(rSum, rCnt) - parent;
        consider({ gain, col, na: 'NALeft', test, goesRight: (i) => !isNa(i) && right(i) });
      }
      if (lCnt >= params.minRows && rCnt + missing >= params.minRows) {
        const gain = score(lSum, lCnt) + score(rSum + naSum, rCnt + missing) - parent;
        consider({ gain, col, na: 'NARight', test, goesRight: (i) => isNa(i) || right(i) });
      }
    };

    if (missing >= params.minRows && present.length >= params.minRows) {
      const gain = score(total - naSum, present.length) + score(naSum, missing) - parent;
      consider({ gain, col, na: 'NAvsREST', test: { type: 'naVsRest' }, goesRight: (i) => Number.isNaN(x(i)) });
    }

    if (data.cardinality[col] === 0) {
      const sorted = present.slice().sort((a, b) => x(a) - x(b) || a - b);
      let lSum = 0;
      for (let k = 0; k < sorted.length - 1; k++) {
        lSum += g[sorted[k]];
        const a = x(sorted[k]);
        const b = x(sorted[k + 1]);
        if (a === b) continue;
        const thr = Math.fround((a + b) / 2);
        if (!(thr > a && thr <= b)) continue; // float32 cannot separate these values
        const lCnt = k + 1;
        evalPartition(lSum, lCnt, total - naSum - lSum, present.length - lCnt, { type: 'numeric', threshold: thr }, (i) => x(i) >= thr);
      }
    } else {
      const card = data.cardinality[col];
      const sums = new Float64Array(card);
      const cnts = new Float64Array(card);
      for (const i of present) {
        sums[x(i)] += g[i];
        cnts[x(i)] += 1;
      }
      const levels = [...Array(card).keys()].filter((l) => cnts[l] > 0);
      levels.sort((a, b) => sums[a] / cnts[a] - sums[b] / cnts[b] || a - b);
      let lSum = 0;
      let lCnt = 0;
      for (let k = 0; k < levels.length - 1; k++) {
        lSum += sums[levels[k]];
        lCnt += cnts[levels[k]];
        const rightSet = new Set(levels.slice(k + 1));
        const rightLevels = [...rightSet].sort((a, b) => a - b);
        evalPartition(lSum, lCnt, total - naSum - lSum, present.length - lCnt, { type: 'bitset', rightLevels }, (i) => rightSet.has(x(i)));
      }
    }
  }
  return best;
}
