/** Output layout of h2o linear binomial models, whose response domain may be absent. */
import type { MojoHeader } from '../../../mojo/index.ts';
import type { OutputColumn } from '../../model.ts';
import { classifierOutputs } from '../output-columns.ts';

/** Quasi- and fractional-binomial GLMs have a numeric response: h2o labels the classes "0"/"1". */
const NUMERIC_BINOMIAL_LEVELS = ['0', '1'] as const;

/**
 * predict + one probability per class. A two-class model without a response domain answers
 * "0"/"1" with columns named "0" and "1" (h2o-genmodel's GLM getOutputNames special case).
 */
export function binomialOutputs(h: MojoHeader): OutputColumn[] {
  const d = h.columns.length > 0 ? h.domains[h.columns.length - 1] : null;
  if (d == null && h.nclasses === 2) {
    return [
      { name: 'predict', kind: 'label', domain: NUMERIC_BINOMIAL_LEVELS },
      { name: '0', kind: 'number' },
      { name: '1', kind: 'number' },
    ];
  }
  return classifierOutputs(h);
}
