/** XGBoost MOJOs small enough to compute by hand. */
import { makeXgboostMojo, writeBooster, type NodeSpec } from '../xgboost-writer.ts';

/** x < 0.5 (or missing) → 1, otherwise → -1. */
const STUMP: NodeSpec[] = [
  { feature: 0, split: 0.5, left: 1, right: 2, defaultLeft: true, cover: 4 },
  { leaf: 1, cover: 3 },
  { leaf: -1, cover: 1 },
];

/** A binomial (binary:logistic) XGBoost MOJO of two stumps over one feature x. */
export function stumpXgboostMojo(): Uint8Array {
  const booster = writeBooster({
    baseScore: 0.5,
    numFeature: 1,
    objective: 'binary:logistic',
    booster: 'gbtree',
    major: 1,
    minor: 6,
    trees: [STUMP, STUMP],
  });
  return makeXgboostMojo({ booster, category: 'Binomial', features: [{ name: 'x' }], response: { name: 'y', domain: ['a', 'b'] } });
}
