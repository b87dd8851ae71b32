/** GLM MOJOs written with the linear-model writer. */
import { glmSpec, writeLinearMojo } from '../linear-mojo.ts';

/** A binomial logit GLM over one numeric x (beta 2, intercept -0.25), labelled with `category`. */
export function binomialGlmMojo(category = 'Binomial'): Uint8Array {
  return writeLinearMojo(
    glmSpec({
      category,
      columns: [{ name: 'x' }, { name: 'y', domain: ['no', 'yes'] }],
      nclasses: 2,
      family: 'binomial',
      link: 'logit',
      cats: 0,
      catOffsets: [0],
      nums: 1,
      beta: [2, -0.25],
    }),
  );
}
