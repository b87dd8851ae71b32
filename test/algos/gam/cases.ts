/**
 * The GAM test models (one per spline type and category, plus quirk cases) and their input
 * rows, shared by the tests. Coefficients and matrices are arbitrary fixed values; the cubic
 * spline's B⁻¹D is built from the knots as in Wood (2017) §5.3.1.
 */
import type { GamSpec, GamTermSpec } from '../../support/gam-writer.ts';

/** A fixed pseudo-random rows × cols matrix (values in (-1, 1)). */
export function fixedMatrix(rows: number, cols: number, seed: number): number[][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => Math.round(Math.sin(seed * 7.13 + i * 3.7 + j * 1.9) * 1e6) / 1e6),
  );
}

/** B⁻¹D for natural cubic regression splines with the given knots. */
export function cubicBinvD(knots: number[]): number[][] {
  const K = knots.length;
  const h = knots.slice(1).map((k, i) => k - knots[i]);
  const n = K - 2;
  const B = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const D = Array.from({ length: n }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < n; i++) {
    D[i][i] = 1 / h[i];
    D[i][i + 1] = -1 / h[i] - 1 / h[i + 1];
    D[i][i + 2] = 1 / h[i + 1];
    B[i][i] = (h[i] + h[i + 1]) / 3;
    if (i + 1 < n) {
      B[i][i + 1] = h[i + 1] / 6;
      B[i + 1][i] = h[i + 1] / 6;
    }
  }
  // Gauss-Jordan on [B | D].
  const A = B.map((r, i) => [...r, ...D[i]]);
  for (let c = 0; c < n; c++) {
    const piv = A[c][c];
    for (let j = 0; j < A[c].length; j++) A[c][j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c];
      for (let j = 0; j < A[r].length; j++) A[r][j] -= f * A[c][j];
    }
  }
  return A.map((r) => r.slice(n));
}

const COLOR = ['r', 'g', 'b'];

export const csTerm = (source: string, knots: number[], seed: number): GamTermSpec => ({
  type: 0,
  source,
  knots,
  binvD: cubicBinvD(knots),
  zT: fixedMatrix(knots.length - 1, knots.length, seed),
});

export interface GamCase {
  name: string;
  spec: GamSpec;
  /** CSV header (input names) and rows ('' = missing). */
  header: string[];
  rows: string[][];
}

const xs = ['-1', '0', '0.5', '1', '2.2', '2.5', '3.75', '5', '6.5', ''];

