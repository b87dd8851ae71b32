/** Java's `int`: its range, the membership test, and the `(int) double` narrowing. */
export const INT_MAX = 2147483647;
export const INT_MIN = -2147483648;

/** True when `x` is an integer a Java `int` holds. */
export function isInt32(x: number): boolean {
  return Number.isInteger(x) && x >= INT_MIN && x <= INT_MAX;
}

/**
 * Java's `(int) double` narrowing: NaN → 0, truncation toward zero, saturation at the int32
 * bounds (and never -0: Java ints have no negative zero).
 */
export function javaInt(d: number): number {
  return d >= INT_MAX ? INT_MAX : d <= INT_MIN ? INT_MIN : d | 0;
}
