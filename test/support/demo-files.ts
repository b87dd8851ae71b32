/** The bundled demo model's entries, for tests that rebuild or wrap it. */
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';

/** The demo model's entries by name, folder entries left out. */
export function demoFiles(): Record<string, Uint8Array> {
  const files = unzipSync(new Uint8Array(readFileSync(DEMO_MODEL_PATH)));
  for (const k of Object.keys(files)) if (k.endsWith('/')) delete files[k];
  return files;
}
