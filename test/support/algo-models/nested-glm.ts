/** The small GLM that the writer-built k-LIME, stacked ensemble and pipeline MOJOs nest. */
import type { GlmMojoSpec } from '../mojo-writer/index.ts';

/** A gaussian GLM over Sex (categorical, mode male) and the numeric `numeric` (mean 40); beta: female, male, numeric, intercept. */
export function nestedGlm(beta: number[], numeric: string): GlmMojoSpec {
  return {
    cats: [{ name: 'Sex', domain: ['female', 'male'], mode: 1 }],
    nums: [{ name: numeric, mean: 40 }],
    response: { name: 'p1' },
    family: 'gaussian',
    link: 'identity',
    beta,
    useAllFactorLevels: true,
    meanImputation: true,
  };
}
