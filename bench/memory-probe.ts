/** Loads one model, collects garbage, and prints RSS and the bytes held in typed arrays. */
import { loadModel } from '../src/algos/index.ts';

const model = loadModel(process.argv[2]);

/** Walks the model object graph summing distinct ArrayBuffer bytes (plus string/array estimates). */
function typedBytes(root: unknown): number {
  const seen = new Set<unknown>();
  const buffers = new Set<ArrayBufferLike>();
  let other = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) {
      if (typeof v === 'string') other += v.length * 2;
      continue;
    }
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      buffers.add(v.buffer);
      continue;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
      continue;
    }
    if (Array.isArray(v)) {
      other += v.length * 8;
      for (const x of v) stack.push(x);
      continue;
    }
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  let bytes = other;
  for (const b of buffers) bytes += b.byteLength;
  return bytes;
}

Bun.gc(true);
console.log(JSON.stringify({ rss: process.memoryUsage().rss, modelBytes: typedBytes(model) }));
