/** k-LIME evaluator: prediction plus per-column reason codes (extra output 'klime'). */
export { klimeReader } from './reader.ts';
export { KLimeModel } from './model.ts';
export { GlmTerms } from './coefficients.ts';
