/**
 * MOJO pipeline reader (`algo = pipeline`, MojoPipelineReader, mojo_version 1.00). model.ini:
 * the nested-model table, `main_model` (alias), and `generated_column_count` entries
 * `generated_column_name_<i>` (a main-model column), `generated_column_model_<i>` (the
 * sub-model computing it) and `generated_column_index_<i>` (the slot of its prediction).
 * Every nested model other than the main one is a stage.
 */
import { MojoFormatError } from '../../errors.ts';
import { featureInputs, RowMapper, SubModels } from '../common/index.ts';
import type { AlgorithmReader, InputColumn, Model, ReaderContext } from '../model.ts';
import { PipelineModel, type PipelineStage } from './model.ts';

interface Generated {
  name: string;
  model: string;
  slot: number;
}

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = `${ctx.source.origin}: model.ini`;
  const subs = new SubModels(ctx);
  const mainKey = info.str('main_model');
  if (mainKey === undefined) throw new MojoFormatError(`${origin}: no 'main_model'`);
  const main = subs.get(mainKey, 'main model');
  const count = info.int('generated_column_count', 0);
  if (count < 0 || count > main.inputs.length) throw new MojoFormatError(`${origin}: generated_column_count = ${count} is out of range`);
  const generated: Generated[] = [];
  for (let i = 0; i < count; i++) {
    const model = info.str(`generated_column_model_${i}`);
    if (model === undefined) throw new MojoFormatError(`${origin}: generated_column_model_${i} is missing`);
    generated.push({ name: info.str(`generated_column_name_${i}`, ''), model, slot: info.int(`generated_column_index_${i}`, 0) });
  }
  const inputs = featureInputs(h);
  const mainIndex = new Map<string, number>();
  for (let j = 0; j < main.inputs.length; j++) mainIndex.set(main.inputs[j].name, j);
  const genNames = new Set(generated.map((g) => g.name));

  // Main-model columns that are not generated come straight from the pipeline's row.
  const directCols: InputColumn[] = [];
  const directTargets: number[] = [];
  main.inputs.forEach((c, j) => {
    if (genNames.has(c.name)) return;
    directCols.push(c);
    directTargets.push(j);
  });
  const direct = RowMapper.build(inputs, directCols, `${origin}: main model '${mainKey}'`);

  const stages: PipelineStage[] = [];
  for (const key of subs.keys) {
    if (key === mainKey) continue;
    const model = subs.get(key, 'pipeline stage');
    const mine = generated.filter((g) => g.model === key);
    const from = new Int32Array(mine.length);
    const to = new Int32Array(mine.length);
    const levels = new Int32Array(mine.length);
    mine.forEach((g, t) => {
      if (g.slot < 0 || g.slot >= model.outWidth)
        throw new MojoFormatError(`${origin}: '${key}' has no prediction slot ${g.slot} (it writes ${model.outWidth})`);
      const j = mainIndex.get(g.name);
      if (j === undefined) throw new MojoFormatError(`${origin}: generated column '${g.name}' is not an input of the main model`);
      from[t] = g.slot;
      to[t] = j;
      levels[t] = main.inputs[j].domain?.length ?? 0;
    });
    const mapper = RowMapper.build(inputs, model.inputs, `${origin}: stage '${key}'`);
    stages.push({ model, mapper, fromSlots: from, toColumns: to, levelCounts: levels, names: mine.map((g) => g.name) });
  }
  for (const g of generated)
    if (!subs.has(g.model) || g.model === mainKey)
      throw new MojoFormatError(`${origin}: generated column '${g.name}' comes from unknown stage '${g.model}'`);
  return new PipelineModel(h, inputs, main, direct, Int32Array.from(directTargets), stages);
}

export const pipelineReader: AlgorithmReader = { algos: ['pipeline'], maxMojoVersion: 1.0, read };

export { PipelineModel } from './model.ts';