export const CASES: GamCase[] = [
  {
    name: 'cs_gaussian',
    spec: {
      category: 'Regression',
      family: 'gaussian',
      link: 'identity',
      nclasses: 1,
      features: [{ name: 'color', domain: COLOR }, { name: 'z' }],
      response: { name: 'y' },
      cats: 1,
      catOffsets: [0, 2],
      beta: [0.3, -0.2, 0.7, 1.25, -0.5, 0.8, 2.1, 1.1],
      terms: [csTerm('x', [0, 1, 2.5, 3, 5], 1)],
    },
    header: ['color', 'z', 'x'],
    rows: xs
      .map((x, i) => [COLOR[i % 3], String(0.25 * i - 1), x])
      .concat([
        ['', '1.5', '2'],
        ['b', '', '2'],
      ]),
  },
  {
    name: 'cs_gaussian_imputed',
    spec: {
      category: 'Regression',
      family: 'gaussian',
      link: 'identity',
      nclasses: 1,
      features: [{ name: 'color', domain: COLOR }, { name: 'z' }],
      response: { name: 'y' },
      cats: 1,
      catOffsets: [0, 2],
      catFills: [2],
      numFills: [0.625],
      beta: [0.3, -0.2, 0.7, 1.25, -0.5, 0.8, 2.1, 1.1],
      terms: [csTerm('x', [0, 1, 2.5, 3, 5], 1)],
    },
    header: ['color', 'z', 'x'],
    rows: [
      ['', '', '1.7'],
      ['g', '', '0.2'],
      ['', '3', ''],
      ['r', '1', '4.9'],
    ],
  },
  {
    name: 'is_binomial',
    spec: {
      category: 'Binomial',
      family: 'bernoulli',
      link: 'logit',
      nclasses: 2,
      features: [{ name: 'z' }],
      response: { name: 'y', domain: ['no', 'yes'] },
      cats: 0,
      catOffsets: [0],
      threshold: 0.4,
      beta: [0.5, 0.9, -1.3, 0.4, 1.7, -0.6, -0.4],
      terms: [{ type: 2, source: 'x', knots: [0, 1, 3, 4], order: 3 }],
    },
    header: ['z', 'x'],
    rows: ['-0.5', '0', '0.3', '1', '2', '3', '3.5', '4', '4.5', '', '2.75'].map((x, i) => [String(i * 0.1 - 0.3), x]),
  },
  {
    name: 'is_order1_gaussian',
    spec: {
      category: 'Regression',
      family: 'gaussian',
      nclasses: 1,
      features: [{ name: 'z' }],
      response: { name: 'y' },
      cats: 0,
      catOffsets: [0],
      beta: [0.5, 0.9, -1.3, 0.4, 1.7, 0.6, -0.4],
      terms: [{ type: 2, source: 'x', knots: [0, 1, 2, 3, 4], order: 2 }],
    },
    header: ['z', 'x'],
    rows: ['-0.5', '0', '0.3', '1', '2.5', '3', '3.99', '4', '9'].map((x) => ['1', x]),
  },
  {
    name: 'ms_poisson',
    spec: {
      category: 'Regression',
      family: 'poisson',
      link: 'log',
      nclasses: 1,
      features: [{ name: 'z' }],
      response: { name: 'y' },
      cats: 0,
      catOffsets: [0],
      beta: [0.2, 0.35, -0.45, 0.6, 0.15, 0.05],
      terms: [{ type: 3, source: 'x', knots: [0, 2, 3, 5], order: 3, zT: fixedMatrix(4, 5, 3) }],
    },
    header: ['z', 'x'],
    rows: ['-1', '0', '0.5', '2', '2.9', '3', '4.2', '5', '7', ''].map((x, i) => [String(i * 0.2), x]),
  },
  {
    name: 'tp2_gaussian',
    spec: {
      category: 'Regression',
      family: 'gaussian',
      link: 'identity',
      nclasses: 1,
      features: [{ name: 'z' }],
      response: { name: 'y' },
      cats: 0,
      catOffsets: [0],
      beta: [0.4, 1.1, -0.7, 0.25, 0.9, -0.3],
      terms: [
        {
          type: 1,
          sources: ['u', 'v'],
          knots: [
            [0, 1, 2, 0.5, 1.5],
            [0, 0.5, 1, 2, 1.25],
          ],
          m: 2,
          zCS: fixedMatrix(2, 5, 5),
          poly: [
            [0, 0],
            [1, 0],
            [0, 1],
          ],
          zT: fixedMatrix(4, 5, 6),
        },
      ],
    },
    header: ['z', 'u', 'v'],
    rows: [
      ['1', '0', '0'],
      ['0.5', '1', '0.5'],
      ['-1', '0.3', '1.7'],
      ['2', '2.5', '-1'],
      ['0', '', '1'],
      ['1', '0.75', ''],
    ],
  },
  {
    name: 'tp1_gamma',
    spec: {
      category: 'Regression',
      family: 'gamma',
      link: 'inverse',
      nclasses: 1,
      features: [{ name: 'z' }],
      response: { name: 'y' },
      cats: 0,
      catOffsets: [0],
      beta: [0.1, 0.3, -0.2, 0.15, 0.8],
      terms: [
        {
          type: 1,
          sources: ['x'],
          knots: [[0, 1, 2.5, 4]],
          m: 2,
          zCS: fixedMatrix(2, 4, 7),
          poly: [[0], [1]],
          zT: fixedMatrix(3, 4, 8),
        },
      ],
    },
    header: ['z', 'x'],
    rows: ['-1', '0', '0.7', '1', '3', '4', '6', ''].map((x) => ['0.5', x]),
  },
  {
    name: 'multinomial_cs_ms',
    spec: {
      category: 'Multinomial',
      family: 'multinomial',
      nclasses: 3,
      features: [{ name: 'color', domain: COLOR }, { name: 'z' }],
      response: { name: 'k', domain: ['a', 'b', 'c'] },
      cats: 1,
      catOffsets: [0, 2],
      betaMulti: [0, 1, 2].map((c) =>
        Array.from({ length: 2 + 1 + 5 + 4 + 1 }, (_, j) => Math.round(Math.cos(c * 2.3 + j * 1.1) * 1000) / 1000),
      ),
      terms: [csTerm('x', [0, 1, 2, 3.5, 4, 6], 9), { type: 3, source: 'w', knots: [0, 1, 2, 3], order: 3, zT: fixedMatrix(4, 5, 10) }],
    },
    header: ['color', 'z', 'x', 'w'],
    rows: [
      ['r', '0', '0.5', '0.5'],
      ['g', '1', '3', '2.5'],
      ['b', '-1', '5.5', '0'],
      ['r', '2', '', '1.5'],
      ['g', '0.5', '4', ''],
      ['b', '0', '7', '4'],
    ],
  },
  {
    name: 'ordinal_cs',
    spec: {
      category: 'Ordinal',
      family: 'ordinal',
      link: 'ologit',
      nclasses: 3,
      features: [{ name: 'z' }],
      response: { name: 'k', domain: ['lo', 'mid', 'hi'] },
      cats: 0,
      catOffsets: [0],
      betaMulti: [
        [0.3, 0.5, -0.4, 0.2, -1.0],
        [0.3, 0.5, -0.4, 0.2, 0.8],
        [0, 0, 0, 0, 0],
      ],
      terms: [csTerm('x', [0, 1, 2, 3], 11)],
    },
    header: ['z', 'x'],
    rows: [
      ['0', '0'],
      ['1', '1.5'],
      ['-2', '2.5'],
      ['3', '3'],
      ['-4', '0.2'],
      ['0', ''],
    ],
  },
  {
    name: 'mixed_cs_is_ms',
    spec: {
      category: 'Regression',
      family: 'gaussian',
      nclasses: 1,
      features: [{ name: 'z' }],
      response: { name: 'y' },
      cats: 0,
      catOffsets: [0],
      beta: Array.from({ length: 1 + 4 + 5 + 4 + 1 }, (_, j) => Math.round(Math.sin(j * 0.7 + 0.3) * 1000) / 1000),
      terms: [
        csTerm('x', [0, 1, 3, 4, 5], 12),
        { type: 2, source: 'w', knots: [0, 1, 2, 3], order: 3 },
        { type: 3, source: 'v', knots: [0, 1, 2, 3], order: 3, zT: fixedMatrix(4, 5, 13) },
      ],
    },
    header: ['z', 'x', 'w', 'v'],
    rows: [
      ['1', '0.5', '0.5', '0.5'],
      ['1', '2', '', ''],
      ['0', '', '1.5', ''],
      ['0', '', '', '2.5'],
    ],
  },
  {
    name: 'tp_standardized',
    spec: {
      category: 'Regression',
      family: 'gaussian',
      nclasses: 1,
      standardize: true,
      features: [{ name: 'z' }],
      response: { name: 'y' },
      cats: 0,
      catOffsets: [0],
      beta: [0.1, 0.3, -0.2, 0.15, 0.8],
      terms: [
        { type: 1, sources: ['x'], knots: [[0, 1, 2.5, 4]], m: 2, zCS: fixedMatrix(2, 4, 7), poly: [[0], [1]], zT: fixedMatrix(3, 4, 8) },
      ],
    },
    header: ['z', 'x'],
    rows: [
      ['1', '2'],
      ['1', ''],
    ],
  },
];
