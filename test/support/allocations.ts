/**
 * A deterministic proxy for "allocates nothing": while `f` runs, the global typed-array and
 * Array constructors count every construction (`new`, `from`, `of`) and the allocating array
 * methods (`map`, `filter`, `slice`, `subarray`, `concat`, `flatMap`, `Array.from`) count their
 * calls. Literals (`[]`, `{}`) and closures are not seen, so this is a lower bound: a test that
 * finds 0 here has at least created no arrays. Not timing-based: the count is exact.
 */

const CONSTRUCTORS = [
  'Array',
  'Float64Array',
  'Float32Array',
  'Int32Array',
  'Uint32Array',
  'Int16Array',
  'Uint16Array',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'BigInt64Array',
  'ArrayBuffer',
] as const;
const ARRAY_METHODS = ['map', 'filter', 'slice', 'concat', 'flatMap', 'flat', 'toSorted', 'toReversed'] as const;
const TYPED_METHODS = ['map', 'filter', 'slice', 'subarray', 'toSorted', 'toReversed'] as const;

type Restore = () => void;

/** Replaces `obj[key]` with `value` (same attributes) and returns the undo. */
function swap(obj: object, key: string, value: unknown): Restore {
  const desc = Object.getOwnPropertyDescriptor(obj, key);
  if (desc === undefined) return () => {};
  Object.defineProperty(obj, key, { ...desc, value });
  return () => Object.defineProperty(obj, key, desc);
}

/** Runs `f` and returns how many arrays it created (see the file comment for what is seen). */
export function countAllocations(f: () => void): number {
  let count = 0;
  const undo: Restore[] = [];
  try {
    const g = globalThis as unknown as Record<string, unknown>;
    for (const name of CONSTRUCTORS) {
      const original = g[name] as new (...args: unknown[]) => unknown;
      const counting = new Proxy(original, {
        construct(target, args) {
          count++;
          return Reflect.construct(target, args) as object;
        },
        apply(target, self, args) {
          count++;
          return Reflect.apply(target, self, args);
        },
      });
      undo.push(swap(globalThis, name, counting));
    }
    const wrap = (proto: object, names: readonly string[]): void => {
      for (const name of names) {
        const original = (proto as Record<string, unknown>)[name];
        if (typeof original !== 'function') continue;
        undo.push(
          swap(proto, name, function (this: unknown, ...args: unknown[]) {
            count++;
            return original.apply(this, args);
          }),
        );
      }
    };
    wrap(Array.prototype, ARRAY_METHODS);
    wrap(Object.getPrototypeOf(Int8Array.prototype) as object, TYPED_METHODS);
    wrap(Array, ['from', 'of']);
    wrap(Object.getPrototypeOf(Int8Array) as object, ['from', 'of']);
    f();
  } finally {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]();
  }
  return count;
}
