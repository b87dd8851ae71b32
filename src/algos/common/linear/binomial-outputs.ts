/** Output layout of h2o linear binomial models, whose response domain may be absent. */
import type { MojoHeader } from '../../../mojo/index.ts';
import type { OutputColumn } from '../../model.ts';
import { classifierOutputs, numericBinomialOutputs, responseLevels } from '../output-columns.ts';

/**
 * predict + one probability per class. A two-class model without a response domain answers
 * "0"/"1" with columns named "0" and "1" (h2o-genmodel's GLM getOutputNames special case).
 */
export function binomialOutputs(h: MojoHeader): OutputColumn[] {
  // Quasi- and fractional-binomial GLMs have a numeric response.
  if (responseLevels(h) === null && h.nclasses === 2) return numericBinomialOutputs(['0', '1']);
  return classifierOutputs(h);
}
