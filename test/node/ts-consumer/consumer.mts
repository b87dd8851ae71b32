// Type-checked in a project that installed the packed package (test/node/install.nodetest.mjs):
// the ESM declarations of every entry under TypeScript's node16 resolution.
import { loadModel, type MojoModel, ScorerError } from 'mojo-scorer';
import { createHandler, type LambdaHttpEvent, type LambdaHttpResult } from 'mojo-scorer/lambda';
import { loadModelFile } from 'mojo-scorer/node';

export const fromPath: MojoModel = loadModelFile('models/demo-gbm.zip');
export const fromBytes: MojoModel = loadModel(new Uint8Array(0));
export const isScorerError = (e: unknown): boolean => e instanceof ScorerError;
export const answer = (e: LambdaHttpEvent): Promise<LambdaHttpResult> => createHandler({ model: 'model.zip' })(e);
