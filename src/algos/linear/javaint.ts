/** Java's `(int) double` narrowing: NaN → 0, truncation toward zero, saturation at int32 bounds. */
export function javaInt(x: number): number {
  if (x !== x) return 0;
  if (x >= 2147483647) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return Math.trunc(x);
}
