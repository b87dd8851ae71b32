/** CoxPH MOJOs whose mean matrices are written from their rows. */
import { int, writeLinearMojo, type LinearMojoSpec } from '../linear-mojo.ts';
import { beDoubles } from '../mojo-writer/bytes.ts';

/**
 * A CoxPH MOJO over `columns` (the last is the stop column) with mean matrices `xCat`, `xNum`;
 * `info` adds the rest, `files` replaces entries (to corrupt one).
 */
export function coxphMojo(
  info: LinearMojoSpec['info'],
  columns: LinearMojoSpec['columns'],
  xCat: number[][],
  xNum: number[][],
  files: Record<string, Uint8Array> = {},
): Uint8Array {
  return writeLinearMojo({
    algo: 'coxph',
    algorithm: 'Cox Proportional Hazards',
    category: 'CoxPH',
    columns,
    nclasses: 1,
    info: [
      ['x_mean_cat_size1', int(xCat.length)],
      ['x_mean_cat_size2', int(xCat[0]?.length ?? 0)],
      ['x_mean_num_size1', int(xNum.length)],
      ['x_mean_num_size2', int(xNum[0]?.length ?? 0)],
      ...info,
    ],
    files: { x_mean_cat: beDoubles(xCat.flat()), x_mean_num: beDoubles(xNum.flat()), ...files },
  });
}

/** g ∈ {a,b,c} (level 0 dropped), x numeric, stop column. */
export const COXPH_COLUMNS: LinearMojoSpec['columns'] = [{ name: 'g', domain: ['a', 'b', 'c'] }, { name: 'x' }, { name: 'stop' }];

/** coef = [b, c, x] = [0.5, -1, 2], no strata; pair with means cat [0.2, 0.3], num [1.5]. */
export const COXPH_INFO: LinearMojoSpec['info'] = [
  ['coef', [0.5, -1, 2]],
  ['cats', int(1)],
  ['cat_offsets', { raw: '[0, 2]' }],
  ['use_all_factor_levels', false],
  ['strata_count', int(0)],
];
