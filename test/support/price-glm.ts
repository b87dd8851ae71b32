/** The small gaussian GLM the server tests load by file: price = 1·[color = red] + 2x + 0.5. */
import type { GlmMojoSpec } from './mojo-writer/index.ts';

/** color ∈ {blue, red}, numeric x, response price; write it with writeGlmMojo or glmMojoFiles. */
export const PRICE_GLM: GlmMojoSpec = {
  cats: [{ name: 'color', domain: ['blue', 'red'] }],
  nums: [{ name: 'x' }],
  response: { name: 'price' },
  family: 'gaussian',
  link: 'identity',
  beta: [1, 2, 0.5],
  uuid: '42',
};

/** What PRICE_GLM predicts. */
export const price = (red: boolean, x: number): number => (red ? 1 : 0) + 2 * x + 0.5;

/** y = 2·`column` + 1: the one-input gaussian GLM of the multi-model tests. */
export function lineGlm(column = 'x'): GlmMojoSpec {
  return { cats: [], nums: [{ name: column }], response: { name: 'y' }, family: 'gaussian', link: 'identity', beta: [2, 1], uuid: '7' };
}
