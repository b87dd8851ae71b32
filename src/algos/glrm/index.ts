/** H2O GLRM MOJO reader (per-row X solve; optional reconstruction extra): format in params.ts, scoring in model.ts. */
import type { AlgorithmReader } from '../model.ts';
import { GlrmModel } from './model.ts';
import { readGlrmParams } from './params.ts';

export const glrmReader: AlgorithmReader = {
  algos: ['glrm'],
  maxMojoVersion: 1.1,
  read(ctx) {
    const { spec, recon } = readGlrmParams(ctx);
    return new GlrmModel(ctx.header, spec, recon);
  },
};

export { GLRM_RECONSTRUCT } from './model.ts';
