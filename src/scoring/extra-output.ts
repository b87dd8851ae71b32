/**
 * Picks a model's explanation output by name ('contributions', 'leaf' or an extras key);
 * a model without it is a 400 that says what it has instead. Shared by the CLI and the server.
 */
import type { ExtraOutput, Model } from '../algos/index.ts';
import { BadRequestError } from '../errors.ts';

export function extraOutput(model: Model, name: string): ExtraOutput {
  const x = name === 'contributions' ? model.contributions : name === 'leaf' ? model.leafAssignments : model.extras?.[name];
  if (x === undefined) {
    const have = [model.contributions && 'contributions', model.leafAssignments && 'leaf', ...Object.keys(model.extras ?? {})].filter(
      Boolean,
    );
    throw new BadRequestError(
      `this ${model.header.algo} model has no '${name}' output${have.length ? ` (it has: ${have.join(', ')})` : ''}`,
    );
  }
  return x;
}
