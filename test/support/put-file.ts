/** Writing model roots for the multi-model tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `data` at `path`, making the folders above it. */
export function putFile(path: string, data: Uint8Array | string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
}
