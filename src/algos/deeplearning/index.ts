/** H2O Deep Learning MOJO evaluator (feed-forward network, AutoEncoder included). */
export { deeplearningReader } from './reader.ts';
export { RECONSTRUCTION_MSE } from './model.ts';
