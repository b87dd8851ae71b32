/**
 * The demo model the project ships: served when no model is configured (a local run).
 * It is written by `test/support/mojo-writer` from the synthetic dataset documented in
 * `src/demo/README.md`; `bun run build:demo` regenerates it and a test checks it is current.
 */
import { fileURLToPath } from 'node:url';

export const DEMO_MODEL_PATH = fileURLToPath(new URL('./demo-gbm.zip', import.meta.url));
