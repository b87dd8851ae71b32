/**
 * The demo model the project ships: served when no model is configured (a local run).
 * It is written by `test/support/mojo-writer` from the synthetic dataset documented in
 * `src/demo/README.md`; `npm run build:demo` regenerates it and a test checks it is current.
 */
// A file import is the zip's path on disk, and inside a `bun build --compile` binary the path of
// the copy embedded in it (node:fs reads both), so the container image needs no source tree.
import demoModel from './demo-gbm.zip' with { type: 'file' };

export const DEMO_MODEL_PATH: string = demoModel;
