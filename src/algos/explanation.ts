/**
 * Picks a model's explanation output by name ('contributions', 'leaf' or another key of
 * `Model.explanations`); a model without it is a 400 that says what it has instead. Shared by
 * the CLI, the server and the library.
 */
import { BadRequestError } from '../errors.ts';
import type { ExtraOutput, Model } from './model.ts';

/** The explanation `name` of `model`, or a BadRequestError listing the ones it has. */
export function explanation(model: Model, name: string): ExtraOutput {
  const all = model.explanations;
  const x = Object.hasOwn(all, name) ? all[name] : undefined;
  if (x === undefined) {
    const have = Object.keys(all);
    throw new BadRequestError(
      `this ${model.header.algo} model has no '${name}' output${have.length ? ` (it has: ${have.join(', ')})` : ''}`,
      { output: name },
    );
  }
  return x;
}
