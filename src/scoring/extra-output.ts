/**
 * Picks a model's explanation output by name ('contributions', 'leaf' or another explanations key);
 * a model without it is a 400 that says what it has instead. Shared by the CLI and the server.
 */
import { explanation } from '../algos/index.ts';

/** The model's explanation output `name` (the one rule lives in algos: `explanation`). */
export const extraOutput = explanation;
