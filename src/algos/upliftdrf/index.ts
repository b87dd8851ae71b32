/** Uplift DRF MOJO reader: decodes the shared trees into its model.ts evaluator (scoring rules described there). */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader } from '../model.ts';
import { readTreeEnsemble } from '../common/index.ts';
import { UpliftDrfModel } from './model.ts';

export const upliftDrfReader: AlgorithmReader = {
  algos: ['upliftdrf'],
  maxMojoVersion: 1.4,
  read(ctx) {
    const h = ctx.header;
    if (h.nclasses !== 2) throw new MojoFormatError(`${ctx.source.origin}: uplift DRF needs 2 classes, has ${h.nclasses}`);
    return new UpliftDrfModel(h, readTreeEnsemble(ctx.source, h));
  },
};
