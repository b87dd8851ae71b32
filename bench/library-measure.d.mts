/** Types of library-measure.mjs (plain JS so node and a browser page run it without a loader). */
export function measure(
  lib: typeof import('../src/lib/index.ts'),
  bytes: Uint8Array | ArrayBuffer,
  rows: Record<string, unknown>[],
  seconds?: number,
  rounds?: number,
): { records: number; encoded: number };
