// AWS Lambda (Node.js 20 or 22 runtime), handler `lambda-handler.handler`, the MOJO beside this file
// (or anywhere: MOJO_MODEL_PATH). The model is loaded in the init phase, once per container; the
// handler answers API Gateway (REST and HTTP APIs) and function-URL events like /invocations.
import { createHandler } from 'mojo-scorer/lambda';

export const handler = createHandler({ model: process.env.MOJO_MODEL_PATH ?? 'models/demo-gbm.zip' });
