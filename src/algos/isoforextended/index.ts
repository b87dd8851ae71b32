/**
 * Extended Isolation Forest MOJO reader (`algo = extendedisolationforest`, mojo_version 1.00):
 * model.ini `ntrees`, `sample_size`; one blob per tree, `trees/t%02d.bin` (see tree.ts).
 */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { featureInputs } from '../common/index.ts';
import { ExtendedIsolationForestModel } from './model.ts';
import { decodeTree } from './tree.ts';

const MAX_TREES = 1 << 20;

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const origin = ctx.source.origin;
  const ntrees = h.info.int('ntrees', 0);
  if (ntrees < 0 || ntrees > MAX_TREES) throw new MojoFormatError(`${origin}: ntrees = ${ntrees} is out of range`);
  const sampleSize = h.info.int('sample_size', 0);
  const inputs = featureInputs(h);
  const trees = [];
  for (let i = 0; i < ntrees; i++) {
    const name = `trees/t${String(i).padStart(2, '0')}.bin`;
    trees.push(decodeTree(ctx.source.bytes(name), inputs.length, `${origin}: ${name}`));
  }
  return new ExtendedIsolationForestModel(h, inputs, trees, sampleSize);
}

export const extendedIsolationForestReader: AlgorithmReader = { algos: ['extendedisolationforest'], maxMojoVersion: 1.0, read };
export { averagePathLength, ExtendedIsolationForestModel } from './model.ts';
export { decodeTree } from './tree.ts';
