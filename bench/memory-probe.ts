/**
 * Loads one model and prints the process RSS and the memory the loaded model holds: the growth
 * of the JS heap plus ArrayBuffer memory across the load, measured after full collections (the
 * archive bytes are read, decoded and dropped, so they do not count unless the model keeps them).
 */
import { decodeModel } from '../src/algos/index.ts';

function held(): number {
  Bun.gc(true);
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Copies loaded and kept alive: the per-model figure is their average, above GC noise. */
const COPIES = 8;

// Warm the loader on the same file first, so code and module state are not counted as model bytes.
decodeModel(process.argv[2]);
const rss = process.memoryUsage().rss;
const before = held();
const models = Array.from({ length: COPIES }, () => decodeModel(process.argv[2]));
const after = held();
console.log(JSON.stringify({ rss, modelBytes: Math.max(0, (after - before) / COPIES), outputs: models[0].outputs.length }));
