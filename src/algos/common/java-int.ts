/**
 * Java's `(int) double` narrowing: NaN → 0, truncation toward zero, saturation at the int32
 * bounds (and never -0: Java ints have no negative zero).
 */
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

export function javaInt(d: number): number {
  return d >= INT_MAX ? INT_MAX : d <= INT_MIN ? INT_MIN : d | 0;
}
