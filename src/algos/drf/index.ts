/**
 * DRF MOJO reader: decodes the shared trees, `binomial_double_trees` and, for binomial SHAP, the
 * count of used variables from experimental/modelDetails.json into its model.ts evaluator.
 */
import type { MojoSource } from '../../mojo/index.ts';
import type { AlgorithmReader } from '../model.ts';
import { readTreeEnsemble } from '../common/index.ts';
import { DrfModel } from './model.ts';

export const drfReader: AlgorithmReader = {
  algos: ['drf'],
  maxMojoVersion: 1.4,
  read(ctx) {
    const h = ctx.header;
    const e = readTreeEnsemble(ctx.source, h);
    const doubleTrees = h.info.bool('binomial_double_trees', false);
    const used = !doubleTrees && h.category === 'Binomial' ? usedVariables(ctx.source) : null;
    return new DrfModel(h, e, doubleTrees, used);
  },
};

/** Number of variables with a non-zero relative importance, or null when not recorded. */
function usedVariables(src: MojoSource): number | null {
  const name = 'experimental/modelDetails.json';
  if (!src.has(name)) return null;
  try {
    const json = JSON.parse(src.text(name)) as {
      output?: { variable_importances?: { columns?: { description?: string; name?: string }[]; data?: unknown[][] } };
    };
    const t = json.output?.variable_importances;
    if (!t?.columns || !t.data) return null;
    const col = t.columns.findIndex((c) => c.description === 'Relative Importance');
    if (col < 0) return null;
    return (t.data[col] as unknown[]).filter((v) => typeof v === 'number' && v !== 0).length;
  } catch {
    return null;
  }
}
