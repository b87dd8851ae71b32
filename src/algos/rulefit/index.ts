/** RuleFit MOJO reader: rule ensemble over a nested GLM (MultiModelMojoReader layout). */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { RuleFitModel } from './model.ts';
import { readRuleFitParams } from './params.ts';

export const rulefitReader: AlgorithmReader = {
  algos: ['rulefit'],
  maxMojoVersion: 1.0,
  read(ctx: ReaderContext): Model {
    const info = ctx.header.info;
    const origin = `${ctx.source.origin}: model.ini`;
    const key = info.str('linear_model');
    if (key === undefined) throw new MojoFormatError(`${origin}: RuleFit has no 'linear_model'`);
    const count = info.int('submodel_count', 0);
    let linear: Model | undefined;
    for (let i = 0; i < count; i++) {
      if (info.str(`submodel_key_${i}`) !== key) continue;
      const dir = info.str(`submodel_dir_${i}`);
      if (dir === undefined) throw new MojoFormatError(`${origin}: submodel_dir_${i} is missing`);
      linear = ctx.loadNested(dir);
    }
    if (linear === undefined) throw new MojoFormatError(`${origin}: linear model '${key}' is not among the submodels`);
    const p = readRuleFitParams(ctx.header, ctx.header.nfeatures, linear.inputs.length, origin);
    return new RuleFitModel(ctx.header, linear, p, origin);
  },
};

export { RuleFitModel };
