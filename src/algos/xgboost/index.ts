/** XGBoost MOJO evaluator (pure TypeScript port of the booster format H2O embeds). */
export { xgboostReader } from './reader.ts';
export { readBooster, predictMargins, type Booster, type BoosterKind } from './booster.ts';
